//! Raise your hand: where trust seems absent with someone, written privately, with a moment to
//! raise it with them; then settled by what was said and how trust stands. The person page
//! holds the form and the list.

use crate::domain::hand::HandOutcome;
use crate::domain::{
    describe_due, relative, Command, HandId, PersonId, Settle, TrustCommand, Zone, MAX_TEXT,
};
use crate::ui::app::Troth;
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::pick::Pick;
use crate::ui::form::Form;
use crate::ui::intl::IntlDates;
use crate::ui::route::Route;
use leptos::prelude::*;

/// The section on a person's page: the form, then every hand raised about them, newest first.
#[component]
pub fn Hands(with: PersonId, name: String, zone: Option<Zone>, removed: bool) -> impl IntoView {
    let troth = Troth::get();
    // Keyed by id and length of history: a settled hand redraws, the others stay.
    let hands = Memo::new(move |_| {
        troth.book.with(|b| {
            b.hands_with(with)
                .iter()
                .map(|h| (h.id(), h.history().len()))
                .collect::<Vec<_>>()
        })
    });
    let other = zone.clone().map(|z| (name.clone(), z));
    let (row_name, row_other) = (
        StoredValue::new(name.clone()),
        StoredValue::new(other.clone()),
    );
    view! {
        <section class="troth-card" id="hands" aria-labelledby="hands-title">
            <h2 id="hands-title">"Raise your hand"</h2>
            <p class="troth-hint">{format!(
                "Where trust with {name} seems absent, write it down for yourself (only you see it) and choose when you will raise it with them. It appears in the ledger until you record how it went."
            )}</p>
            {(!removed).then(|| view! { <RaiseForm with name=name.clone() other=other.clone()/> })}
            <Show when=move || hands.with(|h| !h.is_empty())>
                <h3>"Raised"</h3>
                <ul class="troth-list troth-hands">
                    <For each=move || hands.get() key=|k| *k let:k>
                        <HandRow id=k.0 name=row_name.get_value() other=row_other.get_value()/>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn RaiseForm(with: PersonId, name: String, other: Option<(String, Zone)>) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let concern = RwSignal::new(String::new());
    let inputs = DueInputs::new(troth.page.my_zone.get_value().name());
    let form = Form::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due = match inputs.due(rules) {
            Ok(due) => due,
            Err(e) => return form.refuse(e),
        };
        let command = Command::Trust(TrustCommand::RaiseHand {
            with,
            concern: concern.get_untracked(),
            due,
        });
        form.submit(command, move |_| {
            concern.set(String::new());
            inputs.reset(&troth.page.my_zone.get_value());
        });
    };
    view! {
        <form class="troth-form" on:submit=submit aria-label=format!("Raise your hand about {name}")>
            <TextField id="hand-concern" label="Where does trust seem absent? (private)" value=concern
                max=MAX_TEXT wide=true/>
            <p class="troth-hint">"When will you raise it with them?"</p>
            <DueFields inputs id="hand" other=Signal::stored(other)/>
            <ErrorLine error=form.error/>
            <button type="submit" class="troth-button">"Raise my hand"</button>
        </form>
    }
}

/// One raised hand: its concern, when to raise it, and how it went or the form to say so.
#[component]
fn HandRow(id: HandId, name: String, other: Option<(String, Zone)>) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    let Some(hand) = troth.book.with_untracked(|b| b.hand(id).cloned()) else {
        return ().into_any();
    };
    let due = hand.due().clone();
    let when = describe_due(
        rules,
        &IntlDates,
        due.at,
        &mine,
        other.as_ref().map(|(n, z)| (n.as_str(), z)),
    );
    let settled = hand.settled().map(|s| {
        let follow_up = match s.outcome {
            HandOutcome::WorkingOn { follow_up } => Some(follow_up),
            _ => None,
        };
        let follow = follow_up.and_then(|c| {
            troth
                .book
                .with_untracked(|b| b.commitment(c).map(|c| c.what().to_owned()))
                .map(|what| (c, what))
        });
        (s.outcome.as_str(), s.said.to_owned(), follow)
    });
    let tone = match hand.settled().map(|s| s.outcome) {
        Some(HandOutcome::Restored) => "kept",
        Some(_) => "quiet",
        None => "waiting",
    };
    let state = move || {
        match &settled {
        Some((outcome, said, follow)) => view! {
            <span class="troth-tag">{*outcome}</span>
            <span class="troth-row__missing">"Said: " {said.clone()}</span>
            {follow.clone().map(|(c, what)| view! {
                <span class="troth-row__facts">"Follow-up: " <a href=Route::Commitment(c).href()>{what}</a></span>
            })}
        }
        .into_any(),
        None => view! {
            <span class="troth-tag">{move || if troth.page.now.get() >= due.at { "to raise now" } else { "to raise" }}</span>
            <span class="troth-row__facts">
                <strong class="troth-row__when">{move || relative(troth.page.now.get(), due.at)}</strong>
                " "<span class="troth-row__due">{when.clone()}</span>
            </span>
            <SettleForm id name=name.clone() other=other.clone()/>
        }
        .into_any(),
    }
    };
    view! {
        <li class=format!("troth-row troth-row--{tone} troth-hand")>
            <span class="troth-row__what">{hand.concern().to_owned()}</span>
            {state}
        </li>
    }
    .into_any()
}

/// Records how raising it went: what was said, and whether trust was restored, is being worked
/// on (with a follow-up commitment to them, made in the same step) or not.
#[component]
fn SettleForm(id: HandId, name: String, other: Option<(String, Zone)>) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let said = RwSignal::new(String::new());
    let outcome = RwSignal::new(0usize);
    let what = RwSignal::new(String::new());
    let inputs = DueInputs::new(troth.page.my_zone.get_value().name());
    let form = Form::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let outcome = match outcome.get_untracked() {
            0 => Settle::Restored,
            1 => match inputs.due(rules) {
                Ok(due) => Settle::WorkingOn {
                    what: what.get_untracked(),
                    due,
                },
                Err(e) => return form.refuse(e),
            },
            _ => Settle::NotRestored,
        };
        let command = Command::Trust(TrustCommand::SettleHand {
            id,
            said: said.get_untracked(),
            outcome,
        });
        form.submit(command, |_| {});
    };
    let prefix = format!("hand-{id}");
    view! {
        <details class="troth-release">
            <summary>{format!("Record how raising it with {name} went")}</summary>
            <form class="troth-form" on:submit=submit>
                <TextField id=format!("{prefix}-said") label="What was said?" value=said max=MAX_TEXT wide=true/>
                <Pick id=format!("{prefix}-outcome") label="Trust is…" chosen=outcome
                    options=&["Restored", "Being worked on", "Not restored"]/>
                <Show when=move || outcome.get() == 1>
                    <p class="troth-hint">{format!("A follow-up commitment to {name}, made with this record:")}</p>
                    <TextField id=format!("{prefix}-follow") label="What will you do?" value=what max=MAX_TEXT wide=true/>
                    <DueFields inputs id=format!("{prefix}-due") other=Signal::stored(other.clone())/>
                </Show>
                <ErrorLine error=form.error/>
                <button type="submit" class="troth-button">"Record it"</button>
            </form>
        </details>
    }
}
