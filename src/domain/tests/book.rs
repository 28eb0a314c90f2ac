use super::{due, zone, NOW};
use crate::domain::ledger::{ledger, Filter, Group};
use crate::domain::{
    Action, Book, Change, Command, CommitmentId, DomainError, NextIds, PersonId, Recipient,
    TrackRecord,
};
use crate::domain::{Direction, Kind};

fn book_with_ana() -> Book {
    let mut b = Book::default();
    b.apply(
        Command::AddPerson {
            name: "Ana".into(),
            zone: zone("America/New_York"),
        },
        NOW,
    )
    .unwrap();
    b
}

fn add(b: &mut Book, name: &str) {
    let zone = zone("UTC");
    b.apply(
        Command::AddPerson {
            name: name.into(),
            zone,
        },
        NOW,
    )
    .unwrap();
}

fn make(b: &mut Book, what: &str, day: u32) -> CommitmentId {
    let make = Command::Make {
        to: Recipient::Existing(PersonId(0)),
        what: what.into(),
        due: due("Europe/Berlin", day, 17, 0),
        by: Direction::Mine,
        kind: Kind::Deliver,
    };
    let applied = b.apply(make, NOW).unwrap();
    assert!(applied.touched.meta, "a new one moves the id counter");
    match applied.change {
        Change::Commitment(id) => id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn names_are_cleaned_and_unique() {
    let mut b = book_with_ana();
    assert_eq!(
        b.apply(
            Command::AddPerson {
                name: " ana ".into(),
                zone: zone("UTC")
            },
            NOW
        ),
        Err(DomainError::NameTaken("Ana".into()))
    );
    assert_eq!(
        b.apply(
            Command::AddPerson {
                name: "  ".into(),
                zone: zone("UTC")
            },
            NOW
        ),
        Err(DomainError::EmptyName)
    );
    b.apply(
        Command::AddPerson {
            name: "  Bo   Chen ".into(),
            zone: zone("UTC"),
        },
        NOW,
    )
    .unwrap();
    assert_eq!(b.person(PersonId(1)).unwrap().name, "Bo Chen");
    b.apply(
        Command::EditPerson {
            id: PersonId(1),
            name: "Bo".into(),
            zone: Some(zone("UTC")),
        },
        NOW,
    )
    .unwrap();
    assert_eq!(
        b.people()
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Ana", "Bo"]
    );
}

#[test]
fn removing_someone_with_commitments_keeps_their_history() {
    let mut b = book_with_ana();
    let id = make(&mut b, "Send the draft", 24);
    b.apply(Command::RemovePerson { id: PersonId(0) }, NOW)
        .unwrap();
    assert!(b.people().is_empty());
    assert!(b.person(PersonId(0)).unwrap().removed);
    assert!(b.commitment(id).is_some());
    // No new commitments to a removed person; restoring brings them back.
    let err = b.apply(
        Command::Make {
            to: Recipient::Existing(PersonId(0)),
            what: "x".into(),
            due: due("UTC", 25, 9, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    );
    assert!(matches!(err, Err(DomainError::PersonRemoved { .. })));
    b.apply(Command::RestorePerson { id: PersonId(0) }, NOW)
        .unwrap();
    assert_eq!(b.people().len(), 1);

    // Someone with no commitments is simply removed.
    add(&mut b, "Bo");
    b.apply(Command::RemovePerson { id: PersonId(1) }, NOW)
        .unwrap();
    assert!(b.person(PersonId(1)).is_none());
}

#[test]
fn a_commitment_to_a_new_person_adds_them_only_if_it_is_valid() {
    let mut b = Book::default();
    let refused = b.apply(
        Command::Make {
            to: Recipient::New {
                name: "Ana".into(),
                zone: zone("UTC"),
            },
            what: " ".into(),
            due: due("UTC", 25, 9, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    );
    assert_eq!(refused, Err(DomainError::EmptyWhat));
    assert_eq!(b, Book::default(), "a refused command changes nothing");
    b.apply(
        Command::Make {
            to: Recipient::New {
                name: "Ana".into(),
                zone: zone("UTC"),
            },
            what: "Call".into(),
            due: due("UTC", 25, 9, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(b.person_named("ana").unwrap().id, PersonId(0));
    assert_eq!(b.commitments_to(PersonId(0)).count(), 1);
}

#[test]
fn ledger_groups_filters_and_searches() {
    let mut b = book_with_ana();
    add(&mut b, "Bo");
    let soon = make(&mut b, "Send the budget draft", 23);
    let later = make(&mut b, "Review the slides", 30);
    let waiting = make(&mut b, "Book the room", 25);
    b.apply(
        Command::Act {
            id: waiting,
            action: Action::MarkDone,
        },
        NOW,
    )
    .unwrap();
    let to_bo = b
        .apply(
            Command::Make {
                to: Recipient::Existing(PersonId(1)),
                what: "Lend the projector".into(),
                due: due("UTC", 23, 9, 0),
                by: Direction::Mine,
                kind: Kind::Deliver,
            },
            NOW,
        )
        .unwrap();
    let Change::Commitment(bo_id) = to_bo.change else {
        panic!()
    };

    let all = ledger(&b, &Filter::default(), NOW);
    let shape: Vec<(Group, Vec<CommitmentId>)> = all
        .iter()
        .map(|(g, cs)| (*g, cs.iter().map(|c| c.id()).collect()))
        .collect();
    assert_eq!(
        shape,
        vec![
            (Group::DueSoon, vec![bo_id, soon]),
            (Group::AwaitingAck, vec![waiting]),
            (Group::Later, vec![later]),
        ]
    );
    // Two days on, the open ones are overdue.
    let overdue = ledger(&b, &Filter::default(), NOW.plus_secs(3 * 86_400));
    assert_eq!(overdue[0].0, Group::Overdue);
    assert_eq!(overdue[0].1.len(), 2);

    let only_bo = ledger(
        &b,
        &Filter {
            person: Some(PersonId(1)),
            query: String::new(),
            ..Filter::default()
        },
        NOW,
    );
    assert_eq!(only_bo.len(), 1);
    let search = ledger(
        &b,
        &Filter {
            person: None,
            query: "SLIDES review".into(),
            ..Filter::default()
        },
        NOW,
    );
    assert_eq!(search[0].1[0].id(), later);
    let by_name = ledger(
        &b,
        &Filter {
            person: None,
            query: "bo".into(),
            ..Filter::default()
        },
        NOW,
    );
    assert_eq!(
        by_name.iter().map(|(_, c)| c.len()).sum::<usize>(),
        2,
        "Bo's one, and 'Book the room'"
    );
}

#[test]
fn track_record_counts_outcomes_and_renegotiations() {
    let mut b = book_with_ana();
    let on_time = make(&mut b, "a", 24);
    let early = make(&mut b, "b", 24);
    let missed = make(&mut b, "c", 23);
    let released = make(&mut b, "d", 24);
    make(&mut b, "e", 24);
    let h = |n: i64| NOW.plus_secs(n * 3600);
    b.apply(
        Command::Act {
            id: on_time,
            action: Action::MarkDone,
        },
        h(1),
    )
    .unwrap();
    b.apply(
        Command::Act {
            id: on_time,
            action: Action::Acknowledge { how: None },
        },
        h(2),
    )
    .unwrap();
    b.apply(
        Command::Act {
            id: early,
            action: Action::Renegotiate {
                due: due("Europe/Berlin", 27, 9, 0),
                reason: "waiting on data".into(),
            },
        },
        h(1),
    )
    .unwrap();
    b.apply(
        Command::Act {
            id: early,
            action: Action::MarkDone,
        },
        h(70),
    )
    .unwrap();
    b.apply(
        Command::Act {
            id: early,
            action: Action::Acknowledge { how: None },
        },
        h(71),
    )
    .unwrap();
    b.apply(
        Command::Act {
            id: missed,
            action: Action::MarkMissed,
        },
        h(40),
    )
    .unwrap();
    b.apply(
        Command::Act {
            id: released,
            action: Action::Release {
                note: "no longer needed".into(),
            },
        },
        h(3),
    )
    .unwrap();
    let r = TrackRecord::of(b.commitments_to(PersonId(0)));
    assert_eq!(
        r,
        TrackRecord {
            made: 5,
            kept_on_time: 1,
            kept_after_early_renegotiation: 1,
            kept_late: 0,
            missed: 1,
            released: 1,
            in_progress: 1,
            acknowledged_by_them: 0,
            renegotiated_early: 1,
            renegotiated_late: 0
        }
    );
    assert_eq!(r.kept(), 2);
    assert_eq!(r.reliability_percent(), Some(66));
    assert_eq!(TrackRecord::default().reliability_percent(), None);
}

#[test]
fn assembling_mends_a_missing_person_instead_of_dropping_commitments() {
    let mut b = book_with_ana();
    make(&mut b, "Send the draft", 24);
    let commitments: Vec<_> = b.commitments().cloned().collect();
    let (mended, repairs) = Book::counted(Vec::new(), NextIds::default())
        .with_read(commitments)
        .mended();
    assert_eq!(repairs.len(), 1);
    assert_eq!(mended.person(PersonId(0)).unwrap().name, "Person #0");
    assert_eq!(mended.commitments().count(), 1);
    assert_eq!(
        mended.next_ids(),
        NextIds {
            person: 1,
            commitment: 1,
            talk: 0,
            ..NextIds::default()
        },
        "counters never reuse an id"
    );
}

#[test]
fn a_persons_name_and_zone_change_together_or_not_at_all() {
    let mut b = Book::default();
    for name in ["Ana", "Bo"] {
        b.apply(
            Command::AddPerson {
                name: name.into(),
                zone: zone("UTC"),
            },
            NOW,
        )
        .unwrap();
    }
    let before = b.clone();
    // The new name is taken: the zone does not change either.
    let taken = b.apply(
        Command::EditPerson {
            id: PersonId(1),
            name: "ana".into(),
            zone: Some(zone("Europe/Berlin")),
        },
        NOW,
    );
    assert_eq!(taken, Err(DomainError::NameTaken("Ana".into())));
    assert_eq!(b, before);
    b.apply(
        Command::EditPerson {
            id: PersonId(1),
            name: "Bo Chen".into(),
            zone: Some(zone("Europe/Berlin")),
        },
        NOW,
    )
    .unwrap();
    let bo = b.person(PersonId(1)).unwrap();
    assert_eq!(
        (
            bo.name.as_str(),
            bo.zone.as_ref().map(crate::domain::Zone::name)
        ),
        ("Bo Chen", Some("Europe/Berlin"))
    );
}
