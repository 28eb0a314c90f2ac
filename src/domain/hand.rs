//! A raised hand: where trust seems absent with someone, written privately, and a moment to raise
//! it with them. Settled by what was said and whether trust was restored, is being worked on (a
//! follow-up commitment) or not. The history is the truth, replayed through the rules when read.
//!
//! ```text
//! raised ──(moved)*──► settled: restored | working on it (a follow-up) | not restored
//! ```

use crate::domain::history::{replayed, History, Replayed, Step, Unfit};
use crate::domain::text::text;
use crate::domain::{CommitmentId, DomainError, Due, HandId, Instant, PersonId};
use serde::{Deserialize, Serialize};

/// How trust stood once the hand was raised with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HandOutcome {
    Restored,
    /// Being worked on: the follow-up commitment made to them when it was settled.
    #[serde(rename = "working")]
    WorkingOn {
        follow_up: CommitmentId,
    },
    #[serde(rename = "notrestored")]
    NotRestored,
}

impl HandOutcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Restored => "trust restored",
            Self::WorkingOn { .. } => "being worked on",
            Self::NotRestored => "not restored",
        }
    }
}

/// One thing that happened to a raised hand. Entries are never edited or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HandEntry {
    /// Written down, privately, to be raised with them at `due`.
    Raised {
        at: Instant,
        concern: String,
        due: Due,
    },
    /// The moment to raise it moved, for a reason.
    Moved {
        at: Instant,
        due: Due,
        reason: String,
    },
    /// It was raised with them: what was said, and how trust stands.
    Settled {
        at: Instant,
        said: String,
        outcome: HandOutcome,
    },
}

impl Step for HandEntry {
    fn at(&self) -> Instant {
        match self {
            Self::Raised { at, .. } | Self::Moved { at, .. } | Self::Settled { at, .. } => *at,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Self::Raised { .. } => "raised",
            Self::Moved { .. } => "moved",
            Self::Settled { .. } => "settled",
        }
    }
}

/// What the user can do to a raised hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandAction {
    Move { due: Due, reason: String },
    Settle { said: String, outcome: HandOutcome },
}

impl HandAction {
    fn name(&self) -> &'static str {
        match self {
            Self::Move { .. } => "moving it",
            Self::Settle { .. } => "settling it",
        }
    }
}

/// A raised hand: built by [`Hand::raise`], extended by [`Hand::act`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredHand")]
pub struct Hand {
    id: HandId,
    with: PersonId,
    history: History<HandEntry>,
}

#[derive(Deserialize)]
struct StoredHand {
    id: HandId,
    with: PersonId,
    history: Vec<HandEntry>,
}

impl TryFrom<StoredHand> for Hand {
    type Error = DomainError;

    fn try_from(s: StoredHand) -> Result<Self, DomainError> {
        let mut entries = s.history.into_iter();
        let first = entries.next();
        let start = || match first {
            Some(HandEntry::Raised { at, concern, due }) => {
                Ok(Self::raise(s.id, s.with, &concern, due, at)?)
            }
            _ => Err(Unfit::said("it does not start with being raised")),
        };
        replayed(format_args!("raised hand {}", s.id), start, entries)
    }
}

impl Replayed for Hand {
    type Entry = HandEntry;

    fn history(&self) -> &History<HandEntry> {
        &self.history
    }

    fn replay(&mut self, entry: HandEntry) -> Result<(), Unfit> {
        let at = entry.at();
        let action = match entry {
            HandEntry::Raised { .. } => return Err(Unfit::said("it was raised twice")),
            HandEntry::Moved { due, reason, .. } => HandAction::Move { due, reason },
            HandEntry::Settled { said, outcome, .. } => HandAction::Settle { said, outcome },
        };
        Ok(self.transition(action, at)?)
    }
}

/// How a settled hand ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settled<'a> {
    pub at: Instant,
    pub said: &'a str,
    pub outcome: HandOutcome,
}

