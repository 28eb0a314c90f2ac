//! One commitment: where it stands, what can be done next, and its whole history. One promised
//! to the user reads from their side: the other person says it is done and asks to move it; the
//! user acknowledges it or says what is missing.

use crate::domain::growth::{again_due, can_repeat, next_day, size_words};
use crate::domain::{
    describe_due, parse_date_input, relative, Action, Change, Command, Commitment, CommitmentId,
    DateFormat, Direction, Due, Kind, OpenSteps, Recipient, Status, Zone, MAX_NAME, MAX_TEXT,
};
use crate::ui::app::Troth;
use crate::ui::components::commitment_list::step_done;
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::history::{describe, History};
use crate::ui::components::series_strip::{SeriesStrips, StripsOf};
use crate::ui::components::successes::AffirmForm;
use crate::ui::form::Form;
use crate::ui::intl::{IntlDates, IntlZones};
use crate::ui::route::Route;
use chrono::Datelike;
use leptos::prelude::*;

#[component]
pub fn CommitmentPage(id: CommitmentId) -> impl IntoView {
    let troth = Troth::get();
    let found = Memo::new(move |_| troth.book.with(|b| b.commitment(id).cloned()));
    move || {
        let Some(it) = found.get() else {
            return view! {
                <h1 tabindex="-1">"No such commitment"</h1>
                <p>"It may have been made in a backup that is not loaded here. " <a href="#/">"Back to the ledger"</a></p>
            }
            .into_any();
        };
        view! { <Details c=it/> }.into_any()
    }
}

