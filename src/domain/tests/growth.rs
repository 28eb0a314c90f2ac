//! Growing trust: sizes, the ladder, series made again and standing commitments.

use super::{due, zone, TzRules, NOW};
use crate::domain::growth::{
    again_due, can_repeat, ladder, next_day, series, size_words, Day, Suggestion, Why, RUN, STEPS,
};
use crate::domain::{
    Action, Book, Command, Commitment, CommitmentId, Direction, DomainError, Due, Entry, Instant,
    Kind, OpenSteps, Outcome, PersonId, Recipient,
};
use chrono::NaiveDate;

const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;

fn at(secs: i64) -> Instant {
    NOW.plus_secs(secs)
}

fn utc_in(secs: i64) -> Due {
    Due {
        at: at(secs),
        zone: zone("UTC"),
    }
}

/// A book with Ana in it.
fn book() -> Book {
    let mut b = Book::default();
    b.apply(
        Command::AddPerson {
            name: "Ana".into(),
            zone: zone("Europe/Berlin"),
        },
        NOW,
    )
    .unwrap();
    b
}

const ANA: PersonId = PersonId(0);

/// Makes a commitment to Ana at `made`, due `horizon` later, and settles it as `outcome` says.
fn settle(b: &mut Book, made: i64, horizon: i64, outcome: Outcome) -> CommitmentId {
    let id = CommitmentId(b.next_ids().commitment);
    let make = Command::Make {
        to: Recipient::Existing(ANA),
        what: format!("step {}", id.0),
        due: utc_in(made + horizon),
        by: Direction::Mine,
        kind: Kind::Deliver,
    };
    b.apply(make, at(made)).unwrap();
    let act = |b: &mut Book, action, when: i64| b.apply(Command::Act { id, action }, at(when));
    let due = made + horizon;
    match outcome {
        Outcome::KeptOnTime => {
            act(b, Action::MarkDone, due - 1).unwrap();
            act(b, Action::Acknowledge { how: None }, due).unwrap();
        }
        Outcome::KeptAfterEarlyRenegotiation => {
            let reneg = Action::Renegotiate {
                due: utc_in(due + HOUR),
                reason: "needs a day more".into(),
            };
            act(b, reneg, made + 1).unwrap();
            act(b, Action::MarkDone, due).unwrap();
            act(b, Action::Acknowledge { how: None }, due + 1).unwrap();
        }
        Outcome::KeptLate => {
            act(b, Action::MarkDone, due + 1).unwrap();
            act(b, Action::Acknowledge { how: None }, due + 2).unwrap();
        }
        Outcome::Missed => {
            act(b, Action::MarkMissed, due).unwrap();
        }
        Outcome::Released => {
            act(
                b,
                Action::Release {
                    note: "not needed".into(),
                },
                made + 1,
            )
            .unwrap();
        }
    }
    id
}

fn suggest(b: &Book) -> Suggestion {
    ladder(b.commitments())
}

#[test]
fn a_size_is_the_horizon_from_making_to_the_due_moment_in_force() {
    let mut b = book();
    let id = settle(&mut b, 0, 2 * DAY, Outcome::KeptAfterEarlyRenegotiation);
    let c = b.commitment(id).unwrap();
    // Renegotiated an hour later: the size follows the due moment in force.
    assert_eq!(c.horizon(), 2 * DAY + HOUR);
    assert_eq!(size_words(c.horizon()), "2-day");
    for (secs, words) in [
        (0, "1-minute"),
        (20 * 60, "20-minute"),
        (HOUR, "1-hour"),
        (5 * HOUR + 40 * 60, "6-hour"),
        (21 * HOUR, "21-hour"),
        (DAY + HOUR, "1-day"),
        (DAY + DAY / 2, "2-day"),
        (3 * DAY, "3-day"),
        (13 * DAY, "13-day"),
        (14 * DAY, "2-week"),
        (30 * DAY, "4-week"),
    ] {
        assert_eq!(size_words(secs), words, "{secs}");
    }
}

#[test]
fn the_ladder_starts_at_a_day() {
    let s = suggest(&book());
    assert_eq!(s.why, Why::Start);
    assert_eq!(s.step, DAY);
    assert!(s.hint().contains("within a day"), "{}", s.hint());
}

