//! `recall cards --json` byte for byte: the rows are written as they are made (issue 19), and
//! what a script reads must stay exactly what the whole-array serializer printed.

#[path = "support/cli.rs"]
mod cli;

use std::path::Path;

use cli::{home_with, recall};

/// Every kind of card, tags, text a terminal could act on (DEL, a C1 CSI, a BiDi override,
/// a zero-width space) and characters JSON must escape (quote, backslash, tab).
const DECK: &str = r#"[deck]
id = "mine"
title = "My deck"

[[cards]]
id = "basic"
front = "What is \"S3\"? \\ tab:\t end"
back = "Object storage. DEL:\u007f CSI:\u009b BiDi:\u202e zwsp:\u200b emoji: ❤️"
tags = ["s3", "storage"]

[[cards]]
id = "choice"
kind = "choice"
front = "Pick two"
choices = ["one", "two", "three"]
answer = [0, 2]

[[cards]]
id = "cloze"
kind = "cloze"
text = "Glue has a {{Data Catalog}} and {{crawlers::finds schemas}}."

[[cards]]
id = "suspended"
front = "S?"
back = "S."

[[cards]]
id = "buried"
front = "B?"
back = "B."

[[cards]]
id = "leech"
front = "L?"
back = "L."

[[cards]]
id = "new"
front = "N?"
back = "N."
"#;

const OTHER: &str = r#"[deck]
id = "other"
title = "Other"

[[cards]]
id = "x"
front = "X?"
back = "X."
"#;

fn line(card: &str, at: &str, event: &str) -> String {
    format!("{{\"v\":1,\"at\":\"{at}\",\"card\":\"mine/{card}\",{event}}}\n")
}

fn review(card: &str, at: &str, rating: u8) -> String {
    line(
        card,
        at,
        &format!("\"event\":\"review\",\"rating\":{rating},\"ms\":3000"),
    )
}

/// A log with reviews on several days, an undo, a suspension, today's bury and enough lapses
/// for a leech (threshold 2 in the config).
fn home() -> tempfile::TempDir {
    let mut log = String::new();
    log += &review("basic", "2026-11-01T09:00:00.000Z", 3);
    log += &review("basic", "2026-11-05T09:00:00.000Z", 3);
    log += &review("basic", "2026-11-20T09:00:00.000Z", 2);
    log += &review("choice", "2026-11-22T09:00:00.000Z", 1);
    log += &review("choice", "2026-11-22T09:01:00.000Z", 4);
    log += &line("choice", "2026-11-22T09:02:00.000Z", "\"event\":\"undo\"");
    log += &review("cloze", "2026-11-23T08:00:00.000Z", 4);
    log += &review("suspended", "2026-11-10T09:00:00.000Z", 3);
    log += &line(
        "suspended",
        "2026-11-10T09:01:00.000Z",
        "\"event\":\"suspend\"",
    );
    log += &review("buried", "2026-11-22T09:00:00.000Z", 3);
    log += &line("buried", "2026-11-23T09:00:00.000Z", "\"event\":\"bury\"");
    for (day, rating) in [(1, 4), (12, 1), (13, 3), (20, 1), (21, 3)] {
        log += &review("leech", &format!("2026-10-{day:02}T09:00:00.000Z"), rating);
    }
    home_with(&[
        ("decks/mine.toml", DECK),
        ("decks/other.toml", OTHER),
        ("config.toml", "leech_threshold = 2\n"),
        ("reviews.jsonl", &log),
    ])
}

/// What `recall` printed, with the parts that depend on more than the home made fixed: the
/// temp home's path, and what follows from the milliseconds the clock ran on from
/// `RECALL_NOW` before the command read it (a learning step's due time ends in them, and a
/// young card's recall chance moves with them).
fn stdout(home: &Path, args: &[&str]) -> String {
    let out = recall(home)
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let text = text.replace(home.to_str().expect("UTF-8 temp path"), "[HOME]");
    let mut fixed = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("\"retrievability\":") {
        let (before, after) = rest.split_at(at + "\"retrievability\":".len());
        let end = after.find(',').expect("more fields after retrievability");
        fixed.push_str(before);
        fixed.push_str(if &after[..end] == "null" { "null" } else { "R" });
        rest = &after[end..];
    }
    fixed.push_str(rest);
    // `.123Z"` (a time with milliseconds) becomes `.mmmZ"`; whole seconds (`.000Z"`) stay.
    let b = fixed.as_bytes();
    let mut out = String::with_capacity(fixed.len());
    let mut from = 0;
    for i in 4..b.len().saturating_sub(1) {
        let ms = &b[i - 3..i];
        let timestamp = b[i - 4] == b'.' && b[i] == b'Z' && b[i + 1] == b'"';
        if timestamp && ms != b"000" && ms.iter().all(u8::is_ascii_digit) {
            out.push_str(&fixed[from..i - 3]);
            out.push_str("mmm");
            from = i;
        }
    }
    out.push_str(&fixed[from..]);
    out
}

#[test]
fn cards_json_bytes_are_pinned() {
    let home = home();
    let mine = stdout(home.path(), &["cards", "--deck", "mine", "--json"]);
    insta::assert_snapshot!("cards_json_deck", mine);
    let searched = stdout(
        home.path(),
        &["cards", "--search", "deck:mine -is:new", "--json"],
    );
    insta::assert_snapshot!("cards_json_search", searched);
    let none = stdout(
        home.path(),
        &["cards", "--search", "deck:nothing", "--json"],
    );
    assert_eq!(none, "[]\n");
}

#[test]
fn all_decks_json_is_each_decks_rows_in_order_in_one_array() {
    let home = home();
    let all = stdout(home.path(), &["cards", "--json"]);
    let decks: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(home.path(), &["decks", "--json"])).expect("decks JSON");
    let mut rows = Vec::new();
    for d in &decks {
        let id = d["id"].as_str().expect("deck id");
        let one = stdout(home.path(), &["cards", "--deck", id, "--json"]);
        let inner = one
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix("]\n"))
            .expect("one JSON array on one line");
        if !inner.is_empty() {
            rows.push(inner.to_string());
        }
    }
    assert!(rows.len() > 2, "built-in decks and both of this home's");
    assert_eq!(all, format!("[{}]\n", rows.join(",")));
}
