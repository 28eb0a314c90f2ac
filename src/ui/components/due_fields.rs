//! Date, time of day and time zone: the three parts of a specific due moment.

use crate::domain::{parse_date_input, parse_time_input};
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

    pub fn date(&self) -> Option<NaiveDate> {
        parse_date_input(&self.date.get())
    }

    pub fn time(&self) -> Option<NaiveTime> {
        parse_time_input(&self.time.get())
    }

    pub fn clear(&self) {
        self.date.set(String::new());
        self.time.set(String::new());
    }
}

/// The three labelled inputs. `id` prefixes their ids so a page can hold two sets.
#[component]
pub fn DueFields(inputs: DueInputs, #[prop(into)] id: String) -> impl IntoView {
    let (date_id, time_id, zone_id) = (
        format!("{id}-date"),
        format!("{id}-time"),
        format!("{id}-zone"),
    );
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
