//! A raised hand: where trust seems absent with someone, written privately, and a moment to raise
//! it with them. Settled by what was said and whether trust was restored, is being worked on (a
//! follow-up commitment) or not. The history is the truth, replayed through the rules when read.
//!
//! ```text
//! raised ──(moved)*──► settled: restored | working on it (a follow-up) | not restored
//! ```

use crate::domain::commitment::text;
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

impl HandEntry {
    pub fn at(&self) -> Instant {
        match self {
            Self::Raised { at, .. } | Self::Moved { at, .. } | Self::Settled { at, .. } => *at,
        }
    }

    pub fn kind(&self) -> &'static str {
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
    history: Vec<HandEntry>,
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
        let invalid =
            |why: &str| DomainError::InvalidHistory(format!("raised hand {}: {why}", s.id));
        let mut entries = s.history.into_iter();
        let Some(HandEntry::Raised { at, concern, due }) = entries.next() else {
            return Err(invalid("it does not start with being raised"));
        };
        let mut h =
            Self::raise(s.id, s.with, &concern, due, at).map_err(|e| invalid(&e.to_string()))?;
        for (n, entry) in entries.enumerate() {
            let at = entry.at();
            if at < h.history[n].at() {
                return Err(invalid(&format!(
                    "entry {} ({}) is dated before the entry above it",
                    n + 2,
                    entry.kind()
                )));
            }
            let action = match entry {
                HandEntry::Raised { .. } => return Err(invalid("it was raised twice")),
                HandEntry::Moved { due, reason, .. } => HandAction::Move { due, reason },
                HandEntry::Settled { said, outcome, .. } => HandAction::Settle { said, outcome },
            };
            h.replay(action, at).map_err(|e| invalid(&e.to_string()))?;
        }
        Ok(h)
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
            history: vec![HandEntry::Raised {
                at: now,
                concern: text(concern, DomainError::EmptyConcern)?,
                due,
            }],
        })
    }

    pub fn id(&self) -> HandId {
        self.id
    }

    pub fn with(&self) -> PersonId {
        self.with
    }

    pub fn history(&self) -> &[HandEntry] {
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
        crate::domain::error::check_dated_by(
            format_args!("raised hand {}", self.id),
            self.history.iter().map(|e| (e.at(), e.kind())),
            limit,
        )
    }

    /// The same hand under another id, its person and follow-up renumbered (a merge).
    pub(crate) fn renumbered(
        &self,
        id: HandId,
        person: impl Fn(PersonId) -> PersonId,
        commitment: impl Fn(CommitmentId) -> CommitmentId,
    ) -> Self {
        let history = self
            .history
            .iter()
            .map(|e| match e {
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
            })
            .collect();
        Self {
            id,
            with: person(self.with),
            history,
        }
    }

    /// Applies `action` at `now`: on success exactly one entry is added; on error nothing changes.
    pub fn act(&mut self, action: HandAction, now: Instant) -> Result<(), DomainError> {
        let now = now.max(self.history[self.history.len() - 1].at());
        if let HandAction::Move { due, .. } = &action {
            if due.at <= now {
                return Err(DomainError::DueInPast);
            }
        }
        self.replay(action, now)
    }

    fn replay(&mut self, action: HandAction, now: Instant) -> Result<(), DomainError> {
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
