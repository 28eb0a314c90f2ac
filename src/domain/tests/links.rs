//! Both ways: requests and their replies by link, offers kept by the other side, commitments
//! promised to the user, and the two records.

use super::{due, make_to_ana, TzRules, NOW};
use crate::domain::link::{
    check_payload, Answer, LinkError, Offer, Reply, Request, Token, LINK_VERSION,
};
use crate::domain::Kind;
use crate::domain::Refusal;
use crate::domain::{
    Action, Book, Command, CommitmentId, Direction, DomainError, Entry, Instant, Recipient, Status,
    TrackRecord,
};
use proptest::prelude::*;

fn t(n: u8) -> Token {
    Token::from_bytes([n; 16])
}

fn h(hours: i64) -> Instant {
    NOW.plus_secs(hours * 3600)
}

/// Sam's book: one commitment to Ana, done, and Sam's name set.
fn sams() -> (Book, CommitmentId) {
    let mut b = Book::default();
    let run = |b: &mut Book, c: Command| b.apply(c, NOW).unwrap();
    run(
        &mut b,
        Command::SetName {
            name: " Sam ".into(),
        },
    );
    run(&mut b, make_to_ana("Send the deck <b>now</b>"));
    let id = CommitmentId(0);
    act(&mut b, id, Action::MarkDone, 1);
    (b, id)
}

fn act(b: &mut Book, id: CommitmentId, action: Action, hour: i64) {
    b.apply(Command::Act { id, action }, h(hour)).unwrap();
}

/// What Ana's browser does with a request: read it back from its JSON and answer it.
fn answer(request: &Request, answer: Answer, hour: i64) -> Reply {
    let read = Request::from_json(&request.to_json(), &TzRules).unwrap();
    assert_eq!(&read, request);
    let reply = read.reply(answer, h(hour)).unwrap();
    let back = Reply::from_json(&reply.to_json()).unwrap();
    assert_eq!(back, reply);
    back
}

/// What Sam's Troth does with a reply link: check it, then record it.
fn record(b: &mut Book, reply: Reply, hour: i64) -> Result<(), DomainError> {
    let reply = b.verify(&reply)?;
    b.apply(Command::RecordReply { reply }, h(hour)).map(|_| ())
}

#[test]
fn tokens_are_22_url_safe_characters_and_read_back() {
    let token = Token::from_bytes([0xff; 16]);
    assert_eq!(token.as_str(), "D_____________________");
    assert_eq!(
        Token::from_bytes([0; 16]).as_str(),
        "AAAAAAAAAAAAAAAAAAAAAA"
    );
    let json = serde_json::to_string(&token).unwrap();
    assert_eq!(serde_json::from_str::<Token>(&json).unwrap(), token);
    for bad in [
        "",
        "AAAA",
        "EAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAA+",
        "AAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        assert!(
            serde_json::from_str::<Token>(&format!("\"{bad}\"")).is_err(),
            "{bad}"
        );
    }
    // A token is a secret: debug output shows only its start.
    assert_eq!(format!("{token:?}"), "Token(D___…)");
}