#[test]
fn the_ladder_holds_until_a_run_then_grows_one_step_above_the_largest() {
    let mut b = book();
    for n in 1..RUN {
        settle(&mut b, n as i64 * 10 * DAY, DAY, Outcome::KeptOnTime);
        assert_eq!(
            suggest(&b),
            Suggestion {
                step: DAY,
                why: Why::Hold { run: n }
            }
        );
    }
    settle(&mut b, 30 * DAY, DAY, Outcome::KeptAfterEarlyRenegotiation);
    // The renegotiated one is a day and an hour: its step is three days, so the next is a week.
    let s = suggest(&b);
    assert_eq!(s.why, Why::Grow { run: 3 });
    assert_eq!(s.step, 7 * DAY);
    assert!(s.hint().contains("within a week"), "{}", s.hint());
}

#[test]
fn every_step_boundary_of_the_ladder() {
    // A run of three, each exactly a step long, suggests the step above; a second longer, two.
    for (i, &step) in STEPS.iter().enumerate() {
        for (extra, up) in [(0, 1), (1, 2)] {
            let mut b = book();
            for n in 0..RUN as i64 {
                settle(&mut b, n * 40 * DAY, step + extra, Outcome::KeptOnTime);
            }
            let want = STEPS[(i + up).min(STEPS.len() - 1)];
            assert_eq!(suggest(&b).step, want, "step {step} + {extra}");
        }
    }
}

#[test]
fn a_miss_or_a_late_one_goes_back_to_a_day_and_a_release_changes_nothing() {
    for outcome in [Outcome::Missed, Outcome::KeptLate] {
        let mut b = book();
        for n in 0..4 {
            settle(&mut b, n * 10 * DAY, 3 * DAY, Outcome::KeptOnTime);
        }
        settle(&mut b, 50 * DAY, 7 * DAY, outcome);
        let s = suggest(&b);
        assert_eq!(
            s,
            Suggestion {
                step: DAY,
                why: Why::Back { outcome }
            }
        );
        assert!(
            !s.hint().contains("fail"),
            "it does not scold: {}",
            s.hint()
        );
        // The run starts again from the miss.
        settle(&mut b, 70 * DAY, DAY, Outcome::KeptOnTime);
        assert_eq!(suggest(&b).why, Why::Hold { run: 1 });
        settle(&mut b, 80 * DAY, 3 * DAY, Outcome::Released);
        assert_eq!(suggest(&b).why, Why::Hold { run: 1 });
    }
}

