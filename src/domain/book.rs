//! The whole document: people, commitments and talks. `Book::apply` is the one way data changes.

use crate::domain::link::{Answer, Offer, Request};
use crate::domain::person::clean_name;
use crate::domain::records::Records;
use crate::domain::share::{SharedTalk, MAX_NEW_PEOPLE_PER_IMPORT};
use crate::domain::talk::{Talk, TopicAction, TopicState};
use crate::domain::text::{clean, fold, skeleton, Kind};
use crate::domain::{
    Action, Commitment, CommitmentId, Direction, DomainError, Due, Instant, Person, PersonId,
    TalkId, TopicId, Zone,
};

mod links;
mod merge;
mod trust;
mod undo;
pub use links::{Asked, Checked, Refusal};
pub use merge::MergeReport;
pub use trust::{Settle, TrustCommand};
pub use undo::{Undo, Undone};

/// Everything the user has.
#[derive(Debug, Clone, Default)]
pub struct Book {
    people: Records<Person>,
    commitments: Records<Commitment>,
    talks: Records<Talk>,
    next_person: u64,
    next_commitment: u64,
    next_talk: u64,
    /// The user's own name, as links they send say who asks; `None` until they give it.
    pub(crate) me: Option<String>,
    /// Goals, raised hands and successes (see [`trust`]).
    trust: trust::Trust,
    /// What the command being applied changed, recorded by the few helpers that change
    /// anything, so the store writes exactly that (no command arm can forget to say so).
    touched: Touched,
    /// How to take back the change the last successful command made, if it can be.
    undo: Option<Undo>,
}

/// Two books are equal when they hold the same things; what a command touched is bookkeeping.
impl PartialEq for Book {
    fn eq(&self, other: &Self) -> bool {
        self.people == other.people
            && self.commitments == other.commitments
            && self.talks == other.talks
            && self.next_ids() == other.next_ids()
            && self.me == other.me
            && self.trust == other.trust
    }
}

impl Eq for Book {}

/// The stored records an applied command changed: the store writes these and nothing else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// The people list or the id counters (they are stored together).
    pub meta: bool,
    /// Commitments changed, made, or (if the book no longer has them) gone; each once.
    pub commitments: Vec<CommitmentId>,
    /// Talks changed, added, or (if the book no longer has them) deleted; each once.
    pub talks: Vec<TalkId>,
    /// Goals changed or agreed; each once.
    pub goals: Vec<crate::domain::GoalId>,
    /// Raised hands changed or raised; each once.
    pub hands: Vec<crate::domain::HandId>,
    /// Successes affirmed; each once.
    pub successes: Vec<crate::domain::SuccessId>,
}

/// Adds `id` unless it is there: a command touches one or two records, so a list is enough.
pub(super) fn note<T: PartialEq>(ids: &mut Vec<T>, id: T) {
    if !ids.contains(&id) {
        ids.push(id);
    }
}

/// The id counters, stored beside the people list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NextIds {
    pub person: u64,
    pub commitment: u64,
    pub talk: u64,
    pub goal: u64,
    pub hand: u64,
    pub success: u64,
}

/// Who a new commitment is made to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    Existing(PersonId),
    /// Someone not yet in the book, added with the commitment.
    New {
        name: String,
        zone: Zone,
    },
    /// Someone not yet in the book whose time zone nobody has said (an asker in a talk): added
    /// with none, rather than with a guess.
    NameOnly(String),
}

