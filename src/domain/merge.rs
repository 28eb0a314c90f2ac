//! Bringing another device's book (a backup) into this one without losing anything on either
//! side. Things are matched by what they are, not by their ids, which each device counts on
//! its own: a person by name, a commitment by whom it is to, what it says and when it was made,
//! a talk by its title and day. Where both sides have one, the longer history wins only if it
//! continues the other; two histories that went different ways are both kept.

use crate::domain::{
    fold, key, Book, Commitment, CommitmentId, DomainError, Index, Person, PersonId, TalkId,
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

        // Each name folded once, into a map (the first by id wins, as a search in id order
        // would find): folding per pair, through the browser, froze the page on a large
        // backup.
        let mut named = Index::default();
        for q in book.all_people() {
            named.add(fold(&q.name), q.id.0);
        }
        let mut people: BTreeMap<PersonId, PersonId> = BTreeMap::new();
        for p in other.all_people() {
            let name = fold(&p.name);
            let id = match named.get(&name).first() {
                Some(&id) => PersonId(id),
                None => {
                    let id = book.next_person_id();
                    book.insert_person(Person { id, ..p.clone() });
                    report.people_added += 1;
                    named.add(name, id.0);
                    id
                }
            };
            people.insert(p.id, id);
        }
        // Every reference was checked above, so each id has its match.
        let person = |id: PersonId| people[&id];

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
        let mut here = Index::default();
        for l in self.commitments() {
            here.add(made(l), l.id().0);
        }
        for theirs in other.commitments() {
            // Their history in this book's people (a correction names someone by id).
            // A series starts before its later ones, so its first is already matched here.
            let c = theirs.renumbered(theirs.id(), person, |root| commitments[&root]);
            let to = c.to();
            let alike: Vec<&Commitment> = here
                .get(&made(&c))
                .iter()
                .map(|&id| CommitmentId(id))
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
                        book.insert_commitment(c.renumbered(id, |p| p, |r| r));
                        report.commitments_extended += 1;
                    } else {
                        report.unchanged += 1;
                    }
                    id
                }
                None => {
                    let id = book.next_commitment_id();
                    book.insert_commitment(c.renumbered(id, |p| p, |r| r));
                    report.commitments_added += 1;
                    id
                }
            };
            matched.insert(id);
            commitments.insert(theirs.id(), id);
        }
        let commitment = |id: CommitmentId| commitments[&id];

        let mut talks: BTreeMap<TalkId, TalkId> = BTreeMap::new();
        // Talks by title and day, added ones too (a backup may hold the same talk twice).
        let day = |t: &crate::domain::talk::Talk| key(&[t.title(), t.date()]);
        let mut by_day = Index::default();
        for l in book.talks() {
            by_day.add(day(l), l.id().0);
        }
        for t in other.talks() {
            let incoming = t.renumbered(TalkId(0), person, commitment);
            let same = by_day.get(&day(t)).iter().map(|&id| TalkId(id)).find(|&l| {
                book.talk(l).is_some_and(|l| {
                    l.title() == t.title()
                        && l.date() == t.date()
                        && l.all_topics() == incoming.all_topics()
                })
            });
            let id = match same {
                Some(id) => {
                    report.unchanged += 1;
                    id
                }
                None => {
                    let id = book.next_talk_id();
                    book.insert_talk(t.renumbered(id, person, commitment));
                    report.talks_added += 1;
                    by_day.add(day(t), id.0);
                    id
                }
            };
            talks.insert(t.id(), id);
        }
        let talk = |id: TalkId| talks.get(&id).copied();
        crate::domain::book::merge_trust(
            &mut book,
            other,
            &person,
            &commitment,
            &talk,
            &mut report,
        );
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
