//! Files that are not what recall expects where its files should be.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use super::{write_atomically, Config, ReviewLog};

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

#[test]
fn atomic_writes_replace_a_symlinks_target_and_keep_the_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("dotfiles-config.toml");
    let link = dir.path().join("config.toml");
    std::fs::write(&real, "old").expect("write");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    write_atomically(&link, b"new").expect("written");
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&real).expect("read"), "new");
    let fresh = dir.path().join("fresh.toml");
    write_atomically(&fresh, b"made").expect("a new file");
    assert_eq!(std::fs::read_to_string(&fresh).expect("read"), "made");
}

#[test]
fn an_atomic_write_never_replaces_a_fifo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("config.toml");
    mkfifo(&fifo);
    let err = write_atomically(&fifo, b"x").expect_err("refused");
    assert!(err.to_string().contains("not a regular file"), "{err}");
    let kind = std::fs::symlink_metadata(&fifo).expect("there").file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
}

#[test]
fn a_symlink_where_a_cache_is_written_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, b"keep").expect("victim");
    let link = dir.path().join("state.bin");
    std::os::unix::fs::symlink(&victim, &link).expect("link");
    assert!(super::write_cache_file(&link, b"cache").is_err());
    assert_eq!(std::fs::read(&victim).expect("victim"), b"keep");
    let fresh = dir.path().join("fresh.bin");
    super::write_cache_file(&fresh, b"made").expect("a new file");
    super::write_cache_file(&fresh, b"again").expect("a regular file");
    assert_eq!(std::fs::read(&fresh).expect("fresh"), b"again");
    // A `cache/` folder that is a symlink elsewhere: nothing is written there.
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let cache = dir.path().join("cache");
    std::os::unix::fs::symlink(elsewhere.path(), &cache).expect("link");
    assert!(super::write_cache_file(&cache.join("decks").join("x.bin"), b"x").is_err());
    assert!(super::write_cache_file(&cache.join("state.bin"), b"x").is_err());
    assert_eq!(std::fs::read_dir(elsewhere.path()).expect("dir").count(), 0);
}