#[component]
fn Details(c: Commitment) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    let id = c.id();
    let (name, person_zone) = troth.book.with_untracked(|b| {
        b.person(c.to()).map_or(("someone".to_owned(), None), |p| {
            (p.name.clone(), p.zone.clone())
        })
    });
    let other = person_zone.clone().map(|z| (name.clone(), z));
    let form = Form::new();
    let theirs = c.by() == Direction::Theirs;
    let (who, what) = (
        StoredValue::new(name.clone()),
        StoredValue::new(c.what().to_owned()),
    );
    // The page is drawn anew once the change is saved: focus goes to the next step's button
    // (`#next-step`), or to the message that says what happened when the commitment has ended.
    // After "Mark done" the next button acknowledges (for the other person, or on the user's
    // behalf): a second Enter from habit would press it, so the focus goes to the state line.
    let act = move |action: Action| {
        let said = step_done(&action, theirs, &who.get_value(), &what.get_value());
        let next = if action == Action::MarkDone {
            "#commitment-state"
        } else {
            "#next-step"
        };
        form.submit(Command::Act { id, action }, move |_| {
            troth.news.done(said, Some(next.into()))
        })
    };
    let status = c.status();
    let mut said = Said::of(&c, &name, person_zone.as_ref(), &mine);
    let open = c.clone();
    let overdue = Signal::derive(move || open.is_overdue(troth.page.now.get()));
    let fresh = c.clone();
    let correctable = Signal::derive(move || fresh.correctable_until(troth.page.now.get()));
    let entries = troth
        .book
        .with_untracked(|b| describe(&c, &name, &|p| b.name_of(p), rules, &mine));
    let standing = c.kind() == Kind::Standing;
    let (kind, due_at) = (c.kind(), c.due().at);
    let steps = move || OpenSteps::at(kind, due_at, troth.page.now.get());
    let actions = match status {
        Status::Open => view! { <OpenActions due=c.due().clone() other=other.clone() name=name.clone() theirs steps act form/> }.into_any(),
        Status::AwaitingAck => view! { <AwaitingActions name=name.clone() theirs act/> }.into_any(),
        _ => view! { <p class="troth-closed">{format!("This commitment is {}. Its history stays as it is.", status.as_str())}</p> }.into_any(),
    };
    let stated = c.due().zone.clone();
    let again = c.clone();
    // The link to the other person is made on its own page (the links part), so the ledger
    // carries none of that code: here, only the way there.
    let send = said.link.take().map(|(say, go)| {
        view! {
            <section class="troth-card" aria-labelledby="send-title">
                <h2 id="send-title">"By link"</h2>
                <p>{say}" "<a class="troth-button" href=Route::Send(id).href_from(troth.page.part)>{go}</a></p>
            </section>
        }
    });

    // The goal it serves, if any; once acknowledged, a success may be noted (never required).
    let served = troth
        .book
        .with_untracked(|b| b.goal_served_by(id).map(|g| (g.id(), g.what().to_owned())));
    let affirm = (status == Status::Kept).then(|| {
        let from = crate::domain::success::Source {
            commitment: Some(id),
            goal: served.as_ref().map(|(g, _)| *g),
            topic: None,
        };
        view! {
            <section class="troth-card" aria-labelledby="affirm-title">
                <h2 id="affirm-title">{format!("Note a success to affirm with {name}")}</h2>
                <p class="troth-hint">"Optional: what went well, in the words you would say to them. It is listed on their page."</p>
                <AffirmForm with=c.to() name=name.clone() id="ack-success" from/>
            </section>
        }
    });
    let serves = served.map(|(g, what)| {
        view! {
            <dt>"Serves the goal"</dt><dd><a href=Route::Goal(g).href()>{what}</a></dd>
        }
    });

    view! {
        <p class="troth-back"><a href="#/">"← Ledger"</a></p>
        <h1 tabindex="-1">{said.title}</h1>
        <dl class="troth-facts">
            <dt>{if theirs { "From" } else { "To" }}</dt><dd><a href=Route::Person(c.to()).href()>{name.clone()}</a></dd>
            <dt>{if standing { "Kept until" } else { "Due" }}</dt><dd>
                <strong class="troth-due-text">{said.due}</strong>" "
                {move || (status == Status::Open).then(|| relative(troth.page.now.get(), due_at))}" "
                <span class="troth-hint">{format!("(stated in {})", stated.name())}</span>
            </dd>
            <dt>"Size"</dt><dd>{said.size}{standing.then_some(", kept every day until its end")}</dd>
            <dt>"State"</dt><dd id="commitment-state" tabindex="-1"><span class="troth-tag troth-state">{move || if overdue.get() { "overdue" } else { said.state }}</span></dd>
            {c.missing().map(|m| view! { <dt>"Still missing"</dt><dd class="troth-missing">{m.to_owned()}</dd> })}
            {serves}
        </dl>
        <Show when=move || overdue.get()>
            <p class="troth-note">{said.late.clone()}</p>
        </Show>
        <ErrorLine error=form.error/>
        // A slip is noticed right after making: its fix comes first while it is possible.
        <Show when=move || correctable.get().is_some()>
            <Correct c=c.clone() other=other.clone() until=correctable/>
        </Show>
        {actions}
        <Again c=again name=name.clone()/>
        {affirm}
        {send}
        <section class="troth-card" aria-labelledby="history-title">
            <h2 id="history-title">"History"</h2>
            <History entries/>
        </section>
    }
}

/// What the page says of a commitment: its title, due moment, size and state in words, what
/// is still open to do once it is overdue, and the way to its link (what to say, the button).
struct Said {
    title: String,
    due: String,
    size: String,
    state: &'static str,
    late: String,
    link: Option<(String, String)>,
}

