//! A request opened by the person it asks: "is this met?", answered in their own words. Their
//! answer becomes a reply link that goes back only if they send it; nothing is written here
//! unless they choose to keep the commitment in their own Troth.

use super::{due_for_reader, when};
use crate::domain::link::{Answer, Request};
use crate::domain::{Change, Command, CommitmentId, Instant, MAX_TEXT};
use crate::ui::app::Troth;
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::components::look_alike::{asking, IsThis};
use crate::ui::form::Form;
use crate::ui::intl::IntlZones;
use crate::ui::links::{make, SendLink};
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn AskPage(payload: String) -> impl IntoView {
    let page = super::Page {
        reading: "A request",
        failed: "This link cannot be opened",
        unchanged: "Nothing was recorded.",
    };
    super::opened(
        payload,
        page,
        |json| Request::from_json(json, &IntlZones),
        |it| view! { <Answering request=it/> }.into_any(),
    )
}

/// What the reader answered, once they have.
#[derive(Clone)]
struct Given {
    answer: Answer,
    link: Option<String>,
}

#[component]
fn Answering(request: Request) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    let from = request.promise.from.clone();
    let what = request.promise.what.clone();
    let token = request.name().clone();
    // Made here: the one who asked opened their own link.
    let own = troth.book.with_untracked(|b| b.asked(&token).map(|a| a.id));
    if let Some(id) = own {
        return view! {
            <h1 tabindex="-1">"Your own request"</h1>
            <p>{format!("This is the link you made to ask {} whether “{what}” is met. Send it to {}: they answer it in their own browser, and their answer comes back to you as a reply link.", request.promise.to, request.promise.to)}</p>
            <p><a href=Route::Commitment(id).href_from(troth.page.part)>"Back to the commitment"</a></p>
        }
        .into_any();
    }
    // Answered before and kept here: that answer, ready to send again.
    let kept = troth.book.with_untracked(|b| b.answered_here(&token));
    let kept_id = RwSignal::new(kept.as_ref().map(|(id, _)| *id));
    let given = RwSignal::new(None::<Given>);
    let form = Form::new();
    let note = RwSignal::new(String::new());
    let missing = RwSignal::new(String::new());
    let request = StoredValue::new(request);
    // "Is this Sam?" answered: `as_who` is the person the user said it is.
    let (answered, as_who) = (RwSignal::new(false), RwSignal::new(None::<String>));

    let answer = move |answer: Answer| reply(request, answer, given, form);
    if let Some((_, a)) = kept {
        answer(a);
    }
    let keep = move |_| keep_answer(request, given, as_who, kept_id, form);
    let due = request.with_value(|r| due_for_reader(rules, &r.promise.due, &mine));
    let done: Instant = request.with_value(|r| r.done);
    let done = when(rules, done, &mine);
    let (from2, from3, from4) = (from.clone(), from.clone(), from.clone());

    view! {
        <h1 tabindex="-1">{format!("{from} asks: is it met?")}</h1>
        <section class="troth-card troth-request" aria-labelledby="request-what">
            <p>{format!("{from} says this commitment to you is done:")}</p>
            <p id="request-what" class="troth-request__what"><strong>{what.clone()}</strong></p>
            <dl class="troth-facts">
                <dt>"Due"</dt><dd>{due}</dd>
                <dt>"Marked done"</dt><dd>{done}</dd>
            </dl>
            <p class="troth-hint">{format!("{} The link holds only this, {from}'s name and a one-time code for your answer. Troth runs in this browser; nothing you write here is sent anywhere by it.", super::says_from(&from))}</p>
        </section>
        <ErrorLine error=form.error/>
        <Show when=move || given.get().is_none() fallback=move || {
            let from = from2.clone();
            move || given.get().map(|g| your_answer(g, from.clone()))
        }>
            <section class="troth-card" aria-labelledby="met-title">
                <h2 id="met-title">"Yes, it is met"</h2>
                <TextField id="answer-note" label="A note (optional): how it went, or a word of thanks" value=note max=MAX_TEXT wide=true/>
                <button type="button" class="troth-button troth-button--primary"
                    on:click=move |_| answer(Answer::Met { note: Some(note.get_untracked()) })>"Yes, it is met"</button>
            </section>
            <section class="troth-card" aria-labelledby="notyet-title">
                <h2 id="notyet-title">"Not yet"</h2>
                <TextField id="answer-missing" label="What is still missing?" value=missing max=MAX_TEXT wide=true/>
                <button type="button" class="troth-button"
                    on:click=move |_| answer(Answer::NotYet { missing: missing.get_untracked() })>"Not yet"</button>
            </section>
        </Show>
        <Show when=move || given.get().is_some()>
            <section class="troth-card" aria-labelledby="keep-title">
                <h2 id="keep-title">"Keep it in your Troth"</h2>
                {
                    let from = from3.clone();
                    move || match kept_id.get() {
                        Some(id) => view! {
                            <p role="status" id="link-done" tabindex="-1">{format!("Kept in your Troth, as a commitment from {from}, with your answer. ")}
                                <a href=Route::Commitment(id).href_from(troth.page.part)>"Open it"</a></p>
                        }.into_any(),
                        None if asking(&from, answered).is_some() => view! {
                            <IsThis name=from.clone() same=Callback::new(move |known| as_who.set(Some(known))) answered/>
                        }.into_any(),
                        None => {
                            let from = from.clone();
                            view! {
                                <p>{format!("If you use Troth, keep this as a commitment {from} made to you, with your answer: it counts in {from}'s record with you. Nothing is saved unless you press the button.")}</p>
                                <button type="button" class="troth-button" on:click=keep>{super::keep_label()}</button>
                            }.into_any()
                        }
                    }
                }
            </section>
            <p><button type="button" class="troth-button troth-button--quiet" on:click=move |_| given.set(None)
                hidden=move || kept_id.get().is_some()>{format!("Change my answer to {from4}")}</button></p>
        </Show>
    }
    .into_any()
}