/// A user's intent, as the view sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    AddPerson {
        name: String,
        zone: Zone,
    },
    /// A person's name and time zone, changed together or not at all.
    EditPerson {
        id: PersonId,
        name: String,
        zone: Option<Zone>,
    },
    /// Deletes someone with no commitments; hides (keeping the history) someone with some.
    RemovePerson {
        id: PersonId,
    },
    RestorePerson {
        id: PersonId,
    },
    Make {
        to: Recipient,
        what: String,
        due: Due,
    },
    /// Notes what someone promised the user: the mirror of [`Command::Make`].
    Promised {
        by: Recipient,
        what: String,
        due: Due,
    },
    /// A standing commitment: kept every day until `until` ("I will talk only to you, not to
    /// your boss, until 1 March"), promised by the user or to them.
    MakeStanding {
        to: Recipient,
        what: String,
        until: Due,
        by: Direction,
    },
    /// The next of a series, once the one before is settled: same words, to the same person,
    /// due at `due` ("again tomorrow").
    Again {
        id: CommitmentId,
        due: Due,
    },
    /// The user's own name, said in the links they send.
    SetName {
        name: String,
    },
    /// Records the other person's own answer, brought back by their reply link and checked by
    /// [`Book::verify`].
    RecordReply {
        reply: Checked,
    },
    /// Keeps, as a commitment promised to the user, a request they answered (with that
    /// answer); one kept before from the same thread gets the answer instead.
    KeepAnswer {
        // Boxed: a request is the largest thing a command carries.
        request: Box<Request>,
        answer: Answer,
    },
    /// Keeps a commitment someone sent by offer link, as one promised to the user.
    KeepOffer {
        offer: Offer,
    },
    Act {
        id: CommitmentId,
        action: Action,
    },
    /// Fixes a slip in a fresh commitment: `None` leaves that part as it is; a new name adds
    /// the person.
    Correct {
        id: CommitmentId,
        what: Option<String>,
        to: Option<Recipient>,
        due: Option<Due>,
    },
    AddTalk {
        title: String,
        /// `YYYY-MM-DD`.
        date: String,
    },
    EditTalk {
        id: TalkId,
        title: String,
        date: String,
    },
    ArchiveTalk {
        id: TalkId,
        archived: bool,
    },
    /// Deletes a talk and its topics; follow-up commitments stay in the ledger.
    DeleteTalk {
        id: TalkId,
    },
    /// Starts (or restarts) the talk's clock.
    StartTalk {
        id: TalkId,
    },
    AddTopic {
        talk: TalkId,
        asker: Recipient,
        text: String,
    },
    /// Rewords a topic not yet covered; `asker` replaces its askers when given.
    EditTopic {
        talk: TalkId,
        topic: TopicId,
        text: String,
        asker: Option<Recipient>,
    },
    /// Moves a topic to position `to` on the list.
    MoveTopic {
        talk: TalkId,
        topic: TopicId,
        to: usize,
    },
    /// Two topics that are one: `from` is folded into `into`, keeping both askers.
    MergeTopics {
        talk: TalkId,
        into: TopicId,
        from: TopicId,
    },
    RemoveTopic {
        talk: TalkId,
        topic: TopicId,
    },
    RestoreTopic {
        talk: TalkId,
        topic: TopicId,
    },
    Topic {
        talk: TalkId,
        topic: TopicId,
        action: TopicAction,
    },
    /// Turns what an asker said was missing into a commitment to them.
    DeferTopic {
        talk: TalkId,
        topic: TopicId,
        what: String,
        due: Due,
    },
    /// A talk shared from another device; askers are matched to people by name, the others
    /// are added with no time zone (the share carries none).
    ImportTalk {
        shared: SharedTalk,
    },
    /// Goals, raised hands and successes.
    Trust(TrustCommand),
    /// Takes back the user's last change (see [`Undo`]): refused, in words, if something has
    /// since been built on it.
    Undo(Undo),
}

/// What an applied command changed, so the store writes that and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The people list (and the id counters that live beside it).
    People { person: PersonId },
    /// One commitment; `made` when it is new (the id counter moved, and maybe the people list).
    Commitment { id: CommitmentId, made: bool },
    /// One talk (gone if it was deleted); `meta` when people or id counters changed with it.
    Talk { id: TalkId, meta: bool },
    /// A topic was deferred: its talk and the new commitment (and the counters) changed.
    Deferred {
        talk: TalkId,
        commitment: CommitmentId,
    },
    /// The user's own name.
    Name,
    /// One goal; `made` when it is new.
    Goal {
        id: crate::domain::GoalId,
        made: bool,
    },
    /// One raised hand, and the follow-up commitment made when it was settled, if one was.
    Hand {
        id: crate::domain::HandId,
        follow_up: Option<CommitmentId>,
    },
    /// A success affirmed.
    Success { id: crate::domain::SuccessId },
}

/// What could not be taken as it was when a book was put together from stored parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// A commitment names someone who is not in the people list: a stand-in was added.
    MissingPerson(PersonId),
}

