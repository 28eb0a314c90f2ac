//! Property tests of the state machine: no sequence of commands reaches an illegal state or
//! loses history.

use super::{zone, NOW};
use crate::domain::link::{Answer, Reply, Token, LINK_VERSION};
use crate::domain::Checked;
use crate::domain::Kind;
use crate::domain::{
    Action, Book, Command, CommitmentId, Due, Entry, Instant, PersonId, Recipient, Status,
};
use crate::domain::{Direction, Step, TrackRecord};
use proptest::prelude::*;

/// A few tokens, so that replies sometimes answer a request that was made and sometimes not.
fn arb_token() -> impl Strategy<Value = Token> {
    (0u8..3).prop_map(|i| Token::from_bytes([i; 16]))
}

fn arb_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        prop::option::of(arb_text()).prop_map(|note| Answer::Met { note }),
        arb_text().prop_map(|missing| Answer::NotYet { missing }),
    ]
}

fn arb_due() -> impl Strategy<Value = Due> {
    (
        0i64..400,
        prop::sample::select(vec!["UTC", "Europe/Berlin", "America/New_York"]),
    )
        .prop_map(|(h, z)| Due {
            at: NOW.plus_secs(h * 3600),
            zone: zone(z),
        })
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("  ".to_string()),
        "[a-z <>&\"']{1,20}"
    ]
}

fn arb_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (arb_due(), arb_text()).prop_map(|(due, reason)| Action::Renegotiate { due, reason }),
        Just(Action::MarkDone),
        arb_text().prop_map(|missing| Action::NotYet { missing }),
        prop::option::of(arb_text()).prop_map(|how| Action::Acknowledge { how }),
        Just(Action::MarkMissed),
        arb_text().prop_map(|note| Action::Release { note }),
        arb_text().prop_map(|what| Action::Break { what }),
        arb_token().prop_map(|token| Action::Ask { token, id: None }),
        arb_token().prop_map(|token| Action::Offer { token }),
        (arb_token(), arb_answer()).prop_map(|(token, answer)| Action::Reply { token, answer }),
        (
            prop::option::of(arb_text()),
            prop::option::of((0u64..4).prop_map(PersonId)),
            prop::option::of(arb_due())
        )
            .prop_map(|(what, to, due)| Action::Correct { what, to, due }),
    ]
}

fn arb_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        1 => arb_text().prop_map(|name| Command::AddPerson { name, zone: zone("UTC") }),
        1 => (0u64..4, arb_text()).prop_map(|(p, name)| Command::EditPerson { id: PersonId(p), name, zone: Some(zone("UTC")) }),
        1 => (0u64..4).prop_map(|p| Command::RemovePerson { id: PersonId(p) }),
        1 => (0u64..4).prop_map(|p| Command::RestorePerson { id: PersonId(p) }),
        3 => (0u64..4, arb_text(), arb_due(), any::<bool>()).prop_map(|(p, what, due, new)| Command::Make { to: if new { Recipient::New { name: format!("P{p}"), zone: zone("UTC") } } else { Recipient::Existing(PersonId(p)) }, what, due, by: Direction::Mine, kind: Kind::Deliver }),
        2 => (0u64..4, arb_text(), arb_due()).prop_map(|(p, what, due)| Command::Make { to: Recipient::Existing(PersonId(p)), what, due, by: Direction::Theirs, kind: Kind::Deliver }),
        1 => (0u64..4, arb_text(), arb_due(), any::<bool>()).prop_map(|(p, what, until, mine)| Command::Make { to: Recipient::Existing(PersonId(p)), what, due: until, by: if mine { Direction::Mine } else { Direction::Theirs }, kind: Kind::Standing }),
        2 => (0u64..6, arb_due()).prop_map(|(c, due)| Command::Again { id: CommitmentId(c), due }),
        10 => (0u64..6, arb_action()).prop_map(|(c, action)| Command::Act { id: CommitmentId(c), action }),
        2 => (arb_token(), arb_answer()).prop_map(|(token, answer)| Command::RecordReply {
            reply: Checked::unchecked(Reply { v: LINK_VERSION, token, by: "Ana".into(), what: "it".into(), answer, at: NOW, mac: None }),
        }),
        1 => (0u64..6, prop::option::of(arb_text()), prop::option::of(arb_text()), prop::option::of(arb_due())).prop_map(|(c, what, name, due)| Command::Correct {
            id: CommitmentId(c),
            what,
            to: name.map(Recipient::NameOnly),
            due,
        }),
    ]
}

