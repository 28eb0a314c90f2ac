//! Backups: everything in one JSON file, and reading one back.
//!
//! The format (documented in docs/backup.md) is one object:
//!
//! ```json
//! { "troth_backup": 5, "exported_at": 1795348800, "me": "Sam", "people": [...],
//!   "next": [person, commitment, talk], "commitments": [...], "talks": [...],
//!   "next_trust": [goal, hand, success], "goals": [...], "hands": [...], "successes": [...] }
//! ```
//!
//! People, commitments, talks, goals, raised hands and successes have exactly their stored
//! shapes. A file is read in full and
//! checked — every history replayed through its state machine, every reference resolved — before
//! anything is written, so a rejected file changes nothing.

use super::schema::Stored;
use crate::domain::calendar;
use crate::domain::goal::Goal;
use crate::domain::hand::Hand;
use crate::domain::records::Keyed;
use crate::domain::success::Success;
use crate::domain::talk::Talk;
use crate::domain::{
    fold, key, Book, Commitment, CommitmentId, Index, Instant, NextIds, Person, PersonId, ZoneRules,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The backup format this build writes and reads.
/// 2 added corrections in a history and people with no time zone; 3 added both ways
/// (commitments promised to the user, links in a history, the user's own name); 4 added growing
/// trust (standing commitments, series made again, goals, raised hands and successes); 5 added
/// undo (an `undone` entry in a commitment's or a topic's history). A build that reads an older
/// format only refuses a newer file in words instead of misreading it.
pub const BACKUP_VERSION: u32 = 5;
/// The largest file accepted: twice what a full `localStorage` holds.
pub const MAX_BACKUP: usize = 20 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub troth_backup: u32,
    pub exported_at: Instant,
    pub people: Vec<Person>,
    pub next: (u64, u64, u64),
    /// The user's own name (since 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub me: Option<String>,
    pub commitments: Vec<Commitment>,
    pub talks: Vec<Talk>,
    /// The next goal, raised-hand and success ids (since 4).
    #[serde(default)]
    pub next_trust: (u64, u64, u64),
    /// Goals with their reviews (since 4).
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Raised hands (since 4): private notes, in the user's own backup only.
    #[serde(default)]
    pub hands: Vec<Hand>,
    /// Successes affirmed (since 4).
    #[serde(default)]
    pub successes: Vec<Success>,
}

/// Why a file cannot be imported. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("This file is {0} bytes: too large to be a Troth backup (at most {MAX_BACKUP}).")]
    TooLarge(usize),
    #[error("This file is not a Troth backup: it is not JSON ({0}).")]
    NotJson(String),
    #[error("This file is JSON but not a Troth backup (it has no “troth_backup” version).")]
    NotBackup,
    #[error(
        "This backup was made by a newer version of Troth (format {0}). Reload Troth to update it, then import again."
    )]
    Newer(u32),
    #[error("This backup cannot be read: {0}")]
    Invalid(String),
    #[error("This backup is inconsistent: {0}")]
    Broken(String),
}

impl Backup {
    pub fn of(book: &Book, now: Instant) -> Self {
        let next = book.next_ids();
        Self {
            troth_backup: BACKUP_VERSION,
            exported_at: now,
            people: book.all_people().cloned().collect(),
            next: (next.person, next.commitment, next.talk),
            me: book.me().map(str::to_owned),
            commitments: book.commitments().cloned().collect(),
            talks: book.talks().cloned().collect(),
            next_trust: (next.goal, next.hand, next.success),
            goals: book.goals().cloned().collect(),
            hands: book.hands().cloned().collect(),
            successes: book.successes().cloned().collect(),
        }
    }

    pub fn to_json(&self) -> String {
        super::schema::write(self)
    }

