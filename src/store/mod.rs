//! The only code that touches browser storage: schema, revisions, quota and corrupt data.
//!
//! The store works through [`Backend`], a small key-value interface: `localStorage` in the app
//! ([`local`]), an in-memory map in native tests ([`memory`]). Reading never overwrites what it
//! cannot read: such values are moved aside under `troth.aside.…` and reported.

pub mod memory;
pub mod prefs;
pub mod schema;
pub mod transfer;

#[cfg(target_arch = "wasm32")]
pub mod local;
#[cfg(target_arch = "wasm32")]
pub mod tabs;

use crate::domain::{Applied, Book, Command, DomainError, Instant, NextIds, Repair, Touched};
use schema::{EachKind, Meta, SchemaError, Stored, META};

/// How far past the reader's clock a stored moment may lie (a clock corrected backwards).
const CLOCK_GRACE_SECS: i64 = 24 * 3600;

/// Why a key-value write or read failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    /// The origin's storage quota is used up.
    Quota,
    /// Anything else the browser said, in its words.
    Other(String),
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Quota => f.write_str("its storage is full"),
            Self::Other(said) => f.write_str(said),
        }
    }
}

/// A key-value storage with string keys and values.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError>;
    fn remove(&self, key: &str) -> Result<(), BackendError>;
    fn keys(&self) -> Result<Vec<String>, BackendError>;
}

/// Several stores over one storage: the tabs of one browser, in native tests.
impl<B: Backend + ?Sized> Backend for std::rc::Rc<B> {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), BackendError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        (**self).keys()
    }
}

/// Something the user must be told about what was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Unreadable data, moved aside intact.
    SetAside {
        key: String,
        aside: String,
        why: SchemaError,
    },
    /// A stored book was mended instead of dropping anything.
    Repaired(Repair),
    /// Another tab had saved newer work; it was loaded before this change was applied.
    CaughtUp,
}

impl Notice {
    pub fn message(&self) -> String {
        match self {
            Self::SetAside { key, why, .. } => format!(
                "Some saved data ({key}) could not be read: {why}. It was kept aside unchanged \
                 — you can download it — and Troth started with everything else."
            ),
            Self::Repaired(Repair::MissingPerson(id)) => format!(
                "Something saved names someone missing from the saved people list; they are \
                 listed as “Person #{id}” so nothing is lost. You can rename them."
            ),
            Self::CaughtUp => {
                "Another tab had saved newer changes; Troth loaded them before saving yours.".into()
            }
        }
    }
}

/// How long a save waits for another tab to finish its own before it gives up ([`tabs`]).
/// A save takes milliseconds on a quiet machine, but on a busy one, with another tab saving
/// as fast as it can into a large book, a turn was seen to take over 10 seconds (so a wait of
/// 10 refused a few of a thousand saves that would have gone through). Only a tab that is
/// stuck (frozen, paused, or in a save that never ends) holds the lock for 30; the page says
/// it is waiting after a moment, so the wait is never silent.
pub const SAVE_PATIENCE_SECS: u64 = 30;

/// Why a change could not be saved. Whatever was saved before it stays intact.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error(
        "The browser's storage for Troth is full, so this change was not saved. Everything saved \
         before it is intact."
    )]
    Quota,
    #[error("Troth is not saving changes: {0}")]
    ReadOnly(String),
    #[error(
        "The browser refused to save this change ({0}). Everything saved before it is intact."
    )]
    Refused(String),
    #[error(
        "Another Troth tab has been saving for over {SAVE_PATIENCE_SECS} seconds, so this change \
         was not saved. Everything saved before it is intact."
    )]
    Busy,
}

impl From<BackendError> for StoreError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::Quota => Self::Quota,
            BackendError::Other(why) => Self::Refused(why),
        }
    }
}

/// Why a command did not take effect.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The change was made but could not be saved: `unsaved` is the book with it, for the user
    /// to export; what is stored is unchanged.
    #[error("{error}")]
    NotSaved {
        error: StoreError,
        unsaved: Box<Book>,
    },
}

/// What loading found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub book: Book,
    pub notices: Vec<Notice>,
}

/// The book's storage: one per tab.
pub struct Store<B> {
    backend: B,
    /// The revision this tab last read or wrote.
    rev: u64,
    /// Set when saving would overwrite something that could not be read or kept aside.
    read_only: Option<String>,
}

