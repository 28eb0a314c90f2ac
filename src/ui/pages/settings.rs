//! Keeping the data: the browser's promise to keep it, how much room it takes, backups (export,
//! import by merge or replace, with a preview) and the calendar file. Also how Troth looks in
//! this browser: light, dark, or as the system says.

use crate::domain::{Book, MergeReport};
use crate::store::prefs::Theme;
use crate::store::transfer::{calendar, Backup, Lost, Mode, ReplacePreview};
use crate::ui::app::Troth;
use crate::ui::components::choice::Choice;
use crate::ui::components::field::ErrorLine;
use crate::ui::intl;
use crate::ui::message::download;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// What browsers usually give one site's `localStorage`, in UTF-16 units (5 MiB). Browsers do
/// not say what they give, and finding out would mean filling it: the page says "usually".
const USUAL_QUOTA: usize = 5_242_880;

#[component]
pub fn Settings() -> impl IntoView {
    let troth = Troth::get();
    let used = troth.used();
    let persisted = move || {
        match troth.page.persisted.get() {
        Some(true) => "The browser has promised to keep Troth's data, even when space runs low.",
        Some(false) => "The browser has not promised to keep Troth's data: it may clear it if space runs low. Export a backup now and then.",
        None => "This browser does not say whether it will keep Troth's data. Export a backup now and then.",
    }
    };
    let calendar_file = move |_| {
        let text = troth
            .book
            .with_untracked(|b| calendar(b, troth.page.rules(), intl::now()));
        download("troth-commitments.ics", "text/calendar", &text);
    };
    view! {
        <h1 tabindex="-1">"Settings and backup"</h1>
        <Colours/>
        <section class="troth-card" aria-labelledby="keep-title">
            <h2 id="keep-title">"Keeping your data"</h2>
            <p role="status">{persisted}</p>
            <Show when=move || troth.page.persisted.get() != Some(true)>
                <button type="button" class="troth-button" on:click=move |_| crate::ui::pwa::persist(troth.page.persisted, true)>
                    "Ask the browser to keep it"
                </button>
            </Show>
            <p>{format!(
                "Troth uses {} characters of this browser's storage, about {} % of the {} that browsers usually give a site (the browser does not say its own limit; Troth tells you if it is reached). Everything stays on this device.",
                group(used), percent(used, USUAL_QUOTA), group(USUAL_QUOTA)
            )}</p>
            <p>{if crate::store::tabs::serialised() {
                "Troth open in several tabs or windows saves in turn, so no tab writes over another's change."
            } else {
                "This browser cannot make Troth's tabs take turns saving (it lacks Web Locks): Troth still reads another tab's saved work before writing, but keep it open in one tab at a time to be safe."
            }}</p>
        </section>
        <section class="troth-card" aria-labelledby="export-title">
            <h2 id="export-title">"Export"</h2>
            <div class="troth-buttons">
                <button type="button" class="troth-button troth-button--primary" on:click=move |_| troth.export()>"Export everything (backup file)"</button>
                <button type="button" class="troth-button" on:click=calendar_file>"Calendar of open commitments (.ics)"</button>
            </div>
            <p class="troth-hint">"The backup is one JSON file with every person, commitment, talk and history entry. The calendar file puts each open commitment's due moment, in its time zone, into any calendar app."</p>
        </section>
        <Import/>
    }
}

/// Light, dark, or as the system says: applied at once, remembered in this browser.
#[component]
fn Colours() -> impl IntoView {
    let troth = Troth::get();
    let (looks, news) = (troth.page.looks, troth.news);
    let at = |t: Theme| Theme::ALL.iter().position(|x| *x == t).unwrap_or(0);
    let chosen = RwSignal::new(at(looks.theme.get_untracked()));
    // The user's pick, carried out: the radios hold an index, the shell holds the theme.
    Effect::watch(
        move || chosen.get(),
        move |i, _, _| looks.choose_theme(Theme::ALL[*i], &news),
        false,
    );
    view! {
        <section class="troth-card" aria-labelledby="colours-title">
            <h2 id="colours-title">"Colours"</h2>
            <Choice name="theme" legend="Pages" chosen
                options=&[("system", "System"), ("light", "Light"), ("dark", "Dark")]/>
            <p class="troth-hint">"System follows this device's light or dark setting. Remembered in this browser. The projector has its own colours: press L there, or use the console's Bright room button, for dark text on white in a bright room."</p>
        </section>
    }
}

