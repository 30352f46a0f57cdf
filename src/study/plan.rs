//! Today's plan, with the exam at its centre: how many new cards a day (`new_per_day =
//! "exam"` paces them so every card has been seen a week before the exam), what today holds,
//! about how long it takes, and when the last new card will be seen. Home shows it.
//!
//! Pacing: the cards not yet seen at the start of today are spread over the days from today
//! to a week before the exam (both included), or, with fewer than seven days left, over the
//! days that remain before the exam day; never more than `max_new_per_day` a day. Without an
//! exam date (or after it) `"exam"` gives Anki's default of 20 a day, with a note saying why.

use serde::Serialize;

use super::{due_counts, Collection, Limits, Scope};
use crate::schedule::{Millis, Phase, Scheduler};
use crate::store::{Config, EventKind, LoadedLog, LogEvent, NewPerDay};

/// Days before the exam by which every card should have been seen once.
pub const SEEN_BY_DAYS_BEFORE: i32 = 7;
/// The time an answer takes before the log has any: 8 seconds.
pub const DEFAULT_SECONDS_PER_ANSWER: f64 = 8.0;
/// What `new_per_day = "exam"` gives without an exam date: Anki's default.
pub const FALLBACK_NEW_PER_DAY: u32 = 20;
/// Answers the average time is taken over (the most recent ones), and the longest an answer
/// counts for (Anki's default "maximum answer seconds"), so a break does not skew it.
const RECENT_ANSWERS: usize = 1000;
const MAX_ANSWER_MS: u32 = 60_000;

/// New cards a day, and why, when it is not simply the configured number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pacing {
    pub per_day: u32,
    /// Whether the exam date set the number.
    pub paced_by_exam: bool,
    /// Said to the learner when "exam" could not be followed (no exam date, or it passed),
    /// or the cap keeps the pace from seeing every card in time.
    pub note: Option<String>,
}

/// New cards a day for an exam pace: `unseen` cards (at the start of `today`) spread over
/// the days up to a week before `exam` (or the days left before it), at most `cap`.
pub fn exam_pace(unseen: usize, today: i32, exam: i32, cap: u32) -> u32 {
    let target = exam - SEEN_BY_DAYS_BEFORE;
    let days = if target >= today {
        target - today + 1
    } else {
        (exam - today).max(1)
    };
    let per_day = unseen.div_ceil(days as usize);
    per_day.min(cap as usize) as u32
}

/// The new cards a day the config asks for as of `now`.
pub fn new_per_day(
    config: &Config,
    col: &Collection,
    scheduler: &Scheduler,
    now: Millis,
) -> Pacing {
    let fixed = |per_day, note: Option<&str>| Pacing {
        per_day,
        paced_by_exam: false,
        note: note.map(str::to_string),
    };
    let NewPerDay::Exam = config.new_per_day else {
        return fixed(
            config.new_per_day.fixed().unwrap_or(FALLBACK_NEW_PER_DAY),
            None,
        );
    };
    let today = scheduler.day_of(now);
    let exam = config.exam_date.map(crate::dates::day_of_date);
    let Some(exam) = exam.filter(|&e| e >= today) else {
        let why = if exam.is_some() {
            "new_per_day = \"exam\" but the exam date has passed: 20 new cards a day (Anki's default)"
        } else {
            "new_per_day = \"exam\" but no exam date is set: 20 new cards a day (Anki's default); set one with `recall config set exam_date 2026-12-20`"
        };
        return fixed(FALLBACK_NEW_PER_DAY, Some(why));
    };
    let unseen = unseen_at_day_start(col, today);
    let per_day = exam_pace(unseen, today, exam, config.max_new_per_day);
    let wanted = exam_pace(unseen, today, exam, u32::MAX);
    Pacing {
        per_day,
        paced_by_exam: true,
        note: (wanted > per_day).then(|| {
            format!(
                "seeing every card a week before the exam needs {wanted} new cards a day; max_new_per_day = {} keeps it lower",
                config.max_new_per_day
            )
        }),
    }
}

/// Cards never answered that may still be studied, plus the new cards answered today: the
/// day's pace stays the same as cards are learnt.
fn unseen_at_day_start(col: &Collection, today: i32) -> usize {
    let waiting = col
        .cards
        .iter()
        .filter(|e| e.state.phase == Phase::New && !e.suspended && !e.archived)
        .count();
    let learnt_today = if col.counts_day == today {
        col.counts_in(Scope::All).new as usize
    } else {
        0
    };
    waiting + learnt_today
}

/// The learner's average seconds per answer over their most recent answers, if any.
pub fn seconds_per_answer(log: &LoadedLog) -> Option<f64> {
    seconds_from(&recent_answer_ms(&log.events))
}

