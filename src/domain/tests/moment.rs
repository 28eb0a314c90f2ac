use super::{due, zone, PlainDates, TzRules, NOW};
use crate::domain::{
    check_draft, describe_due, resolve_local, vague_phrases, Due, DueDraft, Instant, LocalTime,
    Vagueness, Zone, ZoneRules,
};
use chrono::{NaiveDate, NaiveTime, TimeZone};

fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
}

#[test]
fn unknown_zone_names_are_refused() {
    assert!(Zone::parse(&TzRules, "Mars/Olympus").is_err());
    assert!(Zone::parse(&TzRules, "").is_err());
    assert_eq!(zone(" Europe/Berlin ").name(), "Europe/Berlin");
    assert_eq!(zone("America/New_York").city(), "New York");
    assert_eq!(zone("UTC").city(), "UTC");
}

#[test]
fn spring_forward_gap_is_skipped_and_refused() {
    // Berlin, 2026-03-29: 02:00 jumps to 03:00.
    let berlin = zone("Europe/Berlin");
    assert_eq!(
        resolve_local(&TzRules, &berlin, local(2026, 3, 29, 2, 30)),
        LocalTime::Skipped
    );
    let err = Due::from_local(
        &TzRules,
        berlin.clone(),
        NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
        NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
    );
    assert!(err.is_err());
    // Just before and after the gap exist, an hour of real time apart.
    let before = resolve_local(&TzRules, &berlin, local(2026, 3, 29, 1, 59));
    let after = resolve_local(&TzRules, &berlin, local(2026, 3, 29, 3, 0));
    match (before, after) {
        (LocalTime::Single(b), LocalTime::Single(a)) => assert_eq!(a.unix() - b.unix(), 60),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fall_back_overlap_happens_twice_and_takes_the_first() {
    // New York, 2026-11-01: 02:00 falls back to 01:00, so 01:30 happens twice.
    let ny = zone("America/New_York");
    let LocalTime::Twice { earlier, later } =
        resolve_local(&TzRules, &ny, local(2026, 11, 1, 1, 30))
    else {
        panic!("01:30 should happen twice");
    };
    assert_eq!(later.unix() - earlier.unix(), 3600);
    let (d, notes) = check_draft(
        &TzRules,
        DueDraft {
            what: "Send the slides",
            date: NaiveDate::from_ymd_opt(2026, 11, 1),
            time: NaiveTime::from_hms_opt(1, 30, 0),
            zone: "America/New_York",
        },
        Instant::from_unix(0),
    );
    assert_eq!(d.unwrap().at, earlier);
    assert_eq!(notes, vec![Vagueness::Twice]);
}

/// The domain's resolution agrees with chrono-tz's own, every 15 minutes across both of a
/// year's transitions, in zones with different rules (including half-hour and southern ones).
#[test]
fn local_resolution_matches_chrono_tz_across_transitions() {
    for name in [
        "Europe/Berlin",
        "America/New_York",
        "Australia/Adelaide",
        "Asia/Kolkata",
        "Pacific/Chatham",
        "America/Santiago",
    ] {
        let tz: chrono_tz::Tz = name.parse().unwrap();
        let zone = zone(name);
        let mut t = local(2026, 1, 1, 0, 0);
        let end = local(2027, 1, 1, 0, 0);
        while t < end {
            let expected = match tz.from_local_datetime(&t) {
                chrono::LocalResult::Single(x) => {
                    LocalTime::Single(Instant::from_unix(x.timestamp()))
                }
                chrono::LocalResult::Ambiguous(a, b) => LocalTime::Twice {
                    earlier: Instant::from_unix(a.timestamp().min(b.timestamp())),
                    later: Instant::from_unix(a.timestamp().max(b.timestamp())),
                },
                chrono::LocalResult::None => LocalTime::Skipped,
            };
            assert_eq!(resolve_local(&TzRules, &zone, t), expected, "{name} {t}");
            t += chrono::Duration::minutes(15);
        }
    }
}

#[test]
fn describes_the_moment_for_both_people() {
    let d = due("Europe/Berlin", 24, 17, 0);
    let ny = zone("America/New_York");
    assert_eq!(
        describe_due(
            &TzRules,
            &PlainDates,
            d.at,
            &zone("Europe/Berlin"),
            Some(("Ana", &ny))
        ),
        "Tue 24 Nov 17:00 Berlin · 11:00 for Ana in New York"
    );
    // Another day for the other person: the day is named.
    let tokyo = zone("Asia/Tokyo");
    assert_eq!(
        describe_due(
            &TzRules,
            &PlainDates,
            d.at,
            &zone("Europe/Berlin"),
            Some(("Kenji", &tokyo))
        ),
        "Tue 24 Nov 17:00 Berlin · Wed 25 Nov 01:00 for Kenji in Tokyo"
    );
    // Same clock reading: nothing more to say.
    let paris = zone("Europe/Paris");
    assert_eq!(
        describe_due(
            &TzRules,
            &PlainDates,
            d.at,
            &zone("Europe/Berlin"),
            Some(("Léa", &paris))
        ),
        "Tue 24 Nov 17:00 Berlin"
    );
}

#[test]
fn vague_phrases_are_found_as_written() {
    assert_eq!(
        vague_phrases("Send it ASAP, by Tuesday or end of day"),
        vec!["ASAP", "by Tuesday", "end of day"]
    );
    assert_eq!(
        vague_phrases("Review the soonest draft"),
        Vec::<String>::new()
    );
    assert_eq!(
        vague_phrases("I'll do it sometime next week"),
        vec!["sometime", "next week"]
    );
    assert_eq!(vague_phrases("Call Ana on Friday"), vec!["on Friday"]);
    assert_eq!(vague_phrases("EOD"), vec!["EOD"]);
    assert!(vague_phrases("Send the budget draft for Q3").is_empty());
}

#[test]
fn a_draft_without_time_is_blocked_and_explained() {
    let (d, notes) = check_draft(
        &TzRules,
        DueDraft {
            what: "Send the draft by Tuesday",
            date: NaiveDate::from_ymd_opt(2026, 11, 24),
            time: None,
            zone: "Europe/Berlin",
        },
        NOW,
    );
    assert!(d.is_none());
    assert_eq!(
        notes,
        vec![Vagueness::Phrase("by Tuesday".into()), Vagueness::NoTime]
    );
    assert!(notes.iter().any(Vagueness::blocks));
    assert!(notes.iter().all(|n| !n.explain().is_empty()));
}

#[test]
fn a_specific_draft_passes_and_a_past_one_is_pointed_out() {
    let draft = DueDraft {
        what: "Send the draft",
        date: NaiveDate::from_ymd_opt(2026, 11, 24),
        time: NaiveTime::from_hms_opt(17, 0, 0),
        zone: "Europe/Berlin",
    };
    let (d, notes) = check_draft(&TzRules, draft, NOW);
    assert_eq!(d, Some(due("Europe/Berlin", 24, 17, 0)));
    assert!(notes.is_empty());

    let past = DueDraft {
        date: NaiveDate::from_ymd_opt(2026, 11, 20),
        ..draft
    };
    let (d, notes) = check_draft(&TzRules, past, NOW);
    assert!(d.is_some());
    assert_eq!(notes, vec![Vagueness::InThePast]);
    assert!(!notes[0].blocks());

    let nowhere = DueDraft {
        zone: "Europe/Atlantis",
        ..draft
    };
    let (d, notes) = check_draft(&TzRules, nowhere, NOW);
    assert!(d.is_none());
    assert_eq!(
        notes,
        vec![Vagueness::UnknownZone("Europe/Atlantis".into())]
    );
}

#[test]
fn offsets_come_from_the_rules() {
    let berlin_winter = TzRules.offset_at("Europe/Berlin", NOW);
    assert_eq!(berlin_winter, Some(3600));
    assert_eq!(TzRules.offset_at("Nowhere/Nothing", NOW), None);
}

#[test]
fn form_inputs_parse_strictly() {
    use crate::domain::{parse_date_input, parse_time_input, DateFormat};
    assert_eq!(
        parse_date_input("2026-11-24"),
        NaiveDate::from_ymd_opt(2026, 11, 24)
    );
    assert_eq!(parse_date_input("2026-02-30"), None);
    assert_eq!(parse_date_input(""), None);
    assert_eq!(parse_date_input("2026-11-24-1"), None);
    assert_eq!(parse_time_input("17:05"), NaiveTime::from_hms_opt(17, 5, 0));
    assert_eq!(
        parse_time_input("07:05:09"),
        NaiveTime::from_hms_opt(7, 5, 9)
    );
    assert_eq!(parse_time_input("24:00"), None);
    assert_eq!(parse_time_input("5"), None);
    assert_eq!(
        super::PlainDates.day_time(local(2026, 3, 1, 9, 5)),
        "Sun 1 Mar 09:05"
    );
}
