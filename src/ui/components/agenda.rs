//! The ledger's rows for what is due besides commitments: reviews of goals, and raised hands
//! to raise with someone. Soonest first; each leads to where it is settled.

use crate::domain::agenda::{agenda, Kind};
use crate::domain::{describe_due, relative};
use crate::ui::app::Troth;
use crate::ui::intl::IntlDates;
use crate::ui::route::Route;
use leptos::prelude::*;

/// One row, as the ledger shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AgendaRow {
    href: String,
    what: String,
    with: String,
    when: String,
    due: String,
    overdue: bool,
}

#[component]
pub fn Agenda() -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let rows = Memo::new(move |_| {
        let now = troth.page.now.get();
        let mine = troth.page.my_zone.get_value();
        troth.book.with(|b| {
            agenda(b, None)
                .into_iter()
                .map(|a| {
                    let person = b.person(a.with);
                    let name = b.name_of(a.with);
                    let (href, what) = match a.kind {
                        Kind::Review { goal, .. } => (
                            Route::Goal(goal).href(),
                            format!("Review the goal: {}", b.goal(goal).map_or("", |g| g.what())),
                        ),
                        // The concern is private: the ledger names only whom it is with.
                        Kind::Hand(_) => (
                            Route::Person(a.with).href(),
                            format!("Raise your hand with {name}"),
                        ),
                    };
                    AgendaRow {
                        href,
                        what,
                        with: name.clone(),
                        when: relative(now, a.due.at),
                        due: describe_due(
                            rules,
                            &IntlDates,
                            a.due.at,
                            &mine,
                            person.and_then(|p| Some((p.name.as_str(), p.zone.as_ref()?))),
                        ),
                        overdue: a.is_overdue(now),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || rows.with(|r| !r.is_empty())>
            <section class="troth-group troth-group--agenda" aria-labelledby="group-agenda">
                <h2 id="group-agenda">"Reviews and raised hands" <span class="troth-count">{move || rows.with(Vec::len)}</span></h2>
                <ul class="troth-list">
                    {move || rows.get().into_iter().map(|r| view! {
                        <li class=if r.overdue { "troth-row troth-row--late" } else { "troth-row troth-row--open" }>
                            <a class="troth-row__what" href=r.href>{r.what}</a>
                            <span class="troth-tag">{if r.overdue { "due now" } else { "ahead" }}</span>
                            <span class="troth-row__facts">
                                <span class="troth-row__to">"with " {r.with}</span>
                                <strong class="troth-row__when">{r.when}</strong>
                                <span class="troth-row__due">{r.due}</span>
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
