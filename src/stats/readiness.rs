//! The future, from the cards' states: the due forecast, and readiness on the exam day.
//!
//! Readiness is the mean FSRS retrievability of a deck's cards at the start of the target day
//! (the exam day at the rollover hour, or now without an exam date), if nothing more were
//! studied; cards never seen count as 0. Archived cards are left out; suspended ones count
//! (the exam will not skip them) but are not planned for.
//!
//! Reviews needed is an estimate of the answers still to give before the target day so every
//! active card reaches it at or above the desired retention: each card is run forward through
//! the real scheduler (learning steps, intervals, the exam-date cap), answered Good whenever
//! it comes due, until its next due moment is at or after the target. New cards are all
//! started now; daily limits and lapses are ignored, so it is a lower bound for a real learner.
//! Without an exam date the target is the end of today: the answers needed today.

use serde::Serialize;

use super::{date_of_day, FORECAST_DAYS};
use crate::schedule::{CardState, Millis, Phase, Rating, Scheduler};
use crate::study::{CardEntry, Collection, Scope};

/// One deck's cards by phase, and its readiness.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeckStats {
    pub id: String,
    pub title: String,
    /// Not archived.
    pub cards: u32,
    pub new: u32,
    pub learning: u32,
    pub review: u32,
    pub relearning: u32,
    /// Included in the phase counts too.
    pub suspended: u32,
    /// Predicted share of the deck's cards recalled on the target day (0-1).
    pub recall: f64,
    /// Estimated answers needed before the target day (see the module doc).
    pub reviews_needed: u32,
}

/// Readiness for the exam (or for today without an exam date), over every deck in scope.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readiness {
    /// The configured exam date, if any (also when it has passed).
    pub exam_date: Option<String>,
    /// The day the predictions are for: the exam date, or today without one (or after it).
    pub target_day: String,
    /// Study days from today to the target day (0 = today).
    pub days_left: u32,
    /// Predicted share of all cards in scope recalled on the target day (0-1).
    pub recall: f64,
    pub reviews_needed: u32,
    /// `reviews_needed` spread over the days left (today counts as one when it is the target).
    pub reviews_per_day: f64,
    /// Review cards due on the exam day although FSRS alone would wait longer: what the
    /// exam-date cap changed (0 without an exam date).
    pub brought_forward_by_exam: u32,
}

/// The target day and the moment within it that recall is predicted for.
fn target(scheduler: &Scheduler, now: Millis) -> (i32, Millis, Option<i32>) {
    let today = scheduler.day_of(now);
    let exam = scheduler.config().exam_date.map(super::day_of_date);
    match exam {
        Some(day) if day > today => (day, scheduler.day_start(day), exam),
        _ => (today, now, exam),
    }
}