    /// Reads a backup file into the book it holds, or says why it cannot.
    pub fn read(text: &str) -> Result<Book, ImportError> {
        if text.len() > MAX_BACKUP {
            return Err(ImportError::TooLarge(text.len()));
        }
        #[derive(Deserialize)]
        struct Version {
            troth_backup: Option<u64>,
        }
        let version: Version = serde_json::from_str(text).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => ImportError::NotBackup,
            _ => ImportError::NotJson(e.to_string()),
        })?;
        match version.troth_backup {
            None | Some(0) => return Err(ImportError::NotBackup),
            Some(v) if v > u64::from(BACKUP_VERSION) => {
                return Err(ImportError::Newer(u32::try_from(v).unwrap_or(u32::MAX)))
            }
            Some(_) => {}
        }
        let backup: Self =
            serde_json::from_str(text).map_err(|e| ImportError::Invalid(e.to_string()))?;
        backup.check()?;
        let next = NextIds {
            person: backup.next.0,
            commitment: backup.next.1,
            talk: backup.next.2,
            goal: backup.next_trust.0,
            hand: backup.next_trust.1,
            success: backup.next_trust.2,
        };
        let (book, repairs) = Book::counted(backup.people, next)
            .with_read(backup.commitments)
            .with_read(backup.talks)
            .with_read(backup.goals)
            .with_read(backup.hands)
            .with_read(backup.successes)
            .mended();
        let book = book.with_me(backup.me);
        // `check` found every reference; a repair here would mean it missed one.
        if !repairs.is_empty() {
            return Err(ImportError::Broken(format!("{repairs:?}")));
        }
        book.check_references()
            .map_err(|e| ImportError::Broken(e.to_string()))?;
        // Every moment in the years Troth can show, named with its record.
        backup
            .exported_at
            .check_years("moment the backup was made")
            .map_err(|e| ImportError::Invalid(e.to_string()))?;
        book.commitments().try_for_each(|c| {
            c.check_years()
                .map_err(|e| ImportError::Invalid(format!("commitment {}: {e}", c.id())))
        })?;
        // Nothing in a backup can have happened after it was made.
        let latest = backup.exported_at;
        book.commitments()
            .try_for_each(|c| c.check_dated_by(latest))
            .and_then(|()| book.talks().try_for_each(|t| t.check_dated_by(latest)))
            .and_then(|()| book.check_trust_dated_by(latest))
            .map_err(|e| ImportError::Invalid(e.to_string()))?;
        Ok(book)
    }

    /// Every id once, every reference to something in the file.
    fn check(&self) -> Result<(), ImportError> {
        let broken = |what: String| Err(ImportError::Broken(what));
        if let Some(me) = &self.me {
            crate::domain::clean_name(me)
                .map_err(|e| ImportError::Invalid(format!("your name: {e}")))?;
        }
        let people = once_each(&self.people, "person")?;
        once_each(&self.commitments, Commitment::NAME)?;
        once_each(&self.talks, Talk::NAME)?;
        once_each(&self.goals, Goal::NAME)?;
        once_each(&self.hands, Hand::NAME)?;
        once_each(&self.successes, Success::NAME)?;
        for p in &self.people {
            crate::domain::clean_name(&p.name)
                .map_err(|e| ImportError::Invalid(format!("person {}: {e}", p.id)))?;
        }
        for c in &self.commitments {
            if let Some(p) = c.people().find(|p| !people.contains(p)) {
                return broken(format!(
                    "commitment {} names person {p}, who is not in it",
                    c.id()
                ));
            }
        }
        for t in &self.talks {
            for topic in t.all_topics() {
                // Only askers here: assembling would mend a missing one with a stand-in.
                // Follow-ups are checked with every other reference once it is assembled.
                if let Some(a) = topic.askers().iter().find(|a| !people.contains(a)) {
                    return broken(format!(
                        "a topic of talk {} was asked by person {a}, who is not in it",
                        t.id()
                    ));
                }
            }
        }
        // Whom they name: assembling would mend a missing one with a stand-in.
        let named = (self.goals.iter().map(|g| ("goal", g.id().0, g.with())))
            .chain(
                self.hands
                    .iter()
                    .map(|h| ("raised hand", h.id().0, h.with())),
            )
            .chain(
                self.successes
                    .iter()
                    .map(|s| ("success", s.id().0, s.with())),
            );
        for (what, id, p) in named {
            if !people.contains(&p) {
                return broken(format!("{what} {id} names person {p}, who is not in it"));
            }
        }
        Ok(())
    }
}

/// The ids of `records`, or a refusal naming one that appears twice.
fn once_each<T: Keyed>(records: &[T], name: &str) -> Result<BTreeSet<T::Id>, ImportError> {
    let mut ids = BTreeSet::new();
    match records.iter().find(|r| !ids.insert(r.key())) {
        Some(twice) => Err(ImportError::Broken(format!(
            "{name} {} appears twice",
            twice.key().into()
        ))),
        None => Ok(ids),
    }
}

