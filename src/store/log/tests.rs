//! The review log: line shape, parsing, torn tails, timestamps.

use super::parse::{fast_line, parse_part, slow_line};
use super::*;
use proptest::prelude::*;

const KINDS: [EventKind; 11] = [
    EventKind::Review {
        rating: 3,
        ms: 4200,
    },
    EventKind::Undo,
    EventKind::Bury,
    EventKind::Suspend,
    EventKind::Unsuspend,
    EventKind::QuizMiss,
    EventKind::Unbury,
    EventKind::Forget,
    EventKind::SetDue {
        days: 3,
        reset: false,
    },
    EventKind::SetDue {
        days: 0,
        reset: true,
    },
    EventKind::Cram { rating: 1, ms: 900 },
];

fn line(at: i64, card: &str, kind: EventKind) -> String {
    let mut s = String::new();
    format_line(&mut s, at, card, kind);
    s
}

#[test]
fn the_documented_line_shape() {
    assert_eq!(
        line(1_795_428_902_123, "s3/x", KINDS[0]),
        "{\"v\":1,\"at\":\"2026-11-23T10:15:02.123Z\",\"card\":\"s3/x\",\"event\":\"review\",\"rating\":3,\"ms\":4200}\n"
    );
    assert_eq!(
        line(0, "a/b", EventKind::Undo),
        "{\"v\":1,\"at\":\"1970-01-01T00:00:00.000Z\",\"card\":\"a/b\",\"event\":\"undo\"}\n"
    );
}

#[test]
fn every_kind_round_trips() {
    let text: String = KINDS.iter().map(|&k| line(5, "d/c", k)).collect();
    let log = parse_log(text.as_bytes(), "r");
    assert!(log.warnings.is_empty());
    assert_eq!(log.cards, ["d/c"]);
    let kinds: Vec<EventKind> = log.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, KINDS);
}

#[test]
fn timestamps_in_other_offsets_parse_to_utc() {
    assert_eq!(
        parse_timestamp("2026-11-23T11:15:02.123+01:00"),
        Some(1_795_428_902_123)
    );
    assert_eq!(
        parse_timestamp("2026-11-23T10:15:02Z"),
        Some(1_795_428_902_000)
    );
    assert_eq!(parse_timestamp("yesterday"), None);
    assert_eq!(format_timestamp(-1), "1969-12-31T23:59:59.999Z");
}

#[test]
fn corrupt_lines_are_reported_and_skipped() {
    let good = line(1, "a/b", KINDS[0]);
    let text = format!(
        "{good}not json\n{{\"v\":1,\"at\":\"2026-01-01T00:00:00Z\",\"card\":\"a/b\",\"event\":\"eat\"}}\n\
         {{\"v\":1,\"at\":\"2026-01-01T00:00:00Z\",\"card\":\"a/b\",\"event\":\"review\",\"rating\":7}}\n\
         {{\"v\":1,\"card\":\"a/b\",\"event\":\"undo\"}}\n\n{good}"
    );
    let log = parse_log(text.as_bytes(), "reviews.jsonl");
    assert_eq!(log.events.len(), 2);
    let lines: Vec<usize> = log.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    assert!(log.warnings[1]
        .to_string()
        .contains("unknown event \"eat\""));
    assert!(log.warnings[2]
        .to_string()
        .contains("rating 7 is out of range"));
    assert!(log.warnings[3].to_string().contains("missing field `at`"));
}

#[test]
fn other_key_orders_and_extra_fields_are_read() {
    let text = "{\"event\":\"review\",\"card\":\"a\\\"b/c\",\"ms\":9,\"rating\":2,\"at\":\"2026-11-23T10:15:02.123Z\",\"v\":1,\"device\":\"x\"}\n";
    let log = parse_log(text.as_bytes(), "r");
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.cards, ["a\"b/c"]);
    assert_eq!(log.events[0].kind, EventKind::Review { rating: 2, ms: 9 });
}

#[test]
fn torn_last_line_is_skipped_and_the_next_append_starts_fresh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("reviews.jsonl");
    let torn = line(3, "a/b", KINDS[0]);
    let text = format!(
        "{}{}{}",
        line(1, "a/b", KINDS[0]),
        line(2, "a/c", KINDS[0]),
        &torn[..30]
    );
    std::fs::write(&path, &text).expect("write");
    let log = ReviewLog::load(&path).expect("loads");
    assert_eq!(log.events.len(), 2);
    assert_eq!(log.warnings.len(), 1);
    assert!(log.warnings[0]
        .to_string()
        .starts_with("reviews.jsonl:3: incomplete last line"));

    let mut w = ReviewLog::open_append(&path).expect("opens");
    w.append(4, "a/b", EventKind::Bury).expect("appends");
    let log = ReviewLog::load(&path).expect("loads");
    assert_eq!(log.events.len(), 3, "{:?}", log.warnings);
    assert_eq!(log.events[2].kind, EventKind::Bury);
    assert_eq!(
        log.warnings.len(),
        1,
        "the torn line is still reported, never deleted"
    );
    assert!(std::fs::read_to_string(&path)
        .expect("read")
        .starts_with(&text));
}

