//! Making the link about one of the user's commitments: once it is done, a request asking the
//! other person whether it is met; while it is open, an offer their own Troth can keep. Here,
//! in the links part, so that the ledger's first load carries none of it.

use crate::domain::link::{Offer, Request, Token};
use crate::domain::{day_time_in, Action, Command, CommitmentId, LinkToSend};
use crate::ui::app::Troth;
use crate::ui::components::field::{ErrorLine, TextField};
use crate::ui::form::Form;
use crate::ui::links::{make, token, SendLink};
use crate::ui::route::Route;
use leptos::prelude::*;

/// What the user can send about a commitment, as it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sendable {
    /// Done, and not asked since: ask.
    Ask,
    /// Asked (when, with which token) and not answered since: that link again, or a new one.
    Asked(String, Token),
    /// Open: offer it (with the token of an offer made before, if any).
    Offer(Option<Token>),
    /// Not the user's own promise, or closed.
    Nothing,
}

impl Sendable {
    /// The token of the link it stands on, if one was made.
    fn token(&self) -> Option<&Token> {
        match self {
            Self::Asked(_, t) | Self::Offer(Some(t)) => Some(t),
            _ => None,
        }
    }
}

/// What the domain lets the user send, with the moment of a pending request in words.
fn sendable(troth: Troth, id: CommitmentId) -> Sendable {
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    troth
        .book
        .with(|b| match b.commitment(id).and_then(|c| c.link_to_send()) {
            Some(LinkToSend::Ask) => Sendable::Ask,
            Some(LinkToSend::Asked(at, token)) => Sendable::Asked(
                day_time_in(rules, troth.page.dates(), at, &mine),
                token.clone(),
            ),
            Some(LinkToSend::Offer(token)) => Sendable::Offer(token.cloned()),
            None => Sendable::Nothing,
        })
}

