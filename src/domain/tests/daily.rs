//! Daily use: zones by the names people use, how soon in words, slips corrected without counting
//! as renegotiations, and a record that says where trust is slipping.

use super::{due, zone, TzRules, NOW};
use crate::domain::{
    relative, span, Action, Book, Command, Commitment, CommitmentId, DomainError, Entry, Instant,
    PersonId, Recipient, Standing, TrackRecord, Zone, CORRECTION_SECS,
};
use crate::domain::{Direction, Kind};

#[test]
fn zones_are_found_by_the_names_people_use() {
    let find = |name: &str| Zone::find(&TzRules, name).map(|z| z.name().to_owned());
    for (said, iana) in [
        ("America/New_York", "America/New_York"),
        ("New York", "America/New_York"),
        ("new york", "America/New_York"),
        ("  Berlin ", "Europe/Berlin"),
        ("Kolkata", "Asia/Kolkata"),
        ("Pacific time", "America/Los_Angeles"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("EST", "America/New_York"),
        ("Los Angeles", "America/Los_Angeles"),
        ("sao_paulo", "America/Sao_Paulo"),
        ("Sydney", "Australia/Sydney"),
        ("utc", "UTC"),
    ] {
        assert_eq!(find(said), Ok(iana.to_owned()), "{said}");
    }
    for unknown in [
        "Atlantis",
        "",
        "   ",
        "time",
        "Europe/Atlantis",
        "New York/x",
    ] {
        assert_eq!(
            find(unknown),
            Err(DomainError::UnknownZone(unknown.trim().to_owned())),
            "{unknown:?}"
        );
    }
}

#[test]
fn how_soon_is_said_in_words() {
    let at = |secs| relative(NOW, NOW.plus_secs(secs));
    assert_eq!(at(30), "in 1 min");
    assert_eq!(at(25 * 60), "in 25 min");
    assert_eq!(at(3 * 3600 + 59 * 60), "in 3 h");
    assert_eq!(at(47 * 3600), "in 47 h");
    assert_eq!(at(50 * 3600), "in 2 days");
    assert_eq!(at(-2 * 3600), "2 h late");
    assert_eq!(at(-3 * 86_400), "3 days late");
    assert_eq!(span(0), "1 min");
}

fn made() -> Commitment {
    Commitment::make(
        CommitmentId(1),
        PersonId(1),
        "Send Maria the slids",
        due("America/New_York", 24, 11, 0),
        NOW,
    )
    .unwrap()
}

#[test]
fn a_fresh_slip_is_corrected_and_not_counted_as_a_renegotiation() {
    let mut c = made();
    let fixed = due("Europe/Berlin", 24, 11, 0);
    c.act(
        Action::Correct {
            what: Some("Send Maria the slides".into()),
            to: None,
            due: Some(fixed.clone()),
        },
        NOW.plus_secs(120),
    )
    .unwrap();
    assert_eq!(c.what(), "Send Maria the slides");
    assert_eq!(c.due(), &fixed);
    assert_eq!(
        c.as_made().0,
        "Send Maria the slids",
        "the first wording is kept"
    );
    assert_eq!(c.renegotiations().count(), 0);
    assert_eq!(c.history().len(), 2);
    // Only what changed is recorded.
    let Entry::Corrected { what, to, due, .. } = &c.history()[1] else {
        panic!("a correction")
    };
    assert_eq!((what.is_some(), to, due.is_some()), (true, &None, true));

    // Kept on time against the corrected moment, with no renegotiation in the record.
    c.act(Action::MarkDone, NOW.plus_secs(3600)).unwrap();
    c.act(Action::Acknowledge { how: None }, NOW.plus_secs(7200))
        .unwrap();
    let r = TrackRecord::of([&c]);
    assert_eq!(
        (r.kept_on_time, r.renegotiated_early, r.renegotiated_late),
        (1, 0, 0)
    );
}

#[test]
fn a_correction_is_refused_once_the_commitment_could_be_relied_on() {
    let fix = || Action::Correct {
        what: Some("Send Maria the slides".into()),
        to: None,
        due: None,
    };
    // Too late: past the window.
    let mut c = made();
    let late = NOW.plus_secs(CORRECTION_SECS + 1);
    assert_eq!(c.correctable_until(late), None);
    assert_eq!(c.act(fix(), late), Err(DomainError::TooLateToCorrect));
    // Something else happened to it.
    let mut c = made();
    c.act(Action::MarkDone, NOW.plus_secs(60)).unwrap();
    let before = c.clone();
    assert!(c.act(fix(), NOW.plus_secs(120)).is_err());
    assert_eq!(c, before);
    // Nothing differs.
    let mut c = made();
    let same = Action::Correct {
        what: Some(" Send Maria the slids ".into()),
        to: Some(PersonId(1)),
        due: Some(c.due().clone()),
    };
    assert_eq!(
        c.act(same, NOW.plus_secs(60)),
        Err(DomainError::NothingToCorrect)
    );
    // Within the window, twice: both are kept.
    let mut c = made();
    c.act(fix(), NOW.plus_secs(60)).unwrap();
    let again = Action::Correct {
        what: None,
        to: None,
        due: Some(due("Europe/Berlin", 25, 9, 0)),
    };
    c.act(again, NOW.plus_secs(CORRECTION_SECS)).unwrap();
    assert_eq!(c.history().len(), 3);
}

#[test]
fn a_corrected_commitment_is_read_back_through_the_same_rules() {
    let mut c = made();
    c.act(
        Action::Correct {
            what: None,
            to: Some(PersonId(2)),
            due: None,
        },
        NOW.plus_secs(60),
    )
    .unwrap();
    let json = serde_json::to_string(&c).unwrap();
    let read: Commitment = serde_json::from_str(&json).unwrap();
    assert_eq!(read, c);
    assert_eq!(read.to(), PersonId(2));
    assert_eq!(
        read.people().collect::<Vec<_>>(),
        vec![PersonId(1), PersonId(2)]
    );
    // A stored correction made long after is made up.
    let forged = json.replace(
        &format!("\"at\":{}", NOW.plus_secs(60).unix()),
        &format!("\"at\":{}", NOW.plus_secs(CORRECTION_SECS + 60).unix()),
    );
    assert!(serde_json::from_str::<Commitment>(&forged).is_err());
}

#[test]
fn correcting_whom_in_the_book_adds_a_new_name_without_guessing_a_zone() {
    let mut b = Book::default();
    let made = Command::Make {
        to: Recipient::New {
            name: "Jonsa".into(),
            zone: zone("Europe/Berlin"),
        },
        what: "Lend Jonas the book".into(),
        due: due("Europe/Berlin", 24, 12, 0),
        by: Direction::Mine,
        kind: Kind::Deliver,
    };
    b.apply(made, NOW).unwrap();
    let id = CommitmentId(0);
    // A name taken refuses, and changes nothing.
    let before = b.clone();
    let fix = |to: Recipient| Command::Correct {
        id,
        what: None,
        to: Some(to),
        due: None,
    };
    assert!(b
        .apply(fix(Recipient::NameOnly("jonsa".into())), NOW)
        .is_err());
    assert_eq!(b, before);
    b.apply(fix(Recipient::NameOnly("Jonas".into())), NOW.plus_secs(30))
        .unwrap();
    let jonas = b.person_named("Jonas").unwrap();
    assert_eq!(jonas.zone, None);
    assert_eq!(b.commitment(id).unwrap().to(), jonas.id);
    assert_eq!(b.commitments_to(jonas.id).count(), 1);
    b.check_references().unwrap();
}

fn kept_on_time(id: u64) -> Commitment {
    let mut c = Commitment::make(
        CommitmentId(id),
        PersonId(1),
        "A small step",
        due("Europe/Berlin", 24, 12, 0),
        NOW,
    )
    .unwrap();
    c.act(Action::MarkDone, NOW.plus_secs(60)).unwrap();
    c.act(Action::Acknowledge { how: None }, NOW.plus_secs(120))
        .unwrap();
    c
}

#[test]
fn a_record_never_says_a_percentage_alone_while_something_is_overdue() {
    let open = Commitment::make(
        CommitmentId(9),
        PersonId(1),
        "The report",
        due("Europe/Berlin", 24, 12, 0),
        NOW,
    )
    .unwrap();
    let kept = kept_on_time(1);
    let before_due = Standing::of([&kept, &open], NOW);
    assert_eq!(before_due.headline(), "100% kept as agreed");
    let later = Instant::from_unix(NOW.unix() + 5 * 86_400);
    let after_due = Standing::of([&kept, &open], later);
    assert_eq!(after_due.overdue, 1);
    assert_eq!(
        after_due.headline(),
        "100% kept as agreed so far, and 1 overdue now"
    );
    assert_eq!(
        Standing::of([&open], later).headline(),
        "1 overdue now; nothing has ended yet"
    );
}

#[test]
fn where_trust_is_slipping_comes_first() {
    let later = Instant::from_unix(NOW.unix() + 5 * 86_400);
    let open = |id| {
        Commitment::make(
            CommitmentId(id),
            PersonId(1),
            "Open",
            due("Europe/Berlin", 24, 12, 0),
            NOW,
        )
        .unwrap()
    };
    let mut missed = open(20);
    missed.act(Action::MarkMissed, later).unwrap();
    let steady = Standing::of([&kept_on_time(1), &kept_on_time(2)], later);
    let overdue = Standing::of([&kept_on_time(3), &open(4)], later);
    let missed = Standing::of([&kept_on_time(5), &missed], later);
    let fresh = Standing::default();
    let mut all = vec![steady, fresh, missed, overdue];
    crate::domain::order::sort_by(&mut all, Standing::slipping_first);
    assert_eq!(all, vec![overdue, missed, steady, fresh]);
}

#[test]
fn someone_who_only_asked_a_topic_is_known_by_the_talk() {
    let mut b = Book::default();
    let talk = crate::domain::TalkId(0);
    let add = Command::AddTalk {
        title: "Open day".into(),
        date: "2026-12-01".into(),
    };
    b.apply(add, NOW).unwrap();
    let ask = Command::AddTopic {
        talk,
        asker: Recipient::NameOnly("Cy".into()),
        text: "pricing".into(),
    };
    b.apply(ask, NOW).unwrap();
    let cy = b.person_named("Cy").unwrap().id;
    assert_eq!(b.person(cy).unwrap().zone, None, "no zone guessed");
    assert_eq!(b.only_asked_in(cy).map(|t| t.title()), Some("Open day"));
    // Once a commitment names them, they are here for more than the talk.
    let make = Command::Make {
        to: Recipient::Existing(cy),
        what: "Send Cy the prices".into(),
        due: due("Europe/Berlin", 24, 12, 0),
        by: Direction::Mine,
        kind: Kind::Deliver,
    };
    b.apply(make, NOW).unwrap();
    assert!(b.only_asked_in(cy).is_none());
}
