//! Growing trust over time, in the book: goals with their reviews, successes affirmed, and
//! raised hands. Kept beside the commitments they name, changed only through [`Book::apply`].

use super::edit::Edit;
use super::{Book, Change, Recipient};
use crate::domain::goal::{Goal, GoalAction};
use crate::domain::hand::{Hand, HandAction, HandOutcome};
use crate::domain::records::Records;
use crate::domain::success::{Confirmed, Source, Success, TopicRef};
use crate::domain::talk::TopicEntry;
use crate::domain::{
    Commitment, CommitmentId, DomainError, Due, GoalId, HandId, Instant, PersonId, Status,
    SuccessId, TalkId,
};

/// The goals, raised hands and successes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Trust {
    pub(super) goals: Records<Goal>,
    pub(super) hands: Records<Hand>,
    pub(super) successes: Records<Success>,
}

/// How a raised hand is settled, as the user says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settle {
    Restored,
    /// Being worked on: a follow-up commitment to them, made in the same step.
    WorkingOn {
        what: String,
        due: Due,
    },
    NotRestored,
}

/// A user's intent about goals, raised hands and successes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustCommand {
    /// A goal agreed with someone: what, from when, and when to review it.
    SetGoal {
        with: PersonId,
        what: String,
        kickoff: Due,
        reviews: Vec<Due>,
    },
    Goal {
        id: GoalId,
        action: GoalAction,
    },
    /// A new commitment to the goal's person, made to serve it: both or neither.
    MakeServing {
        goal: GoalId,
        what: String,
        due: Due,
    },
    /// Writes down, privately, where trust seems absent, to raise it with them at `due`.
    RaiseHand {
        with: PersonId,
        concern: String,
        due: Due,
    },
    MoveHand {
        id: HandId,
        due: Due,
        reason: String,
    },
    SettleHand {
        id: HandId,
        said: String,
        outcome: Settle,
    },
    /// Notes a success to affirm with someone, and what it came from, if anything.
    Affirm {
        with: PersonId,
        what: String,
        from: Source,
    },
}

