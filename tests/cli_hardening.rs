//! Hostile files, paths and input through the real binary: special files where recall reads,
//! odd `-o` targets, echoed input with terminal escapes, and the messages for each.

#[path = "support/cli.rs"]
mod cli;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use predicates::prelude::*;

use cli::recall;

/// A command that must return (not hang) within a few seconds.
fn quick(home: &Path) -> assert_cmd::Command {
    let mut cmd = recall(home);
    cmd.timeout(Duration::from_secs(10));
    cmd
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo(1)");
    assert!(ok.success());
}

fn out(o: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const DECK: &str = "[deck]\nid = \"mine\"\ntitle = \"Mine\"\n\n[[cards]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n";

/// No terminal control byte (ESC, BEL, C1) in anything printed.
fn assert_inert(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c)),
        "a control character reached the terminal: {text:?}"
    );
}

#[test]
fn check_of_a_folder_with_a_fifo_and_a_dev_zero_link_returns() {
    let t = tempfile::tempdir().expect("temp dir");
    let dir = t.path().join("decks");
    std::fs::create_dir(&dir).expect("dir");
    mkfifo(&dir.join("pipe.toml"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).expect("symlink");
    std::fs::write(dir.join("ok.toml"), DECK).expect("deck");
    let o = quick(t.path())
        .arg("check")
        .arg(&dir)
        .output()
        .expect("runs");
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("pipe.toml: cannot read: not a regular file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("zero.toml: cannot read: not a regular file"),
        "{stderr}"
    );
    assert!(stdout.contains("ok.toml: ok, 1 card"), "{stdout}");
}

#[test]
fn import_of_dev_zero_or_a_fifo_is_refused_at_once() {
    let t = tempfile::tempdir().expect("temp dir");
    let fifo = t.path().join("in.csv");
    mkfifo(&fifo);
    for src in [Path::new("/dev/zero"), fifo.as_path()] {
        let o = quick(&t.path().join("home"))
            .arg("import")
            .arg(src)
            .output()
            .expect("runs");
        let (_, stderr) = out(&o);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
}

#[test]
fn a_quiz_log_that_is_a_fifo_or_dev_zero_is_an_error_not_a_hang() {
    let t = tempfile::tempdir().expect("temp dir");
    mkfifo(&t.path().join("quizzes.jsonl"));
    let o = quick(t.path())
        .args(["quiz", "--history"])
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(out(&o).1.contains("not a regular file"), "{:?}", out(&o));
    std::fs::remove_file(t.path().join("quizzes.jsonl")).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", t.path().join("quizzes.jsonl")).expect("symlink");
    let o = quick(t.path())
        .args(["quiz", "--history"])
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(out(&o).1.contains("not a regular file"), "{:?}", out(&o));
}

#[test]
fn recall_now_with_an_impossible_date_is_refused() {
    let t = tempfile::tempdir().expect("temp dir");
    for bad in [
        "2026-02-31T10:00:00Z",
        "2026-11-23T10:00:60Z",
        "10000-01-01T00:00:00Z",
    ] {
        let o = quick(t.path())
            .env("RECALL_NOW", bad)
            .arg("decks")
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(2), "{bad}: {:?}", out(&o));
        assert!(out(&o).1.contains("RECALL_NOW"), "{:?}", out(&o));
    }
}

fn home_with_deck() -> tempfile::TempDir {
    let t = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(t.path().join("decks")).expect("decks");
    std::fs::write(t.path().join("decks/mine.toml"), DECK).expect("deck");
    t
}

#[test]
fn export_writes_into_a_fifo_or_device_and_never_replaces_it() {
    let t = home_with_deck();
    let fifo = t.path().join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the FIFO"))
    };
    quick(t.path())
        .args(["export", "mine", "-o"])
        .arg(&fifo)
        .assert()
        .success();
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "the FIFO is still a FIFO"
    );
    assert!(reader.join().expect("reader").contains("id = \"mine\""));
    // A symlink to a device is written through, and stays a link to the device.
    let link = t.path().join("null-link");
    std::os::unix::fs::symlink("/dev/null", &link).expect("symlink");
    quick(t.path())
        .args(["export", "mine", "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &std::fs::metadata("/dev/null").expect("null").file_type()
    ));
}