#[test]
fn the_ladder_reads_only_the_users_own_word() {
    let mut b = book();
    b.apply(
        Command::Make {
            to: Recipient::Existing(ANA),
            what: "Ana sends the keys".into(),
            due: utc_in(DAY),
            by: Direction::Theirs,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    b.apply(
        Command::Act {
            id: CommitmentId(0),
            action: Action::Release {
                note: "no need".into(),
            },
        },
        at(1),
    )
    .unwrap();
    let missed = Command::Make {
        to: Recipient::Existing(ANA),
        what: "Ana calls".into(),
        due: utc_in(HOUR),
        by: Direction::Theirs,
        kind: Kind::Deliver,
    };
    b.apply(missed, NOW).unwrap();
    b.apply(
        Command::Act {
            id: CommitmentId(1),
            action: Action::MarkMissed,
        },
        at(HOUR),
    )
    .unwrap();
    assert_eq!(suggest(&b).why, Why::Start);
}

/// A daily series to Ana, due at 09:00 Berlin from Tue 24 Nov, settled day by day.
fn daily(outcomes: &[Outcome]) -> (Book, Vec<CommitmentId>) {
    let mut b = book();
    b.apply(
        Command::Make {
            to: Recipient::Existing(ANA),
            what: "Call before nine".into(),
            due: due("Europe/Berlin", 24, 9, 0),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    let mut ids = vec![CommitmentId(0)];
    for (n, outcome) in outcomes.iter().enumerate() {
        let id = ids[n];
        let due_at = b.commitment(id).unwrap().due().at.unix() - NOW.unix();
        let act = |b: &mut Book, action, when: i64| {
            b.apply(Command::Act { id, action }, at(when)).unwrap();
        };
        match outcome {
            Outcome::KeptOnTime => {
                act(&mut b, Action::MarkDone, due_at - 60);
                act(&mut b, Action::Acknowledge { how: None }, due_at);
            }
            Outcome::Missed => act(&mut b, Action::MarkMissed, due_at),
            Outcome::Released => act(
                &mut b,
                Action::Release {
                    note: "a holiday".into(),
                },
                due_at - 60,
            ),
            other => unreachable!("{other:?} is not used here"),
        }
        if n + 1 < outcomes.len() {
            let c = b.commitment(id).unwrap();
            let day = next_day(c, &TzRules, at(due_at));
            let next = again_due(c, &TzRules, day).unwrap();
            b.apply(Command::Again { id, due: next }, at(due_at + 60))
                .unwrap();
            ids.push(CommitmentId(b.next_ids().commitment - 1));
        }
    }
    (b, ids)
}

#[test]
fn again_makes_the_next_one_same_words_same_time_same_zone_the_next_day() {
    use Outcome::*;
    let (b, ids) = daily(&[KeptOnTime, KeptOnTime]);
    let (first, second) = (b.commitment(ids[0]).unwrap(), b.commitment(ids[1]).unwrap());
    assert_eq!(second.what(), first.what());
    assert_eq!(second.to(), ANA);
    assert_eq!(second.series(), Some(ids[0]));
    assert_eq!(first.series(), None);
    assert_eq!(second.due().zone, first.due().zone);
    assert_eq!(second.due().at.unix() - first.due().at.unix(), DAY);
    assert_eq!(
        second.due().local(&TzRules).date(),
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    );
}

#[test]
fn again_waits_for_the_current_one_to_be_settled_and_repeats_only_the_latest() {
    use Outcome::*;
    let (mut b, mut ids) = daily(&[KeptOnTime]);
    let again = |id| Command::Again {
        id,
        due: utc_in(10 * DAY),
    };
    b.apply(again(ids[0]), at(3 * DAY)).unwrap();
    ids.push(CommitmentId(1));
    // The second is still open.
    assert_eq!(
        b.apply(again(ids[1]), at(3 * DAY)),
        Err(DomainError::NotSettledYet)
    );
    assert!(!can_repeat(b.commitment(ids[1]).unwrap(), b.commitments()));
    // The first is settled, but a later one of its series exists.
    assert_eq!(
        b.apply(again(ids[0]), at(3 * DAY)),
        Err(DomainError::NotLatestInSeries)
    );
    assert!(!can_repeat(b.commitment(ids[0]).unwrap(), b.commitments()));
    // A moment already past is refused, and nothing changes.
    let before = b.clone();
    b.apply(
        Command::Act {
            id: ids[1],
            action: Action::Release {
                note: "skip".into(),
            },
        },
        at(3 * DAY),
    )
    .unwrap();
    assert!(can_repeat(b.commitment(ids[1]).unwrap(), b.commitments()));
    let settled = b.clone();
    assert_eq!(
        b.apply(
            Command::Again {
                id: ids[1],
                due: utc_in(DAY)
            },
            at(3 * DAY)
        ),
        Err(DomainError::DueInPast)
    );
    assert_eq!(b, settled);
    assert_ne!(b, before);
}

#[test]
fn a_series_kept_three_days_missed_one_and_kept_again_has_runs_of_one_and_three() {
    use Outcome::*;
    let (b, ids) = daily(&[KeptOnTime, KeptOnTime, KeptOnTime, Missed, KeptOnTime]);
    let all = series(b.commitments());
    assert_eq!(all.len(), 1);
    let s = &all[0];
    assert_eq!(s.commitments.len(), 5);
    assert_eq!(s.first().id(), ids[0]);
    assert_eq!(s.latest().id(), ids[4]);
    assert_eq!(s.runs(), (1, 3));
    let strip = s.strip(&TzRules, 28);
    let days: Vec<Day> = strip.iter().map(|(_, d)| *d).collect();
    assert_eq!(
        days,
        [Day::Kept, Day::Kept, Day::Kept, Day::Missed, Day::Kept]
    );
    assert_eq!(strip[0].0, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    // The strip shows the last days only.
    assert_eq!(s.strip(&TzRules, 2).len(), 2);
}

#[test]
fn a_released_day_neither_ends_nor_extends_a_run() {
    use Outcome::*;
    let (b, _) = daily(&[KeptOnTime, Released, KeptOnTime]);
    assert_eq!(series(b.commitments())[0].runs(), (2, 2));
}

#[test]
fn a_day_with_nothing_due_is_a_gap_in_the_strip() {
    use Outcome::*;
    let (mut b, ids) = daily(&[KeptOnTime]);
    let c = b.commitment(ids[0]).unwrap();
    let later = again_due(c, &TzRules, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap();
    b.apply(
        Command::Again {
            id: ids[0],
            due: later,
        },
        at(2 * DAY),
    )
    .unwrap();
    let strip = series(b.commitments())[0].strip(&TzRules, 28);
    let days: Vec<Day> = strip.iter().map(|(_, d)| *d).collect();
    assert_eq!(days, [Day::Kept, Day::None, Day::Pending]);
}

#[test]
fn again_across_a_dst_change_keeps_the_time_of_day_and_skips_a_time_that_does_not_exist() {
    // 02:30 in Berlin on Sat 28 Mar 2026; on Sun 29 Mar the clocks jump from 02:00 to 03:00.
    let rules = &TzRules;
    let berlin = zone("Europe/Berlin");
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let half_past_two = chrono::NaiveTime::from_hms_opt(2, 30, 0).unwrap();
    let first = Due::from_local(rules, berlin.clone(), day(28), half_past_two).unwrap();
    let made = Instant::from_unix(first.at.unix() - DAY);
    let mut c = Commitment::make(CommitmentId(0), ANA, "Feed the cat", first, made).unwrap();
    c.act(Action::MarkDone, made).unwrap();
    c.act(Action::Acknowledge { how: None }, made).unwrap();
    assert!(matches!(
        again_due(&c, rules, day(29)),
        Err(DomainError::NonexistentLocalTime)
    ));
    assert_eq!(next_day(&c, rules, made), day(30));
    let next = again_due(&c, rules, day(30)).unwrap();
    assert_eq!(next.local(rules).time(), half_past_two);
    // 47 hours later, not 48: an hour of the 29th never happened.
    assert_eq!(next.at.unix() - c.due().at.unix(), 47 * HOUR);
    // Across the change in autumn (Sun 25 Oct), a day is 25 hours.
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let oct = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
    let sat = Due::from_local(rules, berlin, oct(24), nine).unwrap();
    let mut c = Commitment::make(CommitmentId(0), ANA, "Walk", sat.clone(), made).unwrap();
    c.act(Action::MarkDone, made).unwrap();
    c.act(Action::Acknowledge { how: None }, made).unwrap();
    assert_eq!(next_day(&c, rules, sat.at), oct(25));
    let sun = again_due(&c, rules, oct(25)).unwrap();
    assert_eq!(sun.at.unix() - sat.at.unix(), 25 * HOUR);
}

#[test]
fn next_day_is_the_first_one_still_ahead() {
    use Outcome::*;
    let (b, ids) = daily(&[KeptOnTime]);
    let c = b.commitment(ids[0]).unwrap();
    // Settled on the 24th, opened again three days on at noon: the 28th at 09:00 is the first.
    let noon_27 = c.due().at.plus_secs(3 * DAY + 3 * HOUR);
    assert_eq!(
        next_day(c, &TzRules, noon_27),
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    );
}

fn standing(b: &mut Book, by: Direction) -> CommitmentId {
    b.apply(
        Command::Make {
            to: Recipient::Existing(ANA),
            what: "Talk only to you, not to your boss".into(),
            due: utc_in(30 * DAY),
            by,
            kind: Kind::Standing,
        },
        NOW,
    )
    .unwrap();
    CommitmentId(b.next_ids().commitment - 1)
}

#[test]
fn a_standing_commitment_is_met_only_after_its_end_and_an_acknowledgement() {
    let mut b = book();
    let id = standing(&mut b, Direction::Mine);
    assert_eq!(b.commitment(id).unwrap().kind(), Kind::Standing);
    let act = |b: &mut Book, action, when| b.apply(Command::Act { id, action }, at(when));
    assert_eq!(
        act(&mut b, Action::MarkDone, 29 * DAY),
        Err(DomainError::StandingNotOver)
    );
    // What the page offers is what the rules allow: broken while it runs, done and missed after.
    let steps = |b: &Book, when| b.commitment(id).unwrap().open_steps(at(when));
    let running = OpenSteps {
        done: false,
        running: true,
        past_due: false,
    };
    assert_eq!(steps(&b, 29 * DAY), running);
    let over = OpenSteps {
        done: true,
        running: false,
        past_due: true,
    };
    assert_eq!(steps(&b, 30 * DAY), over);
    assert_eq!(
        b.clone().apply(
            Command::Act {
                id,
                action: Action::MarkMissed
            },
            at(29 * DAY)
        ),
        Err(DomainError::NotDueYet)
    );
    // Renegotiated like any other: early, to a later end.
    act(
        &mut b,
        Action::Renegotiate {
            due: utc_in(40 * DAY),
            reason: "the project runs longer".into(),
        },
        DAY,
    )
    .unwrap();
    assert_eq!(
        act(&mut b, Action::MarkDone, 35 * DAY),
        Err(DomainError::StandingNotOver)
    );
    act(&mut b, Action::MarkDone, 40 * DAY).unwrap();
    act(&mut b, Action::Acknowledge { how: None }, 41 * DAY).unwrap();
    assert_eq!(
        b.commitment(id).unwrap().outcome(),
        Some(Outcome::KeptAfterEarlyRenegotiation)
    );
}

#[test]
fn a_standing_commitment_can_be_broken_with_what_happened() {
    let mut b = book();
    let id = standing(&mut b, Direction::Theirs);
    let brk = |what: &str| Command::Act {
        id,
        action: Action::Break { what: what.into() },
    };
    assert_eq!(
        b.apply(brk("  "), at(DAY)),
        Err(DomainError::EmptyWhatHappened)
    );
    b.apply(brk("Wrote to the boss on Friday"), at(DAY))
        .unwrap();
    let c = b.commitment(id).unwrap();
    assert_eq!(c.outcome(), Some(Outcome::Missed));
    assert_eq!(c.by(), Direction::Theirs);
    assert!(matches!(
        c.history().last(),
        Some(Entry::Missed { what: Some(w), .. }) if w == "Wrote to the boss on Friday"
    ));
    // A stored broken one reads back through the same rules.
    let json = serde_json::to_string(c).unwrap();
    assert!(json.contains("\"kind\":\"standing\""), "{json}");
    assert_eq!(&serde_json::from_str::<Commitment>(&json).unwrap(), c);
    // Only a standing one can be broken.
    b.apply(
        Command::Make {
            to: Recipient::Existing(ANA),
            what: "Send the draft".into(),
            due: utc_in(DAY),
            by: Direction::Mine,
            kind: Kind::Deliver,
        },
        NOW,
    )
    .unwrap();
    let deliver = CommitmentId(id.0 + 1);
    assert_eq!(
        b.apply(
            Command::Act {
                id: deliver,
                action: Action::Break { what: "x".into() }
            },
            at(1)
        ),
        Err(DomainError::NotStanding)
    );
}

#[test]
fn a_stored_series_that_starts_after_its_member_is_refused() {
    use Outcome::*;
    let (b, ids) = daily(&[KeptOnTime, KeptOnTime]);
    let json = serde_json::to_string(b.commitment(ids[1]).unwrap()).unwrap();
    let forged = json.replace("\"series\":0", "\"series\":5");
    assert!(
        serde_json::from_str::<Commitment>(&forged).is_err(),
        "{forged}"
    );
}

#[test]
fn a_merge_keeps_a_series_together_under_new_ids() {
    use Outcome::*;
    let (there, _) = daily(&[KeptOnTime, KeptOnTime, KeptOnTime]);
    // Here already holds two other commitments, so the series is renumbered.
    let mut here = book();
    settle(&mut here, 0, DAY, KeptOnTime);
    settle(&mut here, 0, DAY, KeptOnTime);
    let (merged, _) = here.merged(&there).unwrap();
    let all = series(merged.commitments());
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].commitments.len(), 3);
    assert_eq!(all[0].first().id(), CommitmentId(2));
    assert_eq!(all[0].runs(), (3, 3));
    // Merged again, nothing doubles.
    let (again, _) = merged.merged(&there).unwrap();
    assert_eq!(again, merged);
}
