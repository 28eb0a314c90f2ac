//! Quick add: one line in plain words ("Send the deck to Ana by Tue 17:00 Berlin") read into the
//! fields of the form that makes a commitment. Nothing is made here: the user sees the form
//! filled and makes it as usual.
//!
//! What the line leaves open is left unread, in the text, where the form's vagueness notes find
//! it, rather than guessed: a bare hour ("at 5"), `12/5` (May or December?), "by Tuesday" with
//! no time (the end of Monday or of Tuesday?), "tonight" without an evening time, a weekday
//! that is today ("Sun" on a Sunday: today or in a week?), "next Tue" while this week's Tuesday
//! is still ahead, two different dates, times, zones or people in one line.
//!
//! How each part reads (`today` is the date on the user's own clock):
//! - a date: `today`, `tomorrow`, `tonight` (with a time from 12:00), a weekday (`Mon`, `Tuesday`;
//!   the next one after today; `this Sun` may be today; `next Tue` only once this week's has
//!   passed), `in 3 days`, `in 2 weeks`, `in a week`, `2026-12-05`, `5 Dec`, `Dec 5`,
//!   `December 5th, 2027`, `5th of December`. Without a year, a date up to a month ago is this
//!   year's (a promise being recorded late), an earlier one next year's. A weekday beside a date
//!   must agree with it. `on`, `by`, `for`, `due`, `until`, `before` in front are part of it.
//! - a time: `17:00`, `9:30` (24-hour), `5pm`, `5 pm`, `5:30 p.m.`, `noon`, `midday`; `at` in
//!   front is part of it.
//! - a zone: right after the time (`17:00 Berlin`, `9am in New York`, `12:00 Pacific time`), any
//!   name [`Zone::find`] knows. A zone not said is none: the form keeps the user's own.
//! - who, and which way: `to Ana` / `for Ana` (someone the user knows, in any case, or a new
//!   name written with a capital) is a promise to them; `from Cy:` at the start, a promise from
//!   them; a known name in the text (`call Bo`), written with a capital and not as the first
//!   word, names them and stays in the text.

use crate::domain::moment::{Instant, Zone, ZoneRules, WEEKDAYS};
use crate::domain::text::fold;
use crate::domain::Direction;
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Timelike};
use std::ops::Range;

/// What a line said: each field is `None` where the line did not say it (or said it
/// ambiguously), and `what` is the line without the parts that were read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Quick {
    /// The line minus the removed parts of [`Quick::read`], tidied by [`remainder`].
    pub what: String,
    /// The person, as the user's list spells them when known.
    pub who: Option<String>,
    /// Which way the promise goes, where the line says (`to`/`for`: mine; `from …:`: theirs).
    pub by: Option<Direction>,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub zone: Option<Zone>,
    /// Where each part was read, in the order of the line; spans are whole words.
    pub read: Vec<Read>,
}

/// One part of the line that was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub part: Part,
    /// Byte range in the line: whole whitespace-separated words and the spaces between them.
    pub span: Range<usize>,
}

/// What a span of the line was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `to Ana`, `for Ana`: the person a promise is made to.
    To,
    /// `from Cy:` at the start: the person who made the promise.
    From,
    /// A known name in the sentence (`call Bo`): read, but left in the text it belongs to.
    Named,
    Date,
    Time,
    Zone,
}

impl Part {
    /// Whether the words leave the text ("to Ana", "Tue 17:00"), or stay in it ("call Bo").
    pub fn removed(self) -> bool {
        self != Self::Named
    }
}

impl Quick {
    /// What the line filled and what it left, in a sentence or two. The form empties every
    /// field the line did not fill (the person too), so nothing of an earlier line is kept
    /// for a commitment it was not meant for: "left" names them.
    pub fn summary(&self) -> String {
        let whom = if self.by == Some(Direction::Theirs) {
            "who promised it"
        } else {
            "to whom"
        };
        let parts = [
            ("what", !self.what.is_empty()),
            (whom, self.who.is_some()),
            ("date", self.date.is_some()),
            ("time", self.time.is_some()),
            ("time zone", self.zone.is_some()),
        ];
        let names = |read: bool| {
            parts
                .iter()
                // A zone not said is the user's own: said below, never "left".
                .filter(|(n, r)| *r == read && (read || *n != "time zone"))
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (filled, left) = (names(true), names(false));
        let mut text = if filled.is_empty() {
            "Nothing in that line was read.".to_owned()
        } else {
            format!("Filled in the form: {filled}.")
        };
        if self.zone.is_none() && (self.date.is_some() || self.time.is_some()) {
            text.push_str(" The time zone is your own.");
        }
        if !left.is_empty() {
            text.push_str(&format!(" Left for you: {left}."));
        }
        text
    }
}

/// What the user's line is read against.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub now: Instant,
    /// The user's own zone: it says which date "today" is.
    pub mine: &'a Zone,
    pub rules: &'a dyn ZoneRules,
    /// The names of the people the user knows.
    pub people: &'a [String],
}

