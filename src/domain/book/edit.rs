//! A command being applied. Every change to a book goes through an [`Edit`], which keeps each
//! record as it was before the command first touched it. So the store is told exactly what
//! changed (no command can forget to say), and a refusal part-way takes the whole change back
//! (no command has to check everything before it changes anything).

use super::{Book, Held, NextIds, Touched};
use crate::domain::goal::Goal;
use crate::domain::hand::Hand;
use crate::domain::records::{Keyed, Records};
use crate::domain::success::Success;
use crate::domain::talk::Talk;
use crate::domain::{
    Commitment, CommitmentId, DomainError, GoalId, HandId, Person, PersonId, TalkId,
};

/// A book while one command changes it. Reads go to the book as it is now.
pub(super) struct Edit<'a> {
    book: &'a mut Book,
    before: Before,
}

/// What the command has touched so far, as it was.
#[derive(Default)]
pub(super) struct Before {
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

/// A kind of record a command changes through an [`Edit`].
pub(super) trait Edited: Held {
    /// Where an edit keeps the ones it touched, as they were.
    fn kept(before: &mut Before) -> &mut Kept<Self>;
}

/// An id a command names a record by, and the refusal when the book has none.
pub(super) trait Names: Copy + Eq {
    type Kind: Edited<Id = Self>;
    const MISSING: DomainError;
}

macro_rules! edited {
    ($($kind:ty => $kept:ident $(, by $id:ty, else $missing:ident)?;)*) => {$(
        impl Edited for $kind {
            fn kept(before: &mut Before) -> &mut Kept<Self> {
                &mut before.$kept
            }
        }
        $(impl Names for $id {
            type Kind = $kind;
            const MISSING: DomainError = DomainError::$missing;
        })?
    )*};
}

edited! {
    Commitment => commitments, by CommitmentId, else NoSuchCommitment;
    Talk => talks, by TalkId, else NoSuchTalk;
    Goal => goals, by GoalId, else NoSuchGoal;
    Hand => hands, by HandId, else NoSuchHand;
    // A success is affirmed once and never changed.
    Success => successes;
}

/// Records of one kind as they were before the command touched them; `None`: it is new.
pub(super) struct Kept<T: Keyed>(Vec<(T::Id, Option<T>)>);

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

    fn restore(self, records: &mut Records<T>) {
        for (id, before) in self.0.into_iter().rev() {
            match before {
                Some(record) => records.insert(record),
                None => drop(records.remove(id)),
            }
        }
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
        b.commitments.restore(&mut book.commitments);
        b.talks.restore(&mut book.talks);
        b.goals.restore(&mut book.trust.goals);
        b.hands.restore(&mut book.trust.hands);
        b.successes.restore(&mut book.trust.successes);
        if let Some(people) = b.people {
            book.people = people;
        }
        if let Some(me) = b.me {
            book.me = me;
        }
        book.set_counters(b.counters);
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

    pub(super) fn person_mut(&mut self, id: PersonId) -> Result<&mut Person, DomainError> {
        self.people_mut()
            .get_mut(id)
            .ok_or(DomainError::NoSuchPerson)
    }

    /// Adds or replaces a record.
    pub(super) fn put<T: Edited>(&mut self, record: T) {
        T::kept(&mut self.before).put(T::held_mut(self.book), record);
    }

    /// The record `id` names, to change.
    pub(super) fn record_mut<I: Names>(&mut self, id: I) -> Result<&mut I::Kind, DomainError> {
        let kept = <I::Kind as Edited>::kept(&mut self.before);
        (kept.get_mut(I::Kind::held_mut(self.book), id)).ok_or(I::MISSING)
    }

    /// Removes the record `id` names.
    pub(super) fn remove<I: Names>(&mut self, id: I) -> Result<(), DomainError> {
        self.record_mut(id)?;
        I::Kind::held_mut(self.book).remove(id);
        Ok(())
    }
}
