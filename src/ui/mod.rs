//! Leptos components: read derived signals, send Commands, hold no business rule.

pub mod chart;
pub mod keys;
pub mod on_stage;
pub mod route;
pub mod undo;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod focus;
#[cfg(target_arch = "wasm32")]
mod form;
#[cfg(target_arch = "wasm32")]
pub mod intl;
#[cfg(target_arch = "wasm32")]
mod linked;
#[cfg(target_arch = "wasm32")]
pub mod links;
#[cfg(target_arch = "wasm32")]
mod looks;
#[cfg(target_arch = "wasm32")]
mod message;
#[cfg(target_arch = "wasm32")]
mod news;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
pub mod parts;
#[cfg(target_arch = "wasm32")]
mod pwa;
#[cfg(target_arch = "wasm32")]
pub mod share_link;
#[cfg(target_arch = "wasm32")]
mod shell;
#[cfg(target_arch = "wasm32")]
mod talk;

#[cfg(target_arch = "wasm32")]
pub use parts::{BackupApp, LedgerApp, LinksApp, TalksApp};
