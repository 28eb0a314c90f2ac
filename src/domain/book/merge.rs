//! Bringing another device's book (a backup) into this one without losing anything on either
//! side. Things are matched by what they are, not by their ids, which each device counts on
//! its own: a person by name, a commitment by whom it is to, what it says and when it was made,
//! a talk by its title and day. Where both sides have one, the longer history wins only if it
//! continues the other; two histories that went different ways are both kept.

use crate::domain::goal::Goal;
use crate::domain::hand::Hand;
use crate::domain::history::Replayed;
use crate::domain::success::Success;
use crate::domain::{
    fold, key, Book, Commitment, CommitmentId, DomainError, Held, Index, Person, PersonId, TalkId,
};
use std::collections::BTreeMap;

/// What a merge did, for the preview and the message after it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub people_added: usize,
    pub commitments_added: usize,
    /// Commitments whose history the backup continues (more steps recorded there).
    pub commitments_extended: usize,
    pub talks_added: usize,
    /// Goals, raised hands and successes added.
    pub records_added: usize,
    /// Goals and raised hands whose history the backup continues.
    pub records_continued: usize,
    /// Already here, exactly or with a longer history here.
    pub unchanged: usize,
}

impl MergeReport {
    pub fn changes(&self) -> usize {
        self.people_added
            + self.commitments_added
            + self.commitments_extended
            + self.talks_added
            + self.records_added
            + self.records_continued
    }
}

impl Book {
    /// This book with `other` merged in. Nothing of this book is removed or shortened. Refused
    /// when `other` refers to someone or something it does not hold: matched by id alone, such
    /// a reference would attach to an unrelated record here.
    pub fn merged(&self, other: &Book) -> Result<(Book, MergeReport), DomainError> {
        other.check_references()?;
        let mut book = self.clone();
        if book.me().is_none() {
            book.me.clone_from(&other.me);
        }
        let mut report = MergeReport::default();
        let people = merge_people(&mut book, other, &mut report);
        // Every reference was checked above, so each id has its match.
        let person = |id: PersonId| people[&id];
        let commitments = merge_commitments(&mut book, other, &person, &mut report);
        let commitment = |id: CommitmentId| commitments[&id];
        let talks = merge_talks(&mut book, other, &person, &commitment, &mut report);
        let talk = |id: TalkId| talks.get(&id).copied();
        merge_trust(&mut book, other, &person, &commitment, &talk, &mut report);
        Ok((book, report))
    }

    /// Every person and commitment that a record names is in this book.
    pub fn check_references(&self) -> Result<(), DomainError> {
        let dangling = |what: String| Err(DomainError::Dangling(what));
        for c in self.commitments() {
            if let Some(p) = c.people().find(|p| self.person(*p).is_none()) {
                return dangling(format!(
                    "commitment {} names person {p}, who is not in it",
                    c.id()
                ));
            }
            // Reading a commitment already refuses a series that starts after it.
            if let Some(root) = c.series().filter(|r| self.commitment(*r).is_none()) {
                return dangling(format!(
                    "commitment {} repeats commitment {root}, which is not in it",
                    c.id()
                ));
            }
        }
        for t in self.talks() {
            for topic in t.all_topics() {
                let named = topic.askers().iter().copied().chain(topic.answered_by());
                if let Some(a) = named.into_iter().find(|&a| self.person(a).is_none()) {
                    return dangling(format!(
                        "topic {} of talk {} names person {a}, who is not in it",
                        topic.id(),
                        t.id()
                    ));
                }
                if let Some(c) = topic.follow_ups().find(|&c| self.commitment(c).is_none()) {
                    return dangling(format!(
                        "topic {} of talk {} was deferred to commitment {c}, which is not in it",
                        topic.id(),
                        t.id()
                    ));
                }
            }
        }
        self.check_trust_references()
    }
}

/// Whether one of the two histories is the start of the other: then the longer one holds all
/// that either side recorded.
fn continues(here: &Commitment, there: &Commitment) -> bool {
    here.history().starts_with(there.history()) || there.history().starts_with(here.history())
}

