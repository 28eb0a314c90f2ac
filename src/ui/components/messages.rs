//! Messages at the top of the page: what happened, in words, until the user dismisses them.

use crate::domain::Undo;
use crate::ui::app::Troth;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Problem,
}

impl Tone {
    fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Problem => "problem",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    id: u64,
    tone: Tone,
    text: String,
    /// The change it reports, which its Undo button takes back while it is the last one.
    undo: Option<Undo>,
}

impl Message {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tone(&self) -> Tone {
        self.tone
    }

    pub fn new(tone: Tone, text: String) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Self {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            tone,
            text,
            undo: None,
        }
    }

    /// The same message, reporting a change its Undo button takes back.
    pub fn undoing(mut self, undo: Undo) -> Self {
        self.undo = Some(undo);
        self
    }

    /// The change its Undo button takes back, if any.
    pub fn undo(&self) -> Option<&Undo> {
        self.undo.as_ref()
    }

    /// Its element's id, to move focus to it.
    pub fn dom_id(&self) -> String {
        format!("troth-message-{}", self.id)
    }
}

/// Saves `text` as a file the user downloads, without leaving the page or the device.
pub fn download(name: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Key and value pairs written as one JSON object.
struct AsObject(Vec<(String, String)>);

impl serde::Serialize for AsObject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[component]
pub fn Messages() -> impl IntoView {
    let troth = Troth::get();
    // The message goes with its button: the keyboard's place moves to the page's content.
    let dismiss = move |id: u64| {
        troth.messages.update(|m| m.retain(|x| x.id != id));
        crate::ui::app::focus("#main");
    };
    let has_aside = move || troth.messages.with(|m| !m.is_empty()) && !troth.aside().is_empty();
    let save_aside = move |_| {
        // In key order, by the program's one sort (collecting into a map would add another).
        let mut aside = troth.aside();
        crate::domain::order::sort_by(&mut aside, |a, b| a.0.cmp(&b.0));
        let json = serde_json::to_string_pretty(&AsObject(aside)).unwrap_or_default();
        download("troth-unreadable-data.json", "application/json", &json);
    };
    view! {
        <section class="troth-messages" aria-label="Messages" aria-live="polite">
            {move || troth.messages.get().into_iter().map(|m| {
                // The Undo button shows while the change it reports is the last one made here.
                let undo = m.undo.clone();
                let last = move || undo.is_some() && troth.undo.with(|u| *u == undo);
                view! {
                    // Focusable from script: after a change with no next step to offer, or an undo,
                    // focus moves to the message saying so (`Troth::done`, `Troth::report`).
                    <p id=m.dom_id() tabindex="-1" class=format!("troth-message troth-message--{}", m.tone.as_str())
                       role=if m.tone == Tone::Problem { "alert" } else { "status" }>
                        <span>{m.text.clone()}</span>
                        <Show when=last>
                            <button type="button" class="troth-button troth-message__undo"
                                on:click=move |_| troth.take_back()>"Undo"</button>
                        </Show>
                        <button type="button" class="troth-button troth-button--quiet"
                            on:click=move |_| dismiss(m.id)>"Dismiss"</button>
                    </p>
                }
            }).collect_view()}
            <Show when=move || troth.update_ready.get()>
                <p class="troth-message" role="status">
                    <span>"A new version of Troth is ready."</span>
                    <button type="button" class="troth-button" on:click=|_| crate::ui::pwa::update()>"Reload"</button>
                </p>
            </Show>
            <Show when=move || troth.unsaved.with(Option::is_some)>
                <button type="button" class="troth-button" on:click=move |_| troth.export_unsaved()>
                    "Download a backup that includes the unsaved change"
                </button>
            </Show>
            <Show when=has_aside>
                <button type="button" class="troth-button" on:click=save_aside>
                    "Download the data kept aside"
                </button>
            </Show>
        </section>
    }
}