impl<B: Backend> Store<B> {
    pub fn new(backend: B) -> Self {
        Self {
            backend,
            rev: 0,
            read_only: None,
        }
    }

    /// The storage itself, for benchmarks and tests that read it raw.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Why the store refuses to save, if it does.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    fn stored_rev(&self) -> u64 {
        // A missing or garbled revision reads as 0: the next save writes a fresh one.
        self.backend
            .get(schema::REV)
            .ok()
            .flatten()
            .and_then(|r| r.trim().parse().ok())
            .unwrap_or(0)
    }

    /// Whether another tab saved since this one last read or wrote.
    pub fn is_stale(&self) -> bool {
        self.stored_rev() != self.rev
    }

    /// Reads the whole book. Never fails: what cannot be read is kept aside and reported.
    pub fn load(&mut self, now: Instant) -> Loaded {
        self.rev = self.stored_rev();
        self.read_only = None;
        let mut notices = Vec::new();

        let mut meta = match self.backend.get(schema::META) {
            Ok(meta) => meta,
            Err(e) => {
                self.read_only = Some(format!(
                    "the browser would not let Troth read its data ({e})"
                ));
                return Loaded::default();
            }
        };
        let records: Vec<(String, String)> = self
            .backend
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|key| schema::is_record(key))
            .filter_map(|key| Some((key.clone(), self.backend.get(&key).ok()??)))
            .collect();

        if let Some(raw) = meta.clone() {
            match schema::version_of(&raw) {
                Ok(v) if v > schema::CURRENT => {
                    self.read_only = Some(schema::newer_version(v));
                    return Loaded::default();
                }
                Ok(v) if v < schema::CURRENT => match schema::upgrade(v, &raw) {
                    Ok(upgraded) => {
                        self.write_back(&upgraded);
                        meta = Some(upgraded);
                    }
                    Err(why) => {
                        self.set_aside(schema::META, &raw, why, now, &mut notices);
                        meta = None;
                    }
                },
                Ok(_) => {}
                Err(why) => {
                    self.set_aside(schema::META, &raw, why, now, &mut notices);
                    meta = None;
                }
            }
        }
        let meta = meta.and_then(|raw| {
            schema::read_meta(&raw)
                .map_err(|why| self.set_aside(schema::META, &raw, why, now, &mut notices))
                .ok()
        });

        let Meta {
            people,
            next,
            me,
            next_trust,
            ..
        } = meta.unwrap_or(Meta {
            schema: schema::CURRENT,
            people: Vec::new(),
            next: (0, 0, 0),
            me: None,
            next_trust: (0, 0, 0),
        });
        let next = NextIds {
            person: next.0,
            commitment: next.1,
            talk: next.2,
            goal: next_trust.0,
            hand: next_trust.1,
            success: next_trust.2,
        };
        let mut read = Read {
            store: self,
            records,
            book: Book::counted(people, next).with_me(me),
            // Nothing stored can have happened after now (a day's grace for a clock put right).
            latest: now.plus_secs(CLOCK_GRACE_SECS),
            now,
            notices,
        };
        schema::for_each_kind(&mut read);
        let (book, repairs) = read.book.mended();
        let mut notices = read.notices;
        notices.extend(repairs.into_iter().map(Notice::Repaired));
        Loaded { book, notices }
    }

    /// Writes a migration back: the meta with its new version, then a new revision, so a tab
    /// still holding the old data knows to read it again before it saves.
    fn write_back(&mut self, meta: &str) {
        let rev = self.rev + 1;
        let written = (self.backend.set(META, meta))
            .and_then(|()| self.backend.set(schema::REV, &rev.to_string()));
        if written.is_ok() {
            self.rev = rev;
        } else {
            self.read_only = Some(
                "the saved data needs converting to this version's format and there is no room \
                 to write it; free some space and reload"
                    .into(),
            );
        }
    }

    /// Moves an unreadable value to an aside key. If even that cannot be written, the store
    /// stops saving rather than risk overwriting it.
    fn set_aside(
        &mut self,
        key: &str,
        raw: &str,
        why: SchemaError,
        now: Instant,
        notices: &mut Vec<Notice>,
    ) {
        let aside = schema::aside_key(key, now.unix());
        match self.backend.set(&aside, raw) {
            Ok(()) => {
                // The copy is safe; removing the original lets the key be written afresh.
                let _ = self.backend.remove(key);
            }
            Err(_) => {
                self.read_only = Some(format!(
                    "some saved data ({key}) could not be read, and there is no room to keep a \
                     copy aside, so Troth will not write over it. Download it, then free some space"
                ));
            }
        }
        notices.push(Notice::SetAside {
            key: key.to_owned(),
            aside,
            why,
        });
    }

    /// UTF-16 units used by Troth's keys and values: what counts against the browser's quota.
    pub fn used(&self) -> usize {
        self.backend
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| k.starts_with("troth."))
            .filter_map(|k| {
                let v = self.backend.get(&k).ok()??;
                Some(k.encode_utf16().count() + v.encode_utf16().count())
            })
            .sum()
    }

    /// The raw values kept aside, by key, for the user to download.
    pub fn aside(&self) -> Vec<(String, String)> {
        self.backend
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| k.starts_with(schema::ASIDE_PREFIX))
            .filter_map(|k| Some((k.clone(), self.backend.get(&k).ok()??)))
            .collect()
    }

    /// Applies `command` to `book` and saves what it changed. If another tab saved first, its
    /// work is loaded before the command is applied. If saving fails, `book` goes back to what
    /// is stored and the refused change comes back as [`CommitError::NotSaved`].
    pub fn commit(
        &mut self,
        book: &mut Book,
        command: Command,
        now: Instant,
    ) -> Result<(Applied, Vec<Notice>), CommitError> {
        let notices = self.catch_up(book, now)?;
        let applied = book.apply(command, now)?;
        if let Err(error) = self.save(book, &applied.touched) {
            let unsaved = std::mem::replace(book, self.load(now).book);
            return Err(CommitError::NotSaved {
                error,
                unsaved: Box::new(unsaved),
            });
        }
        Ok((applied, notices))
    }

    /// Before any write: loads another tab's newer work into `book`, and refuses if what is
    /// stored is not this build's to write (a newer version's data, or data that could not be
    /// kept aside). Checked after the catch-up too: the catch-up is what finds a newer version.
    fn catch_up(&mut self, book: &mut Book, now: Instant) -> Result<Vec<Notice>, StoreError> {
        let refused = |why: &str| StoreError::ReadOnly(why.to_owned());
        if let Some(why) = &self.read_only {
            return Err(refused(why));
        }
        let mut notices = Vec::new();
        if self.is_stale() {
            let loaded = self.load(now);
            if let Some(why) = &self.read_only {
                // Keep what the page shows: the stored data is not this build's to show either.
                return Err(refused(why));
            }
            *book = loaded.book;
            notices = loaded.notices;
            notices.push(Notice::CaughtUp);
        }
        // A newer version may have converted the data without moving the revision (older
        // builds did not): its schema, not the revision, says whose data it is.
        let stored = self.backend.get(schema::META).ok().flatten();
        match stored.and_then(|m| schema::version_of(&m).ok()) {
            Some(v) if v > schema::CURRENT => {
                let why = schema::newer_version(v);
                self.read_only = Some(why.clone());
                Err(StoreError::ReadOnly(why))
            }
            _ => Ok(notices),
        }
    }

    /// Brings in a backup's book, merged into `book` or replacing it, and saves the result
    /// whole or not at all. A stale tab catches up first, so a merge never drops another tab's
    /// work.
    pub fn import(
        &mut self,
        book: &mut Book,
        incoming: &Book,
        mode: transfer::Mode,
        now: Instant,
    ) -> Result<crate::domain::MergeReport, CommitError> {
        self.catch_up(book, now)?;
        let (next, report) = match mode {
            transfer::Mode::Merge => book.merged(incoming)?,
            transfer::Mode::Replace => (incoming.clone(), Default::default()),
        };
        let writes: Vec<(String, Option<String>)> = self
            .backend
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| schema::is_record(k))
            .map(|k| (k, None))
            .collect();
        let mut all = Writes {
            book: &next,
            touched: None,
            out: writes,
        };
        schema::for_each_kind(&mut all);
        let mut writes = all.out;
        // A key both removed and written is only written: the last entry for a key wins.
        let mut seen = std::collections::BTreeSet::new();
        writes.reverse();
        writes.retain(|(k, _)| seen.insert(k.clone()));
        writes.reverse();
        writes.push((
            schema::META.to_owned(),
            Some(schema::write(&Meta::of(&next))),
        ));
        match self.write_all(writes) {
            Ok(()) => {
                *book = next;
                Ok(report)
            }
            Err(error) => Err(CommitError::NotSaved {
                error,
                unsaved: Box::new(next),
            }),
        }
    }

    /// Writes the records `touched` names (a record the book no longer has is removed), then
    /// the new revision. All or nothing.
    fn save(&mut self, book: &Book, touched: &Touched) -> Result<(), StoreError> {
        let mut writes = Writes {
            book,
            touched: Some(touched),
            out: Vec::new(),
        };
        schema::for_each_kind(&mut writes);
        let mut writes = writes.out;
        // The meta last: it holds the id counters that the records above are numbered by.
        if touched.meta {
            writes.push((META.to_owned(), Some(schema::write(&Meta::of(book)))));
        }
        self.write_all(writes)
    }

    /// Writes each key (a `None` removes it), then the next revision. All or nothing: on a
    /// failed write, the keys already written get their old values back.
    fn write_all(&mut self, mut writes: Vec<(String, Option<String>)>) -> Result<(), StoreError> {
        let rev = self.rev + 1;
        writes.push((schema::REV.to_owned(), Some(rev.to_string())));
        let mut done: Vec<(&str, Option<String>)> = Vec::with_capacity(writes.len());
        for (key, value) in &writes {
            let before = self.backend.get(key).unwrap_or(None);
            let written = match value {
                Some(v) => self.backend.set(key, v),
                None => self.backend.remove(key),
            };
            if let Err(e) = written {
                for (key, before) in done.into_iter().rev() {
                    // Best effort: the old value fitted before, and the new one is smaller
                    // than what failed.
                    let _ = match before {
                        Some(v) => self.backend.set(key, &v),
                        None => self.backend.remove(key),
                    };
                }
                return Err(e.into());
            }
            done.push((key, before));
        }
        self.rev = rev;
        Ok(())
    }
}

