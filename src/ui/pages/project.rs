//! The audience's window, for the projector: large, high contrast, nothing to click. It follows
//! the presenter's console live and answers the same clicker keys.

use crate::domain::{Instant, TalkId};
use crate::ui::app::Troth;
use crate::ui::components::keys_help::KeysHelp;
use crate::ui::components::topic_row::TopicRow;
use crate::ui::intl;
use crate::ui::keys::{stage_key, StageKey};
use crate::ui::pages::present::talk_page;
use crate::ui::stage::Stage;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

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

#[component]
pub fn Project(id: TalkId) -> impl IntoView {
    talk_page(id, |id| view! { <Projector id/> }.into_any())
}

#[component]
fn Projector(id: TalkId) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let stage = Stage::join(id);
    let clock = use_clock();
    let help = RwSignal::new(false);
    // Covered and confirmed work here too; what needs typing stays in the console.
    stage_keys(stage, help, move |key| {
        let _ = stage.answer(key);
    });

    let head = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id)
                .map(|t| (t.title().to_owned(), t.started(), t.progress()))
        })
    });
    let rows = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id)
                .map(|t| TopicRow::all(b, t, rules))
                .unwrap_or_default()
        })
    });
    // Follow the current topic: with many topics, it is always the one in view.
    // Only a move needs it: scrolling forces a layout, which a mere change of state should not pay.
    Effect::new(move |_| {
        stage.current.track();
        request_animation_frame(|| {
            if let Ok(Some(el)) = document().query_selector(".troth-stage__topic[aria-current]") {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });
    let progress = move || head.get().map_or((0, 0), |h| h.2);

    view! {
        <div class="troth-stage" class:troth-stage--many=move || rows.with(|r| r.len() > 8)>
            <header class="troth-stage__head">
                <h1 class="troth-stage__title">{move || head.get().map(|h| h.0).unwrap_or_default()}</h1>
                <p class="troth-stage__progress">{move || { let (c, n) = progress(); format!("{c} of {n} confirmed") }}</p>
                <div class="troth-stage__bar" role="progressbar" aria-label="Topics confirmed"
                    aria-valuemin="0" aria-valuemax=move || progress().1 aria-valuenow=move || progress().0>
                    <span style:width=move || { let (c, n) = progress(); format!("{}%", (c * 100).checked_div(n).unwrap_or(0)) }></span>
                </div>
                <p class="troth-stage__clock">{move || head.get().and_then(|h| h.1).map(|s| crate::domain::talk::elapsed(s, clock.get())).unwrap_or_default()}</p>
            </header>
            <ol class="troth-stage__topics">
                <For each=move || rows.get() key=|r| r.clone() let:row>
                    <StageTopic row stage/>
                </For>
            </ol>
            <Show when=move || stage.blank.get()>
                <div class="troth-stage__blank"><p class="troth-visually-hidden" role="status">"The screen is blank. Press B to show it."</p></div>
            </Show>
            <KeysHelp open=help console=false/>
        </div>
    }
}

#[component]
fn StageTopic(row: TopicRow, stage: Stage) -> impl IntoView {
    let id = row.id;
    let confirmed = row.class() == "confirmed";
    let text = row.text.clone();
    let status = row.status_line();
    view! {
        <li class=format!("troth-stage__topic troth-stage__topic--{}", row.class())
            aria-current=move || (stage.current.get() == Some(id)).then_some("true")>
            <span class="troth-stage__n">{row.n}</span>
            {if confirmed {
                view! { <s class="troth-stage__text">{text}</s> }.into_any()
            } else {
                view! { <span class="troth-stage__text">{text}</span> }.into_any()
            }}
            <span class="troth-stage__asker">{row.asker_names()}</span>
            {(!status.is_empty()).then(|| view! { <p class="troth-stage__prompt">{status}</p> })}
        </li>
    }
}
