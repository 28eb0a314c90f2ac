//! Troth: keep your word. A browser-only ledger of commitments.
//!
//! `domain` decides, `store` persists, `ui` shows (see ARCHITECTURE in the shared docs):
//! `domain` imports neither of the others, `store` imports `domain` only.

pub mod domain;
pub mod store;

pub mod ui;
