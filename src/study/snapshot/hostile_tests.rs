//! A snapshot crafted with a valid checksum: decoded as if hostile (docs/startup-snapshot.md,
//! "A valid checksum is not trust").

use super::*;

/// A snapshot with a valid checksum is not therefore one recall wrote: a card state no replay
/// of log lines could produce (a stability that is not a number, a last answer past year
/// 9999, a due date no study day can name) is not used; the log is replayed instead.
#[test]
fn a_snapshot_with_a_valid_checksum_but_impossible_card_states_replays_everything() {
    let (h, s) = studied();
    let d = || vec![deck(4, None)];
    let file = path(&h.paths);
    let good = decode(&std::fs::read(&file).expect("written")).expect("decodes");
    let hostile: [fn(&mut CardState); 7] = [
        |c| c.stability = f32::NAN,
        |c| c.stability = -1.0,
        |c| c.difficulty = f32::INFINITY,
        |c| c.last_review = Some(i64::MIN),
        |c| c.last_review = Some(i64::MAX),
        |c| c.due = i64::MAX,
        |c| c.due = i64::MIN,
    ];
    for (i, spoil) in hostile.into_iter().enumerate() {
        let mut snap = good.clone();
        spoil(&mut snap.cards[0].state);
        std::fs::write(&file, encode(&snap)).expect("crafted");
        assert_eq!(
            h.reason(d(), &s, T0 + 3 * MIN),
            Fallback::Corrupt,
            "case {i}"
        );
    }
    std::fs::write(&file, encode(&good)).expect("restored");
    h.check_exact(d(), &s, T0 + 3 * MIN);
}

/// The latest answers' times (Home's estimate) are capped at `MAX_ANSWER_MS` when the log is
/// read, so a larger one in a snapshot was not written by recall: the log is replayed.
#[test]
fn a_snapshot_whose_answer_times_no_log_line_can_hold_replays_everything() {
    let (h, s) = studied();
    let d = || vec![deck(4, None)];
    let file = path(&h.paths);
    let good = decode(&std::fs::read(&file).expect("written")).expect("decodes");
    let mut snap = good.clone();
    snap.recent_ms.push(crate::store::log::MAX_ANSWER_MS + 1);
    std::fs::write(&file, encode(&snap)).expect("crafted");
    assert_eq!(h.reason(d(), &s, T0 + 3 * MIN), Fallback::Corrupt);
    std::fs::write(&file, encode(&good)).expect("restored");
    h.check_exact(d(), &s, T0 + 3 * MIN);
}