/// How a backup comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Added to what is here; nothing here is removed or shortened.
    Merge,
    /// What is here becomes exactly the backup.
    Replace,
}

/// What replacing would do, for the user to read before they choose it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplacePreview {
    pub commitments_here: usize,
    pub commitments_there: usize,
    pub talks_here: usize,
    pub talks_there: usize,
    /// What is here and not in the backup: replacing removes it.
    pub lost: Lost,
}

/// Records here that a backup does not hold, matched by meaning as a merge matches them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lost {
    pub people: usize,
    pub commitments: usize,
    pub talks: usize,
    /// Topics of talks the backup lacks, or missing from (or shorter in) its copy of the talk.
    pub topics: usize,
}

impl Lost {
    pub fn any(&self) -> bool {
        *self != Self::default()
    }
}

impl ReplacePreview {
    pub fn of(here: &Book, there: &Book) -> Self {
        // Each name folded once per book: folding per pair, through the browser, froze the
        // page for seconds on a large backup. People come in id order: found by halving.
        let folded = |b: &Book| -> Vec<(PersonId, String)> {
            b.all_people().map(|p| (p.id, fold(&p.name))).collect()
        };
        let (names_here, names_there) = (folded(here), folded(there));
        let name = |names: &'_ [(PersonId, String)], id: PersonId| -> Option<String> {
            let at = names.binary_search_by_key(&id, |(p, _)| *p).ok()?;
            Some(names[at].1.clone())
        };
        // Everyone, removed people too: a merge matches them by name the same way.
        let known = Index::new(
            names_there
                .iter()
                .map(|(id, n)| (n.clone(), id.0))
                .collect(),
        );
        let people = names_here
            .iter()
            .filter(|(_, n)| known.get(n).next().is_none())
            .count();
        // The backup's commitments by what, when and to whom: a lookup per one here.
        let made = |c: &Commitment, to: Option<String>| {
            key(&[
                c.what(),
                &c.made_at().unix().to_string(),
                &to.unwrap_or_default(),
            ])
        };
        let theirs = Index::new(
            there
                .commitments()
                .map(|t| (made(t, name(&names_there, t.to())), t.id().0))
                .collect(),
        );
        let commitments = here
            .commitments()
            .filter(|c| {
                let to = name(&names_here, c.to());
                let key = made(c, to.clone());
                let kept = theirs
                    .get(&key)
                    .filter_map(|id| there.commitment(CommitmentId(id)))
                    .any(|t| {
                        t.what() == c.what()
                            && t.made_at() == c.made_at()
                            && name(&names_there, t.to()) == to
                            && t.history().starts_with(c.history())
                    });
                !kept
            })
            .count();
        // A topic is kept when the backup's talk of the same title and day has it, asked by the
        // same names, with at least its history.
        let asked = |names: &[(PersonId, String)], topic: &crate::domain::talk::Topic| {
            topic
                .askers()
                .iter()
                .map(|&a| name(names, a))
                .collect::<Vec<Option<String>>>()
        };
        let day = |t: &Talk| key(&[t.title(), t.date()]);
        let twins = Index::new(there.talks().map(|o| (day(o), o.id().0)).collect());
        let (mut talks, mut topics) = (0, 0);
        for t in here.talks() {
            let key = day(t);
            let twin = twins
                .get(&key)
                .filter_map(|id| there.talk(crate::domain::TalkId(id)))
                .find(|o| o.title() == t.title() && o.date() == t.date());
            let missing = t
                .all_topics()
                .iter()
                .filter(|topic| {
                    !twin.is_some_and(|o| {
                        o.all_topics().iter().any(|x| {
                            x.text() == topic.text()
                                && asked(&names_there, x) == asked(&names_here, topic)
                                && x.history().starts_with(topic.history())
                        })
                    })
                })
                .count();
            talks += usize::from(twin.is_none());
            topics += missing;
        }
        Self {
            commitments_here: here.commitments().count(),
            commitments_there: there.commitments().count(),
            talks_here: here.talks().count(),
            talks_there: there.talks().count(),
            lost: Lost {
                people,
                commitments,
                talks,
                topics,
            },
        }
    }
}

/// The calendar file of open commitments (RFC 5545).
pub fn calendar(book: &Book, rules: &dyn ZoneRules, now: Instant) -> String {
    calendar::ics(book, rules, now)
}
