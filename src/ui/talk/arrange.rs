//! Rewording and merging, while nobody has answered for the topic yet.

use super::{Stage, TopicRow};
use crate::domain::talk::{split_asker, MAX_TOPIC};
use crate::domain::{Command, Recipient, TalkId, TopicId, MAX_NAME};
use crate::ui::app::Troth;
use crate::ui::components::field::TextField;
use crate::ui::form::Form;
use leptos::prelude::*;

/// Rewording and merging, while nobody has answered for the topic yet.
#[component]
pub fn Arrange(row: TopicRow, id: TalkId, stage: Stage, form: Form) -> impl IntoView {
    let troth = Troth::get();
    let tid = row.id;
    let single = row.askers.len() == 1;
    let first = row.askers.first().map(|a| a.1.clone()).unwrap_or_default();
    let line = RwSignal::new(if single {
        format!("{first}: {}", row.text)
    } else {
        row.text.clone()
    });
    let merge_with = RwSignal::new(String::new());
    let others = Memo::new(move |_| {
        troth.book.with(|b| {
            b.talk(id).map_or_else(Vec::new, |t| {
                t.topics()
                    .filter(|x| x.id() != tid && x.is_untouched())
                    .map(|x| (x.id(), x.text().to_owned()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = line.get_untracked();
        let (name, text) = split_asker(&typed);
        let asker = name.map(|n| {
            troth
                .book
                .with_untracked(|b| b.person_named(n).map(|p| p.id))
                .map_or_else(|| Recipient::NameOnly(n.to_owned()), Recipient::Existing)
        });
        let command = Command::EditTopic {
            talk: id,
            topic: tid,
            text: text.to_owned(),
            asker,
        };
        form.submit(command, |_| {});
    };
    let merge = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(from) = merge_with.get_untracked().parse().map(TopicId) else {
            form.refuse("Choose the topic to merge into this one.");
            return;
        };
        let command = Command::MergeTopics {
            talk: id,
            into: tid,
            from,
        };
        form.submit(command, |_| {});
        stage.go(Some(tid));
    };
    view! {
        <details class="troth-arrange">
            <summary>"Reword or merge"</summary>
            <form class="troth-form" on:submit=save>
                <TextField id="edit-topic" label="Wording (“Name: topic” changes who asked)" value=line max=MAX_TOPIC + MAX_NAME + 2 wide=true/>
                <button type="submit" class="troth-button">"Save wording"</button>
            </form>
            <Show when=move || !others.with(Vec::is_empty)>
                <form class="troth-form" on:submit=merge>
                    <div class="troth-field troth-field--wide">
                        <label for="merge-with">"Same as (merge it into this one, keeping both askers)"</label>
                        <select id="merge-with" on:change=move |ev| merge_with.set(event_target_value(&ev))>
                            <option value="">"Choose a topic"</option>
                            {move || others.get().into_iter().map(|(oid, text)| view! { <option value=oid.0.to_string()>{text}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="troth-button">"Merge"</button>
                </form>
            </Show>
        </details>
    }
}
