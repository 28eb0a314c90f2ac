//! The ledger's grouping, filtering and search: what the main page shows, decided here.

use crate::domain::{fold, order, Book, Commitment, Direction, Instant, PersonId, Status, Step};

/// How many rows of a group the ledger shows before "Show all": a screenful or two, so a ledger
/// of ten thousand opens as fast as one of a hundred.
pub const PAGE: usize = 50;

/// How far ahead "due soon" looks.
pub const SOON_SECS: i64 = 48 * 3600;

/// The groups of the ledger, in the order they are shown: what needs attention first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Overdue,
    DueSoon,
    /// Done, waiting for the other person: the user may need to ask them.
    AwaitingAck,
    Later,
    Kept,
    /// Missed or released: ended without being kept.
    Ended,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Overdue,
        Group::DueSoon,
        Group::AwaitingAck,
        Group::Later,
        Group::Kept,
        Group::Ended,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Overdue => "Overdue",
            Self::DueSoon => "Due soon",
            Self::Later => "Later",
            Self::AwaitingAck => "Awaiting acknowledgement",
            Self::Kept => "Kept",
            Self::Ended => "Missed or released",
        }
    }

    /// Whether it has ended: such groups are folded away, with their count shown.
    pub fn ended(self) -> bool {
        matches!(self, Self::Kept | Self::Ended)
    }

    /// A short, stable name for CSS classes and test selectors.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::DueSoon => "soon",
            Self::Later => "later",
            Self::AwaitingAck => "awaiting",
            Self::Kept => "kept",
            Self::Ended => "ended",
        }
    }

    pub fn of(c: &Commitment, now: Instant) -> Self {
        match c.status() {
            Status::Open if now >= c.due().at => Self::Overdue,
            Status::Open if c.due().at.unix() - now.unix() <= SOON_SECS => Self::DueSoon,
            Status::Open => Self::Later,
            Status::AwaitingAck => Self::AwaitingAck,
            Status::Kept => Self::Kept,
            Status::Missed | Status::Released => Self::Ended,
        }
    }
}

/// Which commitments the ledger shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub person: Option<PersonId>,
    /// Only those the user promised, or only those promised to the user; `None`: both.
    pub by: Option<Direction>,
    /// Words that must all appear in what was committed or in the person's name (any case).
    pub query: String,
}

impl Filter {
    pub fn matches(&self, book: &Book, c: &Commitment) -> bool {
        if self.person.is_some_and(|p| p != c.to()) || self.by.is_some_and(|d| d != c.by()) {
            return false;
        }
        if self.query.trim().is_empty() {
            return true;
        }
        let name = book.person(c.to()).map_or("", |p| p.name.as_str());
        let haystack = fold(&format!("{} {}", c.what(), name));
        fold(&self.query)
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// The ledger: each non-empty group with its commitments, in the order a person acts on them
/// (soonest due first while open; most recent first once ended).
pub fn ledger<'b>(
    book: &'b Book,
    filter: &Filter,
    now: Instant,
) -> Vec<(Group, Vec<&'b Commitment>)> {
    let mut groups: Vec<(Group, Vec<&Commitment>)> =
        Group::ALL.iter().map(|&g| (g, Vec::new())).collect();
    for c in book.commitments().filter(|c| filter.matches(book, c)) {
        let g = Group::of(c, now);
        groups
            .iter_mut()
            .find(|(group, _)| *group == g)
            .expect("every group is listed in ALL")
            .1
            .push(c);
    }
    for (group, list) in &mut groups {
        match group {
            Group::Overdue | Group::DueSoon | Group::Later => {
                order::sort_by_key(list, |c| (c.due().at, c.id()));
            }
            _ => order::sort_by_key(list, |c| std::cmp::Reverse((last_at(c), c.id()))),
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    groups
}

fn last_at(c: &Commitment) -> Instant {
    c.history().last().map_or(c.made_at(), Step::at)
}
