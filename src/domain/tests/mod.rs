//! Native tests of the domain, with chrono-tz as an independent zone database.

mod book;
mod both_ways;
mod calendar;
mod chart;
mod commitment;
mod daily;
mod growth;
mod history;
mod links;
mod moment;
mod properties;
mod quick;
mod records;
mod talk;
mod text;
mod trust;
mod undo;
mod years;

use crate::domain::{DateFormat, Due, Instant, Zone, ZoneRules};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike};

/// chrono-tz's zone database behind the domain's interface.
pub struct TzRules;

impl ZoneRules for TzRules {
    fn offset_at(&self, zone: &str, at: Instant) -> Option<i32> {
        let tz: chrono_tz::Tz = zone.parse().ok()?;
        let utc = chrono::DateTime::from_timestamp(at.unix(), 0)?.naive_utc();
        Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
    }
}

/// Dates in plain English, 24-hour: `Tue 24 Nov 17:00`. The app writes them in the reader's
/// locale through `Intl`; the domain's tests use these, so what they expect never depends on
/// a machine's locale.
pub struct PlainDates;

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl DateFormat for PlainDates {
    fn day(&self, date: NaiveDate) -> String {
        let weekday = DAYS[date.weekday().num_days_from_monday() as usize];
        format!(
            "{weekday} {} {}",
            date.day(),
            MONTHS[date.month0() as usize]
        )
    }

    fn date(&self, date: NaiveDate) -> String {
        format!("{} {}", self.day(date), date.year())
    }

    fn time(&self, time: NaiveTime) -> String {
        format!("{:02}:{:02}", time.hour(), time.minute())
    }

    fn day_time(&self, local: NaiveDateTime) -> String {
        format!("{} {}", self.day(local.date()), self.time(local.time()))
    }
}

pub fn zone(name: &str) -> Zone {
    Zone::parse(&TzRules, name).expect("a known zone")
}

/// 2026-11-24 (a Tuesday) at `h:m` in `tz`.
pub fn due(tz: &str, day: u32, h: u32, m: u32) -> Due {
    Due::from_local(
        &TzRules,
        zone(tz),
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
        chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap(),
    )
    .unwrap()
}

/// The user's commitment to Ana (new to the book) to do `what`, due on Tuesday 24 November at
/// 17:00 in Berlin.
pub fn make_to_ana(what: &str) -> crate::domain::Command {
    crate::domain::Command::Make {
        to: crate::domain::Recipient::NameOnly("Ana".into()),
        what: what.into(),
        due: due("Europe/Berlin", 24, 17, 0),
        by: crate::domain::Direction::Mine,
        kind: crate::domain::Kind::Deliver,
    }
}

/// 2026-11-22T12:00:00Z, a Sunday: "now" in most tests.
pub const NOW: Instant = Instant::from_unix(1_795_348_800);
