//! Everything recall keeps on disk: where it lives, the config, the review log and the lock.
//!
//! The review log is the only source of truth and is only ever appended to. Every other file
//! is written to a temporary file beside it, synced, and renamed over the old one, so a crash
//! leaves either the old or the new version, never half of one.

pub mod config;
pub mod config_edit;
pub mod config_keys;
pub mod device;
pub mod lock;
pub mod log;
pub mod logset;
pub mod paths;

pub use config::Config;
pub use config_keys::NewPerDay;
pub use lock::WriterLock;
pub use log::{
    format_timestamp, parse_timestamp, EventKind, LoadedLog, LogEvent, LogWarning, Origin,
    ReviewLog,
};
pub use paths::Paths;

#[cfg(test)]
mod tests;

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

/// Reads a whole file, refusing anything but a regular file: a FIFO or a device (say
/// `/dev/zero`) where recall expects its own file would block or never end.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    std::fs::read(path)
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
