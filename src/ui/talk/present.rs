//! The presenter's page for one talk: the console, or "no such talk".

use super::Console;
use crate::domain::TalkId;
use crate::ui::app::Troth;
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn Present(id: TalkId) -> impl IntoView {
    talk_page(id, |id| view! { <Console id/> }.into_any())
}

/// Shows `page` while talk `id` exists, and says so once it does not (deleted in another window).
pub fn talk_page(id: TalkId, page: fn(TalkId) -> AnyView) -> impl IntoView {
    let troth = Troth::get();
    let exists = Memo::new(move |_| troth.book.with(|b| b.talk(id).is_some()));
    move || {
        if exists.get() {
            page(id)
        } else {
            view! {
                <h1 tabindex="-1">"No such talk"</h1>
                <p>"It may have been deleted. " <a href=Route::Talks.href()>"All talks"</a></p>
            }
            .into_any()
        }
    }
}
