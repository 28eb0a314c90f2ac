//! Make a commitment: what, to whom, and a specific due moment. Vagueness is pointed out, in
//! words, while the user types; the commitment made is confirmed right under the button.

use crate::domain::{
    check_draft, relative, Change, Command, CommitmentId, DueDraft, Recipient, Vagueness, Zone,
    CORRECTION_SECS, MAX_NAME, MAX_TEXT,
};
use crate::ui::app::{focus, Troth};
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::route::Route;
use leptos::prelude::*;

/// The form. `to` fixes the person (on a person's page); otherwise it is typed, and cleared
/// after each commitment like every other field.
#[component]
pub fn CommitmentForm(#[prop(optional, into)] to: String) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let my_zone = troth.my_zone.get_value();
    let fixed = !to.is_empty();
    let what = RwSignal::new(String::new());
    let to = RwSignal::new(to);
    let their_zone = RwSignal::new(my_zone.name().to_owned());
    let due = DueInputs::new(my_zone.name());
    let error = RwSignal::new(None::<String>);
    let made = RwSignal::new(None::<Made>);

    let existing = Memo::new(move |_| {
        troth.book.with(|b| {
            b.person_named(&to.get())
                .map(|p| (p.id, p.name.clone(), p.zone.clone()))
        })
    });
    let is_new = move || existing.get().is_none() && !to.get().trim().is_empty();
    // The other person's clock, for the preview and the one-click zone.
    let other = Signal::derive(move || match existing.get() {
        Some((_, name, zone)) => zone.map(|z| (name, z)),
        None => Zone::find(rules, &their_zone.get())
            .ok()
            .map(|z| (to.get().trim().to_owned(), z))
            .filter(|(n, _)| !n.is_empty()),
    });
    let their_zone_error = Signal::derive(move || {
        let typed = their_zone.get();
        Zone::find(rules, &typed)
            .err()
            .map(|e| e.to_string())
            .filter(|_| is_new())
    });
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
    // A refusal is about what was sent: it goes as soon as anything is changed.
    Effect::new(move |_| {
        for field in [what, to, due.date, due.time, due.zone, their_zone] {
            field.track();
        }
        error.set(None);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (moment, notes) = check.get_untracked();
        let Some(moment) = moment.filter(|_| !notes.iter().any(Vagueness::blocks)) else {
            error.set(Some(
                "A due moment needs a date, a time of day and a known time zone (see the notes \
                 at the fields)."
                    .into(),
            ));
            return;
        };
        let recipient = match existing.get_untracked() {
            Some((id, ..)) => Recipient::Existing(id),
            None => match Zone::find(rules, &their_zone.get_untracked()) {
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
            due: moment.clone(),
        };
        let (name, text) = (
            to.get_untracked().trim().to_owned(),
            what.get_untracked().trim().to_owned(),
        );
        troth.run(command, move |result| match result {
            Ok(Change::Commitment { id, .. }) => {
                let now = troth.now.get_untracked();
                made.set(Some(Made {
                    id,
                    text: format!(
                        "Committed to {name}: {text}, due {}.",
                        relative(now, moment.at)
                    ),
                }));
                let mine = troth.my_zone.get_value();
                what.set(String::new());
                due.reset(&mine);
                their_zone.set(mine.name().to_owned());
                if !fixed {
                    to.set(String::new());
                }
                focus("#make-what");
            }
            Ok(_) => {}
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
    let unknown_zone = move || {
        existing
            .get()
            .filter(|(_, _, zone)| zone.is_none())
            .map(|(id, name, _)| (id, name))
    };
    view! {
        <form id="make" class="troth-card troth-form" on:submit=submit aria-labelledby="make-title">
            <h2 id="make-title">"Make a commitment"</h2>
            // At the top, beside the field that takes the next one: in sight on any screen.
            <p class="troth-made" role="status">
                {move || made.get().map(|m| view! {
                    {m.text}" "<a href=Route::Commitment(m.id).href()>"Open it"</a>
                    {format!(" (a slip can be corrected there for {} minutes).", CORRECTION_SECS / 60)}
                })}
            </p>
            <TextField id="make-what" label="What will you do?" value=what max=MAX_TEXT wide=true
                hint="Start small: a first step you can surely meet builds more trust than a big promise."/>
            {(!fixed).then(|| view! {
                <TextField id="make-to" label="To whom?" value=to list="troth-people" max=MAX_NAME wide=true/>
                <datalist id="troth-people">
                    {move || people().into_iter().map(|n| view! { <option value=n/> }).collect_view()}
                </datalist>
            })}
            <Show when=is_new>
                <TextField id="make-their-zone" label="Their time zone (someone new)" value=their_zone
                    list="troth-zones" wide=true error=their_zone_error/>
            </Show>
            {move || unknown_zone().map(|(id, name)| view! {
                <p class="troth-hint">{format!("{name}’s time zone is not known yet: ")}
                    <a href=Route::Person(id).href()>{format!("add it on {name}’s page")}</a>
                    " to see the moment on their clock too."</p>
            })}
            <DueFields inputs=due id="make" other/>
            <ul class="troth-notes" aria-live="polite" aria-label="Notes on this commitment">
                {move || if started() { check.get().1 } else { Vec::new() }.into_iter()
                    // An unknown zone is pointed out at its field.
                    .filter(|n| !matches!(n, Vagueness::UnknownZone(_)))
                    .map(|n| {
                        let class = if n.blocks() { "troth-note troth-note--needed" } else { "troth-note" };
                        view! { <li class=class>{n.explain()}</li> }
                    }).collect_view()}
            </ul>
            <ErrorLine error/>
            <button type="submit" class="troth-button troth-button--primary">"Make commitment"</button>
        </form>
    }
}

/// The commitment just made, confirmed where the user is looking.
#[derive(Debug, Clone)]
struct Made {
    id: CommitmentId,
    text: String,
}
