//! Which events of the merged log still count once every undo has taken back its target.
//!
//! Used by the replay, the stats and the optimizer alike, so an undone answer never counts
//! anywhere. Reads the loaded log only; knows nothing of decks or scheduling.

use crate::store::{EventKind, LoadedLog};

const NONE: u32 = u32::MAX;

/// Marks which events still count once every undo has taken back its target.
///
/// An undo only ever refers to events of its own file (each device undoes its own answers), so
/// its meaning does not depend on how other devices' events are merged around it:
/// - `UndoOf(seq)` cancels exactly the event numbered `seq` in the same file, if still live;
/// - a legacy `Undo` cancels the most recent live event of the same card in the same file, so
///   undos in a row walk back through that card's history.
///
/// One linear pass over a doubly linked chain of each (file, card)'s live events.
pub(crate) fn effective_events(log: &LoadedLog) -> Vec<bool> {
    resolve_undos(log).0
}

/// [`effective_events`], plus how many undos found no target in `log`. Replaying only the
/// tail of a log after a snapshot (`study::snapshot`) is exact only when this is 0: an undo
/// without a target in the tail may reach back to an event before the snapshot.
pub(crate) fn resolve_undos(log: &LoadedLog) -> (Vec<bool>, usize) {
    let mut missed = 0;
    let n = log.events.len();
    let files = log
        .origins
        .iter()
        .map(|o| o.file as usize + 1)
        .max()
        .unwrap_or(1);
    let cards = log.cards.len();
    let mut live = vec![false; n];
    // The latest live event of each (file, card), and each live event's neighbours.
    let mut last = vec![NONE; files.saturating_mul(cards)];
    let mut prev = vec![NONE; n];
    let mut next = vec![NONE; n];
    // Each file's numbered events as (seq, index), in file order (seqs increase).
    let mut numbered: Vec<Vec<(u32, u32)>> = vec![Vec::new(); files];
    for (i, ev) in log.events.iter().enumerate() {
        let origin = log.origin(i);
        let file = origin.file as usize;
        let Some(slot) = (ev.card as usize)
            .checked_add(file * cards)
            .filter(|&s| (ev.card as usize) < cards && s < last.len())
        else {
            continue;
        };
        let target = match ev.kind {
            EventKind::Undo => last[slot],
            EventKind::UndoOf(seq) => {
                let mine = &numbered[file];
                match mine.binary_search_by_key(&seq, |&(s, _)| s) {
                    Ok(k) if log.events[mine[k].1 as usize].card == ev.card => mine[k].1,
                    _ => NONE,
                }
            }
            _ => {
                live[i] = true;
                prev[i] = last[slot];
                if last[slot] != NONE {
                    next[last[slot] as usize] = i as u32;
                }
                last[slot] = i as u32;
                if origin.seq > 0 {
                    numbered[file].push((origin.seq, i as u32));
                }
                continue;
            }
        };
        if target == NONE {
            missed += 1;
            continue;
        }
        if !live[target as usize] {
            continue;
        }
        let t = target as usize;
        live[t] = false;
        // Unlink the cancelled event from its card's chain.
        let (p, nx) = (prev[t], next[t]);
        if p != NONE {
            next[p as usize] = nx;
        }
        if nx != NONE {
            prev[nx as usize] = p;
        } else {
            last[slot] = p;
        }
    }
    (live, missed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::LogEvent;

    fn log(events: &[(u32, EventKind)]) -> LoadedLog {
        LoadedLog {
            cards: vec!["a".into(), "b".into()],
            events: events
                .iter()
                .enumerate()
                .map(|(i, &(card, kind))| LogEvent {
                    at: i as i64,
                    card,
                    kind,
                })
                .collect(),
            ..LoadedLog::default()
        }
    }

    /// A log whose events come from several files: (card, kind, file, seq).
    fn merged(events: &[(u32, EventKind, u32, u32)]) -> LoadedLog {
        let mut l = log(&events
            .iter()
            .map(|&(c, k, _, _)| (c, k))
            .collect::<Vec<_>>());
        l.origins = events
            .iter()
            .map(|&(_, _, file, seq)| crate::store::Origin { file, seq })
            .collect();
        l
    }

    const R: EventKind = EventKind::Review { rating: 3, ms: 0 };

    #[test]
    fn a_named_undo_cancels_exactly_its_target_whatever_is_merged_around_it() {
        // Device 0 answers card a twice and undoes its first answer by number; device 1's
        // answers to the same card, merged in between, stay.
        let l = merged(&[
            (0, R, 0, 1),
            (0, R, 1, 1),
            (0, R, 0, 2),
            (0, R, 1, 2),
            (0, EventKind::UndoOf(1), 0, 3),
        ]);
        assert_eq!(effective_events(&l), [false, true, true, true, false]);
    }

    #[test]
    fn a_legacy_undo_walks_back_its_own_files_history_only() {
        let l = merged(&[
            (0, R, 0, 0),
            (0, R, 1, 1),
            (0, EventKind::Undo, 0, 0),
            (0, EventKind::Undo, 0, 0),
        ]);
        assert_eq!(effective_events(&l), [false, true, false, false]);
    }

    #[test]
    fn named_undos_of_other_cards_missing_or_cancelled_events_do_nothing() {
        let l = merged(&[
            (0, R, 0, 1),
            (1, EventKind::UndoOf(1), 0, 2), // names card a's event from card b
            (0, EventKind::UndoOf(9), 0, 3), // not (yet) synced
            (0, EventKind::UndoOf(1), 0, 4),
            (0, EventKind::UndoOf(1), 0, 5), // already cancelled
            (0, R, 0, 6),
        ]);
        assert_eq!(
            effective_events(&l),
            [false, false, false, false, false, true]
        );
    }

    #[test]
    fn a_named_undo_in_the_middle_of_a_chain_keeps_later_undos_right() {
        // Cancel event 2 of 3 by number, then a legacy undo takes back the latest (3), then
        // another takes back 1.
        let l = merged(&[
            (0, R, 0, 1),
            (0, R, 0, 2),
            (0, R, 0, 3),
            (0, EventKind::UndoOf(2), 0, 4),
            (0, EventKind::Undo, 0, 0),
            (0, EventKind::Undo, 0, 0),
        ]);
        assert_eq!(effective_events(&l), [false; 6]);
    }

    #[test]
    fn undo_cancels_the_cards_latest_live_event() {
        let l = log(&[
            (0, R),
            (1, R),
            (0, R),
            (0, EventKind::Undo),
            (0, EventKind::Undo),
        ]);
        assert_eq!(effective_events(&l), [false, true, false, false, false]);
    }

    #[test]
    fn undo_then_new_event_then_undo() {
        let l = log(&[
            (0, R),
            (0, R),
            (0, EventKind::Undo),
            (0, EventKind::Bury),
            (0, EventKind::Undo),
            (0, EventKind::Undo),
            (0, EventKind::Undo),
        ]);
        assert_eq!(effective_events(&l), [false; 7]);
    }
}
