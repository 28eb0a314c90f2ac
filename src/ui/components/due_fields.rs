//! Date, time of day and time zone: the three parts of a specific due moment, with the moment
//! on both clocks and the zone it is stated in always in sight.

use crate::domain::{
    describe_due, parse_date_input, parse_time_input, DomainError, Due, Zone, ZoneRules,
};
use crate::ui::app::Troth;
use crate::ui::components::field::TextField;
use crate::ui::intl::IntlDates;
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
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

    /// The fields holding `due` as it was stated, in its own zone (to correct it).
    pub fn of(due: &Due, rules: &dyn ZoneRules) -> Self {
        let local = due.local(rules);
        let inputs = Self::new(due.zone.name());
        inputs.fill(Some(local.date()), Some(local.time()), &due.zone);
        inputs
    }

    /// All three set at once: a part not given is emptied (and the zone is always given), so
    /// nothing of what the fields held before mixes into the moment.
    pub fn fill(&self, date: Option<NaiveDate>, time: Option<NaiveTime>, zone: &Zone) {
        // Not chrono's strftime: its formatter costs ~20 KB of WASM.
        self.date.set(date.map_or_else(String::new, |d| {
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        }));
        self.time.set(time.map_or_else(String::new, |t| {
            format!("{:02}:{:02}", t.hour(), t.minute())
        }));
        self.zone.set(zone.name().to_owned());
    }

    pub fn date(&self) -> Option<NaiveDate> {
        parse_date_input(&self.date.get())
    }

    pub fn time(&self) -> Option<NaiveTime> {
        parse_time_input(&self.time.get())
    }

    /// The zone as the user means it: `New York` is `America/New_York`.
    pub fn zone(&self, rules: &dyn ZoneRules) -> Result<Zone, DomainError> {
        Zone::find(rules, &self.zone.get())
    }

    /// The due moment the three fields state, or why they do not state one.
    pub fn due(&self, rules: &dyn ZoneRules) -> Result<Due, String> {
        let (Some(date), Some(time)) = (self.date(), self.time()) else {
            return Err("A due moment needs a date and a time of day.".into());
        };
        self.zone(rules)
            .and_then(|zone| Due::from_local(rules, zone, date, time))
            .map_err(|e| e.to_string())
    }

    /// Empty again, stated in `zone`: nothing of one commitment carries over to the next.
    pub fn reset(&self, zone: &Zone) {
        self.fill(None, None, zone);
    }
}

/// The three labelled inputs, the zone they are stated in when it is not the user's own, and
/// the moment on both clocks. `other`: the person's name and zone, when known. `id` prefixes
/// the inputs' ids so a page can hold two sets.
#[component]
pub fn DueFields(
    inputs: DueInputs,
    #[prop(into)] id: String,
    #[prop(optional, into)] other: Signal<Option<(String, Zone)>>,
) -> impl IntoView {
    let troth = Troth::get();
    let rules = troth.page.rules();
    let mine = troth.page.my_zone.get_value();
    let (date_id, time_id, zone_id) = (
        format!("{id}-date"),
        format!("{id}-time"),
        format!("{id}-zone"),
    );
    let zone = Memo::new(move |_| inputs.zone(rules).ok());
    let zone_error = Signal::derive(move || {
        let typed = inputs.zone.get();
        match zone.get() {
            Some(_) => None,
            None if typed.trim().is_empty() => {
                Some("Say which time zone the time is in: a city works (“Berlin”).".to_owned())
            }
            None => Some(DomainError::UnknownZone(typed.trim().to_owned()).to_string()),
        }
    });
    // The zones one click away: the user's own, and the other person's.
    let choices = {
        let mine = mine.clone();
        move || {
            let stated = zone.get();
            let mut choices = Vec::new();
            if stated.as_ref() != Some(&mine) {
                choices.push((format!("Use my time zone ({})", mine.city()), mine.clone()));
            }
            if let Some((name, theirs)) = other.get() {
                if stated.as_ref() != Some(&theirs) && theirs != mine {
                    choices.push((format!("Use {name}’s ({})", theirs.city()), theirs));
                }
            }
            choices
        }
    };
    let elsewhere = {
        let mine = mine.clone();
        move || {
            zone.get()
                .filter(|z| *z != mine)
                .map(|z| format!("Stated in {} time, not yours ({}).", z.city(), mine.city()))
        }
    };
    let preview = move || {
        let due = inputs.due(rules).ok()?;
        let other = other.get();
        Some(describe_due(
            rules,
            &IntlDates,
            due.at,
            &mine,
            other.as_ref().map(|(n, z)| (n.as_str(), z)),
        ))
    };
    view! {
        <div class="troth-due">
            <TextField id=date_id label="Date" value=inputs.date kind="date"/>
            <TextField id=time_id label="Time" value=inputs.time kind="time"/>
            <TextField id=zone_id label="Time zone" value=inputs.zone list="troth-zones" wide=true
                error=zone_error/>
            <p class="troth-zone" aria-live="polite">
                <span class="troth-zone__elsewhere">{elsewhere}</span>
                {move || choices().into_iter().map(|(label, z)| view! {
                    <button type="button" class="troth-button troth-button--quiet"
                        on:click=move |_| inputs.zone.set(z.name().to_owned())>{label}</button>
                }).collect_view()}
            </p>
            <p class="troth-preview" aria-live="polite">
                {move || preview().map(|p| view! { "Due " <strong>{p}</strong> })}
            </p>
        </div>
    }
}
