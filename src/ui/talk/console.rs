//! The presenter's console: the talk's clock, its topics and their controls.

use super::{
    press, stage_keys, toggle_fullscreen, use_clock, AddTopic, Current, KeysHelp, RestartClock,
    Stage, TopicItem, TopicRow,
};
use crate::domain::talk::{elapsed, TopicAction};
use crate::domain::{Command, Instant, TalkId, TopicId};
use crate::store::prefs::StageTheme;
use crate::ui::app::Troth;
use crate::ui::components::field::ErrorLine;
use crate::ui::focus::focus;
use crate::ui::form::Form;
use crate::ui::intl::talk_day;
use crate::ui::keys::StageKey;
use crate::ui::message::copy;
use crate::ui::on_stage::{Focus, Window};
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn Console(id: TalkId) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let stage = Stage::join(id);
    let form = Form::new();

    let rows = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id)
                .map(|t| TopicRow::all(b, t, rules))
                .unwrap_or_default()
        })
    });
    let current = Memo::new(move |_| {
        let at = stage.current.get();
        rows.with(|r| r.iter().find(|r| Some(r.id) == at).cloned())
    });
    let topic = move |topic: TopicId, action: TopicAction| {
        let command = Command::Topic {
            talk: id,
            topic,
            action,
        };
        form.submit(command, |_| {});
    };

    // The keys of the console: a refusal shows beside the topic.
    let refused = Callback::new(move |why| form.error.set(why));
    stage_keys(stage, Window::Console, refused);
    // The current topic and its answers stay in view: a move with the clicker must never leave
    // them below the fold. On the next frame, once the new topic is drawn.
    Effect::new(move |_| {
        current.track();
        stage.blank.track();
        request_animation_frame(|| {
            if let Ok(Some(el)) = document().query_selector(".troth-current") {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });

    let remove = move |row: TopicRow| {
        let command = Command::RemoveTopic {
            talk: id,
            topic: row.id,
        };
        form.submit(command, move |_| {
            let next = troth
                .book
                .with_untracked(|b| b.talk(id).and_then(|t| t.step_from(Some(row.id), 0)));
            // The message at the top says what was removed, with its Undo button.
            stage.go(next);
            // The topic's buttons are gone: focus goes to the message, and its Undo.
            request_animation_frame(|| {
                focus(".troth-message--info");
            });
        });
    };
    view! {
        <p class="troth-back"><a href=Route::Talks.href()>"← Talks"</a></p>
        {head(id, stage, form, refused)}
        <ErrorLine error=form.error/>
        // The current topic first, and on a wide screen at the left: where the eye starts, and
        // the first stop of the Tab key.
        <div class="troth-console">
            <section class="troth-card troth-current" aria-labelledby="current-title" aria-live="polite">
                <Show when=move || stage.blank.get()>
                    <p class="troth-current__blank" role="status">"The projector is blank. B shows it again."</p>
                </Show>
                {move || match current.get() {
                    Some(row) => view! { <Current row id stage topic form remove/> }.into_any(),
                    None => view! { <h2 id="current-title">"Current topic"</h2><p class="troth-empty">"Choose a topic (PageDown, or click it)."</p> }.into_any(),
                }}
            </section>
            <div class="troth-console__side">
                <AddTopic id stage/>
                <section class="troth-card" aria-labelledby="topics-title">
                    <h2 id="topics-title">"Topics"</h2>
                    <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="troth-empty">"No topics yet: ask the room what they want covered."</p> }>
                        <ol class="troth-topics">
                            <For each=move || rows.with(|r| TopicRow::ids(r)) key=|id| *id let:topic>
                                <TopicItem id=topic row=TopicRow::by_id(rows, topic) stage/>
                            </For>
                        </ol>
                    </Show>
                </section>
            </div>
        </div>
        {thumb(stage, refused)}
        {removed_topics(id, form)}
        <KeysHelp open=stage.help console=true/>
    }
}

/// The console's heading: the talk, its progress and clock, and the presenter's buttons (each
/// with its key), with the share link once made.
fn head(id: TalkId, stage: Stage, form: Form, refused: Callback<Option<String>>) -> impl IntoView {
    let troth = Troth::get();
    let looks = troth.page.looks;
    let clock = use_clock();
    let title = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id).map(|t| Title {
                title: t.title().to_owned(),
                date: talk_day(t.date()),
                started: t.started(),
            })
        })
    });
    let progress = Memo::new(move |_| {
        troth
            .book
            .with(|b| b.talk(id).map_or((0, 0), |t| t.progress()))
    });
    let open_projector = move |_| {
        let _ = window().open_with_url_and_target(&Route::Project(id).href(), "troth-projector");
    };
    // The link, shown at once, and whether it went on the clipboard (or why not) once the
    // browser says.
    let share = RwSignal::new(None::<(String, Option<Result<(), &str>>)>);
    let make_link = move |_| {
        let Some(shared) = troth
            .book
            .with_untracked(|b| crate::domain::share::SharedTalk::of(b, id))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match crate::ui::share_link::link(&shared).await {
                Ok(link) => {
                    share.set(Some((link.clone(), None)));
                    let copied = copy(&link).await;
                    share.update(|s| s.iter_mut().for_each(|s| s.1 = Some(copied)));
                }
                Err(_) => form.refuse(
                    "This browser cannot compress a share link (it needs CompressionStream).",
                ),
            }
        });
    };
    view! {
    <header class="troth-console__head">
        <h1 tabindex="-1">{move || title.get().map(|t| t.title).unwrap_or_default()}</h1>
        <p class="troth-console__meta">
            <span class="troth-console__date">{move || title.get().map(|t| t.date).unwrap_or_default()}</span>
            " · "
            <strong>{move || { let (c, n) = progress.get(); format!("{c} of {n} confirmed") }}</strong>
            " · "
            <span class="troth-console__clock" aria-live="off">{move || match title.get().and_then(|t| t.started) {
                Some(started) => format!("{} elapsed", elapsed(started, clock.get())),
                None => "clock not started".to_owned(),
            }}</span>
        </p>
        <div class="troth-buttons">
            <button type="button" class="troth-button troth-button--primary" on:click=open_projector>"Open projector window"</button>
            <button type="button" class="troth-button" on:click=move |_| { press(stage, StageKey::StartClock, Window::Console, Focus::Page, refused); }>
                {move || if title.get().and_then(|t| t.started).is_some() { "Restart clock… (S)" } else { "Start clock (S)" }}
            </button>
            <button type="button" class="troth-button" on:click=move |_| stage.set_blank(!stage.blank.get_untracked())>
                {move || if stage.blank.get() { "Show the screen (B)" } else { "Blank the screen (B)" }}
            </button>
            <button type="button" class="troth-button" on:click=move |_| toggle_fullscreen()>"Full screen (F)"</button>
            <button type="button" class="troth-button" aria-pressed=move || (looks.stage_theme.get() == StageTheme::Bright).to_string()
                on:click=move |_| { press(stage, StageKey::Colours, Window::Console, Focus::Page, refused); }>"Bright room (L)"</button>
            <button type="button" class="troth-button" on:click=move |_| stage.help.update(|h| *h = !*h)>"Keys (?)"</button>
            <a class="troth-button" href=Route::Summary(id).href()>"Summary"</a>
            <button type="button" class="troth-button" on:click=make_link>"Share link"</button>
        </div>
        <RestartClock id stage form/>
        <Show when=move || share.with(Option::is_some)>
            <div class="troth-field troth-field--wide">
                <label for="share-link">{move || match share.get().and_then(|s| s.1) {
                    Some(Ok(())) => "Share link (copied): anyone who opens it can import this topic list".into(),
                    Some(Err(why)) => format!("Share link: anyone who opens it can import this topic list. {why}"),
                    None => "Share link: anyone who opens it can import this topic list".into(),
                }}</label>
                <input id="share-link" readonly prop:value=move || share.get().map(|s| s.0).unwrap_or_default()
                    on:focus=|ev| { use wasm_bindgen::JsCast; if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); } }/>
            </div>
        </Show>
    </header>
    }
}

