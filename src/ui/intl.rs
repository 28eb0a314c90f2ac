//! The browser's own zone database, through `Intl.DateTimeFormat`: every IANA zone, at no
//! cost in WASM size. Implements the domain's [`ZoneRules`].

use crate::domain::{Instant, ZoneRules};
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
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

    #[wasm_bindgen(method, js_name = formatToParts)]
    fn format_to_parts(this: &Formatter, millis: f64) -> Array;

    #[wasm_bindgen(method, js_name = resolvedOptions)]
    fn resolved_options(this: &Formatter) -> Object;

    #[wasm_bindgen(catch, js_namespace = Intl, js_name = supportedValuesOf)]
    fn supported_values_of(key: &str) -> Result<Array, JsValue>;
}

thread_local! {
    /// Building a formatter is the slow part; one per zone is kept.
    static FORMATTERS: RefCell<HashMap<String, Option<Formatter>>> = RefCell::new(HashMap::new());
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
            let f = cache
                .entry(zone.to_owned())
                .or_insert_with(|| formatter(zone));
            f.as_ref()
                .map(|f| f.format_to_parts(at.unix() as f64 * 1000.0))
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

/// Case folding by the browser's Unicode tables (`String.prototype.toLowerCase`), so the WASM
/// carries none of its own.
pub struct BrowserFold;

impl crate::domain::CaseFold for BrowserFold {
    fn lower(&self, text: &str) -> String {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
}
