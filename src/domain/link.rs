//! Commitments travelling by link, both ways, with no server: what a link carries, and the
//! checks that make an answer count only for the request it answers.
//!
//! - A **request** (`#/ask/…`): the user asks the person they promised something to whether it
//!   is met. It holds only what that person needs to answer, and a [`Token`] of 128 random bits.
//! - A **reply** (`#/reply/…`): their answer, carrying the request's token. Without the token
//!   (so without having received the request) nobody can make one that is accepted.
//! - An **offer** (`#/offer/…`): a commitment the user made, for the other person's own Troth to
//!   keep as one promised to them.
//!
//! The JSON is gzipped by the browser (whose CRC-32 refuses a link altered on the way) and
//! written as base64url after `#`, which browsers never send to a server. Compressing is the
//! browser's job; checking what arrives is this module's.

use crate::domain::commitment::{note, text};
use crate::domain::person::clean_name;
use crate::domain::{
    Book, Commitment, CommitmentId, Direction, DomainError, Due, Entry, Instant, Status, Zone,
    ZoneRules,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The format of every link's JSON.
pub const LINK_VERSION: u32 = 1;
/// The longest payload accepted, in characters of the link (after the route).
pub const MAX_LINK_PAYLOAD: usize = 8_192;
/// The longest JSON accepted once decompressed.
pub const MAX_LINK_JSON: usize = 16 * 1024;

/// 128 random bits, written as 22 base64url characters. Made from bytes the browser's
/// `crypto.getRandomValues` gave, or read back from a link or storage.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Token(String);

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Token {
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        let bits = u128::from_be_bytes(bytes);
        // 22 characters of 6 bits: the first holds the top 2 bits (128 = 2 + 21 * 6).
        let text = (0..22)
            .map(|i| {
                let shift = 6 * (21 - i);
                char::from(BASE64URL[((bits >> shift) & 0x3f) as usize])
            })
            .collect();
        Self(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Tokens are secrets: they are never written into logs or messages whole.
impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({}…)", &self.0[..4])
    }
}

impl TryFrom<String> for Token {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        let valid = s.len() == 22
            && s.bytes().all(|b| BASE64URL.contains(&b))
            // The first character carries 2 bits only.
            && BASE64URL[..4].contains(&s.as_bytes()[0]);
        if valid {
            Ok(Self(s))
        } else {
            Err("not a Troth link token".into())
        }
    }
}

impl From<Token> for String {
    fn from(t: Token) -> Self {
        t.0
    }
}

/// What the other person answers when asked whether a commitment is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "a", rename_all = "lowercase")]
pub enum Answer {
    /// It is met; a note (how, or a word of thanks) is optional.
    Met {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Not yet: what is still missing (required).
    #[serde(rename = "notyet")]
    NotYet { missing: String },
}

/// A commitment as a link carries it: only what the other person needs, nothing else from the
/// ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    /// Who promised (the user who made the link), by the name they gave Troth.
    pub from: String,
    /// Whom it was promised to, by the name the user knows them by.
    pub to: String,
    pub what: String,
    pub due: Due,
    pub made: Instant,
    /// The commitment's thread: the same in every link about it, so a Troth that kept it once
    /// finds it again.
    pub thread: Token,
}

/// "Is this met?": the user asks the person they promised it to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub v: u32,
    pub token: Token,
    #[serde(flatten)]
    pub promise: Promise,
    /// When the user marked it done.
    pub done: Instant,
}

/// A commitment sent for the other person's Troth to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub v: u32,
    #[serde(flatten)]
    pub promise: Promise,
}

/// The other person's answer to a request, to bring back to the Troth that asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub v: u32,
    /// The request's token: the reply counts only where that request was made.
    pub token: Token,
    /// Who answers, as the request named them.
    pub by: String,
    pub what: String,
    #[serde(flatten)]
    pub answer: Answer,
    /// When they answered, by their clock.
    pub at: Instant,
}

/// Why a link cannot be opened, in words for the person who clicked it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("This link is too long to be a Troth link ({0} characters; at most {MAX_LINK_PAYLOAD}). Ask for it again.")]
    TooLong(usize),
    #[error(
        "This link is damaged: it was cut short or changed on the way, so Troth cannot trust \
         what it says. Ask for it again, and copy it whole."
    )]
    Damaged,
    #[error("This link was made by a newer version of Troth (format {0}). Reload to update, then open it again.")]
    Newer(u32),
    #[error("This link does not hold what Troth can read: {0}")]
    Invalid(String),
    /// Decompressed, it runs past [`MAX_LINK_JSON`]: stopped while reading, not after.
    #[error("This link holds more than a Troth link can: nothing of it was read.")]
    Overflow,
}