#[test]
fn a_request_answered_not_yet_then_yes_reopens_then_keeps_it_by_their_own_word() {
    let (mut sam, id) = sams();
    assert_eq!(
        Request::of(&sam, id, "Sam", t(1)).unwrap().promise.thread,
        t(1)
    );
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(1),
            id: None,
        },
        2,
    );
    let first = Request::of(&sam, id, "Sam", t(1)).unwrap();
    assert_eq!(first.promise.from, "Sam");
    assert_eq!(first.promise.to, "Ana");
    assert_eq!(
        first.promise.what, "Send the deck <b>now</b>",
        "markup is text"
    );
    assert_eq!(first.done, h(1));
    assert_eq!(sam.asked(&t(1)).map(|a| a.id), Some(id));

    let not_yet = answer(
        &first,
        Answer::NotYet {
            missing: "the appendix".into(),
        },
        3,
    );
    assert_eq!(not_yet.by, "Ana");
    record(&mut sam, not_yet.clone(), 4).unwrap();
    let c = sam.commitment(id).unwrap();
    assert_eq!(c.status(), Status::Open, "not yet reopens it");
    assert_eq!(c.missing(), Some("the appendix"));
    assert_eq!(c.history().last().unwrap().reply(), Some(&t(1)));
    // The same reply again is refused, saying when and what it said.
    assert_eq!(
        sam.check_reply(&t(1)),
        Err(Refusal::Answered {
            at: h(4),
            answer: Answer::NotYet {
                missing: "the appendix".into()
            }
        })
    );
    let before = sam.clone();
    assert_eq!(record(&mut sam, not_yet, 5), Err(DomainError::ReplyRefused));
    assert_eq!(sam, before, "a refusal changes nothing");

    act(&mut sam, id, Action::MarkDone, 6);
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(2),
            id: None,
        },
        6,
    );
    let second = Request::of(&sam, id, "Sam", t(2)).unwrap();
    assert_eq!(
        second.promise.thread,
        t(1),
        "every link about it shares its thread"
    );
    let yes = answer(
        &second,
        Answer::Met {
            note: Some("  thanks, all there ".into()),
        },
        7,
    );
    record(&mut sam, yes, 8).unwrap();
    let c = sam.commitment(id).unwrap();
    assert_eq!(c.status(), Status::Kept);
    assert!(
        matches!(c.history().last(), Some(Entry::Acknowledged { how: Some(h), reply: Some(_), .. }) if h == "thanks, all there")
    );
    let record = TrackRecord::of(sam.commitments_by(Direction::Mine));
    assert_eq!(
        (
            record.kept(),
            record.acknowledged_by_them,
            record.acknowledged_by_hand()
        ),
        (1, 1, 0)
    );
}

#[test]
fn a_reply_is_refused_for_an_unknown_a_replaced_or_a_changed_request() {
    let (mut sam, id) = sams();
    let request = |b: &Book, n| Request::of(b, id, "Sam", t(n)).unwrap();
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(1),
            id: None,
        },
        2,
    );
    let old = answer(&request(&sam, 1), Answer::Met { note: None }, 3);

    // Another browser, or a reset: no request here has that token.
    let (mut elsewhere, _) = sams();
    assert_eq!(elsewhere.check_reply(&t(1)), Err(Refusal::Unknown));
    assert_eq!(
        record(&mut elsewhere, old.clone(), 3),
        Err(DomainError::NoSuchRequest)
    );

    // A newer request replaced it.
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(2),
            id: None,
        },
        4,
    );
    assert_eq!(
        sam.check_reply(&t(1)),
        Err(Refusal::Replaced { id, asked: h(4) })
    );
    assert_eq!(record(&mut sam, old, 5), Err(DomainError::ReplyRefused));

    // The commitment changed since: recorded by hand, then renegotiated.
    let newer = answer(&request(&sam, 2), Answer::Met { note: None }, 5);
    act(
        &mut sam,
        id,
        Action::NotYet {
            missing: "slides".into(),
        },
        6,
    );
    assert_eq!(
        sam.check_reply(&t(2)),
        Err(Refusal::Changed {
            id,
            what: "not yet",
            at: h(6)
        })
    );
    act(
        &mut sam,
        id,
        Action::Renegotiate {
            due: due("Europe/Berlin", 26, 9, 0),
            reason: "more slides".into(),
        },
        7,
    );
    assert_eq!(
        sam.check_reply(&t(2)),
        Err(Refusal::Changed {
            id,
            what: "renegotiated",
            at: h(7)
        }),
        "a renegotiation is what is said"
    );
    assert_eq!(record(&mut sam, newer, 8), Err(DomainError::ReplyRefused));

    // Nobody without a request's token can record an answer, even naming the commitment.
    let made_up = Action::Reply {
        token: t(9),
        answer: Answer::Met { note: None },
    };
    act(&mut sam, id, Action::MarkDone, 9);
    assert_eq!(
        sam.apply(
            Command::Act {
                id,
                action: made_up
            },
            h(9)
        ),
        Err(DomainError::NoSuchRequest)
    );
}

