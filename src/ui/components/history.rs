//! A commitment's history, oldest first: every change, as it happened.

use crate::domain::{
    day_time_in, describe_due, Commitment, Direction, Due, Entry, PersonId, Step, Timing, Zone,
    ZoneRules,
};
use crate::ui::intl::IntlDates;
use leptos::prelude::*;

/// One sentence per entry. `name` is the person it is made to; `name_of` names anyone else.
/// A step the user undid keeps its line with the tone `undone` (shown struck through); the
/// entry that undid it has no line of its own.
pub fn describe(
    c: &Commitment,
    name: &str,
    name_of: &dyn Fn(PersonId) -> String,
    rules: &dyn ZoneRules,
    mine: &Zone,
) -> Vec<(String, String, &'static str)> {
    let mut timings = c.renegotiations().map(|(_, t)| t);
    let teller = Teller {
        c,
        name,
        name_of,
        rules,
        mine,
        theirs: c.by() == Direction::Theirs,
    };
    c.history()
        .iter()
        .enumerate()
        .filter(|(_, e)| !matches!(e, Entry::Undone { .. }))
        .map(|(n, e)| {
            let undone = c.history().is_undone(n);
            // Undone, a renegotiation never counted as early or late.
            let timing = match e {
                Entry::Renegotiated { .. } if !undone => timings.next(),
                _ => None,
            };
            let (text, tone) = teller.said(e, undone, timing);
            // Their own answer by a link from before replies were signed: said as unchecked.
            let text = if !teller.theirs && e.reply().is_some() && !c.signed(e) {
                text + " (an older link: Troth cannot check it was not changed)"
            } else {
                text
            };
            let when = day_time_in(rules, &IntlDates, e.at(), mine);
            (when, text, if undone { "undone" } else { tone })
        })
        .collect()
}

/// Says a commitment's entries in words, from the user's side.
struct Teller<'a> {
    c: &'a Commitment,
    /// The other person's name.
    name: &'a str,
    name_of: &'a dyn Fn(PersonId) -> String,
    rules: &'a dyn ZoneRules,
    /// The user's zone, that moments are said in.
    mine: &'a Zone,
    /// They promised it to the user.
    theirs: bool,
}

impl Teller<'_> {
    fn due_text(&self, due: &Due) -> String {
        describe_due(self.rules, &IntlDates, due.at, self.mine, None)
    }

    /// An entry in words, with its tone; `timing`, for a renegotiation still in force.
    fn said(&self, e: &Entry, undone: bool, timing: Option<Timing>) -> (String, &'static str) {
        let name = self.name;
        let due_text = |d: &Due| self.due_text(d);
        match e {
            Entry::Made { due, .. } => (self.made(due), "made"),
            Entry::Renegotiated { due, reason, .. } if undone => (
                format!("Renegotiated — now due {}. Reason: {reason}", due_text(due)),
                "quiet",
            ),
            Entry::Renegotiated { due, reason, .. } => match timing {
                Some(Timing::Late) => (
                    format!(
                        "Renegotiated late, after it was due — now due {}. Reason: {reason}",
                        due_text(due)
                    ),
                    "late",
                ),
                _ => (
                    format!(
                        "Renegotiated early, before it was due — now due {}. Reason: {reason}",
                        due_text(due)
                    ),
                    "early",
                ),
            },
            Entry::Corrected { what, to, due, .. } => {
                let fixed: Vec<String> = [
                    what.as_ref().map(|w| format!("what is now “{w}”")),
                    to.map(|p| format!("made to {}", (self.name_of)(p))),
                    due.as_ref().map(|d| format!("due {}", due_text(d))),
                ]
                .into_iter()
                .flatten()
                .collect();
                (
                    format!(
                        "Corrected a slip (not a renegotiation): {}",
                        fixed.join("; ")
                    ),
                    "made",
                )
            }
            Entry::Done { .. } if self.theirs => (
                format!("{name} said it is done; waiting for your acknowledgement"),
                "done",
            ),
            Entry::Done { .. } => (
                format!("Marked done; waiting for {name} to acknowledge it"),
                "done",
            ),
            Entry::Asked { .. } => (format!("Asked {name} by link whether it is met"), "quiet"),
            Entry::Offered { .. } => (
                format!("Sent to {name} as a link their Troth can keep"),
                "quiet",
            ),
            Entry::NotYet { missing, .. } if self.theirs => {
                (format!("You said not yet. Missing: {missing}"), "notyet")
            }
            Entry::NotYet {
                missing,
                reply: Some(_),
                ..
            } => (
                format!("{name} said not yet, in their own reply. Missing: {missing}"),
                "notyet",
            ),
            Entry::NotYet { missing, .. } => {
                (format!("{name} said not yet. Missing: {missing}"), "notyet")
            }
            Entry::Acknowledged { how, reply, .. } => {
                (self.acknowledged(how.as_deref(), reply.is_some()), "kept")
            }
            Entry::Missed {
                what: Some(what), ..
            } => (format!("Broken: {what}"), "late"),
            Entry::Missed { .. } => ("Marked missed".to_owned(), "late"),
            Entry::Released { note, .. } => (format!("Released by agreement: {note}"), "quiet"),
            Entry::Undone { .. } => (String::new(), "quiet"),
        }
    }

    /// The first entry: as it was made, when a correction has changed what or to whom since.
    fn made(&self, due: &Due) -> String {
        let (c, name) = (self.c, self.name);
        let due_text = |d: &Due| self.due_text(d);
        let corrected = c.history().iter().any(|e| {
            matches!(
                e,
                Entry::Corrected { what: Some(_), .. } | Entry::Corrected { to: Some(_), .. }
            )
        });
        let (what, to) = c.as_made();
        match (corrected, self.theirs) {
            (true, false) => format!(
                "Made as “{what}” to {}, due {}",
                (self.name_of)(to),
                due_text(due)
            ),
            (true, true) => format!(
                "Promised as “{what}” by {}, due {}",
                (self.name_of)(to),
                due_text(due)
            ),
            (false, false) => format!("Made, due {}", due_text(due)),
            (false, true) => format!("Promised by {name}, due {}", due_text(due)),
        }
    }

    /// Who acknowledged it, how, and whether in their own reply.
    fn acknowledged(&self, how: Option<&str>, by_reply: bool) -> String {
        let name = self.name;
        match (self.theirs, by_reply, how) {
            (true, _, Some(how)) => format!("You acknowledged it: {how}"),
            (true, _, None) => "You acknowledged it".to_owned(),
            (false, true, Some(how)) => format!("{name} acknowledged it in their own reply: {how}"),
            (false, true, None) => format!("{name} acknowledged it in their own reply"),
            (false, false, Some(how)) => format!("{name} acknowledged it ({how}), recorded by you"),
            (false, false, None) => format!("{name} acknowledged it, recorded by you"),
        }
    }
}

#[component]
pub fn History(
    #[prop(into)] entries: Signal<Vec<(String, String, &'static str)>>,
) -> impl IntoView {
    view! {
        <ol class="troth-history" aria-label="History">
            {move || entries.get().into_iter().map(|(when, text, tone)| view! {
                <li class=format!("troth-history__entry troth-history__entry--{tone}")>
                    <time>{when}</time>
                    {if tone == "undone" {
                        view! { <span><del>{text}</del>" "<span class="troth-tag">"undone"</span></span> }.into_any()
                    } else {
                        view! { <span>{text}</span> }.into_any()
                    }}
                </li>
            }).collect_view()}
        </ol>
    }
}
