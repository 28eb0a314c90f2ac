//! A talk's topic list as it travels in a share link: only the title, the day, the topics and
//! the askers' names. No answers, no commitments, no time zones: the rest stays on this device.
//!
//! The link's fragment is `#/share/<base64url of deflate-raw of this JSON>`; compressing is the
//! browser's job (`CompressionStream`), checking what arrives is this module's.

use crate::domain::person::clean_name;
use crate::domain::talk::{MAX_TITLE, MAX_TOPIC, MAX_TOPICS};
use crate::domain::text::bounded;
use crate::domain::DomainError;
use serde::{Deserialize, Serialize};

/// The format of the shared JSON.
pub const SHARE_VERSION: u32 = 1;
/// The longest share payload accepted, in characters of the link (after `#/share/`).
pub const MAX_LINK: usize = 32_768;
/// The longest JSON accepted once decompressed.
pub const MAX_JSON: usize = 256 * 1024;
/// The most askers one shared topic may name. A talk made here has at most [`MAX_TOPICS`]
/// topics, each asked by one person when added, and merging them all into one gives
/// [`MAX_TOPICS`] askers: any talk Troth shares imports, and a forged one cannot add thousands.
pub const MAX_ASKERS_PER_TOPIC: usize = MAX_TOPICS;
/// The most people one import may add, for the same reason: a talk made here names at most
/// one asker per topic it ever listed (editing a topic's asker replaces it).
pub const MAX_NEW_PEOPLE_PER_IMPORT: usize = MAX_TOPICS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedTalk {
    pub v: u32,
    pub title: String,
    pub date: String,
    pub topics: Vec<SharedTopic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedTopic {
    pub text: String,
    pub askers: Vec<String>,
}

/// Why a share link cannot be opened, in words for the person who clicked it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    #[error("This link is too long to be a Troth talk ({0} characters; at most {MAX_LINK}).")]
    TooLong(usize),
    #[error(
        "This link is damaged: it may have been cut short when it was copied. Ask for it again."
    )]
    Damaged,
    #[error("This link was made by a newer version of Troth (format {0}). Reload to update, then open it again.")]
    Newer(u32),
    #[error("This link does not hold a talk Troth can read: {0}")]
    Invalid(String),
    /// Decompressed, it runs past [`MAX_JSON`]: stopped while reading, not after.
    #[error("This link holds more than a Troth link can: nothing of it was read.")]
    Overflow,
}

impl SharedTalk {
    pub fn to_json(&self) -> String {
        // Plain strings and vectors: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_else(|_| unreachable!("plain data serializes"))
    }

    /// Reads and checks decompressed link data. Everything a talk needs is checked here, so an
    /// accepted link always imports.
    pub fn from_json(json: &str) -> Result<Self, ShareError> {
        if json.len() > MAX_JSON {
            return Err(ShareError::TooLong(json.len()));
        }
        #[derive(Deserialize)]
        struct Version {
            v: u32,
        }
        let Version { v } = serde_json::from_str(json).map_err(|_| ShareError::Damaged)?;
        if v > SHARE_VERSION {
            return Err(ShareError::Newer(v));
        }
        let shared: Self = serde_json::from_str(json).map_err(|_| ShareError::Damaged)?;
        shared
            .check()
            .map_err(|e| ShareError::Invalid(e.to_string()))?;
        Ok(shared)
    }

    pub(crate) fn check(&self) -> Result<(), DomainError> {
        bounded(&self.title, MAX_TITLE, DomainError::EmptyTitle)?;
        crate::domain::parse_date_input(&self.date).ok_or(DomainError::NoTalkDate)?;
        if self.topics.len() > MAX_TOPICS {
            return Err(DomainError::TooManyTopics(MAX_TOPICS));
        }
        // Each name folded once: the same person in many topics counts once.
        let mut named = Vec::new();
        for t in &self.topics {
            bounded(&t.text, MAX_TOPIC, DomainError::EmptyTopic)?;
            if t.askers.is_empty() {
                return Err(DomainError::EmptyName);
            }
            if t.askers.len() > MAX_ASKERS_PER_TOPIC {
                return Err(DomainError::TooManyAskers {
                    len: t.askers.len(),
                    max: MAX_ASKERS_PER_TOPIC,
                });
            }
            for a in &t.askers {
                named.push((crate::domain::fold(&clean_name(a)?), 0));
            }
        }
        // Every name could be someone new here: more than an import may add is refused now,
        // before the preview offers to import it.
        let named = crate::domain::Index::new(named).keys();
        if named > MAX_NEW_PEOPLE_PER_IMPORT {
            return Err(DomainError::TooManyNewPeople {
                len: named,
                max: MAX_NEW_PEOPLE_PER_IMPORT,
            });
        }
        Ok(())
    }
}

/// Checks the length of a link's payload before anything is decoded.
pub fn check_link(payload: &str) -> Result<(), ShareError> {
    let len = payload.chars().count();
    if len > MAX_LINK {
        Err(ShareError::TooLong(len))
    } else if payload.is_empty()
        || !payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Err(ShareError::Damaged)
    } else {
        Ok(())
    }
}