/// Checks the length and alphabet of a link's payload before anything is decoded.
pub fn check_payload(payload: &str) -> Result<(), LinkError> {
    let len = payload.chars().count();
    if len > MAX_LINK_PAYLOAD {
        Err(LinkError::TooLong(len))
    } else if payload.is_empty()
        || !payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Err(LinkError::Damaged)
    } else {
        Ok(())
    }
}

/// Reads decompressed link JSON of version [`LINK_VERSION`] or older.
fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, LinkError> {
    if json.len() > MAX_LINK_JSON {
        return Err(LinkError::TooLong(json.len()));
    }
    #[derive(Deserialize)]
    struct Version {
        v: u32,
    }
    let Version { v } = serde_json::from_str(json).map_err(|_| LinkError::Damaged)?;
    if v > LINK_VERSION {
        return Err(LinkError::Newer(v));
    }
    serde_json::from_str(json).map_err(|_| LinkError::Damaged)
}

fn write<T: Serialize>(value: &T) -> String {
    // Strings, numbers and tokens only: serializing cannot fail.
    serde_json::to_string(value).expect("plain data serializes")
}

fn invalid(e: DomainError) -> LinkError {
    LinkError::Invalid(e.to_string())
}

impl Promise {
    /// The commitment `id` of `book` as a link carries it, under `thread`; `None` for one that
    /// is not the user's own promise.
    fn of(book: &Book, id: CommitmentId, from: &str, thread: Token) -> Option<Self> {
        let c = book.commitment(id)?;
        (c.by() == Direction::Mine).then(|| Self {
            from: from.to_owned(),
            to: book.name_of(c.to()),
            what: c.what().to_owned(),
            due: c.due().clone(),
            made: c.made_at(),
            thread,
        })
    }

    /// Everything a Troth needs to keep it is there and within bounds.
    fn check(&self, rules: &dyn ZoneRules) -> Result<(), LinkError> {
        clean_name(&self.from).map_err(invalid)?;
        clean_name(&self.to).map_err(invalid)?;
        text(&self.what, DomainError::EmptyWhat).map_err(invalid)?;
        Zone::parse(rules, self.due.zone.name()).map_err(invalid)?;
        Ok(())
    }
}

impl Request {
    /// The request for commitment `id`, asked as `from` with `token`: only while it awaits
    /// acknowledgement. Its thread is the commitment's, or this token for the first link.
    pub fn of(book: &Book, id: CommitmentId, from: &str, token: Token) -> Option<Self> {
        let c = book.commitment(id)?;
        if c.status() != Status::AwaitingAck {
            return None;
        }
        let done = c.in_force().rev().find_map(|e| match e {
            Entry::Done { at } => Some(*at),
            _ => None,
        })?;
        let thread = c.thread().cloned().unwrap_or_else(|| token.clone());
        Some(Self {
            v: LINK_VERSION,
            token,
            promise: Promise::of(book, id, from, thread)?,
            done,
        })
    }

    pub fn to_json(&self) -> String {
        write(self)
    }

    pub fn from_json(json: &str, rules: &dyn ZoneRules) -> Result<Self, LinkError> {
        let r: Self = read(json)?;
        r.promise.check(rules)?;
        Ok(r)
    }

    /// The reply carrying `answer`, given at `at`.
    pub fn reply(&self, answer: Answer, at: Instant) -> Result<Reply, DomainError> {
        let answer = match answer {
            Answer::Met { note: n } => Answer::Met {
                note: note(n.as_deref())?,
            },
            Answer::NotYet { missing } => Answer::NotYet {
                missing: text(&missing, DomainError::EmptyMissing)?,
            },
        };
        Ok(Reply {
            v: LINK_VERSION,
            token: self.token.clone(),
            by: self.promise.to.clone(),
            what: self.promise.what.clone(),
            answer,
            at,
        })
    }
}

impl Offer {
    /// The offer of commitment `id`, made as `from`: only while it is open.
    pub fn of(book: &Book, id: CommitmentId, from: &str, token: Token) -> Option<Self> {
        let c = book.commitment(id)?;
        if c.status() != Status::Open {
            return None;
        }
        let thread = c.thread().cloned().unwrap_or(token);
        Some(Self {
            v: LINK_VERSION,
            promise: Promise::of(book, id, from, thread)?,
        })
    }

