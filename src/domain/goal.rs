//! A goal agreed with someone, and its reviews. Like a commitment, the history is the truth:
//! what the goal says now, its versions, its reviews and whether it ended are all derived, and a
//! stored history is replayed through the same rules when it is read.
//!
//! ```text
//! agreed ──(serves, scheduled, rescheduled, reviewed: holds | changes)*──► reviewed: ends
//! ```
//!
//! A review held or moved is the user's own step: it can be taken back by an `undone` entry
//! (history only grows), and everything derived reads as if it had not happened.

use crate::domain::history::{replayed, History, Replayed, Step, Unfit};
use crate::domain::text::text;
use crate::domain::{CommitmentId, DomainError, Due, GoalId, Instant, PersonId, Zone, ZoneRules};
use chrono::{Months, NaiveDate, NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

/// Most review moments one goal holds: a dozen years of half-yearly reviews.
pub const MAX_REVIEWS: usize = 24;

/// The months after the kickoff of the reviews a new goal is offered.
pub const DEFAULT_REVIEW_MONTHS: [u32; 2] = [6, 12];

/// What was decided at a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The goal holds as it is.
    Holds,
    /// The goal changes: a new version, the old one kept.
    Changes { what: String },
    /// The goal ends: nothing more happens to it.
    Ends,
}

impl Verdict {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Holds => "holds",
            Self::Changes { .. } => "changes",
            Self::Ends => "ends",
        }
    }
}

/// One thing that happened to a goal. Entries are never edited or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoalEntry {
    /// Both sides agreed `what`, from `kickoff`, to be reviewed at `reviews`.
    Agreed {
        at: Instant,
        what: String,
        kickoff: Due,
        reviews: Vec<Due>,
    },
    /// A commitment serves the goal (chosen when it was made, or later).
    Serves {
        at: Instant,
        commitment: CommitmentId,
    },
    /// One more review moment.
    Scheduled { at: Instant, due: Due },
    /// Review number `review` (counted from 0, in the order they were set) moved to `due`.
    Rescheduled {
        at: Instant,
        review: usize,
        due: Due,
    },
    /// Review number `review` took place: what was said, and what it decided.
    Reviewed {
        at: Instant,
        review: usize,
        said: String,
        verdict: Verdict,
    },
    /// The user took back their last step, entry number `entry` (always the entry just
    /// above). That entry stays in the history, no longer in force.
    Undone { at: Instant, entry: usize },
}

impl Step for GoalEntry {
    fn at(&self) -> Instant {
        match self {
            Self::Agreed { at, .. }
            | Self::Serves { at, .. }
            | Self::Scheduled { at, .. }
            | Self::Rescheduled { at, .. }
            | Self::Reviewed { at, .. }
            | Self::Undone { at, .. } => *at,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Self::Agreed { .. } => "agreed",
            Self::Serves { .. } => "serves",
            Self::Scheduled { .. } => "scheduled",
            Self::Rescheduled { .. } => "rescheduled",
            Self::Reviewed { .. } => "reviewed",
            Self::Undone { .. } => "undone",
        }
    }

    /// A review held or moved (as a commitment's done or renegotiated may be), not the
    /// agreement, a link, a review added, or an undo.
    fn undoable(&self) -> bool {
        matches!(self, Self::Reviewed { .. } | Self::Rescheduled { .. })
    }

    fn undoes(&self) -> Option<usize> {
        match self {
            Self::Undone { entry, .. } => Some(*entry),
            _ => None,
        }
    }
}

/// What the user can do to a goal once it is agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalAction {
    /// A commitment (already with the same person: the book checks) now serves it.
    Serve {
        commitment: CommitmentId,
    },
    Schedule {
        due: Due,
    },
    Reschedule {
        review: usize,
        due: Due,
    },
    Review {
        review: usize,
        said: String,
        verdict: Verdict,
    },
}

impl GoalAction {
    fn name(&self) -> &'static str {
        match self {
            Self::Serve { .. } => "linking a commitment to it",
            Self::Schedule { .. } => "adding a review",
            Self::Reschedule { .. } => "moving a review",
            Self::Review { .. } => "recording a review",
        }
    }
}

/// One review moment, as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review<'a> {
    /// Its number, counted from 0 in the order the reviews were set.
    pub index: usize,
    /// When it is due now (after any move).
    pub due: &'a Due,
    /// When it took place, what was said and what it decided; `None` while it has not.
    pub held: Option<Held<'a>>,
}

