//! reviews.jsonl on any bytes: every line is read or skipped with a warning, never a panic;
//! what was read, written back with `format_line`, reads again to the same events.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recall::store::log::{format_line, parse_log};

fuzz_target!(|data: &[u8]| {
    let log = parse_log(data, "reviews.jsonl");
    let mut text = String::new();
    for e in &log.events {
        format_line(&mut text, e.at, &log.cards[e.card as usize], e.kind);
    }
    let again = parse_log(text.as_bytes(), "again.jsonl");
    assert!(again.warnings.is_empty(), "{:?}\n{text}", again.warnings);
    assert_eq!(again.events.len(), log.events.len());
    for (a, b) in log.events.iter().zip(&again.events) {
        assert_eq!((a.at, a.kind), (b.at, b.kind));
        assert_eq!(log.cards[a.card as usize], again.cards[b.card as usize]);
    }
});
