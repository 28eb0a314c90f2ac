//! The history every record keeps: what is in force, undo, dates, and reading a stored one back.
//! Tested on a toy record, so these rules are seen apart from any kind's transition table.

use crate::domain::history::{replayed, History, Replayed, Step, Unfit};
use crate::domain::{DomainError, Instant};
use proptest::prelude::*;

#[derive(Debug, Clone, PartialEq)]
enum Tick {
    /// A step; `mine` when the user may take it back.
    Did {
        at: Instant,
        mine: bool,
    },
    Undone {
        at: Instant,
        entry: usize,
    },
}

impl Step for Tick {
    fn at(&self) -> Instant {
        match self {
            Self::Did { at, .. } | Self::Undone { at, .. } => *at,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Self::Did { .. } => "did",
            Self::Undone { .. } => "undone",
        }
    }

    fn undoable(&self) -> bool {
        matches!(self, Self::Did { mine: true, .. })
    }

    fn undoes(&self) -> Option<usize> {
        match self {
            Self::Undone { entry, .. } => Some(*entry),
            _ => None,
        }
    }
}

/// A record whose rules refuse nothing but an undo the history does not allow.
struct Toy(History<Tick>);

impl Replayed for Toy {
    type Entry = Tick;

    fn history(&self) -> &History<Tick> {
        &self.0
    }

    fn replay(&mut self, entry: Tick) -> Result<(), Unfit> {
        if let Tick::Undone { entry: n, .. } = entry {
            self.0.check_undo(n, "this toy has")?;
        }
        self.0.push(entry);
        Ok(())
    }
}

fn at(secs: i64) -> Instant {
    Instant::from_unix(1_800_000_000 + secs)
}

/// What the user tries, one after another: a step (theirs or not), or undoing the last entry.
fn attempts() -> impl Strategy<Value = Vec<Option<bool>>> {
    prop::collection::vec(prop::option::of(any::<bool>()), 0..24)
}

proptest! {
    /// Whatever is tried, the history only grows, an undo is accepted only for the user's own
    /// last step, and the entries in force are exactly those a stack of steps would hold.
    #[test]
    fn in_force_is_every_step_not_taken_back(tries in attempts()) {
        let mut h = History::new(Tick::Did { at: at(0), mine: false });
        let mut model = vec![0usize];
        for (i, t) in tries.into_iter().enumerate() {
            let before = h.len();
            match t {
                Some(mine) => {
                    h.push(Tick::Did { at: h.moment(at(i as i64)), mine });
                    model.push(before);
                }
                None => {
                    let last = before - 1;
                    let allowed = h[last].undoable();
                    prop_assert_eq!(h.check_undo(last, "this toy has").is_ok(), allowed);
                    if last > 0 {
                        prop_assert!(h.check_undo(last - 1, "x").is_err());
                    }
                    if allowed {
                        h.push(Tick::Undone { at: h.moment(at(i as i64)), entry: last });
                        prop_assert!(h.is_undone(last));
                        prop_assert_eq!(model.pop(), Some(last));
                    }
                }
            }
        }
        let in_force: Vec<usize> = h
            .in_force()
            .map(|e| h.iter().position(|x| std::ptr::eq(x, e)).unwrap())
            .collect();
        prop_assert_eq!(in_force, model);
    }

    /// A stored history reads back as it was written, and any entry moved earlier than the one
    /// above it is refused, naming the record and the entry.
    #[test]
    fn a_stored_history_is_read_back_or_refused_by_its_dates(
        gaps in prop::collection::vec(0i64..100, 1..12),
        moved in any::<prop::sample::Index>(),
    ) {
        let mut t = 0;
        let entries: Vec<Tick> = gaps
            .iter()
            .map(|g| { t += g; Tick::Did { at: at(t), mine: true } })
            .collect();
        let read = |entries: Vec<Tick>| {
            let mut rest = entries.into_iter();
            let first = rest.next().unwrap();
            replayed(format_args!("toy 7"), || Ok(Toy(History::new(first))), rest)
        };
        prop_assert_eq!(&read(entries.clone()).unwrap().0[..], &entries[..]);

        let n = moved.index(entries.len());
        let mut made_up = entries.clone();
        if n > 0 {
            made_up[n] = Tick::Did { at: at(-1), mine: true };
            let e = read(made_up).err().unwrap().to_string();
            let said = format!("toy 7: entry {} (did) is dated before the entry above it", n + 1);
            prop_assert!(e.contains(&said), "{}", e);
        }
    }
}

#[test]
fn a_clock_set_back_dates_a_step_at_the_one_it_follows() {
    let h = History::new(Tick::Did {
        at: at(50),
        mine: true,
    });
    assert_eq!(h.moment(at(10)), at(50));
    assert_eq!(h.moment(at(90)), at(90));
    assert_eq!(History::<Tick>::empty().moment(at(10)), at(10));
}

#[test]
fn an_undo_of_anything_but_the_last_own_step_is_refused_in_words() {
    let mut h = History::<Tick>::empty();
    assert_eq!(
        h.check_undo(0, "this toy has"),
        Err(DomainError::ChangedSince("this toy has"))
    );
    h.push(Tick::Did {
        at: at(0),
        mine: false,
    });
    assert_eq!(h.check_undo(0, "x"), Err(DomainError::NotUndoable("did")));
    h.push(Tick::Did {
        at: at(1),
        mine: true,
    });
    assert_eq!(h.check_undo(0, "x"), Err(DomainError::ChangedSince("x")));
    assert_eq!(h.check_undo(1, "x"), Ok(()));
}

#[test]
fn a_refusal_of_the_rules_names_the_record_and_keeps_their_words() {
    let first = Tick::Did {
        at: at(0),
        mine: false,
    };
    let undo = Tick::Undone {
        at: at(1),
        entry: 0,
    };
    let e = replayed(
        format_args!("toy 7"),
        || Ok(Toy(History::new(first))),
        [undo],
    )
    .err()
    .unwrap();
    assert_eq!(
        e,
        DomainError::InvalidHistory(format!("toy 7: {}", DomainError::NotUndoable("did")))
    );
}

#[test]
fn an_entry_after_the_moment_it_was_saved_is_named() {
    let mut h = History::new(Tick::Did {
        at: at(0),
        mine: true,
    });
    h.push(Tick::Did {
        at: at(10),
        mine: true,
    });
    assert_eq!(h.check_dated_by("toy 7", at(10)), Ok(()));
    let e = h.check_dated_by("toy 7", at(9)).unwrap_err().to_string();
    assert!(
        e.contains("toy 7: entry 2 (did) is dated after it was saved"),
        "{e}"
    );
}
