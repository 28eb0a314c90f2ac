//! One commitment: where it stands, what can be done next, and its whole history.

use crate::domain::{Action, Command, Commitment, CommitmentId, Due, Status, MAX_TEXT};
use crate::ui::app::Troth;
use crate::ui::components::due_fields::{DueFields, DueInputs};
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::history::{describe, History};
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn CommitmentPage(id: CommitmentId) -> impl IntoView {
    let troth = Troth::get();
    let found = Memo::new(move |_| troth.book.with(|b| b.commitment(id).cloned()));
    move || {
        let Some(it) = found.get() else {
            return view! {
                <h1 tabindex="-1">"No such commitment"</h1>
                <p>"It may have been made in a backup that is not loaded here. " <a href="#/">"Back to the ledger"</a></p>
            }
            .into_any();
        };
        view! { <Details c=it/> }.into_any()
    }
}

#[component]
fn Details(c: Commitment) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let mine = troth.my_zone.get_value();
    let id = c.id();
    let (name, person_zone) = troth.book.with_untracked(|b| {
        b.person(c.to())
            .map_or(("someone".to_owned(), mine.clone()), |p| {
                (p.name.clone(), p.zone.clone())
            })
    });
    let error = RwSignal::new(None::<String>);
    let act =
        move |action: Action| troth.run(Command::Act { id, action }, move |r| error.set(r.err()));
    let due_text =
        crate::domain::describe_due(rules, c.due().at, &mine, Some((&name, &person_zone)));
    let status = c.status();
    let open = c.clone();
    let overdue = Signal::derive(move || open.is_overdue(troth.now.get()));
    let entries = describe(&c, &name, rules, &mine);
    let actions = match status {
        Status::Open => view! { <OpenActions due=c.due().clone() act error/> }.into_any(),
        Status::AwaitingAck => view! { <AwaitingActions name=name.clone() act/> }.into_any(),
        _ => view! { <p class="troth-closed">{format!("This commitment is {}. Its history stays as it is.", status.as_str())}</p> }.into_any(),
    };

    view! {
        <p class="troth-back"><a href="#/">"← Ledger"</a></p>
        <h1 tabindex="-1">{c.what().to_owned()}</h1>
        <dl class="troth-facts">
            <dt>"To"</dt><dd><a href=Route::Person(c.to()).href()>{name.clone()}</a></dd>
            <dt>"Due"</dt><dd><strong class="troth-due-text">{due_text}</strong>" "<span class="troth-hint">{format!("(stated in {})", c.due().zone.name())}</span></dd>
            <dt>"State"</dt><dd><span class="troth-tag troth-state">{move || if overdue.get() { "overdue" } else { status.as_str() }}</span></dd>
            {c.missing().map(|m| view! { <dt>"Still missing"</dt><dd class="troth-missing">{m.to_owned()}</dd> })}
        </dl>
        <Show when=move || overdue.get()>
            <p class="troth-note">"Its due moment has passed. Deliver it, renegotiate (recorded as late: ground lost, still worth doing), or mark it missed."</p>
        </Show>
        <ErrorLine error/>
        {actions}
        <section class="troth-card" aria-labelledby="history-title">
            <h2 id="history-title">"History"</h2>
            <History entries/>
        </section>
    }
}

#[component]
fn OpenActions(
    due: Due,
    act: impl Fn(Action) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.rules();
    let inputs = DueInputs::new(due.zone.name());
    let reason = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let due_at = due.at;
    let early = move || troth.now.get() < due_at;
    let renegotiate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match inputs.due(rules) {
            Ok(due) => act(Action::Renegotiate {
                due,
                reason: reason.get_untracked(),
            }),
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <section class="troth-card troth-actions" aria-label="Next steps">
            <h2>"Next steps"</h2>
            <div class="troth-buttons">
                <button type="button" class="troth-button troth-button--primary" on:click=move |_| act(Action::MarkDone)>"Mark done"</button>
                <Show when=move || !early()>
                    <button type="button" class="troth-button" on:click=move |_| act(Action::MarkMissed)>"Mark missed"</button>
                </Show>
            </div>
            <form class="troth-form" on:submit=renegotiate aria-labelledby="reneg-title">
                <h3 id="reneg-title">"Renegotiate"</h3>
                <p class="troth-hint">{move || if early() {
                    "Renegotiating before it is due is a good act: the other person can plan around the new moment."
                } else {
                    "It is already past due, so this is recorded as a late renegotiation: ground lost, still worth doing."
                }}</p>
                <DueFields inputs id="reneg"/>
                <TextField id="reneg-reason" label="Reason" value=reason max=MAX_TEXT wide=true/>
                <button type="submit" class="troth-button">"Renegotiate"</button>
            </form>
            <details class="troth-release">
                <summary>"Release by agreement"</summary>
                <form class="troth-form" on:submit=move |ev| { ev.prevent_default(); act(Action::Release { note: note.get_untracked() }); }>
                    <TextField id="release-note" label="Why did you both agree to drop it?" value=note max=MAX_TEXT wide=true/>
                    <button type="submit" class="troth-button">"Release it"</button>
                </form>
            </details>
        </section>
    }
}

#[component]
fn AwaitingActions(
    name: String,
    act: impl Fn(Action) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let how = RwSignal::new(String::new());
    let missing = RwSignal::new(String::new());
    view! {
        <section class="troth-card troth-actions" aria-label="Next steps">
            <h2>{format!("Waiting for {name}")}</h2>
            <p class="troth-hint">{format!("It counts as met only when {name} says so.")}</p>
            <form class="troth-form" on:submit=move |ev| { ev.prevent_default(); act(Action::Acknowledge { how: Some(how.get_untracked()) }); }>
                <TextField id="ack-how" label="How did they acknowledge it? (optional)" value=how
                    list="troth-ack-ways" max=MAX_TEXT wide=true/>
                <datalist id="troth-ack-ways">
                        <option value="in person"/><option value="by mail"/><option value="by message"/><option value="by phone"/>
                </datalist>
                <button type="submit" class="troth-button troth-button--primary">{format!("{name} acknowledged it")}</button>
            </form>
            <form class="troth-form" on:submit=move |ev| { ev.prevent_default(); act(Action::NotYet { missing: missing.get_untracked() }); }>
                <TextField id="notyet-missing" label="What is still missing?" value=missing max=MAX_TEXT wide=true/>
                <button type="submit" class="troth-button">"Not yet"</button>
            </form>
        </section>
    }
}
