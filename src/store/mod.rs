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
pub mod repair;

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
    #[error(
        "the clock says {}, which the review log cannot record (years 0000-9999 only); \
         nothing was saved: set the system clock (or RECALL_NOW) to a real date",
        clock_words(*at)
    )]
    ClockOutOfRange { at: i64 },
    #[error(
        "RECALL_HOME={} is a file, not a folder; point RECALL_HOME at a folder (it is created if missing)",
        path.display()
    )]
    HomeIsFile { path: PathBuf },
    #[error("no data folder: set RECALL_HOME, or HOME so the standard folders can be found")]
    NoHome,
}

fn clock_words(at: i64) -> String {
    let year_ms = 31_556_952_000;
    let year = 1970 + at.div_euclid(year_ms);
    if year > 9999 {
        format!("a time after year 9999 (about year {year})")
    } else {
        format!("a time before year 0 (about year {year})")
    }
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

/// The largest file recall reads (1 GiB): a million reviews are about 100 MB, so this is far
/// above any real log or deck, and far below what would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Opens a file for reading without ever blocking: `O_NONBLOCK` so a FIFO's open returns at
/// once, then the one check (`check_regular`) on what was actually opened (no race with a
/// rename in between).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NONBLOCK);
    let file = opts.open(path)?;
    check_regular(&file)?;
    Ok(file)
}

/// The one check every file recall reads or appends to goes through: a regular file of at
/// most `MAX_FILE_BYTES`. A FIFO would block forever, a device (`/dev/zero`) never ends.
pub fn check_regular(file: &std::fs::File) -> std::io::Result<()> {
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(())
}

fn too_large() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "larger than {} MiB, the most recall reads from one file",
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// Reads a whole file through `open_regular`; a file that grows past the cap while being
/// read is refused too.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = open_regular(path)?;
    // Sized once from the file's length: `take` hides it from `read_to_end`, which would
    // otherwise grow (and copy) a 100 MB log's buffer many times.
    let len = file.metadata().map_or(0, |m| m.len().min(MAX_FILE_BYTES));
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// `read_regular` into a string; bytes that are not UTF-8 are an error saying so.
pub fn read_regular_string(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_regular(path)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// The prefix of every temporary file recall makes; files so named in the data folder and
/// `decks/` are left by a killed write and are removed by the next writer
/// (`Paths::lock_for_writing`).
pub const TEMP_PREFIX: &str = ".recall-tmp-";

/// Replaces `path` with `contents` atomically: temp file in the same folder, fsync, rename,
/// then fsync the folder so the rename itself survives a power cut. A symlink (a dotfile
/// manager's config, say) stays a symlink: the file it points to is the one replaced. The
/// replaced file keeps its permission bits, but it is a new inode: a hard link to the old
/// file keeps the old contents (docs/reliability.md). Anything but a regular file (a FIFO,
/// a device) is refused, never replaced.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let resolved = std::fs::canonicalize(path).ok();
    replace_regular(resolved.as_deref().unwrap_or(path), contents)
}

/// [`write_atomically`] for recall's own caches (`cache/`): a symlink there was not made by
/// recall, so it is refused rather than followed (what it points to may be anywhere), as is
/// anything else but a regular file. The file and the folders up to `cache/` are checked.
pub fn write_cache_file(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    for p in path.ancestors().take(3) {
        if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(StoreError::io(
                p,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a symlink; recall writes its caches only into its own folders",
                ),
            ));
        }
        if p.file_name().is_some_and(|n| n == "cache") {
            break;
        }
    }
    replace_regular(path, contents)
}

/// The atomic replacement itself, of `path` as given (no symlink is followed here).
fn replace_regular(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(StoreError::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file; recall replaces only regular files",
            ),
        ));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(dir, e))?;
    if let Some(meta) = existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| StoreError::io(tmp.path(), e))?;
    }
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

/// Writes a file the user named (`export -o`): a regular file, or a path that does not
/// exist yet, is replaced atomically (`write_atomically`); anything else (a FIFO, a device,
/// `/dev/stdout`) is opened and written in place, never replaced by a regular file.
pub fn write_target(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            if meta.is_dir() {
                return Err(StoreError::io(
                    path,
                    std::io::Error::new(std::io::ErrorKind::InvalidInput, "is a folder"),
                ));
            }
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| StoreError::io(path, e))?;
            f.write_all(contents)
                .and_then(|()| f.flush())
                .map_err(|e| StoreError::io(path, e))
        }
        _ => write_atomically(path, contents),
    }
}

/// Removes temporary files of recall's own naming (`TEMP_PREFIX`) from `dir`: each is what
/// a killed write left. Only the writer-lock holder calls this, so none is in use.
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(TEMP_PREFIX))
            && entry.file_type().is_ok_and(|t| t.is_file());
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
