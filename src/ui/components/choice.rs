//! One choice among a few, as a labelled group of radio buttons: each option said in words and
//! checked with a visible dot (not colour alone); the arrow keys move within the group, as in
//! any radio group.

use leptos::prelude::*;

/// The group. Not generic: the chosen option is an index, so every use shares one copy of the
/// view code in the WASM.
#[component]
pub fn Choice(
    /// The radios' shared name; each radio's id is `{name}-{slug}` (tests and styles find it).
    name: &'static str,
    /// What is being chosen, always visible (the group's legend).
    legend: &'static str,
    /// Each option: a short, stable slug and its label.
    options: &'static [(&'static str, &'static str)],
    /// The index of the chosen option in `options`.
    chosen: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <fieldset class="troth-choice">
            <legend>{legend}</legend>
            <div class="troth-choice__options">
                {options.iter().enumerate().map(|(i, (slug, label))| view! {
                    <label class="troth-choice__option">
                        <input type="radio" id=format!("{name}-{slug}") name=name
                            prop:checked=move || chosen.get() == i
                            on:change=move |_| chosen.set(i)/>
                        {*label}
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}
