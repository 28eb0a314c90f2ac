//! Native tests of the store's logic over an in-memory backend. The same rules run against the
//! real `localStorage` in the browser tests.

use super::memory::Memory;
use super::{schema, Backend, CommitError, Notice, Store, StoreError};
use crate::domain::{
    sample, Action, Book, Change, Command, CommitmentId, Due, Instant, PersonId, Recipient, Zone,
    ZoneRules,
};
use crate::domain::{Direction, Kind};

/// Every zone is UTC: these tests are about storage, not time zones.
struct Utc;
impl ZoneRules for Utc {
    fn offset_at(&self, zone: &str, _: Instant) -> Option<i32> {
        (!zone.contains("Nowhere")).then_some(0)
    }
}

pub(super) const NOW: Instant = Instant::from_unix(1_795_348_800);

pub(super) fn zone() -> Zone {
    Zone::parse(&Utc, "Europe/Berlin").unwrap()
}

pub(super) fn due(h: i64) -> Due {
    Due {
        at: NOW.plus_secs(h * 3600),
        zone: zone(),
    }
}

fn make(store: &mut Store<Memory>, book: &mut Book, what: &str) -> CommitmentId {
    let to = match book.person_named("Ana") {
        Some(p) => Recipient::Existing(p.id),
        None => Recipient::New {
            name: "Ana".into(),
            zone: zone(),
        },
    };
    match store
        .commit(
            book,
            Command::Make {
                to,
                what: what.into(),
                due: due(48),
                by: Direction::Mine,
                kind: Kind::Deliver,
            },
            NOW,
        )
        .unwrap()
        .0
        .change
    {
        Change::Commitment(id) => id,
        other => panic!("{other:?}"),
    }
}

/// A realistic commitment with five history entries.
fn five_entries(store: &mut Store<Memory>, book: &mut Book, i: usize) {
    let id = make(store, book, &sample::what(i));
    let steps = sample::four_steps(due(72));
    for (n, action) in steps.into_iter().enumerate() {
        store
            .commit(
                book,
                Command::Act { id, action },
                NOW.plus_secs(n as i64 + 1),
            )
            .unwrap();
    }
}

#[test]
fn what_is_saved_is_what_loads() {
    let mut store = Store::new(Memory::default());
    let mut book = store.load(NOW).book;
    for i in 0..5 {
        five_entries(&mut store, &mut book, i);
    }
    let mut other = Store::new(Memory::default());
    // Reload from the same storage in a fresh store.
    let backend = std::mem::take(&mut store.backend);
    other.backend = backend;
    let loaded = other.load(NOW);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.book, book);
}

#[test]
fn ten_thousand_commitments_fit_and_a_save_costs_the_same_at_any_size() {
    const QUOTA: usize = 5_242_880;
    let mut store = Store::new(Memory::with_quota(QUOTA));
    let mut book = store.load(NOW).book;
    let mut cost_at = Vec::new();
    for i in 0..10_000 {
        five_entries(&mut store, &mut book, i);
        if i + 1 == 100 || i + 1 == 10_000 {
            let id = make(&mut store, &mut book, "One more small step");
            let before = store.backend.written.get();
            store
                .commit(
                    &mut book,
                    Command::Act {
                        id,
                        action: Action::MarkDone,
                    },
                    NOW,
                )
                .unwrap();
            cost_at.push(store.backend.written.get() - before);
        }
    }
    let used = store.backend.used();
    println!(
        "storage: 10,000 commitments x 5 entries use {used} of {QUOTA} UTF-16 units ({:.1}%), \
         {} units each; one save writes {} units at 100 and {} at 10,000",
        used as f64 * 100.0 / QUOTA as f64,
        used / 10_002,
        cost_at[0],
        cost_at[1]
    );
    assert!(used < QUOTA);
    // Same writes; only the digits of the id (in key and body) and of the revision grow.
    assert!(cost_at[1] <= cost_at[0] + 8, "{cost_at:?}");
}