#[test]
fn export_to_dash_is_stdout_and_a_regular_target_keeps_its_mode() {
    let t = home_with_deck();
    quick(t.path())
        .args(["export", "mine", "-o", "-"])
        .assert()
        .success()
        .stdout(predicates::str::contains("id = \"mine\""));
    assert!(!t.path().join("-").exists(), "no file named -");
    let target = t.path().join("out.toml");
    std::fs::write(&target, "old").expect("write");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    quick(t.path())
        .args(["export", "mine", "-o"])
        .arg(&target)
        .assert()
        .success();
    let meta = std::fs::metadata(&target).expect("meta");
    assert_eq!(meta.mode() & 0o777, 0o644, "the mode is kept");
    assert!(std::fs::read_to_string(&target)
        .expect("read")
        .contains("id = \"mine\""));
}

#[test]
fn import_keeps_the_mode_of_the_deck_file_it_replaces() {
    let t = home_with_deck();
    let deck = t.path().join("decks/mine.toml");
    std::fs::set_permissions(&deck, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let src = t.path().join("more.toml");
    std::fs::write(
        &src,
        format!("{DECK}\n[[cards]]\nid = \"b\"\nfront = \"Q2\"\nback = \"A2\"\n"),
    )
    .expect("src");
    quick(t.path())
        .args(["import", "--deck", "mine"])
        .arg(&src)
        .assert()
        .success();
    let meta = std::fs::metadata(&deck).expect("meta");
    assert_eq!(meta.mode() & 0o777, 0o640);
}

#[test]
fn optimize_with_too_few_reviews_creates_nothing() {
    let t = tempfile::tempdir().expect("temp dir");
    let home = t.path().join("home");
    quick(&home).arg("optimize").assert().success();
    assert!(!home.exists(), "optimize created {}", home.display());
    std::fs::create_dir(&home).expect("home");
    let log = cli::review("a", "2026-11-22T10:00:00.000Z", 3);
    std::fs::write(home.join("reviews.jsonl"), log).expect("log");
    quick(&home).arg("optimize").assert().success();
    let files: Vec<_> = std::fs::read_dir(&home)
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(files, ["reviews.jsonl"], "nothing created beside the log");
}

#[test]
fn stale_temp_files_of_recalls_naming_are_cleaned_at_start() {
    let t = home_with_deck();
    let stale = t.path().join("decks/.recall-tmp-12345-0");
    std::fs::write(&stale, vec![b'x'; 1000]).expect("stale");
    // Not recall's naming: left alone.
    let other = t.path().join("decks/.tmpXYZ123");
    std::fs::write(&other, "someone else's").expect("other");
    quick(t.path())
        .args(["export", "mine", "-o", "-"])
        .assert()
        .success();
    assert!(stale.exists(), "a reader leaves it alone");
    let src = t.path().join("in.toml");
    std::fs::write(&src, DECK.replace("\"mine\"", "\"other\"")).expect("src");
    let o = quick(t.path())
        .arg("import")
        .arg(&src)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{:?}", out(&o));
    assert!(!stale.exists(), "the stale temp file is removed");
    assert!(other.exists(), "other files are left alone");
}

#[test]
fn unknown_toml_keys_and_file_names_reach_the_terminal_inert() {
    let t = tempfile::tempdir().expect("temp dir");
    // TOML escapes: the parsed key holds real ESC and BEL bytes.
    let evil_key = r#""\u001b]0;PWNED\u0007\u001b]52;c;aGk=\u0007\u001b[2J""#;
    let deck = t.path().join("evil\u{1b}[2J.toml");
    std::fs::write(&deck, format!("{evil_key} = 1\n{DECK}")).expect("deck");
    let o = quick(t.path())
        .arg("check")
        .arg(&deck)
        .output()
        .expect("runs");
    let (stdout, stderr) = out(&o);
    assert_inert(&stdout);
    assert_inert(&stderr);
    assert!(stderr.contains("␛]0;PWNED"), "{stderr}");
    // The same deck in the data folder: the warnings of decks/cards/stats.
    std::fs::create_dir_all(t.path().join("decks")).expect("decks");
    std::fs::write(
        t.path().join("decks/x\u{1b}[31m.toml"),
        format!("{evil_key} = 1\n"),
    )
    .expect("deck");
    std::fs::write(t.path().join("config.toml"), format!("{evil_key} = 2\n")).expect("config");
    for cmd in [
        &["decks"][..],
        &["cards"],
        &["stats"],
        &["import", "--dry-run"],
    ] {
        let mut c = quick(t.path());
        c.args(cmd);
        if cmd[0] == "import" {
            c.arg(&deck);
        }
        let o = c.output().expect("runs");
        let (stdout, stderr) = out(&o);
        assert_inert(&stdout);
        assert_inert(&stderr);
    }
}

#[test]
fn json_output_escapes_every_control_character() {
    let t = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(t.path().join("decks")).expect("decks");
    std::fs::write(
        t.path().join("decks/mine.toml"),
        r#"[deck]
id = "mine"
title = "T\u007f\u009b31m\u001b[2J"

[[cards]]
id = "a"
front = "Q\u001b]0;x\u0007\u009d"
back = "A\u202e"
"#,
    )
    .expect("deck");
    for cmd in [
        ["decks", "--json"],
        ["cards", "--json"],
        ["stats", "--json"],
    ] {
        let o = quick(t.path()).args(cmd).output().expect("runs");
        assert!(o.status.success(), "{:?}", out(&o));
        let (stdout, stderr) = out(&o);
        assert_inert(&stdout);
        assert_inert(&stderr);
        assert!(
            !stdout.contains('\u{202e}'),
            "BiDi overrides are escaped: {stdout}"
        );
        serde_json::from_str::<serde_json::Value>(&stdout).expect("still valid JSON");
    }
    let o = quick(t.path())
        .args(["decks", "--json"])
        .output()
        .expect("runs");
    let (stdout, _) = out(&o);
    assert!(
        stdout.contains(r#""T\u007f\u009b31m\u001b[2J""#),
        "the text itself is kept, escaped: {stdout}"
    );
}

#[test]
fn recall_home_pointing_at_a_file_says_so_in_words() {
    let t = tempfile::tempdir().expect("temp dir");
    let file = t.path().join("afile");
    std::fs::write(&file, "x").expect("file");
    let src = t.path().join("in.toml");
    std::fs::write(&src, DECK).expect("src");
    let o = quick(&file).arg("import").arg(&src).output().expect("runs");
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    assert!(
        stderr.contains("RECALL_HOME") && stderr.contains("is a file, not a folder"),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn a_config_that_is_not_utf8_exits_2() {
    let t = tempfile::tempdir().expect("temp dir");
    std::fs::write(t.path().join("config.toml"), b"pass_mark = \xff\xfe\n").expect("config");
    let o = quick(t.path()).arg("cards").output().expect("runs");
    assert_eq!(o.status.code(), Some(2), "{:?}", out(&o));
    assert!(out(&o).1.contains("config.toml"), "{:?}", out(&o));
}

#[test]
fn a_deck_id_over_the_limit_names_the_limit() {
    let t = tempfile::tempdir().expect("temp dir");
    let long = "x".repeat(200);
    let deck = t.path().join("d.toml");
    std::fs::write(&deck, DECK.replace("\"mine\"", &format!("\"{long}\""))).expect("deck");
    let o = quick(t.path())
        .arg("check")
        .arg(&deck)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains("128"), "{:?}", out(&o));
}

#[test]
fn io_errors_name_their_cause_once() {
    let t = tempfile::tempdir().expect("temp dir");
    let home = t.path().join("ro");
    std::fs::create_dir(&home).expect("dir");
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let src = t.path().join("in.toml");
    std::fs::write(&src, DECK).expect("src");
    let o = quick(&home).arg("import").arg(&src).output().expect("runs");
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    assert_eq!(
        stderr.matches("read-only").count(),
        1,
        "one cause, said once: {stderr}"
    );
}

#[test]
fn damaged_log_lines_give_one_repair_hint_and_repair_moves_them_aside() {
    let t = tempfile::tempdir().expect("temp dir");
    let good = cli::review("a", "2026-11-22T10:00:00.000Z", 3);
    let log = format!("{good}not json\n{good}{{\"v\":1,\"at\":\"2026-11-2");
    std::fs::write(t.path().join("reviews.jsonl"), &log).expect("log");
    std::fs::write(t.path().join("quizzes.jsonl"), "{\"v\":1,\"at\"\n").expect("quiz log");
    let o = quick(t.path()).arg("cards").output().expect("runs");
    let (_, stderr) = out(&o);
    assert_eq!(stderr.matches("recall repair").count(), 1, "{stderr}");
    quick(t.path()).arg("repair").assert().success().stdout(
        predicates::str::contains("reviews.jsonl: moved 2 damaged lines").and(
            predicates::str::contains("quizzes.jsonl: moved 1 damaged line"),
        ),
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("reviews.jsonl")).expect("log"),
        format!("{good}{good}")
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("reviews.jsonl.rejected")).expect("side"),
        "not json\n{\"v\":1,\"at\":\"2026-11-2\n"
    );
    let backups: Vec<String> = std::fs::read_dir(t.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("reviews.jsonl.backup-"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(
        std::fs::read_to_string(t.path().join(&backups[0])).expect("backup"),
        log
    );
    let o = quick(t.path()).arg("cards").output().expect("runs");
    assert_eq!(out(&o).1, "", "no warning after the repair");
}
