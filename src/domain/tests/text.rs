//! Names that look alike, and text that would reverse itself (issue 23, part 2).

use super::{due, zone, NOW};
use crate::domain::link::{Offer, Token, LINK_VERSION};
use crate::domain::Kind;
use crate::domain::{
    clean_name, Book, Command, Commitment, CommitmentId, Direction, DomainError, Person, Recipient,
};

fn with_sam() -> Book {
    let mut b = Book::default();
    b.apply(
        Command::AddPerson {
            name: "Sam".into(),
            zone: zone("Europe/Berlin"),
        },
        NOW,
    )
    .unwrap();
    b
}

/// Invisible and reordering characters around or inside "Sam": each was a new person before.
const SAMS: [&str; 4] = [
    "Sa\u{200b}m",
    "Sam\u{202e}",
    "\u{200f}Sam\u{200e}",
    "\u{2066}Sa\u{feff}m\u{2069}",
];

#[test]
fn invisible_and_reordering_characters_are_not_part_of_a_name() {
    for name in SAMS {
        assert_eq!(clean_name(name).unwrap(), "Sam", "{name:?}");
        let mut b = with_sam();
        assert_eq!(b.person_named(name).map(|p| p.name.as_str()), Some("Sam"));
        assert_eq!(
            b.apply(
                Command::AddPerson {
                    name: name.into(),
                    zone: zone("UTC"),
                },
                NOW,
            ),
            Err(DomainError::NameTaken("Sam".into())),
            "{name:?} is Sam, not someone new"
        );
    }
    // Nothing left once they are gone is no name.
    assert_eq!(clean_name("\u{200b}\u{202e}"), Err(DomainError::EmptyName));
}

#[test]
fn an_offer_from_an_invisibly_different_sam_is_kept_as_from_sam() {
    for name in SAMS {
        let mut b = with_sam();
        let offer = Offer {
            v: LINK_VERSION,
            promise: crate::domain::link::Promise {
                from: name.into(),
                to: "Ana".into(),
                what: "Send the deck".into(),
                due: due("Europe/Berlin", 24, 17, 0),
                made: NOW,
                thread: Token::from_bytes([7; 16]),
            },
        };
        let read = Offer::from_json(&offer.to_json(), &super::TzRules).unwrap();
        assert_eq!(read.promise.from, "Sam", "the link's name is read cleaned");
        b.apply(Command::KeepOffer { offer }, NOW).unwrap();
        assert_eq!(b.people().len(), 1, "{name:?} made nobody new");
        let kept = b.commitments().next().unwrap();
        assert_eq!(b.name_of(kept.to()), "Sam");
        assert_eq!(kept.by(), Direction::Theirs);
    }
}

#[test]
fn names_and_text_are_composed_the_same_way() {
    // "é" as one character and as "e" with a combining accent: one person.
    let mut b = Book::default();
    b.apply(
        Command::AddPerson {
            name: "\u{e9}lodie".into(),
            zone: zone("UTC"),
        },
        NOW,
    )
    .unwrap();
    assert!(b.person_named("e\u{301}lodie").is_some());
    b.apply(
        Command::Make {
            to: Recipient::Existing(b.person_named("Élodie").unwrap().id),
            what: "Cafe\u{301} order".into(),
            due: due("UTC", 24, 17, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(b.commitments().next().unwrap().what(), "Caf\u{e9} order");
}

#[test]
fn an_override_in_text_cannot_reverse_it() {
    let mut b = with_sam();
    let sam = b.person_named("Sam").unwrap().id;
    b.apply(
        Command::Make {
            to: Recipient::Existing(sam),
            what: "Refund \u{202e}0051\u{202c} EUR".into(),
            due: due("UTC", 24, 17, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    let c = b.commitment(CommitmentId(0)).unwrap().clone();
    assert_eq!(c.what(), "Refund 0051 EUR", "it reads as it is stored");
    // A direction mark has honest uses in text (a number beside Hebrew): it stays there.
    let id = CommitmentId(0);
    b.apply(
        Command::Act {
            id,
            action: crate::domain::Action::Release {
                note: "\u{5e9}\u{5e8}\u{5d4} \u{200f}12".into(),
            },
        },
        NOW,
    )
    .unwrap();
    let note = match b.commitment(id).unwrap().history().last().unwrap() {
        crate::domain::Entry::Released { note, .. } => note.clone(),
        e => panic!("{e:?}"),
    };
    assert!(note.contains('\u{200f}'));
    // A stored record with an override (kept before this) reads cleaned, not refused.
    let json = serde_json::to_string(&c)
        .unwrap()
        .replace("Refund 0051", "Refund \\u202e0051");
    assert!(json.contains("\\u202e"));
    let read: Commitment = serde_json::from_str(&json).unwrap();
    assert_eq!(read.what(), "Refund 0051 EUR");
}

#[test]
fn a_stored_name_is_read_cleaned() {
    let p: Person = serde_json::from_str(r#"{"id":3,"name":"Sam\u202e"}"#).unwrap();
    assert_eq!(p.name, "Sam");
    // One that cleaning would leave empty is kept as it was, rather than lost.
    let p: Person = serde_json::from_str(r#"{"id":4,"name":"\u200b"}"#).unwrap();
    assert_eq!(p.name, "\u{200b}");
}

#[test]
fn a_name_that_looks_like_someone_else_is_asked_about() {
    let b = with_sam();
    // A Cyrillic S, a Greek capital alpha, a digit one for l: they read as Sam.
    for name in ["\u{405}am", "S\u{391}M", "\u{405}\u{430}m"] {
        assert_eq!(
            b.looks_like(name).map(|p| p.name.as_str()),
            Some("Sam"),
            "{name:?}"
        );
        assert!(b.person_named(name).is_none(), "not the same name");
    }
    // Sam himself, and names that only share letters, are not asked about.
    for name in ["Sam", "sam", "Sa\u{200b}m", "Sasha", "Som", "Ana"] {
        assert!(b.looks_like(name).is_none(), "{name:?}");
    }
    let mut b = with_sam();
    b.apply(
        Command::AddPerson {
            name: "Bill".into(),
            zone: zone("UTC"),
        },
        NOW,
    )
    .unwrap();
    assert_eq!(b.looks_like("Bi11").map(|p| p.name.as_str()), Some("Bill"));
    // Asked and answered "someone new": the domain makes them (the view asked first).
    b.apply(
        Command::AddPerson {
            name: "\u{405}am".into(),
            zone: zone("UTC"),
        },
        NOW,
    )
    .unwrap();
    assert_eq!(b.people().len(), 3);
}
