//! Quick add: one line of plain words above the form, read by [`crate::domain::quick`] into the
//! form's fields. It makes nothing: the user sees the form filled, and makes it as usual.

use crate::domain::quick::{read, Context, Quick};
use crate::ui::app::Troth;
use crate::ui::components::field::TextField;
use leptos::prelude::*;

/// The line, its button ("Fill the form", or Enter), and what was filled, said in words.
#[component]
pub fn QuickAdd(
    /// Fills the form with what the line said; the form moves the focus.
    on_fill: Callback<Quick>,
) -> impl IntoView {
    let troth = Troth::get();
    let line = RwSignal::new(String::new());
    let told = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = line.get_untracked();
        if text.trim().is_empty() {
            told.set(Some(
                "Type a line first, such as “call Bo tomorrow 9:30”.".into(),
            ));
            return;
        }
        let mine = troth.page.my_zone.get_value();
        let people: Vec<String> = troth
            .book
            .with_untracked(|b| b.people().into_iter().map(|p| p.name.clone()).collect());
        let quick = read(
            &text,
            Context {
                now: troth.page.now.get_untracked(),
                mine: &mine,
                rules: troth.page.rules(),
                people: &people,
            },
        );
        told.set(Some(quick.summary()));
        line.set(String::new());
        on_fill.run(quick);
    };
    view! {
        <form class="troth-card troth-form troth-quick" aria-label="Quick add" on:submit=submit>
            <TextField id="quick-line" label="Quick add" value=line wide=true
                hint="Plain words fill the form below, such as “Send the deck to Ana by Tue 17:00 \
                      Berlin”. Nothing is made until you make it there."/>
            <button type="submit" class="troth-button">"Fill the form"</button>
            <p class="troth-hint" id="quick-told" role="status">{move || told.get()}</p>
        </form>
    }
}
