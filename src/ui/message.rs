//! What the page tells the user, in words: a message and its tone, and a file handed to them.

use crate::domain::Undo;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Problem,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
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

    pub fn id(&self) -> u64 {
        self.id
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

/// Puts `text` on the clipboard, once the browser says it did; `Err` says in words why not
/// (permission refused, no clipboard), for the page to show instead of "Copied".
pub async fn copy(text: &str) -> Result<(), &'static str> {
    let written = window().navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(written)
        .await
        .map(drop)
        .map_err(|_| "The browser did not let Troth copy it: select it and copy it yourself.")
}
