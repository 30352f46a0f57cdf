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
