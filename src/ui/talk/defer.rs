//! Turning what is still missing into a follow-up commitment to the asker.

use super::TopicRow;
use crate::domain::talk::TopicState;
use crate::domain::{Command, TalkId, MAX_TEXT};
use crate::ui::app::Troth;
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::TextField;
use crate::ui::form::Form;
use leptos::prelude::*;

/// Turns what is missing into a commitment to the asker, with a specific due moment.
#[component]
pub fn Defer(row: TopicRow, id: TalkId, form: Form) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let tid = row.id;
    let missing = match &row.state {
        TopicState::NotYet { missing, .. } => missing.clone(),
        _ => String::new(),
    };
    let what = RwSignal::new(
        format!("{}: {missing}", row.text)
            .chars()
            .take(MAX_TEXT)
            .collect::<String>(),
    );
    let zone = match &row.state {
        TopicState::NotYet { by, .. } => troth
            .book
            .with_untracked(|b| b.person(*by).and_then(|p| p.zone.clone())),
        _ => None,
    }
    .unwrap_or_else(|| troth.page.my_zone.get_value());
    let inputs = DueInputs::new(zone.name());
    let defer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match inputs.due(rules) {
            Ok(due) => {
                let command = Command::DeferTopic {
                    talk: id,
                    topic: tid,
                    what: what.get_untracked(),
                    due,
                };
                form.submit(command, |_| {});
            }
            Err(e) => form.refuse(e),
        }
    };
    view! {
        <form class="troth-form" on:submit=defer aria-labelledby="defer-title">
            <h3 id="defer-title">{format!("Or defer it: a commitment to {}", row.who)}</h3>
            <TextField id="defer-what" label="What you will deliver (D)" value=what max=MAX_TEXT wide=true/>
            <DueFields inputs id="defer"/>
            <button type="submit" class="troth-button">"Defer to a commitment"</button>
        </form>
    }
}
