//! FSRS-6 memory: stability and difficulty after each rating, the forgetting curve and the
//! interval a stability gives at the desired retention (the `fsrs` crate's `next_states`,
//! which Anki computes once per answer and hands to its rules as `fsrs_next_states`).
//!
//! The common case runs fast formulas for all four ratings at once; parameters the crate
//! would clip go through the crate itself. Memory only: nothing here knows steps, fuzz,
//! limits or the clock.

use super::config::ScheduleError;
use super::types::{CardState, Phase};

pub(super) const S_MIN: f32 = 0.001;
const S_MAX: f32 = 36_500.0;
const D_MIN: f32 = 1.0;
const D_MAX: f32 = 10.0;

/// The FSRS-6 model for one set of parameters and one desired retention.
pub(super) struct Memory {
    pub(super) w: [f32; 21],
    desired_retention: f32,
    /// exp(w8), and stability -> days at the desired retention: computed once, used per answer.
    w8_exp: f32,
    interval_per_stability: f32,
    /// Set when the clipped parameters differ from `w`: then every memory update goes
    /// through the crate instead of the fast formulas.
    pub(super) exact: Option<fsrs::FSRS>,
}

impl Memory {
    pub(super) fn new(params: &[f32], desired_retention: f32) -> Result<Memory, ScheduleError> {
        let filled = fsrs::check_and_fill_parameters(params)
            .map_err(|e| ScheduleError::Params(format!("{e:?}")))?;
        let w: [f32; 21] = filled
            .as_slice()
            .try_into()
            .map_err(|_| ScheduleError::Params("expected 21 numbers".into()))?;
        let crate_model =
            fsrs::FSRS::new(&filled).map_err(|e| ScheduleError::Params(format!("{e:?}")))?;
        let decay = -w[20];
        let factor = 0.9f32.powf(1.0 / decay) - 1.0;
        let interval_per_stability = (desired_retention.powf(1.0 / decay) - 1.0) / factor;
        let mut memory = Memory {
            w8_exp: w[8].exp(),
            interval_per_stability,
            desired_retention,
            w,
            exact: None,
        };
        if !memory.agrees_with(&crate_model) {
            memory.exact = Some(crate_model);
        }
        Ok(memory)
    }

    /// The unrounded FSRS interval, in days, for a stability.
    pub(super) fn interval(&self, stability: f32) -> f32 {
        stability * self.interval_per_stability
    }

    /// Probability of recall `days` after the last answer.
    pub(super) fn retrievability(&self, days: f32, stability: f32) -> f32 {
        forgetting_curve(&self.w, days, stability.max(S_MIN))
    }

    /// The memory state after each rating (Again..Easy), given `elapsed` study days since the
    /// last answer, rounded as Anki stores it. Again's is only computed when `again` is set.
    pub(super) fn memories(&self, card: &CardState, elapsed: u32, again: bool) -> [(f32, f32); 4] {
        let w = &self.w;
        let raw: [(f32, f32); 4] = if card.phase == Phase::New || card.stability == 0.0 {
            std::array::from_fn(|i| (w[i], init_difficulty(w, (i + 1) as f32).clamp(D_MIN, D_MAX)))
        } else if let Some(model) = &self.exact {
            let state = fsrs::MemoryState {
                stability: card.stability,
                difficulty: card.difficulty,
            };
            match model.next_states(Some(state), self.desired_retention, elapsed) {
                Ok(n) => [n.again, n.hard, n.good, n.easy]
                    .map(|i| (i.memory.stability, i.memory.difficulty)),
                Err(_) => [(card.stability, card.difficulty); 4],
            }
        } else {
            self.fast_memories(card.stability, card.difficulty, elapsed as f32, again)
        };
        // Anki stores S to 4 decimals and D to 3, and the next answer starts from those.
        raw.map(|(s, d)| {
            (
                (s.clamp(S_MIN, S_MAX) * 10_000.0).round() / 10_000.0,
                (d * 1000.0).round() / 1000.0,
            )
        })
    }

    /// FSRS-6's update for all four ratings at once, sharing the expensive terms.
    pub(super) fn fast_memories(
        &self,
        s: f32,
        d: f32,
        delta_t: f32,
        again: bool,
    ) -> [(f32, f32); 4] {
        let w = &self.w;
        let last_s = s.clamp(S_MIN, S_MAX);
        let last_d = d.clamp(D_MIN, D_MAX);
        let difficulty = |rating: f32| {
            let delta_d = -w[6] * (rating - 3.0);
            let new_d = last_d + (10.0 - last_d) * delta_d / 9.0;
            (w[7] * (init_difficulty(w, 4.0) - new_d) + new_d).clamp(D_MIN, D_MAX)
        };
        let mut out = [(0.0, 0.0); 4];
        if delta_t == 0.0 {
            let pow = last_s.powf(-w[19]);
            for (i, slot) in out.iter_mut().enumerate() {
                let rating = (i + 1) as f32;
                if i == 0 && !again {
                    continue;
                }
                let sinc = (w[17] * (rating - 3.0 + w[18])).exp() * pow;
                let sinc = if rating >= 2.0 { sinc.max(1.0) } else { sinc };
                *slot = ((last_s * sinc).clamp(S_MIN, S_MAX), difficulty(rating));
            }
            return out;
        }
        let r = forgetting_curve(w, delta_t, last_s);
        if again {
            let new_s = w[11]
                * last_d.powf(-w[12])
                * ((last_s + 1.0).powf(w[13]) - 1.0)
                * ((1.0 - r) * w[14]).exp();
            let new_s = new_s.min(last_s / (w[17] * w[18]).exp());
            out[0] = (new_s.clamp(S_MIN, S_MAX), difficulty(1.0));
        }
        let core =
            self.w8_exp * (11.0 - last_d) * last_s.powf(-w[9]) * (((1.0 - r) * w[10]).exp() - 1.0);
        for (i, bonus) in [(1, w[15]), (2, 1.0), (3, w[16])] {
            let new_s = last_s * (core * bonus + 1.0);
            out[i] = (new_s.clamp(S_MIN, S_MAX), difficulty((i + 1) as f32));
        }
        out
    }

    /// Whether the fast formulas give what the crate gives (they do unless the crate clipped
    /// the parameters), checked on a spread of states.
    fn agrees_with(&self, model: &fsrs::FSRS) -> bool {
        for &(s, d) in &[(0.5f32, 2.0f32), (3.0, 5.0), (40.0, 8.5), (400.0, 1.2)] {
            for elapsed in [0u32, 1, 7, 100] {
                let state = fsrs::MemoryState {
                    stability: s,
                    difficulty: d,
                };
                let Ok(n) = model.next_states(Some(state), 0.9, elapsed) else {
                    return false;
                };
                let fast = self.fast_memories(s, d, elapsed as f32, true);
                for (item, (ms, md)) in [n.again, n.hard, n.good, n.easy].iter().zip(fast) {
                    if (ms - item.memory.stability).abs() > 1e-4 * ms.max(1.0)
                        || (md - item.memory.difficulty).abs() > 1e-4
                    {
                        return false;
                    }
                }
            }
        }
        true
    }
}

// FSRS-6 formulas (as in the `fsrs` crate), for one rating at a time.

fn forgetting_curve(w: &[f32; 21], t: f32, s: f32) -> f32 {
    let decay = -w[20];
    let factor = 0.9f32.powf(1.0 / decay) - 1.0;
    (t / s * factor + 1.0).powf(decay)
}

fn init_difficulty(w: &[f32; 21], rating: f32) -> f32 {
    w[4] - (w[5] * (rating - 1.0)).exp() + 1.0
}
