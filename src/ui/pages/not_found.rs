use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Nothing here"</h1>
        <p>"This link leads nowhere in Troth. " <a href="#/">"Back to the ledger"</a></p>
    }
}
