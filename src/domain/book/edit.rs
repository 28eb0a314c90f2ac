//! A command being applied. Every change to a book goes through an [`Edit`], which keeps each
//! record as it was before the command first touched it. So the store is told exactly what
//! changed (no command can forget to say), and a refusal part-way takes the whole change back
//! (no command has to check everything before it changes anything).

use super::{Book, NextIds, Touched};
use crate::domain::goal::Goal;
use crate::domain::hand::Hand;
use crate::domain::records::{Keyed, Records};
use crate::domain::success::Success;
use crate::domain::talk::Talk;
use crate::domain::{Commitment, CommitmentId, DomainError, GoalId, HandId, Person, TalkId};

/// A book while one command changes it. Reads go to the book as it is now.
pub(super) struct Edit<'a> {
    book: &'a mut Book,
    before: Before,
}

/// What the command has touched so far, as it was.
#[derive(Default)]
struct Before {
    /// The id counters.
    counters: NextIds,
    /// The people list before, once it changed (it is small and stored whole).
    people: Option<Records<Person>>,
    /// The user's name before, once it changed.
    me: Option<Option<String>>,
    commitments: Kept<Commitment>,
    talks: Kept<Talk>,
    goals: Kept<Goal>,
    hands: Kept<Hand>,
    successes: Kept<Success>,
}

/// Records of one kind as they were before the command touched them; `None`: it is new.
struct Kept<T: Keyed>(Vec<(T::Id, Option<T>)>);

impl<T: Keyed> Default for Kept<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Keyed + Clone> Kept<T> {
    /// Keeps the record as it is now, unless it was kept already: a command touches one or
    /// two records, so a list is enough.
    fn keep(&mut self, records: &Records<T>, id: T::Id) {
        if !self.0.iter().any(|(kept, _)| *kept == id) {
            self.0.push((id, records.get(id).cloned()));
        }
    }

    fn put(&mut self, records: &mut Records<T>, record: T) {
        self.keep(records, record.key());
        records.insert(record);
    }

    fn get_mut<'r>(&mut self, records: &'r mut Records<T>, id: T::Id) -> Option<&'r mut T> {
        if records.contains(id) {
            self.keep(records, id);
        }
        records.get_mut(id)
    }

    fn ids(&self) -> Vec<T::Id> {
        self.0.iter().map(|(id, _)| *id).collect()
    }

    fn restore(self, records: &mut Records<T>, counter: u64) {
        for (id, before) in self.0.into_iter().rev() {
            match before {
                Some(record) => records.insert(record),
                None => drop(records.remove(id)),
            }
        }
        records.set_counter(counter);
    }
}

impl std::ops::Deref for Edit<'_> {
    type Target = Book;

    fn deref(&self) -> &Book {
        self.book
    }
}

impl<'a> Edit<'a> {
    pub(super) fn new(book: &'a mut Book) -> Self {
        let before = Before {
            counters: book.next_ids(),
            ..Before::default()
        };
        Self { book, before }
    }

    /// The command took effect: what it changed, for the store to write.
    pub(super) fn done(self) -> Touched {
        let b = self.before;
        Touched {
            meta: b.people.is_some() || b.me.is_some() || self.book.next_ids() != b.counters,
            commitments: b.commitments.ids(),
            talks: b.talks.ids(),
            goals: b.goals.ids(),
            hands: b.hands.ids(),
            successes: b.successes.ids(),
        }
    }

    /// The command was refused: the book goes back to exactly what it was.
    pub(super) fn roll_back(self) {
        let (book, b) = (self.book, self.before);
        let n = b.counters;
        b.commitments.restore(&mut book.commitments, n.commitment);
        b.talks.restore(&mut book.talks, n.talk);
        b.goals.restore(&mut book.trust.goals, n.goal);
        b.hands.restore(&mut book.trust.hands, n.hand);
        b.successes.restore(&mut book.trust.successes, n.success);
        if let Some(people) = b.people {
            book.people = people;
        }
        book.people.set_counter(n.person);
        if let Some(me) = b.me {
            book.me = me;
        }
    }

    // The only ways a command changes the book.

    /// The people list (stored whole, with the id counters).
    pub(super) fn people_mut(&mut self) -> &mut Records<Person> {
        (self.before.people).get_or_insert_with(|| self.book.people.clone());
        &mut self.book.people
    }

    pub(super) fn set_me(&mut self, name: String) {
        let before = self.book.me.replace(name);
        self.before.me.get_or_insert(before);
    }

    pub(super) fn person_mut(
        &mut self,
        id: crate::domain::PersonId,
    ) -> Result<&mut Person, DomainError> {
        self.people_mut()
            .get_mut(id)
            .ok_or(DomainError::NoSuchPerson)
    }

    /// Adds or replaces a commitment.
    pub(super) fn put_commitment(&mut self, c: Commitment) {
        self.before.commitments.put(&mut self.book.commitments, c);
    }

    pub(super) fn commitment_mut(
        &mut self,
        id: CommitmentId,
    ) -> Result<&mut Commitment, DomainError> {
        (self.before.commitments)
            .get_mut(&mut self.book.commitments, id)
            .ok_or(DomainError::NoSuchCommitment)
    }

    /// Adds or replaces a talk.
    pub(super) fn put_talk(&mut self, t: Talk) {
        self.before.talks.put(&mut self.book.talks, t);
    }

    pub(super) fn talk_mut(&mut self, id: TalkId) -> Result<&mut Talk, DomainError> {
        (self.before.talks)
            .get_mut(&mut self.book.talks, id)
            .ok_or(DomainError::NoSuchTalk)
    }

    pub(super) fn remove_talk(&mut self, id: TalkId) -> Result<(), DomainError> {
        self.talk_mut(id)?;
        self.book.talks.remove(id);
        Ok(())
    }

    pub(super) fn put_goal(&mut self, g: Goal) {
        self.before.goals.put(&mut self.book.trust.goals, g);
    }

    pub(super) fn goal_mut(&mut self, id: GoalId) -> Result<&mut Goal, DomainError> {
        (self.before.goals)
            .get_mut(&mut self.book.trust.goals, id)
            .ok_or(DomainError::NoSuchGoal)
    }

    pub(super) fn put_hand(&mut self, h: Hand) {
        self.before.hands.put(&mut self.book.trust.hands, h);
    }

    pub(super) fn hand_mut(&mut self, id: HandId) -> Result<&mut Hand, DomainError> {
        (self.before.hands)
            .get_mut(&mut self.book.trust.hands, id)
            .ok_or(DomainError::NoSuchHand)
    }

    pub(super) fn put_success(&mut self, s: Success) {
        self.before.successes.put(&mut self.book.trust.successes, s);
    }
}
