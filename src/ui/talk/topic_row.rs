//! A topic as both windows show it: its words, who asked, and where it stands in words.

use crate::domain::talk::{Talk, Topic, TopicState};
use crate::domain::{Book, CommitmentId, DateFormat, PersonId, TopicId, ZoneRules};
use crate::ui::intl::IntlDates;
use leptos::prelude::{Memo, With};

/// Everything a row shows, so a keyed list re-renders only the rows that changed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TopicRow {
    pub id: TopicId,
    /// 1-based position on the list.
    pub n: usize,
    pub text: String,
    pub askers: Vec<(PersonId, String)>,
    pub state: TopicState,
    /// When the state names someone (who said "not yet", who the follow-up is to): their name.
    pub who: String,
    /// For a deferred topic: the follow-up and its due moment.
    pub follow_up: Option<(CommitmentId, String)>,
    /// Nobody has answered for it yet, so it can still be reworded, merged or moved freely.
    pub untouched: bool,
}

impl TopicRow {
    pub fn of(book: &Book, n: usize, topic: &Topic, rules: &dyn ZoneRules) -> Self {
        let state = topic.state();
        let who = match &state {
            TopicState::NotYet { by, .. } => book.name_of(*by),
            TopicState::Deferred { to, .. } => book.name_of(*to),
            _ => String::new(),
        };
        let follow_up = match &state {
            TopicState::Deferred { commitment, .. } => book.commitment(*commitment).map(|c| {
                let due = c.due();
                let when = format!(
                    "{} {}",
                    IntlDates.day_time(due.local(rules)),
                    due.zone.city()
                );
                (*commitment, when)
            }),
            _ => None,
        };
        Self {
            id: topic.id(),
            n,
            text: topic.text().to_owned(),
            askers: topic
                .askers()
                .iter()
                .map(|a| (*a, book.name_of(*a)))
                .collect(),
            untouched: topic.is_untouched(),
            state,
            who,
            follow_up,
        }
    }

    /// Every topic still on `talk`'s list, in order.
    pub fn all(book: &Book, talk: &Talk, rules: &dyn ZoneRules) -> Vec<Self> {
        talk.topics()
            .enumerate()
            .map(|(i, t)| Self::of(book, i + 1, t, rules))
            .collect()
    }

    /// The ids of `rows`, in order: what a keyed list iterates, so a change to one row redraws
    /// that row alone.
    pub fn ids(rows: &[Self]) -> Vec<TopicId> {
        rows.iter().map(|r| r.id).collect()
    }

    /// The row of topic `id` in `rows`, as its own memo: it changes only when that row does.
    pub fn by_id(rows: Memo<Vec<Self>>, id: TopicId) -> Memo<Option<Self>> {
        Memo::new(move |_| rows.with(|r| r.iter().find(|r| r.id == id).cloned()))
    }

    /// "Ana and Bo".
    pub fn asker_names(&self) -> String {
        names(self.askers.iter().map(|(_, n)| n.as_str()))
    }

    /// The askers still to answer, while the topic is covered.
    pub fn waiting(&self) -> Vec<(PersonId, String)> {
        match &self.state {
            TopicState::Covered { waiting } => self
                .askers
                .iter()
                .filter(|(id, _)| waiting.contains(id))
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// What the room reads under the topic: the question to its asker, what is missing, …
    pub fn status_line(&self) -> String {
        match &self.state {
            TopicState::Open => String::new(),
            TopicState::Covered { .. } => {
                let waiting = self.waiting();
                format!(
                    "{} — did this cover it?",
                    names(waiting.iter().map(|(_, n)| n.as_str()))
                )
            }
            TopicState::Confirmed { .. } => format!("Confirmed by {}", self.asker_names()),
            TopicState::NotYet { missing, .. } => {
                format!("{} — still missing: {missing}", self.who)
            }
            TopicState::Deferred { .. } => match &self.follow_up {
                Some((_, when)) => format!("Follow-up for {}, due {when}", self.who),
                None => format!("Follow-up for {}", self.who),
            },
        }
    }

    pub fn class(&self) -> &'static str {
        match self.state {
            TopicState::Open => "open",
            TopicState::Covered { .. } => "covered",
            TopicState::Confirmed { .. } => "confirmed",
            TopicState::NotYet { .. } => "notyet",
            TopicState::Deferred { .. } => "deferred",
        }
    }
}

/// "Ana", "Ana and Bo", "Ana, Bo and Cy".
fn names<'a>(mut list: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = list.by_ref().collect();
    match all.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
