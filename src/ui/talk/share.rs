//! A talk shared by link: previewed first, imported only when asked.

use crate::domain::share::SharedTalk;
use crate::domain::{Change, Command};
use crate::ui::app::Troth;
use crate::ui::form::Form;
use crate::ui::intl::talk_day;
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn SharePage(payload: String) -> impl IntoView {
    let troth = Troth::get();
    let opened = LocalResource::new(move || {
        let payload = payload.clone();
        async move { crate::ui::share_link::open(&payload).await }
    });
    let form = Form::new();
    let import = move |shared: SharedTalk| {
        let command = Command::ImportTalk { shared };
        form.submit(command, move |change| {
            if let Change::Talk(id) = change {
                troth.page.go(&Route::Present(id))
            }
        });
    };
    view! {
        <h1 tabindex="-1">"A shared talk"</h1>
        {move || match opened.get() {
            None => view! { <p>"Reading the link…"</p> }.into_any(),
            Some(Err(e)) => view! {
                <p class="troth-error" role="alert">{e.to_string()}</p>
                <p>"Nothing was imported. " <a href=Route::Talks.href()>"Your talks"</a></p>
            }.into_any(),
            Some(Ok(shared)) => {
                let keep = shared.clone();
                view! {
                    <p>"This link carries a talk's topic list, made on another device. Look it over; it is added to your talks only if you import it."</p>
                    <section class="troth-card" aria-labelledby="preview-title">
                        <h2 id="preview-title">{format!("{} ({})", shared.title, talk_day(&shared.date))}</h2>
                        <ol class="troth-summary">
                            {shared.topics.iter().map(|t| view! {
                                <li><strong>{t.text.clone()}</strong>" — asked by "{t.askers.join(" and ")}</li>
                            }).collect_view()}
                        </ol>
                    </section>
                    <p class="troth-error" role="alert">{move || form.error.get()}</p>
                    <div class="troth-buttons">
                        <button type="button" class="troth-button troth-button--primary" on:click=move |_| import(keep.clone())>
                            {format!("Import “{}” with {} topics", shared.title, shared.topics.len())}
                        </button>
                        <a class="troth-button" href=Route::Talks.href()>"Don't import"</a>
                    </div>
                }.into_any()
            }
        }}
    }
}