#[test]
fn a_full_quota_keeps_the_last_saved_state() {
    let mut store = Store::new(Memory::default());
    let mut book = store.load(NOW).book;
    five_entries(&mut store, &mut book, 0);
    let saved = store.backend.snapshot();
    let book_before = book.clone();
    // Fail each write of a save in turn: the first, the meta, the revision.
    for n in 1..=3 {
        store.backend.fail_at.set(Some(n));
        let err = store.commit(
            &mut book,
            Command::Make {
                to: Recipient::Existing(PersonId(0)),
                what: "More".into(),
                due: due(5),
                by: Direction::Mine,
                kind: Kind::Deliver,
            },
            NOW,
        );
        let Err(CommitError::NotSaved { error, unsaved }) = err else {
            panic!("failing write {n}: {err:?}");
        };
        assert_eq!(error, StoreError::Quota, "failing write {n}");
        // The change is not silently dropped: the user can export the book that has it.
        assert!(unsaved.commitments().any(|c| c.what() == "More"));
        assert_eq!(
            store.backend.snapshot(),
            saved,
            "nothing saved is lost (write {n})"
        );
        assert_eq!(book, book_before, "the book is what is stored");
    }
    store.backend.fail_at.set(None);
    make(&mut store, &mut book, "Works again");
    assert!(StoreError::Quota.to_string().contains("intact"));
}

#[test]
fn unreadable_data_is_kept_aside_and_the_rest_loads() {
    let mut store = Store::new(Memory::default());
    let mut book = store.load(NOW).book;
    five_entries(&mut store, &mut book, 0);
    five_entries(&mut store, &mut book, 1);
    let key = schema::key::<crate::domain::Commitment>(CommitmentId(1));
    let garbage = "{\"id\":1,\"to\":0,\"what\":\"tr";
    store.backend.set(&key, garbage).unwrap();
    let loaded = store.load(NOW);
    assert_eq!(loaded.book.commitments().count(), 1);
    assert!(matches!(&loaded.notices[..], [Notice::SetAside { .. }]));
    let aside = store.aside();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].1, garbage, "kept exactly as it was");
    assert!(loaded.notices[0].message().contains("kept aside"));
}

#[test]
fn a_corrupt_people_list_is_kept_aside_and_commitments_survive() {
    let mut store = Store::new(Memory::default());
    let mut book = store.load(NOW).book;
    five_entries(&mut store, &mut book, 0);
    store.backend.set(schema::META, "not json at all").unwrap();
    let loaded = store.load(NOW);
    assert_eq!(loaded.book.commitments().count(), 1);
    assert_eq!(loaded.book.person(PersonId(0)).unwrap().name, "Person #0");
    assert_eq!(loaded.notices.len(), 2);
    assert_eq!(store.aside()[0].1, "not json at all");
}

#[test]
fn data_from_a_newer_version_is_never_written_over() {
    let mut store = Store::new(Memory::default());
    let mut book = store.load(NOW).book;
    five_entries(&mut store, &mut book, 0);
    let newer = r#"{"schema":99,"people":[],"next":[0,0]}"#;
    store.backend.set(schema::META, newer).unwrap();
    let mut book = store.load(NOW).book;
    assert!(store.read_only().unwrap().contains("newer version"));
    let err = store.commit(
        &mut book,
        Command::AddPerson {
            name: "Bo".into(),
            zone: zone(),
        },
        NOW,
    );
    assert!(matches!(
        err,
        Err(super::CommitError::Store(StoreError::ReadOnly(_)))
    ));
    assert_eq!(store.backend.get(schema::META).unwrap().unwrap(), newer);
}

#[test]
fn a_stale_tab_catches_up_before_it_writes() {
    let shared = Memory::default();
    let mut a = Store::new(shared);
    let mut book_a = a.load(NOW).book;
    make(&mut a, &mut book_a, "First");
    // Tab B: same storage, read now.
    let mut b = Store::new(Memory::default());
    b.backend = std::mem::take(&mut a.backend);
    let mut book_b = b.load(NOW).book;
    b.commit(
        &mut book_b,
        Command::AddPerson {
            name: "Bo".into(),
            zone: zone(),
        },
        NOW,
    )
    .unwrap();
    // Tab A has not seen Bo; its next change must not erase him.
    a.backend = std::mem::take(&mut b.backend);
    let (_, notices) = a
        .commit(
            &mut book_a,
            Command::AddPerson {
                name: "Cy".into(),
                zone: zone(),
            },
            NOW,
        )
        .unwrap();
    assert_eq!(notices, vec![Notice::CaughtUp]);
    let names: Vec<String> = a
        .load(NOW)
        .book
        .people()
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, vec!["Ana", "Bo", "Cy"]);
}

