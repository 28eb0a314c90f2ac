//! The app shell: state in context, the route, messages, and the one way to change data.

use crate::domain::MergeReport;
use crate::domain::{Book, Change, Command, Instant, Undo, Zone};
use crate::store::prefs::{self, StageTheme, Theme};
use crate::store::transfer::{Backup, Mode};
use crate::store::{local::Local, schema, tabs, CommitError, Notice, Store, StoreError};
use crate::ui::intl::{self, IntlDates, IntlZones};
use crate::ui::message::{download, Message, Tone};
use crate::ui::route::{Part, Route};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long a save waits for another tab before the page says so: a save takes milliseconds,
/// so tabs taking turns never show it, while past a second or so a user wonders whether the
/// button worked.
const SAY_WAITING: Duration = Duration::from_millis(1500);
/// What the page says meanwhile.
const WAITING: &str = "Waiting for another Troth tab…";

/// Everything the pages share. Copy: every field is a reactive handle.
#[derive(Clone, Copy)]
pub struct Troth {
    /// The book as last loaded or saved. Pages derive what they show from it.
    pub book: RwSignal<Book>,
    /// Now, refreshed every 30 s so "overdue" and "due soon" move on their own.
    pub now: RwSignal<Instant>,
    pub route: RwSignal<Route>,
    /// The part this page holds.
    pub part: Part,
    pub messages: RwSignal<Vec<Message>>,
    /// The zone of this browser's clock: the user's own.
    pub my_zone: StoredValue<Zone>,
    /// A new build is installed and waits for the user to reload.
    pub update_ready: RwSignal<bool>,
    /// Whether the browser promised to keep Troth's data (`None` until it answers).
    pub persisted: RwSignal<Option<bool>>,
    /// The book with the last change that could not be saved, for the user to export.
    pub unsaved: RwSignal<Option<Book>>,
    /// Saves asked for and not yet finished (each waits its turn for the cross-tab lock): the
    /// page is `aria-busy` meanwhile.
    pub saving: RwSignal<u32>,
    /// How to take back the last change made in this page, while it is the last: the Undo
    /// button of the message reporting it, and Ctrl+Z / Cmd+Z. Any other change replaces it.
    pub undo: RwSignal<Option<Undo>>,
    /// How this part takes back the last change ([`Troth::undo_last`]); `None` in a part that
    /// makes no change of that kind, so it carries none of that code (see [`mount`]).
    undoer: Option<fn(&Troth)>,
    /// The change just made can be undone, and the page may yet say it in its own words
    /// ([`Troth::done`]): the next message of its kind carries the Undo button.
    undo_unsaid: StoredValue<bool>,
    /// Light or dark pages, as chosen in this browser (`store::prefs`; set on `<html>`).
    pub theme: RwSignal<Theme>,
    /// The projector's colours, as chosen in this browser (its `L` key).
    pub stage_theme: RwSignal<StageTheme>,
    /// Whether this page has asked the browser to keep the data.
    asked: StoredValue<bool>,
    store: StoredValue<Store<Local>>,
}

impl Troth {
    pub fn get() -> Self {
        expect_context()
    }

    /// The state of a freshly opened page of `part`; `undo` as for [`crate::ui::shell::mount`].
    pub fn new(part: Part, undo: Option<fn(&Troth)>) -> Self {
        let my_zone = Zone::parse(&IntlZones, &intl::browser_zone())
            .or_else(|_| Zone::parse(&IntlZones, "UTC"))
            .expect("every browser knows UTC");
        Troth {
            book: RwSignal::new(Book::default()),
            now: RwSignal::new(intl::now()),
            route: RwSignal::new(current_route()),
            part,
            messages: RwSignal::new(Vec::new()),
            my_zone: StoredValue::new(my_zone),
            update_ready: RwSignal::new(false),
            persisted: RwSignal::new(None),
            unsaved: RwSignal::new(None),
            saving: RwSignal::new(0),
            undo: RwSignal::new(None),
            undoer: undo,
            theme: RwSignal::new(prefs::theme(&Local)),
            stage_theme: RwSignal::new(prefs::stage(&Local)),
            asked: StoredValue::new(false),
            undo_unsaid: StoredValue::new(false),
            store: StoredValue::new(Store::new(Local)),
        }
    }

    /// Another tab saved under `key` (`None`: storage was cleared): take its work (the revision
    /// key changes last in every save), or its choice of colours.
    pub fn other_tab_saved(&self, key: Option<&str>) {
        if key.is_none_or(|k| k == schema::REV || k == schema::META) {
            self.reload();
        }
        if key.is_none_or(|k| k == prefs::THEME || k == prefs::STAGE) {
            self.reload_prefs();
        }
    }

    /// Goes to `route`, as following a link would: within this part's page by its hash, to
    /// another part by loading that part's page.
    pub fn go(&self, route: &Route) {
        if route.part() == self.part {
            let _ = window().location().set_hash(&route.href());
        } else {
            let _ = window().location().assign(&route.href_from(self.part));
        }
    }

