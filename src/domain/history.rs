//! A record's history: Troth's one idea about data, written once. Entries are appended as they
//! happen and never edited or removed; a step taken back is a new entry (an undo) after it, and
//! everything about the record is derived from the entries still in force. A stored history is
//! read by replaying it through the record's own rules, so it holds nothing they would refuse.
//!
//! A kind of record brings its entry type ([`Step`]) and its transition table ([`Replayed`]);
//! this module brings the order, what is in force, undo, the dates and the replay.

use crate::domain::{DomainError, Instant};
use serde::Serialize;
use std::fmt::Display;
use std::ops::Deref;

/// One entry of a history.
pub trait Step: Clone {
    /// When it happened.
    fn at(&self) -> Instant;
    /// What kind of entry it is, for messages about stored data.
    fn kind(&self) -> &'static str;
    /// Whether the user may take it back as their last step.
    fn undoable(&self) -> bool {
        false
    }
    /// For an undo: the number of the entry it took back.
    fn undoes(&self) -> Option<usize> {
        None
    }
}

/// The entries of one record, oldest first. Read as a slice; only [`History::push`] adds to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct History<E>(Vec<E>);

impl<E> Deref for History<E> {
    type Target = [E];

    fn deref(&self) -> &[E] {
        &self.0
    }
}

impl<E: Step> History<E> {
    /// A history that starts with `first`.
    pub(crate) fn new(first: E) -> Self {
        Self(vec![first])
    }

    /// A history nothing has happened in yet.
    pub(crate) fn empty() -> Self {
        Self(Vec::new())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in force, oldest first: every entry but an undo and the entry it took back.
    /// Everything about a record is derived from these, as if an undone entry had never been
    /// made.
    pub fn in_force(&self) -> impl DoubleEndedIterator<Item = &E> + '_ {
        let h = &self.0;
        h.iter()
            .enumerate()
            .filter(move |(n, e)| {
                e.undoes().is_none() && h.get(n + 1).and_then(Step::undoes).is_none()
            })
            .map(|(_, e)| e)
    }

    /// Whether entry number `n` was taken back by the entry after it.
    pub fn is_undone(&self, n: usize) -> bool {
        self.0.get(n + 1).and_then(Step::undoes) == Some(n)
    }

    /// The moment a new entry is dated: `now`, or the last entry's if the clock was set back
    /// (a step is never dated before the one it follows).
    pub(crate) fn moment(&self, now: Instant) -> Instant {
        self.0.last().map_or(now, |last| now.max(last.at()))
    }

    /// Checks that entry number `entry` may be taken back now: it is the last one (nothing,
    /// in another tab say, came after it) and the user's own step. `record` names the record
    /// in the refusal ("this goal has").
    pub(crate) fn check_undo(&self, entry: usize, record: &'static str) -> Result<(), DomainError> {
        match self.0.last() {
            Some(last) if entry + 1 == self.0.len() => last
                .undoable()
                .then_some(())
                .ok_or(DomainError::NotUndoable(last.kind())),
            _ => Err(DomainError::ChangedSince(record)),
        }
    }

    /// Appends one entry: the only way a history changes.
    pub(crate) fn push(&mut self, entry: E) {
        self.0.push(entry);
    }

    /// The same entries, each passed through `f` (a merge renumbers the ids they name).
    pub(crate) fn map(&self, f: impl FnMut(&E) -> E) -> Self {
        Self(self.0.iter().map(f).collect())
    }

    /// Refuses a history with an entry dated after `limit` (the moment it was read or
    /// exported): nothing can have happened later than that, so such an entry is made up.
    /// `record` names it in the message ("goal 3").
    pub fn check_dated_by(&self, record: impl Display, limit: Instant) -> Result<(), DomainError> {
        match self.0.iter().position(|e| e.at() > limit) {
            Some(n) => Err(DomainError::InvalidHistory(format!(
                "{record}: entry {} ({}) is dated after it was saved",
                n + 1,
                self.0[n].kind()
            ))),
            None => Ok(()),
        }
    }
}

/// Why a stored history cannot be read: a rule it breaks, or a shape no rule could produce.
#[derive(Debug)]
pub(crate) struct Unfit(String);

impl Unfit {
    pub(crate) fn said(why: impl Into<String>) -> Self {
        Self(why.into())
    }
}

impl From<DomainError> for Unfit {
    fn from(e: DomainError) -> Self {
        Self(e.to_string())
    }
}

/// A record whose state is its history replayed through its rules.
pub(crate) trait Replayed: Sized {
    type Entry: Step;

    fn history(&self) -> &History<Self::Entry>;

    /// Replays one stored entry through the rules, at the entry's own moment.
    fn replay(&mut self, entry: Self::Entry) -> Result<(), Unfit>;
}

/// Reads a stored record: `start` is the record as it began (from its first entry, or before
/// any), then every later entry of `rest` is replayed in order, none dated before the one above
/// it (entries are appended as they happen: one dated earlier is made up). A refusal names the
/// record: "A stored history is not valid: goal 3: entry 4 (reviewed) is dated before…".
pub(crate) fn replayed<R: Replayed>(
    record: impl Display,
    start: impl FnOnce() -> Result<R, Unfit>,
    rest: impl IntoIterator<Item = R::Entry>,
) -> Result<R, DomainError> {
    let invalid = |why: Unfit| DomainError::InvalidHistory(format!("{record}: {}", why.0));
    let mut r = start().map_err(invalid)?;
    for entry in rest {
        let h = r.history();
        if h.last().is_some_and(|last| entry.at() < last.at()) {
            return Err(invalid(Unfit(format!(
                "entry {} ({}) is dated before the entry above it",
                h.len() + 1,
                entry.kind()
            ))));
        }
        r.replay(entry).map_err(invalid)?;
    }
    Ok(r)
}
