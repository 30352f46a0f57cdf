//! FSRS-6 scheduling the way Anki 26.9 does it: learning steps, review intervals, fuzz, limits.
//!
//! The memory model is FSRS-6 (the `fsrs` crate's formulas and default parameters). Around it
//! sit Anki's rules from `shared/anki-scheduling.md`: learning and relearning steps, the
//! Hard < Good < Easy ordering, interval fuzz seeded per card, the 04:00 day rollover, and an
//! optional exam-date cap. Nothing here reads the clock or a global RNG, so replaying the same
//! log always gives the same schedule.
//!
//! This file is the `Scheduler` facade and the one match on `Phase` that sends each answer to
//! the rules (Anki's `NormalState::next_states`). The rules live beside it, one family per
//! file as in Anki's `rslib/src/scheduler/states/`: `memory.rs` (FSRS), `steps.rs`
//! (learning/relearning), `intervals.rs` (review days and limits), `fuzz.rs`; plain values in
//! `types.rs` and settings in `config.rs`. None of them imports this file.

mod config;
mod fuzz;
mod intervals;
mod memory;
mod steps;
mod types;

pub use config::{ScheduleError, SchedulerConfig};
pub use fuzz::{card_seed, fuzz_factor};
pub use types::{CardState, Interval, Millis, Outcome, Phase, Rating};

use fuzz::Fuzz;
use intervals::Limits;
use memory::Memory;
use types::DAY_MS;
#[cfg(test)]
use {fuzz::fuzz_bounds, types::MINUTE_MS};

/// FSRS-6 with Anki's rules around it.
pub struct Scheduler {
    config: SchedulerConfig,
    memory: Memory,
    limits: Limits,
}

impl Scheduler {
    pub fn new(config: SchedulerConfig) -> Result<Scheduler, ScheduleError> {
        config.check()?;
        let memory = Memory::new(&config.params, config.desired_retention)?;
        let limits = Limits {
            maximum_interval_days: config.maximum_interval_days,
            exam_day: config.exam_day(),
        };
        Ok(Scheduler {
            config,
            memory,
            limits,
        })
    }

    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    fn rollover_ms(&self) -> Millis {
        i64::from(self.config.rollover_hour) * 3_600_000
            - i64::from(self.config.utc_offset_secs) * 1000
    }

    /// The study day a moment falls in: days since 1970-01-01, each starting at the rollover hour.
    pub fn day_of(&self, at: Millis) -> i32 {
        (at - self.rollover_ms()).div_euclid(DAY_MS) as i32
    }

    /// The instant a study day starts.
    pub fn day_start(&self, day: i32) -> Millis {
        i64::from(day) * DAY_MS + self.rollover_ms()
    }

    /// The state after answering `card` with `rating` at `now`.
    pub fn rate(&self, card: &CardState, rating: Rating, now: Millis, seed: u64) -> CardState {
        self.answer(card, rating, now, seed).state
    }

    /// All four outcomes, Again..Easy.
    pub fn preview(&self, card: &CardState, now: Millis, seed: u64) -> [Outcome; 4] {
        Rating::ALL.map(|r| self.answer(card, r, now, seed))
    }

    /// Probability of recall at `now`; 0 for new cards.
    pub fn retrievability(&self, card: &CardState, now: Millis) -> f32 {
        match card.last_review {
            Some(last) if card.phase != Phase::New => {
                let days = ((now - last).max(0)) as f32 / DAY_MS as f32;
                self.memory.retrievability(days, card.stability)
            }
            _ => 0.0,
        }
    }

    /// Whether the phase a rating moves a card to depends on its memory: with an empty step
    /// list, an FSRS interval under half a day keeps the card in (re)learning (Anki's
    /// `fsrs_allow_short_term`), so only `rate` knows.
    pub fn phase_needs_memory(&self, phase: Phase, rating: Rating) -> bool {
        if !self.memory.allows_short_term {
            return false;
        }
        match phase {
            Phase::Review => {
                rating == Rating::Again && self.config.relearning_steps_mins.is_empty()
            }
            Phase::Relearning => {
                rating != Rating::Easy && self.config.relearning_steps_mins.is_empty()
            }
            Phase::New | Phase::Learning => {
                rating != Rating::Easy && self.config.learning_steps_mins.is_empty()
            }
        }
    }

