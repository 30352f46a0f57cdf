//! FSRS-6 scheduling the way Anki 26.9 does it: learning steps, review intervals, fuzz, limits.
//!
//! The memory model is FSRS-6 (the `fsrs` crate's formulas and default parameters). Around it
//! sit Anki's rules from `shared/anki-scheduling.md`: learning and relearning steps, the
//! Hard < Good < Easy ordering, interval fuzz seeded per card, the 04:00 day rollover, and an
//! optional exam-date cap. Nothing here reads the clock or a global RNG, so replaying the same
//! log always gives the same schedule.

use rand::{RngExt, SeedableRng};

/// Unix time in milliseconds, UTC.
pub type Millis = i64;

#[cfg(test)]
const MINUTE_MS: Millis = 60_000;
const DAY_MS: Millis = 86_400_000;
const S_MIN: f32 = 0.001;
const S_MAX: f32 = 36_500.0;
const D_MIN: f32 = 1.0;
const D_MAX: f32 = 10.0;

/// Where a card is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    New,
    Learning,
    Review,
    Relearning,
}

/// The four answer buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    pub fn from_u8(n: u8) -> Option<Rating> {
        match n {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }

    pub fn as_u8(self) -> u8 {
        self as u8
    }
}

/// Scheduler settings (from config.toml); the defaults are Anki's.
#[derive(Clone, Debug, PartialEq)]
pub struct SchedulerConfig {
    pub desired_retention: f32,
    pub learning_steps_mins: Vec<f32>,
    pub relearning_steps_mins: Vec<f32>,
    pub maximum_interval_days: u32,
    /// Empty: FSRS-6 defaults.
    pub params: Vec<f32>,
    pub fuzz: bool,
    /// The local hour at which a study day starts.
    pub rollover_hour: u8,
    /// The local UTC offset, read by the binary at startup.
    pub utc_offset_secs: i32,
    /// No review interval reaches past this date.
    pub exam_date: Option<time::Date>,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            desired_retention: 0.90,
            learning_steps_mins: vec![1.0, 10.0],
            relearning_steps_mins: vec![10.0],
            maximum_interval_days: 36_500,
            params: Vec::new(),
            fuzz: true,
            rollover_hour: 4,
            utc_offset_secs: 0,
            exam_date: None,
        }
    }
}

/// A card's scheduling state, derived by replaying the review log.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardState {
    pub phase: Phase,
    pub stability: f32,
    pub difficulty: f32,
    /// Index of the current learning or relearning step.
    pub step: u8,
    /// Learning: the exact moment; review: the start of the due day; new: 0.
    pub due: Millis,
    /// The last review interval scheduled (Anki's `prev`), 0 if never.
    pub interval_days: u32,
    pub last_review: Option<Millis>,
    pub reps: u32,
    pub lapses: u32,
}

impl CardState {
    /// A card never answered.
    pub const NEW: CardState = CardState {
        phase: Phase::New,
        stability: 0.0,
        difficulty: 0.0,
        step: 0,
        due: 0,
        interval_days: 0,
        last_review: None,
        reps: 0,
        lapses: 0,
    };
}

/// What a rating would do, for the buttons.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub state: CardState,
    pub interval: Interval,
}

/// An interval as a person reads it on a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    Minutes(u32),
    Days(u32),
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Interval::Minutes(m) if m < 60 => write!(f, "{m}m"),
            Interval::Minutes(m) if m < 1440 => write!(f, "{}h", trim(m as f32 / 60.0)),
            Interval::Minutes(m) => write!(f, "{}d", trim(m as f32 / 1440.0)),
            Interval::Days(d) if d < 30 => write!(f, "{d}d"),
            Interval::Days(d) if d < 365 => write!(f, "{}mo", trim(d as f32 / 30.4375)),
            Interval::Days(d) => write!(f, "{}y", trim(d as f32 / 365.25)),
        }
    }
}

/// One decimal, without a trailing ".0".
fn trim(x: f32) -> String {
    let s = format!("{:.1}", x);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Why a scheduler cannot be built from a config.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error("desired_retention {0} is outside 0.70..=0.99")]
    Retention(f32),
    #[error("fsrs_params are not valid FSRS-6 parameters: {0}")]
    Params(String),
    #[error("{0} must list at least one step")]
    NoSteps(&'static str),
}

/// FSRS-6 with Anki's rules around it.
pub struct Scheduler {
    config: SchedulerConfig,
    w: [f32; 21],
    /// exp(w8), and stability -> days at the desired retention: computed once, used per answer.
    w8_exp: f32,
    interval_per_stability: f32,
    /// Set when the clipped parameters differ from `w`: then every memory update goes
    /// through the crate instead of the fast formulas.
    exact: Option<fsrs::FSRS>,
    exam_day: Option<i32>,
}

