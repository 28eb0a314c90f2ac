//! A talk and the topics its audience asked for. A topic is crossed off only when the people who
//! asked for it say it was covered: the presenter's "covered" is a question, not an answer.
//!
//! ```text
//! open ──cover──► covered ──every asker confirms──► confirmed
//!                    │  ▲
//!     an asker says  │  │ cover again, once delivered
//!     "not yet"      ▼  │
//!                  not yet ──defer──► deferred (a follow-up commitment to that asker)
//! ```

use crate::domain::history::{replayed, History, Replayed, Step, Unfit};
use crate::domain::text::bounded;
use crate::domain::{CommitmentId, DomainError, Instant, PersonId, TalkId, TopicId};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Longest talk title accepted (characters).
pub const MAX_TITLE: usize = 120;
/// Longest topic text accepted (characters).
pub const MAX_TOPIC: usize = 300;
/// Most topics a talk holds, removed ones included: beyond this nobody can cover them anyway.
pub const MAX_TOPICS: usize = 200;

/// One thing that happened to a topic. Entries are never edited or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicEntry {
    /// The presenter believes it was covered, and asks.
    Covered { at: Instant },
    /// One asker said yes.
    Confirmed { at: Instant, by: PersonId },
    /// One asker said something is still missing.
    #[serde(rename = "notyet")]
    NotYet {
        at: Instant,
        by: PersonId,
        missing: String,
    },
    /// What was missing became a commitment to that asker.
    Deferred {
        at: Instant,
        by: PersonId,
        commitment: CommitmentId,
    },
    /// The presenter took back their last step, entry number `entry` (counted from 0: always
    /// the entry just above). That entry stays in the history, no longer in force.
    Undone { at: Instant, entry: usize },
}

impl Step for TopicEntry {
    fn at(&self) -> Instant {
        match self {
            Self::Covered { at }
            | Self::Confirmed { at, .. }
            | Self::NotYet { at, .. }
            | Self::Deferred { at, .. }
            | Self::Undone { at, .. } => *at,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Self::Covered { .. } => "covered",
            Self::Confirmed { .. } => "confirmed",
            Self::NotYet { .. } => "not yet",
            Self::Deferred { .. } => "deferred",
            Self::Undone { .. } => "undone",
        }
    }

    /// Covered, confirmed, not yet (a deferral made a commitment, which stays; an undo is not
    /// undone).
    fn undoable(&self) -> bool {
        matches!(
            self,
            Self::Covered { .. } | Self::Confirmed { .. } | Self::NotYet { .. }
        )
    }

    fn undoes(&self) -> Option<usize> {
        match self {
            Self::Undone { entry, .. } => Some(*entry),
            _ => None,
        }
    }
}

/// Where a topic stands, derived from its history.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TopicState {
    Open,
    /// Covered, waiting for these askers' answers (never empty).
    Covered {
        waiting: Vec<PersonId>,
    },
    Confirmed {
        at: Instant,
    },
    NotYet {
        by: PersonId,
        missing: String,
    },
    Deferred {
        to: PersonId,
        commitment: CommitmentId,
    },
}

impl TopicState {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Covered { .. } => "covered",
            Self::Confirmed { .. } => "confirmed",
            Self::NotYet { .. } => "not yet",
            Self::Deferred { .. } => "deferred",
        }
    }

    /// Nothing more to do in the talk: confirmed, or carried on as a commitment.
    pub fn is_settled(&self) -> bool {
        matches!(self, Self::Confirmed { .. } | Self::Deferred { .. })
    }
}

/// What the presenter records for a topic (deferring is a [`crate::domain::Command`], since it
/// also makes a commitment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopicAction {
    Cover,
    Confirm { by: PersonId },
    NotYet { by: PersonId, missing: String },
}

