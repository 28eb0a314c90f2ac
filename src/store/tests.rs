//! Native tests of the store's logic over an in-memory backend. The same rules run against the
//! real `localStorage` in the browser tests.

use super::memory::{units, Memory};
use super::{schema, Backend, Notice, Store, StoreError};
use crate::domain::{
    sample, Action, Book, Change, Command, CommitmentId, Due, Instant, PersonId, Recipient, Zone,
    ZoneRules,
};

/// Every zone is UTC: these tests are about storage, not time zones.
struct Utc;
impl ZoneRules for Utc {
    fn offset_at(&self, zone: &str, _: Instant) -> Option<i32> {
        (!zone.contains("Nowhere")).then_some(0)
    }
}

const NOW: Instant = Instant::from_unix(1_795_348_800);

fn zone() -> Zone {
    Zone::parse(&Utc, "Europe/Berlin").unwrap()
}

fn due(h: i64) -> Due {
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
            },
            NOW,
        )
        .unwrap()
        .0
    {
        Change::Commitment { id, .. } => id,
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
            },
            NOW,
        );
        assert_eq!(
            err.unwrap_err(),
            StoreError::Quota.into(),
            "failing write {n}"
        );
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
    let key = schema::commitment_key(CommitmentId(1));
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
    ];
    assert_eq!(fixtures.len() as u32, schema::CURRENT);
    for (version, text) in fixtures {
        let entries: std::collections::BTreeMap<String, String> =
            serde_json::from_str(text).unwrap();
        let mut store = Store::new(Memory::default());
        for (k, v) in &entries {
            store.backend.set(k, v).unwrap();
        }
        let loaded = store.load(NOW);
        assert!(
            loaded.notices.is_empty(),
            "v{version}: {:?}",
            loaded.notices
        );
        assert_eq!(loaded.book.all_people().count(), 2, "v{version}");
        assert_eq!(loaded.book.commitments().count(), 2, "v{version}");
        assert_eq!(
            loaded.book.talks().count(),
            usize::from(version >= 2),
            "v{version}"
        );
        // What loads is written back in the current schema, and reads the same again.
        let meta = store.backend.get(schema::META).unwrap().unwrap();
        assert_eq!(schema::version_of(&meta), Ok(schema::CURRENT), "v{version}");
        assert_eq!(store.load(NOW).book, loaded.book, "v{version}");
        assert!(units(text) > 0);
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
    assert_eq!(other.backend.get(&schema::talk_key(talk)).unwrap(), None);
    assert_eq!(other.load(NOW).book.commitments().count(), 1);
}
