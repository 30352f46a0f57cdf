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

    /// The phase and step a rating moves a card to: the transitions `rate` makes, without
    /// the memory model, for stats that only need to know which phase each answer was given
    /// in (a test checks it against `rate`).
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

    /// Anki's `NormalState::next_states` for one rating: memory first, then the phase's rules.
    fn answer(&self, card: &CardState, rating: Rating, now: Millis, seed: u64) -> Outcome {
        let today = self.day_of(now);
        let elapsed = match card.last_review {
            Some(last) => (today - self.day_of(last)).max(0) as u32,
            None => 0,
        };
        let memories = self.memory.memories(card, elapsed, rating == Rating::Again);
        let (stability, difficulty) = memories[rating as usize - 1];
        let fuzz = Fuzz::new(self.config.fuzz, seed.wrapping_add(u64::from(card.reps)));
        let fuzz = &fuzz;
        let mut next = CardState {
            stability,
            difficulty,
            last_review: Some(now),
            reps: card.reps.saturating_add(1),
            ..*card
        };
        let interval = |i: usize| self.memory.interval(memories[i].0);

        match card.phase {
            Phase::New | Phase::Learning | Phase::Relearning => {
                let steps: &[f32] = match card.phase {
                    Phase::Relearning => &self.config.relearning_steps_mins,
                    _ => &self.config.learning_steps_mins,
                };
                let step = if card.phase == Phase::New {
                    0
                } else {
                    usize::from(card.step)
                };
                match steps::delay(steps, step, rating) {
                    Some(mins) => {
                        next.phase = if card.phase == Phase::Relearning {
                            Phase::Relearning
                        } else {
                            Phase::Learning
                        };
                        next.step = steps::next_step(step, rating);
                        steps::learn(next, mins, now, fuzz)
                    }
                    None => {
                        let easy = (rating == Rating::Easy).then(|| interval(3));
                        let days = self.limits.graduating_days(interval(2), easy, today, fuzz);
                        self.review(next, days, today)
                    }
                }
            }
            Phase::Review => {
                if rating == Rating::Again {
                    next.lapses = card.lapses.saturating_add(1);
                    match self.config.relearning_steps_mins.first() {
                        Some(&mins) => {
                            next.phase = Phase::Relearning;
                            next.step = 0;
                            next.interval_days =
                                self.limits
                                    .constrain(interval(0), 1, today, &Fuzz::new(false, 0));
                            steps::learn(next, mins, now, fuzz)
                        }
                        None => {
                            let days = self.limits.constrain(interval(0), 1, today, fuzz);
                            self.review(next, days, today)
                        }
                    }
                } else {
                    let days = self.limits.passing_review_days(
                        card.interval_days,
                        [interval(1), interval(2), interval(3)],
                        rating as usize - 2,
                        today,
                        fuzz,
                    );
                    self.review(next, days, today)
                }
            }
        }
    }

    /// A review outcome `days` after today.
    fn review(&self, mut next: CardState, days: u32, today: i32) -> Outcome {
        next.phase = Phase::Review;
        next.step = 0;
        next.interval_days = days;
        next.due = self.day_start(today + days as i32);
        Outcome {
            state: next,
            interval: Interval::Days(days),
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
