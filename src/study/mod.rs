//! Daily study: the collection's derived state, today's queue, and a study session.

mod collection;
mod due_counts;
pub mod plan;
mod queue;
mod session;
mod shuffle;
mod siblings;
pub mod snapshot;
mod undo;

pub(crate) use collection::mark_leech;
pub use collection::{CardEntry, Collection, DayCounts, Scope};
pub use due_counts::{due_counts, DeckDueCounts};
pub use queue::{DueCounts, Limits, Queue};
pub use session::{Answered, Session, SessionStats, UndoStack};
pub use shuffle::choice_order;
pub use siblings::sibling_stem;
pub(crate) use undo::effective_events;

use crate::schedule::{Millis, SchedulerConfig};
use crate::store::{Config, EventKind, ReviewLog, StoreError};

/// Where a session's events go: the review log, or a test double that can fail on demand.
pub trait EventSink {
    /// Durably records one event and returns its sequence number in its log, which an undo
    /// names to take it back (0 from sinks that do not number events); an error means it was
    /// not recorded.
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<u32, StoreError>;

    /// Records several events together (an action on many cards): the review log makes it
    /// one write and one `fdatasync`, all or nothing. Returns their sequence numbers. Sinks
    /// without batches append one by one.
    fn append_batch(
        &mut self,
        events: &[(Millis, &str, EventKind)],
    ) -> Result<Vec<u32>, StoreError> {
        events
            .iter()
            .map(|&(at, card, kind)| self.append(at, card, kind))
            .collect()
    }
}

impl EventSink for ReviewLog {
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        ReviewLog::append(self, at, card, kind)
    }

    fn append_batch(
        &mut self,
        events: &[(Millis, &str, EventKind)],
    ) -> Result<Vec<u32>, StoreError> {
        ReviewLog::append_batch(self, events)
    }
}

/// The scheduler settings a config asks for; `utc_offset_secs` is the local offset now.
pub fn scheduler_config(config: &Config, utc_offset_secs: i32) -> Result<SchedulerConfig, String> {
    Ok(SchedulerConfig {
        desired_retention: config.desired_retention,
        learning_steps_mins: config.learning_steps_mins()?,
        relearning_steps_mins: config.relearning_steps_mins()?,
        maximum_interval_days: config.maximum_interval,
        params: config.fsrs_params.clone(),
        fuzz: config.fuzz,
        rollover_hour: config.day_rollover_hour,
        utc_offset_secs,
        exam_date: config.exam_date(),
        leech_threshold: config.leech_threshold,
        leech_suspends: config.leech_action == crate::store::config::LeechAction::Suspend,
    })
}

/// The daily limits a config asks for as of `now`: `new_per_day = "exam"` is paced by the
/// cards not yet seen (see [`plan::new_per_day`]).
pub fn limits(
    config: &Config,
    col: &Collection,
    scheduler: &crate::schedule::Scheduler,
    now: Millis,
) -> Limits {
    Limits {
        new_per_day: plan::new_per_day(config, col, scheduler, now).per_day,
        reviews_per_day: config.reviews_per_day,
        learn_ahead_ms: i64::from(config.learn_ahead_minutes) * 60_000,
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_custom;
