//! The record chart's geometry, as pure functions: stacked bars per month, the share kept as
//! agreed as a line, the axes and their labels. Whole numbers of SVG user units throughout:
//! formatting floats would cost ~15 KB of WASM, and the viewBox scales the drawing anyway.

use crate::domain::chart::Month;

/// How a settled commitment ended, in the order the bars stack them (from the bottom) and the
/// legend and table list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    OnTime,
    AfterEarly,
    Late,
    Missed,
    Released,
}

impl Kind {
    pub const ALL: [Self; 5] = [
        Self::OnTime,
        Self::AfterEarly,
        Self::Late,
        Self::Missed,
        Self::Released,
    ];

    /// For class names and pattern ids: `troth-chart__part--early`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OnTime => "kept",
            Self::AfterEarly => "early",
            Self::Late => "latekept",
            Self::Missed => "late",
            Self::Released => "quiet",
        }
    }

    /// The words the track record uses for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::OnTime => "Kept on time",
            Self::AfterEarly => "Kept after renegotiating early",
            Self::Late => "Kept late",
            Self::Missed => "Missed",
            Self::Released => "Released by agreement",
        }
    }

    /// How its part of a bar is told apart without colour (the legend says it too).
    pub fn texture(self) -> &'static str {
        match self {
            Self::OnTime => "solid",
            Self::AfterEarly => "diagonal lines",
            Self::Late => "dots",
            Self::Missed => "crossed lines",
            Self::Released => "horizontal lines",
        }
    }

    pub fn count(self, m: &Month) -> usize {
        match self {
            Self::OnTime => m.kept_on_time,
            Self::AfterEarly => m.kept_after_early,
            Self::Late => m.kept_late,
            Self::Missed => m.missed,
            Self::Released => m.released,
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Nov 2026`.
pub fn month_name(m: &Month) -> String {
    format!("{} {}", MONTHS[(m.month as usize + 11) % 12], m.year)
}

/// The plot's top edge, its height, and the room left of it (count axis), right of it (share
/// axis) and below it (month labels).
pub const TOP: i64 = 14;
pub const PLOT: i64 = 160;
pub const LEFT: i64 = 40;
pub const RIGHT: i64 = 48;
pub const BELOW: i64 = 40;
/// The width all months share, so that twelve or forty months draw at about the same size.
const ROOM: i64 = 480;

/// One part of one bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: Kind,
    pub count: usize,
    pub y: i64,
    pub height: i64,
}

/// One month's bar, its parts from the bottom up (only those with a count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub x: i64,
    pub width: i64,
    pub parts: Vec<Part>,
    /// What a pointer over the bar says: `Nov 2026: 3 settled, 67% kept as agreed`.
    pub title: String,
}

/// A label on an axis: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub x: i64,
    pub y: i64,
    pub text: String,
}

/// Everything the SVG draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawing {
    pub width: i64,
    pub height: i64,
    pub bars: Vec<Bar>,
    /// The share kept as agreed, as an SVG path: a month with nothing kept or missed breaks it.
    pub line: String,
    /// Each point of the line (a month's share), for its marker.
    pub points: Vec<(i64, i64)>,
    /// Counts, left of the plot, each with a grid line across it at its `y`.
    pub counts: Vec<Tick>,
    /// Shares, right of the plot.
    pub shares: Vec<Tick>,
    /// Month names under the bars, and the year under the first month and each January.
    pub months: Vec<Tick>,
    pub years: Vec<Tick>,
}

/// The bottom of the plot.
pub const BASE: i64 = TOP + PLOT;

/// The top of the count axis and its step: a round step (1, 2, 5, 10, 20, 50 …) that gives at
/// most four steps, and the smallest multiple of it at or above `max`.
pub fn scale(max: usize) -> (usize, usize) {
    let max = max.max(1);
    let (mut step, mut k) = (1, 0);
    while max.div_ceil(step) > 4 {
        k += 1;
        step = [1, 2, 5][k % 3] * 10usize.pow(k as u32 / 3);
    }
    (max.div_ceil(step) * step, step)
}

/// Lays out `months` (oldest first).
pub fn draw(months: &[Month]) -> Drawing {
    let n = months.len().max(1) as i64;
    let slot = (ROOM / n).clamp(12, 44);
    let bar = slot * 2 / 3;
    let width = LEFT + slot * n + RIGHT;
    let (top, step) = scale(months.iter().map(Month::settled).max().unwrap_or(0));
    let y_of = |count: usize| BASE - count as i64 * PLOT / top as i64;
    let y_share = |share: u32| BASE - i64::from(share) * PLOT / 100;
    let centre = |i: usize| LEFT + i as i64 * slot + slot / 2;
    // A label for each month while they fit, else every second, third … month.
    let stride = (months.len().div_ceil(12)).max(1);

    let mut line = Vec::new();
    let mut points = Vec::new();
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    let mut years = Vec::new();
    let mut broken = true;
    for (i, m) in months.iter().enumerate() {
        let mut below = 0;
        let parts = Kind::ALL
            .iter()
            .filter_map(|&kind| {
                let count = kind.count(m);
                (count > 0).then(|| {
                    let (y0, y1) = (y_of(below), y_of(below + count));
                    below += count;
                    Part {
                        kind,
                        count,
                        y: y1,
                        height: y0 - y1,
                    }
                })
            })
            .collect();
        let share = m.share_as_agreed();
        let title = match share {
            Some(p) => format!(
                "{}: {} settled, {p}% kept as agreed",
                month_name(m),
                m.settled()
            ),
            None => format!("{}: {} settled", month_name(m), m.settled()),
        };
        bars.push(Bar {
            x: centre(i) - bar / 2,
            width: bar,
            parts,
            title,
        });
        match share {
            Some(p) => {
                let (x, y) = (centre(i), y_share(p));
                line.push(format!("{}{x} {y}", if broken { "M" } else { "L" }));
                points.push((x, y));
                broken = false;
            }
            None => broken = true,
        }
        if i % stride == 0 {
            labels.push(Tick {
                x: centre(i),
                y: BASE + 16,
                text: MONTHS[(m.month as usize + 11) % 12].to_owned(),
            });
        }
        if i == 0 || m.month == 1 {
            years.push(Tick {
                x: centre(i),
                y: BASE + 32,
                text: m.year.to_string(),
            });
        }
    }
    let counts = (0..=top / step)
        .map(|k| Tick {
            x: LEFT - 6,
            y: y_of(k * step),
            text: (k * step).to_string(),
        })
        .collect();
    let shares = [0, 50, 100]
        .into_iter()
        .map(|p| Tick {
            x: width - RIGHT + 6,
            y: y_share(p),
            text: format!("{p}%"),
        })
        .collect();
    Drawing {
        width,
        height: BASE + BELOW,
        bars,
        line: line.join(" "),
        points,
        counts,
        shares,
        months: labels,
        years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: u32, on_time: usize, early: usize, late: usize, missed: usize) -> Month {
        Month {
            year: 2026,
            month: m,
            kept_on_time: on_time,
            kept_after_early: early,
            kept_late: late,
            missed,
            released: 0,
        }
    }

    #[test]
    fn scales_are_round() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(3), (3, 1));
        assert_eq!(scale(4), (4, 1));
        assert_eq!(scale(5), (6, 2));
        assert_eq!(scale(9), (10, 5));
        assert_eq!(scale(17), (20, 5));
        assert_eq!(scale(21), (30, 10));
        assert_eq!(scale(45), (60, 20));
        assert_eq!(scale(130), (150, 50));
    }

    #[test]
    fn bars_stack_without_gaps_and_the_tallest_fills_the_plot() {
        let months = [
            month(1, 2, 1, 0, 1),
            month(2, 0, 0, 0, 0),
            month(3, 1, 0, 0, 0),
        ];
        let d = draw(&months);
        let first = &d.bars[0];
        assert_eq!(
            first.parts.iter().map(|p| p.kind).collect::<Vec<_>>(),
            [Kind::OnTime, Kind::AfterEarly, Kind::Missed],
            "from the bottom, in the legend's order, none drawn for a zero"
        );
        // Four settled on a scale of four: the bar is the plot's full height.
        assert_eq!(first.parts[0].y + first.parts[0].height, BASE);
        for pair in first.parts.windows(2) {
            assert_eq!(pair[1].y + pair[1].height, pair[0].y, "no gap, no overlap");
        }
        assert_eq!(first.parts[2].y, TOP);
        assert!(d.bars[1].parts.is_empty());
        assert_eq!(d.bars[2].parts[0].height, PLOT / 4);
        assert_eq!(first.title, "Jan 2026: 4 settled, 75% kept as agreed");
        assert_eq!(d.bars[1].title, "Feb 2026: 0 settled");
        // Counts 0 to 4 on the left, with the top at the plot's top.
        assert_eq!(
            d.counts.last().map(|t| (t.y, t.text.as_str())),
            Some((TOP, "4"))
        );
        assert_eq!(d.counts.len(), 5);
    }

    #[test]
    fn the_line_breaks_where_a_month_has_no_share() {
        let months = [
            month(11, 1, 0, 0, 0),
            month(12, 0, 0, 1, 1),
            Month {
                year: 2027,
                month: 1,
                ..Month::default()
            },
            month(2, 1, 1, 0, 0),
        ];
        let d = draw(&months);
        let x = |i: usize| d.bars[i].x + d.bars[i].width / 2;
        assert_eq!(d.points, [(x(0), TOP), (x(1), BASE), (x(3), TOP)]);
        assert_eq!(
            d.line,
            format!("M{} {TOP} L{} {BASE} M{} {TOP}", x(0), x(1), x(3))
        );
        // The year under the first month and under January.
        assert_eq!(
            d.years.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
            ["2026", "2027"]
        );
        assert_eq!(d.months[2].text, "Jan");
        assert_eq!(month_name(&months[1]), "Dec 2026");
    }

    #[test]
    fn many_months_fit_the_same_width_and_label_every_few() {
        let months: Vec<Month> = (0..36)
            .map(|i| Month {
                year: 2024 + i / 12,
                month: (i % 12) as u32 + 1,
                ..Month::default()
            })
            .collect();
        let d = draw(&months);
        assert!(d.width <= LEFT + ROOM + RIGHT + 36, "{}", d.width);
        assert_eq!(d.months.len(), 12, "every third month named");
        assert!(d.line.is_empty() && d.points.is_empty());
        let twelve = draw(&months[..12]);
        assert_eq!(twelve.months.len(), 12);
        assert_eq!(twelve.bars[1].x - twelve.bars[0].x, 40);
    }
}
