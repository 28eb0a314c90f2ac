//! The book and the one way to change it: commands applied and saved, one save at a time
//! across tabs, and what the page says of the outcome.

use crate::domain::MergeReport;
use crate::domain::{Book, Change, Command, DomainError};
use crate::store::transfer::Mode;
use crate::store::{local::Local, schema, tabs, CommitError, Store, StoreError};
use crate::ui::intl;
use crate::ui::message::{Message, Tone};
use crate::ui::news::{download_backup, News};
use crate::ui::page::Page;
use leptos::prelude::*;
use std::time::Duration;

/// How long a save waits for another tab before the page says so: a save takes milliseconds,
/// so tabs taking turns never show it, while past a second or so a user wonders whether the
/// button worked.
const SAY_WAITING: Duration = Duration::from_millis(1500);
/// What the page says meanwhile.
const WAITING: &str = "Waiting for another Troth tab…";

/// Why a change did not take effect. Its `Display` is the sentence shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Troth's rules refused it: nothing changed.
    #[error(transparent)]
    Rule(DomainError),
    /// It could not be saved (storage, another tab), as the top of the page says too.
    #[error("{0}")]
    NotSaved(String),
}

/// The book and its commands, with the page they are shown on and what it says of them.
/// Copy: every field is a reactive handle.
#[derive(Clone, Copy)]
pub struct Troth {
    /// The book as last loaded or saved. Pages derive what they show from it.
    pub book: RwSignal<Book>,
    pub page: Page,
    pub news: News,
    /// Saves asked for and not yet finished (each waits its turn for the cross-tab lock): the
    /// page is `aria-busy` meanwhile.
    pub saving: RwSignal<u32>,
    /// How this part takes back the last change ([`Troth::undo_last`]); `None` in a part that
    /// makes no change of that kind, so it carries none of that code (see [`mount`]).
    undoer: Option<fn(&Troth)>,
    store: StoredValue<Store<Local>>,
}

thread_local! {
    /// The page's one Troth, for the code that runs outside any component (a form's submit,
    /// from an event): a [`Form`](crate::ui::form::Form) then holds no copy of it.
    static PAGE_TROTH: std::cell::Cell<Option<Troth>> = const { std::cell::Cell::new(None) };
}

impl Troth {
    pub fn get() -> Self {
        expect_context()
    }

    /// The Troth of this page, as the shell made it.
    pub fn of_page() -> Self {
        PAGE_TROTH
            .get()
            .unwrap_or_else(|| unreachable!("the shell makes the Troth before any form"))
    }

    /// Makes `self` the page's Troth: for components ([`Troth::get`]) and for the rest
    /// ([`Troth::of_page`]).
    pub fn provide(self) {
        PAGE_TROTH.set(Some(self));
        provide_context(self);
    }

    /// The book of a freshly opened page of `part` (read it with [`Troth::reload`]); `undo`
    /// as for [`crate::ui::shell::mount`].
    pub fn new(page: Page, news: News, undo: Option<fn(&Troth)>) -> Self {
        Troth {
            book: RwSignal::new(Book::default()),
            page,
            news,
            saving: RwSignal::new(0),
            undoer: undo,
            store: StoredValue::new(Store::new(Local)),
        }
    }

    /// Another tab saved under `key` (`None`: storage was cleared): take its work (the revision
    /// key changes last in every save).
    pub fn other_tab_saved(&self, key: Option<&str>) {
        if key.is_none_or(|k| k == schema::REV || k == schema::META) {
            self.reload();
        }
    }

    /// Applies a command and saves it, one save at a time across tabs (see
    /// [`crate::store::tabs`]), then hands `then` the outcome: the change, or why it did not
    /// take effect in a sentence for the form that sent it (storage problems also show as a
    /// message at the top).
    pub fn run(&self, command: Command, then: impl FnOnce(Result<Change, Refusal>) + 'static) {
        // One copy of the saving future for every caller, not one per closure type.
        self.run_boxed(command, Box::new(then));
    }

