//! The browser's own zone database and date formats, through `Intl.DateTimeFormat`: every
//! IANA zone, and every locale's way of writing a moment, at no cost in WASM size. Implements
//! the domain's [`ZoneRules`] and [`DateFormat`].

use crate::domain::{DateFormat, Instant, ZoneRules};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use js_sys::{Array, Object, Reflect};
use std::cell::{OnceCell, RefCell};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type Formatter;

    /// Throws a RangeError for a zone the browser does not know: caught, not a panic.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new_formatter(locale: &str, options: &Object) -> Result<Formatter, JsValue>;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn default_formatter() -> Formatter;

    /// In the browser's own locale (`locales` undefined).
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn local_formatter(locales: &JsValue, options: &Object) -> Formatter;

    /// Throws a RangeError for a moment `Date` cannot hold (beyond ±8.64e15 ms): caught, so a
    /// moment from a link or an old record never stops a page.
    #[wasm_bindgen(catch, method)]
    fn format(this: &Formatter, millis: f64) -> Result<String, JsValue>;

    #[wasm_bindgen(catch, method, js_name = formatToParts)]
    fn format_to_parts(this: &Formatter, millis: f64) -> Result<Array, JsValue>;

    #[wasm_bindgen(method, js_name = resolvedOptions)]
    fn resolved_options(this: &Formatter) -> Object;

    #[wasm_bindgen(catch, js_namespace = Intl, js_name = supportedValuesOf)]
    fn supported_values_of(key: &str) -> Result<Array, JsValue>;
}

thread_local! {
    /// Building a formatter is the slow part; one per zone is kept, sorted by zone: a few
    /// dozen zones at most, found by halving, without a hash map's code in the WASM.
    static FORMATTERS: RefCell<Vec<(String, Option<Formatter>)>> = const { RefCell::new(Vec::new()) };
}

fn formatter(zone: &str) -> Option<Formatter> {
    let options = Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
    ] {
        Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    Formatter::new_formatter("en-US", &options).ok()
}

/// Zone arithmetic backed by the browser.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntlZones;

impl ZoneRules for IntlZones {
    fn offset_at(&self, zone: &str, at: Instant) -> Option<i32> {
        if zone.is_empty() {
            return None;
        }
        let parts = FORMATTERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let at_zone = cache.partition_point(|(z, _)| z.as_str() < zone);
            if cache.get(at_zone).is_none_or(|(z, _)| z != zone) {
                cache.insert(at_zone, (zone.to_owned(), formatter(zone)));
            }
            cache[at_zone]
                .1
                .as_ref()
                .and_then(|f| f.format_to_parts(at.unix() as f64 * 1000.0).ok())
        })?;
        let field = |name: &str| -> Option<i64> {
            parts.iter().find_map(|p| {
                let kind = Reflect::get(&p, &"type".into()).ok()?.as_string()?;
                (kind == name)
                    .then(|| Reflect::get(&p, &"value".into()).ok()?.as_string())
                    .flatten()?
                    .parse()
                    .ok()
            })
        };
        let (y, mo, d) = (field("year")?, field("month")?, field("day")?);
        let (h, mi, s) = (field("hour")?, field("minute")?, field("second")?);
        let local = chrono::NaiveDate::from_ymd_opt(y as i32, mo as u32, d as u32)?
            .and_hms_opt(h as u32, mi as u32, s as u32)?
            .and_utc()
            .timestamp();
        i32::try_from(local - at.unix()).ok()
    }
}

/// The zone this browser's clock is in (`Europe/Berlin`), or UTC if it will not say.
pub fn browser_zone() -> String {
    Reflect::get(
        &Formatter::default_formatter().resolved_options(),
        &"timeZone".into(),
    )
    .ok()
    .and_then(|z| z.as_string())
    .unwrap_or_else(|| "UTC".into())
}

/// The ways Troth writes a wall-clock reading, each a set of `Intl.DateTimeFormat` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    // Each is its formatter's place in `STYLES`.
    Day,
    Date,
    Time,
    DayTime,
}

