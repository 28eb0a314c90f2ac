//! Both ways: requests and their replies by link, offers kept by the other side, commitments
//! promised to the user, and the two records.

use super::{due, TzRules, NOW};
use crate::domain::link::{
    check_payload, Answer, LinkError, Offer, Refusal, Reply, Request, Token, LINK_VERSION,
};
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
    run(
        &mut b,
        Command::Make {
            to: Recipient::NameOnly("Ana".into()),
            what: "Send the deck <b>now</b>".into(),
            due: due("Europe/Berlin", 24, 17, 0),
        },
    );
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

fn record(b: &mut Book, reply: Reply, hour: i64) -> Result<(), DomainError> {
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
    act(&mut sam, id, Action::Ask { token: t(1) }, 2);
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
    act(&mut sam, id, Action::Ask { token: t(2) }, 6);
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
    act(&mut sam, id, Action::Ask { token: t(1) }, 2);
    let old = answer(&request(&sam, 1), Answer::Met { note: None }, 3);

    // Another browser, or a reset: no request here has that token.
    let (mut elsewhere, _) = sams();
    assert_eq!(elsewhere.check_reply(&t(1)), Err(Refusal::Unknown));
    assert_eq!(
        record(&mut elsewhere, old.clone(), 3),
        Err(DomainError::NoSuchRequest)
    );

    // A newer request replaced it.
    act(&mut sam, id, Action::Ask { token: t(2) }, 4);
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
        Command::Promised {
            by: Recipient::NameOnly("Ana".into()),
            what: "Review my draft".into(),
            due: due("America/New_York", 24, 9, 0),
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
                action: Action::Ask { token: t(1) }
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
    act(&mut sam, id, Action::Ask { token: t(1) }, 2);
    let first = Request::of(&sam, id, "Sam", t(1)).unwrap();
    let mut ana = Book::default();
    let keep = |ana: &mut Book, request: &Request, answer: Answer, hour| {
        ana.apply(
            Command::KeepAnswer {
                request: request.clone(),
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
    act(&mut sam, id, Action::Ask { token: t(2) }, 5);
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
    act(&mut sam, id, Action::Ask { token: t(7) }, 3);
    let request = Request::of(&sam, id, "Sam", t(7)).unwrap();
    ana.apply(
        Command::KeepAnswer {
            request,
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
    act(&mut sam, id, Action::Ask { token: t(1) }, 2);
    let json = Request::of(&sam, id, "Sam", t(1)).unwrap().to_json();
    assert_eq!(
        Request::from_json(&json[..json.len() - 3], &TzRules),
        Err(LinkError::Damaged)
    );
    assert_eq!(
        Request::from_json(&json.replace("\"v\":1", "\"v\":2"), &TzRules),
        Err(LinkError::Newer(2))
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
            Command::Promised { by: to, what, due }
        } else {
            Command::Make { to, what, due }
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
        met in any::<bool>(), note in prop::option::of("[\\PC]{1,40}"),
        zone in prop::sample::select(vec!["UTC", "Europe/Berlin", "Asia/Kolkata"]),
    ) {
        prop_assume!(!what.trim().is_empty());
        let request = Request {
            v: LINK_VERSION,
            token: Token::from_bytes(token),
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
            prop_assert_eq!(&reply.token, &request.token);
            prop_assert_eq!(Reply::from_json(&reply.to_json()), Ok(reply.clone()));
        }
    }
}