impl Book {
    /// Puts a book together from parts read back from storage, mending what would break its
    /// invariants instead of dropping anything.
    pub fn assemble(
        people: impl IntoIterator<Item = Person>,
        commitments: impl IntoIterator<Item = Commitment>,
        talks: impl IntoIterator<Item = Talk>,
        next: NextIds,
    ) -> (Self, Vec<Repair>) {
        let people = Records::from_vec(people.into_iter().collect());
        let commitments = Records::from_vec(commitments.into_iter().collect());
        let talks = Records::from_vec(talks.into_iter().collect());
        let mut book = Self {
            next_person: next.person.max(people.last_id().map_or(0, |id| id.0 + 1)),
            next_commitment: (next.commitment).max(commitments.last_id().map_or(0, |id| id.0 + 1)),
            next_talk: next.talk.max(talks.last_id().map_or(0, |id| id.0 + 1)),
            people,
            commitments,
            talks,
            me: None,
            trust: trust::Trust {
                next_goal: next.goal,
                next_hand: next.hand,
                next_success: next.success,
                ..Default::default()
            },
            touched: Touched::default(),
            undo: None,
        };
        let repairs = book.mend_people();
        (book, repairs)
    }

    /// Adds a stand-in for anyone a record names who is missing from the people list.
    fn mend_people(&mut self) -> Vec<Repair> {
        let book = self;
        let mut repairs = Vec::new();
        let referenced = book
            .commitments
            .values()
            .flat_map(Commitment::people)
            .chain(
                book.talks
                    .values()
                    .flat_map(|t| t.all_topics().iter().flat_map(|topic| topic.askers()))
                    .copied(),
            )
            .chain(book.trust_people());
        let missing: Vec<PersonId> = referenced.filter(|to| !book.people.contains(*to)).collect();
        for id in missing {
            if book.people.contains(id) {
                continue;
            }
            let zone = book
                .commitments
                .values()
                .find(|c| c.to() == id)
                .map(|c| c.due().zone.clone());
            book.people.insert(Person {
                id,
                name: format!("Person #{id}"),
                zone,
                removed: false,
            });
            book.next_person = book.next_person.max(id.0 + 1);
            repairs.push(Repair::MissingPerson(id));
        }
        repairs
    }

    /// The book with the user's stored name.
    pub fn with_me(mut self, me: Option<String>) -> Self {
        self.me = me;
        self
    }

    /// The user's own name, once they have given it.
    pub fn me(&self) -> Option<&str> {
        self.me.as_deref()
    }