/// A topic someone in the audience asked for. Built by [`Topic::new`], changed by
/// [`Topic::act`]; a stored one is replayed through the same rules when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredTopic")]
pub struct Topic {
    id: TopicId,
    text: String,
    /// Who asked, first asker first; more than one after merging duplicates. Never empty.
    askers: Vec<PersonId>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    removed: bool,
    #[serde(default, skip_serializing_if = "History::is_empty")]
    history: History<TopicEntry>,
}

#[derive(Deserialize)]
struct StoredTopic {
    id: TopicId,
    text: String,
    askers: Vec<PersonId>,
    #[serde(default)]
    removed: bool,
    #[serde(default)]
    history: Vec<TopicEntry>,
}

impl TryFrom<StoredTopic> for Topic {
    type Error = DomainError;

    fn try_from(s: StoredTopic) -> Result<Self, DomainError> {
        let start = || {
            let mut askers = s.askers.into_iter();
            let first = askers.next().ok_or(Unfit::said("nobody asked"))?;
            let mut t = Self::new(s.id, &s.text, first)?;
            for a in askers {
                if t.askers.contains(&a) {
                    return Err(Unfit::said("an asker is listed twice"));
                }
                t.askers.push(a);
            }
            Ok(t)
        };
        let mut t = replayed(format_args!("topic {}", s.id), start, s.history)?;
        // An answered topic is part of the record: it stays listed (older builds let one be
        // removed, hiding its answer).
        t.removed = s.removed && !t.is_answered();
        Ok(t)
    }
}

impl Replayed for Topic {
    type Entry = TopicEntry;

    fn history(&self) -> &History<TopicEntry> {
        &self.history
    }

    fn replay(&mut self, entry: TopicEntry) -> Result<(), Unfit> {
        let at = entry.at();
        Ok(match entry {
            TopicEntry::Deferred { by, commitment, .. } => self.defer(by, commitment, at),
            TopicEntry::Undone { entry, .. } => self.undo(entry, at),
            TopicEntry::Covered { .. } => self.act(TopicAction::Cover, at),
            TopicEntry::Confirmed { by, .. } => self.act(TopicAction::Confirm { by }, at),
            TopicEntry::NotYet { by, missing, .. } => {
                self.act(TopicAction::NotYet { by, missing }, at)
            }
        }?)
    }
}

impl Topic {
    pub fn new(id: TopicId, text: &str, asker: PersonId) -> Result<Self, DomainError> {
        Ok(Self {
            id,
            text: bounded(text, MAX_TOPIC, DomainError::EmptyTopic)?,
            askers: vec![asker],
            removed: false,
            history: History::empty(),
        })
    }

    pub fn id(&self) -> TopicId {
        self.id
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn askers(&self) -> &[PersonId] {
        &self.askers
    }

    pub fn is_removed(&self) -> bool {
        self.removed
    }

    /// Every entry, oldest first, undone ones and the undos too. The topic's state is derived
    /// from the entries in force ([`History::in_force`]).
    pub fn history(&self) -> &History<TopicEntry> {
        &self.history
    }

    fn in_force(&self) -> impl DoubleEndedIterator<Item = &TopicEntry> + '_ {
        self.history.in_force()
    }

    /// Nothing in force has happened to it yet: its wording and askers may still change.
    pub fn is_untouched(&self) -> bool {
        self.in_force().next().is_none()
    }

    /// Takes back entry number `entry`, which must be the last: recorded as a new entry.
    pub(crate) fn undo(&mut self, entry: usize, now: Instant) -> Result<(), DomainError> {
        self.history.check_undo(entry, "this topic has")?;
        let at = self.history.moment(now);
        self.history.push(TopicEntry::Undone { at, entry });
        Ok(())
    }

