//! Fuzz as Anki draws it, over many cards and histories: every fuzzed interval inside Anki's
//! range for it (`constrained_fuzz_bounds` around the interval Anki fuzzes), learning-step
//! fuzz in `[0, min(25%, 300 s))`, and both spread uniformly (chi-squared, fixed seed).

use std::collections::BTreeMap;

use super::fuzz::{constrained_fuzz_bounds, minimum_review_fuzz_interval, with_review_fuzz, Fuzz};
use super::*;

/// 2026-11-23 10:00 UTC.
const T0: Millis = 1_795_428_000_000;

/// Counts per position in each range seen, keyed by the range.
type Spread = BTreeMap<(u32, u32), Vec<u32>>;

fn record(spread: &mut Spread, lo: u32, hi: u32, got: u32) {
    let counts = spread
        .entry((lo, hi))
        .or_insert_with(|| vec![0; (hi - lo + 1) as usize]);
    counts[(got - lo) as usize] += 1;
}

/// Pearson's chi-squared over every range with at least 8 expected per cell, against the
/// 0.1% critical value (Wilson-Hilferty); returns (statistic, degrees of freedom, critical).
fn chi_squared(spread: &Spread) -> (f64, f64, f64) {
    let (mut stat, mut df) = (0.0, 0.0);
    for counts in spread.values() {
        let n: u32 = counts.iter().sum();
        let expected = f64::from(n) / counts.len() as f64;
        if counts.len() < 2 || expected < 8.0 {
            continue;
        }
        stat += counts
            .iter()
            .map(|&c| (f64::from(c) - expected).powi(2) / expected)
            .sum::<f64>();
        df += (counts.len() - 1) as f64;
    }
    let z = 3.09;
    let k = 2.0 / (9.0 * df);
    (stat, df, df * (1.0 - k + z * k.sqrt()).powi(3))
}

#[test]
fn fuzzed_intervals_lie_in_ankis_ranges_and_spread_uniformly() {
    let (mut days_spread, mut secs_spread) = (Spread::new(), Spread::new());
    let mut checked = 0u32;
    for relearning in [vec![10.0], vec![]] {
        let config = |fuzz| SchedulerConfig {
            fuzz,
            maximum_interval_days: 400,
            relearning_steps_mins: relearning.clone(),
            ..SchedulerConfig::default()
        };
        let s = Scheduler::new(config(true)).expect("config");
        let plain = Scheduler::new(config(false)).expect("config");
        walk(&s, &plain, &mut days_spread, &mut secs_spread, &mut checked);
    }
    assert!(checked > 50_000, "{checked} intervals checked");
    for (what, spread) in [("days", &days_spread), ("step seconds", &secs_spread)] {
        let (stat, df, critical) = chi_squared(spread);
        eprintln!("{what}: chi-squared {stat:.1}, {df} df, critical {critical:.1}");
        assert!(df > 20.0, "{what}: {df} degrees of freedom");
        assert!(
            stat < critical,
            "{what}: chi-squared {stat:.1} over {df} df >= {critical:.1}"
        );
    }
}

/// 1,500 cards of up to 12 random answers each, every option checked against Anki's range.
fn walk(
    s: &Scheduler,
    plain: &Scheduler,
    days_spread: &mut Spread,
    secs_spread: &mut Spread,
    checked: &mut u32,
) {
    let mut x = 0x5eed_u64 ^ u64::from(*checked);
    let mut next = |n: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    for card_id in 0..1500u64 {
        let seed = card_seed(&format!("deck/{card_id}"));
        let mut card = CardState::NEW;
        let mut now = T0 + next(86_400) as Millis * 1000;
        for _ in 0..12 {
            let today = s.day_of(now);
            let maximum = s.limits.maximum(today);
            let o = s.preview(&card, now, seed);
            let base = plain.preview(&card, now, seed);
            let ivl = |i: usize| s.memory.interval(o[i].stability);
            let fuzz = Fuzz::new(true, seed.wrapping_add(u64::from(card.reps)));
            let mut lower = 1;
            for (i, out) in o.iter().enumerate() {
                let got = out.state.interval_days;
                match (card.phase, out.state.phase) {
                    (_, Phase::Learning | Phase::Relearning) => {
                        let step = ((base[i].state.due - now) / 1000) as u32;
                        let extra = ((out.state.due - now) / 1000) as u32 - step;
                        let room = (step as f32 * 0.25).min(300.0).floor() as u32;
                        assert!(extra < room.max(1), "step {step}: +{extra} of {room}");
                        // One option per answer: the four share one factor.
                        if room > 0 && i == 0 {
                            record(secs_spread, 0, room - 1, extra);
                        }
                        *checked += 1;
                    }
                    (Phase::Review, Phase::Review) if i > 0 => {
                        // Anki's `passing_fsrs_review_intervals`.
                        let floor =
                            minimum_review_fuzz_interval(ivl(i), card.interval_days, maximum);
                        let (lo, hi) = constrained_fuzz_bounds(
                            ivl(i),
                            floor.max(lower).clamp(1, maximum),
                            maximum,
                        );
                        assert!(
                            (lo..=hi).contains(&got),
                            "review {i}: {got} not in {lo}..={hi}"
                        );
                        if i == 1 {
                            record(days_spread, lo, hi, got);
                        }
                        lower = got + 1;
                        *checked += 1;
                    }
                    (Phase::Review, Phase::Review) => {
                        // A lapse with no relearning steps: never fuzzed.
                        assert_eq!(got, ivl(0).round().max(1.0) as u32);
                    }
                    (_, Phase::Review) => {
                        // Graduating: Anki fuzzes round(I); Easy starts past Good's unrounded fuzz.
                        let (rounded, minimum) = if i == 3 {
                            let good = with_review_fuzz(&fuzz, ivl(2), 1, maximum);
                            (ivl(3).round().max(1.0), good + 1)
                        } else {
                            (ivl(i).round().max(1.0), 1)
                        };
                        let (lo, hi) =
                            constrained_fuzz_bounds(rounded, minimum.min(maximum), maximum);
                        assert!(
                            (lo..=hi).contains(&got),
                            "graduating {i}: {got} not in {lo}..={hi}"
                        );
                        if i == 2 {
                            record(days_spread, lo, hi, got);
                        }
                        *checked += 1;
                    }
                    _ => {}
                }
            }
            let rating = [
                Rating::Again,
                Rating::Hard,
                Rating::Good,
                Rating::Good,
                Rating::Easy,
            ][next(5) as usize];
            card = o[rating as usize - 1].state;
            let wait = (card.due - now).max(60_000);
            now += wait / 2 + next(wait as u64 + 1) as Millis;
        }
    }
}

#[test]
fn learning_step_fuzz_is_exclusive_at_the_top() {
    // Anki: `rng.random_range(secs..secs + floor(min(25% of secs, 300)))`.
    for (secs, most) in [(330, 81), (60, 14), (600, 149), (7200, 299), (3, 0)] {
        let (state, _) = steps::learn(CardState::NEW, secs, T0, &Fuzz::with_factor(0.999_999));
        assert_eq!((state.due - T0) / 1000, i64::from(secs + most), "{secs} s");
        let (state, _) = steps::learn(CardState::NEW, secs, T0, &Fuzz::with_factor(0.0));
        assert_eq!((state.due - T0) / 1000, i64::from(secs), "{secs} s");
    }
}
