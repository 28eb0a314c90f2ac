//! Goals with someone, on their page: each with where it stands and its next review, and the
//! form that sets one (reviewed by default six and twelve months after the kickoff).

use crate::domain::goal::default_reviews;
use crate::domain::{describe_due, Change, Command, PersonId, TrustCommand, Zone, MAX_TEXT};
use crate::ui::app::Troth;
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::form::Form;
use crate::ui::intl::IntlDates;
use crate::ui::route::Route;
use leptos::prelude::*;

/// One goal as the person page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GoalRow {
    id: crate::domain::GoalId,
    what: String,
    /// "next review …", or "ended".
    state: String,
}

#[component]
pub fn Goals(with: PersonId, name: String, zone: Option<Zone>, removed: bool) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    let rows = Memo::new(move |_| {
        troth.book.with(|b| {
            b.goals_with(with)
                .map(|g| GoalRow {
                    id: g.id(),
                    what: g.what().to_owned(),
                    state: match (g.ended(), g.next_review()) {
                        (Some(_), _) => "ended".to_owned(),
                        (None, Some(r)) => {
                            format!(
                                "next review {}",
                                describe_due(rules, &IntlDates, r.due.at, &mine, None)
                            )
                        }
                        (None, None) => "no review set".to_owned(),
                    },
                })
                .collect::<Vec<_>>()
        })
    });
    let other = zone.map(|z| (name.clone(), z));
    view! {
        <section class="troth-card" aria-labelledby="goals-title">
            <h2 id="goals-title">"Goals"</h2>
            <Show when=move || rows.with(|r| !r.is_empty())
                fallback=|| view! { <p class="troth-empty">"No goal agreed yet."</p> }>
                <ul class="troth-list troth-goals">
                    {move || rows.get().into_iter().map(|r| view! {
                        <li class="troth-row troth-row--open">
                            <a class="troth-row__what" href=Route::Goal(r.id).href()>{r.what}</a>
                            <span class="troth-row__facts">{r.state}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
            {(!removed).then(|| view! { <GoalForm with name=name.clone() other=other.clone()/> })}
        </section>
    }
}

/// Sets a goal: what both agreed, the kickoff, and reviews six and twelve months on.
#[component]
fn GoalForm(with: PersonId, name: String, other: Option<(String, Zone)>) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    let what = RwSignal::new(String::new());
    let kickoff = DueInputs::new(mine.name());
    let form = Form::new();
    let reviews = move || {
        let due = kickoff.due(rules).ok()?;
        let said: Vec<String> = default_reviews(rules, &due)
            .iter()
            .map(|r| describe_due(rules, &IntlDates, r.at, &mine, None))
            .collect();
        Some(format!(
            "Reviews: {} (six and twelve months on; you can move them or add more on the goal's page).",
            said.join(" and ")
        ))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due = match kickoff.due(rules) {
            Ok(due) => due,
            Err(e) => return form.refuse(e),
        };
        let command = Command::Trust(TrustCommand::SetGoal {
            with,
            what: what.get_untracked(),
            reviews: default_reviews(rules, &due),
            kickoff: due,
        });
        form.submit(command, move |change| {
            if let Change::Goal(id) = change {
                troth.page.go(&Route::Goal(id))
            }
        });
    };
    view! {
        <details class="troth-release">
            <summary>{format!("Set a goal with {name}")}</summary>
            <form class="troth-form" on:submit=submit>
                <TextField id="goal-what" label="What did you both agree?" value=what max=MAX_TEXT wide=true/>
                <p class="troth-hint">"The kickoff: when it starts."</p>
                <DueFields inputs=kickoff id="goal-kickoff" other=Signal::stored(other)/>
                <p class="troth-hint" aria-live="polite">{reviews}</p>
                <ErrorLine error=form.error/>
                <button type="submit" class="troth-button">"Set the goal"</button>
            </form>
        </details>
    }
}