impl Said {
    /// `zone`: the other person's, when known; `mine`: the user's.
    fn of(c: &Commitment, name: &str, zone: Option<&Zone>, mine: &Zone) -> Self {
        let theirs = c.by() == Direction::Theirs;
        let status = c.status();
        Self {
            title: if theirs {
                format!("{name} promised you: {}", c.what())
            } else {
                c.what().to_owned()
            },
            due: describe_due(
                &IntlZones,
                &IntlDates,
                c.due().at,
                mine,
                zone.map(|z| (name, z)),
            ),
            size: format!("a {} commitment", size_words(c.horizon())),
            state: if theirs && status == Status::AwaitingAck {
                "awaiting your acknowledgement"
            } else {
                status.as_str()
            },
            late: if theirs {
                format!("Its due moment has passed. {name} can still deliver it, or ask to move it (recorded as late: ground lost, still worth doing); or mark it missed.")
            } else {
                "Its due moment has passed. Deliver it, renegotiate (recorded as late: ground lost, still worth doing), or mark it missed.".to_owned()
            },
            // Only the user's own promise is sent: to ask whether a done one is met, or to
            // offer an open one.
            link: match status {
                _ if theirs => None,
                Status::AwaitingAck => Some((
                    format!("Only {name} can say it is met: ask them by link, and record their own answer."),
                    format!("Ask {name}"),
                )),
                Status::Open => Some((
                    format!("Send {name} a link to this commitment: their Troth can keep it."),
                    format!("Send it to {name}"),
                )),
                _ => None,
            },
        }
    }
}

#[component]
fn OpenActions(
    due: Due,
    other: Option<(String, Zone)>,
    name: String,
    /// Promised to the user: `name` says it is done, and asks to move it.
    theirs: bool,
    /// What its rules allow now (a standing one: done once its moment has passed, broken before).
    steps: impl Fn() -> OpenSteps + Copy + Send + Sync + 'static,
    act: impl Fn(Action) + Copy + Send + Sync + 'static,
    form: Form,
) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let inputs = DueInputs::new(due.zone.name());
    let reason = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let asking = RwSignal::new(false);
    let ask = StoredValue::new(if theirs {
        format!(
            "Mark it missed? It ends this commitment, and {name}'s word to you counts it as \
             missed, for good. If it is still worth doing, let {name} move it instead."
        )
    } else {
        format!(
            "Mark it missed? It ends this commitment, and your record with {name} counts it as \
             missed, for good. If it is still worth doing, renegotiate instead."
        )
    });
    let (done, move_title, move_button) = if theirs {
        (
            format!("{name} says it's done"),
            format!("{name} asks to move it"),
            "Move it",
        )
    } else {
        (
            "Mark done".to_owned(),
            "Renegotiate".to_owned(),
            "Renegotiate",
        )
    };
    let early = move || !steps().past_due;
    let happened = RwSignal::new(String::new());
    let (kept_until, broke) = if theirs {
        (
            format!("{name} keeps to it every day until its end. Once that has passed, {name} says it is done, and you acknowledge it."),
            format!("{name} broke it…"),
        )
    } else {
        (
            format!("You keep to it every day until its end. Once that has passed, mark it done, and {name} acknowledges it."),
            "It was broken…".to_owned(),
        )
    };
    let running = move || steps().running;
    let renegotiate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match inputs.due(rules) {
            Ok(due) => act(Action::Renegotiate {
                due,
                reason: reason.get_untracked(),
            }),
            Err(e) => form.refuse(e),
        }
    };
    view! {
        <section class="troth-card troth-actions" aria-label="Next steps">
            <h2>"Next steps"</h2>
            <Show when=running fallback=move || view! {
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--primary" id="next-step" on:click=move |_| act(Action::MarkDone)>{done.clone()}</button>
                </div>
            }>
                <p class="troth-hint">{kept_until.clone()}</p>
                <details class="troth-break">
                    <summary>{broke.clone()}</summary>
                    <form class="troth-form" on:submit=move |ev| { ev.prevent_default(); act(Action::Break { what: happened.get_untracked() }); }>
                        <TextField id="break-what" label="What happened?" value=happened max=MAX_TEXT wide=true
                            hint="It is recorded as missed, with these words: ground lost, and said openly."/>
                        <button type="submit" class="troth-button troth-button--danger">"Record it as broken"</button>
                    </form>
                </details>
            </Show>
            <form class="troth-form" on:submit=renegotiate aria-labelledby="reneg-title">
                <h3 id="reneg-title">{move_title}</h3>
                <p class="troth-hint">{move || if !early() {
                    "It is already past due, so this is recorded as a late renegotiation: ground lost, still worth doing."
                } else if theirs {
                    "Asking before it is due is a good act: you can plan around the new moment."
                } else {
                    "Renegotiating before it is due is a good act: the other person can plan around the new moment."
                }}</p>
                <DueFields inputs id="reneg" other=Signal::stored(other)/>
                <TextField id="reneg-reason" label="Reason" value=reason max=MAX_TEXT wide=true/>
                <button type="submit" class="troth-button">{move_button}</button>
            </form>
            <details class="troth-release">
                <summary>"Release by agreement"</summary>
                <form class="troth-form" on:submit=move |ev| { ev.prevent_default(); act(Action::Release { note: note.get_untracked() }); }>
                    <TextField id="release-note" label="Why did you both agree to drop it?" value=note max=MAX_TEXT wide=true/>
                    <button type="submit" class="troth-button">"Release it"</button>
                </form>
            </details>
            // Apart from "Mark done", and asked first: it ends the commitment for good.
            <Show when=move || !early()>
                <div class="troth-missed">
                    <Show when=move || asking.get() fallback=move || view! {
                        <button type="button" class="troth-button troth-button--danger" on:click=move |_| asking.set(true)>"Mark missed…"</button>
                    }>
                        <p class="troth-note" role="alert">{ask.get_value()}</p>
                        <div class="troth-buttons">
                            <button type="button" class="troth-button troth-button--danger" on:click=move |_| act(Action::MarkMissed)>"Yes, mark it missed"</button>
                            <button type="button" class="troth-button" on:click=move |_| asking.set(false)>"Keep it open"</button>
                        </div>
                    </Show>
                </div>
            </Show>
        </section>
    }
}

