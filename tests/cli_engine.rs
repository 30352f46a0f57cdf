//! The engine through the binary: `recall cards --json` after hand-written logs, torn lines,
//! bad config files, and decks that come and go.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/tools.rs"]
mod tools;

use std::path::Path;

use cli::{home_with, json_of, recall, review};
use predicates::prelude::*;
use serde_json::Value;

const DECK: &str = r#"[deck]
id = "mine"
title = "My deck"

[[cards]]
id = "a"
front = "A?"
back = "A."

[[cards]]
id = "b"
front = "B?"
back = "B."
"#;

fn home_with_deck() -> tempfile::TempDir {
    home_with(&[("decks/mine.toml", DECK)])
}

fn cards(home: &Path) -> Vec<Value> {
    let v = json_of(recall(home).args(["cards", "--deck", "mine", "--json"]));
    v.as_array().expect("array").clone()
}

#[test]
fn cards_json_describes_every_field() {
    let home = home_with_deck();
    std::fs::write(
        home.path().join("reviews.jsonl"),
        review("a", "2026-11-20T10:00:00.000Z", 4),
    )
    .expect("log");
    let rows = cards(home.path());
    assert_eq!(rows.len(), 2);
    let a = &rows[0];
    assert_eq!(a["id"], "mine/a");
    assert_eq!(a["deck"], "mine");
    assert_eq!(a["kind"], "basic");
    assert_eq!(a["phase"], "review");
    assert_eq!(a["reps"], 1);
    assert_eq!(a["lapses"], 0);
    assert!(a["due"].as_str().expect("due").ends_with('Z'));
    assert!((a["stability"].as_f64().expect("S") - 8.2956).abs() < 1e-3);
    let r = a["retrievability"].as_f64().expect("R");
    assert!(r > 0.9 && r < 1.0, "{r}");
    let next = a["next"].as_array().expect("next");
    assert_eq!(next.len(), 4);
    assert_eq!(next[0]["rating"], "again");
    assert_eq!(next[0]["interval"], "10m");
    assert_eq!(next[0]["phase"], "relearning");
    let b = &rows[1];
    assert_eq!(b["phase"], "new");
    assert!(b["due"].is_null() && b["stability"].is_null() && b["retrievability"].is_null());
    assert_eq!(b["next"][2]["interval"], "10m");
}

#[test]
fn a_torn_last_line_is_skipped_with_a_warning_and_the_rest_is_kept() {
    let home = home_with_deck();
    let full = review("b", "2026-11-23T09:00:00.000Z", 3);
    let log = format!(
        "{}{}",
        review("a", "2026-11-20T10:00:00.000Z", 4),
        &full[..40]
    );
    std::fs::write(home.path().join("reviews.jsonl"), &log).expect("log");
    recall(home.path())
        .args(["cards", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "reviews.jsonl:2: incomplete last line (an interrupted write) skipped",
        ));
    let rows = cards(home.path());
    assert_eq!(rows[0]["phase"], "review", "the completed review is there");
    assert_eq!(rows[1]["phase"], "new", "the torn one is not");
    let after = std::fs::read_to_string(home.path().join("reviews.jsonl")).expect("read");
    assert_eq!(after, log, "reading never rewrites the log");
}

#[test]
fn a_corrupt_line_in_the_middle_is_reported_and_skipped() {
    let home = home_with_deck();
    let log = format!(
        "{}garbage here\n{}",
        review("a", "2026-11-20T10:00:00.000Z", 4),
        review("b", "2026-11-20T10:00:00.000Z", 4)
    );
    std::fs::write(home.path().join("reviews.jsonl"), &log).expect("log");
    recall(home.path())
        .args(["cards", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "reviews.jsonl:2: corrupt line skipped",
        ));
    let rows = cards(home.path());
    assert_eq!(rows[0]["phase"], "review");
    assert_eq!(rows[1]["phase"], "review");
}

