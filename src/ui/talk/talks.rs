//! Talks: create one, open it, archive it, delete it (after asking).

use crate::domain::talk::MAX_TITLE;
use crate::domain::{Change, Command, TalkId};
use crate::ui::app::Troth;
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::form::Form;
use crate::ui::intl::talk_day;
use crate::ui::route::Route;
use leptos::prelude::*;

/// One talk in the list.
#[derive(Clone, PartialEq)]
struct TalkRow {
    id: TalkId,
    title: String,
    date: String,
    confirmed: usize,
    topics: usize,
    archived: bool,
}

#[component]
pub fn Talks() -> impl IntoView {
    let troth = Troth::get();
    let title = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let form = Form::new();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = Command::AddTalk {
            title: title.get_untracked(),
            date: date.get_untracked(),
        };
        form.submit(command, move |change| {
            if let Change::Talk(id) = change {
                troth.page.go(&Route::Present(id))
            }
        });
    };
    let rows = Memo::new(move |_| {
        troth.book.with(|b| {
            let mut rows: Vec<TalkRow> = b
                .talks()
                .map(|t| {
                    let (confirmed, topics) = t.progress();
                    TalkRow {
                        id: t.id(),
                        title: t.title().to_owned(),
                        date: t.date().to_owned(),
                        confirmed,
                        topics,
                        archived: t.is_archived(),
                    }
                })
                .collect();
            // Newest first: the next talk is what a presenter looks for.
            crate::domain::order::sort_by(&mut rows, |a, b| {
                b.date.cmp(&a.date).then(b.id.cmp(&a.id))
            });
            rows
        })
    });
    let list = move |archived: bool| {
        move || {
            rows.get()
                .into_iter()
                .filter(|r| r.archived == archived)
                .map(|r| view! { <TalkItem row=r/> })
                .collect_view()
        }
    };
    let any = move |archived: bool| rows.with(|r| r.iter().any(|r| r.archived == archived));

    view! {
        <h1 tabindex="-1">"Talks"</h1>
        <p class="troth-hint">"At the start of a talk, write down each topic the audience asks for, with who asked. A topic is crossed off only when that person says it was covered."</p>
        <form class="troth-card troth-form" on:submit=create aria-labelledby="new-talk-title">
            <h2 id="new-talk-title">"New talk"</h2>
            <TextField id="talk-title" label="Title" value=title max=MAX_TITLE wide=true/>
            <TextField id="talk-date" label="Day" value=date kind="date"/>
            <ErrorLine error=form.error/>
            <button type="submit" class="troth-button troth-button--primary">"Create talk"</button>
        </form>
        <Show when=move || any(false) fallback=|| view! { <p class="troth-empty">"No talks yet."</p> }>
            <ul class="troth-list" aria-label="Talks">{list(false)}</ul>
        </Show>
        <Show when=move || any(true)>
            <section class="troth-card" aria-labelledby="archived-title">
                <h2 id="archived-title">"Archived"</h2>
                <ul class="troth-list">{list(true)}</ul>
            </section>
        </Show>
    }
}

#[component]
fn TalkItem(row: TalkRow) -> impl IntoView {
    let troth = Troth::get();
    let id = row.id;
    let confirming = RwSignal::new(false);
    let title = row.title.clone();
    let title_said = StoredValue::new(row.title.clone());
    let delete = move |_| {
        if confirming.get_untracked() {
            troth.act_then(
                Command::DeleteTalk { id },
                format!("Deleted “{}”.", title_said.get_value()),
                None,
            );
        } else {
            confirming.set(true);
        }
    };
    let archived = row.archived;
    view! {
        <li class="troth-row">
            <a class="troth-row__what" href=Route::Present(id).href()>{row.title.clone()}</a>
            <span class="troth-row__to">{format!("{} · {} of {} topics confirmed", talk_day(&row.date), row.confirmed, row.topics)}</span>
            <div class="troth-buttons troth-row__actions">
                <a class="troth-button" href=Route::Summary(id).href()>"Summary"</a>
                <button type="button" class="troth-button"
                    on:click=move |_| {
                        let said = if archived { "Unarchived" } else { "Archived" };
                        troth.act_then(
                            Command::ArchiveTalk { id, archived: !archived },
                            format!("{said} “{}”.", title_said.get_value()),
                            None,
                        );
                    }>
                    {if archived { "Unarchive" } else { "Archive" }}
                </button>
                <button type="button" class="troth-button troth-button--danger" id=format!("delete-talk-{id}") on:click=delete>
                    {move || if confirming.get() { "Yes, delete it" } else { "Delete…" }}
                </button>
                <Show when=move || confirming.get()>
                    <button type="button" class="troth-button" on:click=move |_| {
                        confirming.set(false);
                        // This button goes: the keyboard's place returns to the one that asked.
                        crate::ui::focus::focus(&format!("#delete-talk-{id}"));
                    }>"Keep it"</button>
                </Show>
            </div>
            <Show when=move || confirming.get()>
                <p class="troth-note" role="alert">{format!(
                    "Delete “{title}” and its topics? Follow-up commitments made from it stay in your ledger."
                )}</p>
            </Show>
        </li>
    }
}