/// People by name: each of theirs is someone here by that name, or is added. Returns their ids
/// as this book's.
fn merge_people(
    book: &mut Book,
    other: &Book,
    report: &mut MergeReport,
) -> BTreeMap<PersonId, PersonId> {
    // Each name folded once, into an index (the first by id wins, as a search in id order
    // would find): folding per pair, through the browser, froze the page on a large
    // backup.
    let named = Index::new(book.all_people().map(|q| (fold(&q.name), q.id.0)).collect());
    let theirs: Vec<(String, u64)> = other
        .all_people()
        .map(|p| (fold(&p.name), p.id.0))
        .collect();
    let alike = Index::new(theirs.clone());
    let mut people: BTreeMap<PersonId, PersonId> = BTreeMap::new();
    for (p, (name, _)) in other.all_people().zip(&theirs) {
        // Not here: the first of theirs by that name is added, and the others are that one.
        let found = named.get(name).next().map(PersonId).or_else(|| {
            alike
                .get(name)
                .next()
                .map(PersonId)
                .filter(|&first| first != p.id)
                .map(|first| people[&first])
        });
        let id = found.unwrap_or_else(|| {
            let id = book.people.next_id();
            book.people.insert(Person { id, ..p.clone() });
            report.people_added += 1;
            id
        });
        people.insert(p.id, id);
    }
    people
}

/// Commitments by whom, when and what: each of theirs is one here with the same or a shorter
/// history (continued), or is added. Returns their ids as this book's.
fn merge_commitments(
    book: &mut Book,
    other: &Book,
    person: &dyn Fn(PersonId) -> PersonId,
    report: &mut MergeReport,
) -> BTreeMap<CommitmentId, CommitmentId> {
    let mut commitments: BTreeMap<CommitmentId, CommitmentId> = BTreeMap::new();
    // Each commitment here answers for at most one from there: two alike (same person,
    // words and moment) stay two.
    let mut matched = std::collections::BTreeSet::new();
    // This book's commitments by whom, when and what: a lookup, not a scan, per one of
    // theirs. Those added below are matched already, so only the ones here are listed.
    let made = |c: &Commitment| {
        key(&[
            &c.to().to_string(),
            &c.made_at().unix().to_string(),
            c.what(),
        ])
    };
    let here = Index::new(book.commitments().map(|l| (made(l), l.id().0)).collect());
    for theirs in other.commitments() {
        // Their history in this book's people (a correction names someone by id).
        // A series starts before its later ones, so its first is already matched here.
        let c = theirs.renumbered(theirs.id(), person, |root| commitments[&root]);
        let to = c.to();
        let key = made(&c);
        let alike: Vec<&Commitment> = here
            .get(&key)
            .map(CommitmentId)
            .filter(|id| !matched.contains(id))
            .filter_map(|id| book.commitment(id))
            .filter(|l| {
                l.by() == c.by()
                    && l.to() == to
                    && l.what() == c.what()
                    && l.made_at() == c.made_at()
            })
            .collect();
        let same = alike
            .iter()
            .find(|l| l.history() == c.history())
            .or_else(|| alike.iter().find(|l| continues(l, &c)))
            .map(|l| (l.id(), l.history().len()));
        let id = match same {
            Some((id, len)) => {
                if c.history().len() > len {
                    book.commitments.insert(c.renumbered(id, |p| p, |r| r));
                    report.commitments_extended += 1;
                } else {
                    report.unchanged += 1;
                }
                id
            }
            None => {
                let id = book.commitments.next_id();
                book.commitments.insert(c.renumbered(id, |p| p, |r| r));
                report.commitments_added += 1;
                id
            }
        };
        matched.insert(id);
        commitments.insert(theirs.id(), id);
    }
    commitments
}

/// Talks by title and day (and the same topics). Returns their ids as this book's.
fn merge_talks(
    book: &mut Book,
    other: &Book,
    person: &dyn Fn(PersonId) -> PersonId,
    commitment: &dyn Fn(CommitmentId) -> CommitmentId,
    report: &mut MergeReport,
) -> BTreeMap<TalkId, TalkId> {
    let mut talks: BTreeMap<TalkId, TalkId> = BTreeMap::new();
    // Talks by title and day, added ones too (a backup may hold the same talk twice).
    for t in other.talks() {
        let incoming = t.renumbered(TalkId(0), person, commitment);
        let same = book
            .talks()
            .find(|l| {
                l.title() == t.title()
                    && l.date() == t.date()
                    && l.all_topics() == incoming.all_topics()
            })
            .map(|l| l.id());
        let id = match same {
            Some(id) => {
                report.unchanged += 1;
                id
            }
            None => {
                let id = book.talks.next_id();
                book.talks.insert(t.renumbered(id, person, commitment));
                report.talks_added += 1;
                id
            }
        };
        talks.insert(t.id(), id);
    }
    talks
}

