//! Someone the user makes commitments to.

use crate::domain::{DomainError, PersonId, Zone};
use serde::{Deserialize, Serialize};

/// Longest name accepted (characters).
pub const MAX_NAME: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    /// The zone their clock is in, to show them a due moment as they will read it; `None`
    /// until someone says it (people added because they asked a topic in a talk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    /// Removed from the lists, kept because commitments to them are history.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// A trimmed, non-empty name of bounded length.
pub fn clean_name(name: &str) -> Result<String, DomainError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = name.chars().count();
    if name.is_empty() {
        Err(DomainError::EmptyName)
    } else if len > MAX_NAME {
        Err(DomainError::TooLong { len, max: MAX_NAME })
    } else {
        Ok(name)
    }
}
