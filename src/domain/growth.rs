//! Growing trust: a commitment's size, the ladder that suggests the next size from the record,
//! and series made "again", one day at a time. All derived from histories, never stored.

use crate::domain::chart::settled_at;
use crate::domain::{Commitment, Direction, DomainError, Due, Instant, Outcome, ZoneRules};
use chrono::{Days, NaiveDate};

const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;

/// The ladder's steps: how far ahead a commitment is due, from a day to a month.
pub const STEPS: [i64; 5] = [DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];

/// Kept as agreed this many times in a row, the ladder suggests the next step.
pub const RUN: usize = 3;

/// A size in words, for "a 2-day commitment": minutes, hours, days or weeks, rounded to the
/// nearest unit that reads naturally.
pub fn size_words(secs: i64) -> String {
    let secs = secs.max(0);
    let (n, unit) = if secs < HOUR {
        ((secs + 30) / 60, "minute")
    } else if secs < 22 * HOUR {
        ((secs + HOUR / 2) / HOUR, "hour")
    } else if secs < 14 * DAY {
        ((secs + DAY / 2) / DAY, "day")
    } else {
        ((secs + 7 * DAY / 2) / (7 * DAY), "week")
    };
    format!("{}-{unit}", n.max(1))
}

/// A step in words: "a day", "3 days", "a week", "2 weeks", "a month".
pub fn step_words(step: i64) -> &'static str {
    match step {
        s if s <= DAY => "a day",
        s if s <= 3 * DAY => "3 days",
        s if s <= 7 * DAY => "a week",
        s if s <= 14 * DAY => "2 weeks",
        _ => "a month",
    }
}

/// The smallest step a horizon fits in (the largest for anything longer).
fn step_of(horizon: i64) -> usize {
    STEPS
        .iter()
        .position(|&s| horizon <= s)
        .unwrap_or(STEPS.len() - 1)
}

/// Why the ladder suggests what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Nothing kept or missed yet.
    Start,
    /// Kept as agreed `run` times in a row, fewer than [`RUN`]: keep to this size.
    Hold { run: usize },
    /// Kept as agreed `run` times in a row: one step larger.
    Grow { run: usize },
    /// The last one ended missed or late: back to a day.
    Back { outcome: Outcome },
}

/// The next size the record suggests: due within `step` seconds of making it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub step: i64,
    pub why: Why,
}

impl Suggestion {
    /// The hint shown where a commitment is made: it explains, it never blocks or scolds.
    pub fn hint(&self) -> String {
        let step = step_words(self.step);
        match self.why {
            Why::Start => format!(
                "Start small: something due within {step} is the easiest to keep, and each one \
                 kept builds on the last."
            ),
            Why::Hold { run } => {
                let more = RUN - run;
                let times = if run == 1 { "once" } else { "times" };
                let run = if run == 1 {
                    String::new()
                } else {
                    format!("{run} ")
                };
                format!(
                    "Kept as agreed {run}{times} in a row. Keep to something due within {step}; \
                     {more} more and Troth suggests a larger step."
                )
            }
            Why::Grow { run } => format!(
                "Kept as agreed {run} times in a row: you could take on something due within \
                 {step}."
            ),
            Why::Back { outcome } => {
                let how = if outcome == Outcome::Missed {
                    "was missed"
                } else {
                    "was kept late"
                };
                format!(
                    "The last one {how}. Something due within {step} rebuilds the run: \
                     starting small again is how trust comes back."
                )
            }
        }
    }
}

/// The user's commitments among `commitments` that were kept or missed (released ones are set
/// aside by both), oldest settled first.
fn decided<'a>(commitments: impl IntoIterator<Item = &'a Commitment>) -> Vec<&'a Commitment> {
    let mut decided: Vec<&Commitment> = commitments
        .into_iter()
        .filter(|c| c.by() == Direction::Mine)
        .filter(|c| c.outcome().is_some_and(|o| o != Outcome::Released))
        .collect();
    crate::domain::order::sort_by(&mut decided, |a, b| {
        let when = |c: &Commitment| settled_at(c).map(|(at, _)| at);
        (when(a), a.id()).cmp(&(when(b), b.id()))
    });
    decided
}

fn as_agreed(outcome: Outcome) -> bool {
    matches!(
        outcome,
        Outcome::KeptOnTime | Outcome::KeptAfterEarlyRenegotiation
    )
}

/// The size the user's record with these commitments suggests for the next one. After a run
/// of [`RUN`] kept as agreed, one step above the largest of them; before that, the largest of
/// the run; after a miss or a late one, back to a day.
pub fn ladder<'a>(commitments: impl IntoIterator<Item = &'a Commitment>) -> Suggestion {
    let decided = decided(commitments);
    let Some(last) = decided.last() else {
        return Suggestion {
            step: STEPS[0],
            why: Why::Start,
        };
    };
    let outcome = last.outcome().expect("decided ones have an outcome");
    if !as_agreed(outcome) {
        return Suggestion {
            step: STEPS[0],
            why: Why::Back { outcome },
        };
    }
    let run: Vec<&&Commitment> = decided
        .iter()
        .rev()
        .take_while(|c| c.outcome().is_some_and(as_agreed))
        .collect();
    let largest = step_of(run.iter().map(|c| c.horizon()).max().unwrap_or(0));
    if run.len() >= RUN {
        Suggestion {
            step: STEPS[(largest + 1).min(STEPS.len() - 1)],
            why: Why::Grow { run: run.len() },
        }
    } else {
        Suggestion {
            step: STEPS[largest],
            why: Why::Hold { run: run.len() },
        }
    }
}

