//! Date, time of day and time zone: the three parts of a specific due moment.

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;

/// What the three fields hold, as typed.
#[derive(Debug, Clone, Copy)]
pub struct DueInputs {
    pub date: RwSignal<String>,
    pub time: RwSignal<String>,
    pub zone: RwSignal<String>,
}

impl DueInputs {
    pub fn new(zone: &str) -> Self {
        Self {
            date: RwSignal::new(String::new()),
            time: RwSignal::new(String::new()),
            zone: RwSignal::new(zone.to_owned()),
        }
    }

    /// `<input type=date>` gives `2026-11-24`; an empty or partial value is no date.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.date.get(), "%Y-%m-%d").ok()
    }

    /// `<input type=time>` gives `17:00` (or `17:00:30` with seconds).
    pub fn time(&self) -> Option<NaiveTime> {
        let t = self.time.get();
        NaiveTime::parse_from_str(&t, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(&t, "%H:%M:%S"))
            .ok()
    }

    pub fn clear(&self) {
        self.date.set(String::new());
        self.time.set(String::new());
    }
}

/// The three labelled inputs. `id` prefixes their ids so a page can hold two sets.
#[component]
pub fn DueFields(inputs: DueInputs, #[prop(into)] id: String) -> impl IntoView {
    let (date_id, time_id, zone_id) = (format!("{id}-date"), format!("{id}-time"), format!("{id}-zone"));
    view! {
        <div class="troth-due">
            <div class="troth-field">
                <label for=date_id.clone()>"Date"</label>
                <input id=date_id type="date" required
                    prop:value=move || inputs.date.get()
                    on:input=move |ev| inputs.date.set(event_target_value(&ev))/>
            </div>
            <div class="troth-field">
                <label for=time_id.clone()>"Time"</label>
                <input id=time_id type="time" required
                    prop:value=move || inputs.time.get()
                    on:input=move |ev| inputs.time.set(event_target_value(&ev))/>
            </div>
            <div class="troth-field troth-field--wide">
                <label for=zone_id.clone()>"Time zone"</label>
                <input id=zone_id type="text" list="troth-zones" autocomplete="off" spellcheck="false"
                    prop:value=move || inputs.zone.get()
                    on:input=move |ev| inputs.zone.set(event_target_value(&ev))/>
            </div>
        </div>
    }
}
