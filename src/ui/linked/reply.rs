//! A reply opened by the one who asked: the other person's own answer, recorded on a press,
//! and only when it answers the latest request made here about a commitment that has not
//! changed since.

use super::when;
use crate::domain::link::{Answer, Refusal, Reply};
use crate::domain::{Command, CommitmentId, DomainError};
use crate::ui::app::Troth;
use crate::ui::components::field::ErrorLine;
use crate::ui::route::Route;
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
    let rules = troth.rules();
    let mine = troth.my_zone.get_value();
    let by = reply.by.clone();
    let what = reply.what.clone();
    let answer = said(&by, &reply.answer);
    let error = RwSignal::new(None::<String>);
    let recorded = RwSignal::new(None::<CommitmentId>);
    let reply = StoredValue::new(reply);
    let open = move |id: CommitmentId| {
        view! { <p><a href=Route::Commitment(id).href_from(troth.part)>"Open the commitment"</a></p> }
    };
    // Where to go after a refusal: asking again, once it is done again; else the commitment.
    let again = move |id: CommitmentId, by: &str| {
        let done = troth.book.with_untracked(|b| {
            b.commitment(id)
                .is_some_and(|c| c.status() == crate::domain::Status::AwaitingAck)
        });
        if done {
            view! { <p><a class="troth-button" href=Route::Send(id).href_from(troth.part)>{format!("Ask {by} again")}</a></p> }.into_any()
        } else {
            open(id).into_any()
        }
    };
    let record = move |_| {
        let command = Command::RecordReply {
            reply: reply.get_value(),
        };
        let id = troth
            .book
            .with_untracked(|b| b.check_reply(&reply.with_value(|r| r.token.clone())).ok());
        troth.run(command, move |r| match r {
            Ok(_) => {
                error.set(None);
                recorded.set(id);
                // The button is gone: focus goes to what says it was recorded.
                leptos::prelude::request_animation_frame(|| {
                    crate::ui::app::focus("#link-done");
                });
            }
            Err(e) => error.set(Some(e)),
        });
    };
    let (by2, answer2) = (by.clone(), answer.clone());
    let state = move || {
        let by = by2.clone();
        if let Some(id) = recorded.get() {
            return view! {
                <p class="troth-answer" role="status" id="link-done" tabindex="-1">{format!("Recorded in the commitment's history as {by}'s own answer.")}</p>
                {open(id)}
            }
            .into_any();
        }
        let token = reply.with_value(|r| r.token.clone());
        let check = troth.book.with(|b| {
            // The one who answered opened their own reply.
            let theirs = b.answered_here(&token).is_some();
            (b.check_reply(&token), theirs)
        });
        match check {
            (Ok(_), _) => view! {
                <p>{format!("Recording it adds {by}'s answer to the commitment's history, as given by {by} in their own words.")}</p>
                <div class="troth-buttons">
                    <button type="button" class="troth-button troth-button--primary" on:click=record>{format!("Record {by}'s answer")}</button>
                </div>
            }
            .into_any(),
            (Err(Refusal::Unknown), true) => view! {
                <p class="troth-error" role="alert">"This is the reply you made: send it to the one who asked you. Nothing was recorded."</p>
            }
            .into_any(),
            (Err(Refusal::Unknown), false) => view! {
                <p class="troth-error" role="alert">{DomainError::NoSuchRequest.to_string()}</p>
            }
            .into_any(),
            (Err(Refusal::Answered { at, answer }), _) => {
                let id = troth.book.with_untracked(|b| b.asked(&token).map(|a| a.id));
                view! {
                    <p class="troth-error" role="alert">{format!("{by} already answered this request, and it was recorded on {}: {} Nothing was recorded twice.", when(rules, at, &mine), said(&by, &answer))}</p>
                    {id.map(open)}
                }
                .into_any()
            }
            (Err(Refusal::Replaced { id, asked }), _) => view! {
                <p class="troth-error" role="alert">{format!("You asked {by} again on {}, after the request this reply answers. Only the answer to the newer link counts, so this one is not recorded. If {by} did not get the newer link, send it again.", when(rules, asked, &mine))}</p>
                {again(id, &by)}
            }
            .into_any(),
            (Err(Refusal::Changed { id, what, at }), _) => view! {
                <p class="troth-error" role="alert">{format!("The commitment changed after you asked: it was {what} on {}. {by} answered about what it was before, so the answer is not recorded. Once it is done, ask {by} again.", when(rules, at, &mine))}</p>
                {again(id, &by)}
            }
            .into_any(),
        }
    };
    view! {
        <h1 tabindex="-1">{format!("{by} answered")}</h1>
        <section class="troth-card" aria-labelledby="reply-what">
            <p>"About what you committed to:"</p>
            <p id="reply-what" class="troth-request__what"><strong>{what}</strong></p>
            <p class="troth-answer">{answer2}</p>
        </section>
        <ErrorLine error/>
        {state}
    }
}
