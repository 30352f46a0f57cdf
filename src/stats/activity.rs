//! The past, from the log: answers and time per study day, streaks, and true retention.

use serde::Serialize;

use crate::schedule::{CardState, Millis, Phase, Rating, Scheduler};
use crate::store::{EventKind, LoadedLog};
use crate::study::{effective_events, Collection, Scope};

/// Answers (not rated Again / all) given to cards in the review phase over a window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Retention {
    pub reviews: u32,
    pub passed: u32,
    /// `passed / reviews`, or null when there were no review-phase answers.
    pub rate: Option<f64>,
}

/// Consecutive study days with at least one answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Streak {
    /// Ending today, or yesterday while today has no answer yet (the day is not over).
    pub current: u32,
    pub longest: u32,
}

/// Time spent answering (the log's `ms`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StudyTime {
    pub today_ms: u64,
    /// Over the last 30 study days, or since the first answer when that is more recent.
    pub average_ms_per_day: u64,
}

/// Per-day totals of the live answers in scope, from the first answer's day through today.
pub struct Activity {
    first_day: i32,
    reviews: Vec<u32>,
    ms: Vec<u64>,
    /// Review-phase answers and passes per day, for the last 30 days only (index 0 = today-29).
    recent: Vec<(u32, u32)>,
    today: i32,
}

/// How far back the phase of each answer is worked out (the longest retention window).
const RECENT_DAYS: i32 = 30;

impl Activity {
    /// Totals the live answers in `scope` by study day, and works out the phase of each
    /// answer of the last 30 days.
    pub fn compute(
        col: &Collection,
        log: &LoadedLog,
        scheduler: &Scheduler,
        scope: Scope,
        now: Millis,
    ) -> Activity {
        let today = scheduler.day_of(now);
        let live = effective_events(log);
        // Which of the log's cards are in scope (All: every card, even of removed decks).
        let in_scope: Vec<bool> = match scope {
            Scope::All => vec![true; log.cards.len()],
            Scope::Deck(d) => log
                .cards
                .iter()
                .map(|id| col.find(id).is_some_and(|i| col.cards[i].deck == d))
                .collect(),
        };
        let answers = || {
            log.events.iter().zip(&live).filter_map(|(ev, &l)| {
                let EventKind::Review { rating, ms } = ev.kind else {
                    return None;
                };
                let ok = l && in_scope[ev.card as usize] && Rating::from_u8(rating).is_some();
                ok.then_some((ev, rating, ms))
            })
        };
        let first_day = answers()
            .map(|(ev, ..)| scheduler.day_of(ev.at))
            .min()
            .unwrap_or(today)
            .min(today);
        let len = (today - first_day + 1) as usize;
        let mut reviews = vec![0u32; len];
        let mut ms = vec![0u64; len];
        // Cards answered in the recent window need their phase at each answer: walk their
        // answers through the scheduler's phase transitions (no memory model needed).
        let since = today - (RECENT_DAYS - 1);
        let mut needs_phase = vec![false; log.cards.len()];
        for (ev, _, t) in answers() {
            let day = scheduler.day_of(ev.at);
            if day > today {
                continue;
            }
            let i = (day - first_day) as usize;
            reviews[i] += 1;
            ms[i] += u64::from(t);
            if day >= since {
                needs_phase[ev.card as usize] = true;
            }
        }
        let mut recent = vec![(0u32, 0u32); RECENT_DAYS as usize];
        let mut phases: Vec<(Phase, u8)> = vec![(Phase::New, 0); log.cards.len()];
        // With an empty step list the phase after some answers depends on the memory state:
        // then the cards that need a phase are replayed through `rate` instead.
        let by_memory = [
            Phase::New,
            Phase::Learning,
            Phase::Review,
            Phase::Relearning,
        ]
        .iter()
        .any(|&p| {
            Rating::ALL
                .iter()
                .any(|&r| scheduler.phase_needs_memory(p, r))
        });
        let mut states = if by_memory {
            vec![CardState::NEW; log.cards.len()]
        } else {
            Vec::new()
        };
        for (ev, &l) in log.events.iter().zip(&live) {
            let c = ev.card as usize;
            if !l || !needs_phase[c] {
                continue;
            }
            // A missed quiz question moves the card as an Again would (the replay does the
            // same), but it is not a study answer: it changes the phase and is not counted.
            let (rating, counted) = match ev.kind {
                EventKind::Review { rating, .. } => match Rating::from_u8(rating) {
                    Some(r) => (r, true),
                    None => continue,
                },
                EventKind::QuizMiss => (Rating::Again, false),
                // Forget and set-due move the card without an answer.
                EventKind::Forget | EventKind::SetDue { .. } => {
                    let moved = match (ev.kind, states.get_mut(c)) {
                        (EventKind::SetDue { days, reset }, Some(state)) => {
                            *state = scheduler.set_due(state, ev.at, days, reset);
                            state.phase
                        }
                        (EventKind::SetDue { .. }, None) => Phase::Review,
                        (_, Some(state)) => {
                            *state = scheduler.forget(state);
                            Phase::New
                        }
                        (_, None) => Phase::New,
                    };
                    phases[c] = (moved, 0);
                    continue;
                }
                _ => continue,
            };
            let day = scheduler.day_of(ev.at);
            let (phase, step) = phases[c];
            if counted && (since..=today).contains(&day) && phase == Phase::Review {
                let slot = &mut recent[(day - since) as usize];
                slot.0 += 1;
                slot.1 += u32::from(rating != Rating::Again);
            }
            phases[c] = match states.get_mut(c) {
                Some(state) => {
                    *state = scheduler.rate(state, rating, ev.at, 0);
                    (state.phase, state.step)
                }
                None => scheduler.phase_after(phase, step, rating),
            };
        }
        Activity {
            first_day,
            reviews,
            ms,
            recent,
            today,
        }
    }