/// `text` with each of `spans` taken out, the words left joined by single spaces, and the
/// separators (`,` `;` `:` and dashes) the cut leaves dangling at either end trimmed.
pub fn remainder<'a>(text: &str, spans: impl IntoIterator<Item = &'a Range<usize>>) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        kept.push_str(&text[at..span.start]);
        kept.push(' ');
        at = span.end;
    }
    kept.push_str(&text[at..]);
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—'))
        .to_owned()
}

/// A whitespace-separated word: its span, and its core without the punctuation around it.
struct Word<'a> {
    span: Range<usize>,
    core: &'a str,
    /// The core in ASCII lower case, for the keywords (all ASCII).
    low: String,
    /// Ends in a colon (`Cy:`).
    colon: bool,
}

impl Word<'_> {
    /// Written with a capital. Beyond ASCII, by the installed folding (the browser's), not
    /// Rust's case tables, which would cost WASM for this alone.
    fn capital(&self) -> bool {
        self.core.chars().next().is_some_and(|c| {
            c.is_ascii_uppercase()
                || (!c.is_ascii() && fold(c.encode_utf8(&mut [0; 4])) != c.to_string())
        })
    }

    fn digits(&self) -> Option<u32> {
        (!self.core.is_empty()
            && self.core.len() <= 4
            && self.core.bytes().all(|b| b.is_ascii_digit()))
        .then(|| self.core.parse().ok())
        .flatten()
    }
}

