//! FSRS behaviour pinned down: growth, lapses, ordering, fuzz, the day rollover, the exam cap.

use super::*;

/// 2026-11-23 10:00 UTC.
const T0: Millis = 1_795_428_000_000;

fn sched(f: impl FnOnce(&mut SchedulerConfig)) -> Scheduler {
    let mut c = SchedulerConfig {
        fuzz: false,
        ..SchedulerConfig::default()
    };
    f(&mut c);
    Scheduler::new(c).expect("valid config")
}

/// A card graduated with Good twice on day 0 (1m then 10m steps).
fn graduated(s: &Scheduler) -> (CardState, Millis) {
    let c = s.rate(&CardState::NEW, Rating::Good, T0, 1);
    let t = T0 + 10 * MINUTE_MS;
    (s.rate(&c, Rating::Good, t, 1), t)
}

#[test]
fn new_card_walks_the_learning_steps() {
    let s = sched(|_| {});
    let [again, hard, good, easy] = s.preview(&CardState::NEW, T0, 1);
    assert_eq!(again.interval, Interval::Minutes(1));
    assert_eq!(
        hard.interval,
        Interval::Minutes(6),
        "5.5 minutes shown rounded up"
    );
    assert_eq!(
        hard.state.due,
        T0 + 330_000,
        "Hard on the first step: halfway to the second"
    );
    assert_eq!(again.state.due, T0 + MINUTE_MS);
    assert_eq!(good.interval, Interval::Minutes(10));
    assert_eq!(easy.state.phase, Phase::Review);
    assert_eq!(good.state.phase, Phase::Learning);
    let (card, _) = graduated(&s);
    assert_eq!(card.phase, Phase::Review);
    assert!(card.interval_days >= 1);
}

#[test]
fn intervals_grow_with_good() {
    let s = sched(|_| {});
    let (mut card, mut t) = graduated(&s);
    let mut last = 0;
    for _ in 0..6 {
        t = s.day_start(s.day_of(t) + card.interval_days as i32) + 3_600_000;
        card = s.rate(&card, Rating::Good, t, 1);
        assert!(
            card.interval_days > last,
            "{} after {last}",
            card.interval_days
        );
        last = card.interval_days;
    }
    assert!(last > 100, "six Goods reach months: {last}");
}

#[test]
fn again_on_a_review_card_relearns_and_counts_a_lapse() {
    let s = sched(|_| {});
    let (card, t) = graduated(&s);
    let later = t + i64::from(card.interval_days) * DAY_MS;
    let lapsed = s.rate(&card, Rating::Again, later, 1);
    assert_eq!(lapsed.phase, Phase::Relearning);
    assert_eq!(lapsed.lapses, 1);
    assert_eq!(lapsed.due, later + 10 * MINUTE_MS);
    assert!(lapsed.stability < card.stability);
    let back = s.rate(&lapsed, Rating::Good, later + 10 * MINUTE_MS, 1);
    assert_eq!(back.phase, Phase::Review);
}

#[test]
fn hard_is_shorter_than_good_is_shorter_than_easy() {
    let s = sched(|_| {});
    let (card, t) = graduated(&s);
    for days in [1, 3, 10, 40] {
        let o = s.preview(&card, t + days * DAY_MS, 1);
        let d = |i: usize| match o[i].interval {
            Interval::Days(d) => d,
            Interval::Minutes(_) => panic!("review card intervals are days"),
        };
        assert!(d(1) < d(2) && d(2) < d(3), "{:?}", o.map(|o| o.interval));
    }
}

#[test]
fn the_day_rolls_over_at_four_local() {
    // UTC+2: 04:00 local is 02:00 UTC.
    let s = sched(|c| c.utc_offset_secs = 7200);
    let midnight_utc = 1_795_392_000_000; // 2026-11-23 00:00 UTC
    let before = midnight_utc + 2 * 3_600_000 - MINUTE_MS; // 03:59 local
    let after = midnight_utc + 2 * 3_600_000 + MINUTE_MS; // 04:01 local
    assert_eq!(s.day_of(after) - s.day_of(before), 1);
    assert_eq!(s.day_start(s.day_of(after)), midnight_utc + 2 * 3_600_000);
    // Without the offset the same instants are on one day.
    let utc = sched(|_| {});
    assert_eq!(utc.day_of(after), utc.day_of(before));
}

