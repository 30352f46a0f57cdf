//! `recall stats` through the binary: every documented JSON field, the text report, the deck
//! filter, the local time zone, and that it reads while another recall holds the lock.

#[path = "support/cli.rs"]
mod cli;

use std::path::Path;

use cli::{home_with, json_of, recall_in, review};
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

[[cards]]
id = "c"
front = "C?"
back = "C."
"#;

fn home_with_deck(log: &str, config: &str) -> tempfile::TempDir {
    home_with(&[
        ("decks/mine.toml", DECK),
        ("reviews.jsonl", log),
        ("config.toml", config),
    ])
}

fn json(home: &Path, tz: &str, args: &[&str]) -> Value {
    json_of(recall_in(home, tz).arg("stats").args(args).arg("--json"))
}

/// a: Easy 3 days ago (review), Again this morning (a review-phase fail: now relearning).
/// b: Easy 10 days ago, Good yesterday evening UTC (a review-phase pass).
/// c: never seen.
fn log() -> String {
    [
        review("a", "2026-11-20T10:00:00.000Z", 4),
        review("b", "2026-11-13T10:00:00.000Z", 4),
        review("b", "2026-11-22T20:30:00.000Z", 3),
        review("a", "2026-11-23T09:00:00.000Z", 1),
    ]
    .concat()
}

#[test]
fn stats_json_has_every_documented_field() {
    let home = home_with_deck(&log(), "exam_date = 2026-12-03\n");
    let v = json(home.path(), "UTC", &["--deck", "mine"]);
    let mut keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "deck",
            "decks",
            "desired_retention",
            "forecast",
            "heatmap",
            "now",
            "plan",
            "readiness",
            "retention",
            "streak",
            "time",
            "today",
        ]
    );
    // RECALL_NOW starts the clock; it runs on from there while the command works.
    let now = v["now"].as_str().expect("now");
    assert!(
        now.starts_with("2026-11-23T10:00:") && now.ends_with('Z'),
        "{now}"
    );
    assert_eq!(v["today"], "2026-11-23");
    assert_eq!(v["deck"], "mine");
    assert!((v["desired_retention"].as_f64().expect("f") - 0.9).abs() < 1e-6);
    assert_eq!(v["heatmap"]["first_day"], "2026-06-01");
    let heat = v["heatmap"]["reviews"].as_array().expect("array");
    assert_eq!(heat.len(), 176);
    let last: Vec<u64> = heat[heat.len() - 4..]
        .iter()
        .map(|n| n.as_u64().expect("n"))
        .collect();
    assert_eq!(last, [1, 0, 1, 1], "11-20, 11-21, 11-22, 11-23");
    let forecast = v["forecast"].as_array().expect("array");
    assert_eq!(forecast.len(), 30);
    // a is relearning (due in 10 minutes: today); b's Good gives an interval from day 0.
    assert_eq!(forecast[0], 1);
    assert_eq!(
        forecast.iter().map(|n| n.as_u64().expect("n")).sum::<u64>(),
        2
    );
    // Review-phase answers: b's Good (pass) and a's Again (fail) in both windows.
    for w in ["last_7_days", "last_30_days"] {
        let r = &v["retention"][w];
        assert_eq!(
            (r["reviews"].as_u64(), r["passed"].as_u64()),
            (Some(2), Some(1)),
            "{w}"
        );
        assert_eq!(r["rate"], 0.5);
    }
    assert_eq!(v["streak"]["current"], 2);
    assert_eq!(v["streak"]["longest"], 2);
    assert_eq!(v["time"]["today_ms"], 3000);
    assert_eq!(v["time"]["average_ms_per_day"], 4 * 3000 / 11);
    let d = &v["decks"][0];
    for (key, n) in [
        ("cards", 3),
        ("new", 1),
        ("learning", 0),
        ("review", 1),
        ("relearning", 1),
        ("suspended", 0),
    ] {
        assert_eq!(d[key], n, "{key}");
    }
    assert_eq!(d["id"], "mine");
    assert_eq!(d["title"], "My deck");
    let recall = d["recall"].as_f64().expect("recall");
    assert!(recall > 0.0 && recall < 2.0 / 3.0, "{recall}");
    assert!(d["reviews_needed"].as_u64().expect("n") >= 3);
    let r = &v["readiness"];
    assert_eq!(r["exam_date"], "2026-12-03");
    assert_eq!(r["target_day"], "2026-12-03");
    assert_eq!(r["days_left"], 10);
    assert_eq!(r["recall"], d["recall"]);
    assert_eq!(r["reviews_needed"], d["reviews_needed"]);
    let per_day = r["reviews_per_day"].as_f64().expect("f");
    assert!((per_day - d["reviews_needed"].as_f64().expect("f") / 10.0).abs() < 1e-9);
    assert!(r["brought_forward_by_exam"].is_u64());
}

#[test]
fn days_follow_the_local_time_zone() {
    let home = home_with_deck(&log(), "");
    // In Tokyo (UTC+9) b's 20:30 UTC answer was at 05:30 on the 23rd: today, after 04:00.
    let v = json(home.path(), "JST-9", &[]);
    let heat = v["heatmap"]["reviews"].as_array().expect("array");
    let last: Vec<u64> = heat[heat.len() - 2..]
        .iter()
        .map(|n| n.as_u64().expect("n"))
        .collect();
    assert_eq!(last, [0, 2]);
    assert_eq!(v["time"]["today_ms"], 6000);
    assert_eq!(v["readiness"]["exam_date"], Value::Null);
    assert_eq!(v["readiness"]["days_left"], 0);
    assert_eq!(v["deck"], Value::Null);
}

