//! The people the user makes commitments to.

use crate::domain::{Command, PersonId, TrackRecord, Zone, MAX_NAME};
use crate::ui::app::Troth;
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn People() -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let name = RwSignal::new(String::new());
    let zone = RwSignal::new(troth.my_zone.get_value().name().to_owned());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let zone = match Zone::parse(rules, &zone.get_untracked()) {
            Ok(zone) => zone,
            Err(e) => return error.set(Some(e.to_string())),
        };
        let command = Command::AddPerson {
            name: name.get_untracked(),
            zone,
        };
        troth.run(command, move |added| match added {
            Ok(_) => {
                name.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        });
    };
    let rows = Memo::new(move |_| {
        troth.book.with(|b| {
            b.people()
                .into_iter()
                .map(|p| {
                    let r = TrackRecord::of(b.commitments_to(p.id));
                    PersonRow {
                        id: p.id,
                        name: p.name.clone(),
                        city: p.zone.city(),
                        made: r.made,
                        kept: r.kept(),
                        in_progress: r.in_progress,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let removed = Memo::new(move |_| {
        troth.book.with(|b| {
            b.all_people()
                .filter(|p| p.removed)
                .map(|p| Removed {
                    id: p.id,
                    name: p.name.clone(),
                })
                .collect::<Vec<_>>()
        })
    });

    view! {
        <h1 tabindex="-1">"People"</h1>
        <form class="troth-card troth-form" on:submit=add aria-labelledby="add-person-title">
            <h2 id="add-person-title">"Add someone"</h2>
            <TextField id="person-name" label="Name" value=name max=MAX_NAME wide=true/>
            <TextField id="person-zone" label="Their time zone" value=zone list="troth-zones" wide=true/>
            <ErrorLine error/>
            <button type="submit" class="troth-button troth-button--primary">"Add"</button>
        </form>
        <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="troth-empty">"No one yet."</p> }>
            <table class="troth-table">
                <caption class="troth-visually-hidden">"People and their commitments"</caption>
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Time zone"</th><th scope="col">"Made"</th><th scope="col">"Kept"</th><th scope="col">"In progress"</th></tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|r| view! {
                        <tr>
                            <th scope="row"><a href=Route::Person(r.id).href()>{r.name}</a></th>
                            <td>{r.city}</td><td>{r.made}</td><td>{r.kept}</td><td>{r.in_progress}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
        <Show when=move || !removed.with(Vec::is_empty)>
            <section class="troth-card" aria-labelledby="removed-title">
                <h2 id="removed-title">"Removed (their history is kept)"</h2>
                <ul class="troth-plain">
                    {move || removed.get().into_iter().map(|r| view! {
                        <li>
                            <a href=Route::Person(r.id).href()>{r.name.clone()}</a>" "
                            <button type="button" class="troth-button troth-button--quiet"
                                on:click=move |_| troth.act(Command::RestorePerson { id: r.id })>
                                {format!("Restore {}", r.name)}
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

/// A row of the people table.
#[derive(Clone, PartialEq)]
struct PersonRow {
    id: PersonId,
    name: String,
    /// Their zone, as its city.
    city: String,
    made: usize,
    kept: usize,
    in_progress: usize,
}

/// Someone removed, who can be restored.
#[derive(Clone, PartialEq)]
struct Removed {
    id: PersonId,
    name: String,
}
