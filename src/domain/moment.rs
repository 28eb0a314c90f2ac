//! Due moments: the instant a commitment is due, and the time zone it was stated in.
//!
//! The domain reads no clock and owns no zone database: zone arithmetic goes through
//! [`ZoneRules`], backed by the browser's `Intl` in the app and by chrono-tz in native tests.

use crate::domain::text::fold;
use crate::domain::DomainError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// A point in time: whole seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Instant(i64);

impl Instant {
    pub const fn from_unix(secs: i64) -> Self {
        Self(secs)
    }

    /// From JavaScript's `Date.now()`, in milliseconds.
    pub fn from_millis(ms: f64) -> Self {
        Self((ms / 1000.0).floor() as i64)
    }

    pub const fn unix(self) -> i64 {
        self.0
    }

    pub const fn plus_secs(self, secs: i64) -> Self {
        Self(self.0.saturating_add(secs))
    }

    /// The wall-clock reading at this instant for a zone `offset` seconds east of UTC. Beyond
    /// what a date can hold (only a record older than [`Instant::check_years`]), the first or
    /// last reading there is, never a made-up 1970.
    pub fn local(self, offset: i32) -> NaiveDateTime {
        DateTime::from_timestamp(self.0.saturating_add(i64::from(offset)), 0).map_or(
            if self.0 < 0 {
                NaiveDateTime::MIN
            } else {
                NaiveDateTime::MAX
            },
            |t| t.naive_utc(),
        )
    }

    /// Whether it lies in the years Troth accepts, [`EARLIEST`] to [`LATEST`].
    pub fn is_shown(self) -> bool {
        (EARLIEST..=LATEST).contains(&self)
    }

    /// The instant, if it lies in the years Troth accepts; refused, naming `field` ("due
    /// moment"), if not. Checked wherever a moment comes in: links, backups, forms, commands.
    pub fn check_years(self, field: &'static str) -> Result<Self, DomainError> {
        if self.is_shown() {
            Ok(self)
        } else {
            Err(DomainError::OutOfYears(field))
        }
    }
}

/// The first moment Troth accepts: 1970-01-01T00:00:00Z.
pub const EARLIEST: Instant = Instant(0);
/// The last moment Troth accepts: 2200-01-01T00:00:00Z. Every browser can show the years
/// between (`Date` and `Intl` refuse beyond ±275,760), a calendar file can hold them (four-digit
/// years), and zone rules can be worked out over them in moments; a commitment needs no more.
pub const LATEST: Instant = Instant(7_258_118_400);

/// Zone arithmetic the domain depends on.
pub trait ZoneRules {
    /// The offset east of UTC, in seconds, that `zone` observes at `at`;
    /// `None` for a name these rules do not know.
    fn offset_at(&self, zone: &str, at: Instant) -> Option<i32>;
}

/// An IANA time zone name (`Europe/Berlin`). Made only through [`Zone::parse`], so a zone the
/// user typed is always one the rules know.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Zone(String);

impl Zone {
    pub fn parse(rules: &dyn ZoneRules, name: &str) -> Result<Self, DomainError> {
        let name = name.trim();
        match rules.offset_at(name, Instant(0)) {
            Some(_) if !name.is_empty() => Ok(Self(name.to_owned())),
            _ => Err(DomainError::UnknownZone(name.to_owned())),
        }
    }

