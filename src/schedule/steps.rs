//! Learning and relearning steps (Anki's `states/steps.rs`, `LearningSteps`, and the step
//! branches of `learning.rs` / `relearning.rs`): the Again, Hard and Good delays, the step a
//! rating moves to, and the learning-step outcome with its fuzz.
//!
//! Steps only: review intervals are `intervals.rs`'s, memory is `memory.rs`'s. Takes the
//! steps, `now` and a `Fuzz`; never reads the rest of the configuration.

use super::fuzz::Fuzz;
use super::types::{CardState, Interval, Millis, Outcome, Phase, Rating};

/// Anki's delay for Hard (`hard_delay_secs`): on the first step, halfway to the second (or
/// 1.5x a single step, at most a day more); on later steps, the current step again.
pub(super) fn hard_delay(steps: &[f32], step: usize) -> f32 {
    let current = steps.get(step).or(steps.last()).copied().unwrap_or(1.0);
    if step == 0 {
        match steps.get(1) {
            Some(&second) => (current + second) / 2.0,
            None => (current * 1.5).min(current + 1440.0),
        }
    } else {
        current
    }
}

/// The delay in minutes a rating gives a (re)learning card on step `step`, or None when it
/// graduates (Anki's `again_delay_secs_learn`, `hard_delay_secs`, `good_delay_secs`).
pub(super) fn delay(steps: &[f32], step: usize, rating: Rating) -> Option<f32> {
    match rating {
        Rating::Again => steps.first().copied(),
        Rating::Hard => Some(hard_delay(steps, step)),
        Rating::Good => steps.get(step + 1).copied(),
        Rating::Easy => None,
    }
}

/// The step a rating moves a card to while it stays in (re)learning (Anki's
/// `remaining_for_failed` / `remaining_for_good`, counted from the front).
pub(super) fn next_step(step: usize, rating: Rating) -> u8 {
    match rating {
        Rating::Again => 0,
        Rating::Good => (step + 1).min(255) as u8,
        _ => step.min(255) as u8,
    }
}

/// The phase and step a rating moves a (re)learning card to, without the memory model.
pub(super) fn phase_after(steps: &[f32], phase: Phase, step: u8, rating: Rating) -> (Phase, u8) {
    let step = if phase == Phase::New {
        0
    } else {
        usize::from(step)
    };
    let stays = match rating {
        Rating::Again | Rating::Hard => true,
        Rating::Good => step + 1 < steps.len(),
        Rating::Easy => false,
    };
    let learning = if phase == Phase::Relearning {
        Phase::Relearning
    } else {
        Phase::Learning
    };
    if stays {
        (learning, next_step(step, rating))
    } else {
        (Phase::Review, 0)
    }
}

/// A learning-step outcome: due after `mins` (+0-25% fuzz, at most 5 minutes).
pub(super) fn learn(mut next: CardState, mins: f32, now: Millis, fuzz: &Fuzz) -> Outcome {
    let secs = (mins * 60.0).round().max(1.0) as i64;
    let extra = fuzz
        .factor()
        .map_or(0, |f| ((secs as f32 * 0.25).min(300.0) * f).floor() as i64);
    // Saturating: a config is checked, but a far-off step must never overflow.
    next.due = now.saturating_add(secs.saturating_add(extra).saturating_mul(1000));
    Outcome {
        state: next,
        interval: Interval::Minutes(
            u32::try_from(secs.saturating_add(59) / 60).unwrap_or(u32::MAX),
        ),
    }
}
