//! The record over time: months in the user's zone, the span shown, lead times, and that the
//! chart's figures always add up to the track record's.

use super::{zone, TzRules, NOW};
use crate::domain::chart::{by_month, lead_times, median, Month, Span, DEFAULT_MONTHS};
use crate::domain::{Action, Commitment, CommitmentId, Due, Instant, PersonId, TrackRecord};
use chrono::NaiveDate;
use proptest::prelude::*;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// An instant in UTC.
fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
    let t = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap();
    Instant::from_unix(t.and_utc().timestamp())
}

fn due_at(at: Instant) -> Due {
    Due {
        at,
        zone: zone("Europe/Berlin"),
    }
}

/// A commitment made at `made`, due at `due`, then each action at its moment.
fn commitment(made: Instant, due: Instant, then: Vec<(Action, Instant)>) -> Commitment {
    let mut c = Commitment::make(CommitmentId(1), PersonId(0), "it", due_at(due), made).unwrap();
    for (action, at) in then {
        c.act(action, at).unwrap();
    }
    c
}

fn ack() -> Action {
    Action::Acknowledge { how: None }
}

fn release() -> Action {
    Action::Release {
        note: "no longer needed".into(),
    }
}

fn reneg(to: Instant) -> Action {
    Action::Renegotiate {
        due: due_at(to),
        reason: "the figures came late".into(),
    }
}

/// Kept on time: done and acknowledged at `at`, due a day later.
fn kept_at(at: Instant) -> Commitment {
    commitment(
        at.plus_secs(-DAY),
        at.plus_secs(DAY),
        vec![(Action::MarkDone, at), (ack(), at)],
    )
}

fn month(m: &Month) -> (i32, u32) {
    (m.year, m.month)
}

#[test]
fn each_outcome_counts_in_the_month_it_was_settled() {
    let t = |d: u32, h: u32| utc(2026, 11, d, h, 0);
    let cs = [
        kept_at(t(2, 10)),
        // Renegotiated early, then kept by the new moment.
        commitment(
            t(1, 9),
            t(5, 9),
            vec![
                (reneg(t(9, 9)), t(3, 9)),
                (Action::MarkDone, t(8, 9)),
                (ack(), t(8, 10)),
            ],
        ),
        // Done after its moment: kept late.
        commitment(
            t(1, 9),
            t(5, 9),
            vec![(Action::MarkDone, t(6, 9)), (ack(), t(6, 10))],
        ),
        commitment(t(1, 9), t(5, 9), vec![(Action::MarkMissed, t(7, 9))]),
        commitment(t(1, 9), t(25, 9), vec![(release(), t(10, 9))]),
        // Not settled: open, and done but not yet acknowledged.
        commitment(t(1, 9), t(25, 9), vec![]),
        commitment(t(1, 9), t(25, 9), vec![(Action::MarkDone, t(10, 9))]),
    ];
    let months = by_month(&cs, &TzRules, &zone("UTC"), NOW, Span::default());
    assert_eq!(months.len(), DEFAULT_MONTHS);
    assert_eq!(month(&months[0]), (2025, 12));
    assert_eq!(month(&months[11]), (2026, 11), "ends with now's month");
    let nov = months[11];
    assert_eq!(
        (
            nov.kept_on_time,
            nov.kept_after_early,
            nov.kept_late,
            nov.missed,
            nov.released
        ),
        (1, 1, 1, 1, 1)
    );
    assert_eq!(nov.settled(), 5);
    // Two kept as agreed of four kept or missed; the release counts for neither.
    assert_eq!(nov.share_as_agreed(), Some(50));
    assert_eq!(
        nov.share_as_agreed(),
        TrackRecord::of(&cs).reliability_percent()
    );
    for m in &months[..11] {
        assert_eq!(m.settled(), 0);
        assert_eq!(m.share_as_agreed(), None, "no share for a month with none");
    }
}

#[test]
fn a_month_is_the_users_month_not_utcs() {
    // 23:30 UTC on 31 January is already 1 February in Berlin, still 31 January in New York.
    let c = [kept_at(utc(2026, 1, 31, 23, 30))];
    let now = utc(2026, 3, 15, 12, 0);
    let settled_in = |z: &str| {
        by_month(&c, &TzRules, &zone(z), now, Span::Last(3))
            .iter()
            .filter(|m| m.settled() > 0)
            .map(month)
            .collect::<Vec<_>>()
    };
    assert_eq!(settled_in("Europe/Berlin"), [(2026, 2)]);
    assert_eq!(settled_in("UTC"), [(2026, 1)]);
    assert_eq!(settled_in("America/New_York"), [(2026, 1)]);
    // And now's own month is taken in the zone too: 1 January 00:30 in Berlin is January there.
    let new_year = utc(2025, 12, 31, 23, 30);
    let last = |z: &str| {
        month(
            by_month(&c, &TzRules, &zone(z), new_year, Span::Last(1))
                .last()
                .unwrap(),
        )
    };
    assert_eq!(last("Europe/Berlin"), (2026, 1));
    assert_eq!(last("UTC"), (2025, 12));
}

