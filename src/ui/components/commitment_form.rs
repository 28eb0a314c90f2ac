//! Make a commitment: what, to whom, and a specific due moment; or, the other way, note what
//! someone promised the user, with the same fields. Vagueness is pointed out, in words, while the
//! user types; the commitment made is confirmed right under the button.

use crate::domain::growth::{ladder, size_words, Suggestion};
use crate::domain::quick::Quick;
use crate::domain::{
    check_draft, relative, Book, Change, Command, CommitmentId, Direction, Due, DueDraft, Instant,
    Kind, PersonId, Recipient, Vagueness, Zone, CORRECTION_SECS, MAX_NAME, MAX_TEXT,
};
use crate::ui::app::Troth;
use crate::ui::components::choice::Choice;
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::look_alike::{asking, IsThis};
use crate::ui::components::quick_add::QuickAdd;
use crate::ui::focus::focus;
use crate::ui::form::Form;
use crate::ui::intl::IntlZones;
use crate::ui::route::Route;
use leptos::prelude::*;

/// The form. `to` fixes the person (on a person's page); otherwise it is typed, and cleared
/// after each commitment like every other field.
#[component]
pub fn CommitmentForm(#[prop(optional, into)] to: String) -> impl IntoView {
    let form = Form::new();
    let d = Draft::new(to, form.error);
    let Draft {
        what,
        to,
        their_zone,
        due,
        by,
        kind,
        made,
        existing,
        check,
        book,
        rules,
        now,
        ..
    } = d;
    // Closures in the view take the signals they read, not the whole Draft: each copy of it
    // in a closure cost WASM (measured: 1 KB gzip on the ledger for this form).
    let theirs = move || by.get() == 1;
    let is_new = move || is_new(existing, to);
    // Notes wait until the user has started, so an empty form does not greet them with advice.
    let started = move || {
        !what.get().trim().is_empty() || !due.date.get().is_empty() || !due.time.get().is_empty()
    };
    let zone_error = Signal::derive(move || {
        let error = Zone::find(rules, &their_zone.get()).err();
        error.map(|e| e.to_string()).filter(|_| is_new())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match d.command() {
            Ok((command, said)) => form.submit(command, move |change| {
                if let Change::Commitment(id) = change {
                    d.made(id, said);
                }
            }),
            Err(why) => form.refuse(why),
        }
    };
    view! {
        {(!d.fixed).then(|| view! { <QuickAdd on_fill=Callback::new(move |q| d.fill(q))/> })}
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
                label=move || match (theirs(), kind.get() == 1) {
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
            {(!d.fixed).then(|| view! {
                <TextField id="make-to" label=move || if theirs() { "Who promised it?" } else { "To whom?" }
                    value=to list="troth-people" max=MAX_NAME wide=true/>
                <datalist id="troth-people">
                    {move || book.with(names).into_iter().map(|n| view! { <option value=n/> }).collect_view()}
                </datalist>
                <IsThis name=to same=Callback::new(move |known| to.set(known)) answered=d.answered/>
            })}
            <Show when=is_new>
                <TextField id="make-their-zone" label="Their time zone (someone new)" value=their_zone
                    list="troth-zones" wide=true error=zone_error/>
            </Show>
            {move || no_zone(existing.get()).map(|(id, name)| view! {
                <p class="troth-hint">{format!("{name}’s time zone is not known yet: ")}
                    <a href=Route::Person(id).href()>{format!("add it on {name}’s page")}</a>
                    " to see the moment on their clock too."</p>
            })}
            <DueFields inputs=due id="make" other=d.other()/>
            <Show when=move || kind.get() == 1>
                <p class="troth-hint" id="make-standing-hint">"It is kept every day until this moment: \
                    it is met once the moment has passed and the other person acknowledges it, \
                    and it can be broken before (recorded as missed, with what happened)."</p>
            </Show>
            <Show when=move || !theirs()>
                <p class="troth-hint troth-ladder" id="make-ladder">
                    {move || if started() { size(check.get().0, now.get()) } else { None }}
                    {move || book.with(|b| suggestion(b, existing.get())).hint()}
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

/// The names of the people the user knows, for the name field's list.
fn names(b: &Book) -> Vec<String> {
    b.people().into_iter().map(|p| p.name.clone()).collect()
}

/// A known person whose time zone is not known yet.
fn no_zone(existing: Option<Known>) -> Option<(PersonId, String)> {
    existing
        .filter(|(_, _, zone)| zone.is_none())
        .map(|(id, name, _)| (id, name))
}

/// The size the record suggests, with this person (or overall, for someone new): a hint, never
/// a block.
fn suggestion(b: &Book, existing: Option<Known>) -> Suggestion {
    match existing {
        Some((id, ..)) => ladder(b.commitments_to(id)),
        None => ladder(b.commitments()),
    }
}

/// The size of the one being written, once its moment is known and ahead.
fn size(due: Option<Due>, now: Instant) -> Option<String> {
    let horizon = due?.at.unix() - now.unix();
    (horizon > 0).then(|| format!("This one is a {} commitment. ", size_words(horizon)))
}

/// The form's fields as typed, and what the book and the clock say of them.
#[derive(Clone, Copy)]
struct Draft {
    book: RwSignal<Book>,
    now: RwSignal<Instant>,
    my_zone: StoredValue<Zone>,
    rules: &'static IntlZones,
    /// The person is fixed (a person's page): not typed, not cleared.
    fixed: bool,
    what: RwSignal<String>,
    to: RwSignal<String>,
    their_zone: RwSignal<String>,
    due: DueInputs,
    /// Who promises: 0, the user (as the form starts, and starts again after each one); 1, the
    /// other person.
    by: RwSignal<usize>,
    /// What is promised: 0, something to do by the moment; 1, something kept until it.
    kind: RwSignal<usize>,
    /// Whether the user answered "Is this Sam?" for the name as typed now.
    answered: RwSignal<bool>,
    made: RwSignal<Option<Made>>,
    existing: Memo<Option<Known>>,
    check: Memo<(Option<Due>, Vec<Vagueness>)>,
}

impl Draft {
    /// The form's fields, empty; any change to one clears `error` (a refusal is about what
    /// was sent).
    fn new(to: String, error: RwSignal<Option<String>>) -> Self {
        let troth = Troth::get();
        let rules = troth.page.rules();
        let my_zone = troth.page.my_zone.get_value();
        let due = DueInputs::new(my_zone.name());
        let what = RwSignal::new(String::new());
        let fixed = !to.is_empty();
        let to = RwSignal::new(to);
        let existing = Memo::new(move |_| {
            troth.book.with(|b| {
                b.person_named(&to.get())
                    .map(|p| (p.id, p.name.clone(), p.zone.clone()))
            })
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
        let (their_zone, by, kind) = (
            RwSignal::new(my_zone.name().to_owned()),
            RwSignal::new(0),
            RwSignal::new(0),
        );
        let answered = RwSignal::new(false);
        Effect::new(move |_| {
            to.track();
            answered.set(false);
        });
        // A refusal is about what was sent: it goes as soon as anything is changed.
        Effect::new(move |_| {
            for field in [what, to, due.date, due.time, due.zone, their_zone] {
                field.track();
            }
            by.track();
            kind.track();
            error.set(None);
        });
        Self {
            book: troth.book,
            now: troth.page.now,
            my_zone: troth.page.my_zone,
            rules,
            fixed,
            what,
            to,
            their_zone,
            due,
            by,
            kind,
            answered,
            made: RwSignal::new(None),
            existing,
            check,
        }
    }

    /// The other person's clock, for the preview and the one-click zone.
    fn other(self) -> Signal<Option<(String, Zone)>> {
        let Self {
            existing,
            their_zone,
            to,
            ..
        } = self;
        let rules = self.rules;
        Signal::derive(move || match existing.get() {
            Some((_, name, zone)) => zone.map(|z| (name, z)),
            None => Zone::find(rules, &their_zone.get())
                .ok()
                .map(|z| (to.get().trim().to_owned(), z))
                .filter(|(n, _)| !n.is_empty()),
        })
    }

    /// The command the form says, and the words that confirm it once made; or why it cannot
    /// be sent yet.
    fn command(self) -> Result<(Command, String), String> {
        let (moment, notes) = self.check.get_untracked();
        let Some(moment) = moment.filter(|_| !notes.iter().any(Vagueness::blocks)) else {
            return Err(
                "A due moment needs a date, a time of day and a known time zone (see \
                        the notes at the fields)."
                    .into(),
            );
        };
        let name = self.to.get_untracked().trim().to_owned();
        if let Some(known) = asking(&name, self.answered).filter(|_| is_new(self.existing, self.to))
        {
            return Err(format!(
                "Say first whether this is {known}: see the question under the name."
            ));
        }
        let to = match self.existing.get_untracked() {
            Some((id, ..)) => Recipient::Existing(id),
            None => Recipient::New {
                name: name.clone(),
                zone: Zone::find(self.rules, &self.their_zone.get_untracked())
                    .map_err(|e| e.to_string())?,
            },
        };
        let by = if self.by.get_untracked() == 1 {
            Direction::Theirs
        } else {
            Direction::Mine
        };
        let what = self.what.get_untracked();
        let when = relative(self.now.get_untracked(), moment.at);
        let said = match by {
            Direction::Theirs => format!("{name} promised you: {}, due {when}.", what.trim()),
            Direction::Mine => format!("Committed to {name}: {}, due {when}.", what.trim()),
        };
        let command = Command::Make {
            to,
            what,
            due: moment,
            by,
            kind: if self.kind.get_untracked() == 1 {
                Kind::Standing
            } else {
                Kind::Deliver
            },
        };
        Ok((command, said))
    }

    /// Confirms the commitment made and clears the form for the next one.
    fn made(self, id: CommitmentId, text: String) {
        self.made.set(Some(Made { id, text }));
        let mine = self.my_zone.get_value();
        self.what.set(String::new());
        self.due.reset(&mine);
        self.their_zone.set(mine.name().to_owned());
        self.by.set(0);
        self.kind.set(0);
        if !self.fixed {
            self.to.set(String::new());
        }
        // The confirmation takes the focus, once drawn: a screen reader reads what was made,
        // and the next Tab reaches "Open it" (to settle it), then the form for the next one.
        // The heading comes into sight too (the choice above the field would otherwise push
        // the confirmation out of a phone's view).
        request_animation_frame(|| {
            focus("#make-made");
            if let Ok(Some(el)) = document().query_selector("#make-title") {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }

    /// Quick add fills the fields it read and empties every other one, the person too: a
    /// field kept from an earlier line would send this commitment to the wrong person or
    /// moment unless the user noticed (its summary says what it left). A zone not said is the
    /// user's own; a zone said is also a new person's, shown so it can be changed.
    fn fill(self, q: Quick) {
        self.what.set(q.what.clone());
        self.to.set(q.who.clone().unwrap_or_default());
        if let Some(way) = q.by {
            self.by.set(usize::from(way == Direction::Theirs));
        }
        let zone = q.zone.clone().unwrap_or_else(|| self.my_zone.get_value());
        self.due.fill(q.date, q.time, &zone);
        self.their_zone.set(zone.name().to_owned());
        // On to the first field still to fill, or to the button once all are.
        let next = [
            (self.what.get_untracked().trim().is_empty(), "#make-what"),
            (self.to.get_untracked().trim().is_empty(), "#make-to"),
            (q.date.is_none(), "#make-date"),
            (q.time.is_none(), "#make-time"),
        ]
        .into_iter()
        .find_map(|(empty, id)| empty.then_some(id))
        .unwrap_or("#make-submit");
        focus(next);
    }
}

/// A name typed that is no one in the book yet.
fn is_new(existing: Memo<Option<Known>>, to: RwSignal<String>) -> bool {
    existing.get().is_none() && !to.get().trim().is_empty()
}

/// The person named in the form, when known: id, name as the book spells it, and zone.
type Known = (PersonId, String, Option<Zone>);

/// The commitment just made, confirmed where the user is looking.
#[derive(Debug, Clone)]
struct Made {
    id: CommitmentId,
    text: String,
}
