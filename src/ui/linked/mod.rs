//! The links part (`link.html`): what a link from another person opens. A request to answer,
//! a reply to record, an offer to keep. Each is read and checked first, shown in plain words,
//! and changes nothing until a button is pressed.

pub mod ask;
pub mod offer;
pub mod reply;
pub mod send;

use crate::domain::link::LinkError;
use crate::domain::{describe_due, Due, Instant, Zone, ZoneRules};
use crate::ui::intl::IntlDates;
use crate::ui::links::read;
use leptos::prelude::*;

/// What a link page says of its link: its heading while the link is read and when it cannot
/// be, and what was left unchanged then.
struct Page {
    reading: &'static str,
    failed: &'static str,
    unchanged: &'static str,
}

/// A link's payload, read and checked by `parse`, then shown by `show`; while it is read, and
/// when it cannot be, the page says so in words.
fn opened<T: Clone + Send + Sync + 'static>(
    payload: String,
    page: Page,
    parse: fn(&str) -> Result<T, LinkError>,
    show: fn(T) -> AnyView,
) -> impl IntoView {
    let opened = LocalResource::new(move || {
        let payload = payload.clone();
        async move { parse(&read(&payload).await?) }
    });
    move || match opened.get() {
        None => {
            view! { <h1 tabindex="-1">{page.reading}</h1><p>"Reading the link…"</p> }.into_any()
        }
        Some(Err(e)) => view! {
            <h1 tabindex="-1">{page.failed}</h1>
            <p class="troth-error" role="alert">{e.to_string()}</p>
            <p>{page.unchanged}</p>
        }
        .into_any(),
        Some(Ok(it)) => show(it),
    }
}

/// A due moment as the link's reader sees it: as it was stated, and in their own time.
fn due_for_reader(rules: &dyn ZoneRules, due: &Due, mine: &Zone) -> String {
    describe_due(rules, &IntlDates, due.at, &due.zone, Some(("you", mine)))
}

/// A moment in the reader's own time.
fn when(rules: &dyn ZoneRules, at: Instant, mine: &Zone) -> String {
    crate::domain::day_time_in(rules, &IntlDates, at, mine)
}

/// Who a request or offer says it is from: nothing signs that.
fn says_from(from: &str) -> String {
    format!("This link says it comes from {from}; Troth cannot check who made it.")
}

/// The Keep button names the Troth it keeps into: the one at this address, which is the
/// sender's, not necessarily the reader's own.
fn keep_label() -> String {
    let host = window().location().host().unwrap_or_default();
    format!("Keep in the Troth at {host}")
}
