//! Quick add: a table of lines and what each fills in, the ambiguities left unread, and a
//! property that any text is read into fields or left alone, with "what" exactly the text minus
//! what was read.

use super::{zone, TzRules, NOW};
use crate::domain::quick::{read, remainder, Context, Part, Quick};
use crate::domain::{check_draft, Direction, DueDraft, Instant, Vagueness, Zone};
use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;

fn people() -> Vec<String> {
    ["Ana", "Bo", "Cy", "Élodie", "Jo Ann"]
        .map(String::from)
        .to_vec()
}

/// Reads `line` at `now`, for a user in Berlin who knows [`people`].
fn read_at(line: &str, now: Instant) -> Quick {
    let (mine, people) = (zone("Europe/Berlin"), people());
    read(
        line,
        Context {
            now,
            mine: &mine,
            rules: &TzRules,
            people: &people,
        },
    )
}

/// One line of the table. `who`: `to Ana`, `from Cy`, a bare name (named in the text, no
/// direction) or empty; `date` as `2026-11-24`, `time` as `17:00`, `zone` an IANA name; empty
/// where the line leaves it unread.
struct Case {
    line: &'static str,
    what: &'static str,
    who: &'static str,
    date: &'static str,
    time: &'static str,
    zone: &'static str,
}

const fn case(
    line: &'static str,
    what: &'static str,
    who: &'static str,
    date: &'static str,
    time: &'static str,
    zone: &'static str,
) -> Case {
    Case {
        line,
        what,
        who,
        date,
        time,
        zone,
    }
}

