//! A labelled text input bound to a signal: every text field in Troth is one of these, so
//! each looks and behaves alike (and the WASM holds one copy of the binding code, not sixteen).

use leptos::prelude::*;

#[component]
pub fn TextField(
    /// The input's id; the label points at it, and tests and styles find it by it.
    #[prop(into)]
    id: String,
    /// What the field is for, always visible; it may change (a form that goes both ways).
    #[prop(into)]
    label: TextProp,
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
    /// A sentence under the field, read out with it; it may change, like the label.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// Takes a whole row.
    #[prop(optional)]
    wide: bool,
    /// What is wrong with the value, shown and announced at the field itself.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    let wrong = move || error.and_then(|e| e.get());
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = hint_id
                .iter()
                .map(String::as_str)
                .chain(wrong().is_some().then_some(error_id.as_str()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let class = if wide {
        "troth-field troth-field--wide"
    } else {
        "troth-field"
    };
    let kind = kind.unwrap_or("text");
    view! {
        <div class=class>
            <label for=id.clone()>{move || label.get()}</label>
            <input id=id type=kind list=list maxlength=max.map(|m| m.to_string())
                autocomplete="off" spellcheck=(kind == "text").then_some("true")
                required=matches!(kind, "date" | "time")
                aria-invalid=move || wrong().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            {hint.map(|h| view! { <p id=hint_id class="troth-hint">{move || h.get()}</p> })}
            {error.map(|_| view! { <p id=error_id class="troth-field__error" aria-live="polite">{wrong}</p> })}
        </div>
    }
}

/// A form's refusal, in words, announced as it appears.
#[component]
pub fn ErrorLine(error: RwSignal<Option<String>>) -> impl IntoView {
    view! { <p class="troth-error" role="alert">{move || error.get()}</p> }
}
