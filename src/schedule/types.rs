//! The values the scheduler speaks in: times, phases, ratings, a card's state and what an
//! answer would do (Anki's `CardState`, `SchedulingStates` and `IntervalKind`, flattened into
//! one `CardState` with a `Phase` because recall rebuilds it by replaying the log).
//!
//! Plain data only: nothing here knows the configuration, the memory model or the fuzz.

/// Unix time in milliseconds, UTC.
pub type Millis = i64;

#[cfg(test)]
pub(super) const MINUTE_MS: Millis = 60_000;
pub(super) const DAY_MS: Millis = 86_400_000;

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
    /// The state kept: its stability and difficulty rounded as Anki stores them.
    pub state: CardState,
    pub interval: Interval,
    /// The memory state this answer gives, unrounded (Anki's `NextStates`, which its
    /// intervals come from); `state` holds the stored copy.
    pub stability: f32,
    pub difficulty: f32,
}

/// An interval as a person reads it on a button (Anki's `IntervalKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    Minutes(u32),
    Days(u32),
}

impl Interval {
    /// The interval in words for a learner ("10 min", "6 days", "1.2 months"); `Display`
    /// keeps Anki's short form ("10m", "6d", "1.2mo") for the CLI's tables.
    pub fn words(self) -> String {
        match self {
            Interval::Minutes(m) => crate::timefmt::minutes_words(m),
            Interval::Days(d) => crate::timefmt::days_words(d),
        }
    }
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