/// Now is Sunday 22 Nov 2026, 13:00 in Berlin. Tue is the 24th, Fri the 27th.
#[rustfmt::skip]
const TABLE: &[Case] = &[
    // The three lines of the issue.
    case("Send the deck to Ana by Tue 17:00 Berlin", "Send the deck", "to Ana", "2026-11-24", "17:00", "Europe/Berlin"),
    case("call Bo tomorrow 9:30", "call Bo", "Bo", "2026-11-23", "09:30", ""),
    case("from Cy: the budget, Fri 12:00 New York", "the budget", "from Cy", "2026-11-27", "12:00", "America/New_York"),
    // "by Tuesday" with no time: the end of Monday or of Tuesday? Left for its note.
    case("Send the deck to Ana by Tuesday", "Send the deck by Tuesday", "to Ana", "", "", ""),
    case("Send it by tomorrow", "Send it by tomorrow", "", "", "", ""),
    case("from Cy: numbers by Monday", "numbers by Monday", "from Cy", "", "", ""),
    case("Send the deck to Ana on Tuesday", "Send the deck", "to Ana", "2026-11-24", "", ""),
    case("Send it by 17:00 tomorrow", "Send it", "", "2026-11-23", "17:00", ""),
    // Days said in words.
    case("Review the draft today 18:00", "Review the draft", "", "2026-11-22", "18:00", ""),
    case("Review the draft today", "Review the draft", "", "2026-11-22", "", ""),
    case("Tomorrow 9:00 call Bo", "call Bo", "Bo", "2026-11-23", "09:00", ""),
    case("Water the plants in 3 days", "Water the plants", "", "2026-11-25", "", ""),
    case("Water the plants in 2 weeks at 8am", "Water the plants", "", "2026-12-06", "08:00", ""),
    case("Renew the lease in a week", "Renew the lease", "", "2026-11-29", "", ""),
    case("Renew the passport in 2 months", "Renew the passport in 2 months", "", "", "", ""),
    // Weekdays: the next one after today; today's own is ambiguous, so is "next" this week.
    case("Ship it Monday 9am", "Ship it", "", "2026-11-23", "09:00", ""),
    case("ship it thursday 14:00", "ship it", "", "2026-11-26", "14:00", ""),
    case("Ship it Sun 10:00", "Ship it Sun", "", "", "10:00", ""),
    case("Ship it this Sunday 19:00", "Ship it", "", "2026-11-22", "19:00", ""),
    case("Ship it next Tue 10:00", "Ship it next Tue", "", "", "10:00", ""),
    case("Pitch at 5:30pm Thursday", "Pitch", "", "2026-11-26", "17:30", ""),
    case("Pitch at 5 p.m. Thursday", "Pitch", "", "2026-11-26", "17:00", ""),
    // Dates: ISO, and in words with or without a year.
    case("File the report 2026-12-05 17:00", "File the report", "", "2026-12-05", "17:00", ""),
    case("File the report on 5 Dec at 5pm", "File the report", "", "2026-12-05", "17:00", ""),
    case("File the report Dec 5 5:30 pm", "File the report", "", "2026-12-05", "17:30", ""),
    case("File the report December 5th, 2027 at noon", "File the report", "", "2027-12-05", "12:00", ""),
    case("Send the invoice 5th of December 9:00", "Send the invoice", "", "2026-12-05", "09:00", ""),
    case("Book the room 1 Jan 10:00", "Book the room", "", "2027-01-01", "10:00", ""),
    case("Book the room 22 Nov 18:00", "Book the room", "", "2026-11-22", "18:00", ""),
    case("Book the room 1 Nov 9:00", "Book the room", "", "2026-11-01", "09:00", ""),
    case("Book the room 1 Oct 9:00", "Book the room", "", "2027-10-01", "09:00", ""),
    case("Report Tue 1 Dec 10:00", "Report", "", "2026-12-01", "10:00", ""),
    case("Report Wed 1 Dec 10:00", "Report Wed 1 Dec", "", "", "10:00", ""),
    case("Report tomorrow Tue 10:00", "Report tomorrow Tue", "", "", "10:00", ""),
    case("Send 3 copies to Bo by 31 Feb 10:00", "Send 3 copies by 31 Feb", "to Bo", "", "10:00", ""),
    case("Meet 12/5 10:00", "Meet 12/5", "", "", "10:00", ""),
    // Times: 24-hour, 12-hour, noon; a bare hour and a contradiction are left.
    case("12:30 am snack run tomorrow", "snack run", "", "2026-11-23", "00:30", ""),
    case("Lunch 12pm Tue", "Lunch", "", "2026-11-24", "12:00", ""),
    case("Report 13:00 pm Tue", "Report 13:00 pm", "", "2026-11-24", "", ""),
    case("Call Ana at 5", "Call Ana at 5", "Ana", "", "", ""),
    case("Dinner with Élodie tonight 20:00", "Dinner with Élodie", "Élodie", "2026-11-22", "20:00", ""),
    case("Dinner tonight", "Dinner tonight", "", "", "", ""),
    case("Dinner tonight 9:30", "Dinner tonight 9:30", "", "", "", ""),
    // Zones: cities, regions, abbreviations, IANA names; only right after the time.
    case("Prepare the talk for Bo for Monday 10:00 Pacific time", "Prepare the talk", "to Bo", "2026-11-23", "10:00", "America/Los_Angeles"),
    case("Draft the plan Tue 17:00 EST", "Draft the plan", "", "2026-11-24", "17:00", "America/New_York"),
    case("Draft the plan Tue 9:00 in Kolkata", "Draft the plan", "", "2026-11-24", "09:00", "Asia/Kolkata"),
    case("Draft the plan Tue at 9:00 Europe/Lisbon", "Draft the plan", "", "2026-11-24", "09:00", "Europe/Lisbon"),
    case("Draft the plan Tue 9:00 Mars", "Draft the plan Mars", "", "2026-11-24", "09:00", ""),
    case("Finish it — by Fri 17:00 UTC", "Finish it", "", "2026-11-27", "17:00", "UTC"),
    case("from Dana Scully: the contract, 2026-12-01 09:00 Tokyo", "the contract", "from Dana Scully", "2026-12-01", "09:00", "Asia/Tokyo"),
    case("Alarm 6:00 wake up tomorrow", "Alarm wake up", "", "2026-11-23", "06:00", ""),
    case("Move to Berlin", "Move to Berlin", "", "", "", ""),
    case("Meet Cy 17:00 Berlin 9:00 Tokyo", "Meet Cy 17:00 Berlin 9:00 Tokyo", "Cy", "", "", ""),
    // People: known in any case after to/for, new with a capital, named in the sentence.
    case("Send the slides to Dana by Fri 5pm", "Send the slides", "to Dana", "2026-11-27", "17:00", ""),
    case("Send the slides to dana by Fri 5pm", "Send the slides to dana", "", "2026-11-27", "17:00", ""),
    case("Send it to ANA by Fri 9:00", "Send it", "to Ana", "2026-11-27", "09:00", ""),
    case("Send the deck (to Ana) Tue 17:00", "Send the deck", "to Ana", "2026-11-24", "17:00", ""),
    case("Pay Jo Ann back Wed 12:00", "Pay Jo Ann back", "Jo Ann", "2026-11-25", "12:00", ""),
    case("Send the deck to Ana for Bo tomorrow 9:00", "Send the deck to Ana for Bo", "", "2026-11-23", "09:00", ""),
    case("Call Bo and Cy tomorrow 9:00", "Call Bo and Cy", "", "2026-11-23", "09:00", ""),
    case("Call bo tomorrow 9:30", "Call bo", "", "2026-11-23", "09:30", ""),
    case("Bo: send the notes Tue 9:00", "Bo: send the notes", "", "2026-11-24", "09:00", ""),
    case("Get the numbers from Ana by Fri 12:00", "Get the numbers from Ana", "Ana", "2026-11-27", "12:00", ""),
    // Nothing to read.
    case("", "", "", "", "", ""),
    case("   ,  ", "", "", "", "", ""),
    case("Think about it", "Think about it", "", "", "", ""),
];

