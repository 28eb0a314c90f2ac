//! A reply opened by the one who asked: the other person's own answer, recorded on a press,
//! and only when its signature matches a request made here, it names the person and words the
//! ledger has for that request, and it answers the latest request about a commitment that has
//! not changed since. The page shows the ledger's person and words, never the reply's own.

use super::when;
use crate::domain::link::{Answer, Reply};
use crate::domain::{Checked, Refusal};
use crate::domain::{Command, CommitmentId, DomainError};
use crate::ui::app::Troth;
use crate::ui::components::field::ErrorLine;
use crate::ui::form::Form;
use crate::ui::route::{Part, Route};
use leptos::prelude::*;

#[component]
pub fn ReplyPage(payload: String) -> impl IntoView {
    let page = super::Page {
        reading: "A reply",
        failed: "This reply cannot be opened",
        unchanged: "Nothing was recorded.",
    };
    super::opened(payload, page, Reply::from_json, |it| {
        view! { <Recording reply=it/> }.into_any()
    })
}

fn said(by: &str, answer: &Answer) -> String {
    match answer {
        Answer::Met { note: None } => format!("{by} says it is met."),
        Answer::Met { note: Some(n) } => format!("{by} says it is met: “{n}”"),
        Answer::NotYet { missing } => format!("{by} says not yet. Still missing: {missing}"),
    }
}

#[component]
fn Recording(reply: Reply) -> impl IntoView {
    let troth = Troth::get();
    // The ledger's own person and words for the request it names, never the reply's: those
    // are shown only where they differ, as what the reply says.
    let ledger = troth.book.with_untracked(|b| {
        let c = b.commitment(b.asked(&reply.token)?.id)?;
        Some((b.name_of(c.to()), c.what().to_owned()))
    });
    let (by, what) = ledger.unwrap_or_else(|| (reply.by.clone(), reply.what.clone()));
    let answer = said(&by, &reply.answer);
    let form = Form::new();
    let recorded = RwSignal::new(None::<CommitmentId>);
    let reply = StoredValue::new(reply);
    let record = move |checked: Checked| {
        let id = troth
            .book
            .with_untracked(|b| b.asked(&checked.reply().token).map(|a| a.id));
        form.submit(Command::RecordReply { reply: checked }, move |_| {
            recorded.set(id);
            // The button is gone: focus goes to what says it was recorded.
            leptos::prelude::request_animation_frame(|| {
                crate::ui::focus::focus("#link-done");
            });
        });
    };
    let (by2, what2) = (by.clone(), what.clone());
    let state = move || {
        let by = by2.clone();
        if let Some(id) = recorded.get() {
            return view! {
                <p class="troth-answer" role="status" id="link-done" tabindex="-1">{format!("Recorded in the commitment's history as {by}'s own answer.")}</p>
                {open(id, troth.page.part)}
            }
            .into_any();
        }
        let token = reply.with_value(|r| r.token.clone());
        let check = troth.book.with(|b| {
            // The one who answered opened their own reply.
            let theirs = b.answered_here(&token).is_some();
            (reply.with_value(|r| b.verify(r)), theirs)
        });
        match check {
            (Ok(checked), _) => {
                let unsigned = (!checked.signed()).then(|| view! {
                    <p class="troth-note">"An older link: Troth cannot check it was not changed on the way."</p>
                });
                let checked = StoredValue::new(checked);
                view! {
                    {unsigned}
                    <p>{format!("Recording it adds {by}'s answer to the commitment's history, as given by {by} in their own words.")}</p>
                    <div class="troth-buttons">
                        <button type="button" class="troth-button troth-button--primary" on:click=move |_| record(checked.get_value())>{format!("Record {by}'s answer")}</button>
                    </div>
                }
                .into_any()
            }
            (Err(refusal), theirs) => {
                reply.with_value(|r| refused(refusal, theirs, &by, &what2, r))
            }
        }
    };
    view! {
        <h1 tabindex="-1">{format!("{by} answered")}</h1>
        <section class="troth-card" aria-labelledby="reply-what">
            <p>"About what you committed to:"</p>
            <p id="reply-what" class="troth-request__what"><strong>{what.clone()}</strong></p>
            <p class="troth-answer">{answer}</p>
        </section>
        <ErrorLine error=form.error/>
        {state}
    }
}

/// Why a reply is not recorded, in words, with the way on: the commitment, or asking again.
fn refused(refusal: Refusal, theirs: bool, by: &str, what: &str, reply: &Reply) -> AnyView {
    let troth = Troth::get();
    let (rules, mine, part) = (
        troth.page.rules(),
        troth.page.my_zone.get_value(),
        troth.page.part,
    );
    let alert = |text: String| view! { <p class="troth-error" role="alert">{text}</p> };
    let asked = || {
        troth
            .book
            .with_untracked(|b| b.asked(&reply.token).map(|a| a.id))
    };
    match refusal {
        Refusal::Unknown if theirs => alert("This is the reply you made: send it to the one who asked you. Nothing was recorded.".into()).into_any(),
        Refusal::Unknown => alert(DomainError::NoSuchRequest.to_string()).into_any(),
        Refusal::Forged => view! {
            {alert(DomainError::ReplyForged.to_string())}
            <p>{format!("If {by} answered, ask {by} to send the reply link again, copied whole.")}</p>
        }
        .into_any(),
        Refusal::Differs { id } => view! {
            {alert(format!("This reply says it is from {}, about “{}”. Your request went to {by}, about “{what}”: they differ, so it is not recorded.", reply.by, reply.what))}
            {open(id, part)}
        }
        .into_any(),
        Refusal::Answered { at, answer } => view! {
            {alert(format!("{by} already answered this request, and it was recorded on {}: {} Nothing was recorded twice.", when(rules, at, &mine), said(by, &answer)))}
            {asked().map(|id| open(id, part))}
        }
        .into_any(),
        Refusal::TwoAnswers { at, first } => view! {
            {alert(format!("Two different answers arrived for this request. The first, recorded on {}: {} This one: {} Only the first is recorded; if this one is what stands, ask {by} again.", when(rules, at, &mine), said(by, &first), said(by, &reply.answer)))}
            {asked().map(|id| ask_again(id, by))}
        }
        .into_any(),
        Refusal::Replaced { id, asked } => view! {
            {alert(format!("You asked {by} again on {}, after the request this reply answers. Only the answer to the newer link counts, so this one is not recorded. If {by} did not get the newer link, send it again.", when(rules, asked, &mine)))}
            {ask_again(id, by)}
        }
        .into_any(),
        Refusal::Changed { id, what, at } => view! {
            {alert(format!("The commitment changed after you asked: it was {what} on {}. {by} answered about what it was before, so the answer is not recorded. Once it is done, ask {by} again.", when(rules, at, &mine)))}
            {ask_again(id, by)}
        }
        .into_any(),
    }
}

fn open(id: CommitmentId, part: Part) -> impl IntoView {
    view! { <p><a href=Route::Commitment(id).href_from(part)>"Open the commitment"</a></p> }
}

/// Where to go after a refusal: asking again, once it is done again; else the commitment.
fn ask_again(id: CommitmentId, by: &str) -> AnyView {
    let troth = Troth::get();
    let done = troth.book.with_untracked(|b| {
        b.commitment(id)
            .is_some_and(|c| c.status() == crate::domain::Status::AwaitingAck)
    });
    if done {
        view! { <p><a class="troth-button" href=Route::Send(id).href_from(troth.page.part)>{format!("Ask {by} again")}</a></p> }.into_any()
    } else {
        open(id, troth.page.part).into_any()
    }
}
