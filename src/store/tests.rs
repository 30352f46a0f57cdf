//! Files that are not what recall expects where its files should be.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use super::{Config, ReviewLog};

/// Runs `f` on another thread and fails if it takes longer than a few seconds (a hang).
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(5))
        .expect("returned instead of hanging")
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo(1)");
    assert!(ok.success());
}

#[test]
fn a_fifo_or_device_instead_of_the_log_or_config_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("reviews.jsonl");
    mkfifo(&fifo);
    let f = fifo.clone();
    let err = within_seconds(move || ReviewLog::load(&f).expect_err("a FIFO is refused"));
    assert!(
        err.to_string()
            .ends_with("reviews.jsonl: not a regular file"),
        "{err}"
    );
    let err = within_seconds(|| {
        ReviewLog::load(Path::new("/dev/zero")).expect_err("a device is refused")
    });
    assert_eq!(err.to_string(), "/dev/zero: not a regular file");
    let err = within_seconds(move || Config::load(&fifo).expect_err("a FIFO is refused"));
    assert!(err.to_string().ends_with("not a regular file"), "{err}");
}
