//! A list of commitments as compact rows: what, to whom (or from whom), how soon, where it
//! stands, and the next step when it takes one click.

use crate::domain::{
    describe_due, relative, span, Action, Book, Command, Commitment, CommitmentId, Direction,
    Instant, Kind, Status, Step as _, Zone, ZoneRules,
};
use crate::ui::app::Troth;
use crate::ui::intl::IntlDates;
use crate::ui::route::Route;
use leptos::prelude::*;

/// The one-click step a row offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Done,
    Acknowledged,
}

/// What a row shows, computed once per change of the book.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Row {
    pub id: CommitmentId,
    pub what: String,
    /// The other person's name.
    pub to: String,
    /// They promised it to the user (the row says "from" them, and its steps are theirs).
    pub theirs: bool,
    /// How soon, or how late: `in 3 h`, `2 days late`, `waiting 5 h`.
    pub when: String,
    pub due: String,
    pub state: &'static str,
    pub tone: &'static str,
    pub missing: Option<String>,
    pub step: Option<Step>,
}

impl Row {
    pub fn of(
        book: &Book,
        c: &Commitment,
        rules: &dyn ZoneRules,
        mine: &Zone,
        now: Instant,
    ) -> Self {
        let person = book.person(c.to());
        let name = person.map_or("someone", |p| p.name.as_str());
        let status = c.status();
        let (state, tone) = match status {
            Status::Open if c.is_overdue(now) => ("overdue", "late"),
            Status::Open => ("open", "open"),
            Status::AwaitingAck if c.by() == Direction::Theirs => {
                ("awaiting your acknowledgement", "waiting")
            }
            Status::AwaitingAck => ("awaiting acknowledgement", "waiting"),
            Status::Kept => ("kept", "kept"),
            Status::Missed => ("missed", "late"),
            Status::Released => ("released", "quiet"),
        };
        let last = c.history().last().map_or(now, |e| e.at());
        let (when, step) = match status {
            // A standing one is kept until its end: nothing to mark done before then.
            Status::Open if c.kind() == Kind::Standing && now < c.due().at => (
                format!(
                    "kept until its end, {} left",
                    span(c.due().at.unix() - now.unix())
                ),
                None,
            ),
            Status::Open => (relative(now, c.due().at), Some(Step::Done)),
            Status::AwaitingAck => (
                format!("waiting {}", span(now.unix() - last.unix())),
                Some(Step::Acknowledged),
            ),
            _ => (String::new(), None),
        };
        Self {
            id: c.id(),
            what: c.what().to_owned(),
            to: name.to_owned(),
            theirs: c.by() == Direction::Theirs,
            when,
            due: describe_due(
                rules,
                &IntlDates,
                c.due().at,
                mine,
                person.and_then(|p| Some((p.name.as_str(), p.zone.as_ref()?))),
            ),
            state,
            tone,
            missing: c.missing().map(str::to_owned),
            step,
        }
    }
}

/// What a step did, in words for the message that reports it: `what` was promised to `name`
/// (by `name`, when `theirs`).
pub fn step_done(action: &Action, theirs: bool, name: &str, what: &str) -> String {
    // One sentence shape for most steps: each `format!` costs WASM.
    let (said, then) = match action {
        Action::MarkDone if theirs => {
            return format!("{name} says it is done: {what}. It is met once you acknowledge it.")
        }
        Action::MarkDone => {
            return format!("Marked done: {what}. It is met once {name} acknowledges it.")
        }
        Action::Acknowledge { .. } => {
            let who = if theirs { "You" } else { name };
            return format!("{who} acknowledged it: {what}. Kept.");
        }
        Action::NotYet { .. } => ("Not yet met", " It is open again."),
        Action::Renegotiate { .. } => ("Moved", " The history keeps the old moment."),
        Action::Release { .. } => ("Released by agreement", ""),
        Action::MarkMissed => ("Marked missed", ""),
        Action::Break { .. } => ("Recorded as broken", ""),
        Action::Correct { .. } => ("Corrected", ""),
        Action::Ask { .. } | Action::Offer { .. } | Action::Reply { .. } => ("Recorded", ""),
        Action::Undo { .. } => ("Undone", ""),
    };
    format!("{said}: {what}.{then}")
}

#[component]
pub fn CommitmentList(#[prop(into)] rows: Signal<Vec<Row>>) -> impl IntoView {
    let troth = Troth::get();
    // The row is drawn anew once the step is saved: focus goes to the message that says what
    // happened. Never to the step that replaces "Done": it acknowledges (for the other
    // person, or on the user's behalf), and a second Enter from habit would press it.
    let act = move |row: &Row, action: Action| {
        let id = row.id;
        let said = step_done(&action, row.theirs, &row.to, &row.what);
        troth.act_then(Command::Act { id, action }, said, None);
    };
    view! {
        <ul class="troth-list">
            <For each=move || rows.get() key=|r| r.clone() let:r>
                <li class=format!("troth-row troth-row--{}{}", r.tone, if r.theirs { " troth-row--theirs" } else { "" })>
                    <a class="troth-row__what" href=Route::Commitment(r.id).href()>{r.what.clone()}</a>
                    <span class="troth-tag">{r.state}</span>
                    <span class="troth-row__facts">
                        // Which way, in words and with an arrow: never by colour alone.
                        <span class="troth-row__to">
                            <span aria-hidden="true">{if r.theirs { "← " } else { "→ " }}</span>
                            {if r.theirs { "from " } else { "to " }} {r.to.clone()}
                        </span>
                        {(!r.when.is_empty()).then(|| view! { <strong class="troth-row__when">{r.when.clone()}</strong> })}
                        <span class="troth-row__due">{r.due.clone()}</span>
                    </span>
                    {r.missing.clone().map(|m| view! { <span class="troth-row__missing">"Still missing: " {m}</span> })}
                    {r.step.map(|step| {
                        let id = r.id;
                        let row = r.clone();
                        // Read from the user's side: for a promise of theirs, they say it is done
                        // and the user acknowledges it.
                        let (label, named, action) = match (step, r.theirs) {
                            (Step::Done, false) => ("Done".to_owned(), format!("Mark done: {}", r.what), Action::MarkDone),
                            (Step::Done, true) => {
                                let said = format!("{} says it's done", r.to);
                                (said.clone(), format!("{said}: {}", r.what), Action::MarkDone)
                            }
                            (Step::Acknowledged, false) => (
                                "Acknowledged".to_owned(),
                                format!("{} acknowledged it: {}", r.to, r.what),
                                Action::Acknowledge { how: None },
                            ),
                            (Step::Acknowledged, true) => (
                                "I acknowledge it".to_owned(),
                                // The visible words lead the name (WCAG 2.5.3, axe's
                                // label-content-name-mismatch).
                                format!("I acknowledge it: {}", r.what),
                                Action::Acknowledge { how: None },
                            ),
                        };
                        view! {
                            <button type="button" class="troth-button troth-row__step" id=format!("step-{id}")
                                aria-label=named on:click=move |_| act(&row, action.clone())>{label}</button>
                        }
                    })}
                </li>
            </For>
        </ul>
    }
}
