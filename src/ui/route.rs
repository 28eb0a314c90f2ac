//! Hash routes (`#/people/3`), parsed and printed by pure functions. A deep link survives a
//! reload on any static host, with no rewrite rules and no router crate in the WASM.

use crate::domain::{CommitmentId, PersonId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Ledger,
    Commitment(CommitmentId),
    People,
    Person(PersonId),
    NotFound,
}

impl Route {
    /// Parses `location.hash` (with or without its `#`).
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] => Self::Ledger,
            ["c", id] => id
                .parse()
                .map_or(Self::NotFound, |n| Self::Commitment(CommitmentId(n))),
            ["people"] => Self::People,
            ["people", id] => id
                .parse()
                .map_or(Self::NotFound, |n| Self::Person(PersonId(n))),
            _ => Self::NotFound,
        }
    }

    /// The `href` that leads here.
    pub fn href(self) -> String {
        match self {
            Self::Ledger | Self::NotFound => "#/".into(),
            Self::Commitment(id) => format!("#/c/{id}"),
            Self::People => "#/people".into(),
            Self::Person(id) => format!("#/people/{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_print_and_parse_back() {
        for r in [
            Route::Ledger,
            Route::Commitment(CommitmentId(42)),
            Route::People,
            Route::Person(PersonId(3)),
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
        assert_eq!(Route::parse(""), Route::Ledger);
        assert_eq!(Route::parse("#"), Route::Ledger);
        assert_eq!(Route::parse("#/people/"), Route::People);
        assert_eq!(Route::parse("#/people/x"), Route::NotFound);
        assert_eq!(Route::parse("#/c/-1"), Route::NotFound);
        assert_eq!(Route::parse("#/nowhere"), Route::NotFound);
    }
}