/// A review that took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held<'a> {
    pub at: Instant,
    pub said: &'a str,
    pub verdict: &'a Verdict,
}

/// One wording of the goal, and from when it held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version<'a> {
    pub since: Instant,
    pub what: &'a str,
}

/// A goal agreed with someone. Built only by [`Goal::agree`], extended by [`Goal::act`]; a
/// stored one is replayed through the same rules when it is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredGoal")]
pub struct Goal {
    id: GoalId,
    with: PersonId,
    history: History<GoalEntry>,
}

#[derive(Deserialize)]
struct StoredGoal {
    id: GoalId,
    with: PersonId,
    history: Vec<GoalEntry>,
}

impl TryFrom<StoredGoal> for Goal {
    type Error = DomainError;

    fn try_from(s: StoredGoal) -> Result<Self, DomainError> {
        let mut entries = s.history.into_iter();
        let first = entries.next();
        let start = || match first {
            Some(GoalEntry::Agreed {
                at,
                what,
                kickoff,
                reviews,
            }) => Ok(Self::agree(s.id, s.with, &what, kickoff, reviews, at)?),
            _ => Err(Unfit::said("it does not start with being agreed")),
        };
        replayed(format_args!("goal {}", s.id), start, entries)
    }
}

impl Replayed for Goal {
    type Entry = GoalEntry;

    fn history(&self) -> &History<GoalEntry> {
        &self.history
    }

    fn replay(&mut self, entry: GoalEntry) -> Result<(), Unfit> {
        let at = entry.at();
        let action = match entry {
            GoalEntry::Agreed { .. } => return Err(Unfit::said("it was agreed twice")),
            GoalEntry::Undone { entry, .. } => return Ok(self.undo(entry, at)?),
            GoalEntry::Serves { commitment, .. } => GoalAction::Serve { commitment },
            GoalEntry::Scheduled { due, .. } => GoalAction::Schedule { due },
            GoalEntry::Rescheduled { review, due, .. } => GoalAction::Reschedule { review, due },
            GoalEntry::Reviewed {
                review,
                said,
                verdict,
                ..
            } => GoalAction::Review {
                review,
                said,
                verdict,
            },
        };
        Ok(self.transition(action, at)?)
    }
}

/// The review moments a new goal is offered: [`DEFAULT_REVIEW_MONTHS`] after the kickoff, at
/// the same time of day on the clock of the kickoff's zone (so across a daylight-saving change
/// the instant moves by an hour, and the end of a month stays the end of a shorter one). A time
/// the clocks skip that day moves on by the hour they skip.
pub fn default_reviews(rules: &dyn ZoneRules, kickoff: &Due) -> Vec<Due> {
    DEFAULT_REVIEW_MONTHS
        .iter()
        .filter_map(|&m| months_after(rules, kickoff, m))
        .collect()
}

/// The same wall-clock reading `months` calendar months after `from`, in its zone.
pub fn months_after(rules: &dyn ZoneRules, from: &Due, months: u32) -> Option<Due> {
    let local: NaiveDateTime = from.local(rules).checked_add_months(Months::new(months))?;
    let zone: Zone = from.zone.clone();
    Due::from_local(rules, zone.clone(), local.date(), local.time())
        .or_else(|_| {
            // Skipped by a clock jumping forward (an hour almost everywhere): an hour on is
            // the first moment that exists.
            let later = local + TimeDelta::hours(1);
            Due::from_local(rules, zone, later.date(), later.time())
        })
        .ok()
}

impl Goal {
    /// A goal agreed with `with` at `now`: `what`, from `kickoff`, reviewed at `reviews`.
    pub fn agree(
        id: GoalId,
        with: PersonId,
        what: &str,
        kickoff: Due,
        reviews: Vec<Due>,
        now: Instant,
    ) -> Result<Self, DomainError> {
        let what = text(what, DomainError::EmptyGoal)?;
        if reviews.len() > MAX_REVIEWS {
            return Err(DomainError::TooManyReviews(MAX_REVIEWS));
        }
        if reviews.iter().any(|r| r.at <= kickoff.at) {
            return Err(DomainError::ReviewBeforeKickoff);
        }
        Ok(Self {
            id,
            with,
            history: History::new(GoalEntry::Agreed {
                at: now,
                what,
                kickoff,
                reviews,
            }),
        })
    }