    /// Answers given on a study day (0 outside the log's range).
    pub fn reviews_on(&self, day: i32) -> u32 {
        day.checked_sub(self.first_day)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.reviews.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// True retention over the `days` study days ending `today` (at most 30).
    pub fn retention(&self, today: i32, days: i32) -> Retention {
        let from = today - days.clamp(1, RECENT_DAYS) + 1;
        let since = self.today - (RECENT_DAYS - 1);
        let (reviews, passed) = (from..=today)
            .filter_map(|d| self.recent.get(usize::try_from(d - since).ok()?))
            .fold((0, 0), |(r, p), &(dr, dp)| (r + dr, p + dp));
        Retention {
            reviews,
            passed,
            rate: (reviews > 0).then(|| f64::from(passed) / f64::from(reviews)),
        }
    }

    /// The current and the longest run of study days with answers.
    pub fn streak(&self, today: i32) -> Streak {
        let mut longest = 0;
        let mut run = 0;
        for &n in &self.reviews {
            run = if n > 0 { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let end = if self.reviews_on(today) > 0 {
            today
        } else {
            today - 1
        };
        let current = (0..).take_while(|k| self.reviews_on(end - k) > 0).count() as u32;
        Streak { current, longest }
    }

    /// Time studied today and on average per day.
    pub fn time(&self, today: i32) -> StudyTime {
        let ms_on = |d: i32| {
            usize::try_from(d - self.first_day)
                .ok()
                .and_then(|i| self.ms.get(i))
                .copied()
                .unwrap_or(0)
        };
        let has_answers = self.reviews.iter().any(|&n| n > 0);
        let days = if has_answers {
            (today - self.first_day + 1).clamp(1, RECENT_DAYS)
        } else {
            1
        };
        let total: u64 = (today - days + 1..=today).map(ms_on).sum();
        StudyTime {
            today_ms: ms_on(today),
            average_ms_per_day: total / days as u64,
        }
    }
}