/// On a phone, held in one hand: the stage's moves at the bottom, under the thumb.
fn thumb(stage: Stage, refused: Callback<Option<String>>) -> impl IntoView {
    view! {
    <div class="troth-thumb" role="group" aria-label="Stage">
        <button type="button" class="troth-button" on:click=move |_| { press(stage, StageKey::Previous, Window::Console, Focus::Page, refused); }>"Previous topic"</button>
        <button type="button" class="troth-button" on:click=move |_| stage.set_blank(!stage.blank.get_untracked())>
            {move || if stage.blank.get() { "Show" } else { "Blank" }}
        </button>
        <button type="button" class="troth-button troth-button--primary" on:click=move |_| { press(stage, StageKey::Next, Window::Console, Focus::Page, refused); }>"Next topic"</button>
    </div>
    }
}

/// The topics removed from the list, each with its Restore button.
fn removed_topics(id: TalkId, form: Form) -> impl IntoView {
    let troth = Troth::get();
    let removed = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id).map_or_else(Vec::new, |t| {
                t.all_topics()
                    .iter()
                    .filter(|x| x.is_removed())
                    .map(|x| (x.id(), x.text().to_owned()))
                    .collect::<Vec<_>>()
            })
        })
    });

    view! {
    <Show when=move || !removed.with(Vec::is_empty)>
        <details class="troth-card">
            <summary>{move || format!("Removed topics ({})", removed.with(Vec::len))}</summary>
            <ul class="troth-plain">
                {move || removed.get().into_iter().map(|(topic, text)| view! {
                    <li>{text.clone()}" "
                        <button type="button" class="troth-button troth-button--quiet"
                            on:click=move |_| form.submit(Command::RestoreTopic { talk: id, topic }, |_| {})>
                            "Restore"
                        </button>
                    </li>
                }).collect_view()}
            </ul>
        </details>
    </Show>
    }
}

/// What the console's heading shows.
#[derive(Clone, PartialEq)]
struct Title {
    title: String,
    date: String,
    started: Option<Instant>,
}