/// The fields as the table writes them: what, who, date, time, zone.
fn shown(q: &Quick) -> [String; 5] {
    let who = match (&q.who, q.by) {
        (None, _) => String::new(),
        (Some(n), Some(Direction::Mine)) => format!("to {n}"),
        (Some(n), Some(Direction::Theirs)) => format!("from {n}"),
        (Some(n), None) => n.clone(),
    };
    [
        q.what.clone(),
        who,
        q.date.map(|d| d.to_string()).unwrap_or_default(),
        q.time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        q.zone
            .as_ref()
            .map(|z| z.name().to_owned())
            .unwrap_or_default(),
    ]
}

#[test]
fn the_table_of_lines_fills_what_each_says() {
    assert!(TABLE.len() >= 40);
    let mut wrong = Vec::new();
    for c in TABLE {
        let got = shown(&read_at(c.line, NOW));
        let want = [c.what, c.who, c.date, c.time, c.zone].map(String::from);
        if got != want {
            wrong.push(format!("{:?}\n   got  {got:?}\n   want {want:?}", c.line));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} lines:\n{}",
        wrong.len(),
        TABLE.len(),
        wrong.join("\n")
    );
}

/// `next Tue` is read once this week's Tuesday has passed, and a week ahead on a Tuesday;
/// while it is still ahead (or on a Sunday, when weeks begin differently) it is left.
#[test]
fn next_weekday_is_read_only_where_it_means_one_day() {
    let day = |d: u32| NOW.plus_secs(i64::from(d - 22) * 86_400);
    let date = |line: &str, on: u32| read_at(line, day(on)).date.map(|d| d.to_string());
    // Monday 23: the coming Tuesday (24th) is this week's, so "next Tue" might be the 1st.
    assert_eq!(date("Ship it next Tue 10:00", 23), None);
    assert_eq!(date("Ship it Tue 10:00", 23).as_deref(), Some("2026-11-24"));
    // Tuesday 24: "Tue" alone is today or in a week; "next Tue" a week ahead; "this Tue" today.
    assert_eq!(date("Ship it Tue 10:00", 24), None);
    assert_eq!(
        date("Ship it next Tue 10:00", 24).as_deref(),
        Some("2026-12-01")
    );
    assert_eq!(
        date("Ship it this Tue 10:00", 24).as_deref(),
        Some("2026-11-24")
    );
    // Thursday 26: this week's Tuesday has passed, so next Tue is the coming one.
    assert_eq!(
        date("Ship it next Tue 10:00", 26).as_deref(),
        Some("2026-12-01")
    );
    assert_eq!(date("Ship it Tue 10:00", 26).as_deref(), Some("2026-12-01"));
    // Sunday 22: weeks that begin on Sunday have only just begun.
    assert_eq!(date("Ship it next Tue 10:00", 22), None);
}

