//! The ledger: a list first. What needs attention opens it, in compact rows; what has ended is
//! folded away with its count; making a commitment is one button away. Both ways: what the
//! user promised and what was promised to them, each row marked, with a filter between them.

use crate::domain::ledger::{ledger, Filter, Group, PAGE};
use crate::domain::{Direction, PersonId, Standing};
use crate::ui::app::Troth;
use crate::ui::components::agenda::Agenda;
use crate::ui::components::choice::Choice;
use crate::ui::components::commitment_form::CommitmentForm;
use crate::ui::components::commitment_list::{CommitmentList, Row};
use crate::ui::components::field::TextField;
use crate::ui::focus::focus;
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn Ledger() -> impl IntoView {
    let troth = Troth::get();
    let person = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    // Whose promises: 0 all, 1 the user's, 2 those made to the user (the options below).
    let by = RwSignal::new(0usize);
    // Groups the user asked to see whole.
    let whole = RwSignal::new(Vec::<Group>::new());
    let empty = move || troth.book.with(|b| b.commitments().next().is_none());
    // A first visit starts with the form; a ledger with something in it starts with the list.
    let making = RwSignal::new(empty());
    let groups = Memo::new(move |_| {
        let filter = Filter {
            person: person.get().parse().ok().map(PersonId),
            by: match by.get() {
                1 => Some(Direction::Mine),
                2 => Some(Direction::Theirs),
                _ => None,
            },
            query: query.get(),
        };
        let now = troth.page.now.get();
        let mine = troth.page.my_zone.get_value();
        troth.book.with(|book| {
            let whole = whole.get();
            ledger(book, &filter, now)
                .into_iter()
                .map(|(g, cs)| {
                    let total = cs.len();
                    let shown = if whole.contains(&g) { total } else { PAGE };
                    let rows = cs
                        .into_iter()
                        .take(shown)
                        .map(|c| Row::of(book, c, troth.page.rules(), &mine, now))
                        .collect::<Vec<_>>();
                    (g, rows, total)
                })
                .collect::<Vec<_>>()
        })
    });
    // The user's word: what they promised, never what others promised them.
    let word = Memo::new(move |_| {
        let now = troth.page.now.get();
        troth
            .book
            .with(|b| Standing::of(b.commitments_by(Direction::Mine), now))
    });
    let toggle = move |_| {
        making.update(|m| *m = !*m);
        if making.get_untracked() {
            request_animation_frame(|| {
                focus("#make-what");
            });
        }
    };

    view! {
        <div class="troth-title">
            <h1 tabindex="-1">"Ledger"</h1>
            <button type="button" class="troth-button troth-button--primary" aria-expanded=move || making.get().to_string()
                aria-controls="make" on:click=toggle>
                {move || if making.get() { "Close the form" } else { "Make a commitment" }}
            </button>
        </div>
        <Show when=move || !empty()>
            <p class="troth-word">
                {move || {
                    let w = word.get();
                    format!(
                        "Your word: {}. Kept as agreed {}, late {}, missed {}. ",
                        w.headline(), w.as_agreed(), w.record.kept_late, w.record.missed
                    )
                }}
                <a href=Route::People.href()>"By person"</a>
            </p>
        </Show>
        <Show when=move || making.get()>
            <CommitmentForm/>
        </Show>
        <Agenda/>
        <section class="troth-ledger" aria-labelledby="ledger-title">
            <h2 id="ledger-title" class="troth-visually-hidden">"Commitments"</h2>
            <Show when=move || !empty() fallback=|| view! {
                <p class="troth-empty">"No commitments yet. Make a small one you can surely keep."</p>
            }>
                {filters(person, query, by)}
                <Show when=move || groups.with(Vec::is_empty)>
                    <p class="troth-empty">"Nothing matches this filter."</p>
                </Show>
                {move || groups.get().into_iter().map(|(group, rows, total)| group_view(group, rows, total, whole)).collect_view()}
            </Show>
        </section>
    }
}

/// The filters over the list: whose, whose promise, and words in it.
fn filters(
    person: RwSignal<String>,
    query: RwSignal<String>,
    by: RwSignal<usize>,
) -> impl IntoView {
    let troth = Troth::get();
    let people = move || {
        troth.book.with(|b| {
            b.people()
                .into_iter()
                .map(|p| (p.id, p.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
    <div class="troth-filters" role="search">
        <div class="troth-field">
            <label for="filter-person">"Person"</label>
            <select id="filter-person" prop:value=move || person.get()
                on:change=move |ev| person.set(event_target_value(&ev))>
                <option value="">"Everyone"</option>
                {move || people().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
            </select>
        </div>
        <TextField id="filter-query" label="Search" value=query kind="search" wide=true/>
        <Choice name="filter-by" legend="Show" chosen=by
            options=&[("all", "All"), ("mine", "I promised"), ("theirs", "Promised to me")]/>
    </div>
    }
}

/// One group of the list, with "Show all" when it is longer than a page; an ended group folds.
fn group_view(
    group: Group,
    rows: Vec<Row>,
    total: usize,
    whole: RwSignal<Vec<Group>>,
) -> impl IntoView {
    let more = total - rows.len();
    let slug = group.slug();
    let list = view! {
        <CommitmentList rows/>
        {(more > 0).then(|| view! {
            <button type="button" class="troth-button troth-more" on:click=move |_| whole.update(|w| w.push(group))>
                {format!("Show all {total}")}
            </button>
        })}
    };
    let class = format!("troth-group troth-group--{slug}");
    if group.ended() {
        view! {
            <details class=class>
                <summary id=format!("group-{slug}")>{group.title()} " " <span class="troth-count">{total}</span></summary>
                {list}
            </details>
        }.into_any()
    } else {
        view! {
            <section class=class aria-labelledby=format!("group-{slug}")>
                <h3 id=format!("group-{slug}")>{group.title()} <span class="troth-count">{total}</span></h3>
                {list}
            </section>
        }.into_any()
    }
}