/// Commands that mostly take effect: steps on commitments with words given, early in time (so
/// due moments are still ahead), to reach every kind of step the user can undo.
fn arb_likely_command() -> impl Strategy<Value = Command> {
    let words = "[a-z]{1,8}";
    let action = prop_oneof![
        (arb_due(), words).prop_map(|(due, reason)| Action::Renegotiate { due, reason }),
        Just(Action::MarkDone),
        words.prop_map(|missing| Action::NotYet { missing }),
        prop::option::of(words).prop_map(|how| Action::Acknowledge { how }),
        Just(Action::MarkMissed),
        words.prop_map(|note| Action::Release { note }),
        words.prop_map(|what| Action::Break { what }),
    ];
    prop_oneof![
        1 => (0u64..3, words, arb_due()).prop_map(|(p, what, due)| Command::Make { to: Recipient::New { name: format!("P{p}"), zone: zone("UTC") }, what, due, by: Direction::Mine, kind: Kind::Deliver }),
        1 => (0u64..3, words, arb_due()).prop_map(|(p, what, due)| Command::Make { to: Recipient::Existing(PersonId(p)), what, due, by: Direction::Theirs, kind: Kind::Deliver }),
        6 => (0u64..4, action).prop_map(|(c, action)| Command::Act { id: CommitmentId(c), action }),
    ]
}

