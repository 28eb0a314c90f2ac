//! What is due besides commitments, for the ledger: the next review of each goal that has not
//! ended, and each raised hand not yet settled, soonest first.

use crate::domain::{order, Book, Due, GoalId, HandId, Instant, PersonId};

/// Something due that is not a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Review number `review` of a goal.
    Review { goal: GoalId, review: usize },
    /// A raised hand, to raise with them.
    Hand(HandId),
}

/// One row of the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agendum<'b> {
    pub kind: Kind,
    pub with: PersonId,
    pub due: &'b Due,
}

impl Agendum<'_> {
    pub fn is_overdue(&self, now: Instant) -> bool {
        now >= self.due.at
    }
}

/// Every review and raised hand still to hold, soonest first; only those with `person` when
/// one is given.
pub fn agenda(book: &Book, person: Option<PersonId>) -> Vec<Agendum<'_>> {
    let reviews = book.goals().filter_map(|g| {
        let r = g.next_review()?;
        Some(Agendum {
            kind: Kind::Review {
                goal: g.id(),
                review: r.index,
            },
            with: g.with(),
            due: r.due,
        })
    });
    let hands = (book.hands().filter(|h| h.settled().is_none())).map(|h| Agendum {
        kind: Kind::Hand(h.id()),
        with: h.with(),
        due: h.due(),
    });
    let mut list: Vec<Agendum<'_>> = reviews
        .chain(hands)
        .filter(|a| person.is_none_or(|p| p == a.with))
        .collect();
    order::sort_by_key(&mut list, |a| (a.due.at, a.with));
    list
}