fn words(text: &str) -> Vec<Word<'_>> {
    // The punctuation around a word: quotes, brackets, and what ends a clause or sentence.
    let wrap = |c: char| "()[]{}\"'“”‘’,.;:!?".contains(c);
    text.split_whitespace()
        .map(|raw| {
            // `raw` lies within `text`: its offset is where its bytes start.
            let start = raw.as_ptr() as usize - text.as_ptr() as usize;
            let head = raw.trim_end_matches(wrap);
            let core = head.trim_start_matches(wrap);
            Word {
                span: start..start + raw.len(),
                core,
                low: core.to_ascii_lowercase(),
                colon: raw[head.len()..].contains(':'),
            }
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Monday = 0. Full names in any case; short ones too, except those that are also English
/// words (`sat`, `sun`, `wed`), which need their capital.
fn weekday(w: &Word) -> Option<u32> {
    let low = w.low.as_str();
    let short = match low {
        "mon" => 0,
        "tue" | "tues" => 1,
        "wed" | "weds" if w.capital() => 2,
        "thu" | "thur" | "thurs" => 3,
        "fri" => 4,
        "sat" if w.capital() => 5,
        "sun" if w.capital() => 6,
        _ => return WEEKDAYS.iter().position(|d| *d == low).map(|i| i as u32),
    };
    Some(short)
}

/// January = 1: full names and three-letter ones (and `sept`).
fn month(w: &Word) -> Option<u32> {
    let low = w.low.as_str();
    MONTHS
        .iter()
        .position(|m| {
            *m == low
                || (low.len() == 3 && m.starts_with(low))
                || low == "sept" && *m == "september"
        })
        .map(|i| i as u32 + 1)
}

/// `5`, `5th`, `1st`, `22nd`, `3rd`: a day of the month.
fn day_number(w: &Word) -> Option<u32> {
    let low = w.low.as_str();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| low.strip_suffix(s))
        .unwrap_or(low);
    (1..=2).contains(&digits.len()).then_some(())?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// Words that are never a name.
fn keyword(w: &Word) -> bool {
    weekday(w).is_some()
        || month(w).is_some()
        || matches!(
            w.low.as_str(),
            "today" | "tomorrow" | "tonight" | "noon" | "midday" | "midnight" | "next" | "this"
        )
}

/// `am`/`pm` and their dotted spellings: whether it is `pm`.
fn meridiem(s: &str) -> Option<bool> {
    match s {
        "am" | "a.m" => Some(false),
        "pm" | "p.m" => Some(true),
        _ => None,
    }
}

/// `H:MM`, one or two digits of hour and two of minute, with the hour as written.
fn clock(s: &str) -> Option<(u32, u32)> {
    let (h, m) = s.split_once(':')?;
    let ok = (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit());
    ok.then(|| Some((h.parse().ok()?, m.parse().ok()?)))
        .flatten()
}

fn hm(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A 12-hour reading: the hour must be 1–12.
fn twelve(h: u32, m: u32, pm: bool) -> Option<NaiveTime> {
    (1..=12).contains(&h).then_some(())?;
    hm(h % 12 + if pm { 12 } else { 0 }, m)
}

/// A time starting at word `i`: the time (or `None` for a contradiction such as `13:00 pm`) and
/// how many words it takes.
fn time_at(ws: &[Word], i: usize) -> Option<(Option<NaiveTime>, usize)> {
    let low = ws[i].low.as_str();
    let next = ws.get(i + 1).and_then(|w| meridiem(&w.low));
    if matches!(low, "noon" | "midday") {
        return Some((hm(12, 0), 1));
    }
    if let Some((h, m)) = clock(low) {
        return Some(match next {
            Some(pm) => (twelve(h, m, pm), 2),
            None => (hm(h, m), 1),
        });
    }
    // `5pm`, `5:30pm`, `5p.m`
    let split = low
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(low.len());
    let (number, rest) = low.split_at(split);
    let (h, m) = match clock(number) {
        Some(hm) => hm,
        None if (1..=2).contains(&number.len()) && !number.contains(':') => {
            (number.parse().ok()?, 0)
        }
        None => return None,
    };
    match (meridiem(rest), next) {
        (Some(pm), _) => Some((twelve(h, m, pm), 1)),
        (None, Some(pm)) if rest.is_empty() => Some((twelve(h, m, pm), 2)),
        _ => None,
    }
}

/// The date of `day`/`month` without a year: the first one from a month ago on.
fn nearest(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let floor = today.checked_sub_days(Days::new(31))?;
    [today.year() - 1, today.year(), today.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d >= floor)
}

/// `2026-12-05`, exactly.
fn iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shape.then_some(())?;
    NaiveDate::from_ymd_opt(
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..].parse().ok()?,
    )
}

/// A four-digit year at word `i`, if there is one.
fn year_at(ws: &[Word], i: usize) -> Option<i32> {
    let w = ws.get(i)?;
    (w.core.len() == 4).then_some(())?;
    w.digits().and_then(|y| i32::try_from(y).ok())
}

/// A date found in the line: its words, and the date, or `None` where it is ambiguous.
struct DateSaid {
    words: Range<usize>,
    date: Option<NaiveDate>,
    /// `tonight`: today, once an evening time confirms it.
    tonight: bool,
}

/// A date starting at word `i` (weekdays beside a date are checked against it).
fn date_at(ws: &[Word], i: usize, today: NaiveDate) -> Option<DateSaid> {
    let w = &ws[i];
    let said = |n: usize, date: Option<NaiveDate>| DateSaid {
        words: i..i + n,
        date,
        tonight: false,
    };
    let plus = |n: u64| today.checked_add_days(Days::new(n));
    match w.low.as_str() {
        "today" => return Some(said(1, Some(today))),
        "tomorrow" => return Some(said(1, plus(1))),
        "tonight" => {
            return Some(DateSaid {
                tonight: true,
                ..said(1, Some(today))
            })
        }
        "in" => {
            let n = match ws.get(i + 1)?.low.as_str() {
                "a" | "an" | "one" => 1,
                _ => ws[i + 1].digits().filter(|n| (1..1000).contains(n))?,
            };
            let days = match ws.get(i + 2)?.low.as_str() {
                "day" | "days" => n,
                "week" | "weeks" => n * 7,
                _ => return None,
            };
            return Some(said(3, plus(u64::from(days))));
        }
        _ => {}
    }
    if let Some(date) = iso(w.core) {
        return Some(said(1, Some(date)));
    }
    // `this Sun`, `next Tue`, `Tue`, and a weekday in front of a date (`Tue 1 Dec`).
    let (which, at) = match w.low.as_str() {
        "this" | "next" => (Some(w.low.as_str()), i + 1),
        _ => (None, i),
    };
    if let Some(t) = ws.get(at).and_then(weekday) {
        if which.is_none() {
            if let Some(mut dated) = day_month_at(ws, at + 1, today) {
                let agrees = dated
                    .date
                    .is_some_and(|d| d.weekday().num_days_from_monday() == t);
                dated.words.start = at;
                dated.date = dated.date.filter(|_| agrees);
                return Some(dated);
            }
        }
        let dow = today.weekday().num_days_from_monday();
        let ahead = (t + 7 - dow) % 7;
        let days = match which {
            None => (ahead > 0).then_some(ahead),
            Some("this") => Some(ahead),
            // The coming one is "next" only once this week's has passed (on a Sunday, a week
            // may have begun on Monday or be only starting: ambiguous).
            _ if ahead == 0 => Some(7),
            _ => (t < dow && dow != 6).then_some(ahead),
        };
        return Some(said(at + 1 - i, days.and_then(|d| plus(u64::from(d)))));
    }
    if which.is_some() {
        return None;
    }
    day_month_at(ws, i, today)
}

/// `5 Dec`, `5th of December`, `Dec 5`, each with an optional year (`Dec 5, 2027`).
fn day_month_at(ws: &[Word], i: usize, today: NaiveDate) -> Option<DateSaid> {
    let first = ws.get(i)?;
    let (day, mon, n) = if let Some(day) = day_number(first) {
        let of = usize::from(ws.get(i + 1).is_some_and(|w| w.low == "of"));
        (day, month(ws.get(i + 1 + of)?)?, 2 + of)
    } else {
        let mon = month(first)?;
        (day_number(ws.get(i + 1)?)?, mon, 2)
    };
    let (date, n) = match year_at(ws, i + n) {
        Some(y) => (NaiveDate::from_ymd_opt(y, mon, day), n + 1),
        None => (nearest(today, mon, day), n),
    };
    Some(DateSaid {
        words: i..i + n,
        date,
        tonight: false,
    })
}

/// How many known-name words start at `i`, and whose name it is: the longest match.
fn known_at<'p>(ws: &[Word], i: usize, people: &'p [String]) -> Option<(usize, &'p str)> {
    people
        .iter()
        .filter_map(|name| {
            let parts: Vec<String> = name.split_whitespace().map(fold).collect();
            let fits = !parts.is_empty()
                && ws.len() - i >= parts.len()
                && parts.iter().zip(&ws[i..]).all(|(p, w)| *p == fold(w.core));
            fits.then_some((parts.len(), name.as_str()))
        })
        .max_by_key(|(n, _)| *n)
}

