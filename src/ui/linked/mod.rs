//! The links part (`link.html`): what a link from another person opens. A request to answer,
//! a reply to record, an offer to keep. Each is read and checked first, shown in plain words,
//! and changes nothing until a button is pressed.

pub mod ask;
pub mod offer;
pub mod reply;
pub mod send;

use crate::domain::{describe_due, Due, Instant, Zone, ZoneRules};

/// A due moment as the link's reader sees it: as it was stated, and in their own time.
fn due_for_reader(rules: &dyn ZoneRules, due: &Due, mine: &Zone) -> String {
    describe_due(rules, due.at, &due.zone, Some(("you", mine)))
}

/// A moment in the reader's own time.
fn when(rules: &dyn ZoneRules, at: Instant, mine: &Zone) -> String {
    crate::domain::format_local(at.local(mine.offset_at(rules, at)))
}