impl Book {
    /// Every goal, by id.
    pub fn goals(&self) -> impl Iterator<Item = &Goal> + '_ {
        self.trust.goals.values()
    }

    pub fn goal(&self, id: GoalId) -> Option<&Goal> {
        self.trust.goals.get(id)
    }

    /// The goals agreed with `person`, oldest first.
    pub fn goals_with(&self, person: PersonId) -> impl Iterator<Item = &Goal> + '_ {
        self.goals().filter(move |g| g.with() == person)
    }

    /// The goal a commitment serves, if it serves one.
    pub fn goal_served_by(&self, commitment: CommitmentId) -> Option<&Goal> {
        self.goals().find(|g| g.serving().any(|c| c == commitment))
    }

    /// The commitments that may serve `goal`: with its person, serving no goal yet.
    pub fn may_serve(&self, goal: GoalId) -> impl Iterator<Item = &Commitment> + '_ {
        let goal = self.goal(goal);
        self.commitments()
            .filter(move |c| goal.is_some_and(|g| self.check_may_serve(g, c).is_ok()))
    }

    /// Every raised hand, by id.
    pub fn hands(&self) -> impl Iterator<Item = &Hand> + '_ {
        self.trust.hands.values()
    }

    pub fn hand(&self, id: HandId) -> Option<&Hand> {
        self.trust.hands.get(id)
    }

    /// The hands raised about `person`, newest first.
    pub fn hands_with(&self, person: PersonId) -> Vec<&Hand> {
        let mut hands: Vec<&Hand> = self.hands().filter(|h| h.with() == person).collect();
        crate::domain::order::sort_by_key(&mut hands, |h| {
            std::cmp::Reverse((h.raised_at(), h.id()))
        });
        hands
    }

    /// Every success, by id.
    pub fn successes(&self) -> impl Iterator<Item = &Success> + '_ {
        self.trust.successes.values()
    }

    pub fn success(&self, id: SuccessId) -> Option<&Success> {
        self.trust.successes.get(id)
    }

    /// The successes affirmed with `person`, newest first.
    pub fn successes_with(&self, person: PersonId) -> Vec<&Success> {
        newest_first(self.successes().filter(|s| s.with() == person))
    }

    /// The successes toward a goal, newest first: those noted for it, and those noted for a
    /// commitment that serves it.
    pub fn successes_toward(&self, goal: GoalId) -> Vec<&Success> {
        let serving: Vec<CommitmentId> = self
            .goal(goal)
            .map_or_else(Vec::new, |g| g.serving().collect());
        newest_first(self.successes().filter(|s| {
            s.from().goal == Some(goal) || s.from().commitment.is_some_and(|c| serving.contains(&c))
        }))
    }

    /// Whether any goal, raised hand or success names `person`.
    pub(super) fn trust_names(&self, person: PersonId) -> bool {
        self.trust_people().any(|p| p == person)
    }

    /// Everyone a goal, raised hand or success names.
    pub(super) fn trust_people(&self) -> impl Iterator<Item = PersonId> + '_ {
        (self.goals().map(Goal::with))
            .chain(self.hands().map(Hand::with))
            .chain(self.successes().map(Success::with))
    }

    /// Whether `c` may serve `goal`: with the same person, and serving no other goal.
    fn check_may_serve(&self, goal: &Goal, c: &Commitment) -> Result<(), DomainError> {
        if c.to() != goal.with() {
            return Err(DomainError::NotWithThem("goal"));
        }
        match self.goal_served_by(c.id()) {
            Some(g) if g.id() == goal.id() => Err(DomainError::AlreadyServes),
            Some(_) => Err(DomainError::ServesAnotherGoal),
            None => Ok(()),
        }
    }

    /// What a success says it came from exists, is with the same person, and is a success:
    /// a commitment they acknowledged, a goal with them, a topic they confirmed.
    fn check_source(&self, with: PersonId, from: &Source) -> Result<(), DomainError> {
        if let Some(id) = from.commitment {
            let c = self.commitment(id).ok_or(DomainError::NoSuchCommitment)?;
            if c.to() != with {
                return Err(DomainError::NotWithThem("success"));
            }
            if c.status() != Status::Kept {
                return Err(DomainError::NotKeptYet);
            }
        }
        if let Some(id) = from.goal {
            if self.goal(id).ok_or(DomainError::NoSuchGoal)?.with() != with {
                return Err(DomainError::NotWithThem("success"));
            }
        }
        if let Some(t) = from.topic {
            let topic = (self.talk(t.talk).ok_or(DomainError::NoSuchTalk)?)
                .topic(t.topic)
                .ok_or(DomainError::NoSuchTopic)?;
            let confirmed = topic
                .history()
                .in_force()
                .any(|e| matches!(e, TopicEntry::Confirmed { by, .. } if *by == with));
            if !confirmed {
                return Err(DomainError::NotConfirmed);
            }
        }
        Ok(())
    }

    /// Every person, commitment and goal that a goal, raised hand or success names is in this
    /// book. (A success's topic may name a talk since deleted: that link names nothing, and is
    /// shown so.)
    pub(crate) fn check_trust_references(&self) -> Result<(), DomainError> {
        let dangling = |what: String| Err(DomainError::Dangling(what));
        let missing_person = |p: PersonId| self.person(p).is_none();
        let missing_commitment = |c: CommitmentId| self.commitment(c).is_none();
        for g in self.goals() {
            if missing_person(g.with()) {
                return dangling(format!(
                    "goal {} names person {}, who is not in it",
                    g.id(),
                    g.with()
                ));
            }
            if let Some(c) = g.serving().find(|&c| missing_commitment(c)) {
                return dangling(format!(
                    "goal {} is served by commitment {c}, which is not in it",
                    g.id()
                ));
            }
        }
        for h in self.hands() {
            if missing_person(h.with()) {
                return dangling(format!(
                    "raised hand {} names person {}, who is not in it",
                    h.id(),
                    h.with()
                ));
            }
            if let Some(c) = h.follow_up().filter(|&c| missing_commitment(c)) {
                return dangling(format!(
                    "raised hand {} was followed up by commitment {c}, which is not in it",
                    h.id()
                ));
            }
        }
        for s in self.successes() {
            if missing_person(s.with()) {
                return dangling(format!(
                    "success {} names person {}, who is not in it",
                    s.id(),
                    s.with()
                ));
            }
            if let Some(c) = s.from().commitment.filter(|&c| missing_commitment(c)) {
                return dangling(format!(
                    "success {} came from commitment {c}, which is not in it",
                    s.id()
                ));
            }
            if let Some(g) = s.from().goal.filter(|&g| self.goal(g).is_none()) {
                return dangling(format!(
                    "success {} was toward goal {g}, which is not in it",
                    s.id()
                ));
            }
        }
        Ok(())
    }

    /// Refuses any goal, raised hand or success with a step dated after `limit`.
    pub fn check_trust_dated_by(&self, limit: Instant) -> Result<(), DomainError> {
        self.goals().try_for_each(|g| g.check_dated_by(limit))?;
        self.hands().try_for_each(|h| h.check_dated_by(limit))?;
        self.successes().try_for_each(|s| s.check_dated_by(limit))
    }
}

