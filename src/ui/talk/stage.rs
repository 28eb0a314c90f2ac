//! What is on stage right now (the current topic, a blanked screen), shared live between the
//! presenter's window and the projector's through a `BroadcastChannel`: a thin adapter. It is
//! not data, so nothing of it is saved; the talk itself syncs through storage like everything
//! else. What a key does is decided by `on_stage::on_key`; here it is only listened for and
//! carried out. Also: full screen, and a clock for the elapsed time.

use crate::domain::{Instant, TalkId, TopicId};
use crate::ui::app::Troth;
use crate::ui::focus::focus;
use crate::ui::intl;
use crate::ui::keys::{stage_key, StageKey};
use crate::ui::on_stage::{focus_of, on_key, Field, Focus, Shown, Then, Window};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "troth-stage";

/// What one window tells the others.
#[derive(Serialize, Deserialize)]
#[serde(tag = "cue", rename_all = "lowercase")]
enum Cue {
    /// A window just opened this talk: whoever has it open answers with the stage.
    Hello { talk: TalkId },
    State {
        talk: TalkId,
        current: Option<TopicId>,
        blank: bool,
    },
}

/// The stage of one talk in this window. Copy: every field is a handle.
#[derive(Clone, Copy)]
pub struct Stage {
    pub talk: TalkId,
    pub current: RwSignal<Option<TopicId>>,
    pub blank: RwSignal<bool>,
    /// This window's own: the keys overlay is open (not told to the other window).
    pub help: RwSignal<bool>,
    /// This window's own: the console asks whether to restart the running clock.
    pub restart: RwSignal<bool>,
    /// Taken when the stage is joined: keys arrive outside any component, where there is no
    /// context to look it up in.
    troth: Troth,
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
}

impl Stage {
    /// Joins the talk's stage, at its first topic not settled until another window says where
    /// it stands; answers the windows that join later. The channel closes with the page.
    pub fn join(talk: TalkId) -> Self {
        let troth = Troth::get();
        let start = troth
            .book
            .with_untracked(|b| b.talk(talk).and_then(|t| t.first_unsettled()));
        let stage = Self {
            talk,
            current: RwSignal::new(start),
            blank: RwSignal::new(false),
            help: RwSignal::new(false),
            restart: RwSignal::new(false),
            troth,
            channel: StoredValue::new_local(BroadcastChannel::new(CHANNEL).ok()),
        };
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(text) = e.data().as_string() else {
                return;
            };
            match serde_json::from_str(&text) {
                Ok(Cue::Hello { talk: t }) if t == talk => stage.tell(),
                Ok(Cue::State {
                    talk: t,
                    current,
                    blank,
                }) if t == talk => {
                    stage.current.set(current);
                    stage.blank.set(blank);
                }
                _ => {}
            }
        });
        stage.channel.with_value(|c| {
            if let Some(c) = c {
                c.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            }
        });
        let on_message = StoredValue::new_local(Some(on_message));
        on_cleanup(move || {
            stage.channel.with_value(|c| {
                if let Some(c) = c {
                    c.set_onmessage(None);
                    c.close();
                }
            });
            on_message.set_value(None);
        });
        stage.post(&Cue::Hello { talk });
        stage
    }

    fn post(&self, cue: &Cue) {
        let text = serde_json::to_string(cue).unwrap_or_default();
        self.channel.try_with_value(|c| {
            if let Some(c) = c {
                let _ = c.post_message(&JsValue::from_str(&text));
            }
        });
    }

    /// Tells the other windows where this one stands.
    fn tell(&self) {
        // After a save, the console may already be gone: then there is nobody to tell.
        let (Some(current), Some(blank)) = (
            self.current.try_get_untracked(),
            self.blank.try_get_untracked(),
        ) else {
            return;
        };
        self.post(&Cue::State {
            talk: self.talk,
            current,
            blank,
        });
    }

    pub fn go(&self, topic: Option<TopicId>) {
        self.current.set(topic);
        self.tell();
    }

    pub fn set_blank(&self, blank: bool) {
        self.blank.set(blank);
        self.tell();
    }

    fn shown(&self) -> Shown {
        Shown {
            current: self.current.get_untracked(),
            blank: self.blank.get_untracked(),
            help: self.help.get_untracked(),
            restart: self.restart.get_untracked(),
        }
    }

    /// Shows `next`, telling the other window when what they share changed.
    fn show(&self, next: Shown) {
        let was = self.shown();
        if next.help != was.help {
            self.help.set(next.help);
        }
        if next.restart != was.restart {
            self.restart.set(next.restart);
        }
        if (next.current, next.blank) != (was.current, was.blank) {
            self.current.set(next.current);
            self.blank.set(next.blank);
            self.tell();
        }
    }
}

/// Now, once a second, for a talk's clock.
pub fn use_clock() -> RwSignal<Instant> {
    let clock = RwSignal::new(intl::now());
    let tick =
        set_interval_with_handle(move || clock.set(intl::now()), Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(t) = tick {
            t.clear();
        }
    });
    clock
}

pub fn toggle_fullscreen() {
    let doc = document();
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(root) = doc.document_element() {
        let _ = root.request_fullscreen();
    }
}

/// Does what [`on_key`] answers for `key` (landing `at` the focus) in this window: moves the stage (and tells the other
/// window), saves a change, or says in `refused` why a key did nothing (`None` when a change
/// went through). False when the key is not for the stage: it keeps its usual meaning.
pub fn press(
    stage: Stage,
    key: StageKey,
    window: Window,
    at: Focus,
    refused: Callback<Option<String>>,
) -> bool {
    let troth = stage.troth;
    let shown = stage.shown();
    let Some((next, then)) = troth.book.with_untracked(|b| {
        b.talk(stage.talk)
            .map(|t| on_key(shown, key, t, window, at))
    }) else {
        return false;
    };
    stage.show(next);
    match then {
        Then::Pass => return false,
        Then::Nothing => {}
        Then::Run(command) => troth.run(command, move |r| {
            refused.run(r.err().map(|e| e.to_string()))
        }),
        Then::Refuse(why) => refused.run(Some(why.to_owned())),
        Then::FullScreen => toggle_fullscreen(),
        Then::Colours => troth.page.looks.toggle_stage_theme(&troth.news),
        Then::Blur => {
            if let Some(el) = document().active_element() {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().blur();
            }
        }
        Then::Focus(field) => {
            focus(match field {
                Field::Topic => "#topic-line",
                Field::Missing => "#notyet-missing",
                Field::Defer => "#defer-what",
            });
        }
    }
    true
}

/// Listens for the stage's keys in this window and [`press`]es them. Keys a focused field or
/// button takes stay there.
pub fn stage_keys(stage: Stage, window: Window, refused: Callback<Option<String>>) {
    let handle = window_event_listener(leptos::ev::keydown, move |e| {
        if e.ctrl_key() || e.meta_key() || e.default_prevented() {
            return;
        }
        let Some(key) = stage_key(&e.key(), e.alt_key()) else {
            return;
        };
        let tag = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|t| t.tag_name())
            .unwrap_or_default();
        if press(stage, key, window, focus_of(&tag, &e.key()), refused) {
            e.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}