/// A word that may be part of a name not yet known: letters (with `'` or `-`), not a keyword.
fn namelike(w: &Word) -> bool {
    !w.core.is_empty()
        && w.core
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        && !keyword(w)
}

/// Reads `text`. Never fails: what it cannot read stays in `what`.
pub fn read(text: &str, cx: Context<'_>) -> Quick {
    let ws = words(text);
    let mut r = Reader {
        used: vec![None; ws.len()],
        ws,
        cx,
    };
    let mut q = Quick::default();
    if let Some(who) = r.promised_by() {
        q.who = Some(who);
        q.by = Some(Direction::Theirs);
    }
    let (times, zones) = r.times_and_zones();
    let mut time = one(times.iter().map(|(_, t)| *t));
    for (range, _) in &zones {
        r.mark(range, Part::Zone);
    }
    let zone = one(zones.iter().map(|(_, z)| z.clone()));
    if zone.is_none() {
        r.used
            .iter_mut()
            .filter(|u| **u == Some(Part::Zone))
            .for_each(|u| *u = None);
    }
    let mut dates = r.dates(&times);
    // "tonight" is today only with an evening time; with a morning one, neither is read.
    if let Some(t) = time.flatten() {
        if t.hour() < 12 && dates.iter().any(|(_, d, _)| d.tonight) {
            time = None;
        }
    }
    let time = time.flatten();
    for (_, d, deadline) in &mut dates {
        if d.tonight && time.is_none() || *deadline && time.is_none() {
            d.date = None;
        }
    }
    let date = one(dates.iter().map(|(_, d, _)| d.date)).flatten();
    if date.is_some() {
        for (range, ..) in &dates {
            r.mark(range, Part::Date);
        }
    }
    if time.is_some() {
        for (range, _) in &times {
            r.mark(range, Part::Time);
        }
    }
    if q.who.is_none() {
        if let Some((who, by)) = r.person() {
            q.who = Some(who);
            q.by = by;
        }
    }
    q.date = date;
    q.time = time;
    q.zone = zone;
    q.read = spans(&r.ws, &r.used);
    let removed = q.read.iter().filter(|r| r.part.removed()).map(|r| &r.span);
    q.what = remainder(text, removed);
    q
}