/// Makes the reply link that carries `answer` back to the one who asked.
fn reply(
    request: StoredValue<Request>,
    answer: Answer,
    given: RwSignal<Option<Given>>,
    form: Form,
) {
    let reply = request.with_value(|r| r.reply(answer, crate::ui::intl::now()));
    let reply = match reply {
        Ok(reply) => reply,
        Err(e) => return form.refuse(e),
    };
    form.error.set(None);
    given.set(Some(Given {
        answer: reply.answer.clone(),
        link: None,
    }));
    leptos::task::spawn_local(async move {
        match make(reply.to_json(), Route::Reply).await {
            Ok(link) => given.update(|g| {
                if let Some(g) = g {
                    g.link = Some(link);
                }
            }),
            Err(_) => {
                form.refuse("This browser cannot make the link (it needs CompressionStream).")
            }
        }
        crate::ui::focus::focus("#reply-title");
    });
}

/// Keeps the request, with the answer given, as a commitment the asker made to the user (to
/// the person the user said they are, when "Is this Sam?" was answered).
fn keep_answer(
    request: StoredValue<Request>,
    given: RwSignal<Option<Given>>,
    as_who: RwSignal<Option<String>>,
    kept_id: RwSignal<Option<CommitmentId>>,
    form: Form,
) {
    let Some(g) = given.get_untracked() else {
        return;
    };
    let mut request = request.get_value();
    if let Some(known) = as_who.get_untracked() {
        request.promise.from = known;
    }
    let command = Command::KeepAnswer {
        request: Box::new(request),
        answer: g.answer,
    };
    form.submit(command, move |change| {
        if let Change::Commitment(id) = change {
            kept_id.set(Some(id));
            // The buttons are gone: focus goes to what says it was kept.
            leptos::prelude::request_animation_frame(|| {
                crate::ui::focus::focus("#link-done");
            });
        }
    });
}

/// The answer given, and the reply link to send back to `from`.
fn your_answer(g: Given, from: String) -> impl IntoView {
    let said = match &g.answer {
        Answer::Met { note: None } => "Your answer: yes, it is met.".to_owned(),
        Answer::Met { note: Some(n) } => format!("Your answer: yes, it is met. “{n}”"),
        Answer::NotYet { missing } => format!("Your answer: not yet. Still missing: {missing}"),
    };
    view! {
        <section class="troth-card" aria-labelledby="reply-title">
            <h2 id="reply-title" tabindex="-1">{format!("Your answer, for {from}")}</h2>
            <p class="troth-answer">{said}</p>
            <p>{format!("Send {from} this reply link. It goes back to {from} only if you send it: Troth sends nothing by itself.")}</p>
            {g.link.map(|link| view! {
                <SendLink link to=from.clone() subject="My answer about what you committed to" body=format!("{from}, here is my answer. Open the link in your Troth to record it.") id="reply-link"/>
            })}
        </section>
    }
}
