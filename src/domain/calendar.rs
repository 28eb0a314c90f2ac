//! The calendar file (.ics, RFC 5545) of open commitments' due moments, so they land in the
//! user's own calendar at the right wall-clock time wherever that calendar is read.
//!
//! Each event keeps the zone its due moment was stated in. The app ships no zone database, so
//! every VTIMEZONE is derived from [`ZoneRules`] alone: exact over the span of its events, which
//! is all a calendar needs to place them. Written by a helper; see `tests/calendar.rs`.

use crate::domain::{Book, Commitment, Direction, Instant, Status, Zone, ZoneRules};
use chrono::{Datelike, NaiveDateTime, Timelike};
use std::collections::BTreeMap;

const DAY: i64 = 86_400;
/// RFC 5545 §3.1: lines longer than this many octets are folded.
const LINE_OCTETS: usize = 75;

/// The calendar of every commitment still open or awaiting acknowledgement, by due moment.
/// `now` stamps the events (DTSTAMP): the domain reads no clock.
pub fn ics(book: &Book, rules: &dyn ZoneRules, now: Instant) -> String {
    // A due moment outside the years Troth accepts (only a record stored before they were
    // checked) has no four-digit year for a calendar to place it in: it stays in the ledger.
    let mut open: Vec<&Commitment> = book
        .commitments()
        .filter(|c| !c.status().is_closed() && c.due().at.is_shown())
        .collect();
    crate::domain::order::sort_by_key(&mut open, |c| (c.due().at, c.id()));

    // Each zone in use, with the due instants its rules must cover, in order.
    let mut spans: BTreeMap<&str, (&Zone, Vec<Instant>)> = BTreeMap::new();
    for c in &open {
        let due = c.due();
        spans
            .entry(due.zone.name())
            .or_insert((&due.zone, Vec::new()))
            .1
            .push(due.at);
    }

    let mut out = Lines::default();
    out.push("BEGIN:VCALENDAR");
    out.push("VERSION:2.0");
    out.push("PRODID:-//Troth//Troth//EN");
    out.push("CALSCALE:GREGORIAN");
    out.push("METHOD:PUBLISH");
    out.push("X-WR-CALNAME:Troth commitments");
    for (zone, dues) in spans.values() {
        vtimezone(&mut out, zone, rules, dues);
    }
    let stamp = format!("DTSTAMP:{}Z", date_time(now.local(0)));
    for c in open {
        vevent(&mut out, book, rules, c, &stamp);
    }
    out.push("END:VCALENDAR");
    out.0
}

fn vevent(out: &mut Lines, book: &Book, rules: &dyn ZoneRules, c: &Commitment, stamp: &str) {
    let due = c.due();
    let name = book.name_of(c.to());
    out.push("BEGIN:VEVENT");
    // Stable across exports, so a re-import updates events rather than duplicating them; the
    // making instant tells apart books whose id counters happen to coincide.
    out.push(&format!(
        "UID:troth-commitment-{}-{}@troth.invalid",
        c.id(),
        c.made_at().unix()
    ));
    out.push(stamp);
    out.push(&format!(
        "DTSTART;TZID={}:{}",
        param(due.zone.name()),
        date_time(due.local(rules))
    ));
    // A due moment is an instant; a short block keeps it visible in every calendar view.
    out.push("DURATION:PT15M");
    let (summary, mut description) = match c.by() {
        Direction::Mine => (
            format!("Due to {name}: {}", c.what()),
            format!("Committed to {name}."),
        ),
        Direction::Theirs => (
            format!("Due from {name}: {}", c.what()),
            format!("{name} committed to you."),
        ),
    };
    out.push(&format!("SUMMARY:{}", escape(&summary)));
    if c.status() == Status::AwaitingAck {
        description.push_str(&match c.by() {
            Direction::Mine => format!(" Done, waiting for {name}'s acknowledgement."),
            Direction::Theirs => format!(" {name} says it is done: waiting for yours."),
        });
    }
    out.push(&format!("DESCRIPTION:{}", escape(&description)));
    out.push("END:VEVENT");
}