#[test]
fn all_months_run_from_the_first_settled_to_now_with_empty_ones_between() {
    let cs = [
        kept_at(utc(2025, 10, 3, 12, 0)),
        kept_at(utc(2026, 2, 3, 12, 0)),
    ];
    let months = by_month(&cs, &TzRules, &zone("UTC"), NOW, Span::All);
    let shown: Vec<_> = months.iter().map(month).collect();
    assert_eq!(shown.first(), Some(&(2025, 10)));
    assert_eq!(shown.last(), Some(&(2026, 11)));
    assert_eq!(
        months.len(),
        14,
        "October to the next November, none skipped"
    );
    assert_eq!(months.iter().map(Month::settled).sum::<usize>(), 2);
    assert_eq!(months[0].kept_on_time, 1);
    assert_eq!(months[4].kept_on_time, 1);
    // The last twelve leave the October of the year before out.
    let twelve = by_month(&cs, &TzRules, &zone("UTC"), NOW, Span::Last(12));
    assert_eq!(twelve.iter().map(Month::settled).sum::<usize>(), 1);
    // Nothing settled: no months at all, but the last twelve are still twelve empty ones.
    let open = [commitment(NOW, NOW.plus_secs(DAY), vec![])];
    assert!(by_month(&open, &TzRules, &zone("UTC"), NOW, Span::All).is_empty());
    assert_eq!(
        by_month(&open, &TzRules, &zone("UTC"), NOW, Span::Last(12)).len(),
        12
    );
}

#[test]
fn lead_times_count_only_early_renegotiations() {
    let t = |d: u32| utc(2026, 11, d, 12, 0);
    let cs = [
        // Three days ahead, then a day ahead of the new moment.
        commitment(
            t(1),
            t(10),
            vec![(reneg(t(12)), t(7)), (reneg(t(20)), t(11))],
        ),
        // Late: after its moment. No lead.
        commitment(t(1), t(3), vec![(reneg(t(20)), t(5))]),
        // Two hours ahead.
        commitment(
            t(1),
            t(10),
            vec![(reneg(t(15)), t(10).plus_secs(-2 * HOUR))],
        ),
    ];
    assert_eq!(lead_times(&cs), [3 * DAY, DAY, 2 * HOUR]);
    assert_eq!(median(lead_times(&cs)), Some(DAY));
    assert_eq!(median(vec![]), None);
    assert_eq!(
        median(vec![4, 1]),
        Some(2),
        "the mean of the middle two, rounded down"
    );
    assert_eq!(median(vec![9, 1, 5, 3]), Some(4));
}

/// Steps a commitment may take, each some hours after the one before.
fn arb_action() -> impl Strategy<Value = (u8, i64)> {
    (0u8..6, 0i64..2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// For any history, the chart's months over all time add up to the track record, outcome
    /// by outcome; the last twelve never count more.
    #[test]
    fn the_monthly_sums_equal_the_record(
        specs in prop::collection::vec(
            (-900i64..30, 1i64..2000, prop::collection::vec(arb_action(), 0..6)),
            0..25,
        ),
        tz in prop::sample::select(vec!["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]),
    ) {
        let cs: Vec<Commitment> = specs
            .into_iter()
            .map(|(day, due_in, steps)| {
                let made = NOW.plus_secs(day * DAY);
                let mut c = Commitment::make(CommitmentId(1), PersonId(0), "it", due_at(made.plus_secs(due_in * HOUR)), made).unwrap();
                let mut at = made;
                for (kind, hours) in steps {
                    at = at.plus_secs(hours * HOUR);
                    let action = match kind {
                        0 => reneg(at.plus_secs(hours * HOUR + HOUR)),
                        1 => Action::MarkDone,
                        2 => Action::NotYet { missing: "the appendix".into() },
                        3 => ack(),
                        4 => Action::MarkMissed,
                        _ => release(),
                    };
                    // Refusals leave it as it was: the history stays legal.
                    let _ = c.act(action, at);
                }
                c
            })
            .collect();
        let zone = zone(tz);
        let record = TrackRecord::of(&cs);
        let all = by_month(&cs, &TzRules, &zone, NOW, Span::All);
        let sum = |f: fn(&Month) -> usize| all.iter().map(f).sum::<usize>();
        prop_assert_eq!(sum(|m| m.kept_on_time), record.kept_on_time);
        prop_assert_eq!(sum(|m| m.kept_after_early), record.kept_after_early_renegotiation);
        prop_assert_eq!(sum(|m| m.kept_late), record.kept_late);
        prop_assert_eq!(sum(|m| m.missed), record.missed);
        prop_assert_eq!(sum(|m| m.released), record.released);
        prop_assert_eq!(sum(Month::settled), record.made - record.in_progress);
        // Continuous: each month follows the one before.
        for pair in all.windows(2) {
            let next = if pair[0].month == 12 { (pair[0].year + 1, 1) } else { (pair[0].year, pair[0].month + 1) };
            prop_assert_eq!((pair[1].year, pair[1].month), next);
        }
        let twelve = by_month(&cs, &TzRules, &zone, NOW, Span::Last(12));
        prop_assert_eq!(twelve.len(), 12);
        prop_assert!(twelve.iter().map(Month::settled).sum::<usize>() <= sum(Month::settled));
        // Early renegotiations each have one lead time, and it is ahead.
        let leads = lead_times(&cs);
        prop_assert_eq!(leads.len(), record.renegotiated_early);
        prop_assert!(leads.iter().all(|l| *l > 0));
    }
}
