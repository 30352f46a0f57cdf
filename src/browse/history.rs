//! One card's history from the log: every event, whether an undo took it back, and the
//! card's state after each one that counts (interval, stability, difficulty after an answer).

use crate::schedule::{card_seed, CardState, Millis, Rating, Scheduler};
use crate::store::{EventKind, LoadedLog, LogEvent, Origin};
use crate::study::effective_events;

/// One event of a card's history, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryRow {
    pub at: Millis,
    pub kind: EventKind,
    /// Taken back by a later undo: shown struck, never replayed.
    pub undone: bool,
    /// The card's state after this event (unchanged by an undone event).
    pub after: CardState,
}

impl HistoryRow {
    /// The rating of an answer (1-4; a missed quiz question counts as Again), if it is one.
    pub fn rating(&self) -> Option<u8> {
        match self.kind {
            EventKind::Review { rating, .. } | EventKind::Cram { rating, .. } => Some(rating),
            EventKind::QuizMiss => Some(1),
            _ => None,
        }
    }
}

/// The history of the card `global_id`, replayed as `Collection::replay` does. Undo events
/// themselves are not rows: they mark the rows they took back. One pass over the log picks
/// the card's events; an undo only ever names an event of its own card, so the rest of the
/// log is not needed to tell which count.
pub fn history(log: &LoadedLog, scheduler: &Scheduler, global_id: &str) -> Vec<HistoryRow> {
    let Some(card) = log.card_index(global_id) else {
        return Vec::new();
    };
    let mut own = LoadedLog {
        cards: vec![global_id.to_string()],
        ..LoadedLog::default()
    };
    for (i, ev) in log.events.iter().enumerate() {
        if ev.card == card {
            own.events.push(LogEvent { card: 0, ..*ev });
            own.origins
                .push(log.origins.get(i).copied().unwrap_or(Origin::default()));
        }
    }
    let live = effective_events(&own);
    let seed = card_seed(global_id);
    let mut state = CardState::NEW;
    let mut rows = Vec::new();
    for (ev, &counts) in own.events.iter().zip(&live) {
        if matches!(ev.kind, EventKind::Undo | EventKind::UndoOf(_)) {
            continue;
        }
        if counts {
            state = match ev.kind {
                EventKind::Review { rating, .. } => match Rating::from_u8(rating) {
                    Some(r) => scheduler.rate(&state, r, ev.at, seed),
                    None => state,
                },
                EventKind::QuizMiss => scheduler.rate(&state, Rating::Again, ev.at, seed),
                EventKind::Forget => scheduler.forget(&state),
                EventKind::SetDue { days, reset } => scheduler.set_due(&state, ev.at, days, reset),
                _ => state,
            };
        }
        rows.push(HistoryRow {
            at: ev.at,
            kind: ev.kind,
            undone: !counts,
            after: state,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Phase;
    use crate::store::log::{format_numbered_line, parse_log};

    #[test]
    fn a_cards_answers_with_undone_ones_marked_and_the_state_after_each() {
        let s = Scheduler::new(Default::default()).expect("defaults");
        let t = 1_795_428_000_000;
        let mut text = String::new();
        let mut seq = 0;
        let mut add = |at, card: &str, kind| {
            seq += 1;
            format_numbered_line(&mut text, at, card, kind, seq);
        };
        add(t, "d/a", EventKind::Review { rating: 4, ms: 0 });
        add(t + 1, "d/b", EventKind::Review { rating: 1, ms: 0 });
        add(t + 2, "d/a", EventKind::Suspend);
        add(t + 3, "d/a", EventKind::UndoOf(3));
        add(
            t + 86_400_000 * 20,
            "d/a",
            EventKind::Review { rating: 1, ms: 0 },
        );
        add(
            t + 86_400_000 * 20 + 5,
            "d/a",
            EventKind::Cram { rating: 3, ms: 0 },
        );
        let log = parse_log(text.as_bytes(), "me.jsonl");
        let rows = history(&log, &s, "d/a");
        let kinds: Vec<(bool, Option<u8>)> = rows.iter().map(|r| (r.undone, r.rating())).collect();
        assert_eq!(
            kinds,
            [
                (false, Some(4)),
                (true, None),
                (false, Some(1)),
                (false, Some(3))
            ]
        );
        assert_eq!(rows[0].after.phase, Phase::Review);
        assert!(rows[0].after.interval_days > 0 && rows[0].after.stability > 0.0);
        assert_eq!(rows[1].after, rows[0].after);
        assert_eq!(
            (rows[2].after.phase, rows[2].after.lapses),
            (Phase::Relearning, 1)
        );
        // A cram answer leaves the state as it was.
        assert_eq!(rows[3].after, rows[2].after);
        assert!(history(&log, &s, "d/none").is_empty());
    }
}