impl Scheduler {
    pub fn new(config: SchedulerConfig) -> Result<Scheduler, ScheduleError> {
        if !(0.70..=0.99).contains(&config.desired_retention) {
            return Err(ScheduleError::Retention(config.desired_retention));
        }
        if config.learning_steps_mins.is_empty() {
            return Err(ScheduleError::NoSteps("learning_steps"));
        }
        let filled = fsrs::check_and_fill_parameters(&config.params)
            .map_err(|e| ScheduleError::Params(format!("{e:?}")))?;
        let w: [f32; 21] = filled
            .as_slice()
            .try_into()
            .map_err(|_| ScheduleError::Params("expected 21 numbers".into()))?;
        let crate_model =
            fsrs::FSRS::new(&filled).map_err(|e| ScheduleError::Params(format!("{e:?}")))?;
        // Julian day 2440588 is 1970-01-01, day 0 of `day_of`.
        let exam_day = config.exam_date.map(|d| d.to_julian_day() - 2_440_588);
        let decay = -w[20];
        let factor = 0.9f32.powf(1.0 / decay) - 1.0;
        let interval_per_stability = (config.desired_retention.powf(1.0 / decay) - 1.0) / factor;
        let mut scheduler = Scheduler {
            config,
            w8_exp: w[8].exp(),
            interval_per_stability,
            w,
            exact: None,
            exam_day,
        };
        if !scheduler.agrees_with(&crate_model) {
            scheduler.exact = Some(crate_model);
        }
        Ok(scheduler)
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
                forgetting_curve(&self.w, days, card.stability.max(S_MIN))
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
            Phase::New | Phase::Learning | Phase::Relearning => {
                let steps = match phase {
                    Phase::Relearning => &self.config.relearning_steps_mins,
                    _ => &self.config.learning_steps_mins,
                };
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
                match rating {
                    _ if !stays => (Phase::Review, 0),
                    Rating::Again => (learning, 0),
                    Rating::Good => (learning, (step + 1).min(255) as u8),
                    _ => (learning, step.min(255) as u8),
                }
            }
        }
    }

    /// The interval FSRS alone would give a stability (before fuzz, limits and the exam
    /// cap), so stats can tell which cards the exam date brought forward.
    pub fn ideal_interval_days(&self, stability: f32) -> f32 {
        self.fsrs_interval(stability)
    }

    /// The unrounded FSRS interval, in days, for a stability.
    fn fsrs_interval(&self, stability: f32) -> f32 {
        stability * self.interval_per_stability
    }

    /// The memory state after each rating (Again..Easy), given `elapsed` study days since the
    /// last answer, rounded as Anki stores it. Again's is only computed when `again` is set.
    fn memories(&self, card: &CardState, elapsed: u32, again: bool) -> [(f32, f32); 4] {
        let w = &self.w;
        let raw: [(f32, f32); 4] = if card.phase == Phase::New || card.stability == 0.0 {
            std::array::from_fn(|i| (w[i], init_difficulty(w, (i + 1) as f32).clamp(D_MIN, D_MAX)))
        } else if let Some(model) = &self.exact {
            let state = fsrs::MemoryState {
                stability: card.stability,
                difficulty: card.difficulty,
            };
            match model.next_states(Some(state), self.config.desired_retention, elapsed) {
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
    fn fast_memories(&self, s: f32, d: f32, delta_t: f32, again: bool) -> [(f32, f32); 4] {
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

    fn answer(&self, card: &CardState, rating: Rating, now: Millis, seed: u64) -> Outcome {
        let today = self.day_of(now);
        let elapsed = match card.last_review {
            Some(last) => (today - self.day_of(last)).max(0) as u32,
            None => 0,
        };
        let memories = self.memories(card, elapsed, rating == Rating::Again);
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

        let steps: &[f32] = match card.phase {
            Phase::Relearning => &self.config.relearning_steps_mins,
            _ => &self.config.learning_steps_mins,
        };
        match card.phase {
            Phase::New | Phase::Learning | Phase::Relearning => {
                let step = if card.phase == Phase::New {
                    0
                } else {
                    usize::from(card.step)
                };
                let learning_delay = match rating {
                    Rating::Again => steps.first().copied(),
                    Rating::Hard => Some(hard_delay(steps, step)),
                    Rating::Good => steps.get(step + 1).copied(),
                    Rating::Easy => None,
                };
                let phase = if card.phase == Phase::Relearning {
                    Phase::Relearning
                } else {
                    Phase::Learning
                };
                match learning_delay {
                    Some(mins) => {
                        next.phase = phase;
                        next.step = match rating {
                            Rating::Again => 0,
                            Rating::Good => (step + 1).min(255) as u8,
                            _ => step.min(255) as u8,
                        };
                        self.learn(next, mins, now, fuzz)
                    }
                    None => {
                        let days = self.graduating_days(&memories, rating, today, fuzz);
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
                            next.interval_days = self.constrain(
                                self.fsrs_interval(stability),
                                1,
                                today,
                                &Fuzz::new(false, 0),
                            );
                            self.learn(next, mins, now, fuzz)
                        }
                        None => {
                            let days =
                                self.constrain(self.fsrs_interval(stability), 1, today, fuzz);
                            self.review(next, days, today)
                        }
                    }
                } else {
                    let days = self.passing_review_days(card, &memories, rating, today, fuzz);
                    self.review(next, days, today)
                }
            }
        }
    }

    /// A learning-step outcome: due after `mins` (+0-25% fuzz, at most 5 minutes).
    fn learn(&self, mut next: CardState, mins: f32, now: Millis, fuzz: &Fuzz) -> Outcome {
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

    /// The interval when a (re)learning card graduates with Good or Easy.
    fn graduating_days(
        &self,
        memories: &[(f32, f32); 4],
        rating: Rating,
        today: i32,
        fuzz: &Fuzz,
    ) -> u32 {
        let good = self.constrain(self.fsrs_interval(memories[2].0), 1, today, fuzz);
        if rating == Rating::Easy {
            // Easy must beat what Good would have given.
            self.constrain(self.fsrs_interval(memories[3].0), good + 1, today, fuzz)
        } else {
            good
        }
    }

    /// Hard/Good/Easy on a review card: each at least one day longer than the one before, and
    /// not shorter than the current interval when FSRS says it should grow.
    fn passing_review_days(
        &self,
        card: &CardState,
        memories: &[(f32, f32); 4],
        rating: Rating,
        today: i32,
        fuzz: &Fuzz,
    ) -> u32 {
        let prev = card.interval_days;
        let mut minimum = 1;
        for r in [Rating::Hard, Rating::Good, Rating::Easy] {
            let ivl = self.fsrs_interval(memories[r as usize - 1].0);
            let (lo, hi) = fuzz_bounds(ivl);
            let min_fuzz = if (ivl.round() as u32) > prev {
                prev + 1
            } else if (lo..=hi).contains(&prev) {
                prev
            } else {
                0
            };
            let days = self.constrain(ivl, minimum.max(min_fuzz), today, fuzz);
            if r == rating {
                return days;
            }
            minimum = days + 1;
        }
        minimum
    }

    /// Rounds (or fuzzes) an interval into [minimum, maximum], the maximum lowered so that the
    /// card comes back by the exam day.
    fn constrain(&self, interval: f32, minimum: u32, today: i32, fuzz: &Fuzz) -> u32 {
        let mut maximum = self.config.maximum_interval_days.max(1);
        if let Some(exam) = self.exam_day {
            if exam > today {
                maximum = maximum.min((exam - today) as u32);
            }
        }
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
}

/// Anki's delay for Hard: on the first step, halfway to the second (or 1.5x a single step, at
/// most a day more); on later steps, the current step again.
fn hard_delay(steps: &[f32], step: usize) -> f32 {
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

/// The fuzz range around an interval (Anki's; no fuzz below 2.5 days).
fn fuzz_bounds(interval: f32) -> (u32, u32) {
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

/// Anki's per-answer fuzz factor: the same seed always gives the same factor. Public so a test
/// can pin its values: every due date is derived by replay, so a changed generator (a `rand`
/// upgrade) would move every user's schedule.
pub fn fuzz_factor(seed: u64) -> f32 {
    rand::rngs::StdRng::seed_from_u64(seed).random_range(0.0f32..1.0)
}

/// One answer's fuzz factor, drawn only if an interval actually needs it (the RNG is the
/// most expensive part of replaying an answer).
struct Fuzz {
    enabled: bool,
    seed: u64,
    factor: std::cell::OnceCell<f32>,
}

impl Fuzz {
    fn new(enabled: bool, seed: u64) -> Fuzz {
        Fuzz {
            enabled,
            seed,
            factor: std::cell::OnceCell::new(),
        }
    }

    fn factor(&self) -> Option<f32> {
        self.enabled
            .then(|| *self.factor.get_or_init(|| fuzz_factor(self.seed)))
    }
}

/// Stable 64-bit fuzz seed of a card's global id: FNV-1a, never `DefaultHasher`.
pub fn card_seed(global_id: &str) -> u64 {
    crate::fnv::fnv1a(global_id)
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

#[cfg(test)]
mod tests;
