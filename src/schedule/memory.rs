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
    /// exp(w8), the forgetting curve's factor and `desired_retention^(1/decay) - 1`: computed
    /// once, used per answer, each in the crate's own f32 operations.
    w8_exp: f32,
    factor: f32,
    retention_term: f32,
    /// Anki's `fsrs_allow_short_term`: with no steps left, an interval under half a day keeps
    /// the card in (re)learning for that many seconds.
    pub(super) allows_short_term: bool,
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
        // Anki: `params[17] > 0 && params[18] > 0`, or the defaults, or false for FSRS-4.
        let allows_short_term = match params.len() {
            0 => true,
            n if n >= 19 => params[17] > 0.0 && params[18] > 0.0,
            _ => false,
        };
        let mut memory = Memory {
            w8_exp: w[8].exp(),
            factor: curve_factor(decay),
            retention_term: desired_retention.powf(1.0 / decay) - 1.0,
            allows_short_term,
            desired_retention,
            w,
            exact: None,
        };
        if !memory.agrees_with(&crate_model) {
            memory.exact = Some(crate_model);
        }
        Ok(memory)
    }

    /// The unrounded FSRS interval, in days, for an unrounded stability: the crate's
    /// `next_interval`, `S / factor * (DR^(1/decay) - 1)` in that f32 order (another order
    /// moves some intervals over 10,000 days by a day).
    pub(super) fn interval(&self, stability: f32) -> f32 {
        stability / self.factor * self.retention_term
    }

    /// Probability of recall `days` after the last answer.
    pub(super) fn retrievability(&self, days: f32, stability: f32) -> f32 {
        (days / stability.max(S_MIN) * self.factor + 1.0).powf(-self.w[20])
    }

    /// The memory state after each rating (Again..Easy), given `elapsed` study days since the
    /// last answer, unrounded (Anki's `NextStates`: intervals come from these). Again's is
    /// only computed when `again` is set. `stored` rounds one as Anki keeps it.
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
        raw.map(|(s, d)| (s.clamp(S_MIN, S_MAX), d))
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
        let r = (delta_t / last_s * self.factor + 1.0).powf(-w[20]);
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

/// A memory state as Anki stores it (card data: S to 4 decimals, D to 3); the next answer
/// starts from these.
pub(super) fn stored((s, d): (f32, f32)) -> (f32, f32) {
    (
        (s * 10_000.0).round() / 10_000.0,
        (d * 1000.0).round() / 1000.0,
    )
}

// FSRS-6 formulas (as in the `fsrs` crate, in its f32 order), for one rating at a time.

/// `0.9^(1/decay) - 1` as the crate computes it.
fn curve_factor(decay: f32) -> f32 {
    (0.9f32.ln() / decay).exp() - 1.0
}

fn init_difficulty(w: &[f32; 21], rating: f32) -> f32 {
    w[4] - (w[5] * (rating - 1.0)).exp() + 1.0
}