impl Edit<'_> {
    pub(super) fn apply_trust(
        &mut self,
        command: TrustCommand,
        now: Instant,
    ) -> Result<Change, DomainError> {
        match command {
            TrustCommand::SetGoal {
                with,
                what,
                kickoff,
                reviews,
            } => {
                let with = self.check_recipient(&Recipient::Existing(with))?;
                let id = self.trust.goals.next_id();
                self.put(Goal::agree(id, with, &what, kickoff, reviews, now)?);
                Ok(Change::Goal(id))
            }
            TrustCommand::Goal {
                id,
                action: GoalAction::Serve { commitment },
            } => {
                let goal = self.goal(id).ok_or(DomainError::NoSuchGoal)?;
                let c = self
                    .commitment(commitment)
                    .ok_or(DomainError::NoSuchCommitment)?;
                self.check_may_serve(goal, c)?;
                self.record_mut(id)?
                    .act(GoalAction::Serve { commitment }, now)?;
                Ok(Change::Goal(id))
            }
            TrustCommand::Goal { id, action } => {
                self.record_mut(id)?.act(action, now)?;
                Ok(Change::Goal(id))
            }
            TrustCommand::MakeServing { goal, what, due } => {
                let with = self.goal(goal).ok_or(DomainError::NoSuchGoal)?.with();
                let to = self.check_recipient(&Recipient::Existing(with))?;
                let id = self.commitments.next_id();
                self.put(Commitment::make(id, to, &what, due, now)?);
                self.record_mut(goal)?
                    .act(GoalAction::Serve { commitment: id }, now)?;
                Ok(Change::Commitment(id))
            }
            TrustCommand::RaiseHand { with, concern, due } => {
                let with = self.check_recipient(&Recipient::Existing(with))?;
                let id = self.trust.hands.next_id();
                self.put(Hand::raise(id, with, &concern, due, now)?);
                Ok(Change::Hand(id))
            }
            TrustCommand::MoveHand { id, due, reason } => {
                self.record_mut(id)?
                    .act(HandAction::Move { due, reason }, now)?;
                Ok(Change::Hand(id))
            }
            TrustCommand::SettleHand { id, said, outcome } => {
                let outcome = match outcome {
                    Settle::Restored => HandOutcome::Restored,
                    Settle::NotRestored => HandOutcome::NotRestored,
                    // The follow-up commitment is made in the same step: both or neither.
                    Settle::WorkingOn { what, due } => {
                        let with = self.hand(id).ok_or(DomainError::NoSuchHand)?.with();
                        let to = self.check_recipient(&Recipient::Existing(with))?;
                        let c = self.commitments.next_id();
                        self.put(Commitment::make(c, to, &what, due, now)?);
                        HandOutcome::WorkingOn { follow_up: c }
                    }
                };
                self.record_mut(id)?
                    .act(HandAction::Settle { said, outcome }, now)?;
                Ok(Change::Hand(id))
            }
            TrustCommand::Affirm { with, what, from } => {
                let with = self.check_recipient(&Recipient::Existing(with))?;
                self.check_source(with, &from)?;
                let id = self.trust.successes.next_id();
                self.put(Success::affirm(id, with, &what, from, now)?);
                Ok(Change::Success(id))
            }
        }
    }
}

fn newest_first<'a>(successes: impl Iterator<Item = &'a Success>) -> Vec<&'a Success> {
    let mut list: Vec<&Success> = successes.collect();
    crate::domain::order::sort_by_key(&mut list, |s| std::cmp::Reverse((s.at(), s.id())));
    list
}

impl Book {
    /// Every confirmation in a talk's listed topics, in list order, one per person who confirmed.
    pub fn confirmed_in(&self, talk: TalkId) -> Vec<Confirmed> {
        let Some(t) = self.talk(talk) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for topic in t.topics() {
            let tref = TopicRef {
                talk,
                topic: topic.id(),
            };
            for e in topic.history().in_force() {
                let TopicEntry::Confirmed { by, .. } = e else {
                    continue;
                };
                if out
                    .iter()
                    .any(|c: &Confirmed| c.topic == tref && c.by == *by)
                {
                    continue;
                }
                out.push(Confirmed {
                    topic: tref,
                    by: *by,
                    text: topic.text().to_owned(),
                    affirmed: self
                        .successes()
                        .any(|s| s.with() == *by && s.from().topic == Some(tref)),
                });
            }
        }
        out
    }
}