    /// Everyone whose answer is in force.
    pub fn answered_by(&self) -> impl Iterator<Item = PersonId> + '_ {
        self.in_force().filter_map(|e| match e {
            TopicEntry::Covered { .. } | TopicEntry::Undone { .. } => None,
            TopicEntry::Confirmed { by, .. }
            | TopicEntry::NotYet { by, .. }
            | TopicEntry::Deferred { by, .. } => Some(*by),
        })
    }

    /// The follow-up commitments this topic was deferred to.
    pub fn follow_ups(&self) -> impl Iterator<Item = CommitmentId> + '_ {
        self.in_force().filter_map(|e| match e {
            TopicEntry::Deferred { commitment, .. } => Some(*commitment),
            _ => None,
        })
    }

    /// Whether an asker has answered: then the topic is part of the record and stays listed.
    pub fn is_answered(&self) -> bool {
        self.answered_by().next().is_some()
    }

    pub fn state(&self) -> TopicState {
        let mut state = TopicState::Open;
        for e in self.in_force() {
            state = match (state, e) {
                (_, TopicEntry::Covered { .. }) => TopicState::Covered {
                    waiting: self.askers.clone(),
                },
                (TopicState::Covered { mut waiting }, TopicEntry::Confirmed { at, by }) => {
                    waiting.retain(|w| w != by);
                    if waiting.is_empty() {
                        TopicState::Confirmed { at: *at }
                    } else {
                        TopicState::Covered { waiting }
                    }
                }
                (_, TopicEntry::NotYet { by, missing, .. }) => TopicState::NotYet {
                    by: *by,
                    missing: missing.clone(),
                },
                (_, TopicEntry::Deferred { by, commitment, .. }) => TopicState::Deferred {
                    to: *by,
                    commitment: *commitment,
                },
                // `act` never lets a confirmation follow anything but "covered"; an undo and
                // what it took back are not in force.
                (state, TopicEntry::Confirmed { .. } | TopicEntry::Undone { .. }) => state,
            };
        }
        state
    }

    /// Applies `action` at `now`: on success exactly one entry is added; on error nothing changes.
    pub fn act(&mut self, action: TopicAction, now: Instant) -> Result<(), DomainError> {
        let now = self.history.moment(now);
        let state = self.state();
        let refuse = |action: &'static str| DomainError::TopicNotAllowed {
            state: state.name(),
            action,
        };
        let entry = match (&state, action) {
            (TopicState::Open | TopicState::NotYet { .. }, TopicAction::Cover) => {
                TopicEntry::Covered { at: now }
            }
            (TopicState::Covered { waiting }, TopicAction::Confirm { by }) => {
                self.check_asker(by)?;
                if !waiting.contains(&by) {
                    return Err(DomainError::AlreadyAnswered);
                }
                TopicEntry::Confirmed { at: now, by }
            }
            (TopicState::Covered { .. }, TopicAction::NotYet { by, missing }) => {
                self.check_asker(by)?;
                TopicEntry::NotYet {
                    at: now,
                    by,
                    missing: bounded(&missing, MAX_TOPIC, DomainError::EmptyMissing)?,
                }
            }
            (_, TopicAction::Cover) => return Err(refuse("marking it covered")),
            (_, TopicAction::Confirm { .. }) => return Err(refuse("confirming it")),
            (_, TopicAction::NotYet { .. }) => return Err(refuse("recording what is missing")),
        };
        self.history.push(entry);
        Ok(())
    }

    /// Records that what `by` said was missing is now the commitment `commitment`.
    pub(crate) fn defer(
        &mut self,
        by: PersonId,
        commitment: CommitmentId,
        now: Instant,
    ) -> Result<(), DomainError> {
        let now = self.history.moment(now);
        match self.state() {
            TopicState::NotYet { by: asked, .. } if asked == by => {
                self.history.push(TopicEntry::Deferred {
                    at: now,
                    by,
                    commitment,
                });
                Ok(())
            }
            state => Err(DomainError::TopicNotAllowed {
                state: state.name(),
                action: "deferring it",
            }),
        }
    }

    pub(crate) fn add_asker(&mut self, asker: PersonId) {
        if !self.askers.contains(&asker) {
            self.askers.push(asker);
        }
    }

    fn check_asker(&self, by: PersonId) -> Result<(), DomainError> {
        if self.askers.contains(&by) {
            Ok(())
        } else {
            Err(DomainError::NotAnAsker)
        }
    }

    fn check_editable(&self) -> Result<(), DomainError> {
        if self.is_untouched() {
            Ok(())
        } else {
            Err(DomainError::TopicUnderway)
        }
    }
}

