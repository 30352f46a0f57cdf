//! The browser's commands from the shell: `recall cards --search`, suspend / unsuspend /
//! bury / unbury / forget / reschedule, and `recall history`. Unknown ids and a held lock
//! are refused with nothing written.

#[path = "support/cli.rs"]
mod cli;

use cli::{home_with, recall, review};
use predicates::prelude::*;

const DECK: &str = "[deck]\nid = \"mine\"\ntitle = \"Mine\"\n\n[[cards]]\nid = \"kms\"\nfront = \"What does KMS encrypt?\"\nback = \"Data keys\"\ntags = [\"kms\"]\n\n[[cards]]\nid = \"s3\"\nfront = \"Cheapest S3 class?\"\nback = \"Deep Archive\"\ntags = [\"s3\"]\n";

fn home() -> tempfile::TempDir {
    home_with(&[("decks/mine.toml", DECK)])
}

fn json(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = recall(home).args(args).assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("JSON")
}

/// Every line of every log file in `home`.
fn log_lines(home: &std::path::Path) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(home.join("logs")) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for f in dir {
        let text = std::fs::read_to_string(f.expect("entry").path()).expect("log");
        lines.extend(text.lines().map(str::to_string));
    }
    lines
}

#[test]
fn cards_search_selects_with_the_query_and_json_carries_the_text_and_place() {
    let home = home();
    let rows = json(
        home.path(),
        &["cards", "--search", "deck:mine tag:kms", "--json"],
    );
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["id"], "mine/kms");
    assert_eq!(r["front"], "What does KMS encrypt?");
    assert_eq!(r["back"], "Data keys");
    assert_eq!(r["tags"], serde_json::json!(["kms"]));
    assert!(r["file"].as_str().expect("file").ends_with("mine.toml"));
    assert_eq!(r["line"], 5);
    assert_eq!(r["leech"], false);
    let none = json(
        home.path(),
        &["cards", "--search", "deck:mine -cheapest -kms", "--json"],
    );
    assert_eq!(none.as_array().map(Vec::len), Some(0));
}

#[test]
fn a_malformed_search_names_the_column_and_exits_2() {
    let home = home();
    recall(home.path())
        .args(["cards", "--search", "deck:mine (is:new or"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "column 19: `or` needs a search term after it",
        ));
}

#[test]
fn a_hostile_search_is_refused_in_one_short_line_without_a_crash() {
    let home = home();
    let deep = format!("{}a{}", "(".repeat(50_000), ")".repeat(50_000));
    let out = recall(home.path())
        .args(["cards", "--search", &deep])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "column 65: nested more than 64 deep",
        ))
        .get_output()
        .stderr
        .clone();
    assert!(out.len() < 400, "{} bytes", out.len());
}

#[test]
fn suspend_then_unsuspend_from_the_cli() {
    let home = home();
    recall(home.path())
        .args(["suspend", "mine/kms"])
        .assert()
        .success()
        .stdout("Suspended 1 card: mine/kms\n");
    let rows = json(
        home.path(),
        &["cards", "--search", "deck:mine is:suspended", "--json"],
    );
    assert_eq!(rows[0]["id"], "mine/kms");
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    recall(home.path())
        .args(["suspend", "mine/kms"])
        .assert()
        .success()
        .stdout(predicate::str::contains("already suspended"));
    recall(home.path())
        .args(["unsuspend", "mine/kms", "mine/s3"])
        .assert()
        .success()
        .stdout("Unsuspended 1 card: mine/kms\n(1 already unsuspended.)\n");
    let rows = json(
        home.path(),
        &["cards", "--search", "deck:mine is:suspended", "--json"],
    );
    assert_eq!(rows.as_array().map(Vec::len), Some(0));
    let lines = log_lines(home.path());
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("\"event\":\"suspend\"") && lines[1].contains("\"event\":\"unsuspend\"")
    );
}