#[test]
fn what_others_promise_mirrors_the_lifecycle_and_has_its_own_record() {
    let mut b = Book::default();
    b.apply(
        Command::Make {
            to: Recipient::NameOnly("Ana".into()),
            what: "Review my draft".into(),
            due: due("America/New_York", 24, 9, 0),
            by: Direction::Theirs,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    let id = CommitmentId(0);
    let c = b.commitment(id).unwrap();
    assert_eq!(c.by(), Direction::Theirs);
    // Links go out only about the user's own promises.
    assert!(matches!(
        b.apply(
            Command::Act {
                id,
                action: Action::Offer { token: t(1) }
            },
            h(1)
        ),
        Err(DomainError::NotAllowed { .. })
    ));
    assert!(Offer::of(&b, id, "Sam", t(1)).is_none());
    act(
        &mut b,
        id,
        Action::Renegotiate {
            due: due("America/New_York", 25, 9, 0),
            reason: "sick".into(),
        },
        2,
    );
    act(&mut b, id, Action::MarkDone, 3);
    assert!(matches!(
        b.apply(
            Command::Act {
                id,
                action: Action::Ask {
                    token: t(1),
                    id: None
                }
            },
            h(3)
        ),
        Err(DomainError::NotAllowed { .. })
    ));
    act(&mut b, id, Action::Acknowledge { how: None }, 4);
    let theirs = TrackRecord::of(b.commitments_by(Direction::Theirs));
    assert_eq!(
        (
            theirs.made,
            theirs.kept_after_early_renegotiation,
            theirs.renegotiated_early
        ),
        (1, 1, 1)
    );
    assert_eq!(
        TrackRecord::of(b.commitments_by(Direction::Mine)).made,
        0,
        "the user's own word is untouched"
    );
}

#[test]
fn an_answer_kept_on_the_other_side_is_a_commitment_from_the_asker_once() {
    let (mut sam, id) = sams();
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(1),
            id: None,
        },
        2,
    );
    let first = Request::of(&sam, id, "Sam", t(1)).unwrap();
    let mut ana = Book::default();
    let keep = |ana: &mut Book, request: &Request, answer: Answer, hour| {
        ana.apply(
            Command::KeepAnswer {
                request: Box::new(request.clone()),
                answer,
            },
            h(hour),
        )
    };
    keep(
        &mut ana,
        &first,
        Answer::NotYet {
            missing: "the appendix".into(),
        },
        3,
    )
    .unwrap();
    let kept = ana.commitment(CommitmentId(0)).unwrap();
    assert_eq!(
        (kept.by(), ana.name_of(kept.to()).as_str()),
        (Direction::Theirs, "Sam")
    );
    assert_eq!(kept.status(), Status::Open);
    assert_eq!(kept.made_at(), NOW, "made when Sam made it");
    assert_eq!(
        keep(&mut ana, &first, Answer::Met { note: None }, 4),
        Err(DomainError::AlreadyKept)
    );

    // Sam records her answer, delivers and asks again: her next answer goes to the same
    // commitment in her book.
    let reply = first
        .reply(
            Answer::NotYet {
                missing: "the appendix".into(),
            },
            h(3),
        )
        .unwrap();
    record(&mut sam, reply, 4).unwrap();
    act(&mut sam, id, Action::MarkDone, 5);
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(2),
            id: None,
        },
        5,
    );
    let second = Request::of(&sam, id, "Sam", t(2)).unwrap();
    keep(
        &mut ana,
        &second,
        Answer::Met {
            note: Some("thanks".into()),
        },
        6,
    )
    .unwrap();
    assert_eq!(ana.commitments().count(), 1);
    assert_eq!(ana.people().len(), 1, "Sam is added once");
    let kept = ana.commitment(CommitmentId(0)).unwrap();
    assert_eq!(kept.status(), Status::Kept);
    let record = TrackRecord::of(ana.commitments_by(Direction::Theirs));
    assert_eq!((record.kept(), record.acknowledged_by_them), (1, 0));
}