/// A talk: its title, its date, and its topics in the order they will be covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredTalk")]
pub struct Talk {
    id: TalkId,
    title: String,
    /// The day of the talk, `YYYY-MM-DD` as a date input gives it.
    date: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    archived: bool,
    /// When the presenter started the clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    started: Option<Instant>,
    topics: Vec<Topic>,
    next_topic: u64,
}

#[derive(Deserialize)]
struct StoredTalk {
    id: TalkId,
    title: String,
    date: String,
    #[serde(default)]
    archived: bool,
    #[serde(default)]
    started: Option<Instant>,
    topics: Vec<Topic>,
    next_topic: u64,
}

impl TryFrom<StoredTalk> for Talk {
    type Error = DomainError;

    fn try_from(s: StoredTalk) -> Result<Self, DomainError> {
        let invalid = |why: String| DomainError::InvalidHistory(format!("talk {}: {why}", s.id));
        let mut talk = Self::new(s.id, &s.title, &s.date).map_err(|e| invalid(e.to_string()))?;
        if s.topics.len() > MAX_TOPICS {
            return Err(invalid(format!("it has more than {MAX_TOPICS} topics")));
        }
        let mut ids: Vec<TopicId> = s.topics.iter().map(Topic::id).collect();
        crate::domain::order::sort_by(&mut ids, Ord::cmp);
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(invalid("two topics share an id".into()));
        }
        talk.archived = s.archived;
        talk.started = s.started;
        talk.next_topic = s.next_topic.max(ids.last().map_or(0, |id| id.0 + 1));
        talk.topics = s.topics;
        Ok(talk)
    }
}

impl Talk {
    pub fn new(id: TalkId, title: &str, date: &str) -> Result<Self, DomainError> {
        Ok(Self {
            id,
            title: bounded(title, MAX_TITLE, DomainError::EmptyTitle)?,
            date: clean_date(date)?,
            archived: false,
            started: None,
            topics: Vec::new(),
            next_topic: 0,
        })
    }

    pub fn id(&self) -> TalkId {
        self.id
    }

    /// The same talk under another id, with people and follow-up commitments renamed by
    /// `person` and `commitment` (a merge renumbers what it brings in from another device).
    pub(crate) fn renumbered(
        &self,
        id: TalkId,
        person: impl Fn(PersonId) -> PersonId,
        commitment: impl Fn(CommitmentId) -> CommitmentId,
    ) -> Self {
        let mut talk = self.clone();
        talk.id = id;
        for topic in &mut talk.topics {
            for a in &mut topic.askers {
                *a = person(*a);
            }
            topic.history = topic.history.map(|e| {
                let mut e = e.clone();
                match &mut e {
                    TopicEntry::Covered { .. } | TopicEntry::Undone { .. } => {}
                    TopicEntry::Confirmed { by, .. } | TopicEntry::NotYet { by, .. } => {
                        *by = person(*by);
                    }
                    TopicEntry::Deferred {
                        by, commitment: c, ..
                    } => {
                        *by = person(*by);
                        *c = commitment(*c);
                    }
                }
                e
            });
        }
        talk
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.date
    }

    pub fn is_archived(&self) -> bool {
        self.archived
    }

    pub fn started(&self) -> Option<Instant> {
        self.started
    }

