//! A commitment's history, oldest first: every change, as it happened.

use crate::domain::{describe_due, format_local, Commitment, Entry, Timing, Zone, ZoneRules};
use leptos::prelude::*;

/// One sentence per entry. `name` is the person it was made to.
pub fn describe(
    c: &Commitment,
    name: &str,
    rules: &dyn ZoneRules,
    mine: &Zone,
) -> Vec<(String, String, &'static str)> {
    let mut timings = c.renegotiations().map(|(_, t)| t);
    let when = |e: &Entry| format_local(e.at().local(mine.offset_at(rules, e.at())));
    let due_text = |d: &crate::domain::Due| describe_due(rules, d.at, mine, None);
    c.history()
        .iter()
        .map(|e| {
            let (text, tone) = match e {
                Entry::Made { due, .. } => (format!("Made, due {}", due_text(due)), "made"),
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
                Entry::Done { .. } => (
                    format!("Marked done; waiting for {name} to acknowledge it"),
                    "done",
                ),
                Entry::NotYet { missing, .. } => {
                    (format!("{name} said not yet. Missing: {missing}"), "notyet")
                }
                Entry::Acknowledged { how, .. } => (
                    match how {
                        Some(how) => format!("{name} acknowledged it ({how})"),
                        None => format!("{name} acknowledged it"),
                    },
                    "kept",
                ),
                Entry::Missed { .. } => ("Marked missed".to_owned(), "late"),
                Entry::Released { note, .. } => (format!("Released by agreement: {note}"), "quiet"),
            };
            (when(e), text, tone)
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
                    <span>{text}</span>
                </li>
            }).collect_view()}
        </ol>
    }
}