/// "2 commitments, 1 talk and 3 topics": what replacing would remove, in words.
fn lost_words(lost: &Lost) -> String {
    let counted = |n: usize, one: &str, many: &str| {
        (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
    };
    let parts: Vec<String> = [
        counted(lost.people, "person", "people"),
        counted(lost.commitments, "commitment", "commitments"),
        counted(lost.talks, "talk", "talks"),
        counted(lost.topics, "topic", "topics"),
    ]
    .into_iter()
    .flatten()
    .collect();
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// `part` of `whole` in percent to one decimal, rounded ("0.4"): in integers, because
/// formatting one float brings core's float printing into the page (11 KB of WASM).
fn percent(part: usize, whole: usize) -> String {
    let tenths = (part.saturating_mul(1000) + whole / 2) / whole.max(1);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// 5242880 → "5,242,880".
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// What a chosen backup would do, worked out before any choice is offered.
#[derive(Clone)]
struct Preview {
    people: usize,
    merge: Result<MergeReport, String>,
    replace: ReplacePreview,
}

/// Lets the browser draw and handle input before the next piece of work: a large backup is
/// read, merged and compared in steps, each its own task, with the progress shown between.
async fn breathe() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

#[component]
fn Import() -> impl IntoView {
    let troth = Troth::get();
    let r = Reading {
        troth,
        runs: StoredValue::new(0),
        progress: RwSignal::new(None),
        error: RwSignal::new(None),
        incoming: RwSignal::new(None),
        confirm: RwSignal::new(false),
    };
    let Reading {
        progress,
        error,
        incoming,
        confirm,
        ..
    } = r;
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        r.pick(input.files().and_then(|f| f.get(0)));
    };
    let apply = move |mode: Mode| {
        let Some((there, _)) = incoming.get_untracked() else {
            return;
        };
        troth.import(there, mode, move |imported| match imported {
            Ok(report) => {
                incoming.set(None);
                confirm.set(false);
                let text = match mode {
                    Mode::Merge => format!("Backup merged: {} people, {} commitments, {} talks and {} goals, raised hands or successes added; {} commitments and {} goals or raised hands continued.", report.people_added, report.commitments_added, report.talks_added, report.records_added, report.commitments_extended, report.records_continued),
                    Mode::Replace => "Backup imported: Troth now holds exactly what it holds.".to_owned(),
                };
                // The buttons pressed are gone with the preview: focus goes to the message.
                troth.news.done(text, None);
            }
            Err(e) => error.set(Some(e.to_string())),
        });
    };
    view! {
        <section class="troth-card" aria-labelledby="import-title">
            <h2 id="import-title">"Import a backup"</h2>
            <div class="troth-field troth-field--wide">
                <label for="import-file">"Backup file"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=pick/>
            </div>
            <ErrorLine error/>
            {move || progress.get().map(|said| view! { <p id="import-progress" role="status">{said}</p> })}
            {move || incoming.get().map(|(_, Preview { people, merge, replace })| {
                let lost = replace.lost;
                let merge_text = match merge {
                    Err(e) => format!("It cannot be merged: {e}"),
                    Ok(m) if m.changes() == 0 => "Everything in it is already here: merging changes nothing.".to_owned(),
                    Ok(m) => format!("Adds {} people, {} commitments, {} talks and {} goals, raised hands or successes, and continues {} commitments and {} goals or raised hands with steps recorded there. Nothing here is removed or shortened.", m.people_added, m.commitments_added, m.talks_added, m.records_added, m.commitments_extended, m.records_continued),
                };
                view! {
                    <p>{format!("This backup holds {} people, {} commitments and {} talks.", people, replace.commitments_there, replace.talks_there)}</p>
                    <h3>"Merge"</h3>
                    <p>{merge_text}</p>
                    <button type="button" class="troth-button troth-button--primary" on:click=move |_| apply(Mode::Merge)>"Merge into what is here"</button>
                    <h3>"Replace"</h3>
                    <p>{format!("What is here ({} commitments, {} talks) becomes exactly the backup ({} commitments, {} talks).", replace.commitments_here, replace.talks_here, replace.commitments_there, replace.talks_there)}</p>
                    {lost.any().then(|| view! {
                        <p class="troth-note troth-note--needed" id="replace-loses">{format!("Replacing removes what is here and not in the backup: {}. Export what is here first to keep a copy.", lost_words(&lost))}</p>
                    })}
                    <div class="troth-buttons">
                        <button type="button" class="troth-button" on:click=move |_| troth.export()>"Export what is here first"</button>
                        <button type="button" class="troth-button troth-button--danger" on:click=move |_| {
                            if lost.any() && !confirm.get_untracked() { confirm.set(true) } else { apply(Mode::Replace) }
                        }>{move || if confirm.get() { "Yes, replace everything" } else { "Replace everything" }}</button>
                    </div>
                }
            })}
        </section>
    }
}

/// The reading of a backup chosen for import, and what it would do.
#[derive(Clone, Copy)]
struct Reading {
    troth: Troth,
    /// Each choice of a file starts a new reading; an older one still running stops at its
    /// next step.
    runs: StoredValue<u32>,
    /// How far the reading has come, while it runs (a text signal, as `error` is: one copy
    /// of the signal's code in the WASM).
    progress: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    /// The backup chosen, with what it would do: set once worked out.
    incoming: RwSignal<Option<(Book, Preview)>>,
    confirm: RwSignal<bool>,
}

impl Reading {
    /// Says how far reading `run` has come; false once a newer one has started.
    fn step(self, run: u32, done: u8) -> bool {
        let current = self.runs.get_value() == run;
        if current {
            self.progress
                .set(Some(format!("Reading the backup… {done} %")));
        }
        current
    }

    /// Starts reading `file`, in steps that let the page breathe, and ends with its preview
    /// or why it cannot be imported.
    fn pick(self, file: Option<web_sys::File>) {
        self.error.set(None);
        self.incoming.set(None);
        self.confirm.set(false);
        self.progress.set(None);
        self.runs.update_value(|n| *n += 1);
        let run = self.runs.get_value();
        let Some(file) = file else {
            return;
        };
        if file.size() > crate::store::transfer::MAX_BACKUP as f64 {
            self.error.set(Some(
                crate::store::transfer::ImportError::TooLarge(file.size() as usize).to_string(),
            ));
            return;
        }
        self.step(run, 0);
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            if !self.step(run, 10) {
                return;
            }
            breathe().await;
            let there = match text.map(|t| Backup::read(&t)) {
                Some(Ok(book)) => book,
                failed => {
                    self.progress.set(None);
                    self.error.set(Some(match failed {
                        Some(Err(e)) => e.to_string(),
                        _ => "The browser could not read this file.".into(),
                    }));
                    return;
                }
            };
            if !self.step(run, 40) {
                return;
            }
            breathe().await;
            let book = self.troth.book;
            let merge = book.with_untracked(|here| {
                here.merged(&there)
                    .map(|(_, report)| report)
                    .map_err(|e| e.to_string())
            });
            if !self.step(run, 70) {
                return;
            }
            breathe().await;
            let replace = book.with_untracked(|here| ReplacePreview::of(here, &there));
            if !self.step(run, 100) {
                return;
            }
            breathe().await;
            if self.runs.get_value() == run {
                self.progress.set(None);
                let people = there.all_people().count();
                let preview = Preview {
                    people,
                    merge,
                    replace,
                };
                self.incoming.set(Some((there, preview)));
            }
        });
    }
}
