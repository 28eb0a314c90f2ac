//! The people the user makes commitments to (and who make commitments to the user).

use crate::domain::{Book, Command, Direction, Instant, PersonId, Standing, Zone, MAX_NAME};
use crate::ui::app::Troth;
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::record_chart::RecordChart;
use crate::ui::form::Form;
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn People() -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let name = RwSignal::new(String::new());
    let zone = RwSignal::new(troth.page.my_zone.get_value().name().to_owned());
    let form = Form::new();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let zone = match Zone::find(rules, &zone.get_untracked()) {
            Ok(zone) => zone,
            Err(e) => return form.refuse(e),
        };
        let command = Command::AddPerson {
            name: name.get_untracked(),
            zone,
        };
        let said = format!("Added {}.", name.get_untracked().trim());
        form.submit(command, move |_| {
            name.set(String::new());
            // Said, and the field ready for the next one.
            troth.news.done(said, Some("#person-name".into()));
        });
    };
    let rows = Memo::new(move |_| {
        let now = troth.page.now.get();
        troth.book.with(|b| PersonRow::all(b, now))
    });

    view! {
        <h1 tabindex="-1">"People"</h1>
        <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="troth-empty">"No one yet."</p> }>
            <table class="troth-table troth-people">
                <caption>"Your word to each person (what you promised them): where it is slipping comes first. Their word to you has its own column."</caption>
                <thead><tr>
                    <th scope="col">"Name"</th><th scope="col">"Your word"</th>
                    <th scope="col">"Kept as agreed"</th><th scope="col">"Late"</th><th scope="col">"Missed"</th>
                    <th scope="col">"Overdue now"</th><th scope="col">"In progress"</th>
                    <th scope="col">"Their word to you"</th><th scope="col">"Time zone"</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|r| {
                        let s = r.standing;
                        let slipping = s.overdue > 0 || s.record.missed > 0;
                        view! {
                            <tr class=slipping.then_some("troth-people__slipping")>
                                <th scope="row">
                                    <a href=Route::Person(r.id).href()>{r.name}</a>
                                    {r.asked_in.map(|t| view! { <span class="troth-hint troth-people__asker">{format!(" asked a topic in “{t}”")}</span> })}
                                </th>
                                <td>{s.headline()}</td>
                                <td>{s.as_agreed()}</td><td>{s.record.kept_late}</td><td>{s.record.missed}</td>
                                <td class=(s.overdue > 0).then_some("troth-people__overdue")>{s.overdue}</td>
                                <td>{s.record.in_progress}</td>
                                <td>{if r.theirs.record.made == 0 { "none yet".to_owned() } else { r.theirs.headline() }}</td>
                                <td>{r.city.unwrap_or_else(|| "not known yet".to_owned())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <RecordChart id="chart-all" title="Your word, month by month"
                commitments=Signal::derive(move || troth.book.with(|b| b.commitments_by(Direction::Mine).cloned().collect::<Vec<_>>()))/>
        </Show>
        <form class="troth-card troth-form" on:submit=add aria-labelledby="add-person-title">
            <h2 id="add-person-title">"Add someone"</h2>
            <TextField id="person-name" label="Name" value=name max=MAX_NAME wide=true/>
            <TextField id="person-zone" label="Their time zone" value=zone list="troth-zones" wide=true/>
            <ErrorLine error=form.error/>
            <button type="submit" class="troth-button troth-button--primary">"Add"</button>
        </form>
        {removed_people()}
    }
}

/// Those removed, each with its Restore button (their history is kept).
fn removed_people() -> impl IntoView {
    let troth = Troth::get();
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
    <Show when=move || !removed.with(Vec::is_empty)>
        <section class="troth-card" aria-labelledby="removed-title">
            <h2 id="removed-title">"Removed (their history is kept)"</h2>
            <ul class="troth-plain">
                {move || removed.get().into_iter().map(|r| view! {
                    <li>
                        <a href=Route::Person(r.id).href()>{r.name.clone()}</a>" "
                        <button type="button" class="troth-button troth-button--quiet"
                            on:click={
                                let said = format!("Restored {} to your people.", r.name);
                                move |_| troth.act_then(Command::RestorePerson { id: r.id }, said.clone(), None)
                            }>
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
    /// Their zone, as its city; `None` while nobody has said it.
    city: Option<String>,
    /// The talk they asked a topic in, when that is all they are here for.
    asked_in: Option<String>,
    /// The user's word to them.
    standing: Standing,
    /// Their word to the user.
    theirs: Standing,
}

impl PersonRow {
    /// Everyone's row: where the user's word is slipping comes first (the order is the
    /// domain's).
    fn all(b: &Book, now: Instant) -> Vec<Self> {
        let mut rows: Vec<PersonRow> = b
            .people()
            .into_iter()
            .map(|p| PersonRow {
                id: p.id,
                name: p.name.clone(),
                city: p.zone.as_ref().map(Zone::city),
                asked_in: b.only_asked_in(p.id).map(|t| t.title().to_owned()),
                standing: Standing::of(
                    b.commitments_to(p.id).filter(|c| c.by() == Direction::Mine),
                    now,
                ),
                theirs: Standing::of(
                    b.commitments_to(p.id)
                        .filter(|c| c.by() == Direction::Theirs),
                    now,
                ),
            })
            .collect();
        crate::domain::order::sort_by(&mut rows, |a, b| a.standing.slipping_first(&b.standing));
        rows
    }
}

/// Someone removed, who can be restored.
#[derive(Clone, PartialEq)]
struct Removed {
    id: PersonId,
    name: String,
}
