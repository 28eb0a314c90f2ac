//! The commands about talks and their topics, where they reach beyond one talk: an asker added
//! to the people, a topic deferred into a commitment, a talk shared from another device.

use super::edit::Edit;
use super::{Change, Recipient};
use crate::domain::share::{SharedTalk, MAX_NEW_PEOPLE_PER_IMPORT};
use crate::domain::talk::{Talk, TopicState};
use crate::domain::text::fold;
use crate::domain::{
    clean_name, Commitment, DomainError, Due, Index, Instant, Person, PersonId, TalkId, TopicId,
};

impl Edit<'_> {
    pub(super) fn add_talk(&mut self, title: &str, date: &str) -> Result<Change, DomainError> {
        let id = self.talks.next_id();
        self.put(Talk::new(id, title, date)?);
        Ok(Change::Talk(id))
    }

    /// A change within one talk, through its rules.
    pub(super) fn on_talk<R>(
        &mut self,
        id: TalkId,
        change: impl FnOnce(&mut Talk) -> Result<R, DomainError>,
    ) -> Result<Change, DomainError> {
        change(self.record_mut(id)?)?;
        Ok(Change::Talk(id))
    }

    pub(super) fn add_topic(
        &mut self,
        talk: TalkId,
        asker: Recipient,
        text: &str,
    ) -> Result<Change, DomainError> {
        let asker = self.recipient(asker)?;
        self.on_talk(talk, |t| t.add_topic(text, asker))
    }

    /// Rewords a topic not yet covered; `asker` replaces its askers when given.
    pub(super) fn edit_topic(
        &mut self,
        talk: TalkId,
        topic: TopicId,
        text: &str,
        asker: Option<Recipient>,
    ) -> Result<Change, DomainError> {
        let asker = asker.map(|a| self.recipient(a)).transpose()?;
        self.on_talk(talk, |t| t.edit_topic(topic, text, asker))
    }

    /// Turns what an asker said was missing into a commitment to them.
    pub(super) fn defer_topic(
        &mut self,
        talk: TalkId,
        topic: TopicId,
        what: &str,
        due: Due,
        now: Instant,
    ) -> Result<Change, DomainError> {
        let state = (self.talk(talk).ok_or(DomainError::NoSuchTalk)?)
            .topic(topic)
            .ok_or(DomainError::NoSuchTopic)?
            .state();
        let TopicState::NotYet { by, .. } = state else {
            return Err(DomainError::TopicNotAllowed {
                state: state.name(),
                action: "deferring it",
            });
        };
        let to = self.recipient(Recipient::Existing(by))?;
        let id = self.commitments.next_id();
        let commitment = Commitment::make(id, to, what, due, now)?;
        self.record_mut(talk)?
            .listed_mut(topic)?
            .defer(by, id, now)?;
        self.changed(commitment)
    }

    /// A talk shared from another device; askers are matched to people by name, the others
    /// are added with no time zone (the share carries none).
    pub(super) fn import_talk(&mut self, shared: &SharedTalk) -> Result<Change, DomainError> {
        shared.check()?;
        let id = self.talks.next_id();
        let mut talk = Talk::new(id, &shared.title, &shared.date)?;
        // Each name folded once, into a map: per pair, through the browser's folding, 8,000
        // askers froze the page for half a minute. The first by id wins, as `person_named`
        // finds.
        let known = Index::new(
            (self.people.values())
                .filter(|p| !p.removed)
                .map(|p| (fold(&p.name), p.id.0))
                .collect(),
        );
        // New here, by folded name: `check` let at most MAX_NEW_PEOPLE_PER_IMPORT different
        // names through, so a scan of these is short.
        let mut new: Vec<String> = Vec::new();
        let mut added: Vec<Person> = Vec::new();
        let first_new = self.people.next_id().0;
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
                            let id = PersonId(first_new + added.len() as u64);
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
        let people = self.people_mut();
        added.into_iter().for_each(|p| people.insert(p));
        self.put(talk);
        Ok(Change::Talk(id))
    }
}
