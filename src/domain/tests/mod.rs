//! Native tests of the domain, with chrono-tz as an independent zone database.

mod book;
mod both_ways;
mod calendar;
mod chart;
mod commitment;
mod daily;
mod growth;
mod links;
mod moment;
mod properties;
mod talk;
mod trust;
mod undo;

use crate::domain::{Due, Instant, Zone, ZoneRules};
use chrono::{NaiveDate, Offset, TimeZone};

/// chrono-tz's zone database behind the domain's interface.
pub struct TzRules;

impl ZoneRules for TzRules {
    fn offset_at(&self, zone: &str, at: Instant) -> Option<i32> {
        let tz: chrono_tz::Tz = zone.parse().ok()?;
        let utc = chrono::DateTime::from_timestamp(at.unix(), 0)?.naive_utc();
        Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
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

/// 2026-11-22T12:00:00Z, a Sunday: "now" in most tests.
pub const NOW: Instant = Instant::from_unix(1_795_348_800);