/// Fixing a slip while the commitment is fresh: recorded as a correction, not counted as a
/// renegotiation.
#[component]
fn Correct(
    c: Commitment,
    other: Option<(String, Zone)>,
    #[prop(into)] until: Signal<Option<crate::domain::Instant>>,
) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let id = c.id();
    let what = RwSignal::new(c.what().to_owned());
    let to_name = troth.book.with_untracked(|b| b.name_of(c.to()));
    let to = RwSignal::new(to_name.clone());
    let inputs = DueInputs::of(c.due(), rules);
    let form = Form::new();
    let left = move || {
        until
            .get()
            .map(|u| relative(troth.page.now.get(), u))
            .unwrap_or_default()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due = match inputs.due(rules) {
            Ok(due) => due,
            Err(e) => return form.refuse(e),
        };
        let name = to.get_untracked();
        let to = (name.trim() != to_name).then(|| {
            troth.book.with_untracked(|b| match b.person_named(&name) {
                Some(p) => Recipient::Existing(p.id),
                None => Recipient::NameOnly(name.clone()),
            })
        });
        let command = Command::Correct {
            id,
            what: Some(what.get_untracked()),
            to,
            due: Some(due),
        };
        let said = format!("Corrected: {}.", what.get_untracked().trim());
        form.submit(command, move |_| troth.news.done(said, None));
    };
    view! {
        <section class="troth-card" aria-labelledby="correct-title">
            <h2 id="correct-title">"Correct a slip"</h2>
            <form class="troth-form" on:submit=submit>
                <p class="troth-hint">{move || format!(
                    "A typo in what, whom or the due moment, noticed right away: corrected, it is recorded as a correction and not counted as a renegotiation. Possible until anything else happens to it, for 15 minutes after making it (closes {}).",
                    left()
                )}</p>
                <TextField id="fix-what" label="What" value=what max=MAX_TEXT wide=true/>
                <TextField id="fix-to" label=if c.by() == Direction::Theirs { "Who promised it" } else { "To whom" }
                    value=to max=MAX_NAME wide=true/>
                <DueFields inputs id="fix" other=Signal::stored(other)/>
                <ErrorLine error=form.error/>
                <button type="submit" class="troth-button">"Correct it"</button>
            </form>
        </section>
    }
}

