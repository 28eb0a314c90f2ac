//! Backups: export then import gives back exactly what was there; merging never loses
//! anything from either side; a rejected file changes nothing, whatever is in it.

use super::memory::Memory;
use super::tests::{due, zone, NOW};
use super::transfer::{Backup, ImportError, Mode, ReplacePreview, BACKUP_VERSION};
use super::{CommitError, Store};
use crate::domain::talk::TopicAction;
use crate::domain::{
    Action, Book, Command, Commitment, CommitmentId, Entry, PersonId, Recipient, TalkId, TopicId,
};
use crate::domain::{Direction, Kind};
use proptest::prelude::*;

fn arb_command() -> impl Strategy<Value = Command> {
    let text = prop_oneof![Just("x".to_string()), "[a-z <>\"&é]{1,12}"];
    let person = (0u64..4).prop_map(PersonId);
    let talk = TalkId(0);
    let topic = (0u64..4).prop_map(TopicId);
    prop_oneof![
        (text.clone(), any::<bool>()).prop_map(|(what, new)| Command::Make {
            to: if new {
                Recipient::New {
                    name: format!("P {what}"),
                    zone: zone(),
                }
            } else {
                Recipient::Existing(PersonId(0))
            },
            what,
            due: due(30),
            by: Direction::Mine,
            kind: Kind::Deliver
        }),
        (
            0u64..6,
            prop_oneof![
                Just(Action::MarkDone),
                Just(Action::Acknowledge { how: None }),
                Just(Action::NotYet {
                    missing: "the rest".into()
                }),
                Just(Action::Renegotiate {
                    due: due(60),
                    reason: "later".into()
                }),
                // A correction names a second person: a backup must carry both.
                (0u64..3).prop_map(|p| Action::Correct {
                    what: Some("corrected".into()),
                    to: Some(PersonId(p)),
                    due: None
                }),
            ]
        )
            .prop_map(|(c, action)| Command::Act {
                id: CommitmentId(c),
                action
            }),
        (text.clone(), person.clone()).prop_map(move |(text, p)| Command::AddTopic {
            talk,
            asker: Recipient::Existing(p),
            text
        }),
        topic.clone().prop_map(move |topic| Command::Topic {
            talk,
            topic,
            action: TopicAction::Cover
        }),
        (topic.clone(), person.clone()).prop_map(move |(topic, by)| Command::Topic {
            talk,
            topic,
            action: TopicAction::Confirm { by }
        }),
        (topic.clone(), person).prop_map(move |(topic, by)| Command::Topic {
            talk,
            topic,
            action: TopicAction::NotYet {
                by,
                missing: "m".into()
            }
        }),
        topic.prop_map(move |topic| Command::DeferTopic {
            talk,
            topic,
            what: "follow up".into(),
            due: due(90)
        }),
        text.clone()
            .prop_map(|name| Command::AddPerson { name, zone: zone() }),
        super::integrity_tests::trust_command(text),
    ]
}

/// A book built by the user's own commands, so it holds only what the app can make.
fn arb_book() -> impl Strategy<Value = Book> {
    prop::collection::vec(arb_command(), 0..40).prop_map(|commands| {
        let mut book = Book::default();
        book.apply(
            Command::AddPerson {
                name: "Ana".into(),
                zone: zone(),
            },
            NOW,
        )
        .unwrap();
        book.apply(
            Command::AddTalk {
                title: "Talk".into(),
                date: "2026-11-24".into(),
            },
            NOW,
        )
        .unwrap();
        for c in commands {
            let _ = book.apply(c, NOW);
        }
        book
    })
}

