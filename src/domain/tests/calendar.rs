use super::{due, zone, TzRules, NOW};
use crate::domain::calendar::ics;
use crate::domain::{
    Action, Book, Command, CommitmentId, Due, Instant, PersonId, Recipient, Zone, ZoneRules,
};
use crate::domain::{Direction, Kind};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};

fn person(b: &mut Book, name: &str, tz: &str) -> PersonId {
    b.apply(
        Command::AddPerson {
            name: name.into(),
            zone: zone(tz),
        },
        NOW,
    )
    .unwrap();
    b.person_named(name).unwrap().id
}

fn make(b: &mut Book, to: PersonId, what: &str, due: Due) -> CommitmentId {
    let id = CommitmentId(b.next_ids().commitment);
    b.apply(
        Command::Make {
            to: Recipient::Existing(to),
            what: what.into(),
            due,
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    id
}

fn act(b: &mut Book, id: CommitmentId, action: Action) {
    b.apply(Command::Act { id, action }, NOW).unwrap();
}

/// A due moment in 2026 at `h:00` local time in `tz`.
fn due_on(tz: &str, month: u32, day: u32, h: u32) -> Due {
    Due::from_local(
        &TzRules,
        zone(tz),
        NaiveDate::from_ymd_opt(2026, month, day).unwrap(),
        NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
    )
    .unwrap()
}

/// The content lines, with folding undone.
fn unfolded(cal: &str) -> Vec<String> {
    cal.replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_owned)
        .collect()
}

/// The values of property `name` (`DTSTART;TZID=…` included whole), in order.
fn values(cal: &str, name: &str) -> Vec<String> {
    unfolded(cal)
        .into_iter()
        .filter_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_owned))
        .collect()
}

fn parse_local(value: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap()
}

fn parse_offset(value: &str) -> i32 {
    let sign = if value.starts_with('-') { -1 } else { 1 };
    let digits: Vec<i32> = value.as_bytes()[1..]
        .chunks(2)
        .map(|d| std::str::from_utf8(d).unwrap().parse().unwrap())
        .collect();
    sign * (digits[0] * 3600 + digits[1] * 60 + digits.get(2).copied().unwrap_or(0))
}

/// One emitted observance: from `start` (UTC), the zone is `to` seconds east of UTC.
struct Observance {
    kind: String,
    onset: String,
    start: i64,
    from: i32,
    to: i32,
}

/// The observances of the VTIMEZONE whose TZID is `tzid`, in the order written.
fn observances(cal: &str, tzid: &str) -> Vec<Observance> {
    let lines = unfolded(cal);
    let begin = lines.iter().position(|l| l == "BEGIN:VTIMEZONE").unwrap();
    let mut zones = lines[begin..].split(|l| l == "END:VTIMEZONE");
    let block = zones
        .find(|z| z.iter().any(|l| *l == format!("TZID:{tzid}")))
        .unwrap_or_else(|| panic!("no VTIMEZONE for {tzid}"));
    let mut found = Vec::new();
    let mut i = 0;
    while i < block.len() {
        if let Some(kind) = block[i].strip_prefix("BEGIN:") {
            if kind == "STANDARD" || kind == "DAYLIGHT" {
                let prop = |p: &str| {
                    block[i + 1..i + 4]
                        .iter()
                        .find_map(|l| l.strip_prefix(&format!("{p}:")))
                        .unwrap()
                        .to_owned()
                };
                let onset = prop("DTSTART");
                let from = parse_offset(&prop("TZOFFSETFROM"));
                found.push(Observance {
                    kind: kind.to_owned(),
                    start: parse_local(&onset).and_utc().timestamp() - i64::from(from),
                    onset,
                    from,
                    to: parse_offset(&prop("TZOFFSETTO")),
                });
                assert_eq!(block[i + 4], format!("END:{kind}"));
            }
        }
        i += 1;
    }
    found
}

/// chrono-tz's own offset for `tz` at `at`, without going through the domain.
fn chrono_offset(tz: &str, at: Instant) -> i32 {
    let tz: chrono_tz::Tz = tz.parse().unwrap();
    tz.offset_from_utc_datetime(
        &chrono::DateTime::from_timestamp(at.unix(), 0)
            .unwrap()
            .naive_utc(),
    )
    .fix()
    .local_minus_utc()
}