/// Merging another device's goals, raised hands and successes, matched by meaning: a goal by
/// whom it is with and how it was agreed, a raised hand by whom and how it was raised, a
/// success by whom, its words and when it was noted. A longer history that continues the one
/// here wins; two that went different ways are both kept.
pub(crate) fn merge_trust(
    book: &mut Book,
    other: &Book,
    person: &dyn Fn(PersonId) -> PersonId,
    commitment: &dyn Fn(CommitmentId) -> CommitmentId,
    talk: &dyn Fn(TalkId) -> Option<TalkId>,
    report: &mut MergeReport,
) {
    let goals = merge_histories(book, other.goals(), person, commitment, report);
    merge_histories(book, other.hands(), person, commitment, report);

    let mut matched = std::collections::BTreeSet::new();
    for theirs in other.successes() {
        let s = theirs.renumbered(theirs.id(), person, commitment, |g| goals[&g], talk);
        let same = book
            .successes()
            .find(|l| {
                !matched.contains(&l.id())
                    && l.with() == s.with()
                    && l.what() == s.what()
                    && l.at() == s.at()
            })
            .map(Success::id);
        let id = match same {
            Some(id) => {
                report.unchanged += 1;
                id
            }
            None => {
                let id = book.trust.successes.next_id();
                book.trust
                    .successes
                    .insert(s.renumbered(id, |p| p, |c| c, |g| g, Some));
                report.records_added += 1;
                id
            }
        };
        matched.insert(id);
    }
}

/// A goal or a raised hand: with one person, a history, renumbered into another book.
trait OnesWith: Held + Replayed<Entry: PartialEq> {
    fn with(&self) -> PersonId;
    fn renumbered(
        &self,
        id: Self::Id,
        person: &dyn Fn(PersonId) -> PersonId,
        commitment: &dyn Fn(CommitmentId) -> CommitmentId,
    ) -> Self;
}

macro_rules! ones_with {
    ($($kind:ty),*) => {$(
        impl OnesWith for $kind {
            fn with(&self) -> PersonId {
                <$kind>::with(self)
            }
            fn renumbered(
                &self,
                id: Self::Id,
                person: &dyn Fn(PersonId) -> PersonId,
                commitment: &dyn Fn(CommitmentId) -> CommitmentId,
            ) -> Self {
                <$kind>::renumbered(self, id, person, commitment)
            }
        }
    )*};
}

ones_with!(Goal, Hand);

/// Merges goals or raised hands, matched by whom and their first entry: the same, or a longer
/// history that continues the one here, is one; any other is added. Their ids in this book.
fn merge_histories<'a, T: OnesWith + 'a>(
    book: &mut Book,
    theirs: impl Iterator<Item = &'a T>,
    person: &dyn Fn(PersonId) -> PersonId,
    commitment: &dyn Fn(CommitmentId) -> CommitmentId,
    report: &mut MergeReport,
) -> BTreeMap<T::Id, T::Id> {
    let mut ids = BTreeMap::new();
    let mut matched = std::collections::BTreeSet::new();
    for theirs in theirs {
        let r = theirs.renumbered(theirs.key(), person, commitment);
        let alike: Vec<&T> = (book.all::<T>().values())
            .filter(|l| !matched.contains(&l.key()) && l.with() == r.with())
            .filter(|l| l.history()[0] == r.history()[0])
            .collect();
        let same = alike
            .iter()
            .find(|l| l.history()[..] == r.history()[..])
            .or_else(|| {
                alike
                    .iter()
                    .find(|l| history_continues(l.history(), r.history()))
            })
            .map(|l| (l.key(), l.history().len()));
        let id = match same {
            Some((id, len)) => {
                if r.history().len() > len {
                    T::held_mut(book).insert(r.renumbered(id, &|p| p, &|c| c));
                    report.records_continued += 1;
                } else {
                    report.unchanged += 1;
                }
                id
            }
            None => {
                let id = book.all::<T>().next_id();
                T::held_mut(book).insert(r.renumbered(id, &|p| p, &|c| c));
                report.records_added += 1;
                id
            }
        };
        matched.insert(id);
        ids.insert(theirs.key(), id);
    }
    ids
}

/// Whether one history is the start of the other.
fn history_continues<T: PartialEq>(here: &[T], there: &[T]) -> bool {
    here.starts_with(there) || there.starts_with(here)
}