    /// The phase and step a rating moves a card to: the transitions `rate` makes, without
    /// the memory model, for stats that only need to know which phase each answer was given
    /// in (a test checks it against `rate`). Where `phase_needs_memory`, this is the phase
    /// for an interval of half a day or more.
    pub fn phase_after(&self, phase: Phase, step: u8, rating: Rating) -> (Phase, u8) {
        match phase {
            Phase::Review if rating == Rating::Again => {
                if self.config.relearning_steps_mins.is_empty() {
                    (Phase::Review, 0)
                } else {
                    (Phase::Relearning, 0)
                }
            }
            Phase::Review => (Phase::Review, 0),
            Phase::Relearning => {
                steps::phase_after(&self.config.relearning_steps_mins, phase, step, rating)
            }
            Phase::New | Phase::Learning => {
                steps::phase_after(&self.config.learning_steps_mins, phase, step, rating)
            }
        }
    }

    /// The interval FSRS alone would give a stability (before fuzz, limits and the exam
    /// cap), so stats can tell which cards the exam date brought forward.
    pub fn ideal_interval_days(&self, stability: f32) -> f32 {
        self.memory.interval(stability)
    }

    /// Anki's `NormalState::next_states` for one rating: memory first (unrounded, as the
    /// crate's `next_states` gives it), then the phase's rules; the state kept is rounded as
    /// Anki stores it.
    fn answer(&self, card: &CardState, rating: Rating, now: Millis, seed: u64) -> Outcome {
        let today = self.day_of(now);
        let elapsed = match card.last_review {
            Some(last) => (today - self.day_of(last)).max(0) as u32,
            None => 0,
        };
        let raw = self.memory.memories(card, elapsed, rating == Rating::Again);
        let (stability, difficulty) = raw[rating as usize - 1];
        let (stored_s, stored_d) = memory::stored((stability, difficulty));
        let fuzz = Fuzz::new(self.config.fuzz, seed.wrapping_add(u64::from(card.reps)));
        let fuzz = &fuzz;
        let next = CardState {
            stability: stored_s,
            difficulty: stored_d,
            last_review: Some(now),
            reps: card.reps.saturating_add(1),
            ..*card
        };
        let interval = |i: usize| self.memory.interval(raw[i].0);
        let (state, shown) = match card.phase {
            Phase::New | Phase::Learning | Phase::Relearning => {
                self.answer_learning(card, next, rating, now, today, &interval, fuzz)
            }
            Phase::Review if rating == Rating::Again => {
                self.answer_lapse(card, next, interval(0), now, today, fuzz)
            }
            Phase::Review => {
                let days = self.limits.passing_review_days(
                    card.interval_days,
                    [interval(1), interval(2), interval(3)],
                    rating as usize - 2,
                    today,
                    fuzz,
                );
                self.review(next, days, today)
            }
        };
        Outcome {
            state,
            interval: shown,
            stability,
            difficulty,
        }
    }

    /// A new, learning or relearning card (Anki's `LearnState` / `RelearnState`
    /// `answer_*`): the next step, or, with no step left, an interval under half a day in
    /// seconds (when `fsrs_allow_short_term` and the steps are empty), or review days.
    #[allow(clippy::too_many_arguments)]
    fn answer_learning(
        &self,
        card: &CardState,
        mut next: CardState,
        rating: Rating,
        now: Millis,
        today: i32,
        interval: &dyn Fn(usize) -> f32,
        fuzz: &Fuzz,
    ) -> (CardState, Interval) {
        let steps: &[f32] = match card.phase {
            Phase::Relearning => &self.config.relearning_steps_mins,
            _ => &self.config.learning_steps_mins,
        };
        let step = if card.phase == Phase::New {
            0
        } else {
            usize::from(card.step)
        };
        next.phase = if card.phase == Phase::Relearning {
            Phase::Relearning
        } else {
            Phase::Learning
        };
        if let Some(secs) = steps::delay_secs(steps, step, rating) {
            next.step = steps::next_step(step, rating);
            return steps::learn(next, secs, now, fuzz);
        }
        if rating == Rating::Easy {
            let days = self
                .limits
                .graduating_easy(interval(2), interval(3), today, fuzz);
            return self.review(next, days, today);
        }
        let ivl = interval(rating as usize - 1);
        if self.memory.allows_short_term && steps.is_empty() && ivl < 0.5 {
            next.step = 0;
            return steps::learn(next, (ivl * 86_400.0) as u32, now, fuzz);
        }
        let days = self.limits.leaving_steps(ivl, today, fuzz);
        self.review(next, days, today)
    }