/// How one day of a series went, for its strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    /// Kept on time.
    Kept,
    /// Kept by a due moment renegotiated in good time.
    Renegotiated,
    /// Kept, but late.
    Late,
    Missed,
    Released,
    /// Still open or awaiting acknowledgement.
    Pending,
    /// No commitment of the series was due that day.
    None,
}

impl Day {
    fn of(c: &Commitment) -> Self {
        match c.outcome() {
            Some(Outcome::KeptOnTime) => Self::Kept,
            Some(Outcome::KeptAfterEarlyRenegotiation) => Self::Renegotiated,
            Some(Outcome::KeptLate) => Self::Late,
            Some(Outcome::Missed) => Self::Missed,
            Some(Outcome::Released) => Self::Released,
            None => Self::Pending,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Renegotiated => "kept, renegotiated early",
            Self::Late => "kept late",
            Self::Missed => "missed",
            Self::Released => "released",
            Self::Pending => "not settled yet",
            Self::None => "none due",
        }
    }
}

/// A series of commitments made "again", one after another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series<'a> {
    /// Oldest first; the first is the one the others repeat.
    pub commitments: Vec<&'a Commitment>,
}

impl<'a> Series<'a> {
    pub fn first(&self) -> &'a Commitment {
        self.commitments[0]
    }

    pub fn latest(&self) -> &'a Commitment {
        self.commitments[self.commitments.len() - 1]
    }

    /// The current run and the longest: commitments kept as agreed in a row. A miss or a late
    /// one ends a run; a released one (both agreed to skip it) neither ends nor extends it, nor
    /// does one not settled yet.
    pub fn runs(&self) -> (usize, usize) {
        let (mut current, mut longest) = (0, 0);
        for c in &self.commitments {
            match c.outcome() {
                Some(o) if as_agreed(o) => {
                    current += 1;
                    longest = longest.max(current);
                }
                Some(Outcome::KeptLate | Outcome::Missed) => current = 0,
                _ => {}
            }
        }
        (current, longest)
    }

    /// Each calendar day from the first due day to the last, in the zone each was due in:
    /// how it went, the last `limit` days at most.
    pub fn strip(&self, rules: &dyn ZoneRules, limit: usize) -> Vec<(NaiveDate, Day)> {
        let days: Vec<(NaiveDate, Day)> = self
            .commitments
            .iter()
            .map(|c| (c.due().local(rules).date(), Day::of(c)))
            .collect();
        let (Some(first), Some(last)) = (days.first(), days.last()) else {
            return Vec::new();
        };
        let mut strip = Vec::new();
        let mut day = first.0.max(
            last.0
                .checked_sub_days(Days::new(limit.saturating_sub(1) as u64))
                .unwrap_or(first.0),
        );
        while day <= last.0 {
            // Of two due the same day, the later one says how the day ended.
            let went = days
                .iter()
                .rev()
                .find(|(d, _)| *d == day)
                .map_or(Day::None, |(_, went)| *went);
            strip.push((day, went));
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
        strip
    }
}

/// The series among `commitments` (those made again at least once), oldest first.
pub fn series<'a>(commitments: impl IntoIterator<Item = &'a Commitment>) -> Vec<Series<'a>> {
    let commitments: Vec<&Commitment> = commitments.into_iter().collect();
    let mut all: Vec<Series> = Vec::new();
    for c in &commitments {
        if c.series().is_some() {
            continue;
        }
        let mut members: Vec<&Commitment> = commitments
            .iter()
            .copied()
            .filter(|m| m.series() == Some(c.id()))
            .collect();
        if members.is_empty() {
            continue;
        }
        members.insert(0, c);
        crate::domain::order::sort_by(&mut members, |a, b| a.id().cmp(&b.id()));
        all.push(Series {
            commitments: members,
        });
    }
    all
}

/// Whether `c` can be made again now: it is settled and no later one of its series exists.
pub fn can_repeat<'a>(
    c: &Commitment,
    commitments: impl IntoIterator<Item = &'a Commitment>,
) -> bool {
    let root = c.series().unwrap_or(c.id());
    c.outcome().is_some()
        && !commitments
            .into_iter()
            .any(|later| later.id() > c.id() && later.series() == Some(root))
}

/// The first day after `c`'s due day whose same time of day, in the same zone, is still ahead
/// of `now`: the day "again tomorrow" means.
pub fn next_day(c: &Commitment, rules: &dyn ZoneRules, now: Instant) -> NaiveDate {
    let due = c.due().local(rules);
    // The day after, except on the last day a date can hold (only a record stored before
    // moments were checked can be due there).
    let after = |day: NaiveDate| day.succ_opt().unwrap_or(day);
    let mut day = after(due.date());
    // Bounded: a day ahead of `now`'s date at the latest (and a year at most, for a clock gone
    // wrong), each step one day.
    for _ in 0..366 {
        match again_due(c, rules, day) {
            Ok(d) if d.at > now => return day,
            _ => day = after(day),
        }
    }
    day
}

/// The next of a series on `day`: the same time of day, in the same zone. The clocks skipping
/// that time on `day` is an error in words.
pub fn again_due(
    c: &Commitment,
    rules: &dyn ZoneRules,
    day: NaiveDate,
) -> Result<Due, DomainError> {
    let due = c.due();
    Due::from_local(rules, due.zone.clone(), day, due.local(rules).time())
}