    /// The zone a person means by `name`: an IANA name (`America/New_York`), a city in one
    /// (`New York`, `kolkata`), or a name people use for a region (`Pacific time`, `CET`).
    pub fn find(rules: &dyn ZoneRules, name: &str) -> Result<Self, DomainError> {
        let unknown = || DomainError::UnknownZone(name.trim().to_owned());
        let folded = fold(name).replace(['_', '-'], " ");
        let mut words: Vec<&str> = folded.split_whitespace().collect();
        // "Pacific Standard Time" and "Pacific time" mean the same region.
        while let [_, .., "time" | "standard" | "daylight" | "zone"] = words[..] {
            words.pop();
        }
        let said = words.join(" ");
        // Before the names the browser knows: by "EST" people mean New York's clock, not
        // the legacy zone of that name that ignores daylight saving.
        if let Some((_, iana)) = ZONE_NAMES.iter().find(|(n, _)| *n == said) {
            return Self::parse(rules, iana);
        }
        if let Ok(zone) = Self::parse(rules, name) {
            return Ok(zone);
        }
        if words.is_empty() || name.contains('/') {
            return Err(unknown());
        }
        // A city as IANA spells it: `new york` → `New_York`, tried in each region. (IANA names
        // are ASCII: Rust's Unicode case tables would cost WASM for nothing.)
        let city = words
            .iter()
            .map(|w| {
                let mut cs = w.chars();
                cs.next()
                    .map(|c| {
                        std::iter::once(c.to_ascii_uppercase())
                            .chain(cs)
                            .collect::<String>()
                    })
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("_");
        REGIONS
            .iter()
            .find_map(|region| Self::parse(rules, &format!("{region}/{city}")).ok())
            .ok_or_else(unknown)
    }

    /// Coordinated Universal Time, which every set of rules knows.
    pub fn utc() -> Self {
        Self("UTC".to_owned())
    }

    pub fn name(&self) -> &str {
        &self.0
    }

    /// The place a person would say: `America/New_York` → `New York`.
    pub fn city(&self) -> String {
        self.0
            .rsplit('/')
            .next()
            .unwrap_or(&self.0)
            .replace('_', " ")
    }

    /// The offset at `at`; UTC where the rules no longer know this stored name.
    pub fn offset_at(&self, rules: &dyn ZoneRules, at: Instant) -> i32 {
        rules.offset_at(&self.0, at).unwrap_or(0)
    }
}

/// The regions of IANA zone names, most populous first (`Europe/…`, `America/…`).
const REGIONS: [&str; 9] = [
    "America",
    "Europe",
    "Asia",
    "Africa",
    "Australia",
    "Pacific",
    "Atlantic",
    "Indian",
    "Antarctica",
];

/// Names people use for a zone that are not a city in its IANA name (folded, without "time").
const ZONE_NAMES: &[(&str, &str)] = &[
    ("pacific", "America/Los_Angeles"),
    ("pt", "America/Los_Angeles"),
    ("pst", "America/Los_Angeles"),
    ("pdt", "America/Los_Angeles"),
    ("san francisco", "America/Los_Angeles"),
    ("seattle", "America/Los_Angeles"),
    ("mountain", "America/Denver"),
    ("mt", "America/Denver"),
    ("mst", "America/Denver"),
    ("mdt", "America/Denver"),
    ("central", "America/Chicago"),
    ("ct", "America/Chicago"),
    ("cst", "America/Chicago"),
    ("cdt", "America/Chicago"),
    ("eastern", "America/New_York"),
    ("et", "America/New_York"),
    ("est", "America/New_York"),
    ("edt", "America/New_York"),
    ("washington", "America/New_York"),
    ("boston", "America/New_York"),
    ("hawaii", "Pacific/Honolulu"),
    ("alaska", "America/Anchorage"),
    ("india", "Asia/Kolkata"),
    ("ist", "Asia/Kolkata"),
    ("mumbai", "Asia/Kolkata"),
    ("delhi", "Asia/Kolkata"),
    ("new delhi", "Asia/Kolkata"),
    ("bangalore", "Asia/Kolkata"),
    ("bengaluru", "Asia/Kolkata"),
    ("uk", "Europe/London"),
    ("bst", "Europe/London"),
    ("cet", "Europe/Berlin"),
    ("cest", "Europe/Berlin"),
    ("central european", "Europe/Berlin"),
    ("germany", "Europe/Berlin"),
    ("france", "Europe/Paris"),
    ("spain", "Europe/Madrid"),
    ("italy", "Europe/Rome"),
    ("beijing", "Asia/Shanghai"),
    ("china", "Asia/Shanghai"),
    ("japan", "Asia/Tokyo"),
    ("jst", "Asia/Tokyo"),
    ("korea", "Asia/Seoul"),
    ("utc", "UTC"),
    ("gmt", "UTC"),
];

/// How long ago or ahead `at` is from `now`, as people say it: `in 3 h`, `2 days late`.
pub fn relative(now: Instant, at: Instant) -> String {
    let secs = at.0.saturating_sub(now.0);
    if secs >= 0 {
        format!("in {}", span(secs))
    } else {
        format!("{} late", span(-secs))
    }
}

/// A length of time, rounded down to what matters at its size: `5 min`, `3 h`, `2 days`.
pub fn span(secs: i64) -> String {
    match secs {
        ..3_600 => format!("{} min", (secs / 60).max(1)),
        3_600..172_800 => format!("{} h", secs / 3_600),
        _ => format!("{} days", secs.saturating_abs() / 86_400),
    }
}

/// How a wall-clock reading maps to instants in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTime {
    Single(Instant),
    /// The clocks went back: the reading happens twice.
    Twice {
        earlier: Instant,
        later: Instant,
    },
    /// The clocks jumped forward over it: it never happens.
    Skipped,
}

/// Resolves a wall-clock reading in `zone`. Candidate offsets are those the zone observes a day
/// either side (and at) the reading; a candidate counts when the zone really observes it there.
pub fn resolve_local(rules: &dyn ZoneRules, zone: &Zone, local: NaiveDateTime) -> LocalTime {
    let wall = local.and_utc().timestamp();
    let mut found: Vec<i64> = [wall - 86_400, wall, wall + 86_400]
        .into_iter()
        .filter_map(|probe| rules.offset_at(zone.name(), Instant(probe)))
        .map(|offset| (offset, wall - i64::from(offset)))
        .filter(|&(offset, utc)| rules.offset_at(zone.name(), Instant(utc)) == Some(offset))
        .map(|(_, utc)| utc)
        .collect();
    crate::domain::order::sort_by(&mut found, Ord::cmp);
    found.dedup();
    match found.as_slice() {
        [] => LocalTime::Skipped,
        [one] => LocalTime::Single(Instant(*one)),
        [first, .., last] => LocalTime::Twice {
            earlier: Instant(*first),
            later: Instant(*last),
        },
    }
}

/// When a commitment is due: the instant, and the zone it was stated in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Due {
    pub at: Instant,
    #[serde(rename = "tz")]
    pub zone: Zone,
}

