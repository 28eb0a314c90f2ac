//! The topic on stage, with what can be done about it now.

use super::{Answers, Arrange, Defer, Stage, TopicRow};
use crate::domain::talk::{TopicAction, TopicState};
use crate::domain::{Command, TalkId, TopicId};
use crate::ui::form::Form;
use crate::ui::route::{Part, Route};
use leptos::prelude::*;

/// The current topic and what can be done with it, by state.
#[component]
pub fn Current(
    row: TopicRow,
    id: TalkId,
    stage: Stage,
    topic: impl Fn(TopicId, TopicAction) + Copy + Send + Sync + 'static,
    form: Form,
    remove: impl Fn(TopicRow) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let tid = row.id;
    let actions = match &row.state {
        TopicState::Open | TopicState::NotYet { .. } => {
            let label = if matches!(row.state, TopicState::Open) { "Mark covered (C)" } else { "Delivered: mark covered again (C)" };
            view! {
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--primary" on:click=move |_| topic(tid, TopicAction::Cover)>{label}</button>
                </div>
                {matches!(row.state, TopicState::NotYet { .. }).then(|| view! { <Defer row=row.clone() id form/> })}
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
    let arrange = untouched.then(|| view! { <Arrange row=row.clone() id stage form/> });
    let removing = row.clone();
    view! {
        <h2 id="current-title">{format!("{}. {}", row.n, row.text)}</h2>
        <p class="troth-hint">{format!("Asked by {} · {}", row.asker_names(), row.state.name())}</p>
        {(!row.status_line().is_empty()).then(|| view! { <p class="troth-topic__status">{row.status_line()}</p> })}
        {actions}
        {arrange}
        <div class="troth-buttons">
            <button type="button" class="troth-button" on:click=move |_| form.submit(Command::MoveTopic { talk: id, topic: tid, to: row.n.saturating_sub(2) }, |_| {})>"Move up (Alt+↑)"</button>
            <button type="button" class="troth-button" on:click=move |_| form.submit(Command::MoveTopic { talk: id, topic: tid, to: row.n }, |_| {})>"Move down (Alt+↓)"</button>
            <button type="button" class="troth-button troth-button--danger" on:click=move |_| remove(removing.clone())>"Remove"</button>
        </div>
    }
}
