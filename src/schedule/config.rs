//! The scheduler's settings and their checks (Anki's deck options: desired retention, steps,
//! maximum interval, FSRS parameters), plus recall's own exam date.
//!
//! Settings only: no rule of scheduling lives here, and nothing here reads the memory model,
//! the steps or the fuzz.

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
    /// Lapses that make a card a leech (then every half of it again); 0 = never.
    pub leech_threshold: u32,
    /// Whether a leech is also suspended (Anki's leech action "suspend").
    pub leech_suspends: bool,
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
            leech_threshold: 8,
            leech_suspends: false,
        }
    }
}

/// Why a scheduler cannot be built from a config.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error("desired_retention {0} is outside 0.70..=0.99")]
    Retention(f32),
    #[error("fsrs_params are not valid FSRS-6 parameters: {0}")]
    Params(String),
}

impl SchedulerConfig {
    /// The settings recall refuses, checked once when a scheduler is built. Empty step lists
    /// are fine, as in Anki: FSRS's intervals are used from the first answer.
    pub(super) fn check(&self) -> Result<(), ScheduleError> {
        if !(0.70..=0.99).contains(&self.desired_retention) {
            return Err(ScheduleError::Retention(self.desired_retention));
        }
        Ok(())
    }

    /// The exam date as a study-day number (days since 1970-01-01, as `Scheduler::day_of`).
    pub(super) fn exam_day(&self) -> Option<i32> {
        // Julian day 2440588 is 1970-01-01, day 0 of `day_of`.
        self.exam_date.map(|d| d.to_julian_day() - 2_440_588)
    }
}