/// Reads the stored records of each kind into a book, setting aside what cannot be read.
struct Read<'s, B: Backend> {
    store: &'s mut Store<B>,
    records: Vec<(String, String)>,
    book: Book,
    /// Nothing stored can have happened after this.
    latest: Instant,
    now: Instant,
    notices: Vec<Notice>,
}

impl<B: Backend> EachKind for Read<'_, B> {
    fn each<T: Stored>(&mut self) {
        let mut read: Vec<T> = Vec::new();
        for (key, raw) in &self.records {
            let Some(id) = schema::id::<T>(key) else {
                continue;
            };
            let record = schema::read::<T>(raw).and_then(|r| {
                r.dated_by(self.latest)
                    .map_err(|e| SchemaError::Shape(e.to_string()))?;
                // A record must hold what its key names, or a later save would write over
                // another.
                match r.key() == id {
                    true => Ok(r),
                    false => Err(SchemaError::Shape(format!(
                        "it holds {} {}",
                        T::NAME,
                        r.key().into()
                    ))),
                }
            });
            match record {
                Ok(r) => read.push(r),
                Err(why) => (self.store).set_aside(key, raw, why, self.now, &mut self.notices),
            }
        }
        self.book = std::mem::take(&mut self.book).with_read(read);
    }
}

/// The writes that store records of each kind: those a command touched, or (`None`) all.
struct Writes<'a> {
    book: &'a Book,
    touched: Option<&'a Touched>,
    out: Vec<(String, Option<String>)>,
}

impl EachKind for Writes<'_> {
    fn each<T: Stored>(&mut self) {
        let records = self.book.all::<T>();
        let value = |id| records.get(id).map(schema::write);
        match self.touched {
            Some(touched) => (self.out).extend(
                T::touched(touched)
                    .iter()
                    .map(|&id| (schema::key::<T>(id), value(id))),
            ),
            None => (self.out).extend(
                records
                    .values()
                    .map(|r| (schema::key::<T>(r.key()), Some(schema::write(r)))),
            ),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod integrity_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod transfer_tests;
