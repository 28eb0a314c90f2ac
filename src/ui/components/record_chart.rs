//! The record over time, as a picture: a stacked bar per month of the commitments settled, by
//! how they ended, and the share kept as agreed as a line; the same figures as a table (always
//! there for screen readers, shown on request); and how far ahead early renegotiations come.
//! Everything is derived from the histories it is given.

use crate::domain::chart::{by_month, lead_times, median, Month, Span, DEFAULT_MONTHS};
use crate::domain::{span, Commitment};
use crate::ui::app::Troth;
use crate::ui::chart::{draw, month_name, Drawing, Kind, LEFT, RIGHT};
use crate::ui::components::choice::Choice;
use leptos::html;
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
    let rules = troth.page.rules();
    let chosen = RwSignal::new(0usize);
    let as_table = RwSignal::new(false);
    let months = Memo::new(move |_| {
        let span = match chosen.get() {
            0 => Span::Last(DEFAULT_MONTHS),
            _ => Span::All,
        };
        let (now, zone) = (troth.page.now.get(), troth.page.my_zone.get_value());
        commitments.with(|cs| by_month(cs, rules, &zone, now, span))
    });
    let total = Memo::new(move |_| months.with(|ms| total(ms)));
    let lead = move || commitments.with(|cs| lead(cs));
    let (heading, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let caption = format!("{title}: settled each month, by how they ended");
    let summary = {
        let title = title.clone();
        move || months.with(|ms| summary(&title, ms, total.get()))
    };
    // Drawn with plain DOM calls, one loop for every shape (see `paint`), each time the months
    // change or the figure is shown again.
    let canvas = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(div) = canvas.get() {
            paint(&div, id, &summary(), &months.with(|ms| draw(ms)));
        }
    });
    let swatch = move |kind: Kind| {
        let texture = (kind != Kind::OnTime).then(|| {
            view! { <rect width="12" height="12" fill=format!("url(#{id}-{})", kind.as_str())/> }
        });
        view! {
            <svg class="troth-chart__swatch" viewBox="0 0 12 12" aria-hidden="true">
                <rect class=format!("troth-chart__part--{}", kind.as_str()) width="12" height="12"/>
                {texture}
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
    // Hidden from sight, not from screen readers, until asked for: a wrapper hides it, since a
    // table will not shrink to the one pixel that hides it.
    let shown = move || (!as_table.get()).then_some("troth-visually-hidden");

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
                    <div node_ref=canvas></div>
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
                <div class=shown>
                <table class="troth-table troth-chart__table">
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
                </div>
            </Show>
        </section>
    }
}

/// How far ahead of the due moment early renegotiations come, in words.
fn lead(commitments: &[Commitment]) -> String {
    let leads = lead_times(commitments);
    let n = leads.len();
    match median(leads) {
        None => "No early renegotiations yet.".to_owned(),
        Some(m) => format!(
            "Renegotiated early {n} {}, a median {} ahead of the due moment.",
            if n == 1 { "time" } else { "times" },
            span(m)
        ),
    }
}

/// The figure's name for screen readers: its months, how many were settled, and the share
/// kept as agreed.
fn summary(title: &str, months: &[Month], total: Month) -> String {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return String::new();
    };
    let share = total
        .share_as_agreed()
        .map(|p| format!(", {p}% of them kept as agreed"))
        .unwrap_or_default();
    format!(
        "{title}: a bar for each month from {} to {}, {} settled in all{share}. The table has the same figures.",
        month_name(first),
        month_name(last),
        total.settled()
    )
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

/// Each texture: its tile's size, its turn, and the rectangles (width, height) drawn on it.
type Texture = (
    Kind,
    u8,
    &'static str,
    &'static [(&'static str, &'static str)],
);
const TEXTURES: [Texture; 4] = [
    // Diagonal lines.
    (Kind::AfterEarly, 6, "rotate(45)", &[("2", "6")]),
    // Small squares, set square to the bar: dots.
    (Kind::Late, 5, "rotate(0)", &[("2", "2")]),
    // Crossed diagonal lines.
    (Kind::Missed, 6, "rotate(45)", &[("1.5", "6"), ("6", "1.5")]),
    // Horizontal lines.
    (Kind::Released, 4, "rotate(0)", &[("4", "1.5")]),
];

