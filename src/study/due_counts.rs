//! Home's numbers: what is left today in each deck and in all decks, counted in one pass
//! over the cards without building a queue.
//!
//! `Queue::build` lists and sorts every due and new card; Home needs only how many, for every
//! deck and for all of them, each time it opens. The counts here are exactly those of
//! `Queue::build(.., Scope::Deck(d), ..).counts()` and `Queue::build(.., Scope::All, ..)
//! .counts()` (a property test holds them equal): learning cards due today are not limited;
//! reviews and new cards are capped per deck by the daily limits and then for all decks by
//! the same limits again; a new card whose cloze sibling was answered today, or comes earlier
//! in the deck's new cards, waits for another day.

use std::collections::HashSet;

use super::collection::{Collection, DayCounts, Scope};
use super::queue::{DueCounts, Limits};
use super::siblings::sibling_stem;
use crate::schedule::{Millis, Phase, Scheduler};

/// What is left today, per deck (by index) and in all decks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeckDueCounts {
    /// One row per deck, in the collection's deck order (Home's table).
    pub per_deck: Vec<DueCounts>,
    /// All decks together, capped again by the daily limits (Home's total, the plan).
    pub total: DueCounts,
}

/// Counts today's learning, review and new cards of every deck and of all decks as of `now`.
pub fn due_counts(
    col: &Collection,
    limits: Limits,
    scheduler: &Scheduler,
    now: Millis,
) -> DeckDueCounts {
    let today = scheduler.day_of(now);
    let day_end = scheduler.day_start(today + 1);
    let decks = col.decks.len();
    let mut per_deck = vec![DueCounts::default(); decks];
    // Notes (deck, stem) that had a card answered today.
    let mut notes_today: HashSet<(usize, &str)> = HashSet::new();
    let stem = |deck: usize, card: usize| sibling_stem(&col.decks[deck].cards[card].id);
    for e in &col.cards {
        if e.state
            .last_review
            .is_some_and(|t| scheduler.day_of(t) == today)
        {
            if let Some(s) = stem(e.deck, e.card) {
                notes_today.insert((e.deck, s));
            }
        }
        if !e.is_active(today) {
            continue;
        }
        let row = &mut per_deck[e.deck];
        match e.state.phase {
            Phase::Learning | Phase::Relearning if e.state.due < day_end => row.learning += 1,
            Phase::Review if e.state.due < day_end => row.review += 1,
            _ => {}
        }
    }
    let done = |d: usize| -> DayCounts {
        if col.counts_day == today {
            col.counts.get(d).copied().unwrap_or_default()
        } else {
            DayCounts::default()
        }
    };
    for (d, row) in per_deck.iter_mut().enumerate() {
        let done = done(d);
        row.review = row
            .review
            .min(limits.reviews_per_day.saturating_sub(done.reviews) as usize);
        // The deck's first new cards in deck order, a note's first card only, up to the room
        // left: a walk that stops as soon as the room is filled.
        let room = limits.new_per_day.saturating_sub(done.new) as usize;
        let mut taken = 0;
        for e in &col.cards[col.cards_in(Scope::Deck(d))] {
            if taken == room {
                break;
            }
            if e.deck != d || !e.is_active(today) || e.state.phase != Phase::New {
                continue;
            }
            if let Some(s) = stem(d, e.card) {
                if !notes_today.insert((d, s)) {
                    continue;
                }
            }
            taken += 1;
        }
        row.new = taken;
    }
    let all_done = if col.counts_day == today {
        col.counts_in(Scope::All)
    } else {
        DayCounts::default()
    };
    let sum = |f: fn(&DueCounts) -> usize| per_deck.iter().map(f).sum::<usize>();
    let total = DueCounts {
        learning: sum(|c| c.learning),
        review: sum(|c| c.review)
            .min(limits.reviews_per_day.saturating_sub(all_done.reviews) as usize),
        new: sum(|c| c.new).min(limits.new_per_day.saturating_sub(all_done.new) as usize),
    };
    DeckDueCounts { per_deck, total }
}

#[cfg(test)]
mod tests;
