//! Undo: the user's last change, taken back while nothing has been built on it.
//!
//! History is never rewritten. A change recorded in a history (done, not yet, acknowledged,
//! renegotiated, missed, released; a topic covered, confirmed, not yet; a goal's review held
//! or moved) is taken back by a new
//! entry, "undone", and everything derived from the history reads as if the step had not been
//! made. A change that is not a history entry (a topic removed or moved, a person removed) is
//! taken back by putting exactly what was there back in its place, as a new command.
//!
//! Which change is the user's *last* is the page's to know (it keeps the [`Undo`] of the last
//! change it made, and forgets it at the next one). The book checks the rest when the undo is
//! applied: that what it takes back is still the latest thing that happened to that record,
//! so an undo in a tab that another tab has since built on is refused in words.

use super::edit::Edit;
use super::{Book, Change, Command, TrustCommand};
use crate::domain::talk::Topic;
use crate::domain::{
    Action, CommitmentId, DomainError, GoalId, Instant, Person, Step, TalkId, TopicId,
};

/// How to take back one change, captured when it was made (see [`Book::apply`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// A step in a commitment's history, entry number `entry`.
    Step { id: CommitmentId, entry: usize },
    /// A step in a topic's history, entry number `entry`.
    TopicStep {
        talk: TalkId,
        topic: TopicId,
        entry: usize,
    },
    /// A step in a goal's history (a review held or moved), entry number `entry`.
    GoalStep { id: GoalId, entry: usize },
    /// A topic taken off a talk's list: it goes back where it was.
    RemovedTopic { talk: TalkId, topic: TopicId },
    /// A topic moved: back to place `from` in the talk's whole list (removed topics
    /// included), if the topics in `order` (the whole list as the move left it) are still in
    /// that order; topics added since (at the end) do not matter.
    MovedTopic {
        talk: TalkId,
        topic: TopicId,
        from: usize,
        order: Vec<TopicId>,
    },
    /// Someone removed from the people list: back as they were, same id, name and zone (their
    /// commitments and topics never left).
    RemovedPerson { person: Person },
}

impl Undo {
    /// What kind of change it takes back, for the page's words.
    pub fn what(&self) -> Undone {
        match self {
            Self::Step { .. } | Self::TopicStep { .. } | Self::GoalStep { .. } => Undone::Step,
            Self::RemovedTopic { .. } => Undone::TopicRemoved,
            Self::MovedTopic { .. } => Undone::TopicMoved,
            Self::RemovedPerson { .. } => Undone::PersonRemoved,
        }
    }
}

/// What an undo took back, in kinds the page puts into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undone {
    Step,
    TopicRemoved,
    TopicMoved,
    PersonRemoved,
}

/// Every topic of a talk, removed ones too, in order.
fn whole(t: &crate::domain::talk::Talk) -> Vec<TopicId> {
    t.all_topics().iter().map(Topic::id).collect()
}

impl Book {
    /// How `command` would be taken back if it takes effect now; `None` for a change that is
    /// not undone this way (making something, a correction, a link, an edit…).
    pub(super) fn undo_of(&self, command: &Command) -> Option<Undo> {
        match command {
            // Which steps can be undone, their entries say (see `undoable`, after the step).
            Command::Act { id, .. } => Some(Undo::Step {
                id: *id,
                // The step applied next is the entry after the last.
                entry: self.commitment(*id)?.history().len(),
            }),
            Command::Topic { talk, topic, .. } => {
                let t = self.talk(*talk)?.topic(*topic)?;
                Some(Undo::TopicStep {
                    talk: *talk,
                    topic: *topic,
                    entry: t.history().len(),
                })
            }
            Command::Trust(TrustCommand::Goal { id, .. }) => Some(Undo::GoalStep {
                id: *id,
                entry: self.goal(*id)?.history().len(),
            }),
            Command::RemoveTopic { talk, topic } => {
                let t = self.talk(*talk)?.topic(*topic)?;
                (!t.is_removed()).then_some(Undo::RemovedTopic {
                    talk: *talk,
                    topic: *topic,
                })
            }
            Command::MoveTopic { talk, topic, to } => {
                let t = self.talk(*talk)?;
                let before = whole(t);
                let from = before.iter().position(|t| t == topic)?;
                let mut moved = t.clone();
                moved.move_topic(*topic, *to).ok()?;
                let order = whole(&moved);
                (order != before).then_some(Undo::MovedTopic {
                    talk: *talk,
                    topic: *topic,
                    from,
                    order,
                })
            }
            Command::RemovePerson { id } => {
                let p = self.person(*id)?;
                (!p.removed).then(|| Undo::RemovedPerson { person: p.clone() })
            }
            _ => None,
        }
    }