/// "Today" is the date on the user's own clock, not UTC's.
#[test]
fn today_is_the_users_own_date() {
    // 23:30 UTC on Sunday is already 00:30 on Monday in Berlin.
    let late = Instant::from_unix(NOW.unix() + 11 * 3600 + 1800);
    assert_eq!(
        read_at("Call Bo today 9:00", late).date,
        NaiveDate::from_ymd_opt(2026, 11, 23)
    );
}

/// What the line could not pin down gets the form's usual notes; nothing else does.
#[test]
fn the_usual_notes_apply_to_what_was_left() {
    let notes = |line: &str| {
        let q = read_at(line, NOW);
        let zone = q.zone.unwrap_or_else(|| zone("Europe/Berlin"));
        let draft = DueDraft {
            what: &q.what,
            date: q.date,
            time: q.time,
            zone: zone.name(),
        };
        check_draft(&TzRules, draft, NOW).1
    };
    assert_eq!(
        notes("Send the deck to Ana by Tuesday"),
        vec![Vagueness::Phrase("by Tuesday".into()), Vagueness::NoDate]
    );
    assert_eq!(notes("call Bo on Tuesday"), vec![Vagueness::NoTime]);
    assert_eq!(notes("Send the deck to Ana by Tue 17:00 Berlin"), vec![]);
    assert_eq!(
        notes("Dinner tonight"),
        vec![Vagueness::Phrase("tonight".into()), Vagueness::NoDate]
    );
    assert_eq!(
        notes("Book the room 1 Nov 9:00"),
        vec![Vagueness::InThePast]
    );
}

#[test]
fn remainder_cuts_whole_spans_and_tidies_the_edges() {
    let text = "from Cy: the budget, Fri 12:00 New York";
    assert_eq!(remainder(text, &[0..8, 21..39]), "the budget");
    assert_eq!(remainder("  a   b ", &[]), "a b");
    assert_eq!(remainder("a - b", &[]), "a - b");
    assert_eq!(remainder("a, b; c: d", &[3..5, 9..10]), "a, c");
}

/// Words a line might hold, for lines that reach every reading.
fn arb_word() -> impl Strategy<Value = String> {
    let vocab = [
        "to",
        "for",
        "from",
        "by",
        "on",
        "at",
        "in",
        "next",
        "this",
        "of",
        "due",
        "Ana",
        "ana",
        "Bo",
        "Jo",
        "Ann",
        "Cy:",
        "Dana",
        "Tue",
        "tuesday",
        "Sun",
        "sun",
        "today",
        "tomorrow",
        "tonight",
        "noon",
        "3",
        "2",
        "a",
        "days",
        "week",
        "weeks",
        "5",
        "5th",
        "Dec",
        "May",
        "2027",
        "2026-12-05",
        "2026-13-45",
        "17:00",
        "9:30",
        "25:00",
        "5pm",
        "5:30",
        "pm",
        "p.m.",
        "am",
        "Berlin",
        "New",
        "York",
        "EST",
        "Pacific",
        "time",
        "Europe/Lisbon",
        "Mars",
        "wake",
        "12/5",
        ",",
        ":",
        "—",
        "(",
        ")",
        "Élodie",
        "the",
        "deck",
    ];
    prop_oneof![
        4 => prop::sample::select(vocab.to_vec()).prop_map(String::from),
        1 => "[a-zA-Z0-9:,./()\u{e9}\u{2014}-]{1,8}",
    ]
}

