//! Today's queue: which cards to study, in which order, within the daily limits.
//!
//! Order (Anki's): learning cards when due, then reviews (most overdue first), then new cards
//! in deck order. New and review cards are capped per deck by the daily limits, and the
//! all-decks queue is capped by the same limits again, like Anki's parent deck.
//!
//! Cloze siblings (`siblings.rs`) are kept apart like Anki's burying of siblings: a new card
//! whose sibling is already in today's new queue, or was answered today, waits for another day.

use std::collections::{HashSet, VecDeque};

use super::collection::{CardEntry, Collection, Scope};
use super::siblings::sibling_stem;
use crate::schedule::{Millis, Phase, Scheduler};

/// The daily limits from the config, and how early a learning card may come back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub new_per_day: u32,
    pub reviews_per_day: u32,
    /// How far ahead a learning card may be shown when nothing else is left
    /// (`learn_ahead_minutes`; Anki's default is 20 minutes, 0 = never early).
    pub learn_ahead_ms: Millis,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            new_per_day: 20,
            reviews_per_day: 200,
            learn_ahead_ms: 20 * 60 * 1000,
        }
    }
}

/// What is left to study today, as shown on Home and during a session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DueCounts {
    pub new: usize,
    pub learning: usize,
    pub review: usize,
}

impl DueCounts {
    pub fn total(&self) -> usize {
        self.new + self.learning + self.review
    }
}

/// Today's cards in study order (indices into `Collection::cards`).
#[derive(Clone, Debug, Default)]
pub struct Queue {
    /// Learning and relearning cards due before the day ends, soonest first.
    pub learning: Vec<usize>,
    pub reviews: VecDeque<usize>,
    pub new: VecDeque<usize>,
}

impl Queue {
    /// Builds the queue for `scope` as of `now`.
    pub fn build(
        col: &Collection,
        scope: Scope,
        limits: Limits,
        scheduler: &Scheduler,
        now: Millis,
    ) -> Queue {
        Queue::build_where(col, scope, limits, scheduler, now, None)
    }

    /// Today's queue restricted to the cards `selected` holds (custom study "due only"):
    /// the same order and the same daily limits, per deck and in all.
    pub fn build_among(
        col: &Collection,
        selected: &[usize],
        limits: Limits,
        scheduler: &Scheduler,
        now: Millis,
    ) -> Queue {
        let mut keep = vec![false; col.cards.len()];
        for &i in selected {
            if let Some(k) = keep.get_mut(i) {
                *k = true;
            }
        }
        Queue::build_where(col, Scope::All, limits, scheduler, now, Some(&keep))
    }

    /// A cram queue: every selected card still in study, in the given order, whatever its
    /// due date or phase (custom study without rescheduling).
    pub fn cram(col: &Collection, selected: &[usize], today: i32) -> Queue {
        let mut seen = HashSet::new();
        let reviews = selected
            .iter()
            .copied()
            .filter(|&i| col.cards.get(i).is_some_and(|e| e.is_active(today)) && seen.insert(i))
            .collect();
        Queue {
            reviews,
            ..Queue::default()
        }
    }

