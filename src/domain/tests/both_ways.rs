//! Both ways on the ledger: the filter by who promised, and the user's word counted from their
//! own promises only.

use super::{due, zone, NOW};
use crate::domain::ledger::{ledger, Filter, Group};
use crate::domain::Kind;
use crate::domain::{
    Action, Book, Change, Command, CommitmentId, Direction, PersonId, Recipient, Standing,
};

/// A book with Ana and Bo, the user's promise to each, and one Ana made to the user.
fn both_ways() -> (Book, [CommitmentId; 3]) {
    let mut b = Book::default();
    let run = |b: &mut Book, command| match b.apply(command, NOW).unwrap().change {
        Change::Commitment(id) => id,
        other => panic!("{other:?}"),
    };
    let to_ana = run(
        &mut b,
        Command::Make {
            to: Recipient::New {
                name: "Ana".into(),
                zone: zone("America/New_York"),
            },
            what: "Send Ana the slides".into(),
            due: due("Europe/Berlin", 24, 17, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
    );
    let to_bo = run(
        &mut b,
        Command::Make {
            to: Recipient::New {
                name: "Bo".into(),
                zone: zone("UTC"),
            },
            what: "Lend Bo the tripod".into(),
            due: due("UTC", 25, 9, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
    );
    let from_ana = run(
        &mut b,
        Command::Make {
            to: Recipient::Existing(PersonId(0)),
            what: "Review the draft".into(),
            due: due("America/New_York", 24, 12, 0),
            by: Direction::Theirs,
            kind: Kind::Deliver,
        },
    );
    (b, [to_ana, to_bo, from_ana])
}

fn ids(b: &Book, filter: &Filter) -> Vec<CommitmentId> {
    let mut ids: Vec<CommitmentId> = ledger(b, filter, NOW)
        .into_iter()
        .flat_map(|(_, cs)| cs.into_iter().map(|c| c.id()))
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_ledger_filters_by_who_promised() {
    let (b, [to_ana, to_bo, from_ana]) = both_ways();
    let by = |d| Filter {
        by: d,
        ..Filter::default()
    };
    assert_eq!(ids(&b, &by(None)), vec![to_ana, to_bo, from_ana]);
    assert_eq!(ids(&b, &by(Some(Direction::Mine))), vec![to_ana, to_bo]);
    assert_eq!(ids(&b, &by(Some(Direction::Theirs))), vec![from_ana]);
    // With the person and the words too: all of them must hold.
    let ana_mine = Filter {
        person: Some(PersonId(0)),
        by: Some(Direction::Mine),
        query: String::new(),
    };
    assert_eq!(ids(&b, &ana_mine), vec![to_ana]);
    let theirs_about_slides = Filter {
        by: Some(Direction::Theirs),
        query: "slides".into(),
        ..Filter::default()
    };
    assert_eq!(ids(&b, &theirs_about_slides), vec![]);
    let theirs_by_name = Filter {
        by: Some(Direction::Theirs),
        query: "ana DRAFT".into(),
        ..Filter::default()
    };
    assert_eq!(ids(&b, &theirs_by_name), vec![from_ana]);
}

#[test]
fn a_promise_kept_to_the_user_counts_on_their_record_not_the_users_word() {
    let (mut b, [_, _, from_ana]) = both_ways();
    // Ana says it is done (recorded by the user); the user acknowledges it.
    for action in [Action::MarkDone, Action::Acknowledge { how: None }] {
        b.apply(
            Command::Act {
                id: from_ana,
                action,
            },
            NOW.plus_secs(60),
        )
        .unwrap();
    }
    let later = NOW.plus_secs(120);
    let kept = ledger(&b, &Filter::default(), later);
    assert_eq!(kept.last().unwrap().0, Group::Kept);
    assert_eq!(kept.last().unwrap().1[0].id(), from_ana);

    // The user's word: their own two promises, nothing ended.
    let mine = Standing::of(b.commitments_by(Direction::Mine), later);
    assert_eq!(mine.record.made, 2);
    assert_eq!(mine.record.kept(), 0);
    assert_eq!(mine.headline(), "nothing has ended yet");

    // Ana's word to the user: kept on time, acknowledged by the user's own hand.
    let ana = PersonId(0);
    let hers = Standing::of(
        b.commitments_to(ana)
            .filter(|c| c.by() == Direction::Theirs),
        later,
    );
    assert_eq!(hers.record.made, 1);
    assert_eq!(hers.record.kept_on_time, 1);
    assert_eq!(hers.record.acknowledged_by_them, 0);
    assert_eq!(hers.record.acknowledged_by_hand(), 1);
    assert_eq!(hers.headline(), "100% kept as agreed");
    let my_word_to_ana = Standing::of(
        b.commitments_to(ana).filter(|c| c.by() == Direction::Mine),
        later,
    );
    assert_eq!(my_word_to_ana.record.made, 1);
    assert_eq!(my_word_to_ana.record.in_progress, 1);
}