#[test]
fn bad_config_exits_2_naming_file_key_and_expectation_and_leaves_the_log_alone() {
    let home = home_with_deck();
    let log = review("a", "2026-11-20T10:00:00.000Z", 4);
    std::fs::write(home.path().join("reviews.jsonl"), &log).expect("log");
    let config = home.path().join("config.toml");
    for (text, expected) in [
        (
            "new_per_day = 10\nretention = 0.9\n",
            "config.toml:2:1: unknown field `retention`",
        ),
        (
            "new_per_day = \"many\"\n",
            "config.toml:1:15: new_per_day = \"many\": expected a whole number or \"exam\"",
        ),
        (
            "desired_retention = 1.5\n",
            "config.toml:1: desired_retention = 1.5: expected a number from 0.70 to 0.99",
        ),
    ] {
        std::fs::write(&config, text).expect("config");
        recall(home.path())
            .args(["cards", "--json"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(expected));
        let after = std::fs::read_to_string(home.path().join("reviews.jsonl")).expect("read");
        assert_eq!(after, log);
    }
}

#[test]
fn progress_of_a_removed_deck_survives_and_returns() {
    let home = home_with_deck();
    std::fs::write(
        home.path().join("reviews.jsonl"),
        review("a", "2026-11-20T10:00:00.000Z", 4),
    )
    .expect("log");
    std::fs::rename(
        home.path().join("decks/mine.toml"),
        home.path().join("mine.bak"),
    )
    .expect("mv");
    recall(home.path())
        .args(["cards", "--deck", "mine", "--json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no deck \"mine\""));
    std::fs::rename(
        home.path().join("mine.bak"),
        home.path().join("decks/mine.toml"),
    )
    .expect("mv");
    assert_eq!(cards(home.path())[0]["phase"], "review");
}

#[test]
fn an_unknown_deck_is_a_usage_error() {
    let home = home_with_deck();
    recall(home.path())
        .args(["cards", "--deck", "nope"])
        .assert()
        .code(2)
        .stderr("recall: no deck \"nope\"; `recall decks` lists the deck ids\n");
}

#[test]
fn paths_honours_recall_home() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path().display().to_string();
    recall(home.path())
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "config        {h}/config.toml"
        )))
        .stdout(predicate::str::contains(format!(
            "review logs   {h}/logs (one per device"
        )))
        .stdout(predicate::str::contains(format!("{h}/device-id")));
}

#[test]
fn without_a_terminal_the_tui_explains_and_exits_2() {
    let home = tempfile::tempdir().expect("temp dir");
    recall(home.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains("recall cards"));
}

#[test]
fn a_second_writer_is_refused_while_the_lock_is_held() {
    if !tools::script() {
        return;
    }
    let home = home_with_deck();
    let lock = recall::store::WriterLock::acquire(&home.path().join("recall.lock")).expect("lock");
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            &format!(
                "RECALL_HOME={} {}",
                home.path().display(),
                env!("CARGO_BIN_EXE_recall")
            ),
            "/dev/null",
        ])
        .output()
        .expect("script(1) gives recall a terminal");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "another recall (pid {}) is using",
            std::process::id()
        )),
        "{text}"
    );
    assert!(!out.status.success());
    // Read-only commands still work while it is held.
    assert_eq!(cards(home.path()).len(), 2);
    drop(lock);
}

#[test]
fn decks_lists_imported_decks_after_the_built_in_ones() {
    let home = home_with_deck();
    std::fs::write(
        home.path().join("decks/old.toml"),
        "[deck]\nid = \"old\"\ntitle = \"Old\"\n\n[[cards]]\nid = \"gone\"\nfront = \"G?\"\nback = \"G.\"\narchived = true\n\n[[cards]]\nid = \"kept\"\nfront = \"K?\"\nback = \"K.\"\n",
    )
    .expect("deck");
    recall(home.path())
        .arg("decks")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "mine                      2  My deck",
        ))
        .stdout(predicate::str::contains(format!(
            "total                   {}  {} decks",
            builtin_cards() + 3,
            recall::deck::builtin_decks().expect("valid").len() + 2
        )));
    let v = json_of(recall(home.path()).args(["decks", "--json"]));
    let mine = v
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["id"] == "mine")
        .expect("the imported deck is listed");
    assert_eq!(mine["cards"], 2);
    assert_eq!(mine["builtin"], false);
    let old = v
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["id"] == "old")
        .expect("listed");
    assert_eq!(
        (old["cards"].as_u64(), old["archived"].as_u64()),
        (Some(1), Some(1))
    );
}

/// The built-in cards `recall decks` counts: the studied ones (archived cards are not).
fn builtin_cards() -> usize {
    recall::deck::builtin_decks()
        .expect("valid built-in decks")
        .iter()
        .map(|d| d.cards.iter().filter(|c| !c.archived).count())
        .sum()
}