    /// Commitments in one direction: what the user promised, or what was promised to them.
    pub fn commitments_by(&self, by: Direction) -> impl Iterator<Item = &Commitment> + '_ {
        self.commitments.values().filter(move |c| c.by() == by)
    }

    /// The commitment kept from links of `thread`, if one was.
    pub fn kept_from(&self, thread: &crate::domain::link::Token) -> Option<&Commitment> {
        self.commitments
            .values()
            .find(|c| c.by() == Direction::Theirs && c.thread() == Some(thread))
    }

    /// Everyone, removed people included, by id.
    pub fn all_people(&self) -> impl Iterator<Item = &Person> + '_ {
        self.people.values()
    }

    /// The people the user currently deals with, by name.
    pub fn people(&self) -> Vec<&Person> {
        let mut people: Vec<(String, &Person)> = (self.people.values())
            .filter(|p| !p.removed)
            .map(|p| (fold(&p.name), p))
            .collect();
        crate::domain::order::sort_by(&mut people, |a, b| a.0.cmp(&b.0));
        people.into_iter().map(|(_, p)| p).collect()
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.get(id)
    }

    /// An active person by name, ignoring case (and what cleaning a name removes).
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        let name = fold(&clean(name, Kind::Name));
        self.people
            .values()
            .find(|p| !p.removed && fold(&p.name) == name)
    }

    /// The active person a new name reads like without being theirs: "Ѕam" (with a Cyrillic S)
    /// when Sam is in the book. The view asks "Is this Sam?" before a second one is made.
    pub fn looks_like(&self, name: &str) -> Option<&Person> {
        if self.person_named(name).is_some() {
            return None;
        }
        let shape = skeleton(name);
        (!shape.is_empty())
            .then(|| {
                self.people
                    .values()
                    .find(|p| !p.removed && skeleton(&p.name) == shape)
            })
            .flatten()
    }

    pub fn commitments(&self) -> impl Iterator<Item = &Commitment> + '_ {
        self.commitments.values()
    }

    pub fn commitment(&self, id: CommitmentId) -> Option<&Commitment> {
        self.commitments.get(id)
    }

    /// Every commitment with `person`, both ways.
    pub fn commitments_to(&self, person: PersonId) -> impl Iterator<Item = &Commitment> + '_ {
        self.commitments.values().filter(move |c| c.to() == person)
    }

    pub fn next_ids(&self) -> NextIds {
        NextIds {
            person: self.next_person,
            commitment: self.next_commitment,
            talk: self.next_talk,
            goal: self.trust.next_goal,
            hand: self.trust.next_hand,
            success: self.trust.next_success,
        }
    }

    /// Every talk, by id.
    pub fn talks(&self) -> impl Iterator<Item = &Talk> + '_ {
        self.talks.values()
    }

    pub fn talk(&self, id: TalkId) -> Option<&Talk> {
        self.talks.get(id)
    }

    /// The talk someone asked a topic in, when that is all they are in the book for (no
    /// commitment names them).
    pub fn only_asked_in(&self, person: PersonId) -> Option<&Talk> {
        let named = self
            .commitments
            .values()
            .any(|c| c.people().any(|p| p == person));
        (!named)
            .then(|| self.talks.values().find(|t| t.asked_by(person)))
            .flatten()
    }

    /// The name of someone the book knows, or a stand-in for an id it does not.
    pub fn name_of(&self, id: PersonId) -> String {
        self.people
            .get(id)
            .map_or_else(|| format!("Person #{id}"), |p| p.name.clone())
    }

    /// Applies a command at `now`. Atomic: on error the book is exactly as it was. What it
    /// changed is then [`Book::take_touched`].
    pub fn apply(&mut self, command: Command, now: Instant) -> Result<Change, DomainError> {
        self.touched = Touched::default();
        let undo = self.undo_of(&command);
        let applied = self.apply_inner(command, now);
        match applied {
            Ok(_) => self.undo = undo,
            Err(_) => {
                self.touched = Touched::default();
                self.undo = None;
            }
        }
        applied
    }

    /// The records the last successful [`Book::apply`] changed (taken once).
    pub fn take_touched(&mut self) -> Touched {
        std::mem::take(&mut self.touched)
    }

    /// How to take back the change the last successful [`Book::apply`] made, if it can be
    /// (taken once): send it back as [`Command::Undo`].
    pub fn take_undo(&mut self) -> Option<Undo> {
        self.undo.take()
    }

    fn apply_inner(&mut self, command: Command, now: Instant) -> Result<Change, DomainError> {
        match command {
            Command::AddPerson { name, zone } => {
                let person = self.add_person(&name, Some(zone))?;
                Ok(Change::People { person })
            }
            Command::EditPerson { id, name, zone } => {
                let name = clean_name(&name)?;
                self.check_name_free(&name, Some(id))?;
                let person = self.person_mut(id)?;
                person.name = name;
                person.zone = zone;
                Ok(Change::People { person: id })
            }
            Command::RemovePerson { id } => {
                self.person_mut(id)?;
                // Named anywhere in a history (a correction keeps whom it was first made to).
                let referenced = self
                    .commitments
                    .values()
                    .any(|c| c.people().any(|p| p == id))
                    || self.talks.values().any(|t| t.asked_by(id))
                    || self.trust_names(id);
                if referenced {
                    self.person_mut(id)?.removed = true;
                } else {
                    self.people_mut().remove(id);
                }
                Ok(Change::People { person: id })
            }
            Command::RestorePerson { id } => {
                let name = self.person_mut(id)?.name.clone();
                self.check_name_free(&name, Some(id))?;
                self.person_mut(id)?.removed = false;
                Ok(Change::People { person: id })
            }
            Command::Make { to, what, due } => {
                let id = CommitmentId(self.next_commitment);
                // Validate the commitment before adding anyone, so a refusal changes nothing.
                let commitment = Commitment::make(id, self.check_recipient(&to)?, &what, due, now)?;
                self.recipient(to)?;
                self.insert_commitment(commitment);
                Ok(Change::Commitment { id, made: true })
            }
            Command::Promised { by, what, due } => {
                let id = CommitmentId(self.next_commitment);
                let commitment = Commitment::make(id, self.check_recipient(&by)?, &what, due, now)?
                    .promised_by_them(None);
                self.recipient(by)?;
                self.insert_commitment(commitment);
                Ok(Change::Commitment { id, made: true })
            }
            Command::MakeStanding {
                to,
                what,
                until,
                by,
            } => {
                let id = CommitmentId(self.next_commitment);
                let made =
                    Commitment::make(id, self.check_recipient(&to)?, &what, until, now)?.standing();
                let commitment = match by {
                    Direction::Mine => made,
                    Direction::Theirs => made.promised_by_them(None),
                };
                self.recipient(to)?;
                self.insert_commitment(commitment);
                Ok(Change::Commitment { id, made: true })
            }
            Command::Again { id, due } => {
                let c = self.commitment(id).ok_or(DomainError::NoSuchCommitment)?;
                if c.outcome().is_none() {
                    return Err(DomainError::NotSettledYet);
                }
                let root = c.series().unwrap_or(id);
                if self
                    .commitments
                    .after(id)
                    .any(|later| later.series() == Some(root))
                {
                    return Err(DomainError::NotLatestInSeries);
                }
                if due.at <= now {
                    return Err(DomainError::DueInPast);
                }
                self.check_recipient(&Recipient::Existing(c.to()))?;
                let next = c.again(CommitmentId(self.next_commitment), due, now)?;
                let id = next.id();
                self.insert_commitment(next);
                Ok(Change::Commitment { id, made: true })
            }
            Command::SetName { name } => {
                self.people_mut();
                self.me = Some(clean_name(&name)?);
                Ok(Change::Name)
            }
            Command::Act {
                id,
                action: Action::Reply { token, answer },
            } => {
                // A reply counts only for the request it answers: one path checks it.
                match self.check_reply(&token) {
                    Ok(asked) if asked == id => {}
                    Ok(_) => return Err(DomainError::NoSuchRequest),
                    Err(refusal) => return Err(refusal.into()),
                }
                self.commitment_mut(id)?
                    .act(Action::Reply { token, answer }, now)?;
                Ok(Change::Commitment { id, made: false })
            }
            Command::RecordReply { reply } => {
                // `Book::verify` checked its signature, person and words when it was read (and
                // only the links page carries that code); what may have changed since, an
                // answer from another tab or a step taken, is checked again.
                let reply = reply.reply();
                let id = self.check_reply(&reply.token)?;
                self.apply_inner(
                    Command::Act {
                        id,
                        action: Action::Reply {
                            token: reply.token.clone(),
                            answer: reply.answer.clone(),
                        },
                    },
                    now,
                )
            }
            Command::KeepAnswer { request, answer } => {
                // Everything is tried on a copy first, so a refusal adds nobody.
                let (mut kept, made) = match self.kept_from(&request.promise.thread) {
                    Some(c)
                        if c.history()
                            .iter()
                            .any(|e| e.reply() == Some(request.name())) =>
                    {
                        return Err(DomainError::AlreadyKept)
                    }
                    Some(c) => (c.clone(), false),
                    None => (self.keep(&request.promise, now)?, true),
                };
                if kept.status() == crate::domain::Status::Open {
                    kept.act(Action::MarkDone, request.done.min(now))?;
                }
                let token = request.name().clone();
                kept.act(Action::Reply { token, answer }, now)?;
                if made {
                    self.recipient(self.keeper(&request.promise.from))?;
                }
                let id = kept.id();
                self.insert_commitment(kept);
                Ok(Change::Commitment { id, made })
            }
            Command::KeepOffer { offer } => {
                if self.kept_from(&offer.promise.thread).is_some() {
                    return Err(DomainError::AlreadyKept);
                }
                let kept = self.keep(&offer.promise, now)?;
                self.recipient(self.keeper(&offer.promise.from))?;
                let id = kept.id();
                self.insert_commitment(kept);
                Ok(Change::Commitment { id, made: true })
            }
            // A correction names a person: it takes the one path that checks them.
            Command::Act {
                id,
                action: Action::Correct { what, to, due },
            } => self.apply_inner(
                Command::Correct {
                    id,
                    what,
                    to: to.map(Recipient::Existing),
                    due,
                },
                now,
            ),
            Command::Act { id, action } => {
                self.commitment_mut(id)?.act(action, now)?;
                Ok(Change::Commitment { id, made: false })
            }
            Command::Correct { id, what, to, due } => {
                // Try the correction on a copy first, so a refusal adds nobody.
                let to_id = to.as_ref().map(|t| self.check_recipient(t)).transpose()?;
                let mut corrected = self
                    .commitment(id)
                    .ok_or(DomainError::NoSuchCommitment)?
                    .clone();
                let action = Action::Correct {
                    what,
                    to: to_id,
                    due,
                };
                corrected.act(action, now)?;
                if let Some(to) = to {
                    self.recipient(to)?;
                }
                self.insert_commitment(corrected);
                Ok(Change::Commitment { id, made: false })
            }
            Command::AddTalk { title, date } => {
                let id = TalkId(self.next_talk);
                self.insert_talk(Talk::new(id, &title, &date)?);
                Ok(Change::Talk { id, meta: true })
            }
            Command::EditTalk { id, title, date } => {
                self.talk_mut(id)?.rename(&title, &date)?;
                Ok(Change::Talk { id, meta: false })
            }
            Command::ArchiveTalk { id, archived } => {
                self.talk_mut(id)?.set_archived(archived);
                Ok(Change::Talk { id, meta: false })
            }
            Command::DeleteTalk { id } => {
                self.talk_mut(id)?;
                self.talks.remove(id);
                Ok(Change::Talk { id, meta: false })
            }
            Command::StartTalk { id } => {
                self.talk_mut(id)?.start(now);
                Ok(Change::Talk { id, meta: false })
            }
            Command::AddTopic { talk, asker, text } => {
                self.talk(talk)
                    .ok_or(DomainError::NoSuchTalk)?
                    .check_room(&text)?;
                let (asker, meta) = self.recipient(asker)?;
                self.talk_mut(talk)?.add_topic(&text, asker)?;
                Ok(Change::Talk { id: talk, meta })
            }
            Command::EditTopic {
                talk,
                topic,
                text,
                asker,
            } => {
                // Check the edit first, so a refusal adds nobody.
                let t = self.talk(talk).ok_or(DomainError::NoSuchTalk)?;
                t.check_edit(topic, &text)?;
                if let Some(a) = &asker {
                    self.check_recipient(a)?;
                }
                let (asker, meta) = match asker {
                    Some(a) => {
                        let (id, meta) = self.recipient(a)?;
                        (Some(id), meta)
                    }
                    None => (None, false),
                };
                self.talk_mut(talk)?.edit_topic(topic, &text, asker)?;
                Ok(Change::Talk { id: talk, meta })
            }
            Command::MoveTopic { talk, topic, to } => {
                self.talk_mut(talk)?.move_topic(topic, to)?;
                Ok(Change::Talk {
                    id: talk,
                    meta: false,
                })
            }
            Command::MergeTopics { talk, into, from } => {
                self.talk_mut(talk)?.merge(into, from)?;
                Ok(Change::Talk {
                    id: talk,
                    meta: false,
                })
            }
            Command::RemoveTopic { talk, topic } => {
                self.talk_mut(talk)?.set_removed(topic, true)?;
                Ok(Change::Talk {
                    id: talk,
                    meta: false,
                })
            }
            Command::RestoreTopic { talk, topic } => {
                // Removed topics count toward the limit, so restoring one never passes it.
                self.talk_mut(talk)?.set_removed(topic, false)?;
                Ok(Change::Talk {
                    id: talk,
                    meta: false,
                })
            }
            Command::Topic {
                talk,
                topic,
                action,
            } => {
                self.talk_mut(talk)?.listed_mut(topic)?.act(action, now)?;
                Ok(Change::Talk {
                    id: talk,
                    meta: false,
                })
            }
            Command::DeferTopic {
                talk,
                topic,
                what,
                due,
            } => {
                let state = self
                    .talk(talk)
                    .ok_or(DomainError::NoSuchTalk)?
                    .topic(topic)
                    .ok_or(DomainError::NoSuchTopic)?
                    .state();
                let TopicState::NotYet { by, .. } = state else {
                    return Err(DomainError::TopicNotAllowed {
                        state: state.name(),
                        action: "deferring it",
                    });
                };
                let (to, _) = self.recipient(Recipient::Existing(by))?;
                let id = CommitmentId(self.next_commitment);
                let commitment = Commitment::make(id, to, &what, due, now)?;
                self.talk_mut(talk)?.listed_mut(topic)?.defer(by, id, now)?;
                self.insert_commitment(commitment);
                Ok(Change::Deferred {
                    talk,
                    commitment: id,
                })
            }
            Command::Trust(command) => self.apply_trust(command, now),
            Command::Undo(undo) => self.apply_undo(undo, now),
            Command::ImportTalk { shared } => {
                shared.check()?;
                let id = TalkId(self.next_talk);
                let mut talk = Talk::new(id, &shared.title, &shared.date)?;
                // Each name folded once, into a map: per pair, through the browser's folding,
                // 8,000 askers froze the page for half a minute. The first by id wins, as
                // `person_named` finds.
                let known = crate::domain::Index::new(
                    (self.people.values())
                        .filter(|p| !p.removed)
                        .map(|p| (fold(&p.name), p.id.0))
                        .collect(),
                );
                // New here, by folded name: `check` let at most MAX_NEW_PEOPLE_PER_IMPORT
                // different names through, so a scan of these is short.
                let mut new: Vec<String> = Vec::new();
                let mut added: Vec<Person> = Vec::new();
                for topic in &shared.topics {
                    let mut askers = Vec::with_capacity(topic.askers.len());
                    for name in &topic.askers {
                        let name = clean_name(name)?;
                        let folded = fold(&name);
                        let found = known.get(&folded).next();
                        let asker = match found {
                            Some(id) => PersonId(id),
                            None => match new.iter().position(|n| *n == folded) {
                                Some(i) => added[i].id,
                                None => {
                                    let id = PersonId(self.next_person + added.len() as u64);
                                    new.push(folded);
                                    added.push(Person {
                                        id,
                                        name,
                                        zone: None,
                                        removed: false,
                                    });
                                    id
                                }
                            },
                        };
                        if !askers.contains(&asker) {
                            askers.push(asker);
                        }
                    }
                    let (first, more) = askers.split_first().ok_or(DomainError::EmptyName)?;
                    let tid = talk.add_topic(&topic.text, *first)?;
                    for a in more {
                        talk.topic_mut(tid)?.add_asker(*a);
                    }
                }
                if added.len() > MAX_NEW_PEOPLE_PER_IMPORT {
                    return Err(DomainError::TooManyNewPeople {
                        len: added.len(),
                        max: MAX_NEW_PEOPLE_PER_IMPORT,
                    });
                }
                self.next_person += added.len() as u64;
                let people = self.people_mut();
                added.into_iter().for_each(|p| people.insert(p));
                self.insert_talk(talk);
                Ok(Change::Talk { id, meta: true })
            }
        }
    }

    /// A new commitment kept from a link's promise, as promised by the one who made the link
    /// (who is added, if new, when it is stored).
    fn keep(
        &self,
        promise: &crate::domain::link::Promise,
        now: Instant,
    ) -> Result<Commitment, DomainError> {
        let id = CommitmentId(self.next_commitment);
        let from = self.check_recipient(&self.keeper(&promise.from))?;
        Ok(Commitment::make(
            id,
            from,
            &promise.what,
            promise.due.clone(),
            promise.made.min(now),
        )?
        .promised_by_them(Some(promise.thread.clone())))
    }

    /// Who sent a link, as this book knows them: by name, or someone new with no time zone.
    fn keeper(&self, name: &str) -> Recipient {
        match self.person_named(name) {
            Some(p) => Recipient::Existing(p.id),
            None => Recipient::NameOnly(name.to_owned()),
        }
    }

    /// The person a recipient names, adding them if new: `(id, whether the people list changed)`.
    fn recipient(&mut self, to: Recipient) -> Result<(PersonId, bool), DomainError> {
        match to {
            Recipient::Existing(_) => Ok((self.check_recipient(&to)?, false)),
            Recipient::New { name, zone } => Ok((self.add_person(&name, Some(zone))?, true)),
            Recipient::NameOnly(name) => Ok((self.add_person(&name, None)?, true)),
        }
    }

    /// The id `to` names or would be given, checked without changing anything: someone known and
    /// not removed, or a new name nobody has.
    fn check_recipient(&self, to: &Recipient) -> Result<PersonId, DomainError> {
        match to {
            Recipient::Existing(id) => {
                let p = self.people.get(*id).ok_or(DomainError::NoSuchPerson)?;
                if p.removed {
                    return Err(DomainError::PersonRemoved {
                        who: p.name.clone(),
                    });
                }
                Ok(*id)
            }
            Recipient::New { name, .. } | Recipient::NameOnly(name) => {
                self.check_name_free(&clean_name(name)?, None)?;
                Ok(PersonId(self.next_person))
            }
        }
    }

    // The only ways anything in the book changes: each records what it touched.

    /// The people list and the id counters beside it.
    fn people_mut(&mut self) -> &mut Records<Person> {
        self.touched.meta = true;
        &mut self.people
    }

    /// Takes a fresh person id (for a merge, which then inserts the person).
    pub(crate) fn next_person_id(&mut self) -> PersonId {
        self.touched.meta = true;
        self.next_person += 1;
        PersonId(self.next_person - 1)
    }

    pub(crate) fn next_commitment_id(&mut self) -> CommitmentId {
        self.touched.meta = true;
        self.next_commitment += 1;
        CommitmentId(self.next_commitment - 1)
    }

    pub(crate) fn next_talk_id(&mut self) -> TalkId {
        self.touched.meta = true;
        self.next_talk += 1;
        TalkId(self.next_talk - 1)
    }

    pub(crate) fn insert_person(&mut self, p: Person) {
        self.people_mut().insert(p);
    }

    /// Adds or replaces a commitment; a new one moves the id counter past it.
    pub(crate) fn insert_commitment(&mut self, c: Commitment) {
        let id = c.id();
        note(&mut self.touched.commitments, id);
        if id.0 >= self.next_commitment {
            self.touched.meta = true;
            self.next_commitment = id.0 + 1;
        }
        self.commitments.insert(c);
    }

    /// Adds or replaces a talk; a new one moves the id counter past it.
    pub(crate) fn insert_talk(&mut self, t: Talk) {
        let id = t.id();
        note(&mut self.touched.talks, id);
        if id.0 >= self.next_talk {
            self.touched.meta = true;
            self.next_talk = id.0 + 1;
        }
        self.talks.insert(t);
    }

    fn commitment_mut(&mut self, id: CommitmentId) -> Result<&mut Commitment, DomainError> {
        let c = self
            .commitments
            .get_mut(id)
            .ok_or(DomainError::NoSuchCommitment)?;
        note(&mut self.touched.commitments, id);
        Ok(c)
    }

    fn talk_mut(&mut self, id: TalkId) -> Result<&mut Talk, DomainError> {
        let t = self.talks.get_mut(id).ok_or(DomainError::NoSuchTalk)?;
        note(&mut self.touched.talks, id);
        Ok(t)
    }

    fn add_person(&mut self, name: &str, zone: Option<Zone>) -> Result<PersonId, DomainError> {
        let name = clean_name(name)?;
        self.check_name_free(&name, None)?;
        let id = PersonId(self.next_person);
        self.people_mut().insert(Person {
            id,
            name,
            zone,
            removed: false,
        });
        self.next_person += 1;
        Ok(id)
    }

    fn person_mut(&mut self, id: PersonId) -> Result<&mut Person, DomainError> {
        self.people.get(id).ok_or(DomainError::NoSuchPerson)?;
        Ok(self.people_mut().get_mut(id).expect("checked just above"))
    }

    fn check_name_free(&self, name: &str, except: Option<PersonId>) -> Result<(), DomainError> {
        match self.person_named(name) {
            Some(p) if Some(p.id) != except => Err(DomainError::NameTaken(p.name.clone())),
            _ => Ok(()),
        }
    }
}
