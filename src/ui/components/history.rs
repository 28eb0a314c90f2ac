//! A commitment's history, oldest first: every change, as it happened.

use crate::domain::{
    day_time_in, describe_due, Commitment, Direction, Entry, PersonId, Step, Timing, Zone,
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
    let theirs = c.by() == Direction::Theirs;
    let when = |e: &Entry| day_time_in(rules, &IntlDates, e.at(), mine);
    let due_text = |d: &crate::domain::Due| describe_due(rules, &IntlDates, d.at, mine, None);
    c.history()
        .iter()
        .enumerate()
        .filter(|(_, e)| !matches!(e, Entry::Undone { .. }))
        .map(|(n, e)| {
            let undone = c.history().is_undone(n);
            let (text, tone) = match e {
                Entry::Made { due, .. } => {
                    let corrected = c.history().iter().any(|e| {
                        matches!(
                            e,
                            Entry::Corrected { what: Some(_), .. }
                                | Entry::Corrected { to: Some(_), .. }
                        )
                    });
                    let (what, to) = c.as_made();
                    let text = match (corrected, theirs) {
                        (true, false) => {
                            format!("Made as “{what}” to {}, due {}", name_of(to), due_text(due))
                        }
                        (true, true) => format!(
                            "Promised as “{what}” by {}, due {}",
                            name_of(to),
                            due_text(due)
                        ),
                        (false, false) => format!("Made, due {}", due_text(due)),
                        (false, true) => format!("Promised by {name}, due {}", due_text(due)),
                    };
                    (text, "made")
                }
                // Undone, it never counted as early or late.
                Entry::Renegotiated { due, reason, .. } if undone => (
                    format!("Renegotiated — now due {}. Reason: {reason}", due_text(due)),
                    "quiet",
                ),
                Entry::Renegotiated { due, reason, .. } => match timings.next() {
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
                        to.map(|p| format!("made to {}", name_of(p))),
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
                Entry::Done { .. } if theirs => (
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
                Entry::NotYet { missing, .. } if theirs => {
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
                Entry::Acknowledged { how, reply, .. } => (
                    match (theirs, reply, how) {
                        (true, _, Some(how)) => format!("You acknowledged it: {how}"),
                        (true, _, None) => "You acknowledged it".to_owned(),
                        (false, Some(_), Some(how)) => {
                            format!("{name} acknowledged it in their own reply: {how}")
                        }
                        (false, Some(_), None) => {
                            format!("{name} acknowledged it in their own reply")
                        }
                        (false, None, Some(how)) => {
                            format!("{name} acknowledged it ({how}), recorded by you")
                        }
                        (false, None, None) => format!("{name} acknowledged it, recorded by you"),
                    },
                    "kept",
                ),
                Entry::Missed {
                    what: Some(what), ..
                } => (format!("Broken: {what}"), "late"),
                Entry::Missed { .. } => ("Marked missed".to_owned(), "late"),
                Entry::Released { note, .. } => (format!("Released by agreement: {note}"), "quiet"),
                Entry::Undone { .. } => (String::new(), "quiet"),
            };
            // Their own answer by a link from before replies were signed: said as unchecked.
            let text = if !theirs && e.reply().is_some() && !c.signed(e) {
                text + " (an older link: Troth cannot check it was not changed)"
            } else {
                text
            };
            (when(e), text, if undone { "undone" } else { tone })
        })
        .collect()
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