    /// Again on a review card (Anki's `ReviewState::answer_again`): a lapse, then the first
    /// relearning step; with no relearning steps, an FSRS interval under half a day stays in
    /// relearning for that many seconds, a longer one is `round(I)` days, never fuzzed.
    fn answer_lapse(
        &self,
        card: &CardState,
        mut next: CardState,
        ivl: f32,
        now: Millis,
        today: i32,
        fuzz: &Fuzz,
    ) -> (CardState, Interval) {
        next.lapses = card.lapses.saturating_add(1);
        let days = self.limits.lapse_days(ivl, today);
        let steps = &self.config.relearning_steps_mins;
        let secs = match steps::delay_secs(steps, 0, Rating::Again) {
            Some(secs) => Some(secs),
            None if self.memory.allows_short_term && ivl < 0.5 => Some((ivl * 86_400.0) as u32),
            None => None,
        };
        match secs {
            Some(secs) => {
                next.phase = Phase::Relearning;
                next.step = 0;
                next.interval_days = days;
                steps::learn(next, secs, now, fuzz)
            }
            None => self.review(next, days, today),
        }
    }

    /// A review state `days` after today.
    fn review(&self, mut next: CardState, days: u32, today: i32) -> (CardState, Interval) {
        next.phase = Phase::Review;
        next.step = 0;
        next.interval_days = days;
        next.due = self.day_start(today + days as i32);
        (next, Interval::Days(days))
    }

    /// Whether the lapse that brought a card to `lapses` makes it a leech: at the threshold,
    /// then every half threshold (rounded up) after it, as Anki's `leech_threshold_met`.
    pub fn is_leech_lapse(&self, lapses: u32) -> bool {
        let threshold = self.config.leech_threshold;
        if threshold == 0 || lapses < threshold {
            return false;
        }
        let half = threshold.div_ceil(2).max(1);
        (lapses - threshold).is_multiple_of(half)
    }

    /// Anki's "forget": back to new. The answer and lapse counts are kept (Anki keeps them
    /// unless asked not to), so a leech stays counted; the log keeps the history.
    pub fn forget(&self, card: &CardState) -> CardState {
        CardState {
            reps: card.reps,
            lapses: card.lapses,
            ..CardState::NEW
        }
    }

    /// Anki's "set due date" as of `at`: a review card due `days` study days later. Its
    /// interval becomes the days since its last answer plus `days` (the gap it will have had
    /// when it comes due), or `days` for a card never answered or when `reset` (Anki's `!`);
    /// at least 1. The memory state is kept.
    pub fn set_due(&self, card: &CardState, at: Millis, days: u32, reset: bool) -> CardState {
        let today = self.day_of(at);
        let since = match card.last_review {
            Some(last) if !reset && card.phase != Phase::New => {
                (today - self.day_of(last)).max(0) as u32
            }
            _ => 0,
        };
        CardState {
            phase: Phase::Review,
            step: 0,
            due: self.day_start(today + days as i32),
            interval_days: since.saturating_add(days).max(1),
            ..*card
        }
    }

    /// Test access to the interval limits with a given fuzz.
    #[cfg(test)]
    fn constrain(&self, interval: f32, minimum: u32, today: i32, fuzz: &Fuzz) -> u32 {
        self.limits.constrain(interval, minimum, today, fuzz)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fuzz;
