//! Messages at the top of the page: what happened, in words, until the user dismisses them.

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
        }
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
        let aside: std::collections::BTreeMap<String, String> = troth.aside().into_iter().collect();
        let json = serde_json::to_string_pretty(&aside).unwrap_or_default();
        download("troth-unreadable-data.json", "application/json", &json);
    };
    view! {
        <section class="troth-messages" aria-label="Messages" aria-live="polite">
            {move || troth.messages.get().into_iter().map(|m| view! {
                // Focusable from script: after a change, focus comes here when the page has
                // no next step to offer (`Troth::done`).
                <p class=format!("troth-message troth-message--{}", m.tone.as_str()) tabindex="-1"
                   role=if m.tone == Tone::Problem { "alert" } else { "status" }>
                    <span>{m.text.clone()}</span>
                    <button type="button" class="troth-button troth-button--quiet"
                        on:click=move |_| dismiss(m.id)>"Dismiss"</button>
                </p>
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
