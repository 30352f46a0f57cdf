//! Learning and relearning steps (Anki's `states/steps.rs`, `LearningSteps`, and the step
//! branches of `learning.rs` / `relearning.rs`): the Again, Hard and Good delays in seconds,
//! the step a rating moves to, and the learning-step outcome with its fuzz
//! (`answering/learning.rs`, `learning_ivl_with_fuzz`).
//!
//! Steps only: review intervals are `intervals.rs`'s, memory is `memory.rs`'s. Takes the
//! steps, `now` and a `Fuzz`; never reads the rest of the configuration.

use super::fuzz::Fuzz;
use super::types::{CardState, Interval, Millis, Phase, Rating};

const DAY_SECS: u32 = 86_400;

/// A step in minutes as whole seconds (Anki's `to_secs`: truncated).
fn to_secs(mins: f32) -> u32 {
    (mins * 60.0) as u32
}

/// Anki's `maybe_round_in_days`: a delay over a day is rounded to whole days.
fn maybe_round_in_days(secs: u32) -> u32 {
    if secs > DAY_SECS {
        ((secs as f32 / DAY_SECS as f32).round() as u32).saturating_mul(DAY_SECS)
    } else {
        secs
    }
}

/// Anki's `hard_delay_secs`: on the first step, halfway to the second (or 1.5x a single step,
/// at most a day more); on later steps, the current step again.
pub(super) fn hard_delay_secs(steps: &[f32], step: usize) -> Option<u32> {
    let index = step.min(steps.len().saturating_sub(1));
    let current = steps.get(index).or(steps.first()).copied().map(to_secs)?;
    if index > 0 {
        return Some(current);
    }
    Some(match steps.get(1).copied().map(to_secs) {
        Some(next) => maybe_round_in_days(current.saturating_add(next) / 2),
        None => maybe_round_in_days(
            (current.saturating_mul(3) / 2).min(current.saturating_add(DAY_SECS)),
        ),
    })
}

/// The delay in seconds a rating gives a (re)learning card on step `step`, or None when no
/// step is left for it (Anki's `again_delay_secs_learn`, `hard_delay_secs`,
/// `good_delay_secs`; Easy always leaves the steps).
pub(super) fn delay_secs(steps: &[f32], step: usize, rating: Rating) -> Option<u32> {
    let index = step.min(steps.len().saturating_sub(1));
    match rating {
        Rating::Again => steps.first().copied().map(to_secs),
        Rating::Hard => hard_delay_secs(steps, step),
        Rating::Good => steps.get(index + 1).copied().map(to_secs),
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

/// The phase and step a rating moves a (re)learning card to when `steps` is not empty, or
/// when no interval is under half a day (the memory decides otherwise).
pub(super) fn phase_after(steps: &[f32], phase: Phase, step: u8, rating: Rating) -> (Phase, u8) {
    let step = if phase == Phase::New {
        0
    } else {
        usize::from(step)
    };
    let learning = if phase == Phase::Relearning {
        Phase::Relearning
    } else {
        Phase::Learning
    };
    match delay_secs(steps, step, rating) {
        Some(_) => (learning, next_step(step, rating)),
        None => (Phase::Review, 0),
    }
}

/// A learning-step outcome: due `secs` from now, plus Anki's step fuzz, drawn uniformly from
/// `[0, min(25% of the step, 300 s))` whole seconds (exclusive at the top).
pub(super) fn learn(
    mut next: CardState,
    secs: u32,
    now: Millis,
    fuzz: &Fuzz,
) -> (CardState, Interval) {
    let room = (secs as f32 * 0.25).min(300.0).floor();
    let extra = match fuzz.factor() {
        Some(f) if room >= 1.0 => ((room * f).floor() as u32).min(room as u32 - 1),
        _ => 0,
    };
    let secs = i64::from(secs);
    // Saturating: a config is checked, but a far-off step must never overflow.
    next.due = now.saturating_add(secs.saturating_add(i64::from(extra)).saturating_mul(1000));
    let minutes = u32::try_from(secs.saturating_add(59) / 60).unwrap_or(u32::MAX);
    (next, Interval::Minutes(minutes))
}
