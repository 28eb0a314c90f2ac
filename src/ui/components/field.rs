//! A labelled text input bound to a signal: every text field in Troth is one of these, so
//! each looks and behaves alike (and the WASM holds one copy of the binding code, not sixteen).

use leptos::prelude::*;

#[component]
pub fn TextField(
    /// The input's id; the label points at it, and tests and styles find it by it.
    #[prop(into)]
    id: String,
    /// What the field is for, always visible.
    #[prop(into)]
    label: String,
    /// The text, read and written as the user types.
    value: RwSignal<String>,
    /// The input's type: `text` unless given (`date`, `time`, `search`).
    #[prop(optional)]
    kind: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// The most characters it takes.
    #[prop(optional)]
    max: Option<usize>,
    /// A sentence under the field, read out with it.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Takes a whole row.
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let class = if wide {
        "troth-field troth-field--wide"
    } else {
        "troth-field"
    };
    let kind = kind.unwrap_or("text");
    view! {
        <div class=class>
            <label for=id.clone()>{label}</label>
            <input id=id type=kind list=list maxlength=max.map(|m| m.to_string())
                autocomplete="off" spellcheck=(kind == "text").then_some("true")
                required=matches!(kind, "date" | "time")
                aria-describedby=hint_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            {hint.map(|h| view! { <p id=hint_id class="troth-hint">{h}</p> })}
        </div>
    }
}

/// A form's refusal, in words, announced as it appears.
#[component]
pub fn ErrorLine(error: RwSignal<Option<String>>) -> impl IntoView {
    view! { <p class="troth-error" role="alert">{move || error.get()}</p> }
}