    /// Zone arithmetic, by the browser's `Intl`.
    pub fn rules(&self) -> &'static IntlZones {
        &IntlZones
    }

    /// Dates and times written in the browser's locale, by its `Intl`.
    pub fn dates(&self) -> &'static IntlDates {
        &IntlDates
    }

    /// Applies a command and saves it, one save at a time across tabs (see
    /// [`crate::store::tabs`]), then hands `then` the outcome: the change, or why it did not
    /// take effect in a sentence for the form that sent it (storage problems also show as a
    /// message at the top).
    pub fn run(&self, command: Command, then: impl FnOnce(Result<Change, String>) + 'static) {
        // One copy of the saving future for every caller, not one per closure type.
        self.run_boxed(command, Box::new(then));
    }

    fn run_boxed(&self, command: Command, then: Box<dyn FnOnce(Result<Change, String>)>) {
        let troth = *self;
        self.saving.update(|n| *n += 1);
        ACTED_FROM.replace(document().active_element());
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
                troth.messages.update(|m| {
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
            troth.messages.update(|m| m.retain(|x| x.text() != WAITING));
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
    fn not_saved(&self, command: Command, busy: StoreError) -> String {
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
    fn commit(&self, command: Command) -> Result<Change, String> {
        let now = intl::now();
        self.now.set(now);
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
            return Err("Troth is closing; the change was not applied.".into());
        };
        match result {
            Ok((applied, notices)) => {
                self.tell(&notices);
                self.report(undoing, applied.undo);
                // Once there is something worth keeping, ask the browser to keep it (once).
                if self.persisted.get_untracked() != Some(true) && !self.asked.get_value() {
                    self.asked.set_value(true);
                    crate::ui::pwa::persist(self.persisted, true);
                }
                Ok(applied.change)
            }
            Err(e) => Err(self.failed(e)),
        }
    }

    /// Tells what a change did when it can be undone (with the Undo button), or that an undo
    /// took effect (and moves focus to that message: the button that was pressed is gone).
    fn report(&self, undoing: Option<Undo>, undo: Option<Undo>) {
        self.undo.set(undo.clone());
        self.undo_unsaid.set_value(false);
        let words = |u: &Undo, f: fn(&Book, &Undo) -> String| self.book.with_untracked(|b| f(b, u));
        if let Some(u) = undo {
            let text = words(&u, crate::ui::undo::reported);
            self.say_message(Message::new(Tone::Info, text).undoing(u));
            self.undo_unsaid.set_value(true);
        } else if let Some(u) = undoing {
            let id = self.say_message(Message::new(Tone::Info, words(&u, crate::ui::undo::undone)));
            request_animation_frame(move || {
                focus_after_change(&format!("#{id}"));
            });
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
        let Some(undo) = self.undo.get_untracked() else {
            self.say(Tone::Info, "There is nothing to undo.".into());
            return;
        };
        self.run(Command::Undo(undo), move |r| {
            if let Err(why) = r {
                // It will not work later either: the change was built on.
                troth.undo.set(None);
                let id = troth.say_message(Message::new(Tone::Problem, why));
                request_animation_frame(move || {
                    focus_after_change(&format!("#{id}"));
                });
            }
        });
    }

    /// Says why a change did not take effect; keeps an unsaved change for export.
    fn failed(&self, e: CommitError) -> String {
        match e {
            CommitError::Domain(e) => e.to_string(),
            CommitError::Store(e) => {
                let text = e.to_string();
                self.say(Tone::Problem, text.clone());
                text
            }
            CommitError::NotSaved { error, unsaved } => {
                let then = if error == StoreError::Busy {
                    "try again once that tab is done, or download a backup that includes it and \
                     import it later."
                } else {
                    "download a backup that includes it, free some space, and import it."
                };
                let text = format!("{error} The change is not lost: {then}");
                self.unsaved.set(Some(*unsaved));
                self.say(Tone::Problem, text.clone());
                text
            }
        }
    }

    /// Brings in a backup's book (merged or replacing what is here) and saves it, under the
    /// same lock as every save.
    pub fn import(
        &self,
        incoming: Book,
        mode: Mode,
        then: impl FnOnce(Result<MergeReport, String>) + 'static,
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
                        .ok_or_else(|| "Troth is closing; nothing was imported.".to_owned())?;
                    result.map_err(|e| troth.failed(e))
                })
                .await
                .unwrap_or_else(|((), busy)| Err(troth.failed(CommitError::Store(busy))));
            if imported.is_ok() {
                // Another change: the last one can no longer be undone from here.
                troth.undo.set(None);
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

    /// Downloads the book that holds the change which could not be saved.
    pub fn export_unsaved(&self) {
        if let Some(book) = self.unsaved.get_untracked() {
            download_backup(&book, "troth-backup-with-unsaved-change");
        }
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
        self.tell(&loaded.notices);
        if let Some(why) = self.store.with_value(|s| s.read_only().map(str::to_owned)) {
            self.say(
                Tone::Problem,
                format!("Troth is not saving changes: {why}."),
            );
        }
    }

    fn tell(&self, notices: &[Notice]) {
        for n in notices {
            let tone = match n {
                Notice::CaughtUp => Tone::Info,
                _ => Tone::Problem,
            };
            self.say(tone, n.message());
        }
    }

    /// Shows a message, once: the same words already on screen are not repeated, and a new
    /// piece of news replaces the last (problems stay until dismissed).
    pub fn say(&self, tone: Tone, text: String) {
        self.say_message(Message::new(tone, text));
    }

    /// Shows a message as [`Troth::say`] does; returns the id of the element that shows it.
    fn say_message(&self, mut message: Message) -> String {
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

    /// Runs a command whose refusal has no form to show it in (a button that goes with the
    /// change: a row that moves, a page drawn anew): on success, [`Self::done`] says `said` and
    /// moves the focus; a refusal shows as a message.
    pub fn act_then(&self, command: Command, said: String, next: Option<String>) {
        let troth = *self;
        self.run(command, move |r| match r {
            Ok(_) => troth.done(said, next),
            Err(why) => troth.say(Tone::Problem, why),
        });
    }

    /// Says in words what a change did, and moves keyboard focus where the user goes next:
    /// to `next` (a selector, the step that follows) once the page has redrawn, or — where
    /// there is none — to the message itself. Either way a screen reader reads where the
    /// user now is, and the keyboard's place is not lost with the redrawn part of the page.
    pub fn done(&self, text: String, next: Option<String>) {
        self.say(Tone::Info, text);
        request_animation_frame(move || {
            if !focus_moved_since_acting() && !next.is_some_and(|n| focus(&n)) {
                focus(".troth-message--info");
            }
        });
    }

    /// Shows pages in `theme` from now on, in every tab, and remembers it in this browser.
    pub fn choose_theme(&self, theme: Theme) {
        self.theme.set(theme);
        let saved = prefs::set_theme(&Local, theme);
        self.not_remembered(saved, "The colours");
    }

    /// Switches the projector's colours (dark room, bright room), and remembers them.
    pub fn toggle_stage_theme(&self) {
        let stage = self.stage_theme.get_untracked().toggled();
        self.stage_theme.set(stage);
        let saved = prefs::set_stage(&Local, stage);
        self.not_remembered(saved, "The projector's colours");
    }

    /// Says when a preference applies here but could not be stored for next time.
    fn not_remembered(&self, saved: Result<(), StoreError>, what: &str) {
        if let Err(e) = saved {
            let why = match e {
                StoreError::Quota => "the browser's storage for Troth is full".to_owned(),
                StoreError::ReadOnly(why) | StoreError::Refused(why) => why,
                // Preferences are written without the save lock.
                StoreError::Busy => "another Troth tab is saving".to_owned(),
            };
            self.say(
                Tone::Problem,
                format!("{what} changed here, but Troth cannot remember them next time: {why}."),
            );
        }
    }

    /// Reads the preferences again: another tab chose other colours.
    fn reload_prefs(&self) {
        self.theme.set(prefs::theme(&Local));
        self.stage_theme.set(prefs::stage(&Local));
    }

    /// Values kept aside because they could not be read, for the user to download.
    pub fn aside(&self) -> Vec<(String, String)> {
        self.store.with_value(Store::aside)
    }
}

fn download_backup(book: &Book, name: &str) {
    let now = intl::now();
    let day = now.local(0).date();
    let json = Backup::of(book, now).to_json();
    download(&format!("{name}-{day}.json"), "application/json", &json);
}

thread_local! {
    /// Where keyboard focus was when the user last asked for a change.
    static ACTED_FROM: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// Whether the user put focus somewhere else since asking for the last change: into a field
/// to type the next thing, say. A change is saved and its page redrawn a moment after the
/// press, and a frame later still focus would move to the next step: taken from under typing
/// hands, the rest of what they type (a space, an Enter) would press that step's button.
fn focus_moved_since_acting() -> bool {
    let Some(now) = document().active_element() else {
        return false;
    };
    // Focus on the page itself, or on what was redrawn away, is focus the user did not place.
    let body = document().body();
    let placed =
        now.is_connected() && body.is_none_or(|b| AsRef::<web_sys::Element>::as_ref(&b) != &now);
    placed && ACTED_FROM.with_borrow(|acted| acted.as_ref() != Some(&now))
}

/// After a change is saved, moves focus to `selector` unless the user has moved it since
/// asking for the change ([`focus_moved_since_acting`]); whether focus is there now.
pub fn focus_after_change(selector: &str) -> bool {
    !focus_moved_since_acting() && focus(selector)
}

/// Moves keyboard focus to the first element matching `selector`; whether there was one.
pub fn focus(selector: &str) -> bool {
    let found = document().query_selector(selector).ok().flatten();
    let el = found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    el.is_some_and(|el| el.focus().is_ok())
}

/// The route the address names now.
pub fn current_route() -> Route {
    Route::parse(&location_hash().unwrap_or_default())
}