#[test]
fn a_large_log_parses_the_same_in_two_halves() {
    let mut text = String::new();
    let mut i = 0i64;
    while text.len() < 5 << 20 {
        let card = format!("d/c{}", i % 977);
        format_line(&mut text, i, &card, KINDS[(i % 5) as usize]);
        if i == 7 || i == 60_000 {
            text.push_str("broken line\n");
        }
        i += 1;
    }
    let two = parse_log(text.as_bytes(), "r");
    let one = parse_part(text.as_bytes(), "r").0;
    assert_eq!(two.cards, one.cards);
    assert_eq!(two.events, one.events);
    assert_eq!(two.warnings, one.warnings);
    assert_eq!(
        two.warnings.iter().map(|w| w.line).collect::<Vec<_>>(),
        [9, 60_003]
    );
}

proptest! {
    /// The fast path and serde read every line the same way.
    #[test]
    fn fast_and_slow_paths_agree(
        at in -10_000_000_000_000i64..10_000_000_000_000,
        card in "\\PC{1,20}",
        k in 0usize..KINDS.len(),
        rating in 1u8..=4,
        ms in 0u32..100_000,
    ) {
        let kind = match KINDS[k] { EventKind::Review { .. } => EventKind::Review { rating, ms }, EventKind::Cram { .. } => EventKind::Cram { rating, ms }, other => other };
        let l = line(at, &card, kind);
        let bytes = l.trim_end().as_bytes();
        let slow = slow_line(bytes).expect("serde reads it");
        // Read back with the answer time capped, as on every read.
        let read = match kind { EventKind::Review { rating, ms } => EventKind::Review { rating, ms: ms.min(MAX_ANSWER_MS) }, EventKind::Cram { rating, ms } => EventKind::Cram { rating, ms: ms.min(MAX_ANSWER_MS) }, other => other };
        prop_assert_eq!((slow.0, slow.1.as_ref(), slow.2), (at, card.as_str(), read));
        if let Some(fast) = fast_line(bytes) {
            prop_assert_eq!((fast.0, fast.1.as_ref(), fast.2), (at, card.as_str(), read));
        }
    }

    #[test]
    fn never_panics_on_garbage(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_log(&bytes, "r");
    }

    /// Hand-edited or damaged lines between good ones: every good line is still read, in
    /// order, and each bad line costs exactly one warning with its line number.
    #[test]
    fn good_lines_survive_any_garbage_between_them(
        parts in proptest::collection::vec(
            (any::<bool>(), proptest::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 1..60)),
            1..30,
        )
    ) {
        let mut text = Vec::new();
        let mut good = Vec::new();
        let mut bad_lines = Vec::new();
        for (i, (is_good, garbage)) in parts.iter().enumerate() {
            if *is_good {
                let kind = KINDS[i % 5];
                good.push((i as i64, kind));
                text.extend(line(i as i64, &format!("d/c{i}"), kind).into_bytes());
            } else {
                // Prefixed so it is never blank or a valid line by chance.
                text.extend(b"#");
                text.extend(garbage);
                text.push(b'\n');
                bad_lines.push(i + 1);
            }
        }
        let log = parse_log(&text, "r");
        let read: Vec<(i64, EventKind)> = log.events.iter().map(|e| (e.at, e.kind)).collect();
        prop_assert_eq!(read, good);
        let warned: Vec<usize> = log.warnings.iter().map(|w| w.line).collect();
        prop_assert_eq!(warned, bad_lines);
    }
}

#[test]
fn impossible_dates_are_rejected_by_every_path() {
    for bad in [
        "2026-02-31T00:00:00.000Z",
        "2026-02-29T00:00:00.000Z",
        "2026-04-31T12:00:00.000Z",
        "2026-11-23T10:15:60.000Z",
        "2026-11-23T10:15:60Z",
        "2026-11-23T11:15:60+01:00",
    ] {
        assert_eq!(parse_timestamp(bad), None, "{bad}");
        let l = format!("{{\"v\":1,\"at\":\"{bad}\",\"card\":\"a/b\",\"event\":\"undo\"}}");
        assert!(fast_line(l.as_bytes()).is_none(), "fast path took {bad}");
        assert!(slow_line(l.as_bytes()).is_err(), "slow path took {bad}");
    }
    assert_eq!(
        parse_timestamp("2024-02-29T00:00:00.000Z"),
        Some(1_709_164_800_000)
    );
}

#[test]
fn only_years_0000_to_9999_are_in_the_log_range() {
    let last = parse_timestamp("9999-12-31T23:59:59.999Z").expect("last instant");
    let first = parse_timestamp("0000-01-01T00:00:00.000Z").expect("first instant");
    assert!(in_log_range(last) && in_log_range(first));
    assert!(!in_log_range(last + 1) && !in_log_range(first - 1));
    // An offset that puts the UTC instant outside the range is refused too.
    assert_eq!(parse_timestamp("0000-01-01T00:30:00+01:00"), None);
    assert_eq!(parse_timestamp("9999-12-31T23:30:00-01:00"), None);
}