/// Draws `d` as the SVG inside `parent`, in place of what was there: plain DOM calls in one
/// loop per kind of shape. A Leptos view per kind of shape cost ~N KB of WASM more (measured).
fn paint(parent: &web_sys::Element, id: &str, name: &str, d: &Drawing) {
    while let Some(child) = parent.first_child() {
        let _ = parent.remove_child(&child);
    }
    let (label, view_box) = (
        format!("{id}-name"),
        format!("0 0 {} {}", d.width, d.height),
    );
    let attrs = [
        ("class", "troth-chart__svg"),
        ("role", "img"),
        ("aria-labelledby", label.as_str()),
        ("viewBox", view_box.as_str()),
    ];
    let Some(svg) = add(parent, "svg", &attrs, "") else {
        return;
    };
    add(&svg, "title", &[("id", &label)], name);
    textures(&svg, id);
    let (left, right) = (LEFT.to_string(), (d.width - RIGHT).to_string());
    let tick = |t: &crate::ui::chart::Tick, anchor: &str| {
        let (x, y) = (t.x.to_string(), t.y.to_string());
        let attrs = [
            ("class", "troth-chart__tick"),
            ("x", x.as_str()),
            ("y", y.as_str()),
            ("text-anchor", anchor),
            ("dominant-baseline", "middle"),
        ];
        add(&svg, "text", &attrs, &t.text);
    };
    for t in &d.counts {
        let y = t.y.to_string();
        let attrs = [
            ("class", "troth-chart__grid"),
            ("x1", left.as_str()),
            ("x2", right.as_str()),
            ("y1", y.as_str()),
            ("y2", y.as_str()),
        ];
        add(&svg, "line", &attrs, "");
        tick(t, "end");
    }
    for t in &d.shares {
        tick(t, "start");
    }
    for b in &d.bars {
        bar(&svg, id, b);
    }
    for class in ["troth-chart__halo", "troth-chart__line"] {
        add(&svg, "path", &[("class", class), ("d", &d.line)], "");
    }
    for (x, y) in &d.points {
        let (x, y) = (x.to_string(), y.to_string());
        let attrs = [
            ("class", "troth-chart__point"),
            ("cx", x.as_str()),
            ("cy", y.as_str()),
            ("r", "4"),
        ];
        add(&svg, "circle", &attrs, "");
    }
    for t in d.months.iter().chain(&d.years) {
        tick(t, "middle");
    }
}

/// Adds an SVG element to `to`, with its attributes and its text (if any).
fn add(
    to: &web_sys::Element,
    tag: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> Option<web_sys::Element> {
    let el = document()
        .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
        .ok()?;
    for (k, v) in attrs {
        el.set_attribute(k, v).ok()?;
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    to.append_child(&el).ok()?;
    Some(el)
}

/// The textures, drawn in the card's colour over each part's own (the legend uses them too).
fn textures(svg: &web_sys::Element, id: &str) {
    let Some(defs) = add(svg, "defs", &[], "") else {
        return;
    };
    for (kind, size, turn, shapes) in TEXTURES {
        let (pattern, size) = (format!("{id}-{}", kind.as_str()), size.to_string());
        let attrs = [
            ("id", pattern.as_str()),
            ("width", size.as_str()),
            ("height", size.as_str()),
            ("patternUnits", "userSpaceOnUse"),
            ("patternTransform", turn),
        ];
        let Some(p) = add(&defs, "pattern", &attrs, "") else {
            continue;
        };
        for (w, h) in shapes {
            let attrs = [("class", "troth-chart__ink"), ("width", w), ("height", h)];
            add(&p, "rect", &attrs, "");
        }
    }
}

/// One month's bar: its parts, each in its colour with its texture over it, and its title.
fn bar(svg: &web_sys::Element, id: &str, b: &crate::ui::chart::Bar) {
    let Some(g) = add(svg, "g", &[], "") else {
        return;
    };
    add(&g, "title", &[], &b.title);
    let (x, w) = (b.x.to_string(), b.width.to_string());
    for p in &b.parts {
        let (y, h) = (p.y.to_string(), p.height.to_string());
        // Its colour, then its texture over it (none for kept on time).
        let class = format!("troth-chart__part--{}", p.kind.as_str());
        let fill = format!("url(#{id}-{})", p.kind.as_str());
        let textured = p.kind != Kind::OnTime;
        for (k, v) in [("class", class), ("fill", fill)]
            .iter()
            .take(1 + usize::from(textured))
        {
            let attrs = [
                (*k, v.as_str()),
                ("x", x.as_str()),
                ("y", y.as_str()),
                ("width", w.as_str()),
                ("height", h.as_str()),
            ];
            add(&g, "rect", &attrs, "");
        }
    }
}
