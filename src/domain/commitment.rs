//! A commitment and its history. The history is the truth: state, due moment and outcome are
//! all derived from it, and it only ever grows by one entry per accepted action.

use crate::domain::history::{replayed, History, Replayed, Step, Unfit};
use crate::domain::link::{Answer, Token};
use crate::domain::text::{note, text};
use crate::domain::{CommitmentId, DomainError, Due, Instant, PersonId};
use serde::{Deserialize, Serialize};

/// How long after making a commitment a slip in it (a typo in what, whom or the due moment)
/// may be corrected: minutes, before the other person could have planned around it.
pub const CORRECTION_SECS: i64 = 15 * 60;

/// One thing that happened to a commitment. Entries are never edited or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Entry {
    /// It was made, due at `due`.
    Made { at: Instant, due: Due },
    /// Moved to a new due moment, for a reason. Early or late is derived from `at` and the
    /// due moment it replaced.
    #[serde(rename = "reneg")]
    Renegotiated {
        at: Instant,
        due: Due,
        reason: String,
    },
    /// A slip fixed while the commitment was fresh: what changed, each field only if it did.
    /// Not a renegotiation: nobody could have relied on the first wording yet.
    Corrected {
        at: Instant,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        what: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<PersonId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<Due>,
    },
    /// The one who promised says it is done; it now waits for the other person.
    Done { at: Instant },
    /// The other person was asked by link whether it is met. `token` is the request's key,
    /// which signs their reply and never travels in it; `id` is the request's public name, which
    /// the reply carries. A request made before replies were signed has no `id`: its reply
    /// carries `token` itself, unsigned. Asking changes nothing else.
    Asked {
        at: Instant,
        token: Token,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<Token>,
    },
    /// The commitment was sent to the other person as a link their Troth can keep.
    Offered { at: Instant, token: Token },
    /// The other person says something is still missing; it is open again.
    #[serde(rename = "notyet")]
    NotYet {
        at: Instant,
        missing: String,
        /// The request this answers, when the answer came by link.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply: Option<Token>,
    },
    /// The other person acknowledged it: only this makes a commitment met.
    #[serde(rename = "ack")]
    Acknowledged {
        at: Instant,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        how: Option<String>,
        /// The request this answers, when the answer came by link.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply: Option<Token>,
    },
    /// The due moment passed and it was not delivered; or a standing commitment was broken,
    /// and `what` happened.
    Missed {
        at: Instant,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        what: Option<String>,
    },
    /// Both agreed to drop it.
    Released { at: Instant, note: String },
    /// The user took back their last step, entry number `entry` (counted from 0: always the
    /// entry just above). That entry stays in the history, no longer in force.
    Undone { at: Instant, entry: usize },
}

impl Step for Entry {
    fn at(&self) -> Instant {
        match self {
            Self::Made { at, .. }
            | Self::Renegotiated { at, .. }
            | Self::Corrected { at, .. }
            | Self::Done { at }
            | Self::Asked { at, .. }
            | Self::Offered { at, .. }
            | Self::NotYet { at, .. }
            | Self::Acknowledged { at, .. }
            | Self::Missed { at, .. }
            | Self::Released { at, .. }
            | Self::Undone { at, .. } => *at,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Self::Made { .. } => "made",
            Self::Renegotiated { .. } => "renegotiated",
            Self::Corrected { .. } => "corrected",
            Self::Done { .. } => "done",
            Self::Asked { .. } => "asked",
            Self::Offered { .. } => "offered",
            Self::NotYet { .. } => "not yet",
            Self::Acknowledged { .. } => "acknowledged",
            Self::Missed { .. } => "missed",
            Self::Released { .. } => "released",
            Self::Undone { .. } => "undone",
        }
    }

    /// The user's own clicks (done, not yet, acknowledged, renegotiated, missed, released), not
    /// the making, a correction, a link sent, the other person's own answer by link, or an undo.
    fn undoable(&self) -> bool {
        match self {
            Self::Renegotiated { .. }
            | Self::Done { .. }
            | Self::Missed { .. }
            | Self::Released { .. } => true,
            Self::NotYet { reply, .. } | Self::Acknowledged { reply, .. } => reply.is_none(),
            Self::Made { .. }
            | Self::Corrected { .. }
            | Self::Asked { .. }
            | Self::Offered { .. }
            | Self::Undone { .. } => false,
        }
    }

