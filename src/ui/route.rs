//! Hash routes (`#/people/3`), parsed and printed by pure functions. A deep link survives a
//! reload on any static host, with no rewrite rules and no router crate in the WASM.

use crate::domain::{CommitmentId, PersonId, TalkId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Ledger,
    Commitment(CommitmentId),
    People,
    Person(PersonId),
    Talks,
    /// The presenter's console: topics and their controls.
    Present(TalkId),
    /// The audience's window, for the projector.
    Project(TalkId),
    /// After the talk.
    Summary(TalkId),
    /// Keeping the data: backups, the calendar file, storage.
    Settings,
    /// A talk shared by link: the payload after `#/share/`.
    Share(String),
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
            ["talks"] => Self::Talks,
            ["settings"] => Self::Settings,
            ["talks", id, rest @ ..] => {
                let Ok(id) = id.parse().map(TalkId) else {
                    return Self::NotFound;
                };
                match rest {
                    [] | ["present"] => Self::Present(id),
                    ["project"] => Self::Project(id),
                    ["summary"] => Self::Summary(id),
                    _ => Self::NotFound,
                }
            }
            ["share", payload] => Self::Share((*payload).to_owned()),
            _ => Self::NotFound,
        }
    }

    /// The `href` that leads here.
    pub fn href(&self) -> String {
        match self {
            Self::Ledger | Self::NotFound => "#/".into(),
            Self::Commitment(id) => format!("#/c/{id}"),
            Self::People => "#/people".into(),
            Self::Person(id) => format!("#/people/{id}"),
            Self::Talks => "#/talks".into(),
            Self::Settings => "#/settings".into(),
            Self::Present(id) => format!("#/talks/{id}/present"),
            Self::Project(id) => format!("#/talks/{id}/project"),
            Self::Summary(id) => format!("#/talks/{id}/summary"),
            Self::Share(payload) => format!("#/share/{payload}"),
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
            Route::Talks,
            Route::Settings,
            Route::Present(TalkId(2)),
            Route::Project(TalkId(2)),
            Route::Summary(TalkId(2)),
            Route::Share("eJy-_0".into()),
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
        assert_eq!(Route::parse(""), Route::Ledger);
        assert_eq!(Route::parse("#"), Route::Ledger);
        assert_eq!(Route::parse("#/people/"), Route::People);
        assert_eq!(Route::parse("#/people/x"), Route::NotFound);
        assert_eq!(Route::parse("#/c/-1"), Route::NotFound);
        assert_eq!(Route::parse("#/nowhere"), Route::NotFound);
        assert_eq!(Route::parse("#/talks/2"), Route::Present(TalkId(2)));
        assert_eq!(Route::parse("#/talks/2/elsewhere"), Route::NotFound);
    }
}