    fn build_where(
        col: &Collection,
        scope: Scope,
        limits: Limits,
        scheduler: &Scheduler,
        now: Millis,
        keep: Option<&[bool]>,
    ) -> Queue {
        let today = scheduler.day_of(now);
        let day_end = scheduler.day_start(today + 1);
        let mut learning = Vec::new();
        let mut reviews: Vec<usize> = Vec::new();
        // Only the scope's decks and cards are looked at, so that counting every deck one by
        // one (Home) costs time linear in decks + cards, not their product.
        let (first_deck, deck_count) = match scope {
            Scope::All => (0, col.decks.len()),
            Scope::Deck(d) => (d, usize::from(d < col.decks.len())),
        };
        let mut new_per_deck: Vec<Vec<usize>> = vec![Vec::new(); deck_count];
        let mut review_per_deck: Vec<Vec<usize>> = vec![Vec::new(); deck_count];
        // Notes (deck, stem) that already had a card today: answered, or queued as new.
        let mut notes_today: HashSet<(usize, &str)> = HashSet::new();
        let stem = |e: &CardEntry| sibling_stem(&col.decks[e.deck].cards[e.card].id);
        let range = col.cards_in(scope);
        for (i, e) in col.cards[range.clone()].iter().enumerate() {
            let i = i + range.start;
            if !scope.contains(e) {
                continue;
            }
            if e.state
                .last_review
                .is_some_and(|t| scheduler.day_of(t) == today)
            {
                if let Some(s) = stem(e) {
                    notes_today.insert((e.deck, s));
                }
            }
            if !e.is_active(today) || keep.is_some_and(|k| !k[i]) {
                continue;
            }
            match e.state.phase {
                Phase::Learning | Phase::Relearning if e.state.due < day_end => learning.push(i),
                Phase::Review if e.state.due < day_end => {
                    review_per_deck[e.deck - first_deck].push(i)
                }
                Phase::New => new_per_deck[e.deck - first_deck].push(i),
                _ => {}
            }
        }
        learning.sort_by_key(|&i| (col.cards[i].state.due, i));

        let done_today = |d: usize| {
            if col.counts_day == today {
                col.counts.get(d).copied().unwrap_or_default()
            } else {
                Default::default()
            }
        };
        let total_done = if col.counts_day == today {
            col.counts_in(scope)
        } else {
            Default::default()
        };
        for (d, mut cards) in review_per_deck.into_iter().enumerate() {
            let d = d + first_deck;
            let room = limits.reviews_per_day.saturating_sub(done_today(d).reviews) as usize;
            cards.sort_by_key(|&i| (col.cards[i].state.due, i));
            cards.truncate(room);
            reviews.extend(cards);
        }
        reviews.sort_by_key(|&i| (col.cards[i].state.due, i));
        reviews.truncate(limits.reviews_per_day.saturating_sub(total_done.reviews) as usize);

        let mut new = Vec::new();
        for (d, cards) in new_per_deck.into_iter().enumerate() {
            let d = d + first_deck;
            let room = limits.new_per_day.saturating_sub(done_today(d).new) as usize;
            let first_of_note = |&i: &usize| match stem(&col.cards[i]) {
                Some(s) => notes_today.insert((d, s)),
                None => true,
            };
            new.extend(cards.into_iter().filter(first_of_note).take(room));
        }
        new.truncate(limits.new_per_day.saturating_sub(total_done.new) as usize);

        Queue {
            learning,
            reviews: reviews.into(),
            new: new.into(),
        }
    }

    /// The counts a user sees: learning cards due today, reviews and new cards left.
    pub fn counts(&self) -> DueCounts {
        DueCounts {
            new: self.new.len(),
            learning: self.learning.len(),
            review: self.reviews.len(),
        }
    }

    /// Takes the next card to show at `now`: a due learning card, a review, a new card, or
    /// (when nothing else is left) a learning card due within `learn_ahead_ms`.
    pub fn pop_next(
        &mut self,
        cards: &[CardEntry],
        now: Millis,
        learn_ahead_ms: Millis,
    ) -> Option<usize> {
        if let Some(&first) = self.learning.first() {
            if cards[first].state.due <= now {
                return Some(self.learning.remove(0));
            }
        }
        if let Some(i) = self.reviews.pop_front() {
            return Some(i);
        }
        if let Some(i) = self.new.pop_front() {
            return Some(i);
        }
        match self.learning.first() {
            Some(&first) if cards[first].state.due <= now + learn_ahead_ms => {
                Some(self.learning.remove(0))
            }
            _ => None,
        }
    }

    /// Puts a card back in front of its queue (after an undo, or when it is set aside).
    pub fn push_front(&mut self, cards: &[CardEntry], entry: usize) {
        match cards[entry].state.phase {
            Phase::New => self.new.push_front(entry),
            Phase::Review => self.reviews.push_front(entry),
            Phase::Learning | Phase::Relearning => self.insert_learning(cards, entry),
        }
    }

    /// Adds a learning card in due order.
    pub fn insert_learning(&mut self, cards: &[CardEntry], entry: usize) {
        let due = cards[entry].state.due;
        let at = self
            .learning
            .partition_point(|&i| (cards[i].state.due, i) <= (due, entry));
        self.learning.insert(at, entry);
    }

    /// Drops a card wherever it is queued.
    pub fn remove(&mut self, entry: usize) {
        self.learning.retain(|&i| i != entry);
        self.reviews.retain(|&i| i != entry);
        self.new.retain(|&i| i != entry);
    }

    /// The soonest time a learning card left for later today becomes due.
    pub fn next_learning_due(&self, cards: &[CardEntry]) -> Option<Millis> {
        self.learning.first().map(|&i| cards[i].state.due)
    }
}
