//! Goals with reviews, successes affirmed, raised hands: their rules, in the book.

use super::{due, zone, TzRules, NOW};
use crate::domain::agenda::{agenda, Kind};
use crate::domain::goal::{default_reviews, months_after, Goal, GoalAction, Verdict};
use crate::domain::hand::{Hand, HandOutcome};
use crate::domain::success::{Source, Success, TopicRef};
use crate::domain::talk::TopicAction;
use crate::domain::Direction;
use crate::domain::{
    Action, Book, Change, Command, CommitmentId, DomainError, Due, GoalId, HandId, Instant,
    PersonId, Recipient, Settle, Status, TalkId, TopicId, TrustCommand, Zone, MAX_TEXT,
};
use chrono::{NaiveDate, NaiveTime, Timelike};

const ANA: PersonId = PersonId(0);
const BO: PersonId = PersonId(1);

fn local(tz: &str, y: i32, m: u32, d: u32, h: u32, min: u32) -> Due {
    Due::from_local(
        &TzRules,
        zone(tz),
        NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        NaiveTime::from_hms_opt(h, min, 0).unwrap(),
    )
    .unwrap()
}

fn book() -> Book {
    let mut b = Book::default();
    for name in ["Ana", "Bo"] {
        b.apply(
            Command::AddPerson {
                name: name.into(),
                zone: zone("Europe/Berlin"),
            },
            NOW,
        )
        .unwrap();
    }
    b
}

fn trust(b: &mut Book, c: TrustCommand) -> Result<Change, DomainError> {
    b.apply(Command::Trust(c), NOW).map(|a| a.change)
}

fn set_goal(b: &mut Book, with: PersonId) -> GoalId {
    let kickoff = due("Europe/Berlin", 23, 10, 0);
    let reviews = default_reviews(&TzRules, &kickoff);
    match trust(
        b,
        TrustCommand::SetGoal {
            with,
            what: "Ship the reports together, monthly".into(),
            kickoff,
            reviews,
        },
    ) {
        Ok(Change::Goal(id)) => id,
        other => panic!("{other:?}"),
    }
}

