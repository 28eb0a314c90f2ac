use super::{due, NOW};
use crate::domain::{
    Action, Commitment, CommitmentId, DomainError, Entry, Instant, Outcome, PersonId, Status,
    Timing,
};

const HOUR: i64 = 3600;

fn made() -> Commitment {
    // Due Tue 24 Nov 17:00 Berlin = 16:00Z, 52 hours after NOW.
    Commitment::make(
        CommitmentId(1),
        PersonId(1),
        "Send the budget draft",
        due("Europe/Berlin", 24, 17, 0),
        NOW,
    )
    .unwrap()
}

fn at(h: i64) -> Instant {
    NOW.plus_secs(h * HOUR)
}

#[test]
fn making_needs_words() {
    let d = due("Europe/Berlin", 24, 17, 0);
    assert_eq!(
        Commitment::make(CommitmentId(1), PersonId(1), "   ", d.clone(), NOW),
        Err(DomainError::EmptyWhat)
    );
    let long = "x".repeat(501);
    assert!(matches!(
        Commitment::make(CommitmentId(1), PersonId(1), &long, d, NOW),
        Err(DomainError::TooLong { len: 501, .. })
    ));
}

#[test]
fn only_acknowledgement_makes_it_kept() {
    let mut c = made();
    assert_eq!(c.status(), Status::Open);
    c.act(Action::MarkDone, at(1)).unwrap();
    assert_eq!(c.status(), Status::AwaitingAck);
    assert_eq!(c.outcome(), None, "done is not met");
    c.act(
        Action::Acknowledge {
            how: Some("in person".into()),
        },
        at(2),
    )
    .unwrap();
    assert_eq!(c.status(), Status::Kept);
    assert_eq!(c.outcome(), Some(Outcome::KeptOnTime));
    // Time passing changes nothing about a kept one, nor makes an open one kept.
    assert!(!c.is_overdue(at(1000)));
    assert!(made().is_overdue(at(1000)));
    assert_eq!(made().status(), Status::Open);
}

#[test]
fn not_yet_returns_it_open_with_what_is_missing() {
    let mut c = made();
    c.act(Action::MarkDone, at(1)).unwrap();
    c.act(
        Action::NotYet {
            missing: "the appendix".into(),
        },
        at(2),
    )
    .unwrap();
    assert_eq!(c.status(), Status::Open);
    assert_eq!(c.missing(), Some("the appendix"));
    c.act(Action::MarkDone, at(3)).unwrap();
    assert_eq!(c.missing(), None);
    c.act(Action::Acknowledge { how: None }, at(4)).unwrap();
    assert_eq!(c.outcome(), Some(Outcome::KeptOnTime));
    assert_eq!(c.history().len(), 5);
    assert!(matches!(c.history()[2], Entry::NotYet { .. }));
}

#[test]
fn renegotiating_early_is_healthy_and_late_is_recorded() {
    let mut c = made();
    c.act(
        Action::Renegotiate {
            due: due("Europe/Berlin", 26, 17, 0),
            reason: "numbers come Wednesday".into(),
        },
        at(10),
    )
    .unwrap();
    let timings: Vec<Timing> = c.renegotiations().map(|(_, t)| t).collect();
    assert_eq!(timings, vec![Timing::Early]);
    assert_eq!(c.due(), &due("Europe/Berlin", 26, 17, 0));
    c.act(Action::MarkDone, at(60)).unwrap();
    c.act(Action::Acknowledge { how: None }, at(61)).unwrap();
    assert_eq!(c.outcome(), Some(Outcome::KeptAfterEarlyRenegotiation));

    let mut late = made();
    // 60 h after NOW is past the 52 h due moment.
    assert!(late.is_overdue(at(60)));
    late.act(
        Action::Renegotiate {
            due: due("Europe/Berlin", 28, 12, 0),
            reason: "I lost track".into(),
        },
        at(60),
    )
    .unwrap();
    assert_eq!(
        late.renegotiations().map(|(_, t)| t).collect::<Vec<_>>(),
        vec![Timing::Late]
    );
    late.act(Action::MarkDone, at(70)).unwrap();
    late.act(Action::Acknowledge { how: None }, at(71)).unwrap();
    assert_eq!(late.outcome(), Some(Outcome::KeptLate));
}

#[test]
fn done_after_the_due_moment_is_kept_late() {
    let mut c = made();
    c.act(Action::MarkDone, at(53)).unwrap();
    c.act(Action::Acknowledge { how: None }, at(54)).unwrap();
    assert_eq!(c.outcome(), Some(Outcome::KeptLate));
}

#[test]
fn renegotiating_needs_a_reason_a_new_moment_and_a_future_one() {
    let mut c = made();
    let before = c.clone();
    assert_eq!(
        c.act(
            Action::Renegotiate {
                due: due("Europe/Berlin", 26, 17, 0),
                reason: " ".into()
            },
            at(1)
        ),
        Err(DomainError::EmptyReason)
    );
    assert_eq!(
        c.act(
            Action::Renegotiate {
                due: due("Europe/Berlin", 24, 17, 0),
                reason: "same".into()
            },
            at(1)
        ),
        Err(DomainError::SameDue)
    );
    assert_eq!(
        c.act(
            Action::Renegotiate {
                due: due("Europe/Berlin", 24, 17, 0),
                reason: "x".into()
            },
            at(100)
        ),
        Err(DomainError::DueInPast)
    );
    assert_eq!(c, before, "refusals change nothing");
}

#[test]
fn missed_only_after_the_due_moment_and_released_by_agreement() {
    let mut c = made();
    assert_eq!(
        c.act(Action::MarkMissed, at(1)),
        Err(DomainError::NotDueYet)
    );
    c.act(Action::MarkMissed, at(53)).unwrap();
    assert_eq!(c.outcome(), Some(Outcome::Missed));
    assert!(matches!(
        c.act(Action::MarkDone, at(54)),
        Err(DomainError::NotAllowed { .. })
    ));

    let mut r = made();
    assert_eq!(
        r.act(Action::Release { note: "".into() }, at(1)),
        Err(DomainError::EmptyNote)
    );
    r.act(
        Action::Release {
            note: "Ana no longer needs it".into(),
        },
        at(1),
    )
    .unwrap();
    assert_eq!(r.outcome(), Some(Outcome::Released));
    assert_eq!(r.history().len(), 2, "released is recorded, never deleted");
}

#[test]
fn acknowledging_needs_something_done() {
    let mut c = made();
    let err = c.act(Action::Acknowledge { how: None }, at(1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This commitment is open: recording the acknowledgement is not possible now."
    );
}

#[test]
fn stored_histories_round_trip_and_illegal_ones_are_refused() {
    let mut c = made();
    c.act(Action::MarkDone, at(1)).unwrap();
    c.act(
        Action::NotYet {
            missing: "charts".into(),
        },
        at(2),
    )
    .unwrap();
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(serde_json::from_str::<Commitment>(&json).unwrap(), c);

    // Acknowledged without being done: an illegal state, refused on reading.
    let bad = json.replace(
        r#"{"done":{"at":1795352400}}"#,
        r#"{"ack":{"at":1795352400}}"#,
    );
    assert_ne!(bad, json);
    assert!(serde_json::from_str::<Commitment>(&bad).is_err());
    let no_made = r#"{"id":1,"to":1,"what":"x","history":[{"done":{"at":1}}]}"#;
    assert!(serde_json::from_str::<Commitment>(no_made).is_err());
    let empty = r#"{"id":1,"to":1,"what":"x","history":[]}"#;
    assert!(serde_json::from_str::<Commitment>(empty).is_err());
}
