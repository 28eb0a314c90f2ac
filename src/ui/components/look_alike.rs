//! "Is this Sam?": asked where a typed or linked name would make someone new whose name reads
//! like someone's already in the book ("Ѕam", with a Cyrillic S), before a second Sam is made.

use crate::ui::app::Troth;
use leptos::prelude::*;

/// The existing person `name` reads like, while the user has not answered.
pub fn asking(name: &str, answered: RwSignal<bool>) -> Option<String> {
    if answered.get() {
        return None;
    }
    Troth::get()
        .book
        .with(|b| b.looks_like(name).map(|p| p.name.clone()))
}

/// The question, with its two answers: `same` gets the existing person's name; either answer
/// sets `answered`.
#[component]
pub fn IsThis(
    #[prop(into)] name: Signal<String>,
    same: Callback<String>,
    answered: RwSignal<bool>,
) -> impl IntoView {
    move || {
        let typed = name.get();
        asking(&typed, answered).map(|known| {
            let yes = known.clone();
            view! {
                <div class="troth-note troth-note--needed" id="is-this" role="group" aria-labelledby="is-this-q">
                    <p id="is-this-q">{format!("Is this {known}? “{typed}” reads the same, but is written with other letters.")}</p>
                    <div class="troth-buttons">
                        <button type="button" class="troth-button" on:click=move |_| {
                            same.run(yes.clone());
                            answered.set(true);
                        }>{format!("Yes, {known}")}</button>
                        <button type="button" class="troth-button" on:click=move |_| answered.set(true)>"No, someone new"</button>
                    </div>
                </div>
            }
        })
    }
}
