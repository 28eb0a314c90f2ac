//! One choice among a few, as a labelled `<select>`: for forms repeated on one page (one per
//! review, one per raised hand), where each needs ids of its own.

use leptos::prelude::*;

#[component]
pub fn Pick(
    /// The select's id; its label points at it.
    #[prop(into)]
    id: String,
    /// What is being chosen, always visible.
    label: &'static str,
    /// The options' words, in order.
    options: &'static [&'static str],
    /// The index of the chosen option.
    chosen: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <div class="troth-field">
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=move || chosen.get().to_string()
                on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))>
                {options.iter().enumerate().map(|(i, o)| view! { <option value=i.to_string()>{*o}</option> }).collect_view()}
            </select>
        </div>
    }
}
