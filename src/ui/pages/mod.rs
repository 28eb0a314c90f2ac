//! One file per route.

pub mod commitment;
pub mod ledger;
pub mod not_found;
pub mod people;
pub mod person;
pub mod present;
pub mod project;
pub mod settings;
pub mod share;
pub mod summary;
pub mod talks;