impl Due {
    /// The due moment for a date and time of day in `zone`, as every form makes it. A reading
    /// that happens twice takes the first; one the clocks skip, or outside the years Troth
    /// accepts, is refused.
    pub fn from_local(
        rules: &dyn ZoneRules,
        zone: Zone,
        date: NaiveDate,
        time: NaiveTime,
    ) -> Result<Self, DomainError> {
        let local = date.and_time(time);
        match resolve_local(rules, &zone, local) {
            LocalTime::Single(at) | LocalTime::Twice { earlier: at, .. } => Ok(Self {
                at: at.check_years("due moment")?,
                zone,
            }),
            LocalTime::Skipped => Err(DomainError::NonexistentLocalTime),
        }
    }

    /// The wall-clock reading in the zone it was stated in.
    pub fn local(&self, rules: &dyn ZoneRules) -> NaiveDateTime {
        self.at.local(self.zone.offset_at(rules, self.at))
    }
}

/// How a wall-clock reading is written for the person reading it. The domain chooses which
/// reading to show and the words around it ("for Ana in New York"); the reading itself is
/// written in the reader's own locale: by the browser's `Intl` in the app (`ui::intl::IntlDates`,
/// which keeps the WASM free of month names and format code), in plain English in native tests,
/// so they stay deterministic.
pub trait DateFormat {
    /// The weekday, day and month: `Tue 24 Nov` (en-GB), `Tue, Nov 24` (en-US).
    fn day(&self, date: NaiveDate) -> String;
    /// The same with the year, for a talk's date: `Tue 24 Nov 2026`.
    fn date(&self, date: NaiveDate) -> String;
    /// The time of day: `17:00`, `5:00 PM`.
    fn time(&self, time: NaiveTime) -> String;
    /// The day and the time: `Tue 24 Nov, 17:00`, `Tue, Nov 24, 5:00 PM`.
    fn day_time(&self, local: NaiveDateTime) -> String;
}

