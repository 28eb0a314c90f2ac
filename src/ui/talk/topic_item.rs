//! One topic in the console's list: pick it to put it on stage.

use super::{Stage, TopicRow};
use leptos::prelude::*;

#[component]
pub fn TopicItem(row: TopicRow, stage: Stage) -> impl IntoView {
    let id = row.id;
    let is_current = move || stage.current.get() == Some(id);
    let class = format!("troth-topic troth-topic--{}", row.class());
    let status = row.status_line();
    view! {
        <li class=class aria-current=move || is_current().then_some("true")>
            <button type="button" class="troth-topic__pick" on:click=move |_| stage.go(Some(id))>
                <span class="troth-topic__n">{row.n}"."</span>
                <span class="troth-topic__text">{row.text.clone()}</span>
                <span class="troth-topic__askers">{row.asker_names()}</span>
                <span class="troth-tag">{row.state.name()}</span>
            </button>
            {(!status.is_empty()).then(|| view! { <p class="troth-topic__status">{status}</p> })}
        </li>
    }
}
