//! Review intervals in days (Anki's `states/review.rs` and the graduating branches of
//! `learning.rs` / `relearning.rs`): graduating Good and Easy, passing reviews with
//! Hard < Good < Easy, and the limits every interval obeys (maximum interval, exam cap).
//!
//! Takes unrounded FSRS intervals from `memory.rs`, `today` and a `Fuzz`; never computes
//! memory, never touches learning steps.

use super::fuzz::{fuzz_bounds, Fuzz};

/// The upper limits on a review interval: the maximum interval and recall's exam day.
pub(super) struct Limits {
    pub(super) maximum_interval_days: u32,
    pub(super) exam_day: Option<i32>,
}

impl Limits {
    /// The longest interval allowed today: the maximum interval, lowered so that the card
    /// comes back by the exam day.
    pub(super) fn maximum(&self, today: i32) -> u32 {
        let mut maximum = self.maximum_interval_days.max(1);
        if let Some(exam) = self.exam_day {
            if exam > today {
                maximum = maximum.min((exam - today) as u32);
            }
        }
        maximum
    }

    /// Rounds (or fuzzes) an interval into [minimum, maximum] (Anki's
    /// `constrain_passing_interval` and `with_review_fuzz`).
    pub(super) fn constrain(&self, interval: f32, minimum: u32, today: i32, fuzz: &Fuzz) -> u32 {
        let maximum = self.maximum(today);
        let minimum = minimum.min(maximum);
        let interval = if interval.is_finite() {
            interval
        } else {
            maximum as f32
        };
        if !fuzz.enabled {
            return (interval.round().max(0.0) as u32).clamp(minimum, maximum);
        }
        let clamped = interval.clamp(minimum as f32, maximum as f32);
        let (lo, hi) = fuzz_bounds(clamped);
        let lo = lo.clamp(minimum, maximum);
        let mut hi = hi.clamp(minimum, maximum);
        if hi == lo && hi > 2 && hi < maximum {
            hi = lo + 1;
        }
        if hi == lo {
            return lo;
        }
        let f = fuzz.factor().unwrap_or(0.0);
        ((lo as f32 + f * (1 + hi - lo) as f32).floor() as u32).clamp(lo, hi)
    }

    /// The interval when a (re)learning card graduates with Good or Easy, from the FSRS
    /// intervals of Good and Easy.
    pub(super) fn graduating_days(
        &self,
        good: f32,
        easy: Option<f32>,
        today: i32,
        fuzz: &Fuzz,
    ) -> u32 {
        let good = self.constrain(good, 1, today, fuzz);
        match easy {
            // Easy must beat what Good would have given.
            Some(easy) => self.constrain(easy, good + 1, today, fuzz),
            None => good,
        }
    }

    /// Hard/Good/Easy on a review card (Anki's `passing_fsrs_review_intervals`): each at least
    /// one day longer than the one before, and not shorter than the current interval `prev`
    /// when FSRS says it should grow. `index` 0, 1, 2 picks Hard, Good, Easy.
    pub(super) fn passing_review_days(
        &self,
        prev: u32,
        intervals: [f32; 3],
        index: usize,
        today: i32,
        fuzz: &Fuzz,
    ) -> u32 {
        let mut minimum = 1;
        for (i, ivl) in intervals.into_iter().enumerate() {
            // Anki's `minimum_review_fuzz_interval`.
            let (lo, hi) = fuzz_bounds(ivl);
            let min_fuzz = if (ivl.round() as u32) > prev {
                prev + 1
            } else if (lo..=hi).contains(&prev) {
                prev
            } else {
                0
            };
            let days = self.constrain(ivl, minimum.max(min_fuzz), today, fuzz);
            if i == index {
                return days;
            }
            minimum = days + 1;
        }
        minimum
    }
}
