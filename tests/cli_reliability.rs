//! Data folders that cannot be written, and clocks and time zones that change, through the
//! real binary.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[path = "support/tools.rs"]
mod tools;

/// Runs the study TUI in a pseudo-terminal (script(1)); returns (success, everything printed),
/// or None when util-linux script is missing (the test skips, or fails under CI).
fn tui_in_pty(home: &Path) -> Option<(bool, String)> {
    if !tools::script() {
        return None;
    }
    let out = Command::new("script")
        .args([
            "-qec",
            &format!(
                "RECALL_HOME='{}' RECALL_EXIT_AFTER_FIRST_FRAME=1 {}",
                home.display(),
                env!("CARGO_BIN_EXE_recall")
            ),
            "/dev/null",
        ])
        .output()
        .expect("script(1) gives recall a terminal");
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

#[test]
fn a_read_only_data_dir_is_a_clear_error_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let home = tmp.path().join("ro");
    std::fs::create_dir(&home).expect("dir");
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let ran = tui_in_pty(&home);
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    let Some((ok, text)) = ran else {
        return;
    };
    assert!(!ok, "{text}");
    assert!(
        text.contains(&format!(
            "recall: {}: the folder is read-only",
            home.display()
        )),
        "{text}"
    );
    let left: Vec<_> = std::fs::read_dir(&home).expect("listable").collect();
    assert!(
        left.is_empty(),
        "nothing created in a read-only folder: {left:?}"
    );
}

#[test]
fn a_data_dir_that_cannot_be_created_is_a_clear_error() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("file"), "not a folder").expect("file");
    let home = tmp.path().join("file/recall");
    let Some((ok, text)) = tui_in_pty(&home) else {
        return;
    };
    assert!(!ok, "{text}");
    assert!(
        text.contains(&format!("recall: {}: Not a directory", home.display())),
        "{text}"
    );
}

#[test]
fn read_only_commands_need_no_data_dir_and_create_none() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let home = tmp.path().join("missing");
    for args in [["cards", "--json"], ["decks", "--json"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(args)
            .env("RECALL_HOME", &home)
            .output()
            .expect("recall runs");
        assert!(out.status.success(), "{args:?}");
        serde_json::from_slice::<Value>(&out.stdout).expect("JSON");
    }
    assert!(!home.exists(), "reading never creates the data folder");
}

/// `recall cards --json` for `mine/a` with the clock at `now` in time zone `tz` (POSIX form).
fn card_a(home: &Path, now: &str, tz: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["cards", "--deck", "mine", "--json"])
        .env("RECALL_HOME", home)
        .env("RECALL_NOW", now)
        .env("TZ", tz)
        .output()
        .expect("recall runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    rows[0].clone()
}

#[test]
fn reviews_from_the_future_and_zone_changes_give_sane_schedules() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("decks")).expect("decks");
    std::fs::write(
        home.path().join("decks/mine.toml"),
        "[deck]\nid = \"mine\"\ntitle = \"Mine\"\n[[cards]]\nid = \"a\"\nfront = \"A?\"\nback = \"A.\"\n",
    )
    .expect("deck");
    // Reviewed on the 25th, in a zone 14 hours ahead and one 12 hours behind.
    let line = |at: &str, rating: u8| {
        format!("{{\"v\":1,\"at\":\"{at}\",\"card\":\"mine/a\",\"event\":\"review\",\"rating\":{rating},\"ms\":1}}\n")
    };
    std::fs::write(
        home.path().join("reviews.jsonl"),
        line("2026-11-25T09:00:00+14:00", 3).to_string()
            + &line("2026-11-25T08:00:00-12:00", 3)
            + &line("2026-11-24T23:00:00Z", 4),
    )
    .expect("log");
    let mut dues = Vec::new();
    // Now the clock says the 23rd (before every review) or a year on, in three zones.
    for now in ["2026-11-23T10:00:00Z", "2027-11-23T10:00:00Z"] {
        for tz in ["UTC0", "KIR-14", "BIT+12"] {
            let a = card_a(home.path(), now, tz);
            assert_eq!(a["phase"], "review", "{now} {tz}: {a}");
            let r = a["retrievability"].as_f64().expect("R");
            assert!((0.0..=1.0).contains(&r), "{now} {tz}: R {r}");
            for n in a["next"].as_array().expect("next") {
                let interval = n["interval"].as_str().expect("interval");
                assert!(
                    interval.starts_with(|c: char| c.is_ascii_digit()),
                    "{now} {tz}: {interval}"
                );
            }
            dues.push(a["due"].as_str().expect("due").to_string());
        }
    }
    // The zone is really applied: the due day starts at 04:00 local, a different UTC moment.
    assert_ne!(dues[0], dues[1], "{dues:?}");
    assert_ne!(dues[1], dues[2], "{dues:?}");
}

#[test]
fn a_fifo_among_the_decks_is_skipped_with_a_warning_not_waited_on() {
    let home = tempfile::tempdir().expect("temp dir");
    let decks = home.path().join("decks");
    std::fs::create_dir_all(&decks).expect("decks");
    let fifo = decks.join("evil.toml");
    let ok = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo(1)");
    assert!(ok.success());
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["cards", "--json"])
        .env("RECALL_HOME", home.path())
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "{}: skipped: not a regular file",
            fifo.display()
        )));
}
