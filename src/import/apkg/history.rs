//! A card's revlog as recall review events, chosen the way Anki chooses the entries it
//! computes a card's FSRS memory state from (rslib `reviews_for_fsrs`): answers before the
//! card was last reset to new, or before its last run of learning steps, no longer count;
//! cram answers (filtered deck without rescheduling) and entries without a rating (set due
//! date, reschedule, reset) are not answers. What is left becomes `review` events at the
//! original time with the original button and answer time, so recall's replay gives the
//! memory state Anki gives.

use super::collection::Revlog;
use crate::store::EventKind;

const LEARNING: i64 = 0;
const FILTERED: i64 = 3;
const MANUAL: i64 = 4;

/// Why revlog entries did not become events, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HistorySkips {
    /// Before the card was last reset to new (or before its last run of learning steps).
    pub before_reset: usize,
    /// Set due date, reschedule and reset entries (no answer given).
    pub manual: usize,
    /// Answers in a filtered deck that did not reschedule.
    pub cram: usize,
    /// A button number recall does not know.
    pub unknown: usize,
    /// Cards whose kept history does not start with learning steps (Anki then starts from
    /// an estimate; recall replays the answers it has from a new card).
    pub incomplete_cards: usize,
}

impl HistorySkips {
    pub fn add(&mut self, o: HistorySkips) {
        self.before_reset += o.before_reset;
        self.manual += o.manual;
        self.cram += o.cram;
        self.unknown += o.unknown;
        self.incomplete_cards += o.incomplete_cards;
    }
}

fn is_reset(r: &Revlog) -> bool {
    r.kind == MANUAL && r.factor == 0
}

fn is_cram(r: &Revlog) -> bool {
    r.kind == FILTERED && r.factor == 0
}

/// One card's revlog (sorted by time) as events `(at, kind)`, and what was left out.
pub fn events(revlog: &[Revlog]) -> (Vec<(i64, EventKind)>, HistorySkips) {
    let mut skips = HistorySkips::default();
    // After the last reset only.
    let start = revlog.iter().rposition(is_reset).map_or(0, |i| i + 1);
    // Then from the first entry of the last unbroken run of learning answers, walking back
    // from the newest entry past cram answers.
    let mut first_learning = None;
    for (i, r) in revlog.iter().enumerate().skip(start).rev() {
        if is_cram(r) {
            continue;
        }
        if r.ease > 0 && r.kind == LEARNING {
            first_learning = Some(i);
        } else if first_learning.is_some() {
            break;
        }
    }
    let from = first_learning.unwrap_or(start);
    skips.before_reset = revlog[..from].iter().filter(|r| r.ease > 0).count();
    skips.manual = revlog[..from].iter().filter(|r| r.ease == 0).count();
    let mut out = Vec::with_capacity(revlog.len() - from);
    for r in &revlog[from..] {
        if r.ease == 0 {
            skips.manual += 1;
        } else if is_cram(r) {
            skips.cram += 1;
        } else if let (1..=4, Ok(ms)) = (r.ease, u32::try_from(r.time_ms.clamp(0, 3_600_000))) {
            out.push((
                r.id,
                EventKind::Review {
                    rating: r.ease as u8,
                    ms,
                },
            ));
        } else {
            skips.unknown += 1;
        }
    }
    if first_learning.is_none() && !out.is_empty() {
        skips.incomplete_cards = 1;
    }
    (out, skips)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: i64, kind: i64, ease: i64, factor: i64) -> Revlog {
        Revlog {
            id,
            card: 1,
            ease,
            factor,
            time_ms: 1000,
            kind,
        }
    }

    fn ratings(revlog: &[Revlog]) -> Vec<(i64, u8)> {
        events(revlog)
            .0
            .into_iter()
            .map(|(at, k)| match k {
                EventKind::Review { rating, .. } => (at, rating),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn answers_before_a_reset_do_not_count() {
        let log = [
            r(1, 0, 3, 0),
            r(2, 1, 3, 2500),
            r(3, 4, 0, 0),
            r(4, 0, 3, 0),
            r(5, 1, 4, 2500),
        ];
        assert_eq!(ratings(&log), [(4, 3), (5, 4)]);
        let (_, skips) = events(&log);
        assert_eq!((skips.before_reset, skips.manual), (2, 1));
    }

    #[test]
    fn cram_and_set_due_date_are_not_answers() {
        let log = [
            r(1, 0, 4, 2500),
            r(2, 3, 3, 0),
            r(3, 4, 0, 2500),
            r(4, 3, 3, 2500),
            r(5, 5, 0, 2500),
        ];
        assert_eq!(ratings(&log), [(1, 4), (4, 3)]);
        let (_, skips) = events(&log);
        assert_eq!(
            (skips.cram, skips.manual, skips.incomplete_cards),
            (1, 2, 0)
        );
    }

    #[test]
    fn only_the_last_run_of_learning_counts() {
        // Relearned from scratch without a reset entry (older Anki versions).
        let log = [
            r(1, 0, 3, 0),
            r(2, 1, 3, 2500),
            r(3, 0, 1, 0),
            r(4, 0, 3, 0),
        ];
        assert_eq!(ratings(&log), [(3, 1), (4, 3)]);
        // Reviews only: kept, and the card counted as incomplete.
        let log = [r(1, 1, 3, 2500), r(2, 1, 3, 2500)];
        assert_eq!(ratings(&log).len(), 2);
        assert_eq!(events(&log).1.incomplete_cards, 1);
    }
}
