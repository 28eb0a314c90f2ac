//! One topic in the console's list: pick it to put it on stage.

use super::{Stage, TopicRow};
use crate::domain::TopicId;
use leptos::prelude::*;

/// The topic `id`, drawn from `row` (its own memo, so a change to another topic, or the clock,
/// redraws nothing here).
#[component]
pub fn TopicItem(id: TopicId, row: Memo<Option<TopicRow>>, stage: Stage) -> impl IntoView {
    let is_current = move || stage.current.get() == Some(id);
    move || {
        row.get().map(|row| {
            let status = row.status_line();
            view! {
                <li class=format!("troth-topic troth-topic--{}", row.class()) aria-current=move || is_current().then_some("true")>
                    <button type="button" class="troth-topic__pick" on:click=move |_| stage.go(Some(id))>
                        <span class="troth-topic__n">{row.n}"."</span>
                        <span class="troth-topic__text">{row.text.clone()}</span>
                        <span class="troth-topic__askers">{row.asker_names()}</span>
                        <span class="troth-tag">{row.state.name()}</span>
                    </button>
                    {(!status.is_empty()).then(|| view! { <p class="troth-topic__status">{status}</p> })}
                </li>
            }
        })
    }
}
