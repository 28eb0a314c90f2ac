//! One day at a time: each series made "again" as a strip of days (kept, renegotiated, late,
//! missed, released), with its current run and its longest.

use crate::domain::growth::{series, Day};
use crate::domain::{Commitment, CommitmentId, DateFormat, PersonId};
use crate::ui::app::Troth;
use crate::ui::intl::IntlDates;
use crate::ui::route::Route;
use leptos::prelude::*;

/// The most days a strip shows: the last four weeks.
const DAYS_SHOWN: usize = 28;

/// A series as the page shows it.
#[derive(Debug, Clone, PartialEq)]
struct Strip {
    what: String,
    latest: CommitmentId,
    made: usize,
    current: usize,
    longest: usize,
    days: Vec<(String, Day)>,
}

/// Whose series to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripsOf {
    /// Every series with a person, each under its own heading in a section of its own.
    Person(PersonId),
    /// The one series that starts with this commitment, inside the page's own section.
    Series(CommitmentId),
}

impl StripsOf {
    fn keeps(self, c: &Commitment) -> bool {
        match self {
            Self::Person(p) => c.to() == p,
            Self::Series(root) => c.id() == root || c.series() == Some(root),
        }
    }
}

/// The strips of the series `of` names; nothing when there are none.
#[component]
pub fn SeriesStrips(of: StripsOf) -> impl IntoView {
    let nested = matches!(of, StripsOf::Series(_));
    let troth = Troth::get();
    let rules = troth.page.rules();
    let strips = Memo::new(move |_| {
        troth.book.with(|b| {
            series(b.commitments().filter(|c| of.keeps(c)))
                .into_iter()
                .map(|s| {
                    let (current, longest) = s.runs();
                    Strip {
                        what: s.latest().what().to_owned(),
                        latest: s.latest().id(),
                        made: s.commitments.len(),
                        current,
                        longest,
                        days: s
                            .strip(rules, DAYS_SHOWN)
                            .into_iter()
                            .map(|(d, went)| (IntlDates.day(d), went))
                            .collect(),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let strips = strips.get();
        (!strips.is_empty()).then(|| {
            let body = strips
                .into_iter()
                .map(|s| view! { <StripView s/> })
                .collect_view();
            if nested {
                view! { <div class="troth-series">{body}</div> }.into_any()
            } else {
                view! {
                    <section class="troth-card troth-series" aria-labelledby="series-title">
                        <h2 id="series-title">"One day at a time"</h2>
                        {body}
                        <Legend/>
                    </section>
                }
                .into_any()
            }
        })
    }
}

#[component]
fn StripView(s: Strip) -> impl IntoView {
    let label = format!("Days of “{}”", s.what);
    let runs = format!(
        "{} made · current run {} · longest run {}",
        s.made, s.current, s.longest
    );
    view! {
        <div class="troth-series__one">
            <h3><a href=Route::Commitment(s.latest).href()>{s.what.clone()}</a></h3>
            <p class="troth-series__runs">{runs}</p>
            <ol class="troth-strip" aria-label=label>
                {s.days.into_iter().map(|(day, went)| {
                    let said = format!("{day}: {}", went.as_str());
                    let title = said.clone();
                    view! {
                        <li class=format!("troth-strip__day troth-strip__day--{}", class(went)) title=title>
                            <span aria-hidden="true">{mark(went)}</span>
                            <span class="troth-visually-hidden">{said}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}

/// What each mark means, in the order of the outcomes.
#[component]
fn Legend() -> impl IntoView {
    let days = [
        Day::Kept,
        Day::Renegotiated,
        Day::Late,
        Day::Missed,
        Day::Released,
        Day::Pending,
    ];
    view! {
        <p class="troth-strip__legend" aria-hidden="true">
            {days.into_iter().map(|d| view! {
                <span class=format!("troth-strip__key troth-strip__day--{}", class(d))>{mark(d)}</span>
                {format!(" {}  ", d.as_str())}
            }).collect_view()}
        </p>
    }
}

fn class(d: Day) -> &'static str {
    match d {
        Day::Kept => "kept",
        Day::Renegotiated => "reneg",
        Day::Late => "late",
        Day::Missed => "missed",
        Day::Released => "released",
        Day::Pending => "pending",
        Day::None => "none",
    }
}

/// A mark that tells the days apart without colour.
fn mark(d: Day) -> &'static str {
    match d {
        Day::Kept => "✓",
        Day::Renegotiated => "↻",
        Day::Late => "!",
        Day::Missed => "✗",
        Day::Released => "–",
        Day::Pending => "·",
        Day::None => "",
    }
}