    fn undoes(&self) -> Option<usize> {
        match self {
            Self::Undone { entry, .. } => Some(*entry),
            _ => None,
        }
    }
}

impl Entry {
    /// Whether it moves the commitment (asking or offering by link only says something).
    fn moves(&self) -> bool {
        !matches!(self, Self::Asked { .. } | Self::Offered { .. })
    }

    /// For a request: the name its reply carries (its public id; its key, for a request made
    /// before replies were signed).
    pub fn request(&self) -> Option<&Token> {
        match self {
            Self::Asked { token, id, .. } => Some(id.as_ref().unwrap_or(token)),
            _ => None,
        }
    }

    /// The request a link answer carries, for an answer that came by link.
    pub fn reply(&self) -> Option<&Token> {
        match self {
            Self::Acknowledged { reply, .. } | Self::NotYet { reply, .. } => reply.as_ref(),
            _ => None,
        }
    }

    /// The answer it records, for an acknowledgement or a "not yet".
    pub fn answer(&self) -> Option<Answer> {
        match self {
            Self::Acknowledged { how, .. } => Some(Answer::Met { note: how.clone() }),
            Self::NotYet { missing, .. } => Some(Answer::NotYet {
                missing: missing.clone(),
            }),
            _ => None,
        }
    }
}

/// Who promised: the user, to the other person (the ledger's first purpose), or the other
/// person, to the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The user promised it to them.
    #[default]
    Mine,
    /// They promised it to the user.
    Theirs,
}

impl Direction {
    fn is_mine(&self) -> bool {
        *self == Self::Mine
    }
}

/// What is promised: something delivered by the due moment, or something kept every day until
/// it ("I will talk only to you, not to your boss, until 1 March").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Deliver,
    /// Kept until its due moment; met when that has passed and the other person acknowledges
    /// it; broken (missed, with what happened) at any moment before.
    Standing,
}

impl Kind {
    fn is_deliver(&self) -> bool {
        *self == Self::Deliver
    }
}

/// Where a commitment stands, derived from its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Open,
    AwaitingAck,
    Kept,
    Missed,
    Released,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::AwaitingAck => "awaiting acknowledgement",
            Self::Kept => "kept",
            Self::Missed => "missed",
            Self::Released => "released",
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Self::Kept | Self::Missed | Self::Released)
    }
}

/// Whether a renegotiation came before the due moment it replaced (healthy) or after (late).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    Early,
    Late,
}

/// How a closed commitment ended, for the track record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    KeptOnTime,
    /// Kept by a due moment that was renegotiated, always in good time.
    KeptAfterEarlyRenegotiation,
    /// Kept, but done after its due moment or after a late renegotiation.
    KeptLate,
    Missed,
    Released,
}

impl Outcome {
    pub fn is_kept(self) -> bool {
        matches!(
            self,
            Self::KeptOnTime | Self::KeptAfterEarlyRenegotiation | Self::KeptLate
        )
    }
}

/// What the user can do to a commitment once it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Renegotiate {
        due: Due,
        reason: String,
    },
    /// Fixes a slip in a fresh commitment; `None` leaves that part as it is.
    Correct {
        what: Option<String>,
        to: Option<PersonId>,
        due: Option<Due>,
    },
    MarkDone,
    NotYet {
        missing: String,
    },
    Acknowledge {
        how: Option<String>,
    },
    /// Takes back the last step, entry number `entry` of the history: refused if anything
    /// came after it (in another tab, say) or if it is not the user's own step.
    Undo {
        entry: usize,
    },
    /// Makes a link asking the other person whether it is met (awaiting acknowledgement):
    /// `token` is its key, `id` its public name (`None` only in histories from before replies
    /// were signed).
    Ask {
        token: Token,
        id: Option<Token>,
    },
    /// Makes a link their Troth can keep (while it is open).
    Offer {
        token: Token,
    },
    /// The other person's own answer to the request `token`, brought back by link. The book
    /// checks the token against what was asked before it gets here.
    Reply {
        token: Token,
        answer: Answer,
    },
    MarkMissed,
    /// A standing commitment was broken: it is missed, and `what` happened.
    Break {
        what: String,
    },
    Release {
        note: String,
    },
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Self::Renegotiate { .. } => "renegotiating",
            Self::Correct { .. } => "correcting it",
            Self::MarkDone => "marking it done",
            Self::NotYet { .. } => "recording what is missing",
            Self::Acknowledge { .. } => "recording the acknowledgement",
            Self::Ask { .. } => "asking for an acknowledgement",
            Self::Offer { .. } => "sending it by link",
            Self::Reply { .. } => "recording the answer",
            Self::MarkMissed => "marking it missed",
            Self::Break { .. } => "recording that it was broken",
            Self::Release { .. } => "releasing it",
            Self::Undo { .. } => "undoing the last step",
        }
    }
}