    /// The topics still on the list, in order.
    pub fn topics(&self) -> impl Iterator<Item = &Topic> + '_ {
        self.topics.iter().filter(|t| !t.removed)
    }

    /// Every topic, removed ones too (they can be restored).
    pub fn all_topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, id: TopicId) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The topic `step` places from `from` on the list (back when negative), stopping at either
    /// end. From nowhere (or a topic no longer listed) it starts at the first topic not settled.
    pub fn step_from(&self, from: Option<TopicId>, step: isize) -> Option<TopicId> {
        let ids: Vec<TopicId> = self.topics().map(Topic::id).collect();
        match from.and_then(|f| ids.iter().position(|&id| id == f)) {
            Some(i) => {
                let last = ids.len().saturating_sub(1);
                let to = i.saturating_add_signed(step).min(last);
                ids.get(to).copied()
            }
            None => self.first_unsettled().or_else(|| ids.first().copied()),
        }
    }

    /// The first topic on the list that is neither confirmed nor deferred.
    pub fn first_unsettled(&self) -> Option<TopicId> {
        self.topics()
            .find(|t| !t.state().is_settled())
            .map(Topic::id)
    }

    /// Confirmed topics and all topics on the list: "7 of 12 confirmed".
    pub fn progress(&self) -> (usize, usize) {
        let confirmed = self
            .topics()
            .filter(|t| matches!(t.state(), TopicState::Confirmed { .. }))
            .count();
        (confirmed, self.topics().count())
    }

    /// Whether anyone in the audience asked for something here (so they cannot be deleted).
    pub fn asked_by(&self, person: PersonId) -> bool {
        self.topics.iter().any(|t| t.askers.contains(&person))
    }

    pub(crate) fn rename(&mut self, title: &str, date: &str) -> Result<(), DomainError> {
        let title = bounded(title, MAX_TITLE, DomainError::EmptyTitle)?;
        self.date = clean_date(date)?;
        self.title = title;
        Ok(())
    }

    pub(crate) fn set_archived(&mut self, archived: bool) {
        self.archived = archived;
    }

    pub(crate) fn start(&mut self, now: Instant) {
        self.started = Some(now);
    }

    /// Checks that a topic could be added, without adding it.
    pub(crate) fn check_room(&self, text: &str) -> Result<(), DomainError> {
        if self.topics.len() >= MAX_TOPICS {
            return Err(DomainError::TooManyTopics(MAX_TOPICS));
        }
        bounded(text, MAX_TOPIC, DomainError::EmptyTopic).map(drop)
    }

    pub(crate) fn add_topic(
        &mut self,
        text: &str,
        asker: PersonId,
    ) -> Result<TopicId, DomainError> {
        self.check_room(text)?;
        let id = TopicId(self.next_topic);
        self.topics.push(Topic::new(id, text, asker)?);
        self.next_topic += 1;
        Ok(id)
    }

    pub(crate) fn topic_mut(&mut self, id: TopicId) -> Result<&mut Topic, DomainError> {
        self.topics
            .iter_mut()
            .find(|t| t.id == id)
            .ok_or(DomainError::NoSuchTopic)
    }

    /// A topic on the list, to act on: removed topics can only be restored.
    pub(crate) fn listed_mut(&mut self, id: TopicId) -> Result<&mut Topic, DomainError> {
        self.topic_mut(id).and_then(|t| {
            if t.removed {
                Err(DomainError::NoSuchTopic)
            } else {
                Ok(t)
            }
        })
    }

    /// Checks that topic `id` could be reworded as `text`, without changing it.
    pub(crate) fn check_edit(&self, id: TopicId, text: &str) -> Result<(), DomainError> {
        self.topic(id)
            .ok_or(DomainError::NoSuchTopic)?
            .check_editable()?;
        bounded(text, MAX_TOPIC, DomainError::EmptyTopic).map(drop)
    }

    /// Changes the wording (and maybe the asker) of a topic nobody has answered for yet.
    pub(crate) fn edit_topic(
        &mut self,
        id: TopicId,
        text: &str,
        asker: Option<PersonId>,
    ) -> Result<(), DomainError> {
        self.check_edit(id, text)?;
        let topic = self.topic_mut(id)?;
        topic.text = bounded(text, MAX_TOPIC, DomainError::EmptyTopic)?;
        if let Some(a) = asker {
            topic.askers = vec![a];
        }
        Ok(())
    }

    /// Moves a topic to position `to` among the topics on the list.
    pub(crate) fn move_topic(&mut self, id: TopicId, to: usize) -> Result<(), DomainError> {
        let from = self
            .topics
            .iter()
            .position(|t| t.id == id && !t.removed)
            .ok_or(DomainError::NoSuchTopic)?;
        let topic = self.topics.remove(from);
        // The index in the whole list just before the `to`-th topic still on the list.
        let at = self
            .topics
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.removed)
            .nth(to)
            .map_or(self.topics.len(), |(i, _)| i);
        self.topics.insert(at, topic);
        Ok(())
    }

    /// Puts topic `id` at place `index` of the whole list (removed topics included): where it
    /// was before a move that is being undone.
    pub(crate) fn put_back(&mut self, id: TopicId, index: usize) -> Result<(), DomainError> {
        let from = (self.topics.iter())
            .position(|t| t.id == id)
            .ok_or(DomainError::NoSuchTopic)?;
        let topic = self.topics.remove(from);
        self.topics.insert(index.min(self.topics.len()), topic);
        Ok(())
    }

    /// Folds `from` into `into`: one topic, both askers. Only topics not yet covered.
    pub(crate) fn merge(&mut self, into: TopicId, from: TopicId) -> Result<(), DomainError> {
        if into == from {
            return Err(DomainError::MergeSelf);
        }
        let source = self.topic(from).ok_or(DomainError::NoSuchTopic)?;
        let target = self.topic(into).ok_or(DomainError::NoSuchTopic)?;
        if source.removed || target.removed {
            return Err(DomainError::NoSuchTopic);
        }
        source.check_editable()?;
        target.check_editable()?;
        let askers = source.askers.clone();
        let target = self.topic_mut(into)?;
        for a in askers {
            if !target.askers.contains(&a) {
                target.askers.push(a);
            }
        }
        self.topic_mut(from)?.removed = true;
        Ok(())
    }

    /// Takes a topic off the list, or puts it back. A topic an asker has answered stays: their
    /// answer is part of the talk's record.
    pub(crate) fn set_removed(&mut self, id: TopicId, removed: bool) -> Result<(), DomainError> {
        let topic = self.topic_mut(id)?;
        if removed && topic.is_answered() {
            return Err(DomainError::TopicAnswered);
        }
        topic.removed = removed;
        Ok(())
    }

    /// Refuses a talk with a topic entry dated after `limit` (see [`History::check_dated_by`]).
    pub fn check_dated_by(&self, limit: Instant) -> Result<(), DomainError> {
        self.topics.iter().try_for_each(|topic| {
            topic
                .history
                .check_dated_by(format_args!("talk {}: topic {}", self.id, topic.id), limit)
        })
    }
}

fn clean_date(date: &str) -> Result<String, DomainError> {
    // Printed by hand: chrono's strftime machinery costs kilobytes of WASM.
    crate::domain::parse_date_input(date)
        .map(|d: NaiveDate| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        .ok_or(DomainError::NoTalkDate)
}

/// The time since `started`: `4:05`, or `1:04:05` past the hour.
pub fn elapsed(started: Instant, now: Instant) -> String {
    let secs = (now.unix() - started.unix()).max(0);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Splits a line typed as `Ana: pricing for schools` into the asker's name and the topic.
/// A colon counts only when a space follows it, so `10:30` and `https://…` stay topic text.
pub fn split_asker(line: &str) -> (Option<&str>, &str) {
    match line.split_once(": ") {
        Some((name, text))
            if !name.trim().is_empty()
                && !text.trim().is_empty()
                && name.chars().count() <= crate::domain::MAX_NAME =>
        {
            (Some(name.trim()), text.trim())
        }
        _ => (None, line.trim()),
    }
}
