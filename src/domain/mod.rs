//! Pure Rust: every rule of the product. No Leptos, no web-sys, no clock: time is a parameter
//! and zone arithmetic comes in through [`ZoneRules`].

pub mod agenda;
mod book;
pub mod calendar;
pub mod chart;
mod commitment;
mod error;
pub mod goal;
pub mod growth;
pub mod hand;
mod history;
mod ids;
pub mod ledger;
pub mod link;
mod moment;
pub mod order;
mod person;
pub mod quick;
mod record;
pub(crate) mod records;
pub mod sample;
pub mod share;
pub mod success;
pub mod summary;
pub mod talk;
mod text;

pub use book::{
    Applied, Asked, Book, Change, Checked, Command, Held, MergeReport, NextIds, Recipient, Refusal,
    Repair, Settle, Touched, TrustCommand, Undo, Undone,
};
pub use commitment::{
    Action, Commitment, Direction, Entry, Kind, LinkToSend, OpenSteps, Outcome, Status, Timing,
    CORRECTION_SECS,
};
pub use error::DomainError;
pub use history::{History, Step};
pub use ids::{CommitmentId, GoalId, HandId, PersonId, SuccessId, TalkId, TopicId};
pub use moment::{
    check_draft, day_time_in, describe_due, parse_date_input, parse_time_input, relative,
    resolve_local, span, vague_phrases, DateFormat, Due, DueDraft, Instant, LocalTime, Vagueness,
    Zone, ZoneRules, EARLIEST, LATEST,
};
pub use person::{clean_name, Person, MAX_NAME};
pub use record::{Standing, TrackRecord};
#[cfg(test)]
pub use text::folds;
pub use text::{fold, install_fold, key, nfc, skeleton, CaseFold, Index, MAX_TEXT};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
