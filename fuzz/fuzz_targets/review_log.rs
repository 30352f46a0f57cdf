//! reviews.jsonl on any bytes: every line is read or skipped with a warning, never a panic;
//! what was read, written back with `format_line`, reads again to the same events; and
//! `recall repair`'s split keeps exactly the lines that were read (no warning left).
#![no_main]

use libfuzzer_sys::fuzz_target;
use recall::store::log::{format_line, in_log_range, is_good_line, parse_log, MAX_ANSWER_MS};
use recall::store::repair::split_damaged;
use recall::store::EventKind;

fuzz_target!(|data: &[u8]| {
    let log = parse_log(data, "reviews.jsonl");
    let mut text = String::new();
    for e in &log.events {
        assert!(in_log_range(e.at), "a time the log cannot write: {}", e.at);
        if let EventKind::Review { ms, .. } = e.kind {
            assert!(ms <= MAX_ANSWER_MS, "answer time not capped: {ms}");
        }
        format_line(&mut text, e.at, &log.cards[e.card as usize], e.kind);
    }
    let again = parse_log(text.as_bytes(), "again.jsonl");
    assert!(again.warnings.is_empty(), "{:?}\n{text}", again.warnings);
    assert_eq!(again.events.len(), log.events.len());
    for (a, b) in log.events.iter().zip(&again.events) {
        assert_eq!((a.at, a.kind), (b.at, b.kind));
        assert_eq!(log.cards[a.card as usize], again.cards[b.card as usize]);
    }
    // Every byte is kept or moved; a torn last line gains its newline in the side file.
    let (kept, rejected, _moved) = split_damaged(data, is_good_line);
    let torn = usize::from(!data.is_empty() && !data.ends_with(b"\n"));
    assert_eq!(kept.len() + rejected.len(), data.len() + torn);
    let repaired = parse_log(&kept, "repaired.jsonl");
    assert!(repaired.warnings.is_empty(), "{:?}", repaired.warnings);
    let events = |l: &recall::store::LoadedLog| -> Vec<(i64, String, EventKind)> {
        l.events
            .iter()
            .map(|e| (e.at, l.cards[e.card as usize].clone(), e.kind))
            .collect()
    };
    assert_eq!(events(&repaired), events(&log));
});
