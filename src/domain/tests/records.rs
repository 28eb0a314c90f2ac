//! The one collection every kind of record is kept in, against a `BTreeMap` as the model.

use crate::domain::records::{Keyed, Records};
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
struct Rec {
    id: u64,
    tag: u16,
}

impl Keyed for Rec {
    type Id = u64;
    fn key(&self) -> u64 {
        self.id
    }
}

#[derive(Debug, Clone)]
enum Op {
    Insert(Rec),
    Remove(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u64..32, any::<u16>()).prop_map(|(id, tag)| Op::Insert(Rec { id, tag })),
        (0u64..32).prop_map(Op::Remove),
    ]
}

fn model(read: &[Rec]) -> BTreeMap<u64, Rec> {
    read.iter().map(|r| (r.id, r.clone())).collect()
}

proptest! {
    /// Read back in any order, then changed in any way: always what a map would hold, in id
    /// order, each id once, and a later record with an id replaces the earlier; the next id
    /// is past the stored counter and every id ever held, removed ones too.
    #[test]
    fn records_hold_what_a_map_would(
        read in prop::collection::vec((0u64..32, any::<u16>()), 0..40),
        stored in 0u64..40,
        ops in prop::collection::vec(op(), 0..40),
        probe in 0u64..33,
    ) {
        let read: Vec<Rec> = read.into_iter().map(|(id, tag)| Rec { id, tag }).collect();
        let mut map = model(&read);
        let mut next = map.keys().map(|id| id + 1).fold(stored, u64::max);
        let mut records = Records::from_vec(read, stored);
        for op in ops {
            match op {
                Op::Insert(r) => {
                    next = next.max(r.id + 1);
                    map.insert(r.id, r.clone());
                    records.insert(r);
                }
                Op::Remove(id) => prop_assert_eq!(records.remove(id), map.remove(&id)),
            }
        }
        let held: Vec<&Rec> = records.values().collect();
        prop_assert_eq!(held, map.values().collect::<Vec<_>>());
        prop_assert_eq!(records.get(probe), map.get(&probe));
        prop_assert_eq!(records.contains(probe), map.contains_key(&probe));
        prop_assert_eq!(records.next_id(), next);
        prop_assert!(map.keys().all(|&id| id < records.counter()));
        let after: Vec<&Rec> = records.after(probe).collect();
        prop_assert_eq!(after, map.range(probe + 1..).map(|(_, r)| r).collect::<Vec<_>>());
        if let Some(r) = records.get_mut(probe) {
            r.tag = r.tag.wrapping_add(1);
            prop_assert_eq!(records.get(probe).map(|r| r.tag), map.get(&probe).map(|r| r.tag.wrapping_add(1)));
        }
    }
}
