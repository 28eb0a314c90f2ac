//! The stored layout and its versions.
//!
//! One key per commitment, so saving a change writes that commitment and a revision number,
//! whatever the size of the book:
//!
//! | key               | value                                                      |
//! |-------------------|------------------------------------------------------------|
//! | `troth.meta`      | `{"schema":2,"people":[…],"next":[person, commitment, talk]}` |
//! | `troth.c.<id>`    | one commitment with its whole history                      |
//! | `troth.t.<id>`    | one talk with its topics and their histories (since 2)     |
//! | `troth.g.<id>`    | one goal with its history: versions, reviews (since 5)     |
//! | `troth.h.<id>`    | one raised hand with its history (since 5)                 |
//! | `troth.s.<id>`    | one success affirmed (since 5)                             |
//! | `troth.rev`       | the revision, bumped by every save (other tabs watch it)   |
//! | `troth.aside.…`   | unreadable data, kept aside untouched for the user to save |

use crate::domain::goal::Goal;
use crate::domain::hand::Hand;
use crate::domain::success::Success;
use crate::domain::talk::Talk;
use crate::domain::{Book, Commitment, DomainError, Held, Instant, Person, Touched};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The schema this build writes.
pub const CURRENT: u32 = 6;

pub const META: &str = "troth.meta";
pub const REV: &str = "troth.rev";
pub const ASIDE_PREFIX: &str = "troth.aside.";

/// A kind of record stored one per key, `<prefix><id>`, with its whole history.
pub trait Stored: Held + Serialize + DeserializeOwned {
    const PREFIX: &'static str;
    /// What one is called, in words.
    const NAME: &'static str;
    /// The ones of this kind a command changed.
    fn touched(touched: &Touched) -> &[Self::Id];
    /// Refuses a record with a step dated after `limit`.
    fn dated_by(&self, limit: Instant) -> Result<(), DomainError>;
}

/// Work done the same way for each kind of record (see [`for_each_kind`]).
pub trait EachKind {
    fn each<T: Stored>(&mut self);
}

macro_rules! stored {
    ($($kind:ty: $prefix:literal, $name:literal, $touched:ident;)*) => {
        $(impl Stored for $kind {
            const PREFIX: &'static str = $prefix;
            const NAME: &'static str = $name;
            fn touched(touched: &Touched) -> &[Self::Id] {
                &touched.$touched
            }
            fn dated_by(&self, limit: Instant) -> Result<(), DomainError> {
                self.check_dated_by(limit)
            }
        })*

        /// Does `work` for every kind of record stored one per key: the one list of them.
        pub fn for_each_kind(work: &mut impl EachKind) {
            $(work.each::<$kind>();)*
        }

        /// Whether `key` holds one record of the book.
        pub fn is_record(key: &str) -> bool {
            $(id_in(key, $prefix).is_some())||*
        }
    };
}

stored! {
    Commitment: "troth.c.", "commitment", commitments;
    Talk: "troth.t.", "talk", talks;
    Goal: "troth.g.", "goal", goals;
    Hand: "troth.h.", "raised hand", hands;
    Success: "troth.s.", "success", successes;
}

/// The key a record is stored under.
pub fn key<T: Stored>(id: T::Id) -> String {
    format!("{}{}", T::PREFIX, id.into())
}

/// The id in a record's key, if the key is one of that kind.
pub fn id<T: Stored>(key: &str) -> Option<T::Id> {
    id_in(key, T::PREFIX).map(Into::into)
}

/// The number after `prefix` in `key`, if the key is one of that kind.
fn id_in(key: &str, prefix: &str) -> Option<u64> {
    key.strip_prefix(prefix)?.parse().ok()
}

/// Where an unreadable value under `key` is kept.
pub fn aside_key(key: &str, unix_secs: i64) -> String {
    format!("{ASIDE_PREFIX}{unix_secs}.{key}")
}

/// The document-wide record: schema version, people, id counters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub schema: u32,
    pub people: Vec<Person>,
    /// The next person id, commitment id and talk id.
    #[serde(deserialize_with = "counters")]
    pub next: (u64, u64, u64),
    /// The user's own name, said in the links they send (since 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub me: Option<String>,
    /// The next goal id, raised-hand id and success id (since 5).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub next_trust: (u64, u64, u64),
}

fn is_zero(next: &(u64, u64, u64)) -> bool {
    *next == (0, 0, 0)
}

