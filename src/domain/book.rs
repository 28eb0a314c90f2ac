//! The whole document: people, commitments and talks. `Book::apply` is the one way data changes.

use crate::domain::goal::Goal;
use crate::domain::hand::Hand;
use crate::domain::link::{Answer, Offer, Request};
use crate::domain::records::{Keyed, Records};
use crate::domain::share::SharedTalk;
use crate::domain::success::Success;
use crate::domain::talk::{Talk, TopicAction};
use crate::domain::text::{clean, fold, skeleton, Kind as TextKind};
use crate::domain::{
    Action, Commitment, CommitmentId, Direction, DomainError, Due, GoalId, HandId, Instant, Kind,
    Person, PersonId, SuccessId, TalkId, TopicId, Zone,
};
use edit::Edit;

mod commitments;
mod edit;
mod links;
mod merge;
mod people;
mod talks;
mod trust;
mod undo;
pub use links::{Asked, Checked, Refusal};
pub use merge::MergeReport;
pub use trust::{Settle, TrustCommand};
pub use undo::{Undo, Undone};

/// Everything the user has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Book {
    people: Records<Person>,
    commitments: Records<Commitment>,
    talks: Records<Talk>,
    /// The user's own name, as links they send say who asks; `None` until they give it.
    pub(crate) me: Option<String>,
    /// Goals, raised hands and successes (see [`trust`]).
    trust: trust::Trust,
}

/// What an applied command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The record it was about.
    pub change: Change,
    /// What the store writes.
    pub touched: Touched,
    /// How to take it back, if it can be: send it back as [`Command::Undo`].
    pub undo: Option<Undo>,
}

/// The stored records an applied command changed: the store writes these and nothing else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// The people list, the user's name or the id counters (they are stored together).
    pub meta: bool,
    /// Commitments changed, made, or (if the book no longer has them) gone; each once.
    pub commitments: Vec<CommitmentId>,
    /// Talks changed, added, or (if the book no longer has them) deleted; each once.
    pub talks: Vec<TalkId>,
    /// Goals changed or agreed; each once.
    pub goals: Vec<GoalId>,
    /// Raised hands changed or raised; each once.
    pub hands: Vec<HandId>,
    /// Successes affirmed; each once.
    pub successes: Vec<SuccessId>,
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
    /// Makes a commitment with `to`: the user's promise to them, or (`by` theirs) what they
    /// promised the user; something done by `due`, or (`kind` standing) kept until it ("I will
    /// talk only to you, not to your boss, until 1 March").
    Make {
        to: Recipient,
        what: String,
        due: Due,
        by: Direction,
        kind: Kind,
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

/// The record an applied command was about (a new one's id, for the page to open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Person(PersonId),
    /// A commitment (a deferred topic's is the follow-up made to its asker).
    Commitment(CommitmentId),
    Talk(TalkId),
    /// The user's own name.
    Name,
    Goal(GoalId),
    Hand(HandId),
    Success(SuccessId),
}

/// What could not be taken as it was when a book was put together from stored parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// A commitment names someone who is not in the people list: a stand-in was added.
    MissingPerson(PersonId),
}

/// A kind of record the book holds one [`Records`] of.
pub trait Held: Keyed + Clone {
    fn held(book: &Book) -> &Records<Self>;
    fn held_mut(book: &mut Book) -> &mut Records<Self>;
}

macro_rules! held {
    ($($kind:ty => $($field:ident).+;)*) => {$(
        impl Held for $kind {
            fn held(book: &Book) -> &Records<Self> {
                &book.$($field).+
            }
            fn held_mut(book: &mut Book) -> &mut Records<Self> {
                &mut book.$($field).+
            }
        }
    )*};
}

held! {
    Commitment => commitments;
    Talk => talks;
    Goal => trust.goals;
    Hand => trust.hands;
    Success => trust.successes;
}

impl Book {
    /// A book of `people` and no records yet, numbering new ones from the stored counters.
    pub fn counted(people: Vec<Person>, next: NextIds) -> Self {
        let mut book = Self::default();
        book.set_counters(next);
        book.people = Records::from_vec(people, next.person);
        book
    }

    /// Sets where each kind's numbering goes on from.
    fn set_counters(&mut self, n: NextIds) {
        self.people.set_counter(n.person);
        self.commitments.set_counter(n.commitment);
        self.talks.set_counter(n.talk);
        self.trust.goals.set_counter(n.goal);
        self.trust.hands.set_counter(n.hand);
        self.trust.successes.set_counter(n.success);
    }

