//! Small reusable pieces, one per file.

pub mod choice;
pub mod commitment_form;
pub mod commitment_list;
pub mod due_fields;
pub mod field;
pub mod history;
pub mod messages;
pub mod record_chart;
pub mod series_strip;
pub mod track_record;