#[test]
fn stats_text_reads_while_another_recall_holds_the_lock() {
    let home = home_with_deck(&log(), "exam_date = 2026-12-03\n");
    let _lock = recall::store::WriterLock::acquire(&home.path().join("recall.lock")).expect("lock");
    recall_in(home.path(), "UTC")
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "recall stats for all decks, 2026-11-23",
        ))
        .stdout(predicate::str::contains(
            "True retention: last 7 days 50.0% (1/2)",
        ))
        .stdout(predicate::str::contains("Exam 2026-12-03: 10 days left"))
        .stdout(predicate::str::contains("Streak: 2 days (longest 2)"))
        .stdout(predicate::str::is_match(r"(?m)^mine\s+3\s+1\s+0\s+1\s+1\s+0 ").expect("re"));
}

#[test]
fn unknown_deck_is_a_usage_error() {
    let home = home_with_deck("", "");
    recall_in(home.path(), "UTC")
        .args(["stats", "--deck", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no deck \"nope\""));
}

#[test]
fn readiness_is_advice_only_with_an_exam_date_and_the_plan_follows() {
    let home = home_with_deck(&log(), "");
    let out = recall_in(home.path(), "UTC")
        .arg("stats")
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(!text.contains("NEEDED"), "{text}");
    assert!(!text.contains("needed"), "{text}");
    assert!(!text.contains("To reach"), "{text}");
    assert!(text.contains("\nToday, all decks: 0 reviews + 1 learning card + 20 new cards ≈ 2m 3s (3 s an answer, your average)\n"), "{text}");

    let home = home_with_deck(
        &log(),
        "exam_date = \"2026-12-03\"\nnew_per_day = \"exam\"\n",
    );
    let out = recall_in(home.path(), "UTC")
        .arg("stats")
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("\nTo reach 90% recall on exam day: about "),
        "{text}"
    );
    assert!(text.contains(" answers a day ("), "{text}");
    assert!(
        text.contains(
            "\nExam in 10 days · today, all decks: 0 reviews + 1 learning card + 50 new cards ≈ "
        ),
        "{text}"
    );
    assert!(
        text.contains("New cards: 50 a day, paced by the exam date;"),
        "{text}"
    );
    assert!(
        text.contains("max_new_per_day = 50 keeps it lower"),
        "{text}"
    );
    let v = json(home.path(), "UTC", &[]);
    assert_eq!(v["readiness"]["exam_date"], "2026-12-03");
    assert!(v["readiness"]["reviews_needed"].is_u64());
    assert_eq!(v["plan"]["days_to_exam"], 10);
    assert_eq!(v["plan"]["pacing"]["per_day"], 50);
    assert_eq!(v["plan"]["seconds_per_answer"], 3.0);
    // 50 new cards today and 50 a day after: the built-in decks decide how many days.
    let unseen = v["plan"]["unseen"].as_u64().expect("unseen");
    assert!(unseen > 200, "{unseen}");
    let days = (unseen - 50).div_ceil(50) as i64;
    let last = time::macros::date!(2026 - 11 - 23) + time::Duration::days(days);
    assert_eq!(v["plan"]["last_new_card"], last.to_string());
}

/// `recall stats` (text and JSON) from the log's binary copy and the lines after it prints
/// what it prints from the whole log (docs/startup-snapshot.md, "The log's binary copy").
#[test]
fn stats_read_through_the_logs_binary_copy_equal_stats_from_the_whole_log() {
    let home = home_with_deck(&log(), "exam_date = 2026-12-03\n");
    std::fs::create_dir_all(home.path().join("cache")).expect("cache/");
    let copy = home.path().join("cache/history.bin");
    // What depends on the clock, which runs on from RECALL_NOW while recall works, is left
    // out of the JSON comparison (the text rounds it away).
    let both = |home: &Path| {
        let text = recall_in(home, "UTC")
            .arg("stats")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let mut v = json(home, "UTC", &[]);
        v.as_object_mut().expect("object").remove("now");
        for d in v["decks"].as_array_mut().expect("decks") {
            d.as_object_mut().expect("deck").remove("recall");
        }
        v["readiness"]
            .as_object_mut()
            .expect("readiness")
            .remove("recall");
        (String::from_utf8(text).expect("UTF-8"), v)
    };
    let first = both(home.path());
    assert!(copy.is_file(), "the first full read wrote the copy");
    assert_eq!(both(home.path()), first, "from the copy alone");
    // Later answers, one of them undone, then read on top of the copy.
    let mut more = std::fs::OpenOptions::new()
        .append(true)
        .open(home.path().join("reviews.jsonl"))
        .expect("log");
    std::io::Write::write_all(
        &mut more,
        [
            review("c", "2026-11-23T09:30:00.000Z", 3),
            review("b", "2026-11-23T09:31:00.000Z", 1),
            "{\"v\":1,\"at\":\"2026-11-23T09:32:00.000Z\",\"card\":\"mine/b\",\"event\":\"undo\"}\n"
                .to_string(),
        ]
        .concat()
        .as_bytes(),
    )
    .expect("append");
    let from_copy = both(home.path());
    assert_ne!(from_copy, first, "the new answer counts");
    std::fs::remove_file(&copy).expect("remove the copy");
    assert_eq!(both(home.path()), from_copy, "the whole log says the same");
}
