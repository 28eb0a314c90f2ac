//! Presentation mode, the talk page's part (`talk.html`): one component per file.
//!
//! - `talks`: the list of talks and a new one;
//! - `present` → `console` with `add_topic`, `topic_item`, `current` (with `answers`, `defer`),
//!   `arrange` and `restart`: the presenter's window;
//! - `project`: the audience's window; `stage` keeps both in step (the rules of its keys are
//!   `ui::on_stage`, pure and tested natively);
//! - `summary`: after the talk; `share`: a talk opened from a shared link.

mod add_topic;
mod answers;
mod arrange;
mod console;
mod current;
mod defer;
mod keys_help;
pub mod present;
pub mod project;
mod restart;
pub mod share;
mod stage;
pub mod summary;
pub mod talks;
mod topic_item;
mod topic_row;

use add_topic::AddTopic;
use answers::Answers;
use arrange::Arrange;
use console::Console;
use current::Current;
use defer::Defer;
use keys_help::KeysHelp;
use restart::RestartClock;
use stage::{press, stage_keys, toggle_fullscreen, use_clock, Stage};
use topic_item::TopicItem;
use topic_row::TopicRow;
