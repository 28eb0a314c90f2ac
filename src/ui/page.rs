//! This page: which part of Troth it holds, the route it shows, the time and zone it shows
//! them in, how it looks, and whether the browser keeps its data.

use crate::domain::{Instant, Zone};
use crate::ui::intl::{self, IntlDates, IntlZones};
use crate::ui::looks::Looks;
use crate::ui::route::{Part, Route};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Page {
    /// The part this page holds.
    pub part: Part,
    pub route: RwSignal<Route>,
    /// Now, refreshed every 30 s so "overdue" and "due soon" move on their own.
    pub now: RwSignal<Instant>,
    /// The zone of this browser's clock: the user's own.
    pub my_zone: StoredValue<Zone>,
    /// Whether the browser promised to keep Troth's data (`None` until it answers).
    pub persisted: RwSignal<Option<bool>>,
    pub looks: Looks,
}

impl Page {
    /// A freshly opened page of `part`.
    pub fn new(part: Part) -> Self {
        let my_zone = Zone::parse(&IntlZones, &intl::browser_zone())
            .or_else(|_| Zone::parse(&IntlZones, "UTC"))
            .unwrap_or_else(|_| unreachable!("every browser knows UTC"));
        Self {
            part,
            route: RwSignal::new(current_route()),
            now: RwSignal::new(intl::now()),
            my_zone: StoredValue::new(my_zone),
            persisted: RwSignal::new(None),
            looks: Looks::new(),
        }
    }

    /// Goes to `route`, as following a link would: within this part's page by its hash, to
    /// another part by loading that part's page.
    pub fn go(&self, route: &Route) {
        if route.part() == self.part {
            let _ = window().location().set_hash(&route.href());
        } else {
            let _ = window().location().assign(&route.href_from(self.part));
        }
    }

    /// Zone arithmetic, by the browser's `Intl`.
    pub fn rules(&self) -> &'static IntlZones {
        &IntlZones
    }

    /// Dates and times written in the browser's locale, by its `Intl`.
    pub fn dates(&self) -> &'static IntlDates {
        &IntlDates
    }
}

/// The route the address names now.
pub fn current_route() -> Route {
    Route::parse(&location_hash().unwrap_or_default())
}
