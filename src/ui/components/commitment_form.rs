//! Make a commitment: what, to whom, and a specific due moment; or, the other way, note what
//! someone promised the user, with the same fields. Vagueness is pointed out, in words, while the
//! user types; the commitment made is confirmed right under the button.

use crate::domain::growth::{ladder, size_words};
use crate::domain::{
    check_draft, relative, Change, Command, CommitmentId, Direction, DueDraft, Recipient,
    Vagueness, Zone, CORRECTION_SECS, MAX_NAME, MAX_TEXT,
};
use crate::ui::app::Troth;
use crate::ui::components::choice::Choice;
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::look_alike::{asking, IsThis};
use crate::ui::components::quick_add::QuickAdd;
use crate::ui::focus::focus;
use crate::ui::form::Form;
use crate::ui::route::Route;
use leptos::prelude::*;

/// The form. `to` fixes the person (on a person's page); otherwise it is typed, and cleared
/// after each commitment like every other field.
#[component]
pub fn CommitmentForm(#[prop(optional, into)] to: String) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let my_zone = troth.page.my_zone.get_value();
    let fixed = !to.is_empty();
    let what = RwSignal::new(String::new());
    let to = RwSignal::new(to);
    let their_zone = RwSignal::new(my_zone.name().to_owned());
    let due = DueInputs::new(my_zone.name());
    let form = Form::new();
    let made = RwSignal::new(None::<Made>);
    // Who promises: 0, the user (as the form starts, and starts again after each one); 1, the
    // other person.
    let by = RwSignal::new(0usize);
    let theirs = move || by.get() == 1;
    // What is promised: 0, something to do by the moment; 1, something kept until it.
    let kind = RwSignal::new(0usize);
    let standing = move || kind.get() == 1;

    let existing = Memo::new(move |_| {
        troth.book.with(|b| {
            b.person_named(&to.get())
                .map(|p| (p.id, p.name.clone(), p.zone.clone()))
        })
    });
    let is_new = move || existing.get().is_none() && !to.get().trim().is_empty();
    // Whether the user answered "Is this Sam?" for the name as typed now.
    let answered = RwSignal::new(false);
    Effect::new(move |_| {
        to.track();
        answered.set(false);
    });
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
        check_draft(rules, draft, troth.page.now.get())
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
        by.track();
        kind.track();
        form.error.set(None);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (moment, notes) = check.get_untracked();
        let Some(moment) = moment.filter(|_| !notes.iter().any(Vagueness::blocks)) else {
            form.refuse(
                "A due moment needs a date, a time of day and a known time zone (see the notes \
                 at the fields).",
            );
            return;
        };
        if let Some(known) = asking(&to.get_untracked(), answered).filter(|_| is_new()) {
            form.refuse(format!(
                "Say first whether this is {known}: see the question under the name."
            ));
            return;
        }
        let recipient = match existing.get_untracked() {
            Some((id, ..)) => Recipient::Existing(id),
            None => match Zone::find(rules, &their_zone.get_untracked()) {
                Ok(zone) => Recipient::New {
                    name: to.get_untracked(),
                    zone,
                },
                Err(e) => {
                    form.refuse(e.to_string());
                    return;
                }
            },
        };
        let promised = by.get_untracked() == 1;
        let (said, due_at) = (what.get_untracked(), moment.at);
        let command = if kind.get_untracked() == 1 {
            Command::MakeStanding {
                to: recipient,
                what: said,
                until: moment,
                by: if promised {
                    Direction::Theirs
                } else {
                    Direction::Mine
                },
            }
        } else if promised {
            Command::Promised {
                by: recipient,
                what: said,
                due: moment,
            }
        } else {
            Command::Make {
                to: recipient,
                what: said,
                due: moment,
            }
        };
        let (name, text) = (
            to.get_untracked().trim().to_owned(),
            what.get_untracked().trim().to_owned(),
        );
        form.submit(command, move |change| {
            let Change::Commitment(id) = change else {
                return;
            };
            let when = relative(troth.page.now.get_untracked(), due_at);
            let text = if promised {
                format!("{name} promised you: {text}, due {when}.")
            } else {
                format!("Committed to {name}: {text}, due {when}.")
            };
            made.set(Some(Made { id, text }));
            let mine = troth.page.my_zone.get_value();
            what.set(String::new());
            due.reset(&mine);
            their_zone.set(mine.name().to_owned());
            by.set(0);
            kind.set(0);
            if !fixed {
                to.set(String::new());
            }
            // The confirmation takes the focus, once drawn: a screen reader reads what
            // was made, and the next Tab reaches "Open it" (to settle it), then the form
            // for the next one. The heading comes into sight too (the choice above the
            // field would otherwise push the confirmation out of a phone's view).
            request_animation_frame(|| {
                focus("#make-made");
                if let Ok(Some(el)) = document().query_selector("#make-title") {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                }
            });
        });
    };

    // Quick add fills the fields it read and empties every other one, the person too: a
    // field kept from an earlier line would send this commitment to the wrong person or
    // moment unless the user noticed (its summary says what it left). A zone not said is the
    // user's own; a zone said is also a new person's, shown so it can be changed.
    let fill = Callback::new(move |q: crate::domain::quick::Quick| {
        what.set(q.what.clone());
        to.set(q.who.clone().unwrap_or_default());
        if let Some(way) = q.by {
            by.set(usize::from(way == Direction::Theirs));
        }
        let zone = q
            .zone
            .clone()
            .unwrap_or_else(|| troth.page.my_zone.get_value());
        due.fill(q.date, q.time, &zone);
        their_zone.set(zone.name().to_owned());
        // On to the first field still to fill, or to the button once all are.
        let next = [
            (what.get_untracked().trim().is_empty(), "#make-what"),
            (to.get_untracked().trim().is_empty(), "#make-to"),
            (q.date.is_none(), "#make-date"),
            (q.time.is_none(), "#make-time"),
        ]
        .into_iter()
        .find_map(|(empty, id)| empty.then_some(id))
        .unwrap_or("#make-submit");
        focus(next);
    });
    let people = move || {
        troth.book.with(|b| {
            b.people()
                .into_iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        })
    };
    // The size the record suggests, with this person (or overall, for someone new), and the
    // size of the one being written: a hint, never a block.
    let suggestion = move || {
        troth.book.with(|b| match existing.get() {
            Some((id, ..)) => ladder(b.commitments_to(id)),
            None => ladder(b.commitments()),
        })
    };
    let size = move || {
        let due = check.get().0?;
        let horizon = due.at.unix() - troth.page.now.get().unix();
        (horizon > 0).then(|| format!("This one is a {} commitment. ", size_words(horizon)))
    };
    let unknown_zone = move || {
        existing
            .get()
            .filter(|(_, _, zone)| zone.is_none())
            .map(|(id, name, _)| (id, name))
    };
    view! {
        {(!fixed).then(|| view! { <QuickAdd on_fill=fill/> })}
        <form id="make" class="troth-card troth-form" on:submit=submit aria-labelledby="make-title">
            <h2 id="make-title">"Make a commitment"</h2>
            // At the top, right under the heading, which is brought into sight after each one.
            <p class="troth-made" id="make-made" role="status" tabindex="-1">
                {move || made.get().map(|m| view! {
                    {m.text}" "<a href=Route::Commitment(m.id).href()>"Open it"</a>
                    {format!(" (a slip can be corrected there for {} minutes).", CORRECTION_SECS / 60)}
                })}
            </p>
            // The first choice: who promises. The same fields serve both ways.
            <Choice name="make-by" legend="Whose promise?" chosen=by
                options=&[("mine", "I promise it to someone"), ("theirs", "Someone promised it to me")]/>
            <Choice name="make-kind" legend="What kind?" chosen=kind
                options=&[("deliver", "Something done by a moment"), ("standing", "Something kept until a moment")]/>
            <TextField id="make-what" value=what max=MAX_TEXT wide=true
                label=move || match (theirs(), standing()) {
                    (false, false) => "What will you do?",
                    (false, true) => "What will you keep to?",
                    (true, false) => "What did they promise?",
                    (true, true) => "What did they promise to keep to?",
                }
                hint=move || if theirs() {
                    "As they said it: where it is vague, the notes say what to ask them."
                } else {
                    "Say it so that you will both agree when it is done."
                }/>
            {(!fixed).then(|| view! {
                <TextField id="make-to" label=move || if theirs() { "Who promised it?" } else { "To whom?" }
                    value=to list="troth-people" max=MAX_NAME wide=true/>
                <datalist id="troth-people">
                    {move || people().into_iter().map(|n| view! { <option value=n/> }).collect_view()}
                </datalist>
                <IsThis name=to same=Callback::new(move |known| to.set(known)) answered/>
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
            <Show when=standing>
                <p class="troth-hint" id="make-standing-hint">"It is kept every day until this moment: \
                    it is met once the moment has passed and the other person acknowledges it, \
                    and it can be broken before (recorded as missed, with what happened)."</p>
            </Show>
            <Show when=move || !theirs()>
                <p class="troth-hint troth-ladder" id="make-ladder">
                    {move || if started() { size() } else { None }}
                    {move || suggestion().hint()}
                </p>
            </Show>
            <ul class="troth-notes" aria-live="polite" aria-label="Notes on this commitment">
                {move || if started() { check.get().1 } else { Vec::new() }.into_iter()
                    // An unknown zone is pointed out at its field.
                    .filter(|n| !matches!(n, Vagueness::UnknownZone(_)))
                    .map(|n| {
                        let class = if n.blocks() { "troth-note troth-note--needed" } else { "troth-note" };
                        view! { <li class=class>{n.explain()}</li> }
                    }).collect_view()}
            </ul>
            <ErrorLine error=form.error/>
            <button type="submit" id="make-submit" class="troth-button troth-button--primary">
                {move || if theirs() { "Record their promise" } else { "Make commitment" }}
            </button>
        </form>
    }
}

/// The commitment just made, confirmed where the user is looking.
#[derive(Debug, Clone)]
struct Made {
    id: CommitmentId,
    text: String,
}
