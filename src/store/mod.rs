//! Everything recall keeps on disk: where it lives, the config, the review log and the lock.
//!
//! The review log is the only source of truth and is only ever appended to. Every other file
//! is written to a temporary file beside it, synced, and renamed over the old one, so a crash
//! leaves either the old or the new version, never half of one.

pub mod config;
pub mod lock;
pub mod log;
pub mod paths;

pub use config::Config;
pub use lock::WriterLock;
pub use log::{
    format_timestamp, parse_timestamp, EventKind, LoadedLog, LogEvent, LogWarning, ReviewLog,
};
pub use paths::Paths;

use std::io::Write;
use std::path::{Path, PathBuf};

/// What can go wrong with recall's files; each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Config { file: String, message: String },
    #[error(
        "another recall{} is using {}; close it first",
        pid.map_or(String::new(), |p| format!(" (pid {p})")),
        dir.display()
    )]
    Locked { pid: Option<u32>, dir: PathBuf },
    #[error("no data folder: set RECALL_HOME, or HOME so the standard folders can be found")]
    NoHome,
}

impl StoreError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Whether the user can fix this by editing a file (exit code 2) rather than a runtime failure.
    pub fn is_user_input(&self) -> bool {
        matches!(self, StoreError::Config { .. })
    }
}

/// Replaces `path` with `contents` atomically: temp file in the same folder, fsync, rename,
/// then fsync the folder so the rename itself survives a power cut. A symlink (a dotfile
/// manager's config, say) stays a symlink: the file it points to is the one replaced.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let resolved = std::fs::canonicalize(path).ok();
    let path = resolved.as_deref().unwrap_or(path);
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| StoreError::io(dir, e))?;
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| StoreError::io(tmp.path(), e))?;
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
