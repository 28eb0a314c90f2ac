//! What links carry from this book, and what comes back: a talk's shared topics, the request,
//! offer and promise made from a commitment here, and the check that lets a reply through. The
//! formats and their checks are [`crate::domain::link`]'s and [`crate::domain::share`]'s, which
//! know nothing of the book.

use crate::domain::link::{Answer, Offer, Promise, Reply, Request, Token, LINK_VERSION, UNSIGNED};
use crate::domain::share::{SharedTalk, SharedTopic, SHARE_VERSION};
use crate::domain::{
    Book, Commitment, CommitmentId, Direction, DomainError, Entry, Instant, Status, Step, TalkId,
};

impl SharedTalk {
    /// The part of `talk` that is shared: topics still on its list, with their askers' names.
    pub fn of(book: &Book, talk: TalkId) -> Option<Self> {
        let t = book.talk(talk)?;
        Some(Self {
            v: SHARE_VERSION,
            title: t.title().to_owned(),
            date: t.date().to_owned(),
            topics: t
                .topics()
                .map(|topic| SharedTopic {
                    text: topic.text().to_owned(),
                    askers: topic.askers().iter().map(|a| book.name_of(*a)).collect(),
                })
                .collect(),
        })
    }
}

impl Promise {
    /// The commitment `id` of `book` as a link carries it, under `thread`; `None` for one that
    /// is not the user's own promise.
    pub(crate) fn of(book: &Book, id: CommitmentId, from: &str, thread: Token) -> Option<Self> {
        let c = book.commitment(id)?;
        (c.by() == Direction::Mine).then(|| Self {
            from: from.to_owned(),
            to: book.name_of(c.to()),
            what: c.what().to_owned(),
            due: c.due().clone(),
            made: c.made_at(),
            thread,
        })
    }
}

impl Request {
    /// The request for commitment `id`, asked as `from` with the key `token` (its public id is
    /// the one recorded with it): only while it awaits acknowledgement. Its thread is the
    /// commitment's, or this request's name for the first link.
    pub fn of(book: &Book, id: CommitmentId, from: &str, token: Token) -> Option<Self> {
        let c = book.commitment(id)?;
        if c.status() != Status::AwaitingAck {
            return None;
        }
        let done = c.history().in_force().rev().find_map(|e| match e {
            Entry::Done { at } => Some(*at),
            _ => None,
        })?;
        let public = c.history().iter().find_map(|e| match e {
            Entry::Asked { token: t, id, .. } if *t == token => id.clone(),
            _ => None,
        });
        let thread = c.thread().cloned();
        let thread = thread.unwrap_or_else(|| public.clone().unwrap_or_else(|| token.clone()));
        Some(Self {
            v: if public.is_some() {
                LINK_VERSION
            } else {
                UNSIGNED
            },
            token,
            id: public,
            promise: Promise::of(book, id, from, thread)?,
            done,
        })
    }
}

impl Offer {
    /// The offer of commitment `id`, made as `from`: only while it is open.
    pub fn of(book: &Book, id: CommitmentId, from: &str, token: Token) -> Option<Self> {
        let c = book.commitment(id)?;
        if c.status() != Status::Open {
            return None;
        }
        let thread = c.thread().cloned().unwrap_or(token);
        Some(Self {
            v: UNSIGNED,
            promise: Promise::of(book, id, from, thread)?,
        })
    }
}

/// Why a reply is not recorded. Each says what happened; nothing is changed by any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No request here carries its token: made in another browser, or before a reset.
    Unknown,
    /// Its signature is missing or does not match the request's key: it was changed after it
    /// was made, or made by someone who never had the request.
    Forged,
    /// It names another person or other words than the ledger has for that request, on
    /// commitment `id`.
    Differs { id: CommitmentId },
    /// That request was answered already, with this same answer: when, and how.
    Answered { at: Instant, answer: Answer },
    /// That request was answered already with another answer (when, and that first answer):
    /// two different answers arrived for it.
    TwoAnswers { at: Instant, first: Answer },
    /// A later request to the same person about the same commitment replaced it.
    Replaced { id: CommitmentId, asked: Instant },
    /// The commitment changed after the request (what happened, when): the answer was given
    /// about what it was before.
    Changed {
        id: CommitmentId,
        what: &'static str,
        at: Instant,
    },
}

/// Where a request made here stands: the commitment it was made on, and when; its key, when
/// its replies are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub id: CommitmentId,
    pub at: Instant,
    key: Option<Token>,
}

/// A reply this book let through: signed with the key of a request made here, or answering a
/// request made before replies were signed (`signed` is then false). Only [`Book::verify`]
/// makes one, so a reply whose signature failed never reaches a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    reply: Reply,
    signed: bool,
}

impl Checked {
    pub fn reply(&self) -> &Reply {
        &self.reply
    }

    /// Whether its signature was checked; `false` for an older, unsigned link.
    pub fn signed(&self) -> bool {
        self.signed
    }

