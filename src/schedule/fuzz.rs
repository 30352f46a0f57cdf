//! Anki's interval fuzz (`rslib/src/scheduler/states/fuzz.rs`) and its per-answer factor
//! (`answering/mod.rs`, `get_fuzz_factor`), plus the card seed it is drawn from.
//!
//! Ranges and factors only: which interval gets fuzzed, and the limits around it, are decided
//! in `intervals.rs` and `steps.rs`. Nothing here reads the configuration or the clock.

use rand::{RngExt, SeedableRng};

/// The fuzz range around an interval (Anki's `fuzz_bounds`; no fuzz below 2.5 days).
pub(super) fn fuzz_bounds(interval: f32) -> (u32, u32) {
    let delta = if interval < 2.5 {
        0.0
    } else {
        1.0 + 0.15 * (interval.min(7.0) - 2.5).max(0.0)
            + 0.10 * (interval.min(20.0) - 7.0).max(0.0)
            + 0.05 * (interval - 20.0).max(0.0)
    };
    (
        (interval - delta).round().max(0.0) as u32,
        (interval + delta).round().max(0.0) as u32,
    )
}

/// Anki's `constrained_fuzz_bounds`: the fuzz range of an interval clamped into
/// [minimum, maximum], at least two days wide above 2 days when there is room.
pub(super) fn constrained_fuzz_bounds(interval: f32, minimum: u32, maximum: u32) -> (u32, u32) {
    let minimum = minimum.min(maximum);
    let interval = interval.clamp(minimum as f32, maximum as f32);
    let (lower, upper) = fuzz_bounds(interval);
    let lower = lower.clamp(minimum, maximum);
    let mut upper = upper.clamp(minimum, maximum);
    if upper == lower && upper > 2 && upper < maximum {
        upper = lower + 1;
    }
    (lower, upper)
}

/// Anki's `with_review_fuzz` (without its load balancer): a day count in
/// [minimum, maximum], fuzzed uniformly over `constrained_fuzz_bounds` when fuzz is on.
pub(super) fn with_review_fuzz(fuzz: &Fuzz, interval: f32, minimum: u32, maximum: u32) -> u32 {
    match fuzz.factor() {
        Some(f) => {
            let (lower, upper) = constrained_fuzz_bounds(interval, minimum, maximum);
            // f < 1, so this never passes `upper`.
            ((lower as f32 + f * (1 + upper - lower) as f32).floor() as u32).min(upper)
        }
        None => (interval.round().max(0.0) as u32).clamp(minimum.min(maximum), maximum),
    }
}

/// Anki's `minimum_review_fuzz_interval`: a passing review does not go below the previous
/// interval + 1 when FSRS says it grows, nor below the previous interval while that is still
/// within the fuzz range; 0 means no such floor.
pub(super) fn minimum_review_fuzz_interval(interval: f32, previous: u32, maximum: u32) -> u32 {
    let rounded = interval.round() as u32;
    let (_, upper) = constrained_fuzz_bounds(interval, 1, maximum);
    if rounded > previous {
        previous + 1
    } else if previous <= upper {
        previous
    } else {
        0
    }
}

/// Anki's per-answer fuzz factor: the same seed always gives the same factor. Public so a test
/// can pin its values: every due date is derived by replay, so a changed generator (a `rand`
/// upgrade) would move every user's schedule.
pub fn fuzz_factor(seed: u64) -> f32 {
    rand::rngs::StdRng::seed_from_u64(seed).random_range(0.0f32..1.0)
}

/// One answer's fuzz factor, drawn only if an interval actually needs it (the RNG is the
/// most expensive part of replaying an answer).
pub(super) struct Fuzz {
    pub(super) enabled: bool,
    seed: u64,
    factor: std::cell::OnceCell<f32>,
}

impl Fuzz {
    pub(super) fn new(enabled: bool, seed: u64) -> Fuzz {
        Fuzz {
            enabled,
            seed,
            factor: std::cell::OnceCell::new(),
        }
    }

    /// A fuzz with a chosen factor, for tests of the ends of a range.
    #[cfg(test)]
    pub(super) fn with_factor(factor: f32) -> Fuzz {
        let fuzz = Fuzz::new(true, 0);
        let _ = fuzz.factor.set(factor);
        fuzz
    }

    /// The factor in [0, 1), or None when fuzz is off.
    pub(super) fn factor(&self) -> Option<f32> {
        self.enabled
            .then(|| *self.factor.get_or_init(|| fuzz_factor(self.seed)))
    }
}

/// Stable 64-bit fuzz seed of a card's global id: FNV-1a, never `DefaultHasher`.
pub fn card_seed(global_id: &str) -> u64 {
    crate::fnv::fnv1a(global_id)
}
