//! Messages at the top of the page: what happened, in words, until the user dismisses them
//! (the messages themselves are [`crate::ui::message`]'s).

use crate::ui::app::Troth;
use crate::ui::message::{download, Tone};
use leptos::prelude::*;

/// Key and value pairs written as one JSON object.
struct AsObject(Vec<(String, String)>);

impl serde::Serialize for AsObject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[component]
pub fn Messages() -> impl IntoView {
    let troth = Troth::get();
    // The message goes with its button: the keyboard's place moves to the page's content.
    let dismiss = move |id: u64| {
        troth.news.messages.update(|m| m.retain(|x| x.id() != id));
        crate::ui::focus::focus("#main");
    };
    let has_aside =
        move || troth.news.messages.with(|m| !m.is_empty()) && !troth.aside().is_empty();
    let save_aside = move |_| {
        // In key order, by the program's one sort (collecting into a map would add another).
        let mut aside = troth.aside();
        crate::domain::order::sort_by(&mut aside, |a, b| a.0.cmp(&b.0));
        let json = serde_json::to_string_pretty(&AsObject(aside)).unwrap_or_default();
        download("troth-unreadable-data.json", "application/json", &json);
    };
    view! {
        <section class="troth-messages" aria-label="Messages" aria-live="polite">
            {move || troth.news.messages.get().into_iter().map(|m| {
                // The Undo button shows while the change it reports is the last one made here.
                let undo = m.undo().cloned();
                let (id, tone) = (m.id(), m.tone());
                let last = move || undo.is_some() && troth.news.undo.with(|u| *u == undo);
                view! {
                    // Focusable from script: after a change with no next step to offer, or an undo,
                    // focus moves to the message saying so (`News::done`, `News::report`).
                    <p id=m.dom_id() tabindex="-1" class=format!("troth-message troth-message--{}", tone.as_str())
                       role=if tone == Tone::Problem { "alert" } else { "status" }>
                        <span>{m.text().to_owned()}</span>
                        <Show when=last>
                            <button type="button" class="troth-button troth-message__undo"
                                on:click=move |_| troth.take_back()>"Undo"</button>
                        </Show>
                        <button type="button" class="troth-button troth-button--quiet"
                            on:click=move |_| dismiss(id)>"Dismiss"</button>
                    </p>
                }
            }).collect_view()}
            <Show when=move || troth.news.update_ready.get()>
                <p class="troth-message" role="status">
                    <span>"A new version of Troth is ready."</span>
                    <button type="button" class="troth-button" on:click=|_| crate::ui::pwa::update()>"Reload"</button>
                </p>
            </Show>
            <Show when=move || troth.news.unsaved.with(Option::is_some)>
                <button type="button" class="troth-button" on:click=move |_| troth.news.export_unsaved()>
                    "Download a backup that includes the unsaved change"
                </button>
            </Show>
            <Show when=has_aside>
                <button type="button" class="troth-button" on:click=save_aside>
                    "Download the data kept aside"
                </button>
            </Show>
        </section>
    }
}