    /// A reply let through unchecked, for tests of what happens after the check.
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn unchecked(reply: Reply) -> Self {
        Self {
            reply,
            signed: false,
        }
    }
}

impl Book {
    /// The request made here that replies name `name` by, if there is one.
    pub fn asked(&self, name: &Token) -> Option<Asked> {
        self.commitments().find_map(|c| {
            c.history().iter().find_map(|e| match e {
                Entry::Asked { at, token, id } if e.request() == Some(name) => Some(Asked {
                    id: c.id(),
                    at: *at,
                    key: id.as_ref().map(|_| token.clone()),
                }),
                _ => None,
            })
        })
    }

    /// Whether `reply` may be recorded, in full: it names a request made here, its signature
    /// matches that request's key (or the request predates signing), it names the person and
    /// words the ledger has for that request, and it is not moot ([`Book::check_reply`]).
    /// Checked here only, and only the links page calls this: the other pages carry no HMAC.
    pub fn verify(&self, reply: &Reply) -> Result<Checked, Refusal> {
        let asked = self.asked(&reply.token).ok_or(Refusal::Unknown)?;
        let signed = match (asked.key, &reply.mac) {
            // Comparing in constant time would guard a server; here the one who checks is the
            // one who asked, in their own browser, and nobody can time it.
            (Some(key), Some(mac)) if reply.mac_with(&key) == *mac => true,
            (Some(_), _) => return Err(Refusal::Forged),
            (None, _) => false,
        };
        self.admit(reply)?;
        Ok(Checked {
            reply: reply.clone(),
            signed,
        })
    }

    /// Whether a reply whose signature is checked may be recorded now: it names the person and
    /// the words the ledger has for its request, and [`Book::check_reply`] lets it through; a
    /// second, different answer to an answered request is told apart from the same one again.
    /// `Ok` names the commitment.
    fn admit(&self, reply: &Reply) -> Result<CommitmentId, Refusal> {
        let asked = self.asked(&reply.token).ok_or(Refusal::Unknown)?;
        let c = self
            .commitment(asked.id)
            .expect("asked() found it in this book");
        let (by, what) = (self.name_of(c.to()), c.what());
        if reply.by.trim() != by || reply.what.trim() != what {
            return Err(Refusal::Differs { id: c.id() });
        }
        match self.check_reply(&reply.token) {
            Err(Refusal::Answered { at, answer })
                if Ok(&answer) != reply.answer.clone().clean().as_ref() =>
            {
                Err(Refusal::TwoAnswers { at, first: answer })
            }
            checked => checked,
        }
    }

    /// Whether an answer to the request named `token` may be recorded: it answers the latest
    /// request made here on a commitment that has not changed since. `Ok` names the commitment.
    pub fn check_reply(&self, token: &Token) -> Result<CommitmentId, Refusal> {
        let asked = self.asked(token).ok_or(Refusal::Unknown)?;
        let c = self
            .commitment(asked.id)
            .expect("asked() found it in this book");
        let id = c.id();
        // What the user took back does not count as a change since the request.
        let after: Vec<&Entry> = c
            .history()
            .in_force()
            .skip_while(|e| e.request() != Some(token))
            .skip(1)
            .collect();
        // Answered already; else moot: a later request says so first, then a renegotiation (the
        // due moment it answered about is gone), then the first change.
        if let Some(e) = after.iter().find(|e| e.reply() == Some(token)) {
            let answer = e.answer().expect("only an answer carries a reply");
            return Err(Refusal::Answered { at: e.at(), answer });
        }
        if let Some(e) = after
            .iter()
            .rev()
            .find(|e| matches!(e, Entry::Asked { .. }))
        {
            return Err(Refusal::Replaced { id, asked: e.at() });
        }
        let changed = after
            .iter()
            .find(|e| matches!(e, Entry::Renegotiated { .. }))
            .or_else(|| after.iter().find(|e| !matches!(e, Entry::Offered { .. })));
        match changed {
            Some(e) => Err(Refusal::Changed {
                id,
                what: e.kind(),
                at: e.at(),
            }),
            None => Ok(id),
        }
    }

    /// The answer given in this Troth to the request `token` and kept here with the commitment
    /// it was about (one promised to the user): `(that commitment, the answer)`.
    pub fn answered_here(&self, token: &Token) -> Option<(CommitmentId, Answer)> {
        self.commitments_by(Direction::Theirs).find_map(|c| {
            let e = c.history().iter().find(|e| e.reply() == Some(token))?;
            Some((c.id(), e.answer()?))
        })
    }

    /// The user's own commitment whose links carry `thread`, if this Troth made them.
    pub fn sent_from(&self, thread: &Token) -> Option<&Commitment> {
        self.commitments_by(Direction::Mine)
            .find(|c| c.thread() == Some(thread))
    }
}

impl From<Refusal> for DomainError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Unknown => Self::NoSuchRequest,
            Refusal::Forged => Self::ReplyForged,
            _ => Self::ReplyRefused,
        }
    }
}
