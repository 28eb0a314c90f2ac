//! Someone the user makes commitments to.

use crate::domain::text::{checked, Kind};
use crate::domain::{DomainError, PersonId, Zone};
use serde::{Deserialize, Deserializer, Serialize};

/// Longest name accepted (characters).
pub const MAX_NAME: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    #[serde(deserialize_with = "read_name")]
    pub name: String,
    /// The zone their clock is in, to show them a due moment as they will read it; `None`
    /// until someone says it (people added because they asked a topic in a talk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    /// Removed from the lists, kept because commitments to them are history.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// A cleaned (see [`crate::domain::text`]: no invisible or reordering characters, NFC, single
/// spaces), non-empty name of bounded length.
pub fn clean_name(name: &str) -> Result<String, DomainError> {
    checked(name, Kind::Name, MAX_NAME, DomainError::EmptyName)
}

/// A stored name, read cleaned (older builds kept invisible and reordering characters), or as
/// it was stored where cleaning would refuse it, so nobody is lost.
fn read_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let stored = String::deserialize(d)?;
    Ok(clean_name(&stored).unwrap_or(stored))
}
