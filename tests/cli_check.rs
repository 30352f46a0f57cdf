//! `recall check` and `recall decks` as a user runs them: messages, exit codes, no panics.

use assert_cmd::Command;
use predicates::prelude::*;

/// The binary with RECALL_HOME pointing at a folder that does not exist: these commands only
/// read, so they must work without creating it (and never touch the real home).
fn recall() -> Command {
    let mut cmd = Command::cargo_bin("recall").expect("binary is built");
    let home = std::env::temp_dir().join(format!("recall-cli-check-{}", std::process::id()));
    cmd.env("RECALL_HOME", home)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn check_fails_with(fixture: &str, expected: &str) {
    let path = format!("tests/fixtures/decks/{fixture}");
    recall()
        .args(["check", &path])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!("{path}:{expected}")))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn valid_fixture_passes() {
    recall()
        .args(["check", "tests/fixtures/decks/valid.toml"])
        .assert()
        .success()
        .stdout("tests/fixtures/decks/valid.toml: ok, 3 cards\n");
}

#[test]
fn duplicate_id_names_file_and_line() {
    check_fails_with(
        "duplicate-id.toml",
        "10:1: duplicate card id \"same\" (first used on line 5)",
    );
}

#[test]
fn missing_id() {
    check_fails_with("missing-id.toml", "5:1: card 1 has no `id`");
}

#[test]
fn unknown_field() {
    check_fails_with("unknown-field.toml", "9:1: unknown field `hint`");
}

#[test]
fn empty_front_and_back() {
    check_fails_with("empty-front.toml", "7:9: `front` is empty");
    check_fails_with("empty-back.toml", "8:8: `back` is empty");
}

#[test]
fn choice_answer_out_of_range() {
    check_fails_with(
        "answer-out-of-range.toml",
        "10:10: `answer` 4 is out of range",
    );
}

#[test]
fn choice_with_fewer_than_two_options() {
    check_fails_with(
        "too-few-choices.toml",
        "9:11: `choices` has 1 option(s); expected at least 2",
    );
}

#[test]
fn cloze_without_gap() {
    check_fails_with(
        "cloze-without-gap.toml",
        "8:8: cloze text has no {{...}} gap",
    );
}

#[test]
fn unknown_kind() {
    check_fails_with("unknown-kind.toml", "7:8: unknown card kind \"essay\"");
}

#[test]
fn not_toml_shows_parser_line_and_column() {
    check_fails_with("not-toml.toml", "3:16: invalid basic string");
}

#[test]
fn a_folder_checks_every_file_and_counts_problems() {
    recall()
        .args(["check", "tests/fixtures/decks"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("valid.toml: ok, 3 cards"))
        .stderr(predicate::str::contains(
            "recall: 10 problems in 11 files checked",
        ));
}

#[test]
fn missing_path_is_a_usage_error() {
    recall()
        .args(["check", "no/such/file.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("recall: no/such/file.toml: "));
}

#[test]
fn invalid_utf8_names_the_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, b"[deck]\nid = \"x\xff\"\n").expect("write");
    recall()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.toml:2:8: not valid UTF-8 at byte 14",
        ));
}

#[test]
fn builtin_decks_are_all_valid() {
    recall().args(["check", "decks"]).assert().success();
}

#[test]
fn decks_lists_builtin_decks_from_any_directory() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = recall()
        .current_dir(elsewhere.path())
        .args(["decks", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), recall::deck::BUILTIN_FILES.len());
    assert!(rows
        .iter()
        .all(|r| r["cards"].as_u64().unwrap_or(0) > 0 && r["builtin"] == true));
}

#[test]
fn version_and_help() {
    recall()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("recall "));
    recall()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("check"));
}

#[test]
fn a_file_in_another_format_points_to_import_dry_run() {
    let path = "tests/fixtures/import/basic.csv";
    recall()
        .args(["check", path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{path}: not a recall deck (.toml); `recall import --dry-run FILE` checks"
        )));
}

/// One run lists every problem of a file, each kind once, in file order with its line and
/// column: unknown keys no longer hide the rest, and a card's duplicate id and out-of-range
/// answer show next to its other problems.
#[test]
fn every_problem_of_a_file_is_listed_in_one_run() {
    let path = "tests/fixtures/check/several-problems.toml";
    let expected = [
        "4:1: unknown field `colour`, expected one of `id`, `title`, `section`, `description`",
        "8:9: `front` is empty; expected text",
        "10:1: unknown field `colour`, expected one of `id`, `kind`, `front`, `back`, `choices`, `answer`, `text`, `explain`, `source`, `tags`, `archived`",
        "12:1: duplicate card id \"one\" (first used on line 6)",
        "15:9: `front` is empty; expected text",
        "17:10: `answer` 5 is out of range; expected an index from 0 to 1 (choices count from 0)",
        "22:8: cloze text has no {{...}} gap; expected e.g. \"S3 is {{object}} storage\"",
        "28:11: `choices` has 1 option(s); expected at least 2",
    ];
    let mut stderr: String = expected.iter().map(|e| format!("{path}:{e}\n")).collect();
    stderr.push_str("recall: 8 problems in 1 file checked\n");
    recall()
        .args(["check", path])
        .assert()
        .code(2)
        .stdout("")
        .stderr(stderr);
}