/// A commitment made to someone. Its history always starts with `Made` and follows the state
/// machine: it can only be built by [`Commitment::make`], extended by [`Commitment::act`], and
/// a stored one is replayed through the same rules when it is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Stored")]
pub struct Commitment {
    id: CommitmentId,
    /// The other person: whom it is promised to, or who promised it (see `by`).
    to: PersonId,
    #[serde(default, skip_serializing_if = "Direction::is_mine")]
    by: Direction,
    /// For one kept from another person's link: the thread that link belongs to, so a later
    /// link about the same commitment finds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin: Option<Token>,
    #[serde(default, skip_serializing_if = "Kind::is_deliver")]
    kind: Kind,
    /// For one made "again": the first commitment of its series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    series: Option<CommitmentId>,
    what: String,
    history: History<Entry>,
}

/// The stored shape, checked by replaying it before it becomes a [`Commitment`].
#[derive(Deserialize)]
struct Stored {
    id: CommitmentId,
    to: PersonId,
    #[serde(default)]
    by: Direction,
    #[serde(default)]
    origin: Option<Token>,
    #[serde(default)]
    kind: Kind,
    #[serde(default)]
    series: Option<CommitmentId>,
    what: String,
    history: Vec<Entry>,
}

impl TryFrom<Stored> for Commitment {
    type Error = DomainError;

    fn try_from(s: Stored) -> Result<Self, DomainError> {
        let id = s.id;
        let mut entries = s.history.into_iter();
        let first = entries.next();
        let start = || {
            let Some(Entry::Made { at, due }) = first else {
                return Err(Unfit::said("it does not start with being made"));
            };
            if s.series.is_some_and(|root| root >= id) {
                return Err(Unfit::said("its series starts after it"));
            }
            // Not `make`: a stored moment outside the years Troth accepts (kept before they
            // were checked) is read and shown plainly, so the user can still settle it.
            let made = Self::start(id, s.to, &s.what, due, at)?;
            Ok(Self {
                by: s.by,
                origin: s.origin,
                kind: s.kind,
                series: s.series,
                ..made
            })
        };
        replayed(format_args!("commitment {id}"), start, entries)
    }
}

impl Replayed for Commitment {
    type Entry = Entry;

    fn history(&self) -> &History<Entry> {
        &self.history
    }

    fn replay(&mut self, entry: Entry) -> Result<(), Unfit> {
        let at = entry.at();
        // The other person's own answer answers a request made here, earlier: one that no
        // request asked for is made up. (On their side, a kept answer is the user's own.)
        if let Some(name) = entry.reply().filter(|_| self.by.is_mine()) {
            if !self.history.iter().any(|e| e.request() == Some(name)) {
                return Err(Unfit::said(format!(
                    "entry {} ({}) is an answer by link to a request it never made",
                    self.history.len() + 1,
                    entry.kind()
                )));
            }
        }
        let action = match entry {
            Entry::Made { .. } => return Err(Unfit::said("it was made twice")),
            Entry::Renegotiated { due, reason, .. } => Action::Renegotiate { due, reason },
            Entry::Corrected { what, to, due, .. } => Action::Correct { what, to, due },
            Entry::Done { .. } => Action::MarkDone,
            Entry::Asked { token, id, .. } => Action::Ask { token, id },
            Entry::Offered { token, .. } => Action::Offer { token },
            Entry::NotYet {
                missing,
                reply: Some(token),
                ..
            } => Action::Reply {
                token,
                answer: Answer::NotYet { missing },
            },
            Entry::Acknowledged {
                how,
                reply: Some(token),
                ..
            } => Action::Reply {
                token,
                answer: Answer::Met { note: how },
            },
            Entry::NotYet { missing, .. } => Action::NotYet { missing },
            Entry::Acknowledged { how, .. } => Action::Acknowledge { how },
            Entry::Missed { what: None, .. } => Action::MarkMissed,
            Entry::Missed {
                what: Some(what), ..
            } => Action::Break { what },
            Entry::Released { note, .. } => Action::Release { note },
            Entry::Undone { entry, .. } => Action::Undo { entry },
        };
        Ok(self.transition(action, at)?)
    }
}

