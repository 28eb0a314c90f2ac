//! The audience's window, for the projector: large, high contrast, nothing to click. It follows
//! the presenter's console live and answers the same clicker keys.

use super::present::talk_page;
use super::{stage_keys, use_clock, KeysHelp, Stage, TopicRow};
use crate::domain::{Instant, TalkId, TopicId};
use crate::ui::app::Troth;
use crate::ui::on_stage::{scroll_for, Window};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{ResizeObserver, ScrollBehavior, ScrollToOptions};

#[component]
pub fn Project(id: TalkId) -> impl IntoView {
    talk_page(id, |id| view! { <Projector id/> }.into_any())
}

#[component]
fn Projector(id: TalkId) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let stage = Stage::join(id);
    let clock = use_clock();
    // Covered and confirmed work here too; what needs typing stays in the console.
    // The projector has no place for a refusal (the audience reads it): the console shows
    // the topic's state, and the presenter's keys there say why.
    stage_keys(stage, Window::Projector, Callback::new(drop));

    let head = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id).map(|t| Head {
                title: t.title().to_owned(),
                started: t.started(),
                progress: t.progress(),
            })
        })
    });
    let rows = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id)
                .map(|t| TopicRow::all(b, t, rules))
                .unwrap_or_default()
        })
    });
    // Frame the current topic whenever it moves: on the next frame, gliding there.
    Effect::new(move |_| {
        stage.current.track();
        request_animation_frame(|| frame_current(false));
    });
    // And at once whenever the list or a topic in it changes size: the window resized or
    // dragged to another screen, full screen on or off, a font loaded, a topic rewrapped or
    // grown. A ResizeObserver reports after layout and before paint, so the framing reads the
    // layout as it will be shown (a resize event can come before the layout it brings), and
    // the room never sees the frame between.
    let reframe = Closure::<dyn FnMut()>::new(|| frame_current(true));
    let observer = ResizeObserver::new(reframe.as_ref().unchecked_ref()).ok();
    let held = StoredValue::new_local((observer, Some(reframe)));
    // Topics drawn anew are watched too; watching again reports once more, which frames again.
    Effect::new(move |_| {
        rows.track();
        request_animation_frame(move || held.with_value(|(o, _)| watch(o.as_ref())));
    });
    on_cleanup(move || {
        held.update_value(|(o, reframe)| {
            if let Some(o) = o {
                o.disconnect();
            }
            *reframe = None;
        });
    });
    let progress = move || head.get().map_or((0, 0), |h| h.progress);

    view! {
        <div class="troth-stage" class:troth-stage--many=move || rows.with(|r| r.len() > 8)>
            <header class="troth-stage__head">
                <h1 class="troth-stage__title">{move || head.get().map(|h| h.title).unwrap_or_default()}</h1>
                <p class="troth-stage__progress">{move || { let (c, n) = progress(); format!("{c} of {n} confirmed") }}</p>
                <div class="troth-stage__bar" role="progressbar" aria-label="Topics confirmed"
                    aria-valuemin="0" aria-valuemax=move || progress().1 aria-valuenow=move || progress().0>
                    <span style:width=move || { let (c, n) = progress(); format!("{}%", (c * 100).checked_div(n).unwrap_or(0)) }></span>
                </div>
                <p class="troth-stage__clock">{move || head.get().and_then(|h| h.started).map(|s| crate::domain::talk::elapsed(s, clock.get())).unwrap_or_default()}</p>
            </header>
            <ol class="troth-stage__topics">
                <For each=move || rows.with(|r| TopicRow::ids(r)) key=|id| *id let:topic>
                    <StageTopic id=topic row=TopicRow::by_id(rows, topic) stage/>
                </For>
            </ol>
            <Show when=move || stage.blank.get()>
                <div class="troth-stage__blank"><p class="troth-visually-hidden" role="status">"The screen is blank. Press B to show it."</p></div>
            </Show>
            <KeysHelp open=stage.help console=false/>
        </div>
    }
}

/// The topic `id` on the projector, drawn from its own memo (see `TopicItem`).
#[component]
fn StageTopic(id: TopicId, row: Memo<Option<TopicRow>>, stage: Stage) -> impl IntoView {
    move || {
        row.get().map(|row| {
            let text = row.text.clone();
            let status = row.status_line();
            view! {
                <li class=format!("troth-stage__topic troth-stage__topic--{}", row.class())
                    aria-current=move || (stage.current.get() == Some(id)).then_some("true")>
                    <span class="troth-stage__n">{row.n}</span>
                    {if row.class() == "confirmed" {
                        view! { <s class="troth-stage__text">{text}</s> }.into_any()
                    } else {
                        view! { <span class="troth-stage__text">{text}</span> }.into_any()
                    }}
                    <span class="troth-stage__asker">{row.asker_names()}</span>
                    {(!status.is_empty()).then(|| view! { <p class="troth-stage__prompt">{status}</p> })}
                </li>
            }
        })
    }
}

/// Watches the list and every topic in it for a change of size (see `Projector`).
fn watch(observer: Option<&ResizeObserver>) {
    let (Some(observer), Ok(Some(list))) =
        (observer, document().query_selector(".troth-stage__topics"))
    else {
        return;
    };
    observer.disconnect();
    observer.observe(&list);
    let items = list.children();
    for li in (0..items.length()).filter_map(|i| items.item(i)) {
        observer.observe(&li);
    }
}

/// Scrolls the list so that the current topic is wholly in view and a topic starts at its top
/// edge, then hides any topic an edge still cuts: the room never reads half a topic. `jump`:
/// at once, not gliding (the layout changed under it: there is no place to glide from).
fn frame_current(jump: bool) {
    let Ok(Some(list)) = document().query_selector(".troth-stage__topics") else {
        return;
    };
    let items = list.children();
    // Offsets are from the list itself (it is positioned): where each row sits unscrolled.
    let rows: Vec<(web_sys::HtmlElement, f64, f64)> = (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|li| {
            let top = f64::from(li.offset_top());
            let bottom = top + f64::from(li.offset_height());
            (li, top, bottom)
        })
        .collect();
    let spans: Vec<(f64, f64)> = rows.iter().map(|r| (r.1, r.2)).collect();
    let height = f64::from(list.client_height());
    let current = rows.iter().position(|r| r.0.has_attribute("aria-current"));
    let now = f64::from(list.scroll_top());
    // Where the list comes to rest: it may still be gliding there (smooth scrolling), so the
    // topics are judged by where it will stop, not by where it is. The browser stops at the
    // end of the list.
    let end = f64::from(list.scroll_height() - list.client_height()).max(0.0);
    let from = match current {
        Some(current) => {
            let to = scroll_for(&spans, current, height, now)
                .clamp(0.0, end)
                .round();
            // Whole pixels: offsets are whole too.
            if jump {
                let at = ScrollToOptions::new();
                at.set_top(to);
                at.set_behavior(ScrollBehavior::Instant);
                list.scroll_to_with_scroll_to_options(&at);
            } else {
                list.set_scroll_top(to as i32);
            }
            to
        }
        None => now,
    };
    for (li, top, bottom) in &rows {
        let cut = *top < from - 0.5 || *bottom > from + height + 0.5;
        if cut != li.has_attribute("data-cut") {
            let _ = li.toggle_attribute_with_force("data-cut", cut);
        }
    }
}

/// What the projector's header shows.
#[derive(Clone, PartialEq)]
struct Head {
    title: String,
    started: Option<Instant>,
    /// Confirmed topics, of all.
    progress: (usize, usize),
}
