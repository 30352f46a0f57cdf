//! One card's whole story from the log, for its page in the browser: every event in log
//! order, whether a later undo took it back, and the card's state after each live one.

use super::undo::effective_events;
use crate::schedule::{card_seed, CardState, Millis, Rating, Scheduler};
use crate::store::{EventKind, LoadedLog};

/// One event of the card's history.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub at: Millis,
    pub kind: EventKind,
    /// Taken back by an undo (shown struck through); `after` is then the state before it.
    pub undone: bool,
    /// The card's state once this event (if live) was applied.
    pub after: CardState,
}

/// The events of the card `global_id` in log order, replayed from a new card. One pass over
/// the log's events (done when a card page opens, never per keypress).
pub fn card_history(log: &LoadedLog, scheduler: &Scheduler, global_id: &str) -> Vec<HistoryEntry> {
    let Some(id) = log.cards.iter().position(|c| c == global_id) else {
        return Vec::new();
    };
    let live = effective_events(log);
    let seed = card_seed(global_id);
    let mut state = CardState::NEW;
    let mut out = Vec::new();
    for (ev, &live) in log.events.iter().zip(&live) {
        if ev.card as usize != id || matches!(ev.kind, EventKind::Undo | EventKind::UndoOf(_)) {
            continue;
        }
        if live {
            let rating = match ev.kind {
                EventKind::Review { rating, .. } => Rating::from_u8(rating),
                EventKind::QuizMiss => Some(Rating::Again),
                _ => None,
            };
            if let Some(r) = rating {
                state = scheduler.rate(&state, r, ev.at, seed);
            }
        }
        out.push(HistoryEntry {
            at: ev.at,
            kind: ev.kind,
            undone: !live,
            after: state,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Phase;
    use crate::store::LogEvent;

    #[test]
    fn answers_replay_in_order_and_an_undone_one_is_kept_but_changes_nothing() {
        let s = Scheduler::new(Default::default()).expect("defaults");
        let day = 86_400_000;
        let ev = |at, card, kind| LogEvent { at, card, kind };
        let review = |rating| EventKind::Review { rating, ms: 0 };
        let log = LoadedLog {
            cards: vec!["d/other".into(), "d/a".into()],
            events: vec![
                ev(0, 1, review(3)),
                ev(10, 0, review(1)),
                ev(day, 1, review(3)),
                ev(2 * day, 1, review(1)),
                ev(2 * day + 5, 1, EventKind::Undo),
                ev(3 * day, 1, EventKind::Suspend),
            ],
            ..LoadedLog::default()
        };
        let h = card_history(&log, &s, "d/a");
        assert_eq!(h.len(), 4, "{h:?}");
        assert_eq!(
            h.iter().map(|e| e.undone).collect::<Vec<_>>(),
            [false, false, true, false]
        );
        let good = s.rate(&CardState::NEW, Rating::Good, 0, card_seed("d/a"));
        let good2 = s.rate(&good, Rating::Good, day, card_seed("d/a"));
        assert_eq!(h[0].after, good);
        assert_eq!(h[1].after, good2);
        assert_eq!(h[2].after, good2, "the undone Again changed nothing");
        assert_eq!(h[3].kind, EventKind::Suspend);
        assert_ne!(good2.phase, Phase::New);
        assert!(card_history(&log, &s, "d/missing").is_empty());
    }
}
