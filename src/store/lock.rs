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
    /// Takes the lock and records our pid in it, or says which process holds it.
    pub fn acquire(path: &Path) -> Result<WriterLock, StoreError> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| StoreError::io(path, e))?;
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
