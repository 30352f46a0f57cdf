//! A reader that stops early (`recall cards --json | head -c 100`): like `recall cards | head`
//! and like other command-line tools, recall then stops quietly with exit 0, whatever the
//! output's form, instead of "Broken pipe" and exit 1.

#![cfg(unix)]

use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Stdio;

/// A pipe whose reading end is already closed: every write to the other end fails (EPIPE).
fn closed_pipe() -> OwnedFd {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe` writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    // SAFETY: both descriptors were just made by `pipe` and are owned by nothing else.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    write
}

#[test]
fn every_command_stops_quietly_when_its_reader_has_gone() {
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &["cards", "--json"][..],
        &["cards"],
        &["decks", "--json"],
        &["stats", "--json"],
        &["cards", "--search", "s3", "--json"],
    ] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"))
            .env("RECALL_HOME", home.path())
            .env("RECALL_NOW", "2026-11-23T10:00:00Z")
            .env("TZ", "UTC")
            .args(args)
            .stdout(Stdio::from(closed_pipe()))
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
