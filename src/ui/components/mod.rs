//! Small reusable pieces, one per file.

pub mod agenda;
pub mod choice;
pub mod commitment_form;
pub mod commitment_list;
pub mod due_fields;
pub mod field;
pub mod goals;
pub mod hands;
pub mod history;
pub mod look_alike;
pub mod messages;
pub mod pick;
pub mod quick_add;
pub mod record_chart;
pub mod series_strip;
pub mod successes;
pub mod track_record;
