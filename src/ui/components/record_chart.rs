//! The record over time, as a picture: a stacked bar per month of the commitments settled, by
//! how they ended, and the share kept as agreed as a line; the same figures as a table (always
//! there for screen readers, shown on request); and how far ahead early renegotiations come.
//! Everything is derived from the histories it is given.

use crate::domain::chart::{by_month, lead_times, median, Month, Span, DEFAULT_MONTHS};
use crate::domain::{span, Commitment};
use crate::ui::app::Troth;
use crate::ui::chart::{draw, month_name, Kind, LEFT, RIGHT};
use crate::ui::components::choice::Choice;
use leptos::prelude::*;

/// The spans to choose from, in the order of [`Span`]s below.
const SPANS: &[(&str, &str)] = &[("12", "Last 12 months"), ("all", "All months")];

#[component]
pub fn RecordChart(
    /// Starts every id inside it (heading, patterns, the span's radios): unique on the page.
    id: &'static str,
    /// Its heading: whose word, over what (`Your word to Ana, month by month`).
    #[prop(into)]
    title: String,
    /// The commitments it counts; those not settled yet count in no month.
    #[prop(into)]
    commitments: Signal<Vec<Commitment>>,
) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let chosen = RwSignal::new(0usize);
    let as_table = RwSignal::new(false);
    let months = Memo::new(move |_| {
        let span = match chosen.get() {
            0 => Span::Last(DEFAULT_MONTHS),
            _ => Span::All,
        };
        let (now, zone) = (troth.now.get(), troth.my_zone.get_value());
        commitments.with(|cs| by_month(cs, rules, &zone, now, span))
    });
    let total = Memo::new(move |_| months.with(|ms| total(ms)));
    let lead = move || {
        let leads = commitments.with(|cs| lead_times(cs));
        let n = leads.len();
        match median(leads) {
            None => "No early renegotiations yet.".to_owned(),
            Some(m) => format!(
                "Renegotiated early {n} {}, a median {} ahead of the due moment.",
                if n == 1 { "time" } else { "times" },
                span(m)
            ),
        }
    };
    let (heading, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let caption = format!("{title}: settled each month, by how they ended");
    let summary = {
        let title = title.clone();
        move || {
            months.with(|ms| {
                let (Some(first), Some(last)) = (ms.first(), ms.last()) else {
                    return String::new();
                };
                let t = total.get();
                let share = t
                    .share_as_agreed()
                    .map(|p| format!(", {p}% of them kept as agreed"))
                    .unwrap_or_default();
                format!(
                    "{title}: a bar for each month from {} to {}, {} settled in all{share}. The table has the same figures.",
                    month_name(first),
                    month_name(last),
                    t.settled()
                )
            })
        }
    };
    let pattern = move |kind: Kind| format!("url(#{id}-{})", kind.as_str());
    let part_class = |kind: Kind| format!("troth-chart__part--{}", kind.as_str());
    // A part drawn twice: its colour, then its texture over it (none for kept on time).
    let part = move |kind: Kind, x: String, y: String, w: String, h: String| {
        let texture = (kind != Kind::OnTime).then(|| {
            view! { <rect x=x.clone() y=y.clone() width=w.clone() height=h.clone() fill=pattern(kind)/> }
        });
        view! {
            <rect class=part_class(kind) x=x.clone() y=y.clone() width=w.clone() height=h.clone()/>
            {texture}
        }
    };
    let svg = move || {
        let d = months.with(|ms| draw(ms));
        let right = (d.width - RIGHT).to_string();
        view! {
            <svg class="troth-chart__svg" role="img" aria-labelledby=format!("{id}-name")
                viewBox=format!("0 0 {} {}", d.width, d.height)>
                <title id=format!("{id}-name")>{summary.clone()}</title>
                {d.counts.into_iter().map(|t| view! {
                    <line class="troth-chart__grid" x1=LEFT.to_string() x2=right.clone()
                        y1=t.y.to_string() y2=t.y.to_string()/>
                    <text class="troth-chart__tick" x=t.x.to_string() y=t.y.to_string() text-anchor="end"
                        dominant-baseline="middle">{t.text}</text>
                }).collect_view()}
                {d.shares.into_iter().map(|t| view! {
                    <text class="troth-chart__tick" x=t.x.to_string() y=t.y.to_string()
                        dominant-baseline="middle">{t.text}</text>
                }).collect_view()}
                {d.bars.into_iter().map(|b| {
                    let (x, w) = (b.x.to_string(), b.width.to_string());
                    view! {
                        <g>
                            <title>{b.title}</title>
                            {b.parts.into_iter().map(|p| part(p.kind, x.clone(), p.y.to_string(), w.clone(), p.height.to_string())).collect_view()}
                        </g>
                    }
                }).collect_view()}
                <path class="troth-chart__halo" d=d.line.clone()/>
                <path class="troth-chart__line" d=d.line/>
                {d.points.into_iter().map(|(x, y)| view! {
                    <circle class="troth-chart__point" cx=x.to_string() cy=y.to_string() r="4"/>
                }).collect_view()}
                {d.months.into_iter().chain(d.years).map(|t| view! {
                    <text class="troth-chart__tick" x=t.x.to_string() y=t.y.to_string() text-anchor="middle">{t.text}</text>
                }).collect_view()}
            </svg>
        }
    };
    let swatch = move |kind: Kind| {
        view! {
            <svg class="troth-chart__swatch" viewBox="0 0 12 12" aria-hidden="true">
                {part(kind, "0".into(), "0".into(), "12".into(), "12".into())}
            </svg>
        }
    };
    let cells = |m: &Month| {
        let share = m
            .share_as_agreed()
            .map_or_else(|| "none".to_owned(), |p| format!("{p}%"));
        view! {
            {Kind::ALL.iter().map(|k| view! { <td>{k.count(m)}</td> }).collect_view()}
            <td>{share}</td>
        }
    };
    let empty = move || total.with(|t| t.settled() == 0);
    let shown = move || {
        if as_table.get() {
            "troth-table troth-chart__table"
        } else {
            "troth-table troth-chart__table troth-visually-hidden"
        }
    };

    view! {
        <section class="troth-card troth-chart" aria-labelledby=labelled_by>
            <h2 id=heading>{title.clone()}</h2>
            <p>{lead}</p>
            <div class="troth-chart__controls">
                <Choice name=id legend="Months shown" options=SPANS chosen/>
                <Show when=move || !empty()>
                    <button type="button" class="troth-button" aria-pressed=move || as_table.get().to_string()
                        on:click=move |_| as_table.update(|t| *t = !*t)>"Show as table"</button>
                </Show>
            </div>
            <Show when=move || !empty() fallback=|| view! { <p class="troth-empty">"Nothing settled in these months yet."</p> }>
                <figure class="troth-chart__figure" hidden=move || as_table.get()>
                    <svg class="troth-chart__defs" aria-hidden="true" width="0" height="0">
                        <defs>
                            <pattern id=format!("{id}-early") width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                                <rect class="troth-chart__ink" width="2" height="6"/>
                            </pattern>
                            <pattern id=format!("{id}-latekept") width="5" height="5" patternUnits="userSpaceOnUse">
                                <circle class="troth-chart__ink" cx="2.5" cy="2.5" r="1.2"/>
                            </pattern>
                            <pattern id=format!("{id}-late") width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                                <rect class="troth-chart__ink" width="1.5" height="6"/>
                                <rect class="troth-chart__ink" width="6" height="1.5"/>
                            </pattern>
                            <pattern id=format!("{id}-quiet") width="6" height="4" patternUnits="userSpaceOnUse">
                                <rect class="troth-chart__ink" width="6" height="2"/>
                            </pattern>
                        </defs>
                    </svg>
                    {svg.clone()}
                    <figcaption>
                        <p class="troth-hint">"Each bar: the commitments settled that month (left scale), from the bottom:"</p>
                        <ol class="troth-chart__legend">
                            {Kind::ALL.iter().map(|&k| view! {
                                <li>{swatch(k)}{format!("{} ({})", k.label(), k.texture())}</li>
                            }).collect_view()}
                            <li>
                                <svg class="troth-chart__swatch" viewBox="0 0 12 12" aria-hidden="true">
                                    <path class="troth-chart__line" d="M0 6 L12 6"/>
                                    <circle class="troth-chart__point" cx="6" cy="6" r="3"/>
                                </svg>
                                "The line: the share kept as agreed, of those kept or missed (right scale)"
                            </li>
                        </ol>
                    </figcaption>
                </figure>
                <table class=shown>
                    <caption>{caption.clone()}</caption>
                    <thead><tr>
                        <th scope="col">"Month"</th>
                        {Kind::ALL.iter().map(|k| view! { <th scope="col">{k.label()}</th> }).collect_view()}
                        <th scope="col">"Kept as agreed"</th>
                    </tr></thead>
                    <tbody>
                        {move || months.get().iter().map(|m| view! {
                            <tr><th scope="row">{month_name(m)}</th>{cells(m)}</tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        {move || view! { <tr><th scope="row">"All months shown"</th>{cells(&total.get())}</tr> }}
                    </tfoot>
                </table>
            </Show>
        </section>
    }
}

/// The months added up (its year and month are meaningless).
fn total(months: &[Month]) -> Month {
    months.iter().fold(Month::default(), |t, m| Month {
        kept_on_time: t.kept_on_time + m.kept_on_time,
        kept_after_early: t.kept_after_early + m.kept_after_early,
        kept_late: t.kept_late + m.kept_late,
        missed: t.missed + m.missed,
        released: t.released + m.released,
        ..t
    })
}
