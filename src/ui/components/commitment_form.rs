//! Make a commitment: what, to whom, and a specific due moment. Vagueness is pointed out, in
//! words, while the user types.

use crate::domain::{
    check_draft, describe_due, Command, DueDraft, Recipient, Vagueness, Zone, MAX_NAME, MAX_TEXT,
};
use crate::ui::app::Troth;
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::messages::Tone;
use leptos::prelude::*;

/// The form. `to` pre-fills the person (on a person's page).
#[component]
pub fn CommitmentForm(#[prop(optional, into)] to: String) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let my_zone = troth.my_zone.get_value();
    let what = RwSignal::new(String::new());
    let to = RwSignal::new(to);
    let their_zone = RwSignal::new(my_zone.name().to_owned());
    let due = DueInputs::new(my_zone.name());
    let error = RwSignal::new(None::<String>);

    let existing = Memo::new(move |_| {
        troth.book.with(|b| {
            b.person_named(&to.get())
                .map(|p| (p.id, p.name.clone(), p.zone.clone()))
        })
    });
    let is_new = move || existing.get().is_none() && !to.get().trim().is_empty();
    let check = Memo::new(move |_| {
        let (what, zone) = (what.get(), due.zone.get());
        let draft = DueDraft {
            what: &what,
            date: due.date(),
            time: due.time(),
            zone: &zone,
        };
        check_draft(rules, draft, troth.now.get())
    });
    // Notes wait until the user has started, so an empty form does not greet them with advice.
    let started = move || {
        !what.get().trim().is_empty() || !due.date.get().is_empty() || !due.time.get().is_empty()
    };
    let preview = move || {
        let (moment, _) = check.get();
        let moment = moment?;
        let mine = troth.my_zone.get_value();
        let other = match existing.get() {
            Some((_, name, zone)) => Some((name, zone)),
            None => Zone::parse(rules, &their_zone.get())
                .ok()
                .map(|z| (to.get().trim().to_owned(), z)),
        };
        let other = other.filter(|(n, _)| !n.is_empty());
        Some(describe_due(
            rules,
            moment.at,
            &mine,
            other.as_ref().map(|(n, z)| (n.as_str(), z)),
        ))
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (moment, notes) = check.get_untracked();
        let Some(moment) = moment.filter(|_| !notes.iter().any(Vagueness::blocks)) else {
            error.set(Some("A due moment needs a date, a time of day and a known time zone (see the notes above).".into()));
            return;
        };
        let recipient = match existing.get_untracked() {
            Some((id, ..)) => Recipient::Existing(id),
            None => match Zone::parse(rules, &their_zone.get_untracked()) {
                Ok(zone) => Recipient::New {
                    name: to.get_untracked(),
                    zone,
                },
                Err(e) => {
                    error.set(Some(e.to_string()));
                    return;
                }
            },
        };
        let command = Command::Make {
            to: recipient,
            what: what.get_untracked(),
            due: moment,
        };
        let made_text = format!(
            "Committed to {}: {}",
            to.get_untracked().trim(),
            what.get_untracked().trim()
        );
        troth.run(command, move |made| match made {
            Ok(_) => {
                troth.say(Tone::Info, made_text);
                what.set(String::new());
                due.clear();
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        });
    };

    let people = move || {
        troth.book.with(|b| {
            b.people()
                .into_iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <form class="troth-card troth-form" on:submit=submit aria-labelledby="make-title">
            <h2 id="make-title">"Make a commitment"</h2>
            <TextField id="make-what" label="What will you do?" value=what max=MAX_TEXT wide=true
                hint="Start small: a first step you can surely meet builds more trust than a big promise."/>
            <TextField id="make-to" label="To whom?" value=to list="troth-people" max=MAX_NAME wide=true/>
            <datalist id="troth-people">
                {move || people().into_iter().map(|n| view! { <option value=n/> }).collect_view()}
            </datalist>
            <Show when=is_new>
                <TextField id="make-their-zone" label="Their time zone (someone new)" value=their_zone
                    list="troth-zones" wide=true/>
            </Show>
            <DueFields inputs=due id="make"/>
            <p class="troth-preview" aria-live="polite">
                {move || preview().map(|p| view! { "Due " <strong>{p}</strong> })}
            </p>
            <ul class="troth-notes" aria-live="polite" aria-label="Notes on this commitment">
                {move || if started() { check.get().1 } else { Vec::new() }.into_iter().map(|n| {
                    let class = if n.blocks() { "troth-note troth-note--needed" } else { "troth-note" };
                    view! { <li class=class>{n.explain()}</li> }
                }).collect_view()}
            </ul>
            <ErrorLine error/>
            <button type="submit" class="troth-button troth-button--primary">"Make commitment"</button>
        </form>
    }
}