#[component]
fn AwaitingActions(
    name: String,
    /// Promised to the user: `name` says it is done, and the user acknowledges it.
    theirs: bool,
    act: impl Fn(Action) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let how = RwSignal::new(String::new());
    let missing = RwSignal::new(String::new());
    let (title, hint, how_label, ack, not_yet) = if theirs {
        (
            format!("{name} says it is done: does it meet what you need?"),
            "It counts as kept only when you acknowledge it.".to_owned(),
            "How did it reach you? (optional)",
            "I acknowledge it".to_owned(),
            "Something is still missing",
        )
    } else {
        (
            format!("Waiting for {name}"),
            format!("It counts as met only when {name} says so."),
            "How did they acknowledge it? (optional)",
            format!("{name} acknowledged it"),
            "Not yet",
        )
    };
    view! {
        <section class="troth-card troth-actions" aria-label="Next steps">
            <h2>{title}</h2>
            <p class="troth-hint">{hint}</p>
            <form class="troth-form" on:submit=move |ev| { ev.prevent_default(); act(Action::Acknowledge { how: Some(how.get_untracked()) }); }>
                <TextField id="ack-how" label=how_label value=how
                    list="troth-ack-ways" max=MAX_TEXT wide=true/>
                <datalist id="troth-ack-ways">
                        <option value="in person"/><option value="by mail"/><option value="by message"/><option value="by phone"/>
                </datalist>
                <button type="submit" class="troth-button troth-button--primary" id="next-step">{ack}</button>
            </form>
            <form class="troth-form" on:submit=move |ev| { ev.prevent_default(); act(Action::NotYet { missing: missing.get_untracked() }); }>
                <TextField id="notyet-missing" label="What is still missing?" value=missing max=MAX_TEXT wide=true/>
                <button type="submit" class="troth-button">{not_yet}</button>
            </form>
        </section>
    }
}

/// One day at a time: a settled commitment made again on the next chosen day, same words, same
/// time of day, in the same zone. Shown with its series' strip once there is one.
#[component]
fn Again(c: Commitment, name: String) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let id = c.id();
    let root = c.series().unwrap_or(id);
    let repeatable = troth
        .book
        .with_untracked(|b| can_repeat(&c, b.commitments()));
    let first = next_day(&c, rules, troth.page.now.get_untracked());
    // Not chrono's strftime: its formatter costs ~20 KB of WASM.
    let day = RwSignal::new(format!(
        "{:04}-{:02}-{:02}",
        first.year(),
        first.month(),
        first.day()
    ));
    let form = Form::new();
    let local = c.due().local(rules);
    let at = format!(
        "{} {} time",
        IntlDates.time(local.time()),
        c.due().zone.city()
    );
    let chosen = move || parse_date_input(&day.get());
    let again = c.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(date) = chosen() else {
            return form.refuse("Choose the day of the next one.");
        };
        let due = match again_due(&again, rules, date) {
            Ok(due) => due,
            Err(e) => return form.refuse(e),
        };
        form.submit(Command::Again { id, due }, move |change| {
            if let Change::Commitment(id) = change {
                troth.page.go(&Route::Commitment(id))
            }
        });
    };
    let button = move || match chosen() {
        Some(d) if d == first => "Again tomorrow".to_owned(),
        Some(d) => format!("Again on {}", IntlDates.day(d)),
        None => "Again".to_owned(),
    };
    view! {
        {repeatable.then(|| view! {
            <section class="troth-card" aria-labelledby="again-title">
                <h2 id="again-title">"One day at a time"</h2>
                <form class="troth-form" on:submit=submit>
                    <p class="troth-hint">{format!(
                        "Make the next one: the same words, to {name}, at {at}. Small and often is how a run of kept words grows."
                    )}</p>
                    <TextField id="again-day" label="On" value=day kind="date"/>
                    <ErrorLine error=form.error/>
                    <button type="submit" class="troth-button troth-button--primary">{button}</button>
                </form>
            </section>
        })}
        <SeriesStrips of=StripsOf::Series(root)/>
    }
}