/// The value of an `<input type=date>`: `2026-11-24`. Anything else is no date.
pub fn parse_date_input(value: &str) -> Option<NaiveDate> {
    let mut parts = value.trim().split('-').map(str::parse::<u32>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The value of an `<input type=time>`: `17:00`, or `17:00:30` with seconds.
pub fn parse_time_input(value: &str) -> Option<NaiveTime> {
    let parts: Vec<u32> = value
        .trim()
        .split(':')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match parts[..] {
        [h, m] => NaiveTime::from_hms_opt(h, m, 0),
        [h, m, s] => NaiveTime::from_hms_opt(h, m, s),
        _ => None,
    }
}

/// The due moment as the user reads it, in their own zone, and — where the other person's clock
/// says something else — in theirs: `Tue 24 Nov 17:00 Berlin · 11:00 for Ana in New York`, each
/// reading written by `dates` in the reader's locale.
pub fn describe_due(
    rules: &dyn ZoneRules,
    dates: &dyn DateFormat,
    at: Instant,
    viewer: &Zone,
    other: Option<(&str, &Zone)>,
) -> String {
    let mine = at.local(viewer.offset_at(rules, at));
    let mut text = format!("{} {}", dates.day_time(mine), viewer.city());
    if let Some((name, zone)) = other {
        let theirs = at.local(zone.offset_at(rules, at));
        if theirs != mine {
            let shown = if theirs.date() == mine.date() {
                dates.time(theirs.time())
            } else {
                dates.day_time(theirs)
            };
            text.push_str(&format!(" · {shown} for {name} in {}", zone.city()));
        }
    }
    text
}

/// `at` as the clock in `zone` reads it, written by `dates`: `Tue 24 Nov 17:00`.
pub fn day_time_in(
    rules: &dyn ZoneRules,
    dates: &dyn DateFormat,
    at: Instant,
    zone: &Zone,
) -> String {
    dates.day_time(at.local(zone.offset_at(rules, at)))
}

/// What a draft commitment leaves open to interpretation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vagueness {
    NoDate,
    NoTime,
    /// A phrase in the text that people read differently ("soon", "by Tuesday").
    Phrase(String),
    InThePast,
    UnknownZone(String),
    /// The clocks skip this time that day.
    Skipped,
    /// The clocks pass this time twice that day; the first is used.
    Twice,
    /// The moment lies outside the years Troth accepts (a five-digit year typed by mistake).
    OutOfYears,
}

impl Vagueness {
    /// Whether the draft cannot be saved as it is: a due moment needs a date, a time of day and a
    /// zone, and must exist.
    pub fn blocks(&self) -> bool {
        matches!(
            self,
            Self::NoDate | Self::NoTime | Self::UnknownZone(_) | Self::Skipped | Self::OutOfYears
        )
    }

    /// One sentence that explains, without scolding.
    pub fn explain(&self) -> String {
        match self {
            Self::NoDate => "Add a date: without one, neither of you can tell when it is kept.".into(),
            Self::NoTime => "Add a time of day: a day ends at a different hour for each of you, and a time makes it checkable.".into(),
            Self::Phrase(p) => format!("“{p}” can mean different things to each of you; the date and time fields say it exactly."),
            Self::InThePast => "That moment has already passed. Fine if you are recording an earlier promise; otherwise choose one ahead.".into(),
            Self::UnknownZone(z) => format!("“{z}” is not a time zone Troth knows: try a city (“New York”) or pick one from the list."),
            Self::Skipped => "The clocks skip that time on that day (daylight saving begins); choose another time.".into(),
            Self::Twice => "That time happens twice on that day (daylight saving ends); Troth takes the first.".into(),
            Self::OutOfYears => DomainError::OutOfYears("due moment").to_string(),
        }
    }
}

/// Words that leave the moment open. Matched as whole words, case-insensitively.
const VAGUE_PHRASES: &[&str] = &[
    "as soon as possible",
    "at some point",
    "end of the day",
    "end of day",
    "end of the week",
    "end of week",
    "close of business",
    "when i can",
    "when possible",
    "next week",
    "next month",
    "this week",
    "some time",
    "sometime",
    "soonish",
    "soon",
    "asap",
    "eod",
    "eow",
    "cob",
    "later",
    "shortly",
    "tomorrow",
    "tonight",
];

/// The days of the week, Monday first, as people write them in full (lower case).
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The vague phrases in `text`, in the order they appear, as written.
pub fn vague_phrases(text: &str) -> Vec<String> {
    // Words with their byte spans, so a match can be quoted as the user wrote it.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric() || c == '\'', start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let lower: Vec<String> = words.iter().map(|&(s, e)| fold(&text[s..e])).collect();

    let mut found = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let phrase = VAGUE_PHRASES.iter().find_map(|p| {
            let parts: Vec<&str> = p.split(' ').collect();
            let fits = lower.len() - i >= parts.len()
                && parts.iter().zip(&lower[i..]).all(|(a, b)| a == b);
            fits.then_some(parts.len())
        });
        let weekday = || {
            WEEKDAYS.contains(&lower[i].as_str()).then(|| {
                // "by Tuesday" reads as one phrase.
                let by = i > 0 && matches!(lower[i - 1].as_str(), "by" | "on" | "until" | "next");
                (usize::from(by), 1)
            })
        };
        let span = phrase.map(|n| (0, n)).or_else(weekday);
        match span {
            Some((back, n)) => {
                let (s, e) = (words[i - back].0, words[i + n - 1].1);
                found.push(text[s..e].to_owned());
                i += n;
            }
            None => i += 1,
        }
    }
    found
}