    /// Whether the step `undo` names, once applied, is one its record's rules let the user
    /// take back (their own click, not a link's answer, a correction or an undo).
    pub(super) fn undoable(&self, undo: &Undo) -> bool {
        fn step<E: Step>(history: Option<&[E]>, entry: usize) -> bool {
            history
                .and_then(|h| h.get(entry))
                .is_some_and(Step::undoable)
        }
        match undo {
            Undo::Step { id, entry } => {
                step(self.commitment(*id).map(|c| &c.history()[..]), *entry)
            }
            Undo::TopicStep { talk, topic, entry } => step(
                (self.talk(*talk).and_then(|t| t.topic(*topic))).map(|t| &t.history()[..]),
                *entry,
            ),
            Undo::GoalStep { id, entry } => step(self.goal(*id).map(|g| &g.history()[..]), *entry),
            _ => true,
        }
    }
}

impl Edit<'_> {
    /// Takes back a change, or says in words why it cannot be taken back any more.
    pub(super) fn apply_undo(&mut self, undo: Undo, now: Instant) -> Result<Change, DomainError> {
        match undo {
            Undo::Step { id, entry } => {
                let c = self.commitment(id).ok_or(DomainError::NoSuchCommitment)?;
                // Settled and then built on: made again, or a success noted from it.
                if c.outcome().is_some() && c.history().len() == entry + 1 {
                    let root = c.series().unwrap_or(id);
                    let again = self
                        .commitments
                        .after(id)
                        .any(|later| later.series() == Some(root));
                    if again {
                        return Err(DomainError::BuiltOnSince("the next of its series"));
                    }
                    if self.successes().any(|s| s.from().commitment == Some(id)) {
                        return Err(DomainError::BuiltOnSince("a success noted from it"));
                    }
                }
                self.record_mut(id)?.act(Action::Undo { entry }, now)?;
                Ok(Change::Commitment(id))
            }
            Undo::TopicStep { talk, topic, entry } => {
                let noted = self.successes().any(|s| {
                    s.from()
                        .topic
                        .is_some_and(|t| t.talk == talk && t.topic == topic)
                });
                if noted {
                    return Err(DomainError::BuiltOnSince("a success noted from it"));
                }
                self.record_mut(talk)?.listed_mut(topic)?.undo(entry, now)?;
                Ok(Change::Talk(talk))
            }
            Undo::GoalStep { id, entry } => {
                self.record_mut(id)?.undo(entry, now)?;
                Ok(Change::Goal(id))
            }
            Undo::RemovedTopic { talk, topic } => {
                let t = self.talk(talk).ok_or(DomainError::NoSuchTalk)?;
                if !t.topic(topic).ok_or(DomainError::NoSuchTopic)?.is_removed() {
                    return Err(DomainError::ChangedSince("this topic has"));
                }
                self.record_mut(talk)?.set_removed(topic, false)?;
                Ok(Change::Talk(talk))
            }
            Undo::MovedTopic {
                talk,
                topic,
                from,
                order,
            } => {
                let t = self.talk(talk).ok_or(DomainError::NoSuchTalk)?;
                let now: Vec<TopicId> = whole(t)
                    .into_iter()
                    .filter(|id| order.contains(id))
                    .collect();
                if now != order {
                    return Err(DomainError::ChangedSince("the order of the topics has"));
                }
                self.record_mut(talk)?.put_back(topic, from)?;
                Ok(Change::Talk(talk))
            }
            Undo::RemovedPerson { person } => {
                let id = person.id;
                let back = match self.person(id) {
                    // Hidden (their history named them): shown again as they are now.
                    Some(p) if p.removed => Person {
                        removed: false,
                        ..p.clone()
                    },
                    Some(_) => return Err(DomainError::ChangedSince("this person has")),
                    // Deleted (nothing named them): back under the same id, never a new one.
                    None if id.0 < self.next_ids().person => Person {
                        removed: false,
                        ..person
                    },
                    None => return Err(DomainError::NoSuchPerson),
                };
                if let Some(other) = self.person_named(&back.name).filter(|p| p.id != id) {
                    return Err(DomainError::NameTakenSince(other.name.clone()));
                }
                self.people_mut().insert(back);
                Ok(Change::Person(id))
            }
        }
    }
}
