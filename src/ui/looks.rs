//! How pages look in this browser: light or dark, and the projector's colours. Chosen here,
//! remembered for every tab.

use crate::store::local::Local;
use crate::store::prefs::{self, StageTheme, Theme};
use crate::store::StoreError;
use crate::ui::message::Tone;
use crate::ui::news::News;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Looks {
    /// Light or dark pages (`store::prefs`; set on `<html>`).
    pub theme: RwSignal<Theme>,
    /// The projector's colours (its `L` key).
    pub stage_theme: RwSignal<StageTheme>,
}

impl Looks {
    /// The colours as remembered in this browser.
    pub fn new() -> Self {
        Self {
            theme: RwSignal::new(prefs::theme(&Local)),
            stage_theme: RwSignal::new(prefs::stage(&Local)),
        }
    }

    /// Shows pages in `theme` from now on, in every tab, and remembers it in this browser;
    /// `news` says so if it cannot be remembered.
    pub fn choose_theme(&self, theme: Theme, news: &News) {
        self.theme.set(theme);
        let saved = prefs::set_theme(&Local, theme);
        not_remembered(news, saved, "The colours");
    }

    /// Switches the projector's colours (dark room, bright room), and remembers them.
    pub fn toggle_stage_theme(&self, news: &News) {
        let stage = self.stage_theme.get_untracked().toggled();
        self.stage_theme.set(stage);
        let saved = prefs::set_stage(&Local, stage);
        not_remembered(news, saved, "The projector's colours");
    }

    /// Reads them again if another tab chose others (`key` changed; `None`: storage cleared).
    pub fn other_tab_saved(&self, key: Option<&str>) {
        if key.is_none_or(|k| k == prefs::THEME || k == prefs::STAGE) {
            self.theme.set(prefs::theme(&Local));
            self.stage_theme.set(prefs::stage(&Local));
        }
    }
}

/// Says when a preference applies here but could not be stored for next time.
fn not_remembered(news: &News, saved: Result<(), StoreError>, what: &str) {
    if let Err(e) = saved {
        let why = match e {
            StoreError::Quota => "the browser's storage for Troth is full".to_owned(),
            StoreError::ReadOnly(why) | StoreError::Refused(why) => why,
            // Preferences are written without the save lock.
            StoreError::Busy => "another Troth tab is saving".to_owned(),
        };
        news.say(
            Tone::Problem,
            format!("{what} changed here, but Troth cannot remember them next time: {why}."),
        );
    }
}