/// The time taken by each of the latest answers among `events` (at most the number the
/// estimate averages, oldest first, long pauses capped): what a start from the snapshot keeps
/// so that Home's estimate needs no log.
pub fn recent_answer_ms(events: &[LogEvent]) -> Vec<u32> {
    let mut recent: Vec<u32> = events
        .iter()
        .rev()
        .filter_map(|e| answer_ms(e.kind))
        .take(RECENT_ANSWERS)
        .collect();
    recent.reverse();
    recent
}

/// The time an event counts for in the estimate: an answer's, capped; None for other events
/// and answers without a time.
pub fn answer_ms(kind: EventKind) -> Option<u32> {
    match kind {
        EventKind::Review { ms, .. } if ms > 0 => Some(ms.min(MAX_ANSWER_MS)),
        _ => None,
    }
}

/// Adds the answer times of later events to `recent`, keeping only the latest ones.
pub fn push_recent(recent: &mut Vec<u32>, later: impl IntoIterator<Item = u32>) {
    recent.extend(later);
    if recent.len() > RECENT_ANSWERS {
        recent.drain(..recent.len() - RECENT_ANSWERS);
    }
}

/// The average seconds per answer over `recent` answer times, if any.
pub fn seconds_from(recent: &[u32]) -> Option<f64> {
    if recent.is_empty() {
        return None;
    }
    let total: u64 = recent.iter().map(|&ms| u64::from(ms)).sum();
    Some(total as f64 / recent.len() as f64 / 1000.0)
}

/// Everything Home says about today and the exam.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub exam_date: Option<String>,
    /// Days from today to the exam (0 = today); `None` without one or after it.
    pub days_to_exam: Option<u32>,
    /// Today's queue across all decks: reviews due, learning cards due, new cards.
    pub reviews: usize,
    pub learning: usize,
    pub new: usize,
    pub pacing: Pacing,
    /// Answers today's queue takes: each new card needs one per learning step.
    pub answers: usize,
    pub seconds_per_answer: f64,
    /// Whether `seconds_per_answer` comes from the log (else the 8-second default).
    pub from_history: bool,
    pub estimate_ms: i64,
    /// Cards not seen yet, and the day the last of them will be, at this pace (`None` when
    /// all have been seen or none are introduced).
    pub unseen: usize,
    pub last_new_card: Option<String>,
}

/// Today's plan as of `now`. `seconds_per_answer` is [`seconds_per_answer`] of the log.
pub fn plan(
    config: &Config,
    col: &Collection,
    scheduler: &Scheduler,
    now: Millis,
    seconds_per_answer: Option<f64>,
) -> Plan {
    let today = scheduler.day_of(now);
    let pacing = new_per_day(config, col, scheduler, now);
    let limits = Limits {
        new_per_day: pacing.per_day,
        reviews_per_day: config.reviews_per_day,
        learn_ahead_ms: 0,
    };
    let counts = due_counts(col, limits, scheduler, now).total;
    let steps = config.learning_steps.len().max(1);
    let answers = counts.review + counts.learning + counts.new * steps;
    let spa = seconds_per_answer.unwrap_or(DEFAULT_SECONDS_PER_ANSWER);
    let unseen = col
        .cards
        .iter()
        .filter(|e| e.state.phase == Phase::New && !e.suspended && !e.archived)
        .count();
    let exam = config.exam_date.map(crate::dates::day_of_date);
    Plan {
        exam_date: config.exam_date.map(|d| d.to_string()),
        days_to_exam: exam.filter(|&e| e >= today).map(|e| (e - today) as u32),
        reviews: counts.review,
        learning: counts.learning,
        new: counts.new,
        answers,
        seconds_per_answer: spa,
        from_history: seconds_per_answer.is_some(),
        estimate_ms: (answers as f64 * spa * 1000.0).round() as i64,
        unseen,
        last_new_card: last_new_day(unseen, counts.new, pacing.per_day, today)
            .map(|d| crate::dates::date_of_day(d).to_string()),
        pacing,
    }
}

/// The study day the last of `unseen` cards is first shown: `today_new` of them today, then
/// `per_day` a day.
pub fn last_new_day(unseen: usize, today_new: usize, per_day: u32, today: i32) -> Option<i32> {
    if unseen == 0 {
        return None;
    }
    if unseen <= today_new {
        return Some(today);
    }
    if per_day == 0 {
        return None;
    }
    let later = (unseen - today_new).div_ceil(per_day as usize);
    Some(today + later as i32)
}

#[cfg(test)]
mod tests;