/// A link the user may send about their own commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkToSend<'a> {
    /// Done, and not asked since: a request for acknowledgement.
    Ask,
    /// Asked (when, with which token) and not answered since: that link again, or a new one.
    Asked(Instant, &'a Token),
    /// Open: an offer (with the token of one made before, if any).
    Offer(Option<&'a Token>),
}

/// What an open commitment's rules allow at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenSteps {
    /// It can be marked done: a standing one only once its moment has passed.
    pub done: bool,
    /// Kept until a moment still to come: it can be recorded as broken meanwhile.
    pub running: bool,
    /// Its moment has passed: it can be marked missed, and moving it is a late renegotiation.
    pub past_due: bool,
}

impl OpenSteps {
    /// For a commitment of `kind` due at `due`, at `now` (what [`Commitment::open_steps`]
    /// says, for a page that keeps only those two as the clock moves).
    pub fn at(kind: Kind, due: Instant, now: Instant) -> Self {
        let past_due = now >= due;
        let running = kind == Kind::Standing && !past_due;
        Self {
            done: !running,
            running,
            past_due,
        }
    }
}

impl Commitment {
    /// Makes a commitment to `to`, due at `due`, at the moment `now`: both in the years Troth
    /// accepts.
    pub fn make(
        id: CommitmentId,
        to: PersonId,
        what: &str,
        due: Due,
        now: Instant,
    ) -> Result<Self, DomainError> {
        due.at.check_years("due moment")?;
        now.check_years("moment it was made")?;
        Self::start(id, to, what, due, now)
    }

    /// A commitment's first entry, unchecked moments and all (a stored one is replayed from it).
    fn start(
        id: CommitmentId,
        to: PersonId,
        what: &str,
        due: Due,
        now: Instant,
    ) -> Result<Self, DomainError> {
        Ok(Self {
            id,
            to,
            by: Direction::Mine,
            origin: None,
            kind: Kind::Deliver,
            series: None,
            what: text(what, DomainError::EmptyWhat)?,
            history: History::new(Entry::Made { at: now, due }),
        })
    }

    /// The same commitment as one `to` promised the user; `origin` when it came by link.
    pub(crate) fn promised_by_them(mut self, origin: Option<Token>) -> Self {
        self.by = Direction::Theirs;
        self.origin = origin;
        self
    }

    /// The same commitment as a standing one: kept until its due moment.
    pub(crate) fn standing(mut self) -> Self {
        self.kind = Kind::Standing;
        self
    }

    /// Who promised it.
    pub fn by(&self) -> Direction {
        self.by
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The series it belongs to, named by its first commitment: itself for the first, `None`
    /// for one never made again.
    pub fn series(&self) -> Option<CommitmentId> {
        self.series
    }

    /// The next of its series: same person, words, direction and kind, due at `due`, made at
    /// `now` with the id `id`.
    pub(crate) fn again(
        &self,
        id: CommitmentId,
        due: Due,
        now: Instant,
    ) -> Result<Self, DomainError> {
        let mut next = Self::make(id, self.to(), self.what(), due, now)?;
        next.by = self.by;
        next.kind = self.kind;
        next.series = Some(self.series.unwrap_or(self.id));
        Ok(next)
    }

    /// Its size: how far ahead it was made, from the moment it was made to the due moment now
    /// in force (after any renegotiation), in seconds.
    pub fn horizon(&self) -> i64 {
        self.due().at.unix().saturating_sub(self.made_at().unix())
    }

    /// The thread its links belong to: the link it was kept from, or the first link made
    /// from it here; `None` before any.
    pub fn thread(&self) -> Option<&Token> {
        self.origin.as_ref().or_else(|| {
            self.in_force().find_map(|e| match e {
                Entry::Asked { .. } => e.request(),
                Entry::Offered { token, .. } => Some(token),
                _ => None,
            })
        })
    }

    pub fn id(&self) -> CommitmentId {
        self.id
    }

    /// The same commitment and history under another id, its people renumbered by `person`
    /// (a merge renumbers what it brings in from another device).
    pub(crate) fn renumbered(
        &self,
        id: CommitmentId,
        person: impl Fn(PersonId) -> PersonId,
        series: impl Fn(CommitmentId) -> CommitmentId,
    ) -> Self {
        let history = self.history.map(|e| match e {
            Entry::Corrected { at, what, to, due } => Entry::Corrected {
                at: *at,
                what: what.clone(),
                to: to.map(&person),
                due: due.clone(),
            },
            other => other.clone(),
        });
        Self {
            id,
            to: person(self.to),
            by: self.by,
            origin: self.origin.clone(),
            kind: self.kind,
            series: self.series.map(series),
            what: self.what.clone(),
            history,
        }
    }

    /// Whom it is made to, as last corrected.
    pub fn to(&self) -> PersonId {
        self.corrected(|to, _| *to).unwrap_or(self.to)
    }

    /// What was committed to, as last corrected.
    pub fn what(&self) -> &str {
        self.corrected(|_, what| what.as_deref())
            .unwrap_or(&self.what)
    }

    /// The latest correction that `pick` finds something in.
    fn corrected<'a, T>(
        &'a self,
        pick: impl Fn(&'a Option<PersonId>, &'a Option<String>) -> Option<T>,
    ) -> Option<T> {
        self.in_force().rev().find_map(|e| match e {
            Entry::Corrected { to, what, .. } => pick(to, what),
            _ => None,
        })
    }

