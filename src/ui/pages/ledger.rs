//! The ledger: make a commitment, and see every one grouped by what it needs next.

use crate::domain::ledger::{ledger, Filter, Group, PAGE};
use crate::domain::PersonId;
use crate::ui::app::Troth;
use crate::ui::components::commitment_form::CommitmentForm;
use crate::ui::components::commitment_list::{CommitmentList, Row};
use crate::ui::components::field::TextField;
use leptos::prelude::*;

#[component]
pub fn Ledger() -> impl IntoView {
    let troth = Troth::get();
    let person = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    // Groups the user asked to see whole.
    let whole = RwSignal::new(Vec::<Group>::new());
    let groups = Memo::new(move |_| {
        let filter = Filter {
            person: person.get().parse().ok().map(PersonId),
            query: query.get(),
        };
        let now = troth.now.get();
        let mine = troth.my_zone.get_value();
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
                        .map(|c| Row::of(book, c, troth.rules(), &mine, now))
                        .collect::<Vec<_>>();
                    (g, rows, total)
                })
                .collect::<Vec<_>>()
        })
    });
    let empty = move || troth.book.with(|b| b.commitments().next().is_none());
    let people = move || {
        troth.book.with(|b| {
            b.people()
                .into_iter()
                .map(|p| (p.id, p.name.clone()))
                .collect::<Vec<_>>()
        })
    };

    view! {
        <h1 tabindex="-1">"Ledger"</h1>
        <CommitmentForm/>
        <section class="troth-ledger" aria-labelledby="ledger-title">
            <h2 id="ledger-title" class="troth-visually-hidden">"Commitments"</h2>
            <Show when=move || !empty() fallback=|| view! {
                <p class="troth-empty">"No commitments yet. Make a small one you can surely keep."</p>
            }>
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
                </div>
                <Show when=move || groups.with(Vec::is_empty)>
                    <p class="troth-empty">"Nothing matches this filter."</p>
                </Show>
                {move || groups.get().into_iter().map(|(group, rows, total)| {
                    let more = total - rows.len();
                    view! {
                        <section class=format!("troth-group troth-group--{}", group.slug()) aria-labelledby=format!("group-{}", group.slug())>
                            <h3 id=format!("group-{}", group.slug())>{group.title()} <span class="troth-count">{total}</span></h3>
                            <CommitmentList rows/>
                            {(more > 0).then(|| view! {
                                <button type="button" class="troth-button troth-more" on:click=move |_| whole.update(|w| w.push(group))>
                                    {format!("Show all {total}")}
                                </button>
                            })}
                        </section>
                    }
                }).collect_view()}
            </Show>
        </section>
    }
}