impl Style {
    fn options(self) -> &'static [(&'static str, &'static str)] {
        const WEEKDAY: (&str, &str) = ("weekday", "short");
        const DAY: (&str, &str) = ("day", "numeric");
        const MONTH: (&str, &str) = ("month", "short");
        const HOUR: (&str, &str) = ("hour", "numeric");
        const MINUTE: (&str, &str) = ("minute", "2-digit");
        match self {
            Self::Day => &[WEEKDAY, DAY, MONTH],
            Self::Date => &[WEEKDAY, DAY, MONTH, ("year", "numeric")],
            Self::Time => &[HOUR, MINUTE],
            Self::DayTime => &[WEEKDAY, DAY, MONTH, HOUR, MINUTE],
        }
    }
}

thread_local! {
    /// One formatter per style, built on first use: building one is the slow part.
    static STYLES: [OnceCell<Formatter>; 4] = Default::default();
}

/// Dates and times in the browser's own locale: `Tue, Nov 24, 5:00 PM` in en-US,
/// `Di., 24. Nov., 17:00` in de-DE. The domain has already turned the instant into the reading
/// it wants shown, so each formatter writes that reading as if in UTC, where nothing shifts it.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntlDates;

impl IntlDates {
    fn write(self, style: Style, local: NaiveDateTime) -> String {
        let millis = local.and_utc().timestamp_millis() as f64;
        let written = STYLES.with(|cache| {
            cache[style as usize]
                .get_or_init(|| {
                    let options = Object::new();
                    for (k, v) in std::iter::once(&("timeZone", "UTC")).chain(style.options()) {
                        let _ = Reflect::set(&options, &(*k).into(), &(*v).into());
                    }
                    Formatter::local_formatter(&JsValue::UNDEFINED, &options)
                })
                .format(millis)
        });
        written.unwrap_or_else(|_| plain(style, local))
    }
}

/// A reading `Intl` would not write, written plainly: `2026-11-24 17:00`.
fn plain(style: Style, t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let date = format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day());
    let time = format!("{:02}:{:02}", t.hour(), t.minute());
    match style {
        Style::Day | Style::Date => date,
        Style::Time => time,
        Style::DayTime => format!("{date} {time}"),
    }
}

impl DateFormat for IntlDates {
    fn day(&self, date: NaiveDate) -> String {
        self.write(Style::Day, date.and_time(NaiveTime::MIN))
    }

    fn date(&self, date: NaiveDate) -> String {
        self.write(Style::Date, date.and_time(NaiveTime::MIN))
    }

    fn time(&self, time: NaiveTime) -> String {
        self.write(Style::Time, NaiveDate::default().and_time(time))
    }

    fn day_time(&self, local: NaiveDateTime) -> String {
        self.write(Style::DayTime, local)
    }
}

/// A talk's day (stored as `2026-12-01`) in the browser's locale; as stored if it is no date.
pub fn talk_day(stored: &str) -> String {
    crate::domain::parse_date_input(stored).map_or_else(|| stored.to_owned(), |d| IntlDates.date(d))
}

/// Every zone name the browser knows, for the zone pickers.
pub fn known_zones() -> Vec<String> {
    supported_values_of("timeZone")
        .map(|a| a.iter().filter_map(|z| z.as_string()).collect())
        .unwrap_or_default()
}

/// Now, read at the edge and passed down.
pub fn now() -> Instant {
    Instant::from_millis(js_sys::Date::now())
}

/// Case folding and NFC by the browser's Unicode tables (`String.prototype.toLowerCase`,
/// `normalize`), so the WASM carries none of its own.
pub struct BrowserFold;

impl crate::domain::CaseFold for BrowserFold {
    fn lower(&self, text: &str) -> String {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }

    fn nfc(&self, text: &str) -> String {
        String::from(js_sys::JsString::from(text).normalize("NFC"))
    }
}
