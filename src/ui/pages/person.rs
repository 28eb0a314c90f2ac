//! One person: two track records side by side (the user's word to them, theirs to the user),
//! the commitments both ways, and their details.

use crate::domain::{Command, Direction, PersonId, Standing, Zone, MAX_NAME};
use crate::ui::app::Troth;
use crate::ui::components::commitment_form::CommitmentForm;
use crate::ui::components::commitment_list::{CommitmentList, Row};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::goals::Goals;
use crate::ui::components::hands::Hands;
use crate::ui::components::record_chart::RecordChart;
use crate::ui::components::series_strip::{SeriesStrips, StripsOf};
use crate::ui::components::successes::{AffirmForm, SuccessList, SuccessRow};
use crate::ui::components::track_record::TrackRecordView;
use crate::ui::focus::focus;
use crate::ui::form::Form;
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn PersonPage(id: PersonId) -> impl IntoView {
    let troth = Troth::get();
    let person = Memo::new(move |_| troth.book.with(|b| b.person(id).cloned()));
    move || {
        let Some(it) = person.get() else {
            return view! {
                <h1 tabindex="-1">"No such person"</h1>
                <p><a href=Route::People.href()>"Back to people"</a></p>
            }
            .into_any();
        };
        view! {
            <Details id name=it.name.clone() zone=it.zone.as_ref().map(|z| z.name().to_owned()).unwrap_or_default() removed=it.removed/>
            <Growth id name=it.name.clone() zone=it.zone.clone() removed=it.removed/>
        }
        .into_any()
    }
}

#[component]
fn Details(id: PersonId, name: String, zone: String, removed: bool) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let record = move |by: Direction| {
        Signal::derive(move || {
            let now = troth.page.now.get();
            troth
                .book
                .with(|b| Standing::of(b.commitments_to(id).filter(|c| c.by() == by), now))
        })
    };
    let (mine, theirs) = (record(Direction::Mine), record(Direction::Theirs));
    let rows = Signal::derive(move || {
        let now = troth.page.now.get();
        let mine = troth.page.my_zone.get_value();
        troth.book.with(|b| {
            let mut cs: Vec<_> = b.commitments_to(id).collect();
            crate::domain::order::sort_by_key(&mut cs, |c| std::cmp::Reverse(c.due().at));
            cs.into_iter()
                .map(|c| Row::of(b, c, rules, &mine, now))
                .collect::<Vec<_>>()
        })
    });
    let new_name = RwSignal::new(name.clone());
    let new_zone = RwSignal::new(zone);
    let form = Form::new();
    let confirming = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A zone left empty stays unknown; one typed must be one Troth knows.
        let typed = new_zone.get_untracked();
        let zone = match Zone::find(rules, &typed) {
            Ok(zone) => Some(zone),
            Err(_) if typed.trim().is_empty() => None,
            Err(e) => return form.refuse(e),
        };
        let command = Command::EditPerson {
            id,
            name: new_name.get_untracked(),
            zone,
        };
        // The page is drawn anew with the new name: focus goes to the message.
        form.submit(command, move |_| {
            troth.news.done("Saved their details.".into(), None)
        });
    };
    let count = move || mine.get().record.made + theirs.get().record.made;
    let remove = move |_| {
        if count() > 0 && !confirming.get_untracked() {
            confirming.set(true);
        } else {
            let with_history = count() > 0;
            let said = format!(
                "Removed {} from your people. Their history stays; restore them from People.",
                new_name.get_untracked().trim()
            );
            // The page is drawn anew: focus goes to the message that says what happened. With
            // nothing recorded with them, there is nothing left here: the People list opens.
            troth.run(Command::RemovePerson { id }, move |r| match r {
                Ok(_) if with_history => troth.news.done(said, None),
                Ok(_) => troth.page.go(&Route::People),
                Err(e) => form.refuse(e),
            });
            confirming.set(false);
        }
    };
    let title = name.clone();

    view! {
        <p class="troth-back"><a href=Route::People.href()>"← People"</a></p>
        <h1 tabindex="-1">{title}{removed.then_some(" (removed)")}</h1>
        <div class="troth-records">
            <TrackRecordView record=mine by=Direction::Mine name=name.clone()/>
            <TrackRecordView record=theirs by=Direction::Theirs name=name.clone()/>
        </div>
        <RecordChart id="chart-person" title=format!("Your word to {name}, month by month")
            commitments=Signal::derive(move || troth.book.with(|b| b.commitments_to(id).filter(|c| c.by() == Direction::Mine).cloned().collect::<Vec<_>>()))/>
        <section class="troth-card" aria-labelledby="their-title">
            <h2 id="their-title">"Commitments"</h2>
            <Show when=move || { count() > 0 } fallback=|| view! { <p class="troth-empty">"None yet."</p> }>
                <CommitmentList rows/>
            </Show>
        </section>
        <SeriesStrips of=StripsOf::Person(id)/>
        {(!removed).then(|| view! { <CommitmentForm to=name.clone()/> })}
        <form class="troth-card troth-form" on:submit=save aria-labelledby="details-title">
            <h2 id="details-title">"Details"</h2>
            <TextField id="edit-name" label="Name" value=new_name max=MAX_NAME wide=true/>
            <TextField id="edit-zone" label="Time zone (empty: not known yet)" value=new_zone list="troth-zones" wide=true/>
            <ErrorLine error=form.error/>
            <button type="submit" class="troth-button">"Save details"</button>
        </form>
        {(!removed).then(|| view! {
            <section class="troth-card" aria-labelledby="remove-title">
                <h2 id="remove-title">"Remove"</h2>
                <Show when=move || confirming.get()>
                    <p class="troth-note" role="alert">{move || format!(
                        "{} has {} commitment(s). Their history stays in your ledger and track record; they leave your people list. Remove them?",
                        new_name.get_untracked(), count())}</p>
                </Show>
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--danger" id="remove-person" on:click=remove>
                        {move || if confirming.get() { "Yes, remove" } else { "Remove from people" }}
                    </button>
                    <Show when=move || confirming.get()>
                        <button type="button" class="troth-button" on:click=move |_| {
                            confirming.set(false);
                            // This button goes: the keyboard's place returns to the one that asked.
                            focus("#remove-person");
                        }>"Keep them"</button>
                    </Show>
                </div>
            </section>
        })}
    }
}

/// Growing trust with them: goals, successes affirmed, raised hands.
#[component]
fn Growth(id: PersonId, name: String, zone: Option<Zone>, removed: bool) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let successes = Signal::derive(move || {
        let mine = troth.page.my_zone.get_value();
        troth.book.with(|b| {
            b.successes_with(id)
                .into_iter()
                .map(|s| SuccessRow::of(b, s, rules, &mine))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Goals with=id name=name.clone() zone=zone.clone() removed/>
        <section class="troth-card" aria-labelledby="successes-title">
            <h2 id="successes-title">"Successes"</h2>
            <SuccessList rows=successes/>
            {(!removed).then(|| view! { <AffirmForm with=id name=name.clone() id="person-success"/> })}
        </section>
        <Hands with=id name zone removed/>
    }
}
