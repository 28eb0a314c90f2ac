//! The topic on stage, with what can be done about it now.

use super::{Answers, Arrange, Defer, Stage, TopicRow};
use crate::domain::talk::{TopicAction, TopicState};
use crate::domain::{Command, TalkId, TopicId};
use crate::ui::app::Troth;
use crate::ui::route::{Part, Route};
use leptos::prelude::*;

/// The current topic and what can be done with it, by state.
#[component]
pub fn Current(
    row: TopicRow,
    id: TalkId,
    stage: Stage,
    topic: impl Fn(TopicId, TopicAction) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<String>>,
    remove: impl Fn(TopicRow) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let troth = Troth::get();
    let tid = row.id;
    let report = move |r: Result<_, String>| error.set(r.err());
    let actions = match &row.state {
        TopicState::Open | TopicState::NotYet { .. } => {
            let label = if matches!(row.state, TopicState::Open) { "Mark covered (C)" } else { "Delivered: mark covered again (C)" };
            view! {
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--primary" on:click=move |_| topic(tid, TopicAction::Cover)>{label}</button>
                </div>
                {matches!(row.state, TopicState::NotYet { .. }).then(|| view! { <Defer row=row.clone() id error/> })}
            }
            .into_any()
        }
        TopicState::Covered { .. } => view! { <Answers row=row.clone() topic/> }.into_any(),
        TopicState::Confirmed { .. } => view! { <p class="troth-closed">{format!("Crossed off: {}.", row.status_line())}</p> }.into_any(),
        TopicState::Deferred { commitment, .. } => view! {
            <p class="troth-closed">{row.status_line()}" "<a href=Route::Commitment(*commitment).href_from(Part::Talks)>"Open the commitment"</a></p>
        }
        .into_any(),
    };
    let untouched = row.untouched;
    let arrange = untouched.then(|| view! { <Arrange row=row.clone() id stage error/> });
    let removing = row.clone();
    view! {
        <h2 id="current-title">{format!("{}. {}", row.n, row.text)}</h2>
        <p class="troth-hint">{format!("Asked by {} · {}", row.asker_names(), row.state.name())}</p>
        {(!row.status_line().is_empty()).then(|| view! { <p class="troth-topic__status">{row.status_line()}</p> })}
        {actions}
        {arrange}
        <div class="troth-buttons">
            <button type="button" class="troth-button" on:click=move |_| troth.run(Command::MoveTopic { talk: id, topic: tid, to: row.n.saturating_sub(2) }, report)>"Move up (Alt+↑)"</button>
            <button type="button" class="troth-button" on:click=move |_| troth.run(Command::MoveTopic { talk: id, topic: tid, to: row.n }, report)>"Move down (Alt+↓)"</button>
            <button type="button" class="troth-button troth-button--danger" on:click=move |_| remove(removing.clone())>"Remove"</button>
        </div>
    }
}
