//! Successes affirmed with someone: a list, newest first, and the form that notes one. Noting a
//! success is always offered, never required.

use crate::domain::success::{Source, Success};
use crate::domain::{
    describe_due, Book, Command, PersonId, TrustCommand, Zone, ZoneRules, MAX_TEXT,
};
use crate::ui::app::Troth;
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::form::Form;
use crate::ui::intl::IntlDates;
use crate::ui::route::Route;
use leptos::prelude::*;

/// One success as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuccessRow {
    pub id: crate::domain::SuccessId,
    pub what: String,
    /// When it was noted, on the user's clock.
    pub when: String,
    /// What it came from, as a link: its address and words.
    pub from: Option<(String, String)>,
}

impl SuccessRow {
    pub fn of(book: &Book, s: &Success, rules: &dyn ZoneRules, mine: &Zone) -> Self {
        let from = s.from();
        let source = if let Some(c) = from.commitment.and_then(|c| book.commitment(c)) {
            Some((
                Route::Commitment(c.id()).href(),
                format!("From: {}", c.what()),
            ))
        } else if let Some(g) = from.goal.and_then(|g| book.goal(g)) {
            Some((Route::Goal(g.id()).href(), format!("Toward: {}", g.what())))
        } else {
            from.topic.map(|t| {
                let talk = book.talk(t.talk);
                let words = talk
                    .and_then(|talk| talk.topic(t.topic))
                    .map_or("a topic of a talk since deleted".to_owned(), |topic| {
                        format!("Confirmed in a talk: {}", topic.text())
                    });
                (
                    Route::Summary(t.talk).href_from(crate::ui::route::Part::Ledger),
                    words,
                )
            })
        };
        Self {
            id: s.id(),
            what: s.what().to_owned(),
            when: describe_due(rules, &IntlDates, s.at(), mine, None),
            from: source,
        }
    }
}

/// Successes, newest first (as given), or a line saying there are none yet.
#[component]
pub fn SuccessList(
    /// The rows, newest first.
    #[prop(into)]
    rows: Signal<Vec<SuccessRow>>,
) -> impl IntoView {
    view! {
        <Show when=move || rows.with(|r| !r.is_empty())
            fallback=|| view! { <p class="troth-empty">"None noted yet."</p> }>
            <ul class="troth-list troth-successes">
                <For each=move || rows.get() key=|r| r.id let:r>
                    <li class="troth-row troth-row--kept">
                        <span class="troth-row__what">{r.what.clone()}</span>
                        <span class="troth-row__facts">
                            <span class="troth-row__due">{format!("Noted {}", r.when)}</span>
                            {r.from.clone().map(|(href, words)| view! { <a href=href>{words}</a> })}
                        </span>
                    </li>
                </For>
            </ul>
        </Show>
    }
}

/// The form that notes a success to affirm with `with`. `id` prefixes the field's id, so a page
/// can hold more than one.
#[component]
pub fn AffirmForm(
    with: PersonId,
    /// Their name, for the label.
    name: String,
    /// What it comes from, if anything.
    #[prop(optional)]
    from: Source,
    /// The prefix of the form's ids.
    #[prop(into)]
    id: String,
    /// The words to start from (a topic's text, say).
    #[prop(optional, into)]
    start: String,
) -> impl IntoView {
    let troth = Troth::get();
    let what = RwSignal::new(start.clone());
    let form = Form::new();
    let noted = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = Command::Trust(TrustCommand::Affirm {
            with,
            what: what.get_untracked(),
            from,
        });
        troth.run(command, move |r| {
            noted.set(r.is_ok());
            match r {
                Ok(_) => {
                    form.error.set(None);
                    what.set(String::new());
                }
                Err(e) => form.refuse(e),
            }
        });
    };
    let field = format!("{id}-what");
    view! {
        <form class="troth-form" on:submit=submit>
            <TextField id=field label=format!("A success to affirm with {name}, in your words")
                value=what max=MAX_TEXT wide=true/>
            <ErrorLine error=form.error/>
            <p class="troth-hint" role="status">{move || noted.get().then_some("Noted.")}</p>
            <button type="submit" class="troth-button">"Note the success"</button>
        </form>
    }
}