#[test]
fn open_commitments_become_events_in_due_order() {
    let mut b = Book::default();
    let ana = person(&mut b, "Ana", "America/New_York");
    let ben = person(&mut b, "Ben", "Europe/Berlin");
    let call = make(
        &mut b,
        ana,
        "Call about the lease",
        due("America/New_York", 25, 9, 0),
    );
    let draft = make(
        &mut b,
        ben,
        "Send the draft",
        due("Europe/Berlin", 24, 17, 0),
    );
    let kept = make(
        &mut b,
        ana,
        "Return the keys",
        due("America/New_York", 23, 12, 0),
    );
    act(&mut b, kept, Action::MarkDone);
    act(&mut b, kept, Action::Acknowledge { how: None });
    let done = make(
        &mut b,
        ben,
        "Book the room",
        due("Europe/Berlin", 26, 8, 30),
    );
    act(&mut b, done, Action::MarkDone);
    let released = make(&mut b, ben, "Bring cake", due("Europe/Berlin", 27, 10, 0));
    act(
        &mut b,
        released,
        Action::Release {
            note: "Not needed".into(),
        },
    );

    let cal = ics(&b, &TzRules, NOW);
    assert_eq!(cal.matches("BEGIN:VEVENT").count(), 3);
    assert_eq!(
        values(&cal, "UID"),
        [draft, call, done].map(|id| format!("troth-commitment-{id}-{}@troth.invalid", NOW.unix()))
    );
    assert_eq!(
        values(&cal, "DTSTART;TZID=Europe/Berlin"),
        ["20261124T170000", "20261126T083000"]
    );
    assert_eq!(
        values(&cal, "DTSTART;TZID=America/New_York"),
        ["20261125T090000"]
    );
    assert_eq!(
        values(&cal, "SUMMARY"),
        [
            "Due to Ben: Send the draft",
            "Due to Ana: Call about the lease",
            "Due to Ben: Book the room",
        ]
    );
    let descriptions = values(&cal, "DESCRIPTION");
    assert_eq!(descriptions[0], "Committed to Ben.");
    assert_eq!(
        descriptions[2],
        "Committed to Ben. Done\\, waiting for Ben's acknowledgement."
    );
    assert_eq!(values(&cal, "DTSTAMP"), ["20261122T120000Z"; 3]);
    assert_eq!(values(&cal, "DURATION"), ["PT15M"; 3]);
    // One VTIMEZONE per zone used, none for zones only closed commitments used.
    assert_eq!(values(&cal, "TZID"), ["America/New_York", "Europe/Berlin"]);
    assert!(!cal.contains("Return the keys") && !cal.contains("Bring cake"));
}