impl Hand {
    /// Raises a hand about `with` at `now`: `concern`, to be raised with them at `due`.
    pub fn raise(
        id: HandId,
        with: PersonId,
        concern: &str,
        due: Due,
        now: Instant,
    ) -> Result<Self, DomainError> {
        Ok(Self {
            id,
            with,
            history: History::new(HandEntry::Raised {
                at: now,
                concern: text(concern, DomainError::EmptyConcern)?,
                due,
            }),
        })
    }

    pub fn id(&self) -> HandId {
        self.id
    }

    pub fn with(&self) -> PersonId {
        self.with
    }

    pub fn history(&self) -> &History<HandEntry> {
        &self.history
    }

    pub fn raised_at(&self) -> Instant {
        self.history[0].at()
    }

    /// What was written, privately, when it was raised.
    pub fn concern(&self) -> &str {
        match &self.history[0] {
            HandEntry::Raised { concern, .. } => concern,
            // The only constructors start the history with `Raised`.
            _ => unreachable!("a raised hand's history starts with Raised"),
        }
    }

    /// When it is to be raised with them: the last moment set.
    pub fn due(&self) -> &Due {
        self.history
            .iter()
            .rev()
            .find_map(|e| match e {
                HandEntry::Raised { due, .. } | HandEntry::Moved { due, .. } => Some(due),
                HandEntry::Settled { .. } => None,
            })
            .expect("a raised hand's history starts with Raised")
    }

    /// How it was settled, once it was.
    pub fn settled(&self) -> Option<Settled<'_>> {
        self.history.iter().find_map(|e| match e {
            HandEntry::Settled { at, said, outcome } => Some(Settled {
                at: *at,
                said,
                outcome: *outcome,
            }),
            _ => None,
        })
    }

    /// The follow-up commitment made when it was settled as being worked on.
    pub fn follow_up(&self) -> Option<CommitmentId> {
        match self.settled()?.outcome {
            HandOutcome::WorkingOn { follow_up } => Some(follow_up),
            _ => None,
        }
    }

    /// Not settled and past its moment.
    pub fn is_overdue(&self, now: Instant) -> bool {
        self.settled().is_none() && now >= self.due().at
    }

    pub fn check_dated_by(&self, limit: Instant) -> Result<(), DomainError> {
        self.history
            .check_dated_by(format_args!("raised hand {}", self.id), limit)
    }

    /// The same hand under another id, its person and follow-up renumbered (a merge).
    pub(crate) fn renumbered(
        &self,
        id: HandId,
        person: impl Fn(PersonId) -> PersonId,
        commitment: impl Fn(CommitmentId) -> CommitmentId,
    ) -> Self {
        let history = self.history.map(|e| match e {
            HandEntry::Settled {
                at,
                said,
                outcome: HandOutcome::WorkingOn { follow_up },
            } => HandEntry::Settled {
                at: *at,
                said: said.clone(),
                outcome: HandOutcome::WorkingOn {
                    follow_up: commitment(*follow_up),
                },
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
    pub fn act(&mut self, action: HandAction, now: Instant) -> Result<(), DomainError> {
        let now = self.history.moment(now);
        if let HandAction::Move { due, .. } = &action {
            if due.at <= now {
                return Err(DomainError::DueInPast);
            }
        }
        self.transition(action, now)
    }

    fn transition(&mut self, action: HandAction, now: Instant) -> Result<(), DomainError> {
        if self.settled().is_some() {
            return Err(DomainError::RecordNotAllowed {
                what: "raised hand",
                state: "settled",
                action: action.name(),
            });
        }
        let entry = match action {
            HandAction::Move { due, reason } => {
                if due.at == self.due().at {
                    return Err(DomainError::SameDue);
                }
                HandEntry::Moved {
                    at: now,
                    due,
                    reason: text(&reason, DomainError::EmptyReason)?,
                }
            }
            HandAction::Settle { said, outcome } => HandEntry::Settled {
                at: now,
                said: text(&said, DomainError::EmptySaid)?,
                outcome,
            },
        };
        self.history.push(entry);
        Ok(())
    }
}