    /// Records of one kind read back from storage, in place of any there (the counter moves
    /// past them). Mend the book once every kind is in.
    pub fn with_read<T: Held>(mut self, read: Vec<T>) -> Self {
        let records = T::held_mut(&mut self);
        *records = Records::from_vec(read, records.counter());
        self
    }

    /// The records of one kind, by id.
    pub fn all<T: Held>(&self) -> &Records<T> {
        T::held(self)
    }

    /// The book with a stand-in for anyone a record names who is missing from the people list.
    pub fn mended(mut self) -> (Self, Vec<Repair>) {
        let repairs = self.mend_people();
        (self, repairs)
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
        let name = fold(&clean(name, TextKind::Name));
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
            person: self.people.counter(),
            commitment: self.commitments.counter(),
            talk: self.talks.counter(),
            goal: self.trust.goals.counter(),
            hand: self.trust.hands.counter(),
            success: self.trust.successes.counter(),
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

    /// Applies a command at `now`: all of it, or (refused) none of it.
    pub fn apply(&mut self, command: Command, now: Instant) -> Result<Applied, DomainError> {
        let undo = self.undo_of(&command);
        let mut edit = Edit::new(self);
        match edit.apply(command, now) {
            Ok(change) => {
                let touched = edit.done();
                Ok(Applied {
                    change,
                    touched,
                    undo: undo.filter(|u| self.undoable(u)),
                })
            }
            Err(refused) => {
                edit.roll_back();
                Err(refused)
            }
        }
    }
}

impl Edit<'_> {
    /// Applies one intent: each arm hands it to the code beside the records it is about
    /// ([`people`], [`commitments`], [`talks`], [`trust`], [`undo`]).
    fn apply(&mut self, command: Command, now: Instant) -> Result<Change, DomainError> {
        use Command as C;
        match command {
            C::AddPerson { name, zone } => self.add_person(&name, Some(zone)).map(Change::Person),
            C::EditPerson { id, name, zone } => self.edit_person(id, &name, zone),
            C::RemovePerson { id } => self.remove_person(id),
            C::RestorePerson { id } => self.restore_person(id),
            C::SetName { name } => self.set_name(&name),
            C::Make {
                to,
                what,
                due,
                by,
                kind,
            } => self.make(to, &what, due, by, kind, now),
            C::Again { id, due } => self.again(id, due, now),
            C::RecordReply { reply } => self.record_reply(&reply, now),
            C::KeepAnswer { request, answer } => self.keep_answer(&request, answer, now),
            C::KeepOffer { offer } => self.keep_offer(&offer, now),
            C::Act {
                id,
                action: Action::Reply { token, answer },
            } => self.reply(id, token, answer, now),
            // A correction names a person: it takes the one path that checks them.
            C::Act {
                id,
                action: Action::Correct { what, to, due },
            } => self.correct(id, what, to.map(Recipient::Existing), due, now),
            C::Act { id, action } => self.act(id, action, now),
            C::Correct { id, what, to, due } => self.correct(id, what, to, due, now),
            C::AddTalk { title, date } => self.add_talk(&title, &date),
            C::EditTalk { id, title, date } => self.on_talk(id, |t| t.rename(&title, &date)),
            C::ArchiveTalk { id, archived } => self.on_talk(id, |t| {
                t.set_archived(archived);
                Ok(())
            }),
            C::DeleteTalk { id } => self.remove(id).map(|()| Change::Talk(id)),
            C::StartTalk { id } => self.on_talk(id, |t| {
                t.start(now);
                Ok(())
            }),
            C::AddTopic { talk, asker, text } => self.add_topic(talk, asker, &text),
            C::EditTopic {
                talk,
                topic,
                text,
                asker,
            } => self.edit_topic(talk, topic, &text, asker),
            C::MoveTopic { talk, topic, to } => self.on_talk(talk, |t| t.move_topic(topic, to)),
            C::MergeTopics { talk, into, from } => self.on_talk(talk, |t| t.merge(into, from)),
            C::RemoveTopic { talk, topic } => self.on_talk(talk, |t| t.set_removed(topic, true)),
            // Removed topics count toward the limit, so restoring one never passes it.
            C::RestoreTopic { talk, topic } => self.on_talk(talk, |t| t.set_removed(topic, false)),
            C::Topic {
                talk,
                topic,
                action,
            } => self.on_talk(talk, |t| t.listed_mut(topic)?.act(action, now)),
            C::DeferTopic {
                talk,
                topic,
                what,
                due,
            } => self.defer_topic(talk, topic, &what, due, now),
            C::ImportTalk { shared } => self.import_talk(&shared),
            C::Trust(command) => self.apply_trust(command, now),
            C::Undo(undo) => self.apply_undo(undo, now),
        }
    }
}