/// The zone's rules around its events (`dues`, in order): the offset a day before the first
/// (stated as holding since 1970, which is harmless since no event is earlier), then each change
/// up to a day after the last. Where events lie more than [`GAP`] apart, the years between are
/// not searched: the offset in force where searching resumes is stated there instead.
fn vtimezone(out: &mut Lines, zone: &Zone, rules: &dyn ZoneRules, dues: &[Instant]) {
    // Runs of events each within `GAP` of the one before.
    let mut runs: Vec<(Instant, Instant)> = Vec::new();
    for &due in dues {
        match runs.last_mut() {
            Some(run) if due.unix() - run.1.unix() <= GAP => run.1 = due,
            _ => runs.push((due, due)),
        }
    }
    let Some(&(first, _)) = runs.first() else {
        return;
    };
    let offset = |at: Instant| zone.offset_at(rules, at);
    let start = offset(first.plus_secs(-DAY));
    let (mut current, mut changes) = (start, Vec::new());
    for (first, last) in runs {
        let from = first.plus_secs(-DAY);
        // Where searching resumes after a jump, the offset then in force is stated there.
        let resumed = offset(from);
        if resumed != current {
            changes.push(Transition {
                at: from,
                from: current,
                to: resumed,
            });
            current = resumed;
        }
        transitions(
            zone,
            rules,
            from,
            last.plus_secs(DAY),
            &mut current,
            &mut changes,
        );
    }
    out.push("BEGIN:VTIMEZONE");
    out.push(&format!("TZID:{}", escape(zone.name())));
    observance(out, "STANDARD", "19700101T000000", start, start);
    for change in changes {
        let kind = if change.to > change.from {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        // Observance onsets are wall-clock times in the offset in force before them.
        let onset = date_time(change.at.local(change.from));
        observance(out, kind, &onset, change.from, change.to);
    }
    out.push("END:VTIMEZONE");
}

fn observance(out: &mut Lines, kind: &str, onset: &str, from: i32, to: i32) {
    out.push(&format!("BEGIN:{kind}"));
    out.push(&format!("DTSTART:{onset}"));
    out.push(&format!("TZOFFSETFROM:{}", utc_offset(from)));
    out.push(&format!("TZOFFSETTO:{}", utc_offset(to)));
    out.push(&format!("END:{kind}"));
}

/// A change of a zone's offset: from `at` on, `to` replaces `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Transition {
    at: Instant,
    from: i32,
    to: i32,
}

/// Events further apart than this (about a year) are searched for changes separately: stepping
/// a day at a time over the centuries between them would take minutes of the browser's `Intl`.
const GAP: i64 = 400 * DAY;

/// Every change in `(from, to]`, the offset being `current` at `from`. Browser zone rules can
/// only be asked for the offset at an instant, not listed, so this steps a day at a time and,
/// where the offset differs, bisects down to the exact second. (Two changes within one day that
/// cancel out are not seen; no zone has them.)
fn transitions(
    zone: &Zone,
    rules: &dyn ZoneRules,
    from: Instant,
    to: Instant,
    current: &mut i32,
    changes: &mut Vec<Transition>,
) {
    let offset = |at: i64| zone.offset_at(rules, Instant::from_unix(at));
    let mut at = from.unix();
    while at < to.unix() {
        let next = (at + DAY).min(to.unix());
        if offset(next) == *current {
            at = next;
            continue;
        }
        // Invariant: the offset is `current` at `lo` and differs from it at `hi`.
        let (mut lo, mut hi) = (at, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if offset(mid) == *current {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let new = offset(hi);
        changes.push(Transition {
            at: Instant::from_unix(hi),
            from: *current,
            to: new,
        });
        // Resume from the change: another may follow later the same day.
        (at, *current) = (hi, new);
    }
}

/// `20261124T170000`: a DATE-TIME's digits, written by hand (chrono's strftime costs WASM size).
fn date_time(t: NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `+0100`, `-0430`, or with seconds (`-004430`) only where the zone has them.
fn utc_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped. Other
/// control characters are not allowed in TEXT at all, so they are dropped (tab is allowed).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            // CRLF is one newline; a lone CR is one too.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (the TZID of DTSTART). Zone names are IANA names and need nothing, but a
/// stored one is only data: quote it where it has `;`, `:` or `,`, and drop what a parameter
/// can never hold (double quotes, control characters), so it cannot break the line.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([';', ':', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Content lines, each ended with CRLF and folded at 75 octets (RFC 5545 §3.1).
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// Folds between characters, never inside one, so every physical line is valid UTF-8.
    fn push(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > LINE_OCTETS {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }
}