impl Meta {
    /// The meta record of `book`, in the current schema.
    pub fn of(book: &Book) -> Self {
        let next = book.next_ids();
        Self {
            schema: CURRENT,
            people: book.all_people().cloned().collect(),
            next: (next.person, next.commitment, next.talk),
            me: book.me().map(str::to_owned),
            next_trust: (next.goal, next.hand, next.success),
        }
    }
}

/// Why stored data could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    #[error("it is not valid JSON ({0})")]
    NotJson(String),
    #[error("it does not have the shape Troth stores ({0})")]
    Shape(String),
    #[error(
        "it was saved by a newer version of Troth (schema {0}; this one reads up to {CURRENT})"
    )]
    Newer(u32),
    #[error("it has no schema version")]
    NoVersion,
}

/// The id counters, person, commitment and talk: schema 1 had no talks, so no third.
fn counters<'de, D: serde::Deserializer<'de>>(d: D) -> Result<(u64, u64, u64), D::Error> {
    match Vec::<u64>::deserialize(d)?[..] {
        [person, commitment] => Ok((person, commitment, 0)),
        [person, commitment, talk] => Ok((person, commitment, talk)),
        _ => Err(serde::de::Error::custom(
            "its id counters are not two or three numbers",
        )),
    }
}

// What each schema changed, and how data of the one before is brought up to it. So far every
// change left stored records as they were, so a migration rewrites only the meta, with its
// version: read as this build reads it, written back as this build writes it.
// - 2 added talks: the id counters gain a third, for talks (read as 0 from 1, see `counters`).
// - 3 added what older builds cannot read, so they must not write over it: corrections in a
//   commitment's history, and people with no time zone yet.
// - 4 added both ways: commitments promised to the user (`by`, `origin`), links in a history
//   (asked, offered, answers that came by reply) and the user's own name.
// - 5 added growing trust over time: standing commitments (`kind`, and a broken one's `what` in
//   its `missed` entry), series made again (`series`), goals with their reviews
//   (`troth.g.<id>`), successes affirmed (`troth.s.<id>`), raised hands (`troth.h.<id>`), and
//   their id counters in the meta (`next_trust`, none until the first). Older builds would read
//   a standing commitment as one to deliver, drop those fields when writing it back, not see
//   the new records and could remove a person they name.
// - 6 added undo: an `undone` entry in a commitment's or a topic's history, which takes back
//   the entry above it. Older builds would refuse such a history (and set the record aside) or,
//   worse, a build that skipped it would count the step as in force.
// A change that must rewrite stored records adds its step here, with a fixture of the old
// version in `tests/fixtures/`.

/// Why a build refuses to save over data of schema `v`, newer than its own.
pub fn newer_version(v: u32) -> String {
    format!(
        "the saved data comes from a newer version of Troth (schema {v}). Reload the page to \
         get that version; nothing is changed until then"
    )
}

/// Only the version: read without reading the rest.
#[derive(Deserialize)]
struct Version {
    schema: Option<u64>,
}

/// The schema version of a raw meta value.
pub fn version_of(raw: &str) -> Result<u32, SchemaError> {
    let v: Version = serde_json::from_str(raw).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => SchemaError::Shape(e.to_string()),
        _ => SchemaError::NotJson(e.to_string()),
    })?;
    match v.schema {
        None | Some(0) => Err(SchemaError::NoVersion),
        Some(v) => Ok(u32::try_from(v).unwrap_or(u32::MAX)),
    }
}

/// Brings the raw meta of a past schema up to [`CURRENT`] (see above: no step so far changed
/// a stored record).
pub fn upgrade(from: u32, meta: &str) -> Result<String, SchemaError> {
    if from == 0 || from > CURRENT {
        return Err(SchemaError::Newer(from));
    }
    let mut meta = read_meta(meta)?;
    meta.schema = CURRENT;
    Ok(write(&meta))
}

pub fn read_meta(raw: &str) -> Result<Meta, SchemaError> {
    read(raw)
}

pub fn read<T: DeserializeOwned>(raw: &str) -> Result<T, SchemaError> {
    serde_json::from_str(raw).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => SchemaError::Shape(e.to_string()),
        _ => SchemaError::NotJson(e.to_string()),
    })
}

pub fn write<T: Serialize>(value: &T) -> String {
    // Serializing these plain data types to JSON cannot fail: no maps with non-string keys.
    serde_json::to_string(value).unwrap_or_else(|_| unreachable!("plain data serializes"))
}
