//! What the page tells the user: messages at the top, the Undo button of the last change, a
//! change that could not be saved (kept for them to download), and a new version waiting.

use crate::domain::{Book, Undo};
use crate::store::transfer::Backup;
use crate::store::Notice;
use crate::ui::focus::{after_change, focus, moved_since_acting};
use crate::ui::intl;
use crate::ui::message::{download, Message, Tone};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct News {
    pub messages: RwSignal<Vec<Message>>,
    /// How to take back the last change made in this page, while it is the last: the Undo
    /// button of the message reporting it, and Ctrl+Z / Cmd+Z. Any other change replaces it.
    pub undo: RwSignal<Option<Undo>>,
    /// The change just made can be undone, and the page may yet say it in its own words
    /// ([`News::done`]): the next message of its kind carries the Undo button.
    undo_unsaid: StoredValue<bool>,
    /// The book with the last change that could not be saved, for the user to download.
    pub unsaved: RwSignal<Option<Book>>,
    /// A new build is installed and waits for the user to reload.
    pub update_ready: RwSignal<bool>,
}

impl News {
    pub fn new() -> Self {
        Self {
            messages: RwSignal::new(Vec::new()),
            undo: RwSignal::new(None),
            undo_unsaid: StoredValue::new(false),
            unsaved: RwSignal::new(None),
            update_ready: RwSignal::new(false),
        }
    }

    /// Shows a message, once: the same words already on screen are not repeated, and a new
    /// piece of news replaces the last (problems stay until dismissed).
    pub fn say(&self, tone: Tone, text: String) {
        self.say_message(Message::new(tone, text));
    }

    /// Shows a message as [`News::say`] does; returns the id of the element that shows it.
    pub fn say_message(&self, mut message: Message) -> String {
        // A page's own words for the change just made replace the generic report, and keep
        // its Undo button.
        if message.tone() == Tone::Info && message.undo().is_none() {
            if let Some(u) = (self.undo_unsaid.get_value())
                .then(|| self.undo.get_untracked())
                .flatten()
            {
                message = message.undoing(u);
            }
        }
        self.undo_unsaid.set_value(false);
        let mut id = message.dom_id();
        self.messages.update(|m| {
            if message.tone() == Tone::Info {
                m.retain(|x| x.tone() == Tone::Problem);
            }
            let same = (m.iter())
                .find(|x| x.text() == message.text())
                .map(Message::dom_id);
            match same {
                Some(same) => id = same,
                None => m.push(message),
            }
        });
        id
    }

    /// Says what storage reported on reading or saving.
    pub fn tell(&self, notices: &[Notice]) {
        for n in notices {
            let tone = match n {
                Notice::CaughtUp => Tone::Info,
                _ => Tone::Problem,
            };
            self.say(tone, n.message());
        }
    }

    /// Tells what a change to `book` did when it can be undone (with the Undo button), or
    /// that an undo took effect (and moves focus to that message: the button that was
    /// pressed is gone).
    pub fn report(&self, book: &Book, undoing: Option<Undo>, undo: Option<Undo>) {
        self.undo.set(undo.clone());
        self.undo_unsaid.set_value(false);
        if let Some(u) = undo {
            let text = crate::ui::undo::reported(book, &u);
            self.say_message(Message::new(Tone::Info, text).undoing(u));
            self.undo_unsaid.set_value(true);
        } else if let Some(u) = undoing {
            let text = crate::ui::undo::undone(book, &u);
            self.said_here(Message::new(Tone::Info, text));
        }
    }

    /// Shows `message` and moves focus to it.
    pub fn said_here(&self, message: Message) {
        let id = self.say_message(message);
        request_animation_frame(move || {
            after_change(&format!("#{id}"));
        });
    }

    /// Says in words what a change did, and moves keyboard focus where the user goes next:
    /// to `next` (a selector, the step that follows) once the page has redrawn, or — where
    /// there is none — to the message itself. Either way a screen reader reads where the
    /// user now is, and the keyboard's place is not lost with the redrawn part of the page.
    pub fn done(&self, text: String, next: Option<String>) {
        self.say(Tone::Info, text);
        request_animation_frame(move || {
            if !moved_since_acting() && !next.is_some_and(|n| focus(&n)) {
                focus(".troth-message--info");
            }
        });
    }

    /// Downloads the book that holds the change which could not be saved.
    pub fn export_unsaved(&self) {
        if let Some(book) = self.unsaved.get_untracked() {
            download_backup(&book, "troth-backup-with-unsaved-change");
        }
    }
}

/// Downloads `book` as a backup file named `name` and the day.
pub fn download_backup(book: &Book, name: &str) {
    let now = intl::now();
    let day = now.local(0).date();
    let json = Backup::of(book, now).to_json();
    download(&format!("{name}-{day}.json"), "application/json", &json);
}
