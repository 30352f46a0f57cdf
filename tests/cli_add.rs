//! `recall add`: one card from the shell into "My cards" (or an imported deck), ready to
//! study; bad input and a running study screen write nothing.

#[path = "support/cli.rs"]
mod cli;

use cli::recall;
use predicates::prelude::*;

#[test]
fn add_creates_my_cards_and_the_card_is_scheduled_as_new() {
    let home = tempfile::tempdir().expect("temp dir");
    recall(home.path())
        .args([
            "add",
            "--front",
            "Which mode streams from S3?",
            "--back",
            "Pipe, FastFile",
        ])
        .args([
            "--tags",
            "sagemaker, input",
            "--explain",
            "File copies first.",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("added card c-").and(predicate::str::contains(
                "to deck \"my-cards\", a new deck (",
            )),
        );
    recall(home.path())
        .args(["add", "--kind", "choice", "--front", "Cheapest class?"])
        .args([
            "--choice",
            "S3 Standard",
            "--choice",
            "Glacier Deep Archive",
            "--answer",
            "2",
        ])
        .assert()
        .success();
    recall(home.path())
        .args(["add", "--text", "EBS is {{block}} storage"])
        .assert()
        .success();
    let deck = std::fs::read_to_string(home.path().join("decks/my-cards.toml")).expect("deck");
    assert!(
        deck.starts_with("[deck]\nid = \"my-cards\"\ntitle = \"My cards\"\n"),
        "{deck}"
    );
    assert!(deck.contains("back = \"Pipe, FastFile\"\n"), "{deck}");
    assert!(
        deck.contains("tags = [\"sagemaker\", \"input\"]\n"),
        "{deck}"
    );
    assert!(deck.contains("answer = 1\n"), "{deck}");
    let out = recall(home.path())
        .args(["cards", "--deck", "my-cards", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["phase"] == "new"), "{rows:?}");
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    for (args, said) in [
        (vec!["--front", "Q?"], "a basic card needs --back"),
        (
            vec!["--kind", "cloze", "--text", "no gap"],
            "cloze text has no {{...}} gap",
        ),
        (
            vec!["--kind", "flash", "--front", "Q"],
            "--kind \"flash\": expected basic, cloze or choice",
        ),
        (
            vec![
                "--kind", "choice", "--front", "Q", "--choice", "A", "--choice", "B", "--answer",
                "0",
            ],
            "--answer 0: expected an option's number from 1 to 2",
        ),
        (
            vec!["--deck", "s3-security", "--front", "Q", "--back", "A"],
            "belongs to a built-in deck",
        ),
        (
            vec!["--text", "a {{b}}", "--back", "c"],
            "a cloze card has no --front or --back",
        ),
    ] {
        recall(home.path())
            .arg("add")
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(said));
        assert!(!home.path().join("decks/my-cards.toml").exists(), "{said}");
    }
}

#[test]
fn add_is_refused_while_a_study_screen_holds_the_lock() {
    let home = tempfile::tempdir().expect("temp dir");
    let _lock = recall::store::WriterLock::acquire(&home.path().join("recall.lock")).expect("lock");
    recall(home.path())
        .args(["add", "--front", "Q?", "--back", "A."])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("another recall")
                .and(predicate::str::contains("close it first")),
        );
    assert!(!home.path().join("decks/my-cards.toml").exists());
}
