//! One writer at a time: the TUI holds an advisory lock on `recall.lock` while it runs.
//!
//! The OS releases the lock when its process dies, however it dies, so a lock file left by a
//! killed recall is simply taken over. The pid inside is only for the message.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::StoreError;

/// Holds the writer lock until dropped.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the lock and records our pid in it, or says which process holds it. The lock is
    /// opened with `O_NOFOLLOW` (a symlink planted there would have its target truncated)
    /// and must be a regular file.
    pub fn acquire(path: &Path) -> Result<WriterLock, StoreError> {
        let mut opts = OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(
            &mut opts,
            libc::O_NOFOLLOW | libc::O_NONBLOCK,
        );
        let mut file = opts.open(path).map_err(|e| match e.raw_os_error() {
            #[cfg(unix)]
            Some(libc::ELOOP) => StoreError::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "is a symbolic link; recall's lock must be a regular file (remove it)",
                ),
            ),
            _ => StoreError::io(path, e),
        })?;
        super::check_regular(&file).map_err(|e| StoreError::io(path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(StoreError::Locked {
                    pid: text.trim().parse().ok(),
                    dir: path.parent().unwrap_or(path).to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io(path, e)),
        }
        let pid = std::process::id().to_string();
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)).map(drop))
            .and_then(|()| file.write_all(pid.as_bytes()))
            .and_then(|()| file.sync_data())
            .map_err(|e| StoreError::io(path, e))?;
        Ok(WriterLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_with_the_holders_pid() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("recall.lock");
        let first = WriterLock::acquire(&path).expect("first writer");
        let err = WriterLock::acquire(&path).expect_err("second writer must be refused");
        match &err {
            StoreError::Locked { pid, .. } => assert_eq!(*pid, Some(std::process::id())),
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains(&format!(
            "another recall (pid {}) is using",
            std::process::id()
        )));
        drop(first);
        WriterLock::acquire(&path).expect("free again after drop");
    }

    #[test]
    fn a_stale_lock_file_is_taken_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("recall.lock");
        std::fs::write(&path, "999999").expect("stale file");
        let _lock = WriterLock::acquire(&path).expect("nobody holds it");
        let pid = std::fs::read_to_string(&path).expect("readable");
        assert_eq!(pid, std::process::id().to_string());
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;

    #[test]
    fn a_symlinked_or_special_lock_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, "keep me").expect("write");
        let path = dir.path().join("recall.lock");
        std::os::unix::fs::symlink(&target, &path).expect("symlink");
        let err = WriterLock::acquire(&path).expect_err("a symlink is refused");
        assert!(err.to_string().contains("recall.lock"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep me");
        let fifo = dir.path().join("fifo.lock");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo(1)");
        assert!(ok.success());
        let err = WriterLock::acquire(&fifo).expect_err("a FIFO is refused");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}