#[test]
fn time_zones_are_exact_across_daylight_saving_changes() {
    let mut b = Book::default();
    let ben = person(&mut b, "Ben", "Europe/Berlin");
    let ana = person(&mut b, "Ana", "America/New_York");
    let cleo = person(&mut b, "Cleo", "UTC");
    let dues = [
        due_on("Europe/Berlin", 10, 20, 9),
        due_on("Europe/Berlin", 11, 3, 18),
        due_on("America/New_York", 10, 30, 9),
        due_on("America/New_York", 11, 2, 9),
        due_on("UTC", 11, 1, 12),
    ];
    for (i, d) in dues.iter().enumerate() {
        let to = [ben, ben, ana, ana, cleo][i];
        make(&mut b, to, &format!("Thing {i}"), d.clone());
    }
    let cal = ics(&b, &TzRules, NOW);

    let berlin = observances(&cal, "Europe/Berlin");
    assert_eq!(berlin.len(), 2, "the start and the one change in the span");
    assert_eq!(
        (berlin[0].kind.as_str(), berlin[0].onset.as_str()),
        ("STANDARD", "19700101T000000")
    );
    assert_eq!((berlin[0].from, berlin[0].to), (7200, 7200));
    assert_eq!(
        (berlin[1].kind.as_str(), berlin[1].onset.as_str()),
        ("STANDARD", "20261025T030000")
    );
    assert!(cal.contains(
        "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    ));
    let new_york = observances(&cal, "America/New_York");
    assert_eq!(new_york.len(), 2);
    assert_eq!(new_york[1].onset, "20261101T020000");
    assert_eq!((new_york[1].from, new_york[1].to), (-4 * 3600, -5 * 3600));
    assert!(cal.contains("TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"));
    let utc = observances(&cal, "UTC");
    assert_eq!(utc.len(), 1);
    assert!(cal.contains("TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\n"));

    // Independently: the emitted rules give chrono-tz's offset at every event, and the event's
    // wall time in that offset is its DTSTART.
    for d in &dues {
        let tz = d.zone.name();
        let rules = observances(&cal, tz);
        let rule = rules.iter().rev().find(|o| o.start <= d.at.unix()).unwrap();
        let offset = chrono_offset(tz, d.at);
        assert_eq!(rule.to, offset, "{tz} at {}", d.at.unix());
        let start = values(&cal, &format!("DTSTART;TZID={tz}"));
        let local = d.at.local(offset);
        assert!(start.contains(&local.format("%Y%m%dT%H%M%S").to_string()));
    }
    // And each emitted change is where chrono-tz changes, to the second.
    for (tz, rules) in [("Europe/Berlin", &berlin), ("America/New_York", &new_york)] {
        let change = &rules[1];
        assert_eq!(
            chrono_offset(tz, Instant::from_unix(change.start - 1)),
            change.from
        );
        assert_eq!(
            chrono_offset(tz, Instant::from_unix(change.start)),
            change.to
        );
    }
}

/// Rules with odd offsets: a whole-second offset until `CHANGE`, then a half-hour one.
struct OddRules;
const CHANGE: i64 = 1_795_000_123;

impl ZoneRules for OddRules {
    fn offset_at(&self, zone: &str, at: Instant) -> Option<i32> {
        (zone == "Test/Odd").then_some(if at.unix() < CHANGE { -2670 } else { 19_800 })
    }
}

#[test]
fn changes_are_found_to_the_second_and_offsets_keep_their_seconds() {
    let mut b = Book::default();
    let odd = Zone::parse(&OddRules, "Test/Odd").unwrap();
    b.apply(
        Command::Make {
            to: Recipient::New {
                name: "Odd".into(),
                zone: odd.clone(),
            },
            what: "Before".into(),
            due: Due {
                at: Instant::from_unix(CHANGE - 3600),
                zone: odd.clone(),
            },
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    make(
        &mut b,
        PersonId(0),
        "After",
        Due {
            at: Instant::from_unix(CHANGE + 3 * 86_400),
            zone: odd,
        },
    );
    let cal = ics(&b, &OddRules, NOW);
    let rules = observances(&cal, "Test/Odd");
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[1].start, CHANGE);
    assert_eq!(rules[1].kind, "DAYLIGHT");
    assert!(cal.contains("TZOFFSETFROM:-004430\r\nTZOFFSETTO:+0530\r\n"));
    assert_eq!(
        rules[1].onset,
        Instant::from_unix(CHANGE)
            .local(-2670)
            .format("%Y%m%dT%H%M%S")
            .to_string()
    );
}

#[test]
fn text_is_escaped_and_long_lines_folded() {
    let mut b = Book::default();
    let ana = person(&mut b, "Ana", "Europe/Berlin");
    let long = "ü€".repeat(100);
    let what = format!("Fix a;b,c\\d\nthen {long}");
    make(&mut b, ana, &what, due("Europe/Berlin", 24, 17, 0));
    let cal = ics(&b, &TzRules, NOW);

    assert!(cal.ends_with("END:VCALENDAR\r\n"));
    let physical: Vec<&[u8]> = cal
        .as_bytes()
        .split(|&c| c == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    for line in &physical {
        assert_eq!(line.last(), Some(&b'\r'), "every line ends with CRLF");
        let content = &line[..line.len() - 1];
        assert!(!content.contains(&b'\r'));
        assert!(content.len() <= 75, "{} octets", content.len());
        assert!(
            std::str::from_utf8(content).is_ok(),
            "folded inside a character"
        );
    }
    let expected = format!("Due to Ana: Fix a\\;b\\,c\\\\d\\nthen {long}");
    assert_eq!(values(&cal, "SUMMARY"), [expected]);
    // Folded, and as tightly as characters allow.
    let summary = physical
        .iter()
        .position(|l| l.starts_with(b"SUMMARY:"))
        .unwrap();
    assert!(physical[summary + 1].starts_with(b" "));
    assert!(physical[summary].len() - 1 > 72);
}

#[test]
fn an_empty_book_is_an_empty_calendar() {
    assert_eq!(
        ics(&Book::default(), &TzRules, NOW),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Troth//Troth//EN\r\nCALSCALE:GREGORIAN\r\n\
         METHOD:PUBLISH\r\nX-WR-CALNAME:Troth commitments\r\nEND:VCALENDAR\r\n"
    );
}

#[test]
fn what_others_promised_is_in_the_calendar_as_theirs() {
    let mut b = Book::default();
    let ana = person(&mut b, "Ana", "America/New_York");
    make(
        &mut b,
        ana,
        "Send the deck",
        due_on("Europe/Berlin", 12, 1, 17),
    );
    b.apply(
        Command::Make {
            to: Recipient::Existing(ana),
            what: "Review my draft".into(),
            due: due_on("America/New_York", 12, 2, 9),
            by: Direction::Theirs,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    act(&mut b, CommitmentId(1), Action::MarkDone);
    let cal = ics(&b, &TzRules, NOW);
    assert_eq!(
        values(&cal, "SUMMARY"),
        ["Due to Ana: Send the deck", "Due from Ana: Review my draft"]
    );
    assert!(values(&cal, "DESCRIPTION")
        .contains(&"Ana committed to you. Ana says it is done: waiting for yours.".to_owned()));
}