    fn run_boxed(&self, command: Command, then: Box<dyn FnOnce(Result<Change, Refusal>)>) {
        let troth = *self;
        self.saving.update(|n| *n += 1);
        crate::ui::focus::acting();
        leptos::task::spawn_local(async move {
            // The change, its message and what the page does with the outcome are drawn in one
            // step, under the lock: nothing on the page moves a moment after it shows the
            // change. (Under load, the message put in the page's words a task later moved
            // the field that had just appeared, and a click aimed at it landed beside it.)
            // `then` may find its page gone (the user moved on): it only sets signals, which
            // is harmless then, and reads nothing of the page.
            let saved = troth
                .locked((command, then), move |(c, then)| then(troth.commit(c)))
                .await;
            if let Err(((command, then), busy)) = saved {
                then(Err(troth.not_saved(command, busy)));
            }
            troth.saving.update(|n| *n = n.saturating_sub(1));
        });
    }

    /// Runs `save` under the cross-tab lock ([`tabs::exclusive`]); while another tab holds it
    /// past [`SAY_WAITING`], the page says so, until the wait ends: the word goes in the same
    /// step as the change, not after it.
    async fn locked<I: 'static, T: 'static>(
        &self,
        input: I,
        save: impl FnOnce(I) -> T + 'static,
    ) -> Result<T, (I, StoreError)> {
        let troth = *self;
        // Pushed as it is: not news that replaces the last message, nor one with its Undo.
        let waiting = set_timeout_with_handle(
            move || {
                troth.news.messages.update(|m| {
                    if !m.iter().any(|x| x.text() == WAITING) {
                        m.push(Message::new(Tone::Info, WAITING.into()));
                    }
                });
            },
            SAY_WAITING,
        )
        .ok();
        let waited = move || {
            if let Some(w) = waiting {
                w.clear();
            }
            troth
                .news
                .messages
                .update(|m| m.retain(|x| x.text() != WAITING));
        };
        let out = tabs::exclusive(input, move |input| {
            waited();
            save(input)
        })
        .await;
        if out.is_err() {
            waited();
        }
        out
    }

    /// A change that could not be saved because another tab kept the lock: the book with it
    /// is kept for export, as when storage is full (or, refused by the rules, it says why).
    fn not_saved(&self, command: Command, busy: StoreError) -> Refusal {
        let mut unsaved = self.book.get_untracked();
        let error = match unsaved.apply(command, intl::now()) {
            Ok(_) => CommitError::NotSaved {
                error: busy,
                unsaved: Box::new(unsaved),
            },
            Err(refused) => CommitError::Domain(refused),
        };
        self.failed(error)
    }

    /// The save itself, under the lock.
    fn commit(&self, command: Command) -> Result<Change, Refusal> {
        let now = intl::now();
        self.page.now.set(now);
        let undoing = match &command {
            Command::Undo(u) => Some(u.clone()),
            _ => None,
        };
        let result = self
            .store
            .try_update_value(|store| {
                // Only a change that took effect, or a failed save that reloaded the book,
                // needs the pages to look again.
                self.book.try_maybe_update(|book| {
                    let r = store.commit(book, command, now);
                    (!matches!(r, Err(CommitError::Domain(_))), r)
                })
            })
            .flatten();
        let Some(result) = result else {
            return Err(Refusal::NotSaved(
                "Troth is closing; the change was not applied.".into(),
            ));
        };
        match result {
            Ok((applied, notices)) => {
                self.news.tell(&notices);
                (self.book).with_untracked(|b| self.news.report(b, undoing, applied.undo));
                // Once there is something worth keeping, ask the browser to keep it.
                crate::ui::pwa::ask_to_keep(self.page.persisted);
                Ok(applied.change)
            }
            Err(e) => Err(self.failed(e)),
        }
    }

    /// What the Undo button and Ctrl+Z do: take back the last change, in a part that can.
    pub fn take_back(&self) {
        if let Some(undo) = self.undoer {
            undo(self);
        }
    }

