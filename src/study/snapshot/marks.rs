//! Reading the review logs with a mark per file (how far it was read, and a hash of the bytes
//! just before), and reading only what follows a mark.
//!
//! A file is read up to its last complete line: a torn line (a write in progress, a file half
//! synced) lies after the mark and is read again once it is whole.

use std::io::{Read, Seek, SeekFrom};

use super::FileMark;
use crate::store::log::{parse_log, parse_log_whole};
use crate::store::logset::{self, LogFile, LEGACY_NAME};
use crate::store::{open_regular, read_regular, LoadedLog, LogWarning, Paths, StoreError};

/// How many bytes before a mark its hash covers.
pub const TAIL_HASH_BYTES: u64 = 4096;

/// How the parser words a torn last line (see `store::log`).
const INCOMPLETE: &str = "incomplete last line";

/// The mark after reading `bytes`, which begin at `start` in the file; `prev_lines` lines
/// and then `window` (the last bytes, up to `TAIL_HASH_BYTES`) come before `start`.
pub fn mark_after(
    name: &str,
    bytes: &[u8],
    prev_lines: u64,
    start: u64,
    window: &[u8],
) -> FileMark {
    let consumed = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
    let lines = prev_lines + memchr::memchr_iter(b'\n', &bytes[..consumed]).count() as u64;
    let offset = start + consumed as u64;
    // `window` holds the bytes just before `start` (up to TAIL_HASH_BYTES of them).
    let mut joined = Vec::new();
    let before = if consumed as u64 >= TAIL_HASH_BYTES {
        &bytes[consumed - TAIL_HASH_BYTES as usize..consumed]
    } else {
        joined.extend_from_slice(window);
        joined.extend_from_slice(&bytes[..consumed]);
        let keep = joined.len().saturating_sub(TAIL_HASH_BYTES as usize);
        &joined[keep..]
    };
    FileMark {
        name: name.to_string(),
        offset,
        lines,
        tail_hash: crate::fnv::fnv1a_bytes(before),
    }
}

/// The name warnings give a file (its file name, as `store::logset` words it).
pub fn shown(file: &LogFile) -> String {
    file.path.file_name().map_or_else(
        || file.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Every review log read whole, merged exactly as `logset::load_review_logs` merges them,
/// with each file's mark.
pub fn load_marked(paths: &Paths) -> Result<(LoadedLog, Vec<FileMark>), StoreError> {
    let (files, notes) = logset::review_log_files(paths);
    let whole = files.len() > 1;
    let parts: Vec<Result<(LoadedLog, FileMark), StoreError>> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .iter()
            .map(|f| {
                s.spawn(move || {
                    let bytes = match read_regular(&f.path) {
                        Ok(b) => b,
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                        Err(e) => return Err(StoreError::io(&f.path, e)),
                    };
                    let mark = mark_after(&f.name, &bytes, 0, 0, &[]);
                    let name = shown(f);
                    let log = if whole {
                        parse_log_whole(&bytes, &name)
                    } else {
                        parse_log(&bytes, &name)
                    };
                    Ok((log, mark))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let (logs, marks): (Vec<LoadedLog>, Vec<FileMark>) = parts
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    let mut log = logset::merge(logs, files.iter().map(|f| f.name.clone()).collect());
    quiet_foreign_torn_lines(paths, &files, &mut log.warnings);
    log.warnings.splice(0..0, notes);
    Ok((log, marks))
}

/// Drops the "incomplete last line" warning of other devices' files (they are being synced),
/// as `logset::load_review_logs` does.
pub fn quiet_foreign_torn_lines(paths: &Paths, files: &[LogFile], warnings: &mut Vec<LogWarning>) {
    let own = read_regular(&paths.device_file)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string());
    let foreign: Vec<String> = files
        .iter()
        .filter(|f| f.name != LEGACY_NAME && Some(&f.name) != own.as_ref())
        .map(|f| format!("{}.jsonl", f.name))
        .collect();
    warnings.retain(|w| !(w.message.starts_with(INCOMPLETE) && foreign.contains(&w.file)));
}

/// Why the bytes after a mark cannot simply be read on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TailError {
    /// The file is shorter than its mark (replaced, truncated, rewritten by a repair).
    Shorter,
    /// The bytes before the mark are not those the snapshot saw.
    Changed,
    /// The file could not be read: the full load reports why.
    Unreadable,
}

/// What follows a mark in one file: its complete lines parsed (warnings numbered as in the
/// whole file) and the file's new mark. No mark: the file is read from its start.
pub fn read_tail(
    file: &LogFile,
    mark: Option<&FileMark>,
) -> Result<(LoadedLog, FileMark), TailError> {
    let (offset, lines) = mark.map_or((0, 0), |m| (m.offset, m.lines));
    let mut f = match open_regular(&file.path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && offset == 0 => {
            return Ok((LoadedLog::default(), mark_after(&file.name, &[], 0, 0, &[])));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(TailError::Shorter),
        Err(_) => return Err(TailError::Unreadable),
    };
    let len = f.metadata().map_err(|_| TailError::Unreadable)?.len();
    if len < offset {
        return Err(TailError::Shorter);
    }
    let start = offset.saturating_sub(TAIL_HASH_BYTES);
    let mut buf = Vec::with_capacity((len - start) as usize);
    f.seek(SeekFrom::Start(start))
        .and_then(|_| f.take(len - start).read_to_end(&mut buf))
        .map_err(|_| TailError::Unreadable)?;
    let split = (offset - start) as usize;
    if buf.len() < split {
        return Err(TailError::Shorter);
    }
    let (window, tail) = buf.split_at(split);
    if mark.is_some_and(|m| crate::fnv::fnv1a_bytes(window) != m.tail_hash) {
        return Err(TailError::Changed);
    }
    let new_mark = mark_after(&file.name, tail, lines, offset, window);
    let mut log = parse_log_whole(tail, &shown(file));
    for w in &mut log.warnings {
        w.line += lines as usize;
    }
    Ok((log, new_mark))
}