#[test]
fn an_offer_is_kept_once_and_later_requests_find_it() {
    let mut sam = Book::default();
    sam.apply(Command::SetName { name: "Sam".into() }, NOW)
        .unwrap();
    sam.apply(
        Command::Make {
            to: Recipient::NameOnly("Ana".into()),
            what: "Fix the gate".into(),
            due: due("UTC", 25, 12, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    let id = CommitmentId(0);
    act(&mut sam, id, Action::Offer { token: t(5) }, 1);
    let offer = Offer::of(&sam, id, "Sam", t(6)).unwrap();
    assert_eq!(
        offer.promise.thread,
        t(5),
        "the first link names the thread"
    );
    let read = Offer::from_json(&offer.to_json(), &TzRules).unwrap();
    assert_eq!(read, offer);
    assert!(
        Request::of(&sam, id, "Sam", t(7)).is_none(),
        "asked only once done"
    );

    let mut ana = Book::default();
    ana.apply(
        Command::AddPerson {
            name: "sam".into(),
            zone: super::zone("UTC"),
        },
        NOW,
    )
    .unwrap();
    ana.apply(
        Command::KeepOffer {
            offer: read.clone(),
        },
        h(2),
    )
    .unwrap();
    let kept = ana.commitments().next().unwrap().clone();
    assert_eq!(
        (kept.by(), kept.to(), kept.status()),
        (Direction::Theirs, crate::domain::PersonId(0), Status::Open),
        "matched by name"
    );
    assert_eq!(
        ana.apply(Command::KeepOffer { offer: read }, h(2)),
        Err(DomainError::AlreadyKept)
    );

    act(&mut sam, id, Action::MarkDone, 3);
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(7),
            id: None,
        },
        3,
    );
    let request = Request::of(&sam, id, "Sam", t(7)).unwrap();
    ana.apply(
        Command::KeepAnswer {
            request: Box::new(request),
            answer: Answer::Met { note: None },
        },
        h(4),
    )
    .unwrap();
    assert_eq!(ana.commitments().count(), 1);
    assert_eq!(ana.commitment(kept.id()).unwrap().status(), Status::Kept);
}

#[test]
fn damaged_newer_oversized_or_invalid_links_are_refused_in_words() {
    let (mut sam, id) = sams();
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(1),
            id: None,
        },
        2,
    );
    let json = Request::of(&sam, id, "Sam", t(1)).unwrap().to_json();
    assert_eq!(
        Request::from_json(&json[..json.len() - 3], &TzRules),
        Err(LinkError::Damaged)
    );
    assert_eq!(
        Request::from_json(&json.replace("\"v\":1", "\"v\":3"), &TzRules),
        Err(LinkError::Newer(3))
    );
    assert!(matches!(
        Request::from_json(&json.replace("Europe/Berlin", "Mars/Olympus"), &TzRules),
        Err(LinkError::Invalid(_))
    ));
    assert!(matches!(
        Request::from_json(&json.replace("Send the deck", &"x".repeat(600)), &TzRules),
        Err(LinkError::Invalid(_))
    ));
    assert_eq!(
        Request::from_json(&json.replace(t(1).as_str(), "not-a-token"), &TzRules),
        Err(LinkError::Damaged)
    );
    assert!(matches!(
        Request::from_json(&" ".repeat(20_000), &TzRules),
        Err(LinkError::TooLong(_))
    ));
    assert!(matches!(
        Reply::from_json(
            r#"{"v":1,"token":"AAAAAAAAAAAAAAAAAAAAAA","by":"Ana","what":"x","a":"notyet","missing":"  ","at":0}"#
        ),
        Err(LinkError::Invalid(_))
    ));
    assert_eq!(Reply::from_json("[]"), Err(LinkError::Damaged));
    assert_eq!(check_payload("abc+/="), Err(LinkError::Damaged));
    assert_eq!(check_payload(""), Err(LinkError::Damaged));
    assert!(matches!(
        check_payload(&"a".repeat(9_000)),
        Err(LinkError::TooLong(9_000))
    ));
    assert_eq!(check_payload("H4sIAAAA-_9"), Ok(()));
    // "Not yet" needs what is missing; a blank note is no note.
    let request = Request::of(&sam, id, "Sam", t(1)).unwrap();
    assert_eq!(
        request.reply(
            Answer::NotYet {
                missing: " ".into()
            },
            NOW
        ),
        Err(DomainError::EmptyMissing)
    );
    assert_eq!(
        request
            .reply(
                Answer::Met {
                    note: Some(" ".into())
                },
                NOW
            )
            .unwrap()
            .answer,
        Answer::Met { note: None }
    );
}

