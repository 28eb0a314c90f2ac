//! One file per route.

pub mod commitment;
pub mod goal;
pub mod ledger;
pub mod not_found;
pub mod people;
pub mod person;
pub mod settings;
