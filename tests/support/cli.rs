//! The binary as the CLI tests run it: a temp `RECALL_HOME`, and a clock fixed at
//! 2026-11-23 10:00 UTC so that days, due dates and limits come out the same every run.

#![allow(dead_code)] // each test file uses some of these

use std::path::Path;

use assert_cmd::Command;

/// `recall` on `home` at the fixed time, in the time zone `tz` (a `TZ` value).
pub fn recall_in(home: &Path, tz: &str) -> Command {
    let mut cmd = Command::cargo_bin("recall").expect("binary");
    cmd.env("RECALL_HOME", home)
        .env("RECALL_NOW", "2026-11-23T10:00:00Z")
        .env("TZ", tz);
    cmd
}

/// `recall` on `home` at the fixed time, in UTC.
pub fn recall(home: &Path) -> Command {
    recall_in(home, "UTC")
}

/// One `review` line of the log for card `mine/<card>`.
pub fn review(card: &str, at: &str, rating: u8) -> String {
    format!("{{\"v\":1,\"at\":\"{at}\",\"card\":\"mine/{card}\",\"event\":\"review\",\"rating\":{rating},\"ms\":3000}}\n")
}

/// A temp `RECALL_HOME` holding these files (paths inside it, folders made as needed).
pub fn home_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = home.path().join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("folder in the temp home");
        }
        std::fs::write(&path, text).expect("file in the temp home");
    }
    home
}

/// Runs `cmd`, asserts it succeeded, and reads its stdout as JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON on stdout")
}
