//! The separately loaded parts of Troth. Each bin mounts one, and only the pages its `pages`
//! function names are compiled into that bin's WASM: a visitor to the ledger never downloads
//! presentation mode.

use crate::ui::app::Troth;
use crate::ui::route::{Part, Route};
use crate::ui::shell::{mount, Shell};
use crate::ui::{linked, pages, talk};
use leptos::prelude::*;

/// The ledger with what a person needs beside it: a commitment's page, people, a person.
fn ledger(route: Route) -> AnyView {
    match route {
        Route::Ledger => pages::ledger::Ledger().into_any(),
        Route::Commitment(id) => view! { <pages::commitment::CommitmentPage id/> }.into_any(),
        Route::People => pages::people::People().into_any(),
        Route::Person(id) => view! { <pages::person::PersonPage id/> }.into_any(),
        Route::Goal(id) => view! { <pages::goal::GoalPage id/> }.into_any(),
        _ => pages::not_found::NotFound().into_any(),
    }
}

/// Presentation mode: talks, the console, the projector, the summary, shared talks.
fn talks(route: Route) -> AnyView {
    match route {
        Route::Talks => talk::talks::Talks().into_any(),
        Route::Present(id) => view! { <talk::present::Present id/> }.into_any(),
        Route::Project(id) => view! { <talk::project::Project id/> }.into_any(),
        Route::Summary(id) => view! { <talk::summary::SummaryPage id/> }.into_any(),
        Route::Share(payload) => view! { <talk::share::SharePage payload/> }.into_any(),
        _ => pages::not_found::NotFound().into_any(),
    }
}

/// Keeping the data: backups, the calendar file, storage.
fn backup(route: Route) -> AnyView {
    match route {
        Route::Settings => pages::settings::Settings().into_any(),
        _ => pages::not_found::NotFound().into_any(),
    }
}

/// What a link from another person opens: a request, a reply, an offer.
fn links(route: Route) -> AnyView {
    match route {
        Route::Ask(payload) => view! { <linked::ask::AskPage payload/> }.into_any(),
        Route::Reply(payload) => view! { <linked::reply::ReplyPage payload/> }.into_any(),
        Route::Offer(payload) => view! { <linked::offer::OfferPage payload/> }.into_any(),
        Route::Send(id) => view! { <linked::send::SendPage id/> }.into_any(),
        _ => pages::not_found::NotFound().into_any(),
    }
}

/// Where the user makes changes that can be undone (done, covered, removed…), the last one is
/// taken back this way. The Backup and links pages make none: they carry no undo.
const UNDO: Option<fn(&Troth)> = Some(Troth::undo_last);

/// `index.html`: the ledger.
pub fn mount_ledger() {
    mount(Part::Ledger, ledger, UNDO);
}

/// `talk.html`: presentation mode.
pub fn mount_talks() {
    mount(Part::Talks, talks, UNDO);
}

/// `backup.html`: the Backup page.
pub fn mount_backup() {
    mount(Part::Backup, backup, None);
}

/// `link.html`: links between two people.
pub fn mount_links() {
    mount(Part::Links, links, None);
}

/// The ledger part as a component, for tests that mount it themselves.
#[component]
pub fn LedgerApp() -> impl IntoView {
    view! { <Shell part=Part::Ledger pages=ledger undo=UNDO/> }
}

/// The talk part as a component, for tests.
#[component]
pub fn TalksApp() -> impl IntoView {
    view! { <Shell part=Part::Talks pages=talks undo=UNDO/> }
}

/// The links part as a component, for tests.
#[component]
pub fn LinksApp() -> impl IntoView {
    view! { <Shell part=Part::Links pages=links undo=None/> }
}

/// The backup part as a component, for tests.
#[component]
pub fn BackupApp() -> impl IntoView {
    view! { <Shell part=Part::Backup pages=backup undo=None/> }
}
