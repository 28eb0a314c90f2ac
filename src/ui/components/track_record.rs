//! A track record: what was made and how each ended, as figures and as one bar; and, of those
//! kept, how the acknowledgement came.

use crate::domain::{Direction, Standing};
use leptos::prelude::*;

#[component]
pub fn TrackRecordView(
    /// The record, of commitments in one direction with one person.
    #[prop(into)]
    record: Signal<Standing>,
    /// Whose word it is: the user's to `name` (`Mine`), or `name`'s to the user (`Theirs`).
    by: Direction,
    /// The other person's name.
    name: String,
) -> impl IntoView {
    let theirs = by == Direction::Theirs;
    let (title, heading) = if theirs {
        (format!("{name}'s word to you"), "record-theirs")
    } else {
        (format!("Your word to {name}"), "record-mine")
    };
    // How the user's word was acknowledged: by the other person's own reply link, or recorded
    // by the user. (Their word to the user is always acknowledged by the user.)
    let how = move || {
        let r = record.get().record;
        (r.kept() > 0 && !theirs).then(|| {
            let (n, m) = (r.acknowledged_by_them, r.acknowledged_by_hand());
            format!("Of those kept: {n} acknowledged by {name} in their own reply, {m} recorded by you.")
        })
    };
    let rows = move || {
        let r = record.get().record;
        [
            ("Made", r.made, "made"),
            ("Kept on time", r.kept_on_time, "kept"),
            (
                "Kept after renegotiating early",
                r.kept_after_early_renegotiation,
                "early",
            ),
            ("Kept late", r.kept_late, "latekept"),
            ("Missed", r.missed, "late"),
            ("Released by agreement", r.released, "quiet"),
            ("In progress", r.in_progress, "open"),
        ]
    };
    // An SVG bar: widths as attributes, so no inline style is needed (CSP-friendly).
    let bar = move || {
        let r = record.get().record;
        // Widths in thousandths, as integers: float formatting would cost ~15 KB of WASM.
        let total = r.made.max(1);
        let mut x = 0;
        rows()
            .into_iter()
            .skip(1)
            .filter(|(_, n, _)| *n > 0)
            .map(|(label, n, tone)| {
                let width = n * 1000 / total;
                let part = view! {
                    <rect class=format!("troth-bar__part--{tone}") x=x.to_string() y="0"
                        width=width.to_string() height="1"><title>{format!("{label}: {n}")}</title></rect>
                };
                x += width;
                part
            })
            .collect_view()
    };
    let summary = move || {
        let s = record.get();
        let r = s.record;
        match r.reliability_percent() {
            Some(_) => format!("{} (on time, or by a moment renegotiated in good time). {} renegotiated early, {} late.", capitalized(&s.headline()), r.renegotiated_early, r.renegotiated_late),
            None => format!("{}: the record starts with the first acknowledgement.", capitalized(&s.headline())),
        }
    };
    view! {
        <section class="troth-card troth-record" aria-labelledby=heading>
            <h2 id=heading>{title}</h2>
            <p>{summary}</p>
            {move || how().map(|text| view! { <p>{text}</p> })}
            <svg class="troth-bar" viewBox="0 0 1000 1" preserveAspectRatio="none" aria-hidden="true">{bar}</svg>
            <table class="troth-record__table">
                <tbody>
                    {move || rows().into_iter().map(|(label, n, tone)| view! {
                        <tr class=format!("troth-record__row--{tone}")><th scope="row">{label}</th><td>{n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// `nothing has ended yet` → `Nothing has ended yet` (headlines start in ASCII).
fn capitalized(text: &str) -> String {
    let mut cs = text.chars();
    cs.next()
        .map(|c| std::iter::once(c.to_ascii_uppercase()).chain(cs).collect())
        .unwrap_or_default()
}
