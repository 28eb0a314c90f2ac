//! A success affirmed with someone, in words: never required, never edited. It may say what it
//! came from: a commitment they acknowledged, a goal, or a topic they confirmed in a talk.

use crate::domain::text::text;
use crate::domain::{
    CommitmentId, DomainError, GoalId, Instant, PersonId, SuccessId, TalkId, TopicId,
};
use serde::{Deserialize, Serialize};

/// A topic of a talk, as a success names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TopicRef {
    pub talk: TalkId,
    pub topic: TopicId,
}

/// What a success came from, if it came from something in the book.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<CommitmentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    /// The talk may since have been deleted: then the link names nothing, and says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<TopicRef>,
}

impl Source {
    fn is_none(&self) -> bool {
        *self == Self::default()
    }
}

/// A success noted to affirm with `with`. Its words are checked when it is read back, as when
/// it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredSuccess")]
pub struct Success {
    id: SuccessId,
    with: PersonId,
    at: Instant,
    what: String,
    #[serde(default, skip_serializing_if = "Source::is_none")]
    from: Source,
}

#[derive(Deserialize)]
struct StoredSuccess {
    id: SuccessId,
    with: PersonId,
    at: Instant,
    what: String,
    #[serde(default)]
    from: Source,
}

impl TryFrom<StoredSuccess> for Success {
    type Error = DomainError;

    fn try_from(s: StoredSuccess) -> Result<Self, DomainError> {
        Self::affirm(s.id, s.with, &s.what, s.from, s.at)
            .map_err(|e| DomainError::InvalidHistory(format!("success {}: {e}", s.id)))
    }
}

impl Success {
    /// A success with `with`, noted at `now`. The book checks what `from` names.
    pub fn affirm(
        id: SuccessId,
        with: PersonId,
        what: &str,
        from: Source,
        now: Instant,
    ) -> Result<Self, DomainError> {
        Ok(Self {
            id,
            with,
            at: now,
            what: text(what, DomainError::EmptySuccess)?,
            from,
        })
    }

    pub fn id(&self) -> SuccessId {
        self.id
    }

    pub fn with(&self) -> PersonId {
        self.with
    }

    /// When it was noted.
    pub fn at(&self) -> Instant {
        self.at
    }

    pub fn what(&self) -> &str {
        &self.what
    }

    pub fn from(&self) -> &Source {
        &self.from
    }

    pub fn check_dated_by(&self, limit: Instant) -> Result<(), DomainError> {
        if self.at > limit {
            return Err(DomainError::InvalidHistory(format!(
                "success {} is dated after it was saved",
                self.id
            )));
        }
        Ok(())
    }

    /// The same success under another id, what it names renumbered (a merge). A topic whose
    /// talk `talk` cannot place loses its link, as one whose talk was deleted.
    pub(crate) fn renumbered(
        &self,
        id: SuccessId,
        person: impl Fn(PersonId) -> PersonId,
        commitment: impl Fn(CommitmentId) -> CommitmentId,
        goal: impl Fn(GoalId) -> GoalId,
        talk: impl Fn(TalkId) -> Option<TalkId>,
    ) -> Self {
        Self {
            id,
            with: person(self.with),
            at: self.at,
            what: self.what.clone(),
            from: Source {
                commitment: self.from.commitment.map(commitment),
                goal: self.from.goal.map(goal),
                topic: self.from.topic.and_then(|t| {
                    Some(TopicRef {
                        talk: talk(t.talk)?,
                        topic: t.topic,
                    })
                }),
            },
        }
    }
}

/// A topic of a talk someone confirmed: what the talk's summary offers to affirm with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub topic: TopicRef,
    pub by: PersonId,
    pub text: String,
    /// Whether a success was already noted with them for this topic.
    pub affirmed: bool,
}
