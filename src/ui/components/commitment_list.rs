//! A list of commitments as rows: what, to whom, when, and where it stands.

use crate::domain::{
    describe_due, Book, Commitment, CommitmentId, Instant, Status, Zone, ZoneRules,
};
use crate::ui::route::Route;
use leptos::prelude::*;

/// What a row shows, computed once per change of the book.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Row {
    pub id: CommitmentId,
    pub what: String,
    pub to: String,
    pub due: String,
    pub state: &'static str,
    pub tone: &'static str,
    pub missing: Option<String>,
}

impl Row {
    pub fn of(
        book: &Book,
        c: &Commitment,
        rules: &dyn ZoneRules,
        mine: &Zone,
        now: Instant,
    ) -> Self {
        let person = book.person(c.to());
        let name = person.map_or("someone", |p| p.name.as_str());
        let (state, tone) = match c.status() {
            Status::Open if c.is_overdue(now) => ("overdue", "late"),
            Status::Open => ("open", "open"),
            Status::AwaitingAck => ("awaiting acknowledgement", "waiting"),
            Status::Kept => ("kept", "kept"),
            Status::Missed => ("missed", "late"),
            Status::Released => ("released", "quiet"),
        };
        Self {
            id: c.id(),
            what: c.what().to_owned(),
            to: name.to_owned(),
            due: describe_due(
                rules,
                c.due().at,
                mine,
                person.map(|p| (p.name.as_str(), &p.zone)),
            ),
            state,
            tone,
            missing: c.missing().map(str::to_owned),
        }
    }
}

#[component]
pub fn CommitmentList(#[prop(into)] rows: Signal<Vec<Row>>) -> impl IntoView {
    view! {
        <ul class="troth-list">
            <For each=move || rows.get() key=|r| r.clone() let:r>
                <li class=format!("troth-row troth-row--{}", r.tone)>
                    <a class="troth-row__what" href=Route::Commitment(r.id).href()>{r.what.clone()}</a>
                    <span class="troth-row__to">"to " {r.to.clone()}</span>
                    <span class="troth-row__due">{r.due.clone()}</span>
                    <span class="troth-tag">{r.state}</span>
                    {r.missing.clone().map(|m| view! { <span class="troth-row__missing">"Still missing: " {m}</span> })}
                </li>
            </For>
        </ul>
    }
}