#[test]
fn a_time_the_log_cannot_hold_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("reviews.jsonl");
    let mut w = ReviewLog::open_append(&path).expect("opens");
    let past_9999 = parse_timestamp("9999-12-31T23:59:59.999Z").expect("valid") + 1;
    let err = w
        .append(past_9999, "a/b", KINDS[0])
        .expect_err("must be refused");
    assert!(
        err.to_string().contains("year 9999"),
        "the message says why: {err}"
    );
    assert_eq!(std::fs::read(&path).expect("read").len(), 0);
}

#[test]
fn answer_times_are_capped_when_read() {
    let text = "{\"v\":1,\"at\":\"2026-11-23T10:15:02.123Z\",\"card\":\"a/b\",\"event\":\"review\",\"rating\":3,\"ms\":4294967295}\n\
                {\"v\":1,\"at\":\"2026-11-23T10:15:02.123Z\",\"card\":\"a/b\",\"event\":\"review\",\"rating\":3,\"ms\":999999999}\n";
    let log = parse_log(text.as_bytes(), "r");
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    let ms: Vec<EventKind> = log.events.iter().map(|e| e.kind).collect();
    let capped = EventKind::Review {
        rating: 3,
        ms: MAX_ANSWER_MS,
    };
    assert_eq!(ms, [capped, capped]);
}

#[test]
fn a_partial_line_written_by_another_program_after_open_costs_no_append() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("reviews.jsonl");
    std::fs::write(&path, line(1, "a/b", KINDS[0])).expect("write");
    let mut w = ReviewLog::open_append(&path).expect("opens");
    // Another program appends half a line while recall runs.
    let mut other = OpenOptions::new().append(true).open(&path).expect("open");
    other.write_all(b"{\"v\":1,\"at\":\"20").expect("partial");
    w.append(2, "a/c", EventKind::Bury).expect("appends");
    let log = ReviewLog::load(&path).expect("loads");
    let cards: Vec<&str> = log
        .events
        .iter()
        .map(|e| log.cards[e.card as usize].as_str())
        .collect();
    assert_eq!(cards, ["a/b", "a/c"], "{:?}", log.warnings);
    assert_eq!(log.warnings.len(), 1, "the partial line is reported");
}

#[cfg(unix)]
#[test]
fn a_symlink_where_a_log_belongs_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outside = dir.path().join("outside.jsonl");
    let link = dir.path().join("logs-device.jsonl");
    std::os::unix::fs::symlink(&outside, &link).expect("symlink");
    assert!(
        ReviewLog::open_append(&link).is_err(),
        "a symlinked log is refused"
    );
    assert!(!outside.exists(), "nothing was written through the link");
}

#[test]
fn the_new_kinds_have_their_documented_shape_and_bad_ones_are_named() {
    assert!(line(0, "a/b", KINDS[8]).ends_with("\"event\":\"set-due\",\"days\":3}\n"));
    assert!(
        line(0, "a/b", KINDS[9]).ends_with("\"event\":\"set-due\",\"days\":0,\"reset\":true}\n")
    );
    assert!(line(0, "a/b", KINDS[10]).ends_with("\"event\":\"cram\",\"rating\":1,\"ms\":900}\n"));
    assert!(line(0, "a/b", KINDS[7]).ends_with("\"event\":\"forget\"}\n"));
    let at = "{\"v\":1,\"at\":\"2026-11-23T10:15:02.123Z\",\"card\":\"a/b\",";
    for (rest, message) in [
        ("\"event\":\"set-due\"}", "needs `days`"),
        ("\"event\":\"set-due\",\"days\":40000}", "out of range"),
        (
            "\"event\":\"bury\",\"days\":4}",
            "`days` or `reset` on a \"bury\"",
        ),
        ("\"event\":\"cram\"}", "a cram needs a `rating`"),
    ] {
        let e = slow_line(format!("{at}{rest}").as_bytes()).expect_err(rest);
        assert!(e.contains(message), "{rest}: {e}");
    }
}

#[test]
fn a_batch_is_one_write_numbered_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("me.jsonl");
    let mut log = ReviewLog::open_append(&path).expect("opens");
    assert_eq!(log.append(1, "a/x", EventKind::Suspend).expect("one"), 1);
    let seqs = log
        .append_batch(&[
            (2, "a/x", EventKind::Unsuspend),
            (2, "a/y", EventKind::Forget),
        ])
        .expect("batch");
    assert_eq!(seqs, [2, 3]);
    assert_eq!(log.append_batch(&[]).expect("nothing"), Vec::<u32>::new());
    let loaded = ReviewLog::load(&path).expect("loads");
    assert_eq!(loaded.events.len(), 3);
    assert_eq!(
        loaded.origins.iter().map(|o| o.seq).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let err = log
        .append_batch(&[
            (2, "a/x", EventKind::Bury),
            (i64::MAX, "a/x", EventKind::Bury),
        ])
        .expect_err("out of range");
    assert!(matches!(err, StoreError::ClockOutOfRange { .. }));
    assert_eq!(ReviewLog::load(&path).expect("loads").events.len(), 3);
}
