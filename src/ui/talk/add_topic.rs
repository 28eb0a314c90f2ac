//! Adding the topics the audience names, each with its asker.

use super::Stage;
use crate::domain::talk::{split_asker, MAX_TOPIC};
use crate::domain::{Command, Recipient, TalkId, MAX_NAME};
use crate::ui::app::Troth;
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::look_alike::{asking, IsThis};
use crate::ui::form::Form;
use leptos::html;
use leptos::prelude::*;

/// The line a presenter types: `Ana: pricing for schools` fills both the asker and the topic.
#[component]
pub fn AddTopic(id: TalkId, stage: Stage) -> impl IntoView {
    let troth = Troth::get();
    let line = RwSignal::new(String::new());
    let asker = RwSignal::new(String::new());
    let form = Form::new();
    let submit = NodeRef::<html::Button>::new();
    let typed_name = move || split_asker(&line.get()).0.map(str::to_owned);
    let named = move || typed_name().unwrap_or_else(|| asker.get());
    // "Is this Sam?" answered for the name as typed now: `as_who` is the person it is.
    let (answered, as_who) = (RwSignal::new(false), RwSignal::new(None::<String>));
    Effect::new(move |_| {
        named();
        answered.set(false);
        as_who.set(None);
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = line.get_untracked();
        let (name, topic) = split_asker(&text);
        let name = as_who
            .get_untracked()
            .or_else(|| name.map(str::to_owned))
            .unwrap_or_else(|| asker.get_untracked());
        if asking(&name, answered).is_some() {
            form.refuse("Say first who asked: see the question under “Asked by”.");
            return;
        }
        if name.trim().is_empty() {
            form.refuse("Say who asked: type “Name: topic”, or fill in “Asked by”.");
            return;
        }
        let who = troth
            .book
            .with_untracked(|b| b.person_named(&name).map(|p| p.id));
        let recipient = who.map_or_else(
            // Someone new in the room: their time zone is theirs to say, not guessed from ours.
            || Recipient::NameOnly(name.clone()),
            Recipient::Existing,
        );
        let command = Command::AddTopic {
            talk: id,
            asker: recipient,
            text: topic.to_owned(),
        };
        form.submit(command, move |_| {
            line.set(String::new());
            asker.set(String::new());
            // Out of the field, so the clicker's B (and C, Y) work at once; `A` comes back.
            if let Some(submit) = submit.get_untracked() {
                let _ = submit.focus();
            }
            if stage
                .current
                .try_get_untracked()
                .is_some_and(|c| c.is_none())
            {
                let first = troth
                    .book
                    .with_untracked(|b| b.talk(id).and_then(|t| t.first_unsettled()));
                stage.go(first);
            }
        });
    };
    view! {
        <form class="troth-card troth-form" on:submit=add aria-labelledby="add-topic-title">
            <h2 id="add-topic-title">"Add a topic"</h2>
            <TextField id="topic-line" label="Topic" value=line max=MAX_TOPIC + MAX_NAME + 2 wide=true
                hint="Type “Ana: pricing for schools” to note who asked in the same line."/>
            <div class="troth-field">
                <label for="topic-asker">"Asked by"</label>
                <input id="topic-asker" list="troth-people" autocomplete="off" maxlength=MAX_NAME
                    prop:value=move || typed_name().unwrap_or_else(|| asker.get())
                    prop:readonly=move || typed_name().is_some()
                    on:input=move |ev| asker.set(event_target_value(&ev))/>
            </div>
            <IsThis name=Signal::derive(named) same=Callback::new(move |known| as_who.set(Some(known))) answered/>
            <ErrorLine error=form.error/>
            <button type="submit" class="troth-button troth-button--primary" node_ref=submit>"Add topic"</button>
            <datalist id="troth-people">
                {move || troth.book.with(|b| b.people().iter().map(|p| view! { <option value=p.name.clone()/> }).collect_view())}
            </datalist>
        </form>
    }
}
