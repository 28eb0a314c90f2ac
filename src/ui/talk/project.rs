//! The audience's window, for the projector: large, high contrast, nothing to click. It follows
//! the presenter's console live and answers the same clicker keys.

use super::present::talk_page;
use super::{stage_keys, use_clock, KeysHelp, Stage, TopicRow};
use crate::domain::{Instant, TalkId, TopicId};
use crate::ui::app::Troth;
use crate::ui::on_stage::Window;
use leptos::prelude::*;

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

/// What the projector's header shows.
#[derive(Clone, PartialEq)]
struct Head {
    title: String,
    started: Option<Instant>,
    /// Confirmed topics, of all.
    progress: (usize, usize),
}
