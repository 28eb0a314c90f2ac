//! Date, time of day and time zone: the three parts of a specific due moment.

use crate::domain::{parse_date_input, parse_time_input, Due, Zone, ZoneRules};
use crate::ui::components::field::TextField;
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

    /// The due moment the three fields state, or why they do not state one.
    pub fn due(&self, rules: &dyn ZoneRules) -> Result<Due, String> {
        let (Some(date), Some(time)) = (self.date(), self.time()) else {
            return Err("A due moment needs a date and a time of day.".into());
        };
        Zone::parse(rules, &self.zone.get_untracked())
            .and_then(|zone| Due::from_local(rules, zone, date, time))
            .map_err(|e| e.to_string())
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
            <TextField id=date_id label="Date" value=inputs.date kind="date"/>
            <TextField id=time_id label="Time" value=inputs.time kind="time"/>
            <TextField id=zone_id label="Time zone" value=inputs.zone list="troth-zones" wide=true/>
        </div>
    }
}