    pub fn to_json(&self) -> String {
        write(self)
    }

    pub fn from_json(json: &str, rules: &dyn ZoneRules) -> Result<Self, LinkError> {
        let o: Self = read(json)?;
        o.promise.check(rules)?;
        Ok(o)
    }
}

impl Reply {
    pub fn to_json(&self) -> String {
        write(self)
    }

    pub fn from_json(json: &str) -> Result<Self, LinkError> {
        let r: Self = read(json)?;
        clean_name(&r.by).map_err(invalid)?;
        text(&r.what, DomainError::EmptyWhat).map_err(invalid)?;
        match &r.answer {
            Answer::Met { note: n } => {
                note(n.as_deref()).map_err(invalid)?;
            }
            Answer::NotYet { missing } => {
                text(missing, DomainError::EmptyMissing).map_err(invalid)?;
            }
        }
        Ok(r)
    }
}

/// Why a reply is not recorded. Each says what happened; nothing is changed by any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No request here carries its token: made in another browser, or before a reset.
    Unknown,
    /// That request was answered already: when, and how.
    Answered { at: Instant, answer: Answer },
    /// A later request to the same person about the same commitment replaced it.
    Replaced { id: CommitmentId, asked: Instant },
    /// The commitment changed after the request (what happened, when): the answer was given
    /// about what it was before.
    Changed {
        id: CommitmentId,
        what: &'static str,
        at: Instant,
    },
}

/// Where a request made here stands: the commitment it was made on, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked {
    pub id: CommitmentId,
    pub at: Instant,
}

impl Book {
    /// The request made here with `token`, if there is one.
    pub fn asked(&self, token: &Token) -> Option<Asked> {
        self.commitments().find_map(|c| {
            c.history().iter().find_map(|e| match e {
                Entry::Asked { at, token: t } if t == token => Some(Asked {
                    id: c.id(),
                    at: *at,
                }),
                _ => None,
            })
        })
    }

    /// Whether `reply` may be recorded: it answers the latest request made here on a commitment
    /// that has not changed since. `Ok` names the commitment.
    pub fn check_reply(&self, token: &Token) -> Result<CommitmentId, Refusal> {
        let asked = self.asked(token).ok_or(Refusal::Unknown)?;
        let c = self
            .commitment(asked.id)
            .expect("asked() found it in this book");
        let id = c.id();
        // What the user took back does not count as a change since the request.
        let after: Vec<&Entry> = c
            .in_force()
            .skip_while(|e| !matches!(e, Entry::Asked { token: t, .. } if t == token))
            .skip(1)
            .collect();
        // Answered already; else moot: a later request says so first, then a renegotiation (the
        // due moment it answered about is gone), then the first change.
        if let Some(e) = after.iter().find(|e| e.reply() == Some(token)) {
            let answer = e.answer().expect("only an answer carries a reply");
            return Err(Refusal::Answered { at: e.at(), answer });
        }
        if let Some(e) = after
            .iter()
            .rev()
            .find(|e| matches!(e, Entry::Asked { .. }))
        {
            return Err(Refusal::Replaced { id, asked: e.at() });
        }
        let changed = after
            .iter()
            .find(|e| matches!(e, Entry::Renegotiated { .. }))
            .or_else(|| after.iter().find(|e| !matches!(e, Entry::Offered { .. })));
        match changed {
            Some(e) => Err(Refusal::Changed {
                id,
                what: e.kind(),
                at: e.at(),
            }),
            None => Ok(id),
        }
    }

    /// The answer given in this Troth to the request `token` and kept here with the commitment
    /// it was about (one promised to the user): `(that commitment, the answer)`.
    pub fn answered_here(&self, token: &Token) -> Option<(CommitmentId, Answer)> {
        self.commitments_by(Direction::Theirs).find_map(|c| {
            let e = c.history().iter().find(|e| e.reply() == Some(token))?;
            Some((c.id(), e.answer()?))
        })
    }

    /// The user's own commitment whose links carry `thread`, if this Troth made them.
    pub fn sent_from(&self, thread: &Token) -> Option<&Commitment> {
        self.commitments_by(Direction::Mine)
            .find(|c| c.thread() == Some(thread))
    }
}