fn arb_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (
            prop::collection::vec(arb_word(), 0..12),
            prop::sample::select(vec![" ", "  ", ", ", "\t", " \u{a0}"]),
        )
            .prop_map(|(words, sep)| words.join(sep)),
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Any text is read without a panic into fields each backed by the words it was read from,
    /// or left alone; and `what` is exactly the text minus the words read (but names, which
    /// stay in their sentence), tidied by `remainder`.
    #[test]
    fn any_text_reads_into_fields_or_none_and_what_is_the_rest(line in arb_line(), hours in 0i64..400) {
        let q = read_at(&line, NOW.plus_secs(hours * 3600));
        // The spans: in order, apart, on character boundaries, whole words.
        let mut end = 0;
        for r in &q.read {
            prop_assert!(r.span.start >= end && r.span.start < r.span.end && r.span.end <= line.len());
            prop_assert!(line.is_char_boundary(r.span.start) && line.is_char_boundary(r.span.end));
            let before = line[..r.span.start].chars().next_back();
            let after = line[r.span.end..].chars().next();
            prop_assert!(before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace));
            prop_assert!(!line[r.span.clone()].trim().is_empty());
            end = r.span.end;
        }
        // Each field is there exactly when words were read for it.
        let has = |p: Part| q.read.iter().any(|r| r.part == p);
        prop_assert_eq!(q.date.is_some(), has(Part::Date));
        prop_assert_eq!(q.time.is_some(), has(Part::Time));
        prop_assert_eq!(q.zone.is_some(), has(Part::Zone));
        prop_assert_eq!(q.who.is_some(), has(Part::To) || has(Part::From) || has(Part::Named));
        prop_assert_eq!(q.by == Some(Direction::Mine), has(Part::To));
        prop_assert_eq!(q.by == Some(Direction::Theirs), has(Part::From));
        prop_assert!([Part::To, Part::From, Part::Named].iter().filter(|p| has(**p)).count() <= 1);
        // What is left: the text minus the removed spans, and every word of it from the text.
        let removed: Vec<_> = q.read.iter().filter(|r| r.part.removed()).map(|r| r.span.clone()).collect();
        prop_assert_eq!(&q.what, &remainder(&line, &removed));
        if q.read.is_empty() {
            prop_assert_eq!(&q.what, &remainder(&line, &[]));
            prop_assert_eq!(shown(&q)[1..].concat(), "");
        }
        for word in q.what.split_whitespace() {
            prop_assert!(line.contains(word), "{word:?} is not in {line:?}");
        }
        // Tidy already: tidying it again changes nothing.
        prop_assert_eq!(&remainder(&q.what, &[]), &q.what);
    }
}

/// Zones the user did not say stay unsaid: the form then keeps the user's own.
#[test]
fn a_zone_not_said_is_none() {
    for line in [
        "call Bo tomorrow 9:30",
        "Move to Berlin",
        "Berlin trip Tue 9:00",
    ] {
        assert_eq!(read_at(line, NOW).zone, None::<Zone>, "{line}");
    }
    assert_eq!(
        read_at("Tue 9:00 in Berlin", NOW).time,
        NaiveTime::from_hms_opt(9, 0, 0)
    );
}

/// What the line did not fill is said to be left for the user, the person too: the form
/// empties each such field rather than keep one from an earlier line.
#[test]
fn the_summary_says_what_each_line_left_for_the_user() {
    let (mine, known) = (zone("Europe/Berlin"), vec!["Ana".to_owned()]);
    let cx = Context {
        now: NOW,
        mine: &mine,
        rules: &TzRules,
        people: &known,
    };
    let first = read("Call Ana tomorrow 9:30 Berlin", cx);
    assert_eq!(first.who.as_deref(), Some("Ana"));
    assert_eq!(
        first.summary(),
        "Filled in the form: what, to whom, date, time, time zone."
    );
    // Bo is nobody the user knows yet, and "call Bo" names no one: the person is left, and
    // said to be, not kept as Ana.
    let second = read("Call Bo tomorrow 9:30 Berlin", cx);
    assert_eq!(second.who, None);
    assert_eq!(
        second.summary(),
        "Filled in the form: what, date, time, time zone. Left for you: to whom."
    );
    assert_eq!(
        read("from Ana: the budget", cx).summary(),
        "Filled in the form: what, who promised it. Left for you: date, time."
    );
    assert_eq!(
        read("the budget tomorrow 9:30", cx).summary(),
        "Filled in the form: what, date, time. The time zone is your own. Left for you: to whom."
    );
    // Someone new with a zone said: the zone is read, for the due moment and for them.
    let maya = read("Send the notes to Maya by Mon 17:00 New York", cx);
    assert_eq!(maya.who.as_deref(), Some("Maya"));
    assert_eq!(
        maya.zone.map(|z| z.name().to_owned()).as_deref(),
        Some("America/New_York")
    );
}