    /// Takes back the last change made in this page, if nothing else was changed since; a
    /// refusal (another tab built on it) is said in words, and focus moves to it.
    pub fn undo_last(&self) {
        let troth = *self;
        let Some(undo) = self.news.undo.get_untracked() else {
            self.news
                .say(Tone::Info, "There is nothing to undo.".into());
            return;
        };
        self.run(Command::Undo(undo), move |r| {
            if let Err(why) = r {
                // It will not work later either: the change was built on.
                troth.news.undo.set(None);
                troth
                    .news
                    .said_here(Message::new(Tone::Problem, why.to_string()));
            }
        });
    }

    /// Says why a change did not take effect; keeps an unsaved change for export.
    fn failed(&self, e: CommitError) -> Refusal {
        match e {
            CommitError::Domain(e) => Refusal::Rule(e),
            CommitError::Store(e) => {
                let text = e.to_string();
                self.news.say(Tone::Problem, text.clone());
                Refusal::NotSaved(text)
            }
            CommitError::NotSaved { error, unsaved } => {
                let then = if error == StoreError::Busy {
                    "try again once that tab is done, or download a backup that includes it and \
                     import it later."
                } else {
                    "download a backup that includes it, free some space, and import it."
                };
                let text = format!("{error} The change is not lost: {then}");
                self.news.unsaved.set(Some(*unsaved));
                self.news.say(Tone::Problem, text.clone());
                Refusal::NotSaved(text)
            }
        }
    }

    /// Brings in a backup's book (merged or replacing what is here) and saves it, under the
    /// same lock as every save.
    pub fn import(
        &self,
        incoming: Book,
        mode: Mode,
        then: impl FnOnce(Result<MergeReport, Refusal>) + 'static,
    ) {
        let troth = *self;
        self.saving.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let imported = troth
                .locked((), move |()| {
                    let now = intl::now();
                    let result = troth
                        .store
                        .try_update_value(|store| {
                            troth.book.try_maybe_update(|book| {
                                let r = store.import(book, &incoming, mode, now);
                                (true, r)
                            })
                        })
                        .flatten()
                        .ok_or_else(|| {
                            Refusal::NotSaved("Troth is closing; nothing was imported.".into())
                        })?;
                    result.map_err(|e| troth.failed(e))
                })
                .await
                .unwrap_or_else(|((), busy)| Err(troth.failed(CommitError::Store(busy))));
            if imported.is_ok() {
                // Another change: the last one can no longer be undone from here.
                troth.news.undo.set(None);
            }
            then(imported);
            troth.saving.update(|n| *n = n.saturating_sub(1));
        });
    }

    /// Downloads everything as a backup file.
    pub fn export(&self) {
        let book = self.book.get_untracked();
        download_backup(&book, "troth-backup");
    }

    /// UTF-16 units Troth's keys use in `localStorage`.
    pub fn used(&self) -> usize {
        self.store.with_value(Store::used)
    }

    /// Reads storage again: at start, and when another tab saved.
    pub fn reload(&self) {
        let now = intl::now();
        let Some(loaded) = self.store.try_update_value(|s| s.load(now)) else {
            return;
        };
        self.book.set(loaded.book);
        self.news.tell(&loaded.notices);
        if let Some(why) = self.store.with_value(|s| s.read_only().map(str::to_owned)) {
            self.news.say(
                Tone::Problem,
                format!("Troth is not saving changes: {why}."),
            );
        }
    }

    /// Runs a command whose refusal has no form to show it in (a button that goes with the
    /// change: a row that moves, a page drawn anew): on success, [`News::done`] says `said` and
    /// moves the focus; a refusal shows as a message.
    pub fn act_then(&self, command: Command, said: String, next: Option<String>) {
        let troth = *self;
        self.run(command, move |r| match r {
            Ok(_) => troth.news.done(said, next),
            Err(why) => troth.news.say(Tone::Problem, why.to_string()),
        });
    }

    /// Values kept aside because they could not be read, for the user to download.
    pub fn aside(&self) -> Vec<(String, String)> {
        self.store.with_value(Store::aside)
    }
}