#[test]
fn every_schema_version_fixture_loads() {
    // One fixture per schema version ever written; a new version adds one and keeps the old.
    let fixtures = [
        (1, include_str!("../../tests/fixtures/schema-v1.json")),
        (2, include_str!("../../tests/fixtures/schema-v2.json")),
        (3, include_str!("../../tests/fixtures/schema-v3.json")),
        (4, include_str!("../../tests/fixtures/schema-v4.json")),
        (5, include_str!("../../tests/fixtures/schema-v5.json")),
        (6, include_str!("../../tests/fixtures/schema-v6.json")),
    ];
    assert_eq!(fixtures.len() as u32, schema::CURRENT);
    // Read a year on: the fixtures' histories reach past `NOW`, and nothing read is later.
    let read_at = NOW.plus_secs(365 * 86_400);
    for (version, text) in fixtures {
        let entries: std::collections::BTreeMap<String, String> =
            serde_json::from_str(text).unwrap();
        let mut store = Store::new(Memory::default());
        for (k, v) in &entries {
            store.backend.set(k, v).unwrap();
        }
        let loaded = store.load(read_at);
        assert!(
            loaded.notices.is_empty(),
            "v{version}: {:?}",
            loaded.notices
        );
        assert_eq!(loaded.book.all_people().count(), 2, "v{version}");
        let commitments = if version >= 5 { 4 } else { 2 };
        assert_eq!(loaded.book.commitments().count(), commitments, "v{version}");
        assert_eq!(
            loaded.book.talks().count(),
            usize::from(version >= 2),
            "v{version}"
        );
        // Goals, raised hands and successes since 5.
        let book = &loaded.book;
        let trust = (
            book.goals().count(),
            book.hands().count(),
            book.successes().count(),
        );
        let expected = if version >= 5 { (1, 2, 2) } else { (0, 0, 0) };
        assert_eq!(trust, expected, "v{version}");
        // Undo since 6: a step taken back stays in the history, not in force.
        if version >= 6 {
            let c = book.commitment(crate::domain::CommitmentId(3)).unwrap();
            assert_eq!(c.history().len(), 3);
            assert!(c.history().is_undone(1));
            assert_eq!(c.status(), crate::domain::Status::Open);
            let talk = book.talks().next().unwrap();
            let topic = talk.topic(crate::domain::TopicId(2)).unwrap();
            assert_eq!(topic.history().len(), 2);
            assert!(topic.is_untouched());
        }
        // What loads is written back in the current schema, and reads the same again.
        let meta = store.backend.get(schema::META).unwrap().unwrap();
        assert_eq!(schema::version_of(&meta), Ok(schema::CURRENT), "v{version}");
        assert_eq!(store.load(read_at).book, loaded.book, "v{version}");
        // The migration kept every record: each key of the fixture is still there.
        let stored = store.backend.snapshot();
        for key in entries.keys() {
            assert!(stored.contains_key(key), "v{version}: {key} is gone");
        }
    }
}

