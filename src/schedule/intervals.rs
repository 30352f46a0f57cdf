//! Review intervals in days (Anki's `states/review.rs` and the no-step branches of
//! `learning.rs` / `relearning.rs`): graduating Good and Easy, passing reviews with
//! Hard < Good < Easy, lapses, and the limits every interval obeys (maximum interval, and
//! recall's exam cap).
//!
//! Takes unrounded FSRS intervals from `memory.rs`, `today` and a `Fuzz`; never computes
//! memory, never touches learning steps.

use super::fuzz::{minimum_review_fuzz_interval, with_review_fuzz, Fuzz};

/// The upper limits on a review interval: the maximum interval and recall's exam day.
pub(super) struct Limits {
    pub(super) maximum_interval_days: u32,
    pub(super) exam_day: Option<i32>,
}

impl Limits {
    /// The days left until the exam, when it is still ahead.
    fn exam_cap(&self, today: i32) -> Option<u32> {
        self.exam_day
            .filter(|&exam| exam > today)
            .map(|exam| (exam - today) as u32)
    }

    /// The longest interval allowed today: the maximum interval (at least a day), lowered so
    /// that the card comes back by the exam day.
    pub(super) fn maximum(&self, today: i32) -> u32 {
        let maximum = self.maximum_interval_days.max(1);
        self.exam_cap(today).map_or(maximum, |cap| maximum.min(cap))
    }

    /// Anki's `constrain_passing_interval` with `min_and_max_review_intervals`: rounds (or
    /// fuzzes) an interval into [minimum, maximum], the minimum at least a day.
    pub(super) fn constrain(&self, interval: f32, minimum: u32, today: i32, fuzz: &Fuzz) -> u32 {
        let maximum = self.maximum(today);
        let minimum = minimum.clamp(1, maximum);
        let interval = if interval.is_finite() {
            interval
        } else {
            maximum as f32
        };
        with_review_fuzz(fuzz, interval, minimum, maximum)
    }

    /// A (re)learning card leaving its steps with Again, Hard or Good (Anki's
    /// `with_review_fuzz(interval.round().max(1.0), ..)`): the FSRS interval is rounded
    /// before it is fuzzed.
    pub(super) fn leaving_steps(&self, interval: f32, today: i32, fuzz: &Fuzz) -> u32 {
        self.constrain(interval.round().max(1.0), 1, today, fuzz)
    }

    /// A (re)learning card graduating with Easy (Anki's `answer_easy`): at least a day past
    /// what Good would give (Good's interval fuzzed unrounded, as Anki does here), then Easy's
    /// own interval rounded and fuzzed.
    pub(super) fn graduating_easy(&self, good: f32, easy: f32, today: i32, fuzz: &Fuzz) -> u32 {
        let good = self.constrain(good, 1, today, fuzz);
        self.constrain(easy.round().max(1.0), good + 1, today, fuzz)
    }

    /// A lapse (Anki's `answer_again` on a review card): `round(I)`, at least a day, never
    /// fuzzed and not held to the maximum interval; only recall's exam cap lowers it.
    pub(super) fn lapse_days(&self, interval: f32, today: i32) -> u32 {
        let days = if interval.is_finite() {
            interval.round().max(1.0) as u32
        } else {
            self.maximum(today)
        };
        self.exam_cap(today)
            .map_or(days, |cap| days.min(cap.max(1)))
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
        let maximum = self.maximum(today);
        let mut minimum = 1;
        for (i, ivl) in intervals.into_iter().enumerate() {
            let floor = minimum_review_fuzz_interval(ivl, prev, maximum);
            let days = self.constrain(ivl, floor.max(minimum), today, fuzz);
            if i == index {
                return days;
            }
            minimum = days + 1;
        }
        minimum
    }
}
