//! Moments a browser cannot show (issue 23, part 3): one window of years, checked wherever a
//! moment comes in, and refused in words that name the field.

use super::{make_to_ana, zone, TzRules, NOW};
use crate::domain::calendar::ics;
use crate::domain::link::{LinkError, Offer, Reply, Request, Token};
use crate::domain::{
    check_draft, Action, Book, Command, Commitment, CommitmentId, DomainError, Due, DueDraft,
    Instant, NextIds, Person, PersonId, Recipient, Vagueness, ZoneRules, EARLIEST, LATEST,
};
use crate::domain::{Direction, Kind};
use chrono::{Datelike, NaiveDate, NaiveTime};
use std::cell::Cell;

fn sams() -> (Book, CommitmentId) {
    let mut b = Book::default();
    b.apply(Command::SetName { name: "Sam".into() }, NOW)
        .unwrap();
    b.apply(make_to_ana("Send the deck"), NOW).unwrap();
    (b, CommitmentId(0))
}

fn refused(result: Result<impl std::fmt::Debug, LinkError>, field: &str) {
    match result {
        Err(LinkError::Invalid(why)) => assert_eq!(
            why,
            format!("The {field} is outside the years Troth can show (1970–2200).")
        ),
        other => panic!("{field}: {other:?}"),
    }
}

#[test]
fn the_window_is_1970_to_2200() {
    assert_eq!(EARLIEST.local(0).year(), 1970);
    assert_eq!(
        LATEST.local(0).date(),
        NaiveDate::from_ymd_opt(2200, 1, 1).unwrap()
    );
    assert!(EARLIEST.is_shown() && LATEST.is_shown());
    assert!(!EARLIEST.plus_secs(-1).is_shown() && !LATEST.plus_secs(1).is_shown());
    // A moment past what a date holds reads as the last date there is, not as 1970.
    let year_270_000 = Instant::from_unix(8_458_000_000_000);
    assert_ne!(year_270_000.local(0).year(), 1970);
    assert_ne!(Instant::from_unix(i64::MAX).local(3600).year(), 1970);
    assert_ne!(Instant::from_unix(i64::MIN).local(-3600).year(), 1970);
}

#[test]
fn links_with_moments_outside_the_years_are_refused_naming_the_field() {
    let (mut sam, id) = sams();
    sam.apply(
        Command::Act {
            id,
            action: Action::MarkDone,
        },
        NOW,
    )
    .unwrap();
    sam.apply(
        Command::Act {
            id,
            action: Action::Ask {
                token: Token::from_bytes([1; 16]),
                id: Some(Token::from_bytes([2; 16])),
            },
        },
        NOW,
    )
    .unwrap();
    let request = Request::of(&sam, id, "Sam", Token::from_bytes([1; 16])).unwrap();
    assert!(Request::from_json(&request.to_json(), &TzRules).is_ok());

    let mut far = request.clone();
    far.promise.due.at = Instant::from_unix(10_000_000_000_000);
    refused(Request::from_json(&far.to_json(), &TzRules), "due moment");
    let mut early = request.clone();
    early.done = Instant::from_unix(-10_000_000_000_000);
    refused(
        Request::from_json(&early.to_json(), &TzRules),
        "moment it was done",
    );

    let offer = Offer {
        v: request.v,
        promise: request.promise.clone(),
    };
    let mut max = offer.clone();
    max.promise.due.at = Instant::from_unix(i64::MAX);
    refused(Offer::from_json(&max.to_json(), &TzRules), "due moment");
    let mut made = offer.clone();
    made.promise.made = Instant::from_unix(-9_000_000_000_000_000_000);
    refused(
        Offer::from_json(&made.to_json(), &TzRules),
        "moment it was made",
    );

    let mut reply = request
        .reply(crate::domain::link::Answer::Met { note: None }, NOW)
        .unwrap();
    reply.at = Instant::from_unix(-1);
    refused(Reply::from_json(&reply.to_json()), "moment of the answer");
}

#[test]
fn forms_and_commands_refuse_a_due_moment_outside_the_years() {
    // A five-digit year typed by mistake: the form says so at the due fields, and blocks.
    let draft = DueDraft {
        what: "Send the deck",
        date: NaiveDate::from_ymd_opt(20_260, 11, 24),
        time: NaiveTime::from_hms_opt(17, 0, 0),
        zone: "Europe/Berlin",
    };
    let (moment, notes) = check_draft(&TzRules, draft, NOW);
    assert_eq!(moment, None);
    assert_eq!(notes, vec![Vagueness::OutOfYears]);
    assert!(notes[0].blocks());
    assert_eq!(
        notes[0].explain(),
        "The due moment is outside the years Troth can show (1970–2200)."
    );
    // Every form's due fields (renegotiating, a goal's review) make it the one way, refused.
    assert_eq!(
        Due::from_local(
            &TzRules,
            zone("Europe/Berlin"),
            NaiveDate::from_ymd_opt(20_260, 11, 24).unwrap(),
            NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        ),
        Err(DomainError::OutOfYears("due moment"))
    );
    // The domain refuses it whichever way it comes.
    let (mut b, id) = sams();
    let far = Due {
        at: Instant::from_unix(10_000_000_000_000),
        zone: zone("UTC"),
    };
    let before = b.clone();
    assert_eq!(
        b.apply(
            Command::Make {
                to: Recipient::NameOnly("Bo".into()),
                what: "x".into(),
                due: far.clone(),
                by: Direction::Mine,
                kind: Kind::Deliver
            },
            NOW,
        ),
        Err(DomainError::OutOfYears("due moment"))
    );
    assert_eq!(b, before, "nobody was added");
    assert_eq!(
        b.apply(
            Command::Act {
                id,
                action: Action::Renegotiate {
                    due: far.clone(),
                    reason: "later".into(),
                },
            },
            NOW,
        ),
        Err(DomainError::OutOfYears("new due moment"))
    );
    assert_eq!(
        b.apply(
            Command::Act {
                id,
                action: Action::Correct {
                    what: None,
                    to: None,
                    due: Some(far),
                },
            },
            NOW,
        ),
        Err(DomainError::OutOfYears("due moment"))
    );
}