#[test]
fn a_deferral_saves_its_talk_and_commitment_together_or_not_at_all() {
    use crate::domain::talk::TopicAction;
    use crate::domain::{TalkId, TopicId};
    let mut store = Store::new(Memory::default());
    let mut book = store.load(NOW).book;
    let run = |store: &mut Store<Memory>, book: &mut Book, command| {
        store.commit(book, command, NOW).map(|(change, _)| change)
    };
    let talk = TalkId(0);
    run(
        &mut store,
        &mut book,
        Command::AddTalk {
            title: "Talk".into(),
            date: "2026-11-24".into(),
        },
    )
    .unwrap();
    let topic = TopicId(0);
    let steps = [
        Command::AddTopic {
            talk,
            asker: Recipient::New {
                name: "Ana".into(),
                zone: zone(),
            },
            text: "pricing".into(),
        },
        Command::Topic {
            talk,
            topic,
            action: TopicAction::Cover,
        },
        Command::Topic {
            talk,
            topic,
            action: TopicAction::NotYet {
                by: PersonId(0),
                missing: "schools".into(),
            },
        },
    ];
    for command in steps {
        run(&mut store, &mut book, command).unwrap();
    }
    let saved = store.backend.snapshot();
    let before = book.clone();
    let defer = || Command::DeferTopic {
        talk,
        topic,
        what: "Send school prices".into(),
        due: due(48),
    };
    // The commitment, the talk, the meta and the revision: fail each in turn.
    for n in 1..=4 {
        store.backend.fail_at.set(Some(n));
        assert!(run(&mut store, &mut book, defer()).is_err(), "write {n}");
        assert_eq!(store.backend.snapshot(), saved, "write {n}");
        assert_eq!(book, before, "write {n}");
    }
    store.backend.fail_at.set(None);
    run(&mut store, &mut book, defer()).unwrap();
    let mut other = Store::new(Memory::default());
    other.backend = std::mem::take(&mut store.backend);
    let loaded = other.load(NOW).book;
    assert_eq!(loaded, book);
    assert_eq!(loaded.commitments().count(), 1);

    // Deleting the talk removes its key, and the follow-up commitment stays.
    let mut book = loaded;
    run(&mut other, &mut book, Command::DeleteTalk { id: talk }).unwrap();
    assert_eq!(
        other
            .backend
            .get(&schema::key::<crate::domain::talk::Talk>(talk))
            .unwrap(),
        None
    );
    assert_eq!(other.load(NOW).book.commitments().count(), 1);
}