    pub fn id(&self) -> GoalId {
        self.id
    }

    /// Whom it is agreed with.
    pub fn with(&self) -> PersonId {
        self.with
    }

    /// Every entry, oldest first, undone ones and the undos too. Everything about the goal is
    /// derived from the entries in force ([`History::in_force`]).
    pub fn history(&self) -> &History<GoalEntry> {
        &self.history
    }

    fn in_force(&self) -> impl DoubleEndedIterator<Item = &GoalEntry> + '_ {
        self.history.in_force()
    }

    fn agreed(&self) -> (&str, &Due, &[Due]) {
        match &self.history[0] {
            GoalEntry::Agreed {
                what,
                kickoff,
                reviews,
                ..
            } => (what, kickoff, reviews),
            // The only constructors start the history with `Agreed`.
            _ => unreachable!("a goal's history starts with Agreed"),
        }
    }

    pub fn agreed_at(&self) -> Instant {
        self.history[0].at()
    }

    pub fn kickoff(&self) -> &Due {
        self.agreed().1
    }

    /// Every wording it has had, oldest first: the last one is what it says now.
    pub fn versions(&self) -> Vec<Version<'_>> {
        let first = Version {
            since: self.agreed_at(),
            what: self.agreed().0,
        };
        std::iter::once(first)
            .chain(self.in_force().filter_map(|e| match e {
                GoalEntry::Reviewed {
                    at,
                    verdict: Verdict::Changes { what },
                    ..
                } => Some(Version { since: *at, what }),
                _ => None,
            }))
            .collect()
    }

    /// What it says now.
    pub fn what(&self) -> &str {
        self.in_force()
            .rev()
            .find_map(|e| match e {
                GoalEntry::Reviewed {
                    verdict: Verdict::Changes { what },
                    ..
                } => Some(what.as_str()),
                _ => None,
            })
            .unwrap_or(self.agreed().0)
    }

    /// When a review ended it, if one did.
    pub fn ended(&self) -> Option<Instant> {
        self.in_force().find_map(|e| match e {
            GoalEntry::Reviewed {
                at,
                verdict: Verdict::Ends,
                ..
            } => Some(*at),
            _ => None,
        })
    }

    /// The commitments serving it, in the order they were linked.
    pub fn serving(&self) -> impl Iterator<Item = CommitmentId> + '_ {
        self.in_force().filter_map(|e| match e {
            GoalEntry::Serves { commitment, .. } => Some(*commitment),
            _ => None,
        })
    }

    /// Every review moment, in the order they were set.
    pub fn reviews(&self) -> Vec<Review<'_>> {
        let mut reviews: Vec<Review<'_>> = self
            .agreed()
            .2
            .iter()
            .map(|due| Review {
                index: 0,
                due,
                held: None,
            })
            .collect();
        for e in self.in_force().skip(1) {
            match e {
                GoalEntry::Scheduled { due, .. } => reviews.push(Review {
                    index: 0,
                    due,
                    held: None,
                }),
                GoalEntry::Rescheduled { review, due, .. } => {
                    if let Some(r) = reviews.get_mut(*review) {
                        r.due = due;
                    }
                }
                GoalEntry::Reviewed {
                    at,
                    review,
                    said,
                    verdict,
                } => {
                    if let Some(r) = reviews.get_mut(*review) {
                        r.held = Some(Held {
                            at: *at,
                            said,
                            verdict,
                        });
                    }
                }
                GoalEntry::Agreed { .. } | GoalEntry::Serves { .. } | GoalEntry::Undone { .. } => {}
            }
        }
        for (i, r) in reviews.iter_mut().enumerate() {
            r.index = i;
        }
        reviews
    }

    /// The review to hold next: the soonest not yet held, while the goal has not ended.
    pub fn next_review(&self) -> Option<Review<'_>> {
        if self.ended().is_some() {
            return None;
        }
        self.reviews()
            .into_iter()
            .filter(|r| r.held.is_none())
            .min_by_key(|r| (r.due.at, r.index))
    }

    /// The day review `review` is due on `viewer`'s clock, when holding it at `now` would be
    /// early: before that day. Held early it counts for good, so the page asks first; the book
    /// does not refuse it (both sides may agree to meet sooner).
    pub fn review_is_early(
        &self,
        review: usize,
        now: Instant,
        rules: &dyn ZoneRules,
        viewer: &Zone,
    ) -> Option<NaiveDate> {
        let due = self.reviews().get(review)?.due.at;
        let day = |at: Instant| at.local(viewer.offset_at(rules, at)).date();
        (day(now) < day(due)).then(|| day(due))
    }

    /// Takes back entry number `entry`, which must be the last and the user's own step:
    /// recorded as a new entry.
    pub(crate) fn undo(&mut self, entry: usize, now: Instant) -> Result<(), DomainError> {
        self.history.check_undo(entry, "this goal has")?;
        let at = self.history.moment(now);
        self.history.push(GoalEntry::Undone { at, entry });
        Ok(())
    }

    /// Refuses a history with an entry dated after `limit` (the moment it was read or exported).
    pub fn check_dated_by(&self, limit: Instant) -> Result<(), DomainError> {
        self.history
            .check_dated_by(format_args!("goal {}", self.id), limit)
    }

    /// The same goal under another id, its person and commitments renumbered (a merge).
    pub(crate) fn renumbered(
        &self,
        id: GoalId,
        person: impl Fn(PersonId) -> PersonId,
        commitment: impl Fn(CommitmentId) -> CommitmentId,
    ) -> Self {
        let history = self.history.map(|e| match e {
            GoalEntry::Serves { at, commitment: c } => GoalEntry::Serves {
                at: *at,
                commitment: commitment(*c),
            },
            other => other.clone(),
        });
        Self {
            id,
            with: person(self.with),
            history,
        }
    }

    /// Applies `action` at `now`: on success exactly one entry is added; on error nothing changes.
    pub fn act(&mut self, action: GoalAction, now: Instant) -> Result<(), DomainError> {
        let now = self.history.moment(now);
        // A moment set from now on must still be ahead (a stored one was checked on its day).
        if let GoalAction::Schedule { due } | GoalAction::Reschedule { due, .. } = &action {
            if due.at <= now {
                return Err(DomainError::DueInPast);
            }
        }
        self.transition(action, now)
    }

    fn transition(&mut self, action: GoalAction, now: Instant) -> Result<(), DomainError> {
        if self.ended().is_some() {
            return Err(DomainError::RecordNotAllowed {
                what: "goal",
                state: "ended",
                action: action.name(),
            });
        }
        let reviews = self.reviews();
        let open_review = |review: usize| -> Result<(), DomainError> {
            match reviews.get(review) {
                None => Err(DomainError::NoSuchReview),
                Some(r) if r.held.is_some() => Err(DomainError::RecordNotAllowed {
                    what: "review",
                    state: "held",
                    action: action.name(),
                }),
                Some(_) => Ok(()),
            }
        };
        let after_kickoff = |due: &Due| {
            (due.at > self.kickoff().at)
                .then_some(())
                .ok_or(DomainError::ReviewBeforeKickoff)
        };
        let entry = match &action {
            GoalAction::Serve { commitment } => {
                if self.serving().any(|c| c == *commitment) {
                    return Err(DomainError::AlreadyServes);
                }
                GoalEntry::Serves {
                    at: now,
                    commitment: *commitment,
                }
            }
            GoalAction::Schedule { due } => {
                if reviews.len() >= MAX_REVIEWS {
                    return Err(DomainError::TooManyReviews(MAX_REVIEWS));
                }
                after_kickoff(due)?;
                GoalEntry::Scheduled {
                    at: now,
                    due: due.clone(),
                }
            }
            GoalAction::Reschedule { review, due } => {
                open_review(*review)?;
                after_kickoff(due)?;
                if reviews[*review].due == due {
                    return Err(DomainError::SameDue);
                }
                GoalEntry::Rescheduled {
                    at: now,
                    review: *review,
                    due: due.clone(),
                }
            }
            GoalAction::Review {
                review,
                said,
                verdict,
            } => {
                open_review(*review)?;
                let said = text(said, DomainError::EmptySaid)?;
                let verdict = match verdict {
                    Verdict::Changes { what } => {
                        let what = text(what, DomainError::EmptyGoal)?;
                        if what == self.what() {
                            return Err(DomainError::SameGoal);
                        }
                        Verdict::Changes { what }
                    }
                    other => other.clone(),
                };
                GoalEntry::Reviewed {
                    at: now,
                    review: *review,
                    said,
                    verdict,
                }
            }
        };
        self.history.push(entry);
        Ok(())
    }
}
