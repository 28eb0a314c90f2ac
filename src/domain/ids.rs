//! Newtype ids: a `PersonId` can never be passed where a `CommitmentId` is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl From<u64> for $name {
            fn from(n: u64) -> Self {
                Self(n)
            }
        }

        impl From<$name> for u64 {
            fn from(id: $name) -> u64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id!(
    /// Someone the user makes commitments to.
    PersonId
);
id!(
    /// One commitment, stable for its whole life.
    CommitmentId
);
id!(
    /// One talk.
    TalkId
);
id!(
    /// One topic, unique within its talk.
    TopicId
);
id!(
    /// One goal agreed with someone, stable through its versions.
    GoalId
);
id!(
    /// One raised hand: a private note of where trust seems absent.
    HandId
);
id!(
    /// One success affirmed with someone.
    SuccessId
);