/// Per-deck phase counts and readiness, and the overall readiness.
pub fn compute(
    col: &Collection,
    scheduler: &Scheduler,
    scope: Scope,
    now: Millis,
) -> (Vec<DeckStats>, Readiness) {
    let today = scheduler.day_of(now);
    let (target_day, at, exam) = target(scheduler, now);
    // Answers are planned up to the target moment, or through today without an exam.
    let plan_until = if target_day > today {
        at
    } else {
        scheduler.day_start(today + 1)
    };
    let mut decks: Vec<(DeckStats, f64)> = col
        .decks
        .iter()
        .map(|d| {
            (
                DeckStats {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    cards: 0,
                    new: 0,
                    learning: 0,
                    review: 0,
                    relearning: 0,
                    suspended: 0,
                    recall: 0.0,
                    reviews_needed: 0,
                },
                0.0,
            )
        })
        .collect();
    let mut brought_forward = 0;
    for e in col
        .cards
        .iter()
        .filter(|e| scope.contains(e) && !e.archived)
    {
        let (d, recall_sum) = &mut decks[e.deck];
        d.cards += 1;
        match e.state.phase {
            Phase::New => d.new += 1,
            Phase::Learning => d.learning += 1,
            Phase::Review => d.review += 1,
            Phase::Relearning => d.relearning += 1,
        }
        d.suspended += u32::from(e.suspended);
        *recall_sum += f64::from(scheduler.retrievability(&e.state, at));
        if !e.suspended {
            d.reviews_needed += answers_needed(e, scheduler, now, plan_until);
        }
        if exam == Some(target_day)
            && target_day > today
            && is_brought_forward(e, scheduler, target_day)
        {
            brought_forward += 1;
        }
    }
    let mut total = (0u32, 0.0f64, 0u32);
    let decks: Vec<DeckStats> = decks
        .into_iter()
        .enumerate()
        .filter(|(i, _)| scope == Scope::All || scope == Scope::Deck(*i))
        .map(|(_, (mut d, sum))| {
            d.recall = if d.cards > 0 {
                sum / f64::from(d.cards)
            } else {
                0.0
            };
            total.0 += d.cards;
            total.1 += sum;
            total.2 += d.reviews_needed;
            d
        })
        .collect();
    let days_left = (target_day - today).max(0) as u32;
    let readiness = Readiness {
        exam_date: exam.map(|d| date_of_day(d).to_string()),
        target_day: date_of_day(target_day).to_string(),
        days_left,
        recall: if total.0 > 0 {
            total.1 / f64::from(total.0)
        } else {
            0.0
        },
        reviews_needed: total.2,
        reviews_per_day: f64::from(total.2) / f64::from(days_left.max(1)),
        brought_forward_by_exam: brought_forward,
    };
    (decks, readiness)
}

impl Readiness {
    /// The answers needed as advice, only when an exam date lies ahead: "to reach 90% recall
    /// on exam day: about 51 answers a day". Without one the figure is only today's work,
    /// which the plan says better, so there is no advice.
    pub fn advice(&self, desired_retention: f32) -> Option<String> {
        if self.exam_date.is_none() || self.days_left == 0 {
            return None;
        }
        let per_day = self.reviews_per_day.ceil() as u64;
        let pct = f64::from(desired_retention) * 100.0;
        let target = if (pct - pct.round()).abs() < 0.05 {
            format!("{}%", pct.round())
        } else {
            format!("{pct:.1}%")
        };
        Some(format!(
            "to reach {target} recall on exam day: about {} a day ({} in all by {})",
            crate::text::count(per_day, "answer"),
            self.reviews_needed,
            self.target_day
        ))
    }
}

/// Answers a card needs before `until` if answered Good each time it comes due.
fn answers_needed(e: &CardEntry, scheduler: &Scheduler, now: Millis, until: Millis) -> u32 {
    const MAX_ANSWERS: u32 = 64;
    let mut state: CardState = e.state;
    let mut t = now;
    let mut n = 0;
    while (state.phase == Phase::New || state.due < until) && n < MAX_ANSWERS {
        t = t.max(state.due);
        if t >= until {
            break;
        }
        state = scheduler.rate(&state, Rating::Good, t, e.seed);
        n += 1;
    }
    n
}

/// A review card due on the exam day whose FSRS interval would have reached past it.
fn is_brought_forward(e: &CardEntry, scheduler: &Scheduler, exam_day: i32) -> bool {
    if e.state.phase != Phase::Review || scheduler.day_of(e.state.due) != exam_day {
        return false;
    }
    let ideal = scheduler.ideal_interval_days(e.state.stability).round();
    ideal > e.state.interval_days as f32
}

/// Cards due on each of the next `FORECAST_DAYS` study days (today includes overdue cards).
pub fn forecast(col: &Collection, scheduler: &Scheduler, scope: Scope, now: Millis) -> Vec<u32> {
    let today = scheduler.day_of(now);
    let mut days = vec![0u32; FORECAST_DAYS];
    for e in &col.cards {
        if !scope.contains(e) || e.suspended || e.archived || e.state.phase == Phase::New {
            continue;
        }
        let i = (scheduler.day_of(e.state.due) - today).max(0) as usize;
        if let Some(slot) = days.get_mut(i) {
            *slot += 1;
        }
    }
    days
}
