//! Commitments travelling by link, both ways, with no server: what a link carries, and the
//! checks that make an answer count only for the request it answers.
//!
//! - A **request** (`#/ask/…`): the user asks the person they promised something to whether it
//!   is met. It holds only what that person needs to answer, a random key and a random public
//!   id (each a [`Token`] of 128 bits).
//! - A **reply** (`#/reply/…`): their answer, naming the request by its id and signed with its
//!   key (HMAC-SHA-256), which it never carries. Whoever sees only the reply can send it again
//!   (refused: answered already) but cannot change it or make another; whoever sees the
//!   request can answer it, once: the request link is the capability.
//! - An **offer** (`#/offer/…`): a commitment the user made, for the other person's own Troth to
//!   keep as one promised to them.
//!
//! The JSON is gzipped by the browser (whose CRC-32 refuses a link damaged on the way, not one
//! changed on purpose) and written as base64url after `#`, which browsers never send to a
//! server. Compressed, not encrypted: anyone who sees a link can read it. Compressing is the
//! browser's job; checking what arrives is this module's.

use crate::domain::person::clean_name;
use crate::domain::text::{note, text};
use crate::domain::{DomainError, Due, Instant, Zone, ZoneRules};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The newest format of a link's JSON, the newest this build reads: 2 gives a request its
/// public id and a reply its signature. Offers, and replies to requests made before, stay 1,
/// which every build reads.
pub const LINK_VERSION: u32 = 2;
pub(crate) const UNSIGNED: u32 = 1;
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
    /// The request's key: its reply is signed with it and never carries it.
    pub token: Token,
    /// The request's public id, which its reply names; `None` in a link made before replies
    /// were signed, whose reply carries the key itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Token>,
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
    /// The request it answers, by its public id (by its key, for a request made before replies
    /// were signed): the reply counts only where that request was made.
    pub token: Token,
    /// Who answers, as the request named them.
    pub by: String,
    pub what: String,
    #[serde(flatten)]
    pub answer: Answer,
    /// When they answered, by their clock.
    pub at: Instant,
    /// HMAC-SHA-256 of [`Reply::signed`] under the request's key, its first 128 bits; `None`
    /// answering a request made before replies were signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<Token>,
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
    serde_json::to_string(value).unwrap_or_else(|_| unreachable!("plain data serializes"))
}

fn invalid(e: DomainError) -> LinkError {
    LinkError::Invalid(e.to_string())
}

impl Promise {
    /// Everything a Troth needs to keep it is there and within bounds; its words are cleaned
    /// as Troth keeps them (no reordering or invisible characters in a name).
    fn check(&mut self, rules: &dyn ZoneRules) -> Result<(), LinkError> {
        self.from = clean_name(&self.from).map_err(invalid)?;
        self.to = clean_name(&self.to).map_err(invalid)?;
        self.what = text(&self.what, DomainError::EmptyWhat).map_err(invalid)?;
        Zone::parse(rules, self.due.zone.name()).map_err(invalid)?;
        self.due.at.check_years("due moment").map_err(invalid)?;
        self.made
            .check_years("moment it was made")
            .map_err(invalid)?;
        Ok(())
    }
}

impl Request {
    /// The name its reply carries: its public id, or its key for a request made before.
    pub fn name(&self) -> &Token {
        self.id.as_ref().unwrap_or(&self.token)
    }

    pub fn to_json(&self) -> String {
        write(self)
    }

    pub fn from_json(json: &str, rules: &dyn ZoneRules) -> Result<Self, LinkError> {
        let mut r: Self = read(json)?;
        r.promise.check(rules)?;
        r.done.check_years("moment it was done").map_err(invalid)?;
        Ok(r)
    }

    /// The reply carrying `answer`, given at `at`: signed with the key, which it leaves out.
    pub fn reply(&self, answer: Answer, at: Instant) -> Result<Reply, DomainError> {
        let mut reply = Reply {
            v: UNSIGNED,
            token: self.name().clone(),
            by: self.promise.to.clone(),
            what: self.promise.what.clone(),
            answer: answer.clean()?,
            at,
            mac: None,
        };
        if self.id.is_some() {
            reply.v = LINK_VERSION;
            reply.mac = Some(reply.mac_with(&self.token));
        }
        Ok(reply)
    }
}

impl Offer {
    pub fn to_json(&self) -> String {
        write(self)
    }

    pub fn from_json(json: &str, rules: &dyn ZoneRules) -> Result<Self, LinkError> {
        let mut o: Self = read(json)?;
        o.promise.check(rules)?;
        Ok(o)
    }
}

impl Answer {
    /// The answer as it is recorded: words trimmed, a blank note none.
    pub(crate) fn clean(self) -> Result<Self, DomainError> {
        Ok(match self {
            Answer::Met { note: n } => Answer::Met {
                note: note(n.as_deref())?,
            },
            Answer::NotYet { missing } => Answer::NotYet {
                missing: text(&missing, DomainError::EmptyMissing)?,
            },
        })
    }
}

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`, written out over `sha2`: the `hmac`
/// crate's generic wrappers cost the links page more than these lines (README, "Links between
/// two people"). Checked against RFC 4231's test vectors.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut block = [0u8; 64];
    if key.len() > block.len() {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |with: u8| block.map(|b| b ^ with);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

impl Reply {
    /// What its signature covers, defined once: the request's name, who answers, about what,
    /// the answer and its words, and when; each part with its length, so that no two different
    /// replies have the same bytes.
    pub fn signed(&self) -> Vec<u8> {
        let (answer, words) = match &self.answer {
            Answer::Met { note: None } => ("met", ""),
            Answer::Met { note: Some(n) } => ("met with a note", n.as_str()),
            Answer::NotYet { missing } => ("not yet", missing.as_str()),
        };
        let at = self.at.unix().to_string();
        let mut bytes = b"troth reply 2".to_vec();
        for part in [
            self.token.as_str(),
            &self.by,
            &self.what,
            answer,
            words,
            &at,
        ] {
            bytes.extend((part.len() as u32).to_be_bytes());
            bytes.extend(part.as_bytes());
        }
        bytes
    }

    /// Its signature under the request's key `key`: the first 128 bits of HMAC-SHA-256.
    pub(crate) fn mac_with(&self, key: &Token) -> Token {
        let mac = hmac_sha256(key.as_str().as_bytes(), &self.signed());
        let mut first = [0; 16];
        first.copy_from_slice(&mac[..16]);
        Token::from_bytes(first)
    }

    pub fn to_json(&self) -> String {
        write(self)
    }

    pub fn from_json(json: &str) -> Result<Self, LinkError> {
        let mut r: Self = read(json)?;
        r.by = clean_name(&r.by).map_err(invalid)?;
        r.what = text(&r.what, DomainError::EmptyWhat).map_err(invalid)?;
        r.answer = match r.answer {
            Answer::Met { note: n } => Answer::Met {
                note: note(n.as_deref()).map_err(invalid)?,
            },
            Answer::NotYet { missing } => Answer::NotYet {
                missing: text(&missing, DomainError::EmptyMissing).map_err(invalid)?,
            },
        };
        r.at.check_years("moment of the answer").map_err(invalid)?;
        Ok(r)
    }
}