/// A commitment as the form holds it before it is made.
#[derive(Debug, Clone, Copy)]
pub struct DueDraft<'a> {
    pub what: &'a str,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub zone: &'a str,
}

/// Checks a draft: the due moment it would have (when it has one), and everything vague about it.
pub fn check_draft(
    rules: &dyn ZoneRules,
    draft: DueDraft<'_>,
    now: Instant,
) -> (Option<Due>, Vec<Vagueness>) {
    let mut notes: Vec<Vagueness> = vague_phrases(draft.what)
        .into_iter()
        .map(Vagueness::Phrase)
        .collect();
    let zone = match Zone::find(rules, draft.zone) {
        Ok(zone) => Some(zone),
        Err(_) => {
            notes.push(Vagueness::UnknownZone(draft.zone.trim().to_owned()));
            None
        }
    };
    match (draft.date, draft.time) {
        (None, _) => notes.push(Vagueness::NoDate),
        (Some(_), None) => notes.push(Vagueness::NoTime),
        _ => {}
    }
    let (Some(zone), Some(date), Some(time)) = (zone, draft.date, draft.time) else {
        return (None, notes);
    };
    let due = match resolve_local(rules, &zone, date.and_time(time)) {
        LocalTime::Single(at) => Due { at, zone },
        LocalTime::Twice { earlier, .. } => {
            notes.push(Vagueness::Twice);
            Due { at: earlier, zone }
        }
        LocalTime::Skipped => {
            notes.push(Vagueness::Skipped);
            return (None, notes);
        }
    };
    if !due.at.is_shown() {
        notes.push(Vagueness::OutOfYears);
        return (None, notes);
    }
    if due.at <= now {
        notes.push(Vagueness::InThePast);
    }
    (Some(due), notes)
}
