//! The asker's answer to "did this cover it?".

use super::TopicRow;
use crate::domain::talk::{TopicAction, MAX_TOPIC};
use crate::domain::{PersonId, TopicId};
use crate::ui::components::field::TextField;
use leptos::prelude::*;

/// The asker's answer to "did this cover it?".
#[component]
pub fn Answers(
    row: TopicRow,
    topic: impl Fn(TopicId, TopicAction) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let tid = row.id;
    let waiting = row.waiting();
    let missing = RwSignal::new(String::new());
    // Who says "not yet": one of those still asked, the first unless another is chosen. The
    // select shows exactly this value, so what is recorded is who is shown.
    let by = RwSignal::new(waiting.first().map(|(id, _)| *id));
    let choices = waiting.clone();
    view! {
        <div class="troth-buttons">
            {waiting.iter().enumerate().map(|(i, (who, name))| {
                let who = *who;
                let label = if i == 0 { format!("{name} confirms (Y)") } else { format!("{name} confirms") };
                view! { <button type="button" class="troth-button troth-button--primary" on:click=move |_| topic(tid, TopicAction::Confirm { by: who })>{label}</button> }
            }).collect_view()}
        </div>
        <form class="troth-form" on:submit=move |ev| {
            ev.prevent_default();
            if let Some(by) = by.get_untracked() {
                topic(tid, TopicAction::NotYet { by, missing: missing.get_untracked() });
            }
        }>
            {(choices.len() > 1).then(|| view! {
                <div class="troth-field">
                    <label for="notyet-by">"Who says so"</label>
                    <select id="notyet-by"
                        prop:value=move || by.get().map(|p| p.0.to_string()).unwrap_or_default()
                        on:change=move |ev| by.set(event_target_value(&ev).parse().ok().map(PersonId))>
                        {choices.iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name.clone()}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <TextField id="notyet-missing" label="Not yet: what is still missing? (N)" value=missing max=MAX_TOPIC wide=true/>
            <button type="submit" class="troth-button">"Not yet"</button>
        </form>
    }
}