#[component]
pub fn SendPage(id: CommitmentId) -> impl IntoView {
    let troth = Troth::get();
    let state = Memo::new(move |_| sendable(troth, id));
    let found = Memo::new(move |_| {
        troth.book.with(|b| {
            b.commitment(id)
                .map(|c| (b.name_of(c.to()), c.what().to_owned()))
        })
    });
    let form = Form::new();
    // The link made, with the token it carries: shown while that token is the one in force.
    let link = RwSignal::new(None::<(Token, String)>);
    let naming = RwSignal::new(false);
    let my_name = RwSignal::new(String::new());

    // Makes the link for the request or offer under `token`, from the book as it is now.
    let show = move |token: Token| {
        let made = troth.book.with_untracked(|b| {
            let me = b.me()?.to_owned();
            match b.commitment(id)?.link_to_send()? {
                LinkToSend::Offer(_) => Offer::of(b, id, &me, token.clone())
                    .map(|o| (o.to_json(), Route::Offer as fn(String) -> Route)),
                _ => Request::of(b, id, &me, token.clone())
                    .map(|r| (r.to_json(), Route::Ask as fn(String) -> Route)),
            }
        });
        let Some((json, route)) = made else { return };
        leptos::task::spawn_local(async move {
            match make(json, route).await {
                Ok(l) => {
                    link.set(Some((token, l)));
                    crate::ui::focus::focus("#send-link");
                }
                Err(_) => {
                    form.refuse("This browser cannot make the link (it needs CompressionStream).")
                }
            }
        });
    };
    // A link stands on a token recorded in the commitment's history: a new request, or the
    // first offer, is recorded first.
    let fresh = move || {
        if troth.book.with_untracked(|b| b.me().is_none()) {
            naming.set(true);
            crate::ui::focus::focus("#my-name");
            return;
        }
        let known = state.get_untracked();
        if let Sendable::Offer(Some(token)) = known {
            show(token);
            return;
        }
        // A request's key and its public id: two draws, so the id says nothing of the key.
        let (Some(token), Some(public)) = (token(), token()) else {
            form.refuse("This browser has no secure random generator, so it cannot make a link.");
            return;
        };
        let action = match known {
            Sendable::Offer(_) => Action::Offer {
                token: token.clone(),
            },
            _ => Action::Ask {
                token: token.clone(),
                id: Some(public),
            },
        };
        form.submit(Command::Act { id, action }, move |_| {
            show(token);
        });
    };
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = Command::SetName {
            name: my_name.get_untracked(),
        };
        form.submit(command, move |_| {
            naming.set(false);
            fresh();
        });
    };
    let current = Signal::derive(move || {
        let token = state.with(|s| s.token().cloned());
        link.get()
            .filter(|(t, _)| Some(t) == token.as_ref())
            .map(|(_, l)| l)
    });

    move || {
        let Some((who, what)) = found.get() else {
            return view! {
                <h1 tabindex="-1">"No such commitment"</h1>
                <p><a href=Route::Ledger.href_from(troth.page.part)>"Back to the ledger"</a></p>
            }
            .into_any();
        };
        let back = view! { <p class="troth-back"><a href=Route::Commitment(id).href_from(troth.page.part)>"← The commitment"</a></p> };
        let s = state.get();
        let asking = !matches!(s, Sendable::Offer(_));
        let (title, intro, button) = match &s {
            Sendable::Nothing => {
                return view! {
                    {back}
                    <h1 tabindex="-1">"Nothing to send"</h1>
                    <p>{format!("“{what}” is not one of your open or done commitments, so there is no link to send about it.")}</p>
                }
                .into_any()
            }
            Sendable::Ask => (
                format!("Ask {who}: is it met?"),
                format!("Only {who} can say it is met. Send {who} this link: they answer in their own browser, and their answer comes back to you as a reply link to open here."),
                format!("Make the link for {who}"),
            ),
            Sendable::Asked(when, _) => (
                format!("Ask {who}: is it met?"),
                format!("You asked {who} on {when}. Here is that link again, if it has not gone yet. A new link replaces it: an answer to the old one then no longer counts."),
                "Make a new link".to_owned(),
            ),
            Sendable::Offer(_) => (
                format!("Send it to {who}"),
                format!("Send {who} a link to what you committed to: if {who} uses Troth, it can keep it as a commitment from you."),
                format!("Make the link for {who}"),
            ),
        };
        let contents = format!(
            "The link holds only what {who} needs: your name, {who}'s name, what you committed to, the due moment, when it was made{}, and a one-time code. Nothing else from your ledger. It is compressed, not encrypted: anyone who sees it can read it, so send it privately.",
            if asking { " and marked done" } else { "" }
        );
        let (subject, body) = if asking {
            ("Is this done for you?".to_owned(), format!("{who}, I think this is done: “{what}”. Open the link and tell me whether it is met, or what is still missing."))
        } else {
            ("What I committed to you".to_owned(), format!("{who}, this is what I committed to you: “{what}”. Open the link to see it, and keep it in your Troth if you like."))
        };
        let again = match &s {
            Sendable::Asked(_, t) => Some(t.clone()),
            _ => None,
        };
        view! {
            {back}
            <h1 tabindex="-1">{title}</h1>
            <p class="troth-request__what"><strong>{what.clone()}</strong></p>
            <p>{intro}</p>
            <ErrorLine error=form.error/>
            <Show when=move || naming.get()>
                <form class="troth-card troth-form" on:submit=save_name>
                    <p>{format!("A link says who sends it. What is your name, as {who} knows you? Troth asks once.", who = found.get_untracked().map(|f| f.0).unwrap_or_default())}</p>
                    <TextField id="my-name" label="Your name" value=my_name max=crate::domain::MAX_NAME/>
                    <button type="submit" class="troth-button troth-button--primary">"Save and make the link"</button>
                </form>
            </Show>
            <div class="troth-buttons">
                {again.map(|t| view! {
                    <button type="button" class="troth-button troth-button--primary" hidden=move || current.get().is_some()
                        on:click=move |_| show(t.clone())>"Show the link again"</button>
                })}
                <button type="button" class="troth-button" class:troth-button--primary=!matches!(s, Sendable::Asked(..))
                    hidden=move || current.get().is_some() && !asking
                    on:click=move |_| fresh()>{button}</button>
            </div>
            {move || current.get().map(|l| view! {
                <SendLink link=l to=who.clone() subject=subject.clone() body=body.clone() id="send-link"/>
            })}
            <p class="troth-hint">{contents}</p>
        }
        .into_any()
    }
}