/// The shape every history must have: `Made` first, then steps the state machine allows; an
/// undo only right after the user's own step it takes back, and the steps in force legal.
fn legal(history: &[Entry]) -> bool {
    for (n, e) in history.iter().enumerate() {
        if let Entry::Undone { entry, .. } = e {
            if n == 0 || *entry != n - 1 || !history[n - 1].undoable() {
                return false;
            }
        }
    }
    let in_force: Vec<&Entry> = (history.iter().enumerate())
        .filter(|(n, e)| {
            !matches!(e, Entry::Undone { .. })
                && !matches!(history.get(n + 1), Some(Entry::Undone { .. }))
        })
        .map(|(_, e)| e)
        .collect();
    let mut status = Status::Open;
    let mut iter = in_force.into_iter();
    let Some(Entry::Made { at: made, .. }) = iter.next() else {
        return false;
    };
    // Corrections come only first, while the commitment is fresh.
    let mut fresh = true;
    for e in iter {
        let correction = matches!(e, Entry::Corrected { .. });
        if correction && !(fresh && e.at().unix() <= made.unix() + crate::domain::CORRECTION_SECS) {
            return false;
        }
        fresh &= correction;
        status = match (status, e) {
            (Status::Open, Entry::Corrected { .. }) => Status::Open,
            (Status::Open, Entry::Renegotiated { .. }) => Status::Open,
            (Status::Open, Entry::Done { .. }) => Status::AwaitingAck,
            (Status::AwaitingAck, Entry::Asked { .. }) => Status::AwaitingAck,
            (Status::Open, Entry::Offered { .. }) => Status::Open,
            (Status::AwaitingAck, Entry::NotYet { .. }) => Status::Open,
            (Status::AwaitingAck, Entry::Acknowledged { .. }) => Status::Kept,
            (Status::Open, Entry::Missed { .. }) => Status::Missed,
            (Status::Open | Status::AwaitingAck, Entry::Released { .. }) => Status::Released,
            _ => return false,
        };
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_reaches_an_illegal_state_or_loses_history(
        steps in prop::collection::vec((arb_command(), 0i64..500), 1..60)
    ) {
        let mut book = Book::default();
        for (command, hour) in steps {
            let now = Instant::from_unix(NOW.unix() + hour * 3600);
            let before = book.clone();
            match book.apply(command, now) {
                Err(_) => prop_assert_eq!(&book, &before, "a refusal changes nothing"),
                Ok(_) => {
                    // Every history that existed is a prefix of its new self, and at most one grew,
                    // by exactly one entry.
                    let mut grown = 0;
                    for old in before.commitments() {
                        let new = book.commitment(old.id()).expect("nothing is deleted");
                        prop_assert!(new.history().starts_with(old.history()));
                        let added = new.history().len() - old.history().len();
                        prop_assert!(added <= 1);
                        grown += added;
                    }
                    let made = book.commitments().count() - before.commitments().count();
                    prop_assert!(grown + made <= 1);
                }
            }
            for c in book.commitments() {
                prop_assert!(legal(c.history()), "illegal history {:?}", c.history());
                prop_assert!(book.person(c.to()).is_some(), "every commitment names a person");
                // Only an acknowledgement ends in kept.
                prop_assert_eq!(c.status() == Status::Kept, matches!(c.history().in_force().next_back(), Some(Entry::Acknowledged { .. })));
                // A reply counts only for a request made on this very commitment, and once; links
                // go out only from the user's own promises.
                let mut answered = Vec::new();
                for (n, e) in c.history().iter().enumerate() {
                    if let Some(t) = e.reply() {
                        let asked = c.history()[..n].iter().any(|a| matches!(a, Entry::Asked { token, .. } if token == t));
                        prop_assert!(asked, "a reply answers a request made here");
                        prop_assert!(!answered.contains(&t), "one answer per request");
                        answered.push(t);
                    }
                    if c.by() == Direction::Theirs {
                        let link = matches!(e, Entry::Asked { .. } | Entry::Offered { .. });
                        prop_assert!(!link, "no link goes out about their promise");
                    }
                }
                // A series is repeated only once it was settled, from its latest, at most one
                // open at a time; a broken one is a standing one.
                if let Some(root) = c.series() {
                    let first = book.commitment(root).expect("a series starts in the book");
                    prop_assert!(root < c.id() && first.series().is_none());
                }
                if c.history().iter().any(|e| matches!(e, Entry::Missed { what: Some(_), .. })) {
                    prop_assert_eq!(c.kind(), crate::domain::Kind::Standing);
                }
                // What is stored reads back the same.
                let json = serde_json::to_string(c).unwrap();
                prop_assert_eq!(&serde_json::from_str::<crate::domain::Commitment>(&json).unwrap(), c);
            }
            for s in crate::domain::growth::series(book.commitments()) {
                let open = s.commitments.iter().filter(|c| c.outcome().is_none()).count();
                prop_assert!(open <= 1, "one of a series open at a time");
                if open == 1 {
                    prop_assert!(s.latest().outcome().is_none(), "only the latest is open");
                }
            }
            // The two records split the book between them, and count each answer once.
            let mine = TrackRecord::of(book.commitments_by(Direction::Mine));
            let theirs = TrackRecord::of(book.commitments_by(Direction::Theirs));
            prop_assert_eq!(mine.made + theirs.made, book.commitments().count());
            prop_assert!(mine.acknowledged_by_them <= mine.kept());
            prop_assert_eq!(theirs.acknowledged_by_them, 0, "only the user answers what they were promised");
        }
    }

    /// Any change that can be undone, undone at once, leaves everything derived (states, due
    /// moments, outcomes, the people list, both track records) as it was before the change,
    /// and every history only grew.
    #[test]
    fn undoing_any_step_restores_what_is_derived_and_history_only_grows(
        steps in prop::collection::vec((prop_oneof![3 => arb_likely_command(), 1 => arb_command()], 0i64..500, any::<bool>()), 1..60)
    ) {
        let mut book = Book::default();
        for (command, hour, undo) in steps {
            let now = Instant::from_unix(NOW.unix() + hour * 3600);
            let own_step = matches!(&command, Command::Act { action, .. } if matches!(action,
                Action::MarkDone | Action::NotYet { .. } | Action::Acknowledge { .. }
                | Action::Renegotiate { .. } | Action::MarkMissed | Action::Break { .. }
                | Action::Release { .. }));
            let before = book.clone();
            let Ok(applied) = book.apply(command, now) else {
                continue;
            };
            let taken = applied.undo;
            prop_assert!(!own_step || taken.is_some(), "the user's own step can be undone");
            let Some(taken) = taken.filter(|_| undo) else { continue };
            let done = book.clone();
            book.apply(Command::Undo(taken.clone()), now.plus_secs(5)).map_err(|e| TestCaseError::fail(format!("{taken:?}: {e}")))?;
            prop_assert_eq!(derived(&book), derived(&before), "{:?}", taken);
            for old in done.commitments() {
                let new = book.commitment(old.id()).expect("nothing is deleted");
                prop_assert!(new.history().starts_with(old.history()), "history only grows");
            }
            for c in book.commitments() {
                prop_assert!(legal(c.history()), "illegal history {:?}", c.history());
                let json = serde_json::to_string(c).unwrap();
                prop_assert_eq!(&serde_json::from_str::<crate::domain::Commitment>(&json).unwrap(), c);
            }
            // The same undo twice is refused, and changes nothing.
            let undone = book.clone();
            prop_assert!(book.apply(Command::Undo(taken), now.plus_secs(10)).is_err());
            prop_assert_eq!(&book, &undone);
        }
    }

    #[test]
    fn vague_phrase_search_never_panics(text in "\\PC{0,80}") {
        let found = crate::domain::vague_phrases(&text);
        for f in found {
            prop_assert!(text.contains(&f));
        }
    }
}

/// Everything derived from a book that an undo must give back as it was.
fn derived(book: &Book) -> impl PartialEq + std::fmt::Debug {
    let people: Vec<_> = book.all_people().cloned().collect();
    let commitments: Vec<_> = book
        .commitments()
        .map(|c| {
            let timings: Vec<_> = c.renegotiations().map(|(_, t)| t).collect();
            (
                c.id(),
                c.status(),
                c.due().clone(),
                c.outcome(),
                c.missing().map(str::to_owned),
                (c.what().to_owned(), c.to(), timings),
            )
        })
        .collect();
    let mine = TrackRecord::of(book.commitments_by(Direction::Mine));
    let theirs = TrackRecord::of(book.commitments_by(Direction::Theirs));
    (people, commitments, mine, theirs, book.next_ids())
}

mod topics {
    use super::super::{due, zone, NOW};
    use crate::domain::talk::{Talk, TopicAction, TopicEntry, TopicState};
    use crate::domain::{Book, Command, Instant, PersonId, Recipient, TalkId, TopicId};
    use proptest::prelude::*;

    fn arb_command() -> impl Strategy<Value = Command> {
        let talk = TalkId(0);
        let topic = (0u64..5).prop_map(TopicId);
        let by = (0u64..3).prop_map(PersonId);
        prop_oneof![
            2 => ((0u64..3), "[a-z ]{0,8}").prop_map(move |(p, text)| Command::AddTopic {
                talk,
                asker: if p == 2 { Recipient::New { name: format!("N{text}"), zone: zone("UTC") } } else { Recipient::Existing(PersonId(p)) },
                text,
            }),
            4 => topic.clone().prop_map(move |topic| Command::Topic { talk, topic, action: TopicAction::Cover }),
            4 => (topic.clone(), by.clone()).prop_map(move |(topic, by)| Command::Topic { talk, topic, action: TopicAction::Confirm { by } }),
            3 => (topic.clone(), by.clone(), "[a-z]{0,3}").prop_map(move |(topic, by, missing)| Command::Topic { talk, topic, action: TopicAction::NotYet { by, missing } }),
            2 => (topic.clone(), "[a-z]{0,3}").prop_map(move |(topic, what)| Command::DeferTopic { talk, topic, what, due: due("UTC", 30, 9, 0) }),
            1 => (topic.clone(), topic.clone()).prop_map(move |(into, from)| Command::MergeTopics { talk, into, from }),
            1 => (topic.clone(), 0usize..6).prop_map(move |(topic, to)| Command::MoveTopic { talk, topic, to }),
            1 => topic.clone().prop_map(move |topic| Command::RemoveTopic { talk, topic }),
            1 => topic.prop_map(move |topic| Command::RestoreTopic { talk, topic }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// "Covered" never crosses a topic off: a confirmed topic was covered, and since its last
        /// covering every one of its askers, and nobody else, said yes.
        #[test]
        fn only_every_askers_yes_after_covering_confirms(
            steps in prop::collection::vec((arb_command(), 0i64..100), 1..80)
        ) {
            let mut book = Book::default();
            for name in ["Ana", "Bo"] {
                book.apply(Command::AddPerson { name: name.into(), zone: zone("UTC") }, NOW).unwrap();
            }
            book.apply(Command::AddTalk { title: "Talk".into(), date: "2026-11-24".into() }, NOW).unwrap();
            for (command, minute) in steps {
                let now = Instant::from_unix(NOW.unix() + minute * 60);
                let before = book.clone();
                match book.apply(command, now) {
                    Err(_) => prop_assert_eq!(&book, &before, "a refusal changes nothing"),
                    Ok(_) => {
                        for old in before.talk(TalkId(0)).unwrap().all_topics() {
                            let new = book.talk(TalkId(0)).unwrap().topic(old.id()).expect("topics are never deleted");
                            prop_assert!(new.history().starts_with(old.history()), "history only grows");
                        }
                    }
                }
                let talk = book.talk(TalkId(0)).unwrap();
                for t in talk.all_topics() {
                    let h = t.history();
                    let since = h.iter().rposition(|e| matches!(e, TopicEntry::Covered { .. }));
                    match t.state() {
                        TopicState::Confirmed { .. } => {
                            let since = since.expect("confirmed only after covered");
                            let mut yes: Vec<PersonId> = h[since + 1..].iter().map(|e| match e {
                                TopicEntry::Confirmed { by, .. } => Ok(*by),
                                other => Err(format!("{other:?}")),
                            }).collect::<Result<_, _>>().map_err(TestCaseError::fail)?;
                            let mut askers = t.askers().to_vec();
                            yes.sort();
                            askers.sort();
                            prop_assert_eq!(yes, askers);
                        }
                        TopicState::Deferred { to, commitment } => {
                            let c = book.commitment(commitment).expect("the follow-up exists");
                            prop_assert_eq!(c.to(), to);
                            prop_assert!(t.askers().contains(&to));
                        }
                        TopicState::Open => prop_assert!(h.is_empty()),
                        _ => {}
                    }
                    prop_assert!(t.askers().iter().all(|a| book.person(*a).is_some()));
                    // An asker's answer never leaves the list (nor the progress and summary).
                    prop_assert!(!(t.is_answered() && t.is_removed()), "an answered topic was removed: {:?}", t);
                }
                let json = serde_json::to_string(talk).unwrap();
                prop_assert_eq!(&serde_json::from_str::<Talk>(&json).unwrap(), talk);
            }
        }

        /// A topic step, removal or move undone at once leaves the list, each topic's state and
        /// askers and the progress as they were, and every topic's history only grew.
        #[test]
        fn undoing_any_topic_change_restores_the_list_and_states(
            steps in prop::collection::vec((arb_command(), 0i64..100, any::<bool>()), 1..80)
        ) {
            let mut book = Book::default();
            for name in ["Ana", "Bo"] {
                book.apply(Command::AddPerson { name: name.into(), zone: zone("UTC") }, NOW).unwrap();
            }
            book.apply(Command::AddTalk { title: "Talk".into(), date: "2026-11-24".into() }, NOW).unwrap();
            for (command, minute, undo) in steps {
                let now = Instant::from_unix(NOW.unix() + minute * 60);
                let before = book.clone();
                // A topic step, or a removal of a topic on the list (removing one already
                // removed changes nothing, so there is nothing to undo).
                let step = match &command {
                    Command::Topic { .. } => true,
                    Command::RemoveTopic { talk, topic } => (before.talk(*talk))
                        .and_then(|t| t.topic(*topic))
                        .is_some_and(|t| !t.is_removed()),
                    _ => false,
                };
                let Ok(applied) = book.apply(command, now) else {
                    continue;
                };
                let taken = applied.undo;
                prop_assert!(!step || taken.is_some(), "a topic step or removal can be undone");
                let Some(taken) = taken.filter(|_| undo) else { continue };
                let done = book.clone();
                book.apply(Command::Undo(taken.clone()), now).map_err(|e| TestCaseError::fail(format!("{taken:?}: {e}")))?;
                prop_assert_eq!(shown(&book), shown(&before), "{:?}", taken);
                let talk = book.talk(TalkId(0)).unwrap();
                for old in done.talk(TalkId(0)).unwrap().all_topics() {
                    let new = talk.topic(old.id()).expect("topics are never deleted");
                    prop_assert!(new.history().starts_with(old.history()), "history only grows");
                }
                let json = serde_json::to_string(talk).unwrap();
                prop_assert_eq!(&serde_json::from_str::<Talk>(&json).unwrap(), talk);
                prop_assert!(book.apply(Command::Undo(taken), now).is_err(), "undone once");
            }
        }
    }

    /// What a talk shows: the list in order, each topic's state and askers, whether it is
    /// removed, and the progress.
    fn shown(book: &Book) -> impl PartialEq + std::fmt::Debug {
        let talk = book.talk(TalkId(0)).unwrap();
        let topics: Vec<_> = talk
            .all_topics()
            .iter()
            .map(|t| (t.id(), t.state(), t.askers().to_vec(), t.is_removed()))
            .collect();
        let listed: Vec<TopicId> = talk.topics().map(|t| t.id()).collect();
        (topics, listed, talk.progress())
    }
}
