//! What is on stage right now (the current topic, a blanked screen), shared live between the
//! presenter's window and the projector's through a `BroadcastChannel`. It is not data, so
//! nothing of it is saved; the talk itself syncs through storage like everything else. Also
//! what both windows share: the keys, full screen, and a clock for the elapsed time.

use crate::domain::talk::{TopicAction, TopicState};
use crate::domain::{Command, Instant, TalkId, TopicId};
use crate::ui::app::Troth;
use crate::ui::intl;
use crate::ui::keys::{stage_key, StageKey};
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
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
    /// Kept from when the stage was joined: key handlers run outside any reactive owner.
    troth: Troth,
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
            channel: StoredValue::new_local(BroadcastChannel::new(CHANNEL).ok()),
            troth,
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

    /// What `C` (covered) and `Y` (its asker confirms) do to the current topic, in either
    /// window: a clicker may be talking to the projector's.
    /// `then` gets the refusal, if there is one, in words.
    pub fn answer(&self, key: StageKey, then: impl FnOnce(Option<String>) + 'static) {
        let troth = self.troth;
        let Some(topic) = self.current.get_untracked() else {
            return then(None);
        };
        let talk = self.talk;
        let action = match key {
            StageKey::Cover => TopicAction::Cover,
            StageKey::Confirm => {
                let state = troth
                    .book
                    .with_untracked(|b| Some(b.talk(talk)?.topic(topic)?.state()));
                match state {
                    Some(TopicState::Covered { waiting }) => {
                        TopicAction::Confirm { by: waiting[0] }
                    }
                    _ => {
                        return then(Some(
                            "Mark the topic covered first (C); then its asker can confirm it."
                                .into(),
                        ))
                    }
                }
            }
            _ => return then(None),
        };
        troth.run(
            Command::Topic {
                talk,
                topic,
                action,
            },
            move |r| then(r.err()),
        );
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

/// Handles the keys both windows share (move, blank, full screen, help) and passes the others
/// to `more`. Keys typed into a field stay in the field.
pub fn stage_keys(stage: Stage, help: RwSignal<bool>, more: impl Fn(StageKey) + 'static) {
    let troth = Troth::get();
    let handle = window_event_listener(leptos::ev::keydown, move |e| {
        if e.ctrl_key() || e.meta_key() || e.default_prevented() {
            return;
        }
        let Some(key) = stage_key(&e.key(), e.alt_key()) else {
            return;
        };
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let tag = target.map(|t| t.tag_name()).unwrap_or_default();
        let typing = matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT");
        // Space and arrows keep their meaning on a focused button, link or disclosure.
        let pressing = matches!(tag.as_str(), "BUTTON" | "A" | "SUMMARY") && e.key() == " ";
        if (typing && key != StageKey::Escape) || pressing {
            return;
        }
        e.prevent_default();
        let step = |by: isize| {
            let from = stage.current.get_untracked();
            let to = troth
                .book
                .with_untracked(|b| b.talk(stage.talk).and_then(|t| t.step_from(from, by)));
            stage.go(to);
        };
        match key {
            StageKey::Next => step(1),
            StageKey::Previous => step(-1),
            StageKey::Blank => stage.set_blank(!stage.blank.get_untracked()),
            StageKey::Fullscreen => toggle_fullscreen(),
            StageKey::Help => help.update(|h| *h = !*h),
            StageKey::Escape => {
                if help.get_untracked() {
                    help.set(false);
                } else if stage.blank.get_untracked() {
                    stage.set_blank(false);
                } else if typing {
                    if let Some(el) = document().active_element() {
                        let _ = el.unchecked_into::<web_sys::HtmlElement>().blur();
                    }
                }
            }
            other => more(other),
        }
    });
    on_cleanup(move || handle.remove());
}