/// A session touching every kind of record: people, commitments, a talk and its topics.
fn session() -> Vec<Command> {
    use crate::domain::talk::TopicAction;
    use crate::domain::{TalkId, TopicId};
    let (talk, topic, ana) = (TalkId(0), TopicId(0), PersonId(0));
    let new = |name: &str| Recipient::New {
        name: name.into(),
        zone: zone(),
    };
    let mut steps = vec![
        Command::AddPerson {
            name: "Ana".into(),
            zone: zone(),
        },
        Command::Make {
            to: Recipient::Existing(ana),
            what: "Send the draft".into(),
            due: due(48),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        Command::Make {
            to: new("Bo"),
            what: "Call back".into(),
            due: due(24),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
    ];
    steps.extend(
        sample::four_steps(due(72))
            .into_iter()
            .map(|action| Command::Act {
                id: CommitmentId(0),
                action,
            }),
    );
    steps.extend([
        Command::AddTalk {
            title: "Talk".into(),
            date: "2026-11-24".into(),
        },
        Command::AddTopic {
            talk,
            asker: new("Cy"),
            text: "pricing".into(),
        },
        Command::AddTopic {
            talk,
            asker: Recipient::Existing(ana),
            text: "exports".into(),
        },
        Command::Topic {
            talk,
            topic,
            action: TopicAction::Cover,
        },
        Command::Topic {
            talk,
            topic,
            action: TopicAction::NotYet {
                by: PersonId(2),
                missing: "schools".into(),
            },
        },
        Command::DeferTopic {
            talk,
            topic,
            what: "Send school prices".into(),
            due: due(96),
        },
        Command::RemovePerson { id: PersonId(1) },
        Command::StartTalk { id: talk },
    ]);
    steps.extend(trust_steps(ana));
    steps
}

/// Goals, raised hands and successes with `with`: a goal served by a new commitment and
/// reviewed, a hand raised and settled with a follow-up, a success for an acknowledged
/// commitment (once acknowledged) and one on its own.
fn trust_steps(with: PersonId) -> Vec<Command> {
    use crate::domain::goal::{GoalAction, Verdict};
    use crate::domain::success::Source;
    use crate::domain::{GoalId, HandId, Settle, TrustCommand as T};
    let goal = GoalId(0);
    vec![
        T::SetGoal {
            with,
            what: "Ship the reports <together>".into(),
            kickoff: due(1),
            reviews: vec![due(24 * 180), due(24 * 365)],
        },
        T::MakeServing {
            goal,
            what: "Draft the first report".into(),
            due: due(50),
        },
        T::Goal {
            id: goal,
            action: GoalAction::Review {
                review: 0,
                said: "Early, but it holds".into(),
                verdict: Verdict::Changes {
                    what: "Ship the reports together, every two months".into(),
                },
            },
        },
        T::RaiseHand {
            with,
            concern: "Replies take a week".into(),
            due: due(30),
        },
        T::SettleHand {
            id: HandId(0),
            said: "She did not know".into(),
            outcome: Settle::WorkingOn {
                what: "Send a weekly summary".into(),
                due: due(60),
            },
        },
    ]
    .into_iter()
    .map(Command::Trust)
    .chain([Command::Act {
        id: CommitmentId(0),
        action: Action::Acknowledge { how: None },
    }])
    .chain(
        [
            T::Affirm {
                with,
                what: "The draft came complete the second time".into(),
                from: Source {
                    commitment: Some(CommitmentId(0)),
                    goal: Some(goal),
                    ..Source::default()
                },
            },
            T::Affirm {
                with,
                what: "Thanks for the patience".into(),
                from: Source::default(),
            },
        ]
        .into_iter()
        .map(Command::Trust),
    )
    .collect()
}

#[test]
fn goals_hands_and_successes_are_saved_with_what_they_make_or_not_at_all() {
    let mut store = Store::new(Memory::default());
    let mut book = store.load(NOW).book;
    let mut steps = session();
    let trust = steps.split_off(steps.len() - trust_steps(PersonId(0)).len());
    for command in steps {
        store.commit(&mut book, command, NOW).unwrap();
    }
    for command in trust {
        // Each write of the step fails in turn (the record, a commitment it makes, the meta,
        // the revision): storage and the book stay as they were.
        let mut n = 1;
        loop {
            let saved = store.backend.snapshot();
            let before = book.clone();
            store.backend.fail_at.set(Some(n));
            let result = store.commit(&mut book, command.clone(), NOW);
            store.backend.fail_at.set(None);
            match result {
                Err(CommitError::NotSaved { .. }) => {
                    assert_eq!(store.backend.snapshot(), saved, "{command:?} write {n}");
                    assert_eq!(book, before, "{command:?} write {n}");
                    n += 1;
                }
                Ok(_) => break,
                Err(e) => panic!("{command:?}: {e:?}"),
            }
        }
        assert!(
            n >= 2,
            "{command:?} writes a record and the revision at least"
        );
    }
    let loaded = Store::new(std::mem::take(&mut store.backend)).load(NOW);
    assert!(loaded.notices.is_empty());
    assert_eq!(loaded.book, book);
    let book = &loaded.book;
    assert_eq!(
        (
            book.goals().count(),
            book.hands().count(),
            book.successes().count()
        ),
        (1, 1, 2)
    );
    let goal = book.goal(crate::domain::GoalId(0)).unwrap();
    assert_eq!(goal.versions().len(), 2, "the old version kept");
    assert_eq!(goal.serving().count(), 1);
    let follow_up = book.hand(crate::domain::HandId(0)).unwrap().follow_up();
    assert!(follow_up.is_some_and(|c| book.commitment(c).is_some()));
    assert_eq!(
        book.successes_with(PersonId(0))[0].what(),
        "Thanks for the patience"
    );
}

#[test]
fn a_quota_error_at_any_write_of_a_session_loses_nothing() {
    // The session without faults: how many writes it makes, and where it ends.
    let mut clean = Store::new(Memory::default());
    let mut expected = clean.load(NOW).book;
    let mut writes = 0;
    for command in session() {
        let before = clean.backend.writes();
        clean.commit(&mut expected, command, NOW).unwrap();
        writes += clean.backend.writes() - before;
    }
    assert!(writes >= 2 * session().len(), "{writes} writes");

    for n in 1..=writes {
        let mut store = Store::new(Memory::default());
        let mut book = store.load(NOW).book;
        store.backend.fail_at.set(Some(n));
        for command in session() {
            let saved = store.backend.snapshot();
            let kept = book.clone();
            match store.commit(&mut book, command.clone(), NOW) {
                Ok(_) => {}
                Err(CommitError::NotSaved { error, unsaved }) => {
                    assert_eq!(error, StoreError::Quota, "write {n}");
                    assert_eq!(
                        store.backend.snapshot(),
                        saved,
                        "write {n}: storage unchanged"
                    );
                    assert_eq!(book, kept, "write {n}: the book is what is stored");
                    let mut with = kept.clone();
                    with.apply(command.clone(), NOW).unwrap();
                    assert_eq!(
                        *unsaved, with,
                        "write {n}: the unsaved change can be exported"
                    );
                    // Space is freed and the user does it again.
                    store.commit(&mut book, command, NOW).unwrap();
                }
                Err(e) => panic!("write {n}: {e:?}"),
            }
        }
        assert_eq!(book, expected, "write {n}");
        let mut other = Store::new(Memory::default());
        other.backend = std::mem::take(&mut store.backend);
        assert_eq!(other.load(NOW).book, expected, "write {n}: what is stored");
    }
    eprintln!("quota error injected at each of the session's {writes} writes");
}

/// A stored book: the session's end, as raw key-value pairs.
fn stored_session() -> std::collections::BTreeMap<String, String> {
    let mut store = Store::new(Memory::default());
    let mut book = store.load(NOW).book;
    for command in session() {
        store.commit(&mut book, command, NOW).unwrap();
    }
    store.backend.snapshot()
}

/// Loads `entries` with `key`'s value replaced by `bad`: it must not panic, must keep the bad
/// value aside unchanged (when it is unreadable) and keep every other record.
fn load_with(entries: &std::collections::BTreeMap<String, String>, key: &str, bad: &str) -> bool {
    let mut store = Store::new(Memory::default());
    for (k, v) in entries {
        store
            .backend
            .set(k, if k == key { bad } else { v })
            .unwrap();
    }
    let loaded = store.load(NOW);
    let set_aside = loaded
        .notices
        .iter()
        .any(|n| matches!(n, Notice::SetAside { key: k, .. } if k == key));
    if set_aside {
        let copies = store.aside();
        assert!(
            copies.iter().any(|(_, v)| v == bad),
            "{key}: the unreadable value is kept as it was"
        );
    }
    if store.read_only().is_some() {
        // It reads as a newer schema: nothing is read or written, everything stays as it was.
        for (k, v) in entries.iter().filter(|(k, _)| *k != key) {
            assert_eq!(
                store.backend.get(k).unwrap().as_ref(),
                Some(v),
                "{key}: {k} untouched"
            );
        }
        return set_aside;
    }
    let records = entries
        .keys()
        .filter(|k| schema::is_record(k) && *k != key)
        .count();
    let b = &loaded.book;
    let read = b.commitments().count()
        + b.talks().count()
        + b.goals().count()
        + b.hands().count()
        + b.successes().count();
    assert!(
        read >= records,
        "{key}: {read} of {records} other records read"
    );
    set_aside
}

#[test]
fn every_truncation_of_a_stored_record_is_kept_aside_and_the_rest_loads() {
    let entries = stored_session();
    let mut tried = 0;
    for key in [
        "troth.c.0",
        "troth.t.0",
        "troth.g.0",
        "troth.h.0",
        "troth.s.0",
        "troth.meta",
    ] {
        let value = &entries[key];
        for len in 0..value.len() {
            if !value.is_char_boundary(len) {
                continue;
            }
            // Every strict prefix of a JSON object is unreadable.
            assert!(
                load_with(&entries, key, &value[..len]),
                "{key} cut at {len}"
            );
            tried += 1;
        }
    }
    eprintln!("{tried} truncations tried");
}

#[test]
fn random_byte_flips_never_panic_and_unreadable_values_are_kept() {
    let entries = stored_session();
    let keys: Vec<&String> = entries
        .keys()
        .filter(|k| schema::is_record(k) || *k == schema::META)
        .collect();
    // A fixed-seed xorshift: the same 3,000 corruptions on every run.
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut aside, mut still_valid) = (0, 0);
    for _ in 0..3_000 {
        let key = keys[(next() % keys.len() as u64) as usize];
        let mut bytes = entries[key.as_str()].clone().into_bytes();
        let at = (next() % bytes.len() as u64) as usize;
        bytes[at] ^= 1 << (next() % 7);
        let Ok(bad) = String::from_utf8(bytes) else {
            continue; // localStorage holds text: a byte flip that is not UTF-8 cannot be stored.
        };
        if load_with(&entries, key, &bad) {
            aside += 1;
        } else {
            still_valid += 1;
        }
    }
    eprintln!("3000 byte flips: {aside} kept aside, {still_valid} still valid data");
    assert!(aside > 1_000);
}