/// A commitment stored before moments were checked: made long before 1970, due in 270,000.
fn stored_far() -> Commitment {
    serde_json::from_str(
        r#"{"id":0,"to":0,"what":"Far","history":[{"made":{"at":-9000000000000000000,"due":{"at":8458000000000,"tz":"UTC"}}}]}"#,
    )
    .expect("a stored record outside the years is read, to be shown and settled")
}

#[test]
fn a_stored_commitment_outside_the_years_is_read_and_can_be_released() {
    let c = stored_far();
    assert!(c.check_years().is_err(), "a backup holding it is refused");
    // What its page works out from it, at the last date a date can hold, stops nothing.
    let shown = crate::domain::describe_due(
        &TzRules,
        &super::PlainDates,
        c.due().at,
        &zone("Europe/Berlin"),
        Some(("Ana", &zone("America/New_York"))),
    );
    assert!(shown.contains("Dec"), "{shown}");
    let _ = crate::domain::growth::next_day(&c, &TzRules, NOW);
    let _ = (c.horizon(), c.is_overdue(NOW), c.correctable_until(NOW));
    let _ = crate::domain::relative(NOW, c.due().at);
    let again = crate::domain::growth::again_due(&c, &TzRules, NaiveDate::MAX);
    assert!(again.is_err());
    let (mut b, _) = Book::counted(
        vec![Person {
            id: PersonId(0),
            name: "Ana".into(),
            zone: None,
            removed: false,
        }],
        NextIds::default(),
    )
    .with_read(vec![c])
    .mended();
    b.apply(
        Command::Act {
            id: CommitmentId(0),
            action: Action::Release {
                note: "A typo of a year".into(),
            },
        },
        NOW,
    )
    .unwrap();
    assert!(b.commitment(CommitmentId(0)).unwrap().status().is_closed());
}

/// Zone rules that count how often they are asked (each is an `Intl` call in the browser), with
/// chrono-tz's zones and one more, `Test/Far`, an hour east of UTC until 2100 and two after.
struct Counting(Cell<usize>);

// The tests run each on one thread; the count is only read by the test that made it.
unsafe impl Sync for Counting {}

const YEAR_2100: i64 = 4_102_444_800;

impl ZoneRules for Counting {
    fn offset_at(&self, zone: &str, at: Instant) -> Option<i32> {
        self.0.set(self.0.get() + 1);
        match zone {
            "Test/Far" => Some(if at.unix() < YEAR_2100 { 3600 } else { 7200 }),
            _ => TzRules.offset_at(zone, at),
        }
    }
}

#[test]
fn the_calendar_does_not_step_through_the_centuries() {
    let (mut b, _) = sams();
    let ana = b.person_named("Ana").unwrap().id;
    let rules = Counting(Cell::new(0));
    let far = crate::domain::Zone::parse(&rules, "Test/Far").unwrap();
    let at = |y: i32, h: u32| {
        NaiveDate::from_ymd_opt(y, 6, 1)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    };
    // 2026-06-01 09:00 and 2199-06-01 09:00 on that zone's clock.
    for (what, unix) in [("Soon", at(2026, 8)), ("Far ahead", at(2199, 7))] {
        b.apply(
            Command::Make {
                to: Recipient::Existing(ana),
                what: what.into(),
                due: Due {
                    at: Instant::from_unix(unix),
                    zone: far.clone(),
                },
                by: Direction::Mine,
                kind: Kind::Deliver,
            },
            Instant::from_unix(at(2026, 0)),
        )
        .unwrap();
    }
    rules.0.set(0);
    let started = std::time::Instant::now();
    let cal = ics(&b, &rules, NOW);
    assert!(
        started.elapsed().as_millis() < 500,
        "{:?}",
        started.elapsed()
    );
    // A few days around each event and their bisections, not 63,000 days of 173 years.
    assert!(rules.0.get() < 300, "{} zone look-ups", rules.0.get());
    assert!(cal.contains("DTSTART;TZID=Test/Far:20260601T090000"));
    assert!(cal.contains("DTSTART;TZID=Test/Far:21990601T090000"));
    // Across the jump, the offset in force in 2199 is stated where the search resumed, the
    // day before the event, so a calendar places it at 09:00 +02:00.
    assert!(
        cal.contains("BEGIN:DAYLIGHT\r\nDTSTART:21990531T080000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"),
        "{cal}"
    );

    // A stored one due in the year 270,000 has no place in a calendar: left out, at once.
    let (mut far_book, _) = Book::counted(
        vec![Person {
            id: PersonId(0),
            name: "Ana".into(),
            zone: None,
            removed: false,
        }],
        NextIds::default(),
    )
    .with_read(vec![stored_far()])
    .mended();
    far_book
        .apply(
            Command::Make {
                to: Recipient::Existing(PersonId(0)),
                what: "In 2199".into(),
                due: Due {
                    at: Instant::from_unix(at(2199, 7)),
                    zone: far,
                },
                by: Direction::Mine,
                kind: Kind::Deliver,
            },
            NOW,
        )
        .unwrap();
    rules.0.set(0);
    let cal = ics(&far_book, &rules, NOW);
    assert!(rules.0.get() < 300);
    assert_eq!(cal.matches("BEGIN:VEVENT").count(), 1);
}
