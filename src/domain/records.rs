//! One collection for every kind of record, kept in order of their ids.
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
    type Id: Copy + Ord;
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

/// Records of one kind, in order of their ids, each id once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records<T>(Vec<T>);

impl<T> Default for Records<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Keyed> Records<T> {
    /// Records in any order, as they were read back; of two with one id the later is kept, as
    /// inserting them one by one would. Sorted once (one insert each would move the rest).
    pub fn from_vec(mut all: Vec<T>) -> Self {
        order::sort_by_key(&mut all, Keyed::key);
        let mut kept: Vec<T> = Vec::with_capacity(all.len());
        for r in all {
            if kept.last().is_some_and(|last| last.key() == r.key()) {
                kept.pop();
            }
            kept.push(r);
        }
        Self(kept)
    }

    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    fn find(&self, id: T::Id) -> Result<usize, usize> {
        self.0.binary_search_by_key(&id, Keyed::key)
    }

    pub fn get(&self, id: T::Id) -> Option<&T> {
        Some(&self.0[self.find(id).ok()?])
    }

    pub fn get_mut(&mut self, id: T::Id) -> Option<&mut T> {
        let i = self.find(id).ok()?;
        Some(&mut self.0[i])
    }

    pub fn contains(&self, id: T::Id) -> bool {
        self.find(id).is_ok()
    }

    /// The records with an id after `id`, in order.
    pub fn after(&self, id: T::Id) -> std::slice::Iter<'_, T> {
        self.0[self.0.partition_point(|r| r.key() <= id)..].iter()
    }

    /// Adds `record`, or replaces the one with its id.
    pub fn insert(&mut self, record: T) {
        match self.find(record.key()) {
            Ok(i) => self.0[i] = record,
            Err(i) => self.0.insert(i, record),
        }
    }

    pub fn remove(&mut self, id: T::Id) -> Option<T> {
        let i = self.find(id).ok()?;
        Some(self.0.remove(i))
    }

    /// The highest id held.
    pub fn last_id(&self) -> Option<T::Id> {
        self.0.last().map(Keyed::key)
    }
}