#[test]
fn a_merge_keeps_the_direction_and_the_name() {
    let mut a = Book::default();
    let make = |b: &mut Book, theirs: bool| {
        let (to, what, due) = (
            Recipient::NameOnly("Ana".into()),
            "Lunch".to_owned(),
            due("UTC", 25, 12, 0),
        );
        let command = if theirs {
            Command::Make {
                to,
                what,
                due,
                by: Direction::Theirs,
                kind: Kind::Deliver,
            }
        } else {
            Command::Make {
                to,
                what,
                due,
                by: Direction::Mine,
                kind: Kind::Deliver,
            }
        };
        b.apply(command, NOW).unwrap();
    };
    make(&mut a, false);
    let mut other = Book::default();
    other
        .apply(Command::SetName { name: "Sam".into() }, NOW)
        .unwrap();
    make(&mut other, true);
    let (merged, report) = a.merged(&other).unwrap();
    assert_eq!(
        report.commitments_added, 1,
        "the same words the other way are another commitment"
    );
    assert_eq!(merged.commitments_by(Direction::Theirs).count(), 1);
    assert_eq!(merged.me(), Some("Sam"));
}

fn arb_name() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿ<>&\"' ]{0,12}[A-Za-z]{1,8}"
}

proptest! {
    #[test]
    fn request_and_reply_payloads_read_back_as_they_were_written(
        from in arb_name(), to in arb_name(), what in "[\\PC]{1,60}",
        made in 0i64..1_000_000, done in 0i64..1_000_000,
        token in any::<[u8; 16]>(), thread in any::<[u8; 16]>(),
        public in prop::option::of(any::<[u8; 16]>()),
        met in any::<bool>(), note in prop::option::of("[\\PC]{1,40}"),
        zone in prop::sample::select(vec!["UTC", "Europe/Berlin", "Asia/Kolkata"]),
    ) {
        prop_assume!(!what.trim().is_empty());
        let request = Request {
            v: LINK_VERSION,
            token: Token::from_bytes(token),
            id: public.map(Token::from_bytes),
            promise: crate::domain::link::Promise {
                from, to, what,
                due: crate::domain::Due { at: NOW.plus_secs(made), zone: super::zone(zone) },
                made: NOW.plus_secs(made),
                thread: Token::from_bytes(thread),
            },
            done: NOW.plus_secs(done),
        };
        prop_assume!(crate::domain::clean_name(&request.promise.from).is_ok_and(|n| n == request.promise.from));
        prop_assume!(crate::domain::clean_name(&request.promise.to).is_ok_and(|n| n == request.promise.to));
        // Text as Troth keeps it (composed, no reordering controls): a link reads it cleaned.
        prop_assume!(crate::domain::text::clean(&request.promise.what, crate::domain::text::Kind::Text) == request.promise.what);
        prop_assert_eq!(Request::from_json(&request.to_json(), &TzRules), Ok(request.clone()));
        let answer = match (met, note) {
            (true, note) => Answer::Met { note },
            (false, missing) => Answer::NotYet { missing: missing.unwrap_or_else(|| "the rest".into()) },
        };
        if let Ok(reply) = request.reply(answer, NOW) {
            prop_assert_eq!(&reply.token, request.name());
            prop_assert_eq!(reply.mac.is_some(), request.id.is_some());
            prop_assert!(!reply.to_json().contains(request.token.as_str()) || request.id.is_none(), "a signed reply never carries the key");
            prop_assert_eq!(Reply::from_json(&reply.to_json()), Ok(reply.clone()));
        }
    }
}