/// The line's words, and which part each was read as so far.
struct Reader<'a> {
    ws: Vec<Word<'a>>,
    used: Vec<Option<Part>>,
    cx: Context<'a>,
}

/// Words read as a time, with the time (`None` where it is not a real one).
type Times = Vec<(Range<usize>, Option<NaiveTime>)>;

impl Reader<'_> {
    /// Whether the words `r` are all in the line and none is read yet.
    fn free(&self, r: Range<usize>) -> bool {
        r.end <= self.ws.len() && self.used[r].iter().all(Option::is_none)
    }

    fn mark(&mut self, r: &Range<usize>, part: Part) {
        self.used[r.clone()].fill(Some(part));
    }

    /// `from Cy:` at the start: who made the promise.
    fn promised_by(&mut self) -> Option<String> {
        let ws = &self.ws;
        if ws.first()?.low != "from" {
            return None;
        }
        let end = (1..ws.len().min(4)).find(|&k| ws[k].colon)?;
        let name = &ws[1..=end];
        if !name.iter().all(namelike) {
            return None;
        }
        let typed = name.iter().map(|w| w.core).collect::<Vec<_>>().join(" ");
        let who = known_at(ws, 1, self.cx.people)
            .filter(|(n, _)| *n == end)
            .map_or(typed, |(_, known)| known.to_owned());
        self.mark(&(0..end + 1), Part::From);
        Some(who)
    }

    /// Times, each with `at` in front and a zone after. Two different ones: none is read.
    fn times_and_zones(&self) -> (Times, Vec<(Range<usize>, Zone)>) {
        let ws = &self.ws;
        let mut times: Times = Vec::new();
        let mut zones = Vec::new();
        for i in 0..ws.len() {
            let Some((time, n)) = time_at(ws, i).filter(|&(_, n)| self.free(i..i + n)) else {
                continue;
            };
            if times.last().is_some_and(|(r, _)| r.end > i) {
                continue;
            }
            let at = usize::from(
                i > 0
                    && matches!(ws[i - 1].low.as_str(), "at" | "@" | "by")
                    && self.used[i - 1].is_none(),
            );
            times.push((i - at..i + n, time));
            let into = ws.get(i + n).is_some_and(|w| w.low == "in");
            let after = i + n + usize::from(into);
            let zone = (1..=4).rev().find_map(|k| {
                let words = ws.get(after..after + k)?;
                let plain = words
                    .iter()
                    .all(|w| !w.core.starts_with(|c: char| c.is_ascii_digit()) && !keyword(w));
                // Said as a zone: after "in", with a capital ("Berlin", "EST") or as an IANA
                // name. Not a lowercase word right after a time: "6:00 wake up" is no
                // Pacific/Wake.
                let zonelike = into || words[0].capital() || words[0].core.contains('/');
                (plain && zonelike && self.free(after..after + k))
                    .then(|| {
                        Zone::find(
                            self.cx.rules,
                            &words.iter().map(|w| w.core).collect::<Vec<_>>().join(" "),
                        )
                        .ok()
                    })
                    .flatten()
                    .map(|z| (i + n..after + k, z))
            });
            zones.extend(zone);
        }
        (times, zones)
    }

    /// Dates, with the words in front that belong to them (and whether those make it a
    /// deadline: `by`, `until`, `before`).
    fn dates(&self, times: &Times) -> Vec<(Range<usize>, DateSaid, bool)> {
        let (ws, cx) = (&self.ws, self.cx);
        let today = cx.now.local(cx.mine.offset_at(cx.rules, cx.now)).date();
        let mut dates = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let found = date_at(ws, i, today).filter(|d| {
                self.free(d.words.clone())
                    && times
                        .iter()
                        .all(|(r, _)| r.end <= d.words.start || r.start >= d.words.end)
            });
            let Some(d) = found else {
                i += 1;
                continue;
            };
            let mut start = d.words.start;
            let mut deadline = false;
            let timed = |k: usize| times.iter().any(|(r, _)| r.contains(&k));
            while start > 0
                && d.words.start - start < 2
                && self.used[start - 1].is_none()
                && !timed(start - 1)
            {
                match ws[start - 1].low.as_str() {
                    "by" | "until" | "before" => deadline = true,
                    "on" | "for" | "due" => {}
                    _ => break,
                }
                start -= 1;
            }
            i = d.words.end;
            dates.push((start..d.words.end, d, deadline));
        }
        dates
    }

    /// `to Ana`, `for Ana`: someone known, or a new name with a capital (and not a zone); the
    /// promise is then the user's. Else a known name in the sentence, with its capital, not as
    /// its first word ("call Bo"): the person, the way left unsaid.
    fn person(&mut self) -> Option<(String, Option<Direction>)> {
        let mut named: Vec<(Range<usize>, String)> = Vec::new();
        for i in 0..self.ws.len() {
            if !matches!(self.ws[i].low.as_str(), "to" | "for") || !self.free(i..i + 1) {
                continue;
            }
            if let Some((n, name)) = self.name_after(i) {
                named.push((i..i + 1 + n, name));
            }
        }
        if let Some(who) = one(named.iter().map(|(_, n)| fold(n))) {
            for (r, _) in &named {
                self.mark(r, Part::To);
            }
            debug_assert!(named.iter().all(|(_, n)| fold(n) == who));
            let who = named.into_iter().next().map(|(_, n)| n)?;
            return Some((who, Some(Direction::Mine)));
        }
        if !named.is_empty() {
            return None;
        }
        let mut mentioned: Vec<(Range<usize>, &str)> = Vec::new();
        let mut i = 1;
        while i < self.ws.len() {
            match known_at(&self.ws, i, self.cx.people) {
                Some((n, name)) if self.ws[i].capital() && self.free(i..i + n) => {
                    mentioned.push((i..i + n, name));
                    i += n;
                }
                _ => i += 1,
            }
        }
        let who = one(mentioned.iter().map(|(_, n)| *n))?.to_owned();
        for (r, _) in &mentioned {
            self.mark(r, Part::Named);
        }
        Some((who, None))
    }

    /// The name after `to` or `for` at word `i`: how many words, and the name.
    fn name_after(&self, i: usize) -> Option<(usize, String)> {
        let ws = &self.ws;
        let known =
            known_at(ws, i + 1, self.cx.people).filter(|(n, _)| self.free(i + 1..i + 1 + n));
        known.map(|(n, name)| (n, name.to_owned())).or_else(|| {
            let n = (i + 1..ws.len().min(i + 3))
                .take_while(|&k| self.used[k].is_none() && namelike(&ws[k]) && ws[k].capital())
                .count();
            let typed = ws[i + 1..i + 1 + n]
                .iter()
                .map(|w| w.core)
                .collect::<Vec<_>>()
                .join(" ");
            (n > 0 && Zone::find(self.cx.rules, &typed).is_err()).then_some((n, typed))
        })
    }
}

/// The one value all of `values` agree on; `None` when there are none or they differ.
fn one<T: PartialEq>(mut values: impl Iterator<Item = T>) -> Option<T> {
    let first = values.next()?;
    values.all(|v| v == first).then_some(first)
}

/// Runs of adjacent words read as the same part, as byte spans (with the spaces between).
fn spans(ws: &[Word], used: &[Option<Part>]) -> Vec<Read> {
    let mut out: Vec<Read> = Vec::new();
    for (i, (w, part)) in ws.iter().zip(used).enumerate() {
        let Some(part) = *part else { continue };
        match out.last_mut() {
            Some(last) if i > 0 && used[i - 1] == Some(part) => last.span.end = w.span.end,
            _ => out.push(Read {
                part,
                span: w.span.clone(),
            }),
        }
    }
    out
}
