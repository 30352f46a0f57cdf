//! `recall quiz` through the binary: the history in text and JSON, damaged history files,
//! bad arguments, and a logged quiz miss that makes a card due.

#[path = "support/cli.rs"]
mod cli;

use cli::{json_of, recall};
use predicates::prelude::*;

fn attempt(at: &str, right: usize, retake: bool) -> String {
    let score = right as f64 / 4.0;
    format!(
        concat!(
            "{{\"v\":1,\"at\":\"{at}\",\"started\":\"{at}\",\"mode\":\"exam\",\"seed\":1,",
            "\"retake\":{retake},\"questions\":4,\"right\":{right},\"score\":{score},",
            "\"pass_mark\":0.75,\"passed\":{passed},\"seconds_used\":125,\"seconds_allowed\":480,",
            "\"timed_out\":false,\"sections\":[{{\"deck\":\"s3-security\",\"right\":{right},",
            "\"total\":3}},{{\"deck\":\"exam-tips\",\"right\":0,\"total\":1}}],",
            "\"missed\":[],\"flagged\":[]}}\n"
        ),
        at = at,
        retake = retake,
        right = right,
        score = score,
        passed = score >= 0.75,
    )
}

#[test]
fn history_without_attempts_says_so() {
    let home = tempfile::tempdir().expect("temp dir");
    recall(home.path())
        .args(["quiz", "--history"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("No quiz attempts yet"));
    recall(home.path())
        .args(["quiz", "--history", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn history_lists_each_attempt_with_sections_and_the_trend() {
    let home = tempfile::tempdir().expect("temp dir");
    let text = [
        attempt("2026-11-20T09:00:00.000Z", 1, false),
        attempt("2026-11-21T09:00:00.000Z", 3, true),
        attempt("2026-11-22T09:30:00.000Z", 3, false),
    ]
    .concat();
    std::fs::write(home.path().join("quizzes.jsonl"), text).expect("write");
    let out = recall(home.path())
        .args(["quiz", "--history"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf-8");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert_eq!(
        lines[0],
        "  1. 2026-11-20 09:00  exam               1/4    25%  FAIL  2m 5s"
    );
    assert_eq!(lines[1], "     s3-security 1/3 33% · exam-tips 0/1 0%");
    assert!(
        lines[2].contains("exam retake") && lines[2].contains("75%  PASS"),
        "{out}"
    );
    assert_eq!(lines[6], "Trend: 25% → 75%  (+50 points over 2 attempts)");

    let v = json_of(recall(home.path()).args(["quiz", "--history", "--json"]));
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 3);
    assert_eq!(arr[1]["retake"], true);
    assert_eq!(arr[2]["sections"][0]["deck"], "s3-security");
    assert_eq!(arr[2]["pass_mark"], 0.75);
}

#[test]
fn a_damaged_history_is_read_past_with_warnings() {
    let home = tempfile::tempdir().expect("temp dir");
    let text = format!(
        "{}not json\n{}{{\"v\":1,\"at\":\"2026",
        attempt("2026-11-20T09:00:00.000Z", 2, false),
        attempt("2026-11-21T09:00:00.000Z", 4, false)
    );
    std::fs::write(home.path().join("quizzes.jsonl"), &text).expect("write");
    recall(home.path())
        .args(["quiz", "--history"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Trend: 50% → 100%"))
        .stderr(predicate::str::contains(
            "quizzes.jsonl:2: corrupt line skipped",
        ))
        .stderr(predicate::str::contains(
            "quizzes.jsonl:4: incomplete last line",
        ));
    assert_eq!(
        std::fs::read_to_string(home.path().join("quizzes.jsonl")).expect("read"),
        text,
        "reading never rewrites"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &["quiz", "--count", "0"][..],
        &["quiz", "--minutes", "0"],
        &["quiz", "--json"],
        &["quiz", "--history", "--deck", "s3-security"],
        &["quiz", "--seed", "x"],
    ] {
        recall(home.path()).args(args).assert().code(2);
    }
    // Without a terminal the quiz cannot open; it says so and writes nothing.
    recall(home.path())
        .args(["quiz", "--count", "5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    // An unknown deck is named, terminal or not.
    recall(home.path())
        .args(["quiz", "--deck", "s3-security", "--deck", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no deck \"nope\""));
    assert!(!home.path().join("quizzes.jsonl").exists());
}

#[test]
fn a_logged_quiz_miss_makes_a_new_card_due_now() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        home.path().join("reviews.jsonl"),
        "{\"v\":1,\"at\":\"2026-11-23T09:00:00.000Z\",\"card\":\"s3-security/sse-c-https\",\"event\":\"quiz-miss\"}\n",
    )
    .expect("write");
    let v = json_of(recall(home.path()).args(["cards", "--deck", "s3-security", "--json"]));
    let card = v
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["id"] == "s3-security/sse-c-https")
        .expect("the card");
    assert_eq!(card["phase"], "learning");
    // Again's first learning step: 1 minute (plus Anki's few seconds of step fuzz).
    let due = card["due"].as_str().expect("due");
    assert!(due.starts_with("2026-11-23T09:01:"), "{due}");
    assert_eq!(card["lapses"], 0);
}
