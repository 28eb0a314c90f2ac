//! This browser's preferences: how Troth looks here (light, dark or as the system says; the
//! projector dark or bright). They belong to the device, not to the book: never exported,
//! never merged, each under its own key beside the book's (`troth.theme`, `troth.stage`).
//!
//! The page must look right before any WASM runs, or a dark page would flash white first:
//! `prefs.js`, inlined into each page's `<head>` by Trunk, reads the same keys and sets
//! `data-theme` and `data-stage` on `<html>`, which the style sheets follow. Once running, the
//! app reads and writes them here, and sets the same attributes ([`Theme::attr`]).

use super::{Backend, StoreError};

/// The page's colours, as the user chose them.
pub const THEME: &str = "troth.theme";
/// The projector's colours, as the presenter chose them.
pub const STAGE: &str = "troth.stage";

/// Light or dark pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// As the system says (`prefers-color-scheme`), following it when it changes.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// Every choice, in the order the page offers them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored word, and the value of `<html data-theme>` (none for the system's).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Self::System => None,
            Self::Light => Some("light"),
            Self::Dark => Some("dark"),
        }
    }

    /// What was stored; anything else (nothing, or a word this build does not know) is the
    /// system's choice.
    pub fn read(stored: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|t| t.attr().is_some() && t.attr() == stored)
            .unwrap_or_default()
    }
}

/// The projector's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StageTheme {
    /// Light on black, for a dark room: the projector's own high contrast.
    #[default]
    Dark,
    /// Dark on white, for a bright room where a black screen washes out grey.
    Bright,
}

impl StageTheme {
    /// The stored word, and the value of `<html data-stage>` (none for the default).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Self::Dark => None,
            Self::Bright => Some("bright"),
        }
    }

    pub fn read(stored: Option<&str>) -> Self {
        if stored == Self::Bright.attr() {
            Self::Bright
        } else {
            Self::Dark
        }
    }

    /// The other one: what the projector's key switches to.
    pub fn toggled(self) -> Self {
        match self {
            Self::Dark => Self::Bright,
            Self::Bright => Self::Dark,
        }
    }
}

/// The stored value of `key`; a storage that cannot be read reads as nothing stored.
fn stored(backend: &impl Backend, key: &str) -> Option<String> {
    backend.get(key).ok().flatten()
}

/// Stores `word` under `key`, or removes the key for the default (nothing left behind).
fn store(backend: &impl Backend, key: &str, word: Option<&str>) -> Result<(), StoreError> {
    match word {
        Some(word) => backend.set(key, word)?,
        None => backend.remove(key)?,
    }
    Ok(())
}

pub fn theme(backend: &impl Backend) -> Theme {
    Theme::read(stored(backend, THEME).as_deref())
}

pub fn set_theme(backend: &impl Backend, theme: Theme) -> Result<(), StoreError> {
    store(backend, THEME, theme.attr())
}

pub fn stage(backend: &impl Backend) -> StageTheme {
    StageTheme::read(stored(backend, STAGE).as_deref())
}

pub fn set_stage(backend: &impl Backend, stage: StageTheme) -> Result<(), StoreError> {
    store(backend, STAGE, stage.attr())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::store::memory::Memory;

    #[test]
    fn a_theme_chosen_is_read_back_and_the_system_leaves_nothing_stored() {
        let m = Memory::default();
        assert_eq!(theme(&m), Theme::System);
        for t in Theme::ALL {
            set_theme(&m, t).unwrap();
            assert_eq!(theme(&m), t);
        }
        set_theme(&m, Theme::System).unwrap();
        assert!(m.snapshot().is_empty(), "{:?}", m.snapshot());
    }

    #[test]
    fn the_projector_theme_toggles_and_is_read_back() {
        let m = Memory::default();
        assert_eq!(stage(&m), StageTheme::Dark);
        set_stage(&m, stage(&m).toggled()).unwrap();
        assert_eq!(stage(&m), StageTheme::Bright);
        assert_eq!(m.snapshot().get(STAGE).map(String::as_str), Some("bright"));
        set_stage(&m, stage(&m).toggled()).unwrap();
        assert_eq!(stage(&m), StageTheme::Dark);
        assert!(m.snapshot().is_empty());
    }

    #[test]
    fn an_unknown_or_garbled_word_falls_back_to_the_default() {
        let m = Memory::default();
        for junk in ["", "Dark", "sepia", "{\"x\":1}"] {
            m.set(THEME, junk).unwrap();
            m.set(STAGE, junk).unwrap();
            assert_eq!(theme(&m), Theme::System, "{junk:?}");
            assert_eq!(stage(&m), StageTheme::Dark, "{junk:?}");
        }
    }

    #[test]
    fn a_full_storage_is_reported_and_the_old_choice_stays() {
        let m = Memory::default();
        set_theme(&m, Theme::Dark).unwrap();
        m.fail_at.set(Some(1));
        assert_eq!(set_theme(&m, Theme::Light), Err(StoreError::Quota));
        assert_eq!(theme(&m), Theme::Dark);
    }

    /// The script that sets the attributes before the first paint reads the same keys and
    /// knows the same words as this module.
    #[test]
    fn the_early_script_reads_the_same_keys_and_words() {
        let js = include_str!("prefs.js");
        for word in [
            THEME,
            STAGE,
            "light",
            "dark",
            "bright",
            "data-theme",
            "data-stage",
        ] {
            assert!(js.contains(word), "prefs.js does not name {word}");
        }
        let every = [
            Theme::Light.attr(),
            Theme::Dark.attr(),
            StageTheme::Bright.attr(),
        ];
        assert!(every.iter().all(Option::is_some));
    }
}
