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

/// Makes the page's link: records a request or an offer first where the domain asks for one.
#[derive(Clone, Copy)]
struct Sender {
    troth: Troth,
    id: CommitmentId,
    state: Memo<Sendable>,
    form: Form,
    /// The link made, with the token it carries: shown while that token is the one in force.
    link: RwSignal<Option<(Token, String)>>,
    /// The user is asked their name first (a link says who sends it).
    naming: RwSignal<bool>,
}

impl Sender {
    /// Makes the link for the request or offer under `token`, from the book as it is now.
    fn show(self, token: Token) {
        let id = self.id;
        let made = self.troth.book.with_untracked(|b| {
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
                    self.link.set(Some((token, l)));
                    crate::ui::focus::focus("#send-link");
                }
                Err(_) => self
                    .form
                    .refuse("This browser cannot make the link (it needs CompressionStream)."),
            }
        });
    }

    /// A link stands on a token recorded in the commitment's history: a new request, or the
    /// first offer, is recorded first.
    fn fresh(self) {
        if self.troth.book.with_untracked(|b| b.me().is_none()) {
            self.naming.set(true);
            crate::ui::focus::focus("#my-name");
            return;
        }
        let known = self.state.get_untracked();
        if let Sendable::Offer(Some(token)) = known {
            self.show(token);
            return;
        }
        // A request's key and its public id: two draws, so the id says nothing of the key.
        let (Some(token), Some(public)) = (token(), token()) else {
            self.form
                .refuse("This browser has no secure random generator, so it cannot make a link.");
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
        self.form.submit(
            Command::Act {
                id: self.id,
                action,
            },
            move |_| {
                self.show(token);
            },
        );
    }
}

/// What the page says of the link it makes about "what", to "who".
struct Words {
    title: String,
    intro: String,
    button: String,
    /// What the link holds, and that it is readable by anyone who sees it.
    contents: String,
    /// The e-mail's subject and body, when sent by e-mail.
    subject: String,
    body: String,
}

impl Words {
    /// None when there is nothing to send.
    fn of(s: &Sendable, who: &str, what: &str) -> Option<Self> {
        let (title, intro, button) = match s {
            Sendable::Nothing => return None,
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
        let asking = !matches!(s, Sendable::Offer(_));
        let contents = format!(
            "The link holds only what {who} needs: your name, {who}'s name, what you committed to, the due moment, when it was made{}, and a one-time code. Nothing else from your ledger. It is compressed, not encrypted: anyone who sees it can read it, so send it privately.",
            if asking { " and marked done" } else { "" }
        );
        let (subject, body) = if asking {
            ("Is this done for you?".to_owned(), format!("{who}, I think this is done: “{what}”. Open the link and tell me whether it is met, or what is still missing."))
        } else {
            ("What I committed to you".to_owned(), format!("{who}, this is what I committed to you: “{what}”. Open the link to see it, and keep it in your Troth if you like."))
        };
        Some(Self {
            title,
            intro,
            button,
            contents,
            subject,
            body,
        })
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
    let sender = Sender {
        troth,
        id,
        state,
        form: Form::new(),
        link: RwSignal::new(None),
        naming: RwSignal::new(false),
    };
    let Sender {
        form, link, naming, ..
    } = sender;
    let my_name = RwSignal::new(String::new());
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = Command::SetName {
            name: my_name.get_untracked(),
        };
        form.submit(command, move |_| {
            naming.set(false);
            sender.fresh();
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
        let Some(words) = Words::of(&s, &who, &what) else {
            return view! {
                {back}
                <h1 tabindex="-1">"Nothing to send"</h1>
                <p>{format!("“{what}” is not one of your open or done commitments, so there is no link to send about it.")}</p>
            }
            .into_any();
        };
        let asking = !matches!(s, Sendable::Offer(_));
        let again = match &s {
            Sendable::Asked(_, t) => Some(t.clone()),
            _ => None,
        };
        view! {
            {back}
            <h1 tabindex="-1">{words.title}</h1>
            <p class="troth-request__what"><strong>{what.clone()}</strong></p>
            <p>{words.intro}</p>
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
                        on:click=move |_| sender.show(t.clone())>"Show the link again"</button>
                })}
                <button type="button" class="troth-button" class:troth-button--primary=!matches!(s, Sendable::Asked(..))
                    hidden=move || current.get().is_some() && !asking
                    on:click=move |_| sender.fresh()>{words.button}</button>
            </div>
            {move || current.get().map(|l| view! {
                <SendLink link=l to=who.clone() subject=words.subject.clone() body=words.body.clone() id="send-link"/>
            })}
            <p class="troth-hint">{words.contents}</p>
        }
        .into_any()
    }
}