#[test]
fn fuzz_is_deterministic_and_within_ankis_ranges() {
    let s = sched(|c| c.fuzz = true);
    for (ivl, lo, hi) in [
        (7.0, 5, 9),
        (20.0, 17, 23),
        (100.0, 93, 107),
        (365.0, 345, 385),
    ] {
        let mut seen = std::collections::BTreeSet::new();
        for seed in 0..400u64 {
            let days = s.constrain(ivl, 1, 0, &Fuzz::new(true, seed));
            assert!((lo..=hi).contains(&days), "{ivl}: {days}");
            seen.insert(days);
            assert_eq!(s.constrain(ivl, 1, 0, &Fuzz::new(true, seed)), days);
        }
        assert_eq!(seen.first().copied(), Some(lo));
        assert_eq!(seen.last().copied(), Some(hi));
    }
    assert_eq!(fuzz_bounds(2.0), (2, 2), "no fuzz below 2.5 days");
}

#[test]
fn same_seed_same_schedule() {
    let s = sched(|c| c.fuzz = true);
    let (a, t) = graduated(&s);
    let later = t + 5 * DAY_MS;
    assert_eq!(
        s.rate(&a, Rating::Good, later, 42),
        s.rate(&a, Rating::Good, later, 42)
    );
}

#[test]
fn exam_date_caps_intervals() {
    let exam = time::Date::from_calendar_date(2026, time::Month::December, 1).expect("date");
    let s = sched(|c| c.exam_date = Some(exam));
    let (card, t) = graduated(&s);
    let o = s.preview(&card, t + 2 * DAY_MS, 1);
    let exam_day = s.day_of(T0) + 8; // 2026-11-23 + 8 days
    for out in &o[1..] {
        assert!(s.day_of(out.state.due) <= exam_day, "{:?}", out.interval);
    }
    assert_eq!(
        o[3].interval,
        Interval::Days(6),
        "Easy is capped at the exam day"
    );
    // After the exam, no cap.
    let after_exam = s.preview(&card, T0 + 60 * DAY_MS, 1);
    assert!(matches!(after_exam[3].interval, Interval::Days(d) if d > 8));
}

#[test]
fn the_clock_going_backwards_never_panics_or_goes_negative() {
    let s = sched(|c| c.fuzz = true);
    let (card, t) = graduated(&s);
    for back in [1, MINUTE_MS, DAY_MS, 400 * DAY_MS] {
        for o in s.preview(&card, t - back, 7) {
            assert!(o.state.due >= t - back, "due before now");
            assert!(o.state.stability.is_finite() && o.state.difficulty.is_finite());
        }
    }
}

#[test]
fn fast_formulas_match_the_fsrs_crate() {
    let model = fsrs::FSRS::new(&[]).expect("defaults");
    let s = sched(|_| {});
    assert!(
        s.memory.exact.is_none(),
        "default parameters use the fast path"
    );
    let mut x = 12345u64;
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 40) as f32 / (1u64 << 24) as f32
    };
    for _ in 0..2000 {
        let st = 0.01 + next() * 500.0;
        let d = 1.0 + next() * 9.0;
        let elapsed = (next() * 200.0) as u32;
        let n = model
            .next_states(
                Some(fsrs::MemoryState {
                    stability: st,
                    difficulty: d,
                }),
                0.9,
                elapsed,
            )
            .expect("states");
        let fast = s.memory.fast_memories(st, d, elapsed as f32, true);
        for (item, (ms, md)) in [n.again, n.hard, n.good, n.easy].iter().zip(fast) {
            assert!((ms - item.memory.stability).abs() <= 1e-4 * ms.max(1.0));
            assert!((md - item.memory.difficulty).abs() <= 1e-4);
        }
    }
}

#[test]
fn interval_display() {
    assert_eq!(Interval::Minutes(1).to_string(), "1m");
    assert_eq!(Interval::Minutes(90).to_string(), "1.5h");
    assert_eq!(Interval::Minutes(2880).to_string(), "2d");
    assert_eq!(Interval::Days(4).to_string(), "4d");
    assert_eq!(Interval::Days(61).to_string(), "2mo");
    assert_eq!(Interval::Days(400).to_string(), "1.1y");
}

#[test]
fn bad_config_is_refused() {
    assert!(Scheduler::new(SchedulerConfig {
        desired_retention: 1.5,
        ..SchedulerConfig::default()
    })
    .is_err());
    assert!(Scheduler::new(SchedulerConfig {
        params: vec![1.0; 5],
        ..SchedulerConfig::default()
    })
    .is_err());
}

#[test]
fn card_seed_is_stable() {
    assert_eq!(card_seed(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(card_seed("a"), 0xaf63_dc4c_8601_ec8c);
}