/// A history with the people it names by name, to compare across books.
fn named(book: &Book, c: &Commitment) -> Vec<(Entry, Option<String>)> {
    c.history()
        .iter()
        .map(|e| match e {
            Entry::Corrected { at, what, to, due } => (
                Entry::Corrected {
                    at: *at,
                    what: what.clone(),
                    to: None,
                    due: due.clone(),
                },
                to.map(|p| book.name_of(p).to_lowercase()),
            ),
            other => (other.clone(), None),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_reproduces_the_book_exactly(book in arb_book()) {
        let json = Backup::of(&book, NOW).to_json();
        prop_assert_eq!(&Backup::read(&json).unwrap(), &book);
        // And through the store, replacing whatever was there.
        let mut store = Store::new(Memory::default());
        let mut here = store.load(NOW).book;
        store.commit(&mut here, Command::AddPerson { name: "Someone else".into(), zone: zone() }, NOW).unwrap();
        store.import(&mut here, &Backup::read(&json).unwrap(), Mode::Replace, NOW).unwrap();
        prop_assert_eq!(&here, &book);
        prop_assert_eq!(&store.load(NOW).book, &book);
    }

    #[test]
    fn merging_keeps_everything_from_both_sides(a in arb_book(), b in arb_book()) {
        let (merged, report) = a.merged(&a).unwrap();
        prop_assert_eq!(&merged, &a, "merging a book into itself changes nothing");
        prop_assert_eq!(report.changes(), 0);

        let (merged, _) = a.merged(&b).unwrap();
        // Everything here is still here, unshortened.
        for c in a.commitments() {
            let m = merged.commitment(c.id()).unwrap();
            prop_assert!(m.history().starts_with(c.history()));
        }
        for t in a.talks() {
            prop_assert_eq!(merged.talk(t.id()), Some(t));
        }
        // Everything from there has a counterpart holding at least its history (people named
        // in it by name: each book numbers its own).
        for c in b.commitments() {
            let to = b.name_of(c.to()).to_lowercase();
            let theirs = named(&b, c);
            prop_assert!(merged.commitments().any(|m| merged.name_of(m.to()).to_lowercase() == to
                && m.what() == c.what() && named(&merged, m).starts_with(&theirs)), "{:?}", c);
        }
        prop_assert_eq!(merged.talks().count() >= a.talks().count().max(b.talks().count()), true);
        // Goals and raised hands here, unshortened; successes here, unchanged.
        for g in a.goals() {
            prop_assert!(merged.goal(g.id()).unwrap().history().starts_with(g.history()));
        }
        for h in a.hands() {
            prop_assert!(merged.hand(h.id()).unwrap().history().starts_with(h.history()));
        }
        for s in a.successes() {
            prop_assert_eq!(merged.success(s.id()), Some(s));
        }
        // From there: each has a counterpart with the same person (by name) and words.
        let who = |book: &Book, p| book.name_of(p).to_lowercase();
        for g in b.goals() {
            prop_assert!(merged.goals().any(|m| who(&merged, m.with()) == who(&b, g.with())
                && m.versions()[0].what == g.versions()[0].what
                && m.history().len() >= g.history().len()), "{:?}", g);
        }
        for h in b.hands() {
            prop_assert!(merged.hands().any(|m| who(&merged, m.with()) == who(&b, h.with())
                && m.concern() == h.concern() && m.history().len() >= h.history().len()), "{:?}", h);
        }
        for s in b.successes() {
            prop_assert!(merged.successes().any(|m| who(&merged, m.with()) == who(&b, s.with())
                && m.what() == s.what() && m.at() == s.at()), "{:?}", s);
        }
        // And the result is itself a valid backup.
        let json = Backup::of(&merged, NOW).to_json();
        prop_assert_eq!(&Backup::read(&json).unwrap(), &merged);
    }

}

proptest! {
    // Import fuzzing: 2,000 files a run.
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Import fuzzing: damaged copies of real backups and arbitrary text. Reading never panics,
    /// and a rejected file leaves what is stored untouched.
    #[test]
    fn a_damaged_or_foreign_file_is_rejected_and_changes_nothing(
        book in arb_book(),
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 0..4),
        junk in "\\PC{0,60}",
        kind in 0u8..3,
    ) {
        let good = Backup::of(&book, NOW).to_json();
        let text = match kind {
            0 => {
                let mut at = cut.index(good.len());
                while !good.is_char_boundary(at) {
                    at -= 1;
                }
                good[..at].to_owned()
            }
            1 => {
                let mut bytes = good.clone().into_bytes();
                for (at, bit) in &flips {
                    let i = at.index(bytes.len());
                    bytes[i] ^= 1 << bit;
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
            _ => junk,
        };
        let mut store = Store::new(Memory::default());
        let mut here = store.load(NOW).book;
        store.commit(&mut here, Command::AddPerson { name: "Kept".into(), zone: zone() }, NOW).unwrap();
        let before = store.backend.snapshot();
        match Backup::read(&text) {
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert_eq!(store.backend.snapshot(), before);
            }
            // A flip inside a string can leave a valid backup: then it imports as it reads.
            Ok(read) => {
                store.import(&mut here, &read, Mode::Merge, NOW).unwrap();
                prop_assert!(here.person_named("Kept").is_some());
            }
        }
    }
}

#[test]
fn each_kind_of_bad_file_is_named() {
    let book = {
        let mut b = Book::default();
        b.apply(
            Command::Make {
                to: Recipient::New {
                    name: "Ana".into(),
                    zone: zone(),
                },
                what: "x".into(),
                due: due(5),
                by: Direction::Mine,
                kind: Kind::Deliver,
            },
            NOW,
        )
        .unwrap();
        b
    };
    let good = Backup::of(&book, NOW).to_json();
    assert!(matches!(
        Backup::read("{nope"),
        Err(ImportError::NotJson(_))
    ));
    assert_eq!(Backup::read("{\"a\":1}"), Err(ImportError::NotBackup));
    let newer = good.replace(
        &format!("\"troth_backup\":{BACKUP_VERSION}"),
        "\"troth_backup\":7",
    );
    assert_eq!(Backup::read(&newer), Err(ImportError::Newer(7)));
    let orphan = good.replace("\"to\":0", "\"to\":9");
    assert!(
        matches!(Backup::read(&orphan), Err(ImportError::Broken(_))),
        "{orphan}"
    );
    let illegal = good.replace("\"made\"", "\"done\"");
    assert!(matches!(
        Backup::read(&illegal),
        Err(ImportError::Invalid(_))
    ));
    let huge = " ".repeat(super::transfer::MAX_BACKUP + 1);
    assert!(matches!(Backup::read(&huge), Err(ImportError::TooLarge(_))));
    // Moments a browser cannot show are refused, naming the record and the field.
    let due_at = due(5).at.unix().to_string();
    let far = good.replace(&format!("\"at\":{due_at}"), "\"at\":8458000000000");
    assert_ne!(far, good);
    assert_eq!(
        Backup::read(&far),
        Err(ImportError::Invalid(
            "commitment 0: The due moment is outside the years Troth can show (1970–2200).".into()
        ))
    );
    let made = NOW.unix().to_string();
    let early = good.replacen(&format!("\"at\":{made}"), "\"at\":-9000000000000000000", 1);
    assert!(early.contains("-9000000000000000000"), "{early}");
    assert!(
        matches!(Backup::read(&early), Err(ImportError::Invalid(why)) if why.contains("outside the years"))
    );
}

#[test]
fn a_full_quota_during_an_import_keeps_what_was_there_and_offers_the_result() {
    let mut store = Store::new(Memory::default());
    let mut here = store.load(NOW).book;
    store
        .commit(
            &mut here,
            Command::AddPerson {
                name: "Kept".into(),
                zone: zone(),
            },
            NOW,
        )
        .unwrap();
    let before = store.backend.snapshot();
    let mut incoming = Book::default();
    for i in 0..5 {
        incoming
            .apply(
                Command::Make {
                    to: Recipient::New {
                        name: format!("P{i}"),
                        zone: zone(),
                    },
                    what: "x".into(),
                    due: due(5),
                    by: Direction::Mine,
                    kind: Kind::Deliver,
                },
                NOW,
            )
            .unwrap();
    }
    for n in 1..=7 {
        store.backend.fail_at.set(Some(n));
        let r = store.import(&mut here, &incoming, Mode::Merge, NOW);
        let Err(CommitError::NotSaved { unsaved, .. }) = r else {
            panic!("write {n}: {r:?}")
        };
        assert_eq!(unsaved.commitments().count(), 5);
        assert_eq!(store.backend.snapshot(), before, "write {n}");
        assert!(here.person_named("Kept").is_some());
    }
}

#[test]
fn the_documented_example_imports_with_both_directions_and_the_name() {
    let doc = include_str!("../../docs/backup.md");
    let json = doc
        .split("```json")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/backup.md has a JSON example");
    let book = Backup::read(json).unwrap();
    assert_eq!(book.me(), Some("Sam"));
    let theirs: Vec<_> = book
        .commitments_by(crate::domain::Direction::Theirs)
        .collect();
    assert_eq!(theirs.len(), 1);
    let goal = book.goals().next().unwrap();
    assert_eq!(goal.versions().len(), 2);
    assert_eq!(book.hands().count(), 1);
    assert_eq!(book.successes_toward(goal.id()).len(), 1);
    // A step undone stays in the history and is not in force.
    let again_made = book.commitment(crate::domain::CommitmentId(4)).unwrap();
    assert_eq!(again_made.history().len(), 3);
    assert_eq!(again_made.status(), crate::domain::Status::Open);
    let talk = book.talks().next().unwrap();
    assert!(talk
        .topic(crate::domain::TopicId(2))
        .unwrap()
        .is_untouched());
    // And what it holds goes out and back unchanged.
    let again = Backup::read(&Backup::of(&book, NOW.plus_secs(365 * 86_400)).to_json()).unwrap();
    assert_eq!(again, book);
    let blank = json.replacen("\"me\": \"Sam\"", "\"me\": \"  \"", 1);
    assert!(matches!(Backup::read(&blank), Err(ImportError::Invalid(_))));
}

#[test]
fn a_backup_with_an_answer_by_link_no_request_asked_for_is_refused_naming_it() {
    use crate::domain::link::{Answer, Token};
    let mut book = Book::default();
    let run = |b: &mut Book, c: Command| b.apply(c, NOW).unwrap();
    run(
        &mut book,
        Command::Make {
            to: Recipient::New {
                name: "Ana".into(),
                zone: zone(),
            },
            what: "x".into(),
            due: due(5),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
    );
    let id = CommitmentId(0);
    let act = |action| Command::Act { id, action };
    let (key, name) = (Token::from_bytes([1; 16]), Token::from_bytes([2; 16]));
    run(&mut book, act(Action::MarkDone));
    let ask = Action::Ask {
        token: key.clone(),
        id: Some(name.clone()),
    };
    run(&mut book, act(ask));
    let reply = Action::Reply {
        token: name.clone(),
        answer: Answer::Met { note: None },
    };
    run(&mut book, act(reply));
    let good = Backup::of(&book, NOW).to_json();
    assert!(Backup::read(&good).is_ok());
    // The acknowledgement "in their own reply", with the request it answers left out.
    let asked = format!(
        r#"{{"asked":{{"at":{},"token":"{}","id":"{}"}}}},"#,
        NOW.unix(),
        key.as_str(),
        name.as_str()
    );
    assert!(good.contains(&asked), "{good}");
    let made_up = good.replace(&asked, "");
    let Err(ImportError::Invalid(why)) = Backup::read(&made_up) else {
        panic!("a made-up answer was imported");
    };
    assert!(
        why.contains(
            "commitment 0: entry 3 (acknowledged) is an answer by link to a request it never made"
        ),
        "{why}"
    );
}

/// A book of `names`, with one commitment to each of the first `made`.
fn crowd(names: impl Iterator<Item = String>, made: usize) -> Book {
    let people = names.enumerate().map(|(i, name)| crate::domain::Person {
        id: PersonId(i as u64),
        name,
        zone: None,
        removed: false,
    });
    let mut book = Book::counted(people.collect(), crate::domain::NextIds::default());
    for i in 0..made {
        book.apply(
            Command::Make {
                to: Recipient::Existing(PersonId(i as u64)),
                what: format!("Write to {i}"),
                due: due(30),
                by: Direction::Mine,
                kind: Kind::Deliver,
            },
            NOW,
        )
        .unwrap();
    }
    book
}

#[test]
fn a_large_backup_is_previewed_and_merged_folding_each_name_once() {
    // 8,000 people on each side, half of them the same (in another case): per pair that was
    // 64 million folds, each a call into the browser.
    let here = crowd((0..8_000).map(|i| format!("Person {i}")), 3);
    let there = crowd((4_000..12_000).map(|i| format!("PERSON {i}")), 0);
    let before = crate::domain::folds();
    let (merged, report) = here.merged(&there).unwrap();
    let folds = crate::domain::folds() - before;
    assert!(folds <= 16_000 + 100, "{folds} folds to merge");
    assert_eq!(report.people_added, 4_000);
    assert_eq!(merged.all_people().count(), 12_000);
    assert_eq!(
        merged.person_named("person 5000").unwrap().name,
        "Person 5000"
    );

    let before = crate::domain::folds();
    let preview = ReplacePreview::of(&here, &there);
    let folds = crate::domain::folds() - before;
    assert!(folds <= 16_000 + 100, "{folds} folds to preview");
    // Replacing loses the 4,000 only here, and the commitments to three of them.
    assert_eq!(preview.lost.people, 4_000);
    assert_eq!(preview.lost.commitments, 3);
    // Merged back, nothing is lost; the same commitments are matched, not doubled.
    let preview = ReplacePreview::of(&here, &merged);
    assert_eq!(preview.lost, Default::default());
    let (twice, report) = merged.merged(&here).unwrap();
    assert_eq!(report.changes(), 0);
    assert_eq!(twice.commitments().count(), 3);
}