    /// What it said and whom it was to when it was made, before any correction.
    pub fn as_made(&self) -> (&str, PersonId) {
        (&self.what, self.to)
    }

    /// Everyone its history names: whom it was made to, and whom it was corrected to.
    pub fn people(&self) -> impl Iterator<Item = PersonId> + '_ {
        std::iter::once(self.to).chain(self.in_force().filter_map(|e| match e {
            Entry::Corrected { to, .. } => *to,
            _ => None,
        }))
    }

    /// The request made since it was last marked done, not answered yet (when, and its token):
    /// the link to send again.
    pub fn pending_request(&self) -> Option<(Instant, &Token)> {
        if self.status() != Status::AwaitingAck {
            return None;
        }
        self.in_force()
            .rev()
            .take_while(|e| !matches!(e, Entry::Done { .. }))
            .find_map(|e| match e {
                Entry::Asked { at, token, .. } => Some((*at, token)),
                _ => None,
            })
    }

    /// Whether `answer`, an answer by link, came signed with the key of a request made here;
    /// `false` for one answering a link made before replies were signed, which nothing checks.
    pub fn signed(&self, answer: &Entry) -> bool {
        answer.reply().is_some_and(|name| {
            self.history
                .iter()
                .any(|e| matches!(e, Entry::Asked { id: Some(id), .. } if id == name))
        })
    }

    /// The token of the offer link made from it, if one was.
    pub fn offered(&self) -> Option<&Token> {
        self.in_force().find_map(|e| match e {
            Entry::Offered { token, .. } => Some(token),
            _ => None,
        })
    }

    /// Until when a slip in it may still be corrected: while it is fresh and nothing but
    /// corrections has happened to it; `None` once that has passed.
    pub fn correctable_until(&self, now: Instant) -> Option<Instant> {
        let until = self.made_at().plus_secs(CORRECTION_SECS);
        let untouched = self
            .in_force()
            .all(|e| matches!(e, Entry::Made { .. } | Entry::Corrected { .. }));
        (untouched && now <= until).then_some(until)
    }

    /// Every entry, oldest first, undone ones and the undos too: what the history view shows.
    /// Everything about the commitment (its state, due moment, outcome, record) is derived from
    /// the entries in force ([`History::in_force`]).
    pub fn history(&self) -> &History<Entry> {
        &self.history
    }

    fn in_force(&self) -> impl DoubleEndedIterator<Item = &Entry> + '_ {
        self.history.in_force()
    }

    pub fn made_at(&self) -> Instant {
        self.history[0].at()
    }

    /// The due moment now in force: the last one made or renegotiated.
    pub fn due(&self) -> &Due {
        self.in_force()
            .rev()
            .find_map(|e| match e {
                Entry::Made { due, .. } | Entry::Renegotiated { due, .. } => Some(due),
                Entry::Corrected { due, .. } => due.as_ref(),
                _ => None,
            })
            // The history always starts with `Made` (the only constructors guarantee it).
            .expect("a commitment's history starts with Made")
    }

    pub fn status(&self) -> Status {
        // Every entry that moves it leaves it in one state, whatever came before it.
        match self.in_force().rev().find(|e| e.moves()) {
            Some(Entry::Done { .. }) => Status::AwaitingAck,
            Some(Entry::Acknowledged { .. }) => Status::Kept,
            Some(Entry::Missed { .. }) => Status::Missed,
            Some(Entry::Released { .. }) => Status::Released,
            _ => Status::Open,
        }
    }

    /// The link its rules let the user send now: only for a promise of their own, a request
    /// for acknowledgement once it is done, an offer while it is open.
    pub fn link_to_send(&self) -> Option<LinkToSend<'_>> {
        if !self.by.is_mine() {
            return None;
        }
        match self.status() {
            Status::AwaitingAck => Some(
                self.pending_request()
                    .map_or(LinkToSend::Ask, |(at, token)| LinkToSend::Asked(at, token)),
            ),
            Status::Open => Some(LinkToSend::Offer(self.offered())),
            _ => None,
        }
    }

    /// The steps its rules allow at `now` while it is open, for the page to offer.
    pub fn open_steps(&self, now: Instant) -> OpenSteps {
        OpenSteps::at(self.kind, self.due().at, now)
    }

    /// Open and past its due moment: it needs a late renegotiation, delivery, or to be marked missed.
    pub fn is_overdue(&self, now: Instant) -> bool {
        self.status() == Status::Open && now >= self.due().at
    }

    /// What the other person last said was missing, while that is still unresolved.
    pub fn missing(&self) -> Option<&str> {
        match self
            .in_force()
            .rev()
            .find(|e| e.moves() && !matches!(e, Entry::Renegotiated { .. }))?
        {
            Entry::NotYet { missing, .. } => Some(missing),
            _ => None,
        }
    }

    /// Each renegotiation with its timing, in order.
    pub fn renegotiations(&self) -> impl Iterator<Item = (&Entry, Timing)> + '_ {
        self.renegotiations_from().map(|(e, before)| {
            let late = before.is_some_and(|b| e.at() >= b);
            (e, if late { Timing::Late } else { Timing::Early })
        })
    }

    /// How long before the due moment it replaced each early renegotiation came, in seconds,
    /// in order (a late one has no lead).
    pub fn early_leads(&self) -> impl Iterator<Item = i64> + '_ {
        self.renegotiations_from()
            .filter_map(|(e, before)| Some(before?.unix() - e.at().unix()))
            .filter(|lead| *lead > 0)
    }

    /// Each renegotiation with the due moment it replaced, in order.
    fn renegotiations_from(&self) -> impl Iterator<Item = (&Entry, Option<Instant>)> + '_ {
        let mut due = None;
        self.in_force().filter_map(move |e| match e {
            Entry::Made { due: d, .. } | Entry::Corrected { due: Some(d), .. } => {
                due = Some(d.at);
                None
            }
            Entry::Renegotiated { due: d, .. } => Some((e, due.replace(d.at))),
            _ => None,
        })
    }

    /// How it ended; `None` while it is still open or awaiting acknowledgement.
    pub fn outcome(&self) -> Option<Outcome> {
        match self.status() {
            Status::Open | Status::AwaitingAck => None,
            Status::Missed => Some(Outcome::Missed),
            Status::Released => Some(Outcome::Released),
            Status::Kept => {
                let done_at = self.in_force().rev().find_map(|e| match e {
                    Entry::Done { at } => Some(*at),
                    _ => None,
                })?;
                let mut timings = self.renegotiations().map(|(_, t)| t).peekable();
                let renegotiated = timings.peek().is_some();
                let any_late = timings.any(|t| t == Timing::Late);
                Some(if any_late || done_at > self.due().at {
                    Outcome::KeptLate
                } else if renegotiated {
                    Outcome::KeptAfterEarlyRenegotiation
                } else {
                    Outcome::KeptOnTime
                })
            }
        }
    }

    /// Refuses a history with an entry dated after `limit` (the moment it was read or exported):
    /// nothing can have happened later than that, so such an entry is made up.
    pub fn check_dated_by(&self, limit: Instant) -> Result<(), DomainError> {
        self.history
            .check_dated_by(format_args!("commitment {}", self.id), limit)
    }

    /// Every moment in its history lies in the years Troth accepts (a backup is checked so).
    pub fn check_years(&self) -> Result<(), DomainError> {
        self.history.iter().try_for_each(|e| {
            e.at().check_years("moment of an entry")?;
            match e {
                Entry::Made { due, .. }
                | Entry::Renegotiated { due, .. }
                | Entry::Corrected { due: Some(due), .. } => {
                    due.at.check_years("due moment").map(drop)
                }
                _ => Ok(()),
            }
        })
    }

    /// Applies `action` at `now`: on success exactly one entry is added; on error nothing changes.
    pub fn act(&mut self, action: Action, now: Instant) -> Result<(), DomainError> {
        let now = self.history.moment(now);
        if let Action::Renegotiate { due, .. } = &action {
            due.at.check_years("new due moment")?;
            if due.at <= now {
                return Err(DomainError::DueInPast);
            }
        }
        if let Action::Correct { due: Some(due), .. } = &action {
            due.at.check_years("due moment")?;
        }
        self.transition(action, now)
    }

    /// The state machine itself, shared by new actions and stored histories. (Stored histories
    /// skip the "new due moment is ahead" check: it was checked against the clock of the day.)
    fn transition(&mut self, action: Action, now: Instant) -> Result<(), DomainError> {
        let status = self.status();
        let refuse = || DomainError::NotAllowed {
            state: status.as_str(),
            action: action.name(),
        };
        let entry = match (status, &action) {
            (_, Action::Undo { entry }) => {
                self.history.check_undo(*entry, "this commitment has")?;
                Entry::Undone {
                    at: now,
                    entry: *entry,
                }
            }
            (Status::Open, Action::Renegotiate { due, reason }) => {
                if due.at == self.due().at {
                    return Err(DomainError::SameDue);
                }
                Entry::Renegotiated {
                    at: now,
                    due: due.clone(),
                    reason: text(reason, DomainError::EmptyReason)?,
                }
            }
            (Status::Open, Action::Correct { what, to, due }) => {
                if self.correctable_until(now).is_none() {
                    return Err(DomainError::TooLateToCorrect);
                }
                let what = what
                    .as_deref()
                    .map(|w| text(w, DomainError::EmptyWhat))
                    .transpose()?
                    .filter(|w| w != self.what());
                let to = to.filter(|t| *t != self.to());
                let due = due.clone().filter(|d| d != self.due());
                if what.is_none() && to.is_none() && due.is_none() {
                    return Err(DomainError::NothingToCorrect);
                }
                Entry::Corrected {
                    at: now,
                    what,
                    to,
                    due,
                }
            }
            (Status::Open, Action::MarkDone) => {
                if !self.open_steps(now).done {
                    return Err(DomainError::StandingNotOver);
                }
                Entry::Done { at: now }
            }
            (Status::AwaitingAck, Action::NotYet { missing }) => Entry::NotYet {
                at: now,
                missing: text(missing, DomainError::EmptyMissing)?,
                reply: None,
            },
            (Status::AwaitingAck, Action::Acknowledge { how }) => Entry::Acknowledged {
                at: now,
                how: note(how.as_deref())?,
                reply: None,
            },
            (Status::AwaitingAck, Action::Reply { token, answer }) => match answer {
                Answer::Met { note: how } => Entry::Acknowledged {
                    at: now,
                    how: note(how.as_deref())?,
                    reply: Some(token.clone()),
                },
                Answer::NotYet { missing } => Entry::NotYet {
                    at: now,
                    missing: text(missing, DomainError::EmptyMissing)?,
                    reply: Some(token.clone()),
                },
            },
            // Only a promise of the user's own is sent by link: the other person answers it.
            (Status::AwaitingAck, Action::Ask { token, id }) if self.by.is_mine() => Entry::Asked {
                at: now,
                token: token.clone(),
                id: id.clone(),
            },
            (Status::Open, Action::Offer { token }) if self.by.is_mine() => Entry::Offered {
                at: now,
                token: token.clone(),
            },
            (Status::Open, Action::MarkMissed) => {
                if !self.open_steps(now).past_due {
                    return Err(DomainError::NotDueYet);
                }
                Entry::Missed {
                    at: now,
                    what: None,
                }
            }
            (Status::Open, Action::Break { what }) => {
                if self.kind != Kind::Standing {
                    return Err(DomainError::NotStanding);
                }
                Entry::Missed {
                    at: now,
                    what: Some(text(what, DomainError::EmptyWhatHappened)?),
                }
            }
            (Status::Open | Status::AwaitingAck, Action::Release { note }) => Entry::Released {
                at: now,
                note: text(note, DomainError::EmptyNote)?,
            },
            _ => return Err(refuse()),
        };
        self.history.push(entry);
        Ok(())
    }
}
