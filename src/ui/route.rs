//! Hash routes (`#/people/3`), parsed and printed by pure functions. A deep link survives a
//! reload on any static host, with no rewrite rules and no router crate in the WASM.

use crate::domain::{CommitmentId, GoalId, PersonId, TalkId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Ledger,
    Commitment(CommitmentId),
    People,
    Person(PersonId),
    /// A goal agreed with someone: its versions, reviews, commitments and successes.
    Goal(GoalId),
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
    /// Someone asks whether what they promised is met: the payload after `#/ask/`.
    Ask(String),
    /// The answer to such a request, back to the one who asked: after `#/reply/`.
    Reply(String),
    /// A commitment sent for the receiver's Troth to keep: after `#/offer/`.
    Offer(String),
    /// Making the link to send about one of the user's commitments: a request once it is
    /// done, an offer while it is open.
    Send(CommitmentId),
    NotFound,
}

/// The separately loaded parts of Troth: one HTML page and one WASM module each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The ledger, commitments and people: `index.html`, the app's address.
    Ledger,
    /// Presentation mode: talks, console, projector, summary, shared talks.
    Talks,
    /// Backups, the calendar file and storage.
    Backup,
    /// Links between two people: a request, its reply, an offer (`link.html`). What the
    /// other person opens, with or without Troth data of their own.
    Links,
}

impl Part {
    /// The page that holds this part, relative to the app's folder.
    pub fn page(self) -> &'static str {
        match self {
            Self::Ledger => "index.html",
            Self::Talks => "talk.html",
            Self::Backup => "backup.html",
            Self::Links => "link.html",
        }
    }
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
            ["goal", id] => id.parse().map_or(Self::NotFound, |n| Self::Goal(GoalId(n))),
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
            ["ask", payload] => Self::Ask((*payload).to_owned()),
            ["reply", payload] => Self::Reply((*payload).to_owned()),
            ["offer", payload] => Self::Offer((*payload).to_owned()),
            ["send", id] => id
                .parse()
                .map_or(Self::NotFound, |n| Self::Send(CommitmentId(n))),
            _ => Self::NotFound,
        }
    }

    /// The part of Troth that shows this route: each part is its own page with its own code.
    pub fn part(&self) -> Part {
        match self {
            Self::Ledger
            | Self::Commitment(_)
            | Self::People
            | Self::Person(_)
            | Self::Goal(_)
            | Self::NotFound => Part::Ledger,
            Self::Talks
            | Self::Present(_)
            | Self::Project(_)
            | Self::Summary(_)
            | Self::Share(_) => Part::Talks,
            Self::Settings => Part::Backup,
            Self::Ask(_) | Self::Reply(_) | Self::Offer(_) | Self::Send(_) => Part::Links,
        }
    }

    /// The `href` that leads here from a page of `here`: only the hash within the same part (no
    /// reload), the part's page and the hash across parts.
    pub fn href_from(&self, here: Part) -> String {
        let part = self.part();
        if part == here {
            self.href()
        } else {
            format!("{}{}", part.page(), self.href())
        }
    }

    /// The hash that leads here within its own part's page.
    pub fn href(&self) -> String {
        match self {
            Self::Ledger | Self::NotFound => "#/".into(),
            Self::Commitment(id) => format!("#/c/{id}"),
            Self::People => "#/people".into(),
            Self::Person(id) => format!("#/people/{id}"),
            Self::Goal(id) => format!("#/goal/{id}"),
            Self::Talks => "#/talks".into(),
            Self::Settings => "#/settings".into(),
            Self::Present(id) => format!("#/talks/{id}/present"),
            Self::Project(id) => format!("#/talks/{id}/project"),
            Self::Summary(id) => format!("#/talks/{id}/summary"),
            Self::Share(payload) => format!("#/share/{payload}"),
            Self::Ask(payload) => format!("#/ask/{payload}"),
            Self::Reply(payload) => format!("#/reply/{payload}"),
            Self::Offer(payload) => format!("#/offer/{payload}"),
            Self::Send(id) => format!("#/send/{id}"),
        }
    }
}

/// The folder a page's path is in, when it is not the root of its address: Troth then shares
/// its origin (storage, service workers) with whatever else that address serves.
pub fn shared_folder(path: &str) -> Option<&str> {
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    (folder.len() > 1).then_some(folder)
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
            Route::Goal(GoalId(5)),
            Route::Talks,
            Route::Settings,
            Route::Present(TalkId(2)),
            Route::Project(TalkId(2)),
            Route::Summary(TalkId(2)),
            Route::Share("eJy-_0".into()),
            Route::Ask("H4sI-_0".into()),
            Route::Reply("H4sI-_1".into()),
            Route::Offer("H4sI-_2".into()),
            Route::Send(CommitmentId(7)),
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

    #[test]
    fn links_stay_in_the_page_within_a_part_and_name_the_page_across() {
        assert_eq!(
            Route::Person(PersonId(3)).href_from(Part::Ledger),
            "#/people/3"
        );
        assert_eq!(
            Route::Commitment(CommitmentId(4)).href_from(Part::Talks),
            "index.html#/c/4"
        );
        // An old link to the projector on the app's address reaches the talk page.
        let old = Route::parse("#/talks/3/project");
        assert_eq!(old.part(), Part::Talks);
        assert_eq!(old.href_from(Part::Ledger), "talk.html#/talks/3/project");
        assert_eq!(
            Route::Settings.href_from(Part::Talks),
            "backup.html#/settings"
        );
        assert_eq!(Route::Share("x".into()).part(), Part::Talks);
        assert_eq!(Route::NotFound.part(), Part::Ledger);
        assert_eq!(
            Route::Goal(GoalId(1)).part(),
            Part::Ledger,
            "goals load with the ledger"
        );
        assert_eq!(
            Route::Reply("x".into()).href_from(Part::Ledger),
            "link.html#/reply/x"
        );
    }

    #[test]
    fn a_page_in_a_folder_is_said_to_share_its_address() {
        for root in ["", "/", "/index.html", "/link.html"] {
            assert_eq!(shared_folder(root), None, "{root}");
        }
        assert_eq!(shared_folder("/troth/"), Some("/troth/"));
        assert_eq!(shared_folder("/you/troth/link.html"), Some("/you/troth/"));
    }
}
