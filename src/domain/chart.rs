//! The record over time: commitments settled, month by month, in the user's zone; and how far
//! ahead early renegotiations come. Counted from histories, never stored.

use crate::domain::{Commitment, Entry, Instant, Outcome, Zone, ZoneRules};
use chrono::Datelike;

/// How many months the chart shows unless all are asked for.
pub const DEFAULT_MONTHS: usize = 12;

/// Which months a chart covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The last `n` months, ending with the month of now.
    Last(usize),
    /// Every month from the first one anything was settled in to the month of now.
    All,
}

impl Default for Span {
    fn default() -> Self {
        Self::Last(DEFAULT_MONTHS)
    }
}

/// The commitments settled in one calendar month (in the user's zone), by how they ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Month {
    pub year: i32,
    /// 1 (January) to 12.
    pub month: u32,
    pub kept_on_time: usize,
    /// Kept by a due moment renegotiated in good time.
    pub kept_after_early: usize,
    pub kept_late: usize,
    pub missed: usize,
    pub released: usize,
}

impl Month {
    /// An empty month; `index` counts months from the year 0 (`year * 12 + month - 1`).
    fn at(index: i64) -> Self {
        Self {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
            ..Self::default()
        }
    }

    fn index(year: i32, month: u32) -> i64 {
        i64::from(year) * 12 + i64::from(month) - 1
    }

    fn count(&mut self, outcome: Outcome) {
        *match outcome {
            Outcome::KeptOnTime => &mut self.kept_on_time,
            Outcome::KeptAfterEarlyRenegotiation => &mut self.kept_after_early,
            Outcome::KeptLate => &mut self.kept_late,
            Outcome::Missed => &mut self.missed,
            Outcome::Released => &mut self.released,
        } += 1;
    }

    pub fn kept(&self) -> usize {
        self.kept_on_time + self.kept_after_early + self.kept_late
    }

    /// Every commitment settled this month, released ones included.
    pub fn settled(&self) -> usize {
        self.kept() + self.missed + self.released
    }

    /// Kept as agreed (on time, or after renegotiating early) out of those kept or missed, as
    /// `TrackRecord::reliability_percent` counts it; `None` in a month where none was.
    pub fn share_as_agreed(&self) -> Option<u32> {
        let decided = self.kept() + self.missed;
        let good = self.kept_on_time + self.kept_after_early;
        (decided > 0).then(|| (good * 100 / decided) as u32)
    }
}

/// When a settled commitment was settled: the acknowledgement, miss or release that ended it;
/// `None` while it is open or awaiting acknowledgement.
pub fn settled_at(c: &Commitment) -> Option<(Instant, Outcome)> {
    let outcome = c.outcome()?;
    let at = c.history().in_force().rev().find_map(|e| match e {
        Entry::Acknowledged { at, .. } | Entry::Missed { at, .. } | Entry::Released { at, .. } => {
            Some(*at)
        }
        _ => None,
    })?;
    Some((at, outcome))
}

/// The months of `span`, each with the commitments settled in it, oldest first. Months are
/// calendar months in `zone` (the user's), and every month in the span is there, empty or not,
/// so the axis is continuous. With [`Span::All`], nothing settled gives no months.
pub fn by_month<'a>(
    commitments: impl IntoIterator<Item = &'a Commitment>,
    rules: &dyn ZoneRules,
    zone: &Zone,
    now: Instant,
    span: Span,
) -> Vec<Month> {
    let month_of = |at: Instant| {
        let local = at.local(zone.offset_at(rules, at));
        Month::index(local.year(), local.month())
    };
    let settled: Vec<(i64, Outcome)> = commitments
        .into_iter()
        .filter_map(settled_at)
        .map(|(at, outcome)| (month_of(at), outcome))
        .collect();
    let this_month = month_of(now);
    let (first, last) = match span {
        Span::Last(n) => (this_month + 1 - n.max(1) as i64, this_month),
        Span::All => {
            let Some(first) = settled.iter().map(|(m, _)| *m).min() else {
                return Vec::new();
            };
            // A clock set back can date a step after now: its month is shown too.
            let last = settled.iter().map(|(m, _)| *m).max().unwrap_or(first);
            (first.min(this_month), last.max(this_month))
        }
    };
    let mut months: Vec<Month> = (first..=last).map(Month::at).collect();
    for (m, outcome) in settled {
        if (first..=last).contains(&m) {
            months[(m - first) as usize].count(outcome);
        }
    }
    months
}

/// How long before its due moment each early renegotiation of these commitments came, in
/// seconds.
pub fn lead_times<'a>(commitments: impl IntoIterator<Item = &'a Commitment>) -> Vec<i64> {
    commitments
        .into_iter()
        .flat_map(Commitment::early_leads)
        .collect()
}

/// The middle value (the mean of the two middle ones, rounded down, for an even count);
/// `None` for none.
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    crate::domain::order::sort_by(&mut values, Ord::cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]).div_euclid(2)),
    }
}