#[test]
fn an_unknown_id_exits_2_and_writes_nothing() {
    let home = home();
    for args in [
        vec!["suspend", "mine/kms", "mine/nope"],
        vec!["forget", "nope"],
        vec!["reschedule", "mine/nope", "--due", "3"],
        vec!["history", "mine/nope"],
    ] {
        recall(home.path()).args(&args).assert().code(2).stderr(
            predicate::str::contains("no card").and(predicate::str::contains("nothing written")),
        );
    }
    recall(home.path())
        .args(["reschedule", "mine/kms", "--due", "7-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--due \"7-1\""));
    let mut left: Vec<String> = std::fs::read_dir(home.path())
        .expect("home")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["decks"], "nothing but the decks folder");
}

#[test]
fn refused_while_a_study_screen_holds_the_lock() {
    let home = home();
    let _lock = recall::store::WriterLock::acquire(&home.path().join("recall.lock")).expect("lock");
    recall(home.path())
        .args(["bury", "mine/kms"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("another recall")
                .and(predicate::str::contains("the study screen is open"))
                .and(predicate::str::contains("nothing written")),
        );
    assert!(log_lines(home.path()).is_empty());
}

#[test]
fn history_json_lists_answers_with_state_after_each_and_marks_undone_events() {
    let mut log = review("kms", "2026-11-20T10:00:00.000Z", 4);
    log.push_str("{\"v\":1,\"at\":\"2026-11-20T10:00:01.000Z\",\"card\":\"mine/kms\",\"event\":\"bury\",\"seq\":7}\n");
    log.push_str("{\"v\":1,\"at\":\"2026-11-20T10:00:02.000Z\",\"card\":\"mine/kms\",\"event\":\"undo\",\"seq\":8,\"undoes\":7}\n");
    log.push_str(&review("kms", "2026-11-23T09:00:00.000Z", 1));
    let home = home_with(&[("decks/mine.toml", DECK), ("logs/me-00000001.jsonl", &log)]);
    let rows = json(home.path(), &["history", "mine/kms", "--json"]);
    let rows = rows.as_array().expect("array");
    let brief: Vec<(String, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["event"].as_str().expect("event").to_string(),
                r["undone"].as_bool().expect("undone"),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            ("review".to_string(), false),
            ("bury".to_string(), true),
            ("review".to_string(), false)
        ]
    );
    assert_eq!(rows[0]["rating"], 4);
    assert_eq!(rows[0]["phase"], "review");
    assert!(rows[0]["interval_days"].as_u64().expect("ivl") >= 1);
    assert!(rows[0]["stability"].as_f64().expect("S") > 0.0);
    assert!(rows[0]["difficulty"].as_f64().expect("D") >= 1.0);
    assert_eq!(rows[2]["rating"], 1);
    assert_eq!(rows[2]["phase"], "relearning");
    recall(home.path())
        .args(["history", "mine/kms"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(undone)").and(predicate::str::contains("again")));
}

#[test]
fn forget_and_reschedule_are_logged_and_shown() {
    let home = home_with(&[
        ("decks/mine.toml", DECK),
        (
            "logs/me-00000001.jsonl",
            &review("kms", "2026-11-20T10:00:00.000Z", 4),
        ),
    ]);
    recall(home.path())
        .args(["forget", "mine/kms", "mine/s3"])
        .assert()
        .success()
        .stdout("Forgotten (back to new) 1 card: mine/kms\n(1 already forgotten (back to new).)\n");
    let rows = json(
        home.path(),
        &["cards", "--search", "deck:mine is:new", "--json"],
    );
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
    recall(home.path())
        .args(["reschedule", "mine/s3", "--due", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("mine/s3: due 2026-11-26"));
    let rows = json(
        home.path(),
        &["cards", "--search", "deck:mine prop:due=3", "--json"],
    );
    assert_eq!(rows[0]["id"], "mine/s3");
    let rows = json(home.path(), &["history", "mine/kms", "--json"]);
    assert_eq!(rows[1]["event"], "forget");
    assert_eq!(rows[1]["phase"], "new");
}
