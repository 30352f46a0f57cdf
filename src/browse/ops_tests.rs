use super::*;
use crate::browse::tests::collection;
use crate::schedule::Phase;
use crate::store::ReviewLog;

const DAY: i64 = 86_400_000;

/// Replays the decks of `col` from the log file at `path` as of `now`.
fn replayed(col: &Collection, path: &std::path::Path, s: &Scheduler, now: Millis) -> Collection {
    let log = ReviewLog::load(path).expect("log loads");
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    Collection::replay(col.decks.clone(), &log, s, now)
}

fn snapshot(col: &Collection) -> Vec<(CardState, bool, Option<i32>, bool)> {
    col.cards
        .iter()
        .map(|e| (e.state, e.suspended, e.buried_day, e.leech))
        .collect()
}

/// A collection whose history is also in a log file (card a answered Good, then suspended).
fn setup() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Collection,
    Scheduler,
    Millis,
) {
    let (col, s, now) = collection();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("me.jsonl");
    let mut log = ReviewLog::open_append(&path).expect("log");
    let t0 = now - 2000;
    log.append(t0, "d/a", EventKind::Review { rating: 3, ms: 0 })
        .expect("review");
    log.append(t0 + 1000, "d/a", EventKind::Suspend)
        .expect("suspend");
    let col = replayed(&col, &path, &s, now);
    (dir, path, col, s, now)
}

/// Applies `op` to every card, checks that memory equals a replay of the log, undoes it and
/// checks that memory and a replay both equal the state before.
fn round_trip(op: Op, expect: impl Fn(&Collection)) -> Applied {
    let (_dir, path, mut col, s, now) = setup();
    let before = snapshot(&col);
    let mut log = ReviewLog::open_append(&path).expect("log");
    let applied = apply(&mut col, &mut log, &s, op, &[0, 1, 2, 0], now).expect("applies");
    expect(&col);
    assert_eq!(
        snapshot(&col),
        snapshot(&replayed(&col, &path, &s, now)),
        "{op:?}"
    );
    let lines_before_undo = std::fs::read_to_string(&path).expect("log").lines().count();
    undo(&mut col, &mut log, &applied, now + 1).expect("undoes");
    let text = std::fs::read_to_string(&path).expect("log");
    assert_eq!(text.lines().count(), lines_before_undo + applied.len());
    assert_eq!(snapshot(&col), before, "{op:?} undone in memory");
    assert_eq!(
        snapshot(&replayed(&col, &path, &s, now + 1)),
        before,
        "{op:?} undone in the log"
    );
    applied
}

#[test]
fn suspend_and_unsuspend_append_only_for_cards_that_change() {
    let a = round_trip(Op::Suspend, |col| {
        assert!(col.cards.iter().all(|e| e.suspended))
    });
    assert_eq!(
        a.changes.iter().map(|c| c.entry).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(a.changes.iter().all(|c| c.kind == EventKind::Suspend));
    let a = round_trip(Op::Unsuspend, |col| {
        assert!(col.cards.iter().all(|e| !e.suspended))
    });
    assert_eq!(a.changes.iter().map(|c| c.entry).collect::<Vec<_>>(), [0]);
}

#[test]
fn bury_and_unbury() {
    round_trip(Op::Bury, |col| {
        assert!(col.cards.iter().all(|e| e.buried_day.is_some()))
    });
    let (_dir, path, mut col, s, now) = setup();
    let mut log = ReviewLog::open_append(&path).expect("log");
    apply(&mut col, &mut log, &s, Op::Bury, &[1], now).expect("bury");
    let a = apply(&mut col, &mut log, &s, Op::Unbury, &[0, 1], now + 5).expect("unbury");
    assert_eq!(a.len(), 1);
    assert_eq!(col.cards[1].buried_day, None);
    assert_eq!(
        snapshot(&col),
        snapshot(&replayed(&col, &path, &s, now + 5))
    );
    assert!(std::fs::read_to_string(&path)
        .expect("log")
        .contains("\"event\":\"unbury\""));
}

#[test]
fn forget_puts_a_card_back_to_new_and_keeps_its_counts_and_history() {
    let a = round_trip(Op::Forget, |col| {
        assert_eq!(col.cards[0].state.phase, Phase::New);
        assert_eq!(col.cards[0].state.reps, 1);
        assert_eq!(col.cards[0].state.last_review, None);
    });
    // Only card a had been answered.
    assert_eq!(a.len(), 1);
}

#[test]
fn set_due_makes_review_cards_due_on_the_asked_day() {
    let spec: DueSpec = "3".parse().expect("spec");
    let (_dir, _path, col, s, now) = setup();
    let today = s.day_of(now);
    let _ = col;
    round_trip(Op::SetDue(spec), |col| {
        for e in &col.cards {
            assert_eq!(e.state.phase, Phase::Review);
            assert_eq!(s.day_of(e.state.due), today + 3);
            assert!(e.state.interval_days >= 3);
        }
    });
    let spread: DueSpec = "1-7!".parse().expect("spec");
    let a = round_trip(Op::SetDue(spread), |col| {
        for e in &col.cards {
            let days = s.day_of(e.state.due) - today;
            assert!((1..=7).contains(&days), "{days}");
            assert_eq!(e.state.interval_days, days as u32);
        }
    });
    assert_eq!(a.len(), 3);
    // 100 cards spread over a week land on more than one day.
    let days: std::collections::HashSet<u32> =
        (0..100u64).map(|i| spread.days(i * DAY as u64)).collect();
    assert!(
        days.len() >= 5 && days.iter().all(|d| (1..=7).contains(d)),
        "{days:?}"
    );
}

#[test]
fn due_specs_are_read_as_anki_writes_them() {
    let ok = |t: &str| t.parse::<DueSpec>().expect(t);
    assert_eq!(
        ok("0"),
        DueSpec {
            from: 0,
            to: 0,
            reset: false
        }
    );
    assert_eq!(
        ok(" 3! "),
        DueSpec {
            from: 3,
            to: 3,
            reset: true
        }
    );
    assert_eq!(
        ok("1-7"),
        DueSpec {
            from: 1,
            to: 7,
            reset: false
        }
    );
    for bad in ["", "x", "-3", "7-1", "3!!", "1-", "40000", "2.5"] {
        let e = bad.parse::<DueSpec>().expect_err(bad);
        assert!(e.contains(&format!("{bad:?}")), "{bad}: {e}");
    }
}

#[test]
fn a_failed_write_changes_nothing() {
    let (_dir, _path, mut col, s, now) = setup();
    let before = snapshot(&col);
    let mut full = ReviewLog::open_append(std::path::Path::new("/dev/full")).expect("opens");
    assert!(apply(&mut col, &mut full, &s, Op::Forget, &[0], now).is_err());
    assert_eq!(snapshot(&col), before);
}
