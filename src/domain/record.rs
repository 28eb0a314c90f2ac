//! Track record: counted from histories, never stored.

use crate::domain::{Commitment, Instant, Outcome, Timing};
use std::cmp::{Ordering, Reverse};

/// What a set of commitments shows about keeping one's word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrackRecord {
    pub made: usize,
    pub kept_on_time: usize,
    pub kept_after_early_renegotiation: usize,
    pub kept_late: usize,
    pub missed: usize,
    pub released: usize,
    /// Still open or awaiting acknowledgement.
    pub in_progress: usize,
    /// Of those kept, acknowledged by the other person's own reply link (the rest were
    /// recorded by hand).
    pub acknowledged_by_them: usize,
    /// Renegotiations before the due moment: a healthy act.
    pub renegotiated_early: usize,
    pub renegotiated_late: usize,
}

impl TrackRecord {
    pub fn of<'a>(commitments: impl IntoIterator<Item = &'a Commitment>) -> Self {
        let mut r = Self::default();
        for c in commitments {
            r.made += 1;
            match c.outcome() {
                Some(Outcome::KeptOnTime) => r.kept_on_time += 1,
                Some(Outcome::KeptAfterEarlyRenegotiation) => r.kept_after_early_renegotiation += 1,
                Some(Outcome::KeptLate) => r.kept_late += 1,
                Some(Outcome::Missed) => r.missed += 1,
                Some(Outcome::Released) => r.released += 1,
                None => r.in_progress += 1,
            }
            if c.by() == crate::domain::Direction::Mine
                && c.outcome().is_some_and(Outcome::is_kept)
                && c.history()
                    .in_force()
                    .next_back()
                    .and_then(crate::domain::Entry::reply)
                    .is_some()
            {
                r.acknowledged_by_them += 1;
            }
            for (_, timing) in c.renegotiations() {
                match timing {
                    Timing::Early => r.renegotiated_early += 1,
                    Timing::Late => r.renegotiated_late += 1,
                }
            }
        }
        r
    }

    /// Every commitment the other person acknowledged.
    pub fn kept(&self) -> usize {
        self.kept_on_time + self.kept_after_early_renegotiation + self.kept_late
    }

    /// Of those kept, acknowledged by the user recording it.
    pub fn acknowledged_by_hand(&self) -> usize {
        self.kept() - self.acknowledged_by_them
    }

    /// Kept as agreed (on time, or by a due moment renegotiated in good time), out of those
    /// that have ended other than by mutual release; `None` before any has.
    pub fn reliability_percent(&self) -> Option<u32> {
        let decided = self.kept() + self.missed;
        let good = self.kept_on_time + self.kept_after_early_renegotiation;
        (decided > 0).then(|| (good * 100 / decided) as u32)
    }
}

/// A record as it stands at a moment: how commitments ended, and how many are overdue now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub record: TrackRecord,
    /// Open and past their due moment.
    pub overdue: usize,
}

impl Standing {
    pub fn of<'a>(commitments: impl IntoIterator<Item = &'a Commitment>, now: Instant) -> Self {
        let mut overdue = 0;
        let record = TrackRecord::of(commitments.into_iter().inspect(|c| {
            overdue += usize::from(c.is_overdue(now));
        }));
        Self { record, overdue }
    }

    /// Kept as agreed: on time, or by a moment renegotiated in good time.
    pub fn as_agreed(&self) -> usize {
        self.record.kept_on_time + self.record.kept_after_early_renegotiation
    }

    /// One line. A percentage is never shown alone while something is overdue: both are said.
    pub fn headline(&self) -> String {
        let overdue = match self.overdue {
            0 => None,
            1 => Some("1 overdue now".to_owned()),
            n => Some(format!("{n} overdue now")),
        };
        match (self.record.reliability_percent(), overdue) {
            (Some(p), None) => format!("{p}% kept as agreed"),
            (Some(p), Some(o)) => format!("{p}% kept as agreed so far, and {o}"),
            (None, None) => "nothing has ended yet".to_owned(),
            (None, Some(o)) => format!("{o}; nothing has ended yet"),
        }
    }

    /// Orders standings so that where trust is slipping comes first: overdue now, then missed,
    /// then kept late, then the lower share kept as agreed.
    pub fn slipping_first(&self, other: &Self) -> Ordering {
        let key = |s: &Self| {
            (
                Reverse(s.overdue),
                Reverse(s.record.missed),
                Reverse(s.record.kept_late),
                s.record.reliability_percent().unwrap_or(101),
            )
        };
        key(self).cmp(&key(other))
    }
}
