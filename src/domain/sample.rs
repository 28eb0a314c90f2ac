//! Realistic sample commitments, for storage-budget tests and benchmarks: the same sizes of
//! text a person writes, so measured figures mean something.

use crate::domain::{Action, Due};

/// What the `i`-th sample commitment says.
pub fn what(i: usize) -> String {
    format!(
        "Send the revised budget draft for the Q{} review",
        i % 4 + 1
    )
}

/// The four steps after making a sample commitment, for five history entries in all: an early
/// renegotiation to `later`, done, "not yet" with what is missing, done again.
pub fn four_steps(later: Due) -> [Action; 4] {
    [
        Action::Renegotiate {
            due: later,
            reason: "the figures from finance arrive on Wednesday".into(),
        },
        Action::MarkDone,
        Action::NotYet {
            missing: "the appendix with last year's numbers".into(),
        },
        Action::MarkDone,
    ]
}
