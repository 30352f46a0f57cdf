//! `RECALL_TRACE_START=1`: start-up phase times on stderr (src/trace.rs), a tool for measuring
//! that must never change what a command does.

#[path = "support/cli.rs"]
mod cli;

use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Stdio;

use cli::recall;

#[test]
fn tracing_prints_one_line_per_phase_on_stderr_and_leaves_stdout_alone() {
    let home = tempfile::tempdir().expect("temp dir");
    let plain = recall(home.path())
        .args(["decks", "--json"])
        .output()
        .expect("run");
    let traced = recall(home.path())
        .env("RECALL_TRACE_START", "1")
        .args(["decks", "--json"])
        .output()
        .expect("run");
    assert!(traced.status.success());
    assert_eq!(traced.stdout, plain.stdout);
    let stderr = String::from_utf8(traced.stderr).expect("UTF-8");
    let labels: Vec<&str> = stderr
        .lines()
        .map(|l| {
            l.split("ms CPU")
                .nth(1)
                .expect("ms, then CPU ms, then the phase")
                .trim()
        })
        .collect();
    assert_eq!(labels.first(), Some(&"main"), "{stderr}");
    assert_eq!(labels.last(), Some(&"command returned"), "{stderr}");
}

/// A trace line that cannot be written (stderr a pipe nobody reads any more) is dropped:
/// the command still does its work and exits as it would untraced (it used to panic, 101).
#[test]
fn tracing_into_a_closed_stderr_changes_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe` writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    // SAFETY: both descriptors were just made by `pipe` and are owned by nothing else.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    // Nobody will read: every write to the other end fails (EPIPE).
    drop(read);
    let plain = recall(home.path())
        .args(["decks", "--json"])
        .output()
        .expect("run");
    let bin = assert_cmd::cargo::cargo_bin("recall");
    let traced = std::process::Command::new(bin)
        .env("RECALL_HOME", home.path())
        .env("RECALL_NOW", "2026-11-23T10:00:00Z")
        .env("TZ", "UTC")
        .env("RECALL_TRACE_START", "1")
        .args(["decks", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::from(write))
        .output()
        .expect("run");
    assert_eq!(traced.status.code(), Some(0));
    assert_eq!(traced.stdout, plain.stdout);
}