/// Sam asks Ana by a signed request: key `t(n)`, public id `t(100 + n)`.
fn ask_signed(b: &mut Book, id: CommitmentId, n: u8, hour: i64) -> Request {
    let id_n = t(100 + n);
    act(
        b,
        id,
        Action::Ask {
            token: t(n),
            id: Some(id_n.clone()),
        },
        hour,
    );
    let request = Request::of(b, id, "Sam", t(n)).unwrap();
    assert_eq!(request.id, Some(id_n));
    assert_eq!(request.v, LINK_VERSION);
    request
}

fn not_yet(missing: &str) -> Answer {
    Answer::NotYet {
        missing: missing.into(),
    }
}

#[test]
fn a_reply_changed_after_it_was_made_is_refused_and_the_genuine_one_then_counts() {
    let (mut sam, id) = sams();
    let request = ask_signed(&mut sam, id, 1, 2);
    let genuine = answer(&request, not_yet("the appendix"), 3);
    // The reply names the request by its public id and never carries its key.
    assert_eq!(genuine.token, t(101));
    assert!(!genuine.to_json().contains(t(1).as_str()));
    assert!(genuine.mac.is_some());

    // Whoever sees the reply link decodes it, turns "not yet" into "met" and re-encodes it.
    let forged = genuine
        .to_json()
        .replace(r#""a":"notyet","missing":"the appendix""#, r#""a":"met""#);
    let forged = Reply::from_json(&forged).unwrap();
    assert_eq!(forged.answer, Answer::Met { note: None });
    assert_eq!(sam.verify(&forged), Err(Refusal::Forged));
    let before = sam.clone();
    let refused = record(&mut sam, forged, 4).unwrap_err();
    assert_eq!(refused, DomainError::ReplyForged);
    assert!(refused.to_string().contains("signature does not match"));
    assert_eq!(sam, before, "a forged reply changes nothing");
    // Nor can the signature be left out, to pass for an older link.
    let unsigned = Reply {
        mac: None,
        v: 1,
        ..genuine.clone()
    };
    assert_eq!(sam.verify(&unsigned), Err(Refusal::Forged));
    // Nor can the key of another request sign it: only this request's key does.
    let other_key = Request {
        token: t(9),
        ..request.clone()
    };
    let wrong = other_key.reply(Answer::Met { note: None }, h(3)).unwrap();
    assert_eq!(sam.verify(&wrong), Err(Refusal::Forged));

    // Ana's own reply is then recorded, signed.
    let checked = sam.verify(&genuine).unwrap();
    assert!(checked.signed());
    record(&mut sam, genuine.clone(), 4).unwrap();
    let c = sam.commitment(id).unwrap();
    assert_eq!(c.missing(), Some("the appendix"));
    assert!(c.signed(c.history().last().unwrap()));
    // Sent again, it is refused: answered already, with this same answer.
    assert_eq!(
        sam.verify(&genuine),
        Err(Refusal::Answered {
            at: h(4),
            answer: not_yet("the appendix")
        })
    );
}

#[test]
fn a_reply_that_names_another_person_or_other_words_than_the_ledger_is_not_recorded() {
    let (mut sam, ana_id) = sams();
    sam.apply(
        Command::Make {
            to: Recipient::NameOnly("Bo".into()),
            what: "Pay back the 500 EUR".into(),
            due: due("Europe/Berlin", 24, 17, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    let bo_id = CommitmentId(1);
    act(&mut sam, bo_id, Action::MarkDone, 1);
    // An older, unsigned request to Bo: its reply carries the key itself.
    act(
        &mut sam,
        bo_id,
        Action::Ask {
            token: t(1),
            id: None,
        },
        2,
    );
    let to_bo = Request::of(&sam, bo_id, "Sam", t(1)).unwrap();
    let genuine = answer(&to_bo, Answer::Met { note: None }, 3);
    // Bo's token, but Ana's name and the words of what Sam promised Ana.
    let mixed = Reply {
        by: "Ana".into(),
        what: sam.commitment(ana_id).unwrap().what().into(),
        ..genuine.clone()
    };
    let differs = Refusal::Differs { id: bo_id };
    assert_eq!(sam.verify(&mixed), Err(differs.clone()));
    assert_eq!(
        record(&mut sam, mixed, 4),
        Err(DomainError::ReplyRefused),
        "not recorded silently"
    );
    // Only the words differ: refused too.
    let words = Reply {
        what: "Send the deck".into(),
        ..genuine.clone()
    };
    assert_eq!(sam.verify(&words), Err(differs));
    assert_eq!(sam.commitment(bo_id).unwrap().status(), Status::AwaitingAck);
    // Bo's own answer still counts.
    record(&mut sam, genuine, 4).unwrap();
    assert_eq!(sam.commitment(bo_id).unwrap().status(), Status::Kept);
}

#[test]
fn a_second_different_answer_is_reported_with_both() {
    let (mut sam, id) = sams();
    let request = ask_signed(&mut sam, id, 1, 2);
    let first = answer(&request, not_yet("the appendix"), 3);
    // Ana changes her mind on her page: a second reply, signed as well.
    let second = answer(&request, Answer::Met { note: None }, 4);
    record(&mut sam, first, 5).unwrap();
    assert_eq!(
        sam.verify(&second),
        Err(Refusal::TwoAnswers {
            at: h(5),
            first: not_yet("the appendix")
        })
    );
    assert_eq!(record(&mut sam, second, 6), Err(DomainError::ReplyRefused));
    assert_eq!(
        sam.commitment(id).unwrap().missing(),
        Some("the appendix"),
        "the first stays until Sam asks again"
    );
}

#[test]
fn a_link_made_before_replies_were_signed_still_answers_as_unverified() {
    let (mut sam, id) = sams();
    // A request and its reply as an older Troth wrote them: format 1, no id, no signature.
    act(
        &mut sam,
        id,
        Action::Ask {
            token: t(1),
            id: None,
        },
        2,
    );
    let request = Request::of(&sam, id, "Sam", t(1)).unwrap();
    assert_eq!((request.v, request.id.as_ref()), (1, None));
    let old = r#"{"v":1,"token":"ABAQEBAQEBAQEBAQEBAQEB","by":"Ana","what":"Send the deck <b>now</b>","a":"met","note":"thanks","at":1700000000}"#;
    assert_eq!(t(1).as_str(), "ABAQEBAQEBAQEBAQEBAQEB");
    let reply = Reply::from_json(old).unwrap();
    let checked = sam.verify(&reply).unwrap();
    assert!(!checked.signed(), "nothing can check an unsigned link");
    record(&mut sam, reply, 3).unwrap();
    let c = sam.commitment(id).unwrap();
    assert_eq!(c.status(), Status::Kept);
    assert!(!c.signed(c.history().last().unwrap()));
    // A stored history from before (an `asked` with no id) still reads.
    let json = serde_json::to_string(c).unwrap();
    let asked = format!(
        r#"{{"asked":{{"at":{},"token":"{}"}}}}"#,
        h(2).unix(),
        t(1).as_str()
    );
    assert!(json.contains(&asked), "written as before: {json}");
    let back: crate::domain::Commitment = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, c);
}

#[test]
fn a_stored_answer_by_link_that_no_request_asked_for_is_refused_naming_the_entry() {
    let (mut sam, id) = sams();
    let request = ask_signed(&mut sam, id, 1, 2);
    record(&mut sam, answer(&request, Answer::Met { note: None }, 3), 4).unwrap();
    let json = serde_json::to_string(sam.commitment(id).unwrap()).unwrap();
    let read = |json: &str| serde_json::from_str::<crate::domain::Commitment>(json);
    assert!(read(&json).is_ok());
    // The same history with the request left out, or answering another request.
    let asked = format!(
        r#"{{"asked":{{"at":{},"token":"{}","id":"{}"}}}},"#,
        h(2).unix(),
        t(1).as_str(),
        t(101).as_str()
    );
    assert!(json.contains(&asked), "{json}");
    for made_up in [
        json.replace(&asked, ""),
        json.replace(
            &format!(r#""reply":"{}""#, t(101).as_str()),
            &format!(r#""reply":"{}""#, t(7).as_str()),
        ),
        // Its key is not its name: a reply names the request by its id.
        json.replace(
            &format!(r#""reply":"{}""#, t(101).as_str()),
            &format!(r#""reply":"{}""#, t(1).as_str()),
        ),
    ] {
        let e = read(&made_up).unwrap_err().to_string();
        assert!(
            e.contains("commitment 0")
                && e.contains("entry ")
                && e.contains("(acknowledged) is an answer by link to a request it never made"),
            "{e}"
        );
    }
}

proptest! {
    #[test]
    fn any_change_to_a_signed_reply_is_refused(
        met in any::<bool>(), words in "[a-z ]{0,12}[a-z]", other in "[a-z ]{0,12}[a-z]",
        part in 0usize..6, shift in 1i64..1_000_000,
    ) {
        let (mut sam, id) = sams();
        let request = ask_signed(&mut sam, id, 1, 2);
        let given = if met { Answer::Met { note: Some(words.clone()) } } else { not_yet(&words) };
        let reply = request.reply(given, h(3)).unwrap();
        prop_assert!(sam.verify(&reply).is_ok());
        prop_assume!(other.trim() != words.trim());
        let mut changed = reply.clone();
        match part {
            0 => changed.answer = if met { not_yet(&words) } else { Answer::Met { note: Some(words) } },
            1 => changed.answer = if met { Answer::Met { note: Some(other) } } else { not_yet(&other) },
            2 => changed.answer = if met { Answer::Met { note: None } } else { not_yet(&other) },
            3 => changed.at = changed.at.plus_secs(shift),
            4 => changed.what = format!("{} {other}", changed.what),
            _ => changed.by = "Bo".into(),
        }
        prop_assert_ne!(&changed, &reply);
        prop_assert_eq!(sam.verify(&changed), Err(Refusal::Forged));
        // Naming another request made here does not help either.
        let elsewhere = Reply { token: t(9), ..reply.clone() };
        prop_assert_eq!(sam.verify(&elsewhere), Err(Refusal::Unknown));
    }
}

#[test]
fn hmac_sha256_gives_rfc_4231_s_test_vectors() {
    use crate::domain::link::hmac_sha256;
    let hex = |b: [u8; 32]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let cases: [(&[u8], &[u8], &str); 3] = [
        (
            &[0x0b; 20],
            b"Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            b"Jefe",
            b"what do ya want for nothing?",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        ),
        (
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
    ];
    for (key, data, mac) in cases {
        assert_eq!(hex(hmac_sha256(key, data)), mac);
    }
}

#[test]
fn the_link_to_send_follows_the_commitments_rules() {
    use crate::domain::LinkToSend;
    let mut b = Book::default();
    b.apply(make_to_ana("Send the deck"), NOW).unwrap();
    let id = CommitmentId(0);
    let link = |b: &Book| {
        b.commitment(id)
            .unwrap()
            .link_to_send()
            .map(|l| format!("{l:?}"))
    };
    let offer = |token| Some(format!("{:?}", LinkToSend::Offer(token)));
    // Open: an offer, on the token of the one made before once there is one.
    assert_eq!(link(&b), offer(None));
    act(&mut b, id, Action::Offer { token: t(1) }, 1);
    assert_eq!(link(&b), offer(Some(&t(1))));
    // Done: a request, then that request again until it is answered.
    act(&mut b, id, Action::MarkDone, 2);
    assert_eq!(link(&b), Some(format!("{:?}", LinkToSend::Ask)));
    act(
        &mut b,
        id,
        Action::Ask {
            token: t(2),
            id: None,
        },
        3,
    );
    assert_eq!(
        link(&b),
        Some(format!("{:?}", LinkToSend::Asked(h(3), &t(2))))
    );
    // Acknowledged, it is closed: nothing to send.
    act(&mut b, id, Action::Acknowledge { how: None }, 4);
    assert_eq!(link(&b), None);
    // What someone promised the user is theirs to send, not the user's.
    b.apply(
        Command::Make {
            to: Recipient::Existing(crate::domain::PersonId(0)),
            what: "Review the draft".into(),
            due: due("Europe/Berlin", 24, 17, 0),
            by: Direction::Theirs,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(b.commitment(CommitmentId(1)).unwrap().link_to_send(), None);
}
