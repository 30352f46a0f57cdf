//! Stats: what the log says about the past (activity, retention, streaks), what the schedule
//! says about the future (forecast), and how ready each deck is for the exam.
//!
//! Everything is a pure function of the replayed collection, the parsed log, the scheduler
//! (which carries the UTC offset and the rollover hour) and `now`. Days are study days in the
//! *current* time zone, as Anki counts them: after a move to another zone, past answers are
//! bucketed by where you are now.

mod activity;
pub mod history;
pub mod optimize;
mod readiness;

use serde::Serialize;

use crate::schedule::{Millis, Scheduler};
use crate::store::{format_timestamp, LoadedLog};
use crate::study::{Collection, Scope};

pub use activity::{Activity, Retention, Streak, StudyTime};
pub use readiness::{DeckStats, Readiness};

/// Weeks shown in the heatmap (its last column is the current week).
pub const HEATMAP_WEEKS: i32 = 26;
/// Days in the due forecast, today first.
pub const FORECAST_DAYS: usize = 30;

/// Every figure of the stats screen and of `recall stats --json` (README "Stats").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// The moment the figures are for (RFC 3339 UTC).
    pub now: String,
    /// The current study day's date.
    pub today: String,
    /// The deck the figures are limited to, or null for all decks.
    pub deck: Option<String>,
    pub desired_retention: f32,
    pub heatmap: Heatmap,
    /// Cards due on each of the next `FORECAST_DAYS` study days; today includes overdue ones.
    pub forecast: Vec<u32>,
    pub retention: RetentionWindows,
    pub streak: Streak,
    pub time: StudyTime,
    pub decks: Vec<DeckStats>,
    pub readiness: Readiness,
}

/// Reviews per study day, oldest first, from `first_day` (a Monday) through today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heatmap {
    pub first_day: String,
    pub reviews: Vec<u32>,
}

/// True retention over the last 7 and 30 study days (today included).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RetentionWindows {
    pub last_7_days: Retention,
    pub last_30_days: Retention,
}

/// Computes every figure for `scope` as of `now`.
pub fn compute(
    col: &Collection,
    log: &LoadedLog,
    scheduler: &Scheduler,
    scope: Scope,
    now: Millis,
) -> Stats {
    let today = scheduler.day_of(now);
    let activity = Activity::compute(col, log, scheduler, scope, now);
    let first = heatmap_first_day(today);
    let heatmap = Heatmap {
        first_day: date_of_day(first).to_string(),
        reviews: (first..=today).map(|d| activity.reviews_on(d)).collect(),
    };
    let (decks, readiness) = readiness::compute(col, scheduler, scope, now);
    Stats {
        now: format_timestamp(now),
        today: date_of_day(today).to_string(),
        deck: match scope {
            Scope::All => None,
            Scope::Deck(d) => Some(col.decks[d].id.clone()),
        },
        desired_retention: scheduler.config().desired_retention,
        heatmap,
        forecast: readiness::forecast(col, scheduler, scope, now),
        retention: RetentionWindows {
            last_7_days: activity.retention(today, 7),
            last_30_days: activity.retention(today, 30),
        },
        streak: activity.streak(today),
        time: activity.time(today),
        decks,
        readiness,
    }
}

/// A share as the stats screen and `recall stats` both print it (one decimal).
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// The Monday that starts the heatmap's first week.
pub fn heatmap_first_day(today: i32) -> i32 {
    let weekday = i32::from(date_of_day(today).weekday().number_days_from_monday());
    today - weekday - (HEATMAP_WEEKS - 1) * 7
}

/// Study days and calendar dates (they live with the date parser, below study and stats).
pub use crate::dates::{date_of_day, day_of_date};

#[cfg(test)]
mod tests;

/// Shades for the heatmap, from no answers to the busiest day: characters, so they read the
/// same with and without colour.
pub const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];

/// The shade index of a day's count against the busiest day's (0 only for no answers).
pub fn shade(count: u32, max: u32) -> usize {
    if count == 0 || max == 0 {
        0
    } else {
        1 + ((u64::from(count) * 4 - 1) / u64::from(max)).min(3) as usize
    }
}

/// The heatmap as seven text rows (Monday first), one character per day, one column a week;
/// days after today are blank.
pub fn heatmap_rows(reviews: &[u32]) -> Vec<String> {
    let max = reviews.iter().copied().max().unwrap_or(0);
    (0..7)
        .map(|row| {
            reviews
                .iter()
                .skip(row)
                .step_by(7)
                .map(|&n| SHADES[shade(n, max)])
                .collect()
        })
        .collect()
}