fn make(b: &mut Book, to: PersonId, what: &str) -> CommitmentId {
    match b.apply(
        Command::Make {
            to: Recipient::Existing(to),
            what: what.into(),
            due: due("Europe/Berlin", 25, 17, 0),
            by: Direction::Mine,
            kind: crate::domain::Kind::Deliver,
        },
        NOW,
    ) {
        Ok(applied) => match applied.change {
            Change::Commitment(id) => id,
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

fn acknowledge(b: &mut Book, id: CommitmentId) {
    for action in [Action::MarkDone, Action::Acknowledge { how: None }] {
        b.apply(Command::Act { id, action }, NOW).unwrap();
    }
}

// ---- Review moments ----

#[test]
fn reviews_default_to_six_and_twelve_months_at_the_same_local_time_across_dst() {
    // Kickoff in Berlin winter time (UTC+1); six months on is summer time (UTC+2).
    let kickoff = local("Europe/Berlin", 2027, 1, 15, 10, 0);
    let reviews = default_reviews(&TzRules, &kickoff);
    assert_eq!(
        reviews,
        vec![
            local("Europe/Berlin", 2027, 7, 15, 10, 0),
            local("Europe/Berlin", 2028, 1, 15, 10, 0),
        ]
    );
    for r in &reviews {
        assert_eq!(r.zone, kickoff.zone, "the zone it was stated in");
        assert_eq!(r.local(&TzRules).time().hour(), 10, "the same time of day");
    }
    // The instant is not a whole number of days later: the clock, not the count, decides.
    let apart = |d: &Due| d.at.unix() - kickoff.at.unix();
    assert_eq!(apart(&reviews[0]), 181 * 86_400 - 3_600);
    assert_eq!(apart(&reviews[1]), 365 * 86_400);

    // The other way round, in New York: summer to winter time.
    let kickoff = local("America/New_York", 2027, 5, 10, 9, 30);
    let six = months_after(&TzRules, &kickoff, 6).unwrap();
    assert_eq!(six, local("America/New_York", 2027, 11, 10, 9, 30));
    assert_eq!(six.at.unix() - kickoff.at.unix(), 184 * 86_400 + 3_600);
}

#[test]
fn a_review_the_clocks_skip_moves_on_by_the_hour_and_month_ends_stay_month_ends() {
    // 2027-03-28 02:30 does not exist in Berlin (the clocks jump from 02:00 to 03:00).
    let kickoff = local("Europe/Berlin", 2026, 9, 28, 2, 30);
    let six = months_after(&TzRules, &kickoff, 6).unwrap();
    assert_eq!(six, local("Europe/Berlin", 2027, 3, 28, 3, 30));
    // 02:30 happens twice on 2026-10-25: the first is taken.
    let kickoff = local("Europe/Berlin", 2026, 4, 25, 2, 30);
    let six = months_after(&TzRules, &kickoff, 6).unwrap();
    assert_eq!(six.local(&TzRules).time().hour(), 2);
    assert_eq!(six.at, local("Europe/Berlin", 2026, 10, 25, 2, 30).at);
    // 31 August and six months: the end of February.
    let kickoff = local("UTC", 2027, 8, 31, 12, 0);
    assert_eq!(
        months_after(&TzRules, &kickoff, 6).unwrap(),
        local("UTC", 2028, 2, 29, 12, 0)
    );
}

#[test]
fn reviews_come_after_the_kickoff_and_are_bounded() {
    let kickoff = due("Europe/Berlin", 23, 10, 0);
    let before = due("Europe/Berlin", 23, 9, 0);
    assert_eq!(
        Goal::agree(GoalId(0), ANA, "x", kickoff.clone(), vec![before], NOW),
        Err(DomainError::ReviewBeforeKickoff)
    );
    assert_eq!(
        Goal::agree(GoalId(0), ANA, "  ", kickoff.clone(), vec![], NOW),
        Err(DomainError::EmptyGoal)
    );
    let many = vec![due("Europe/Berlin", 30, 10, 0); 25];
    assert_eq!(
        Goal::agree(GoalId(0), ANA, "x", kickoff, many, NOW),
        Err(DomainError::TooManyReviews(24))
    );
}

// ---- Goals ----

#[test]
fn a_goal_with_two_commitments_is_reviewed_changed_and_ended_keeping_every_version() {
    let mut b = book();
    let g = set_goal(&mut b, ANA);
    let first = match trust(
        &mut b,
        TrustCommand::MakeServing {
            goal: g,
            what: "Draft the first report".into(),
            due: due("Europe/Berlin", 30, 17, 0),
        },
    ) {
        Ok(Change::Commitment(id)) => id,
        other => panic!("{other:?}"),
    };
    // One made earlier, chosen later.
    let second = make(&mut b, ANA, "Share the template");
    trust(
        &mut b,
        TrustCommand::Goal {
            id: g,
            action: GoalAction::Serve { commitment: second },
        },
    )
    .unwrap();
    let goal = b.goal(g).unwrap();
    assert_eq!(goal.serving().collect::<Vec<_>>(), vec![first, second]);
    assert_eq!(b.commitment(first).unwrap().to(), ANA);
    assert_eq!(b.goal_served_by(second).map(Goal::id), Some(g));

    // The next review is the first; it appears on the agenda.
    let next = goal.next_review().unwrap();
    assert_eq!(next.index, 0);
    let items = agenda(&b, None);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].kind, Kind::Review { goal: g, review: 0 });

    let review = |b: &mut Book, review, verdict| {
        trust(
            b,
            TrustCommand::Goal {
                id: g,
                action: GoalAction::Review {
                    review,
                    said: "Going well; monthly is right".into(),
                    verdict,
                },
            },
        )
    };
    review(&mut b, 0, Verdict::Holds).unwrap();
    assert_eq!(
        review(&mut b, 0, Verdict::Holds),
        Err(DomainError::RecordNotAllowed {
            what: "review",
            state: "held",
            action: "recording a review"
        })
    );
    assert_eq!(b.goal(g).unwrap().next_review().unwrap().index, 1);
    assert_eq!(
        review(
            &mut b,
            1,
            Verdict::Changes {
                what: "Ship the reports together, monthly".into()
            }
        ),
        Err(DomainError::SameGoal)
    );
    // A new review, then a change at review 1: a new version, the old one kept.
    trust(
        &mut b,
        TrustCommand::Goal {
            id: g,
            action: GoalAction::Schedule {
                due: due("Europe/Berlin", 28, 10, 0),
            },
        },
    )
    .unwrap();
    assert_eq!(
        b.goal(g).unwrap().next_review().unwrap().index,
        2,
        "the soonest"
    );
    review(
        &mut b,
        1,
        Verdict::Changes {
            what: "Ship the reports together, every two months".into(),
        },
    )
    .unwrap();
    let goal = b.goal(g).unwrap();
    assert_eq!(goal.what(), "Ship the reports together, every two months");
    let versions: Vec<&str> = goal.versions().iter().map(|v| v.what).collect();
    assert_eq!(
        versions,
        [
            "Ship the reports together, monthly",
            "Ship the reports together, every two months"
        ]
    );
    review(&mut b, 2, Verdict::Ends).unwrap();
    let goal = b.goal(g).unwrap();
    assert!(goal.ended().is_some());
    assert_eq!(goal.next_review(), None);
    assert!(agenda(&b, None).is_empty(), "an ended goal has nothing due");
    assert!(matches!(
        trust(
            &mut b,
            TrustCommand::MakeServing {
                goal: g,
                what: "More".into(),
                due: due("Europe/Berlin", 30, 17, 0),
            },
        ),
        Err(DomainError::RecordNotAllowed { state: "ended", .. })
    ));
    // A stored goal reads back through the same rules, to the same goal.
    let json = serde_json::to_string(b.goal(g).unwrap()).unwrap();
    assert_eq!(
        &serde_json::from_str::<Goal>(&json).unwrap(),
        b.goal(g).unwrap()
    );
}

#[test]
fn only_a_commitment_with_the_same_person_serves_a_goal_and_only_one_goal() {
    let mut b = book();
    let g = set_goal(&mut b, ANA);
    let other = set_goal(&mut b, ANA);
    let to_bo = make(&mut b, BO, "Call Bo");
    let serve = |b: &mut Book, id, commitment| {
        trust(
            b,
            TrustCommand::Goal {
                id,
                action: GoalAction::Serve { commitment },
            },
        )
    };
    assert_eq!(
        serve(&mut b, g, to_bo),
        Err(DomainError::NotWithThem("goal"))
    );
    let c = make(&mut b, ANA, "Send the numbers");
    let free = make(&mut b, ANA, "Book the room");
    // What the goal's page offers to link is exactly what serving would accept.
    let offered = |b: &Book, goal| b.may_serve(goal).map(|c| c.id()).collect::<Vec<_>>();
    assert_eq!(offered(&b, g), vec![c, free]);
    serve(&mut b, g, c).unwrap();
    assert_eq!(offered(&b, g), vec![free]);
    assert_eq!(offered(&b, other), vec![free]);
    assert_eq!(serve(&mut b, g, c), Err(DomainError::AlreadyServes));
    assert_eq!(serve(&mut b, other, c), Err(DomainError::ServesAnotherGoal));
    assert_eq!(
        serve(&mut b, g, CommitmentId(99)),
        Err(DomainError::NoSuchCommitment)
    );
}

#[test]
fn a_refused_make_serving_changes_nothing() {
    let mut b = book();
    let g = set_goal(&mut b, ANA);
    let before = b.clone();
    for what in ["", &"x".repeat(MAX_TEXT + 1)] {
        assert!(trust(
            &mut b,
            TrustCommand::MakeServing {
                goal: g,
                what: what.into(),
                due: due("Europe/Berlin", 30, 17, 0),
            },
        )
        .is_err());
        assert_eq!(b, before);
    }
    b.apply(Command::RemovePerson { id: ANA }, NOW).unwrap();
    assert!(matches!(
        trust(
            &mut b,
            TrustCommand::MakeServing {
                goal: g,
                what: "ok".into(),
                due: due("Europe/Berlin", 30, 17, 0),
            },
        ),
        Err(DomainError::PersonRemoved { .. })
    ));
}

#[test]
fn reviews_move_forward_only_before_they_are_held() {
    let mut b = book();
    let g = set_goal(&mut b, ANA);
    let act = |b: &mut Book, action| trust(b, TrustCommand::Goal { id: g, action });
    assert_eq!(
        act(
            &mut b,
            GoalAction::Reschedule {
                review: 0,
                due: due("Europe/Berlin", 22, 10, 0)
            }
        ),
        Err(DomainError::DueInPast)
    );
    assert_eq!(
        act(
            &mut b,
            GoalAction::Reschedule {
                review: 7,
                due: due("Europe/Berlin", 28, 10, 0)
            }
        ),
        Err(DomainError::NoSuchReview)
    );
    act(
        &mut b,
        GoalAction::Reschedule {
            review: 1,
            due: due("Europe/Berlin", 28, 10, 0),
        },
    )
    .unwrap();
    let goal = b.goal(g).unwrap();
    assert_eq!(goal.next_review().unwrap().index, 1, "moved to first");
    assert_eq!(goal.reviews()[1].due, &due("Europe/Berlin", 28, 10, 0));
}

#[test]
fn a_review_is_early_before_the_day_it_is_due_on_the_viewers_clock() {
    let mut b = book();
    let g = set_goal(&mut b, ANA);
    let goal = b.goal(g).unwrap();
    let berlin = zone("Europe/Berlin");
    let early = |now: Instant, viewer: &Zone| goal.review_is_early(0, now, &TzRules, viewer);
    let due_day = NaiveDate::from_ymd_opt(2027, 5, 23).unwrap();
    // Day one: both reviews are early, each with the day it is due.
    assert_eq!(early(NOW, &berlin), Some(due_day));
    assert_eq!(
        goal.review_is_early(1, NOW, &TzRules, &berlin),
        NaiveDate::from_ymd_opt(2027, 11, 23)
    );
    // On its day, even before its hour, it is not; nor after.
    let morning = local("Europe/Berlin", 2027, 5, 23, 1, 30).at;
    assert_eq!(early(morning, &berlin), None);
    assert_eq!(
        early(local("Europe/Berlin", 2027, 6, 1, 9, 0).at, &berlin),
        None
    );
    // The day is the viewer's: that Berlin morning is still the 22nd in New York, where the
    // review is due at 04:00 on the 23rd.
    assert_eq!(early(morning, &zone("America/New_York")), Some(due_day));
    // A review that does not exist is not early.
    assert_eq!(goal.review_is_early(9, NOW, &TzRules, &berlin), None);
}

#[test]
fn a_goal_history_that_breaks_the_rules_never_loads() {
    let mut b = book();
    let g = set_goal(&mut b, ANA);
    trust(
        &mut b,
        TrustCommand::Goal {
            id: g,
            action: GoalAction::Review {
                review: 0,
                said: "fine".into(),
                verdict: Verdict::Ends,
            },
        },
    )
    .unwrap();
    let json = serde_json::to_string(b.goal(g).unwrap()).unwrap();
    // Reviewed twice; reviewed before agreed; markup is only text.
    let twice = json.replace(
        "]}",
        &format!(
            ",{}]}}",
            &json[json.find("{\"reviewed\"").unwrap()..json.len() - 2]
        ),
    );
    assert!(serde_json::from_str::<Goal>(&twice).is_err(), "{twice}");
    let no_agreement = json.replacen("{\"agreed\"", "{\"nothing\"", 1);
    assert!(serde_json::from_str::<Goal>(&no_agreement).is_err());
    let markup = json.replace("fine", "<script>alert(1)</script>");
    let read: Goal = serde_json::from_str(&markup).unwrap();
    assert!(read
        .history()
        .iter()
        .any(|e| format!("{e:?}").contains("<script>")));
}

// ---- Raised hands ----

#[test]
fn a_hand_is_raised_moved_and_settled_with_a_follow_up_in_one_step() {
    let mut b = book();
    let h = match trust(
        &mut b,
        TrustCommand::RaiseHand {
            with: ANA,
            concern: "She stopped copying me on the budget mails".into(),
            due: due("Europe/Berlin", 24, 12, 0),
        },
    ) {
        Ok(Change::Hand(id)) => id,
        other => panic!("{other:?}"),
    };
    assert_eq!(agenda(&b, Some(ANA))[0].kind, Kind::Hand(h));
    assert!(agenda(&b, Some(BO)).is_empty());
    trust(
        &mut b,
        TrustCommand::MoveHand {
            id: h,
            due: due("Europe/Berlin", 25, 12, 0),
            reason: "She is away on Tuesday".into(),
        },
    )
    .unwrap();
    assert_eq!(b.hand(h).unwrap().due(), &due("Europe/Berlin", 25, 12, 0));

    // A refused settlement makes no follow-up.
    let before = b.clone();
    let working = |said: &str| TrustCommand::SettleHand {
        id: h,
        said: said.into(),
        outcome: Settle::WorkingOn {
            what: "Share the budget drafts with Ana each Friday".into(),
            due: due("Europe/Berlin", 27, 17, 0),
        },
    };
    assert_eq!(trust(&mut b, working("  ")), Err(DomainError::EmptySaid));
    assert_eq!(b, before);
    let settled = Command::Trust(working("We agreed to share drafts early"));
    let applied = b.apply(settled, NOW).unwrap();
    assert_eq!(applied.change, Change::Hand(h));
    let [follow_up] = applied.touched.commitments[..] else {
        panic!("one follow-up: {applied:?}")
    };
    let c = b.commitment(follow_up).unwrap();
    assert_eq!((c.to(), c.status()), (ANA, Status::Open));
    assert_eq!(
        b.hand(h).unwrap().settled().unwrap().outcome,
        HandOutcome::WorkingOn { follow_up }
    );
    assert!(agenda(&b, None).is_empty());
    assert!(matches!(
        trust(&mut b, working("again")),
        Err(DomainError::RecordNotAllowed {
            state: "settled",
            ..
        })
    ));
    let hand = b.hand(h).unwrap();
    let json = serde_json::to_string(hand).unwrap();
    assert_eq!(&serde_json::from_str::<Hand>(&json).unwrap(), hand);
}

#[test]
fn hands_are_listed_newest_first_with_their_outcome() {
    let mut b = book();
    for (n, outcome) in [Settle::Restored, Settle::NotRestored]
        .into_iter()
        .enumerate()
    {
        b.apply(
            Command::Trust(TrustCommand::RaiseHand {
                with: ANA,
                concern: format!("concern {n}"),
                due: due("Europe/Berlin", 24, 12, 0),
            }),
            NOW.plus_secs(n as i64),
        )
        .unwrap();
        trust(
            &mut b,
            TrustCommand::SettleHand {
                id: HandId(n as u64),
                said: "talked".into(),
                outcome,
            },
        )
        .unwrap();
    }
    let listed: Vec<_> = b
        .hands_with(ANA)
        .iter()
        .map(|h| (h.concern().to_owned(), h.settled().unwrap().outcome))
        .collect();
    assert_eq!(
        listed,
        [
            ("concern 1".to_owned(), HandOutcome::NotRestored),
            ("concern 0".to_owned(), HandOutcome::Restored)
        ]
    );
}

// ---- Successes ----

#[test]
fn a_success_from_a_commitment_needs_their_acknowledgement() {
    let mut b = book();
    let g = set_goal(&mut b, ANA);
    let c = make(&mut b, ANA, "Send the numbers");
    trust(
        &mut b,
        TrustCommand::Goal {
            id: g,
            action: GoalAction::Serve { commitment: c },
        },
    )
    .unwrap();
    let affirm = |b: &mut Book, with, what: &str, from| {
        trust(
            b,
            TrustCommand::Affirm {
                with,
                what: what.into(),
                from,
            },
        )
    };
    let from_c = Source {
        commitment: Some(c),
        ..Source::default()
    };
    assert_eq!(
        affirm(&mut b, ANA, "On time", from_c),
        Err(DomainError::NotKeptYet)
    );
    acknowledge(&mut b, c);
    assert_eq!(
        affirm(&mut b, BO, "On time", from_c),
        Err(DomainError::NotWithThem("success"))
    );
    assert_eq!(
        affirm(&mut b, ANA, " ", from_c),
        Err(DomainError::EmptySuccess)
    );
    affirm(&mut b, ANA, "The numbers came early and complete", from_c).unwrap();
    // On its own, a moment later; and one toward the goal.
    b.apply(
        Command::Trust(TrustCommand::Affirm {
            with: ANA,
            what: "Thanks for the patience in the review".into(),
            from: Source::default(),
        }),
        NOW.plus_secs(60),
    )
    .unwrap();
    b.apply(
        Command::Trust(TrustCommand::Affirm {
            with: ANA,
            what: "The first monthly report went out".into(),
            from: Source {
                goal: Some(g),
                ..Source::default()
            },
        }),
        NOW.plus_secs(120),
    )
    .unwrap();
    let with_ana: Vec<&str> = b.successes_with(ANA).iter().map(|s| s.what()).collect();
    assert_eq!(
        with_ana,
        [
            "The first monthly report went out",
            "Thanks for the patience in the review",
            "The numbers came early and complete"
        ]
    );
    let toward: Vec<&str> = b.successes_toward(g).iter().map(|s| s.what()).collect();
    assert_eq!(
        toward,
        [
            "The first monthly report went out",
            "The numbers came early and complete"
        ],
        "noted for the goal, or for a commitment serving it"
    );
    let json = serde_json::to_string(b.successes_with(ANA)[2]).unwrap();
    assert_eq!(
        &serde_json::from_str::<Success>(&json).unwrap(),
        b.successes_with(ANA)[2]
    );
    let long = json.replace(
        "The numbers came early and complete",
        &"x".repeat(MAX_TEXT + 1),
    );
    assert!(serde_json::from_str::<Success>(&long).is_err());
}

#[test]
fn a_success_from_a_talk_needs_the_topic_confirmed_by_them() {
    let mut b = book();
    b.apply(
        Command::AddTalk {
            title: "Troth for schools".into(),
            date: "2026-11-24".into(),
        },
        NOW,
    )
    .unwrap();
    let (talk, topic) = (TalkId(0), TopicId(0));
    b.apply(
        Command::AddTopic {
            talk,
            asker: Recipient::Existing(ANA),
            text: "pricing".into(),
        },
        NOW,
    )
    .unwrap();
    let affirm = |b: &mut Book| {
        trust(
            b,
            TrustCommand::Affirm {
                with: ANA,
                what: "Pricing was clear to her".into(),
                from: Source {
                    topic: Some(TopicRef { talk, topic }),
                    ..Source::default()
                },
            },
        )
    };
    assert_eq!(affirm(&mut b), Err(DomainError::NotConfirmed));
    for action in [TopicAction::Cover, TopicAction::Confirm { by: ANA }] {
        b.apply(
            Command::Topic {
                talk,
                topic,
                action,
            },
            NOW,
        )
        .unwrap();
    }
    let offered = b.confirmed_in(talk);
    assert_eq!(offered.len(), 1);
    assert_eq!((offered[0].by, offered[0].affirmed), (ANA, false));
    affirm(&mut b).unwrap();
    assert!(b.confirmed_in(talk)[0].affirmed);
    // The talk may be deleted later: the success stays, its link names nothing.
    b.apply(Command::DeleteTalk { id: talk }, NOW).unwrap();
    assert_eq!(b.successes_with(ANA).len(), 1);
    assert_eq!(b.check_references(), Ok(()));
}

#[test]
fn someone_named_only_by_a_goal_hand_or_success_is_hidden_not_deleted() {
    for command in [
        TrustCommand::SetGoal {
            with: BO,
            what: "x".into(),
            kickoff: due("Europe/Berlin", 23, 10, 0),
            reviews: vec![],
        },
        TrustCommand::RaiseHand {
            with: BO,
            concern: "x".into(),
            due: due("Europe/Berlin", 23, 10, 0),
        },
        TrustCommand::Affirm {
            with: BO,
            what: "x".into(),
            from: Source::default(),
        },
    ] {
        let mut b = book();
        trust(&mut b, command).unwrap();
        b.apply(Command::RemovePerson { id: BO }, NOW).unwrap();
        assert!(b.person(BO).unwrap().removed);
        let (mended, repairs) = Book::default()
            .with_read(b.goals().cloned().collect::<Vec<_>>())
            .with_read(b.hands().cloned().collect::<Vec<_>>())
            .with_read(b.successes().cloned().collect::<Vec<_>>())
            .mended();
        assert_eq!(repairs, vec![crate::domain::Repair::MissingPerson(BO)]);
        assert!(mended.person(BO).is_some());
    }
}

// ---- Merging by meaning ----

#[test]
fn merging_matches_goals_hands_and_successes_by_meaning() {
    let mut here = book();
    let g = set_goal(&mut here, ANA);
    trust(
        &mut here,
        TrustCommand::RaiseHand {
            with: ANA,
            concern: "late replies".into(),
            due: due("Europe/Berlin", 24, 12, 0),
        },
    )
    .unwrap();
    // There: the same, continued (a commitment serving it, the hand settled, a success), and
    // people and commitments numbered differently.
    let mut there = Book::default();
    for name in ["Cy", "Bo", "Ana"] {
        there
            .apply(
                Command::AddPerson {
                    name: name.into(),
                    zone: zone("Europe/Berlin"),
                },
                NOW,
            )
            .unwrap();
    }
    let ana_there = PersonId(2);
    make(&mut there, PersonId(0), "Something for Cy");
    let kickoff = due("Europe/Berlin", 23, 10, 0);
    trust(
        &mut there,
        TrustCommand::SetGoal {
            with: ana_there,
            what: "Ship the reports together, monthly".into(),
            reviews: default_reviews(&TzRules, &kickoff),
            kickoff,
        },
    )
    .unwrap();
    trust(
        &mut there,
        TrustCommand::MakeServing {
            goal: GoalId(0),
            what: "Draft the first report".into(),
            due: due("Europe/Berlin", 30, 17, 0),
        },
    )
    .unwrap();
    trust(
        &mut there,
        TrustCommand::RaiseHand {
            with: ana_there,
            concern: "late replies".into(),
            due: due("Europe/Berlin", 24, 12, 0),
        },
    )
    .unwrap();
    trust(
        &mut there,
        TrustCommand::SettleHand {
            id: HandId(0),
            said: "talked".into(),
            outcome: Settle::Restored,
        },
    )
    .unwrap();
    trust(
        &mut there,
        TrustCommand::Affirm {
            with: ana_there,
            what: "First report shipped".into(),
            from: Source {
                goal: Some(GoalId(0)),
                ..Source::default()
            },
        },
    )
    .unwrap();

    let (merged, report) = here.merged(&there).unwrap();
    assert_eq!(merged.goals().count(), 1);
    assert_eq!(merged.hands().count(), 1);
    assert_eq!((report.records_added, report.records_continued), (1, 2));
    let goal = merged.goal(g).unwrap();
    let served = merged.commitment(goal.serving().next().unwrap()).unwrap();
    assert_eq!(
        (served.what(), served.to()),
        ("Draft the first report", ANA),
        "renumbered into this book"
    );
    assert!(merged.hand(HandId(0)).unwrap().settled().is_some());
    let s = &merged.successes_with(ANA)[0];
    assert_eq!(s.from().goal, Some(g));
    assert_eq!(merged.check_references(), Ok(()));
    // Merging again changes nothing.
    let (again, report) = merged.merged(&there).unwrap();
    assert_eq!(again, merged);
    assert_eq!(report.changes(), 0);
}
