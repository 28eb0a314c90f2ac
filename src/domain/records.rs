//! One collection for every kind of record, kept in order of their ids, with the counter that
//! numbers the next one.
//!
//! A sorted `Vec` rather than a `BTreeMap`: each map type brings its own copy of the tree's code
//! into the WASM of every part (several kilobytes a kind), while a book is read far more often
//! than it changes, and records are put in by id order or in one go when read back.

use crate::domain::goal::Goal;
use crate::domain::hand::Hand;
use crate::domain::success::Success;
use crate::domain::talk::Talk;
use crate::domain::{
    order, Commitment, CommitmentId, GoalId, HandId, Person, PersonId, SuccessId, TalkId,
};

/// A record with an id, unique among its kind.
pub trait Keyed {
    type Id: Copy + Ord + From<u64> + Into<u64>;
    fn key(&self) -> Self::Id;
}

impl Keyed for Person {
    type Id = PersonId;
    fn key(&self) -> PersonId {
        self.id
    }
}

macro_rules! keyed {
    ($($kind:ty => $id:ty),*) => {$(
        impl Keyed for $kind {
            type Id = $id;
            fn key(&self) -> $id {
                self.id()
            }
        }
    )*};
}

keyed!(Commitment => CommitmentId, Talk => TalkId, Goal => GoalId, Hand => HandId, Success => SuccessId);

/// Records of one kind, in order of their ids, each id once, and the id the next new one
/// gets (past every id ever given, so a deleted record's id is never given again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records<T> {
    all: Vec<T>,
    next: u64,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Self {
            all: Vec::new(),
            next: 0,
        }
    }
}

impl<T: Keyed> Records<T> {
    /// Records in any order, as they were read back, and the stored counter (moved past them
    /// if it is behind); of two with one id the later is kept, as inserting them one by one
    /// would. Sorted once (one insert each would move the rest).
    pub fn from_vec(mut all: Vec<T>, next: u64) -> Self {
        order::sort_by_key(&mut all, Keyed::key);
        let mut kept: Vec<T> = Vec::with_capacity(all.len());
        for r in all {
            if kept.last().is_some_and(|last| last.key() == r.key()) {
                kept.pop();
            }
            kept.push(r);
        }
        let next = next.max(kept.last().map_or(0, |r| r.key().into() + 1));
        Self { all: kept, next }
    }

    /// The id a new record gets.
    pub fn next_id(&self) -> T::Id {
        self.next.into()
    }

    /// The counter, as stored.
    pub fn counter(&self) -> u64 {
        self.next
    }

    /// Puts the counter back where it was (a change taken back whole).
    pub(crate) fn set_counter(&mut self, next: u64) {
        self.next = next;
    }

    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.all.iter()
    }

    fn find(&self, id: T::Id) -> Result<usize, usize> {
        self.all.binary_search_by_key(&id, Keyed::key)
    }

    pub fn get(&self, id: T::Id) -> Option<&T> {
        Some(&self.all[self.find(id).ok()?])
    }

    pub fn get_mut(&mut self, id: T::Id) -> Option<&mut T> {
        let i = self.find(id).ok()?;
        Some(&mut self.all[i])
    }

    pub fn contains(&self, id: T::Id) -> bool {
        self.find(id).is_ok()
    }

    /// The records with an id after `id`, in order.
    pub fn after(&self, id: T::Id) -> std::slice::Iter<'_, T> {
        self.all[self.all.partition_point(|r| r.key() <= id)..].iter()
    }

    /// Adds `record`, or replaces the one with its id; a new id moves the counter past it.
    pub fn insert(&mut self, record: T) {
        self.next = self.next.max(record.key().into() + 1);
        match self.find(record.key()) {
            Ok(i) => self.all[i] = record,
            Err(i) => self.all.insert(i, record),
        }
    }

    pub fn remove(&mut self, id: T::Id) -> Option<T> {
        let i = self.find(id).ok()?;
        Some(self.all.remove(i))
    }
}
