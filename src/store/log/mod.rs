//! `reviews.jsonl`: the append-only review log, the source of truth for all progress.
//!
//! One JSON object a line (README "The review log"). Appends are one `write` of a whole line
//! followed by `sync_data`; nothing is ever rewritten. Loading is built for a million lines:
//! the whole file is read once, lines in recall's own fixed shape are parsed by hand, anything
//! else goes through serde_json, and card ids are interned.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::StoreError;

/// What happened to a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// An answer: rating 1-4, and the time spent in milliseconds (0 if unknown).
    Review {
        rating: u8,
        ms: u32,
    },
    Undo,
    Suspend,
    Unsuspend,
    Bury,
    /// A quiz question on this card was missed: replayed as an Again answer (a lapse for a
    /// review card), without counting against the day's limits.
    QuizMiss,
}

impl EventKind {
    fn name(self) -> &'static str {
        match self {
            EventKind::Review { .. } => "review",
            EventKind::Undo => "undo",
            EventKind::Suspend => "suspend",
            EventKind::Unsuspend => "unsuspend",
            EventKind::Bury => "bury",
            EventKind::QuizMiss => "quiz-miss",
        }
    }
}

/// One parsed line; `card` indexes `LoadedLog::cards`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogEvent {
    pub at: i64,
    pub card: u32,
    pub kind: EventKind,
}

/// A line that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogWarning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LogWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The whole log in memory: events in file order, card ids interned.
#[derive(Clone, Debug, Default)]
pub struct LoadedLog {
    pub cards: Vec<String>,
    pub events: Vec<LogEvent>,
    pub warnings: Vec<LogWarning>,
}

impl LoadedLog {
    /// The interned index of a card id, if the log mentions it.
    pub fn card_index(&self, id: &str) -> Option<u32> {
        self.cards.iter().position(|c| c == id).map(|i| i as u32)
    }
}

/// The longest an answer may count as (one minute, as Anki caps it): longer is someone who
/// walked away. Capped when written and again when read, so a hand-edited `ms` cannot skew
/// the stats.
pub const MAX_ANSWER_MS: u32 = 60_000;

type Interner = HashMap<Box<str>, u32, crate::fnv::FnvBuildHasher>;

/// The log file opened for appending.
pub struct ReviewLog {
    path: PathBuf,
    file: File,
}

impl ReviewLog {
    /// Reads the whole log; a missing file is an empty log. Never writes.
    pub fn load(path: &Path) -> Result<LoadedLog, StoreError> {
        let bytes = match super::read_regular(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(parse_log(&bytes, &name))
    }

    /// Opens (creating) the log for appending, without blocking. Callers load the log first
    /// (`load` refuses anything but a regular file); the quiz log checks with
    /// `check_regular`. (Tests append to `/dev/full` to simulate a full disk.)
    pub fn open_append(path: &Path) -> Result<ReviewLog, StoreError> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .map_err(|e| StoreError::io(path, e))?;
        Ok(ReviewLog {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Appends one event and returns only once it is on disk (`sync_data`). On error the event
    /// does not count. A time the log's format cannot hold (a clock past year 9999) is
    /// refused before anything is written: it could not be read back.
    pub fn append(&mut self, at: i64, card: &str, kind: EventKind) -> Result<(), StoreError> {
        if !in_log_range(at) {
            return Err(StoreError::ClockOutOfRange { at });
        }
        let mut line = String::with_capacity(96);
        format_line(&mut line, at, card, kind);
        self.append_line(&line)
    }

    /// Appends one whole line (ending in a newline) with the same guarantees as `append`:
    /// one `write`, then `sync_data`. Before each append the file's last byte is read (one
    /// `pread`): if the file ends mid-line (a torn write, or another program's half line)
    /// the line starts with a newline, so it is never glued to the partial one. Other
    /// append-only JSON-lines files (`quizzes.jsonl`) share this.
    pub fn append_line(&mut self, line: &str) -> Result<(), StoreError> {
        let result = self.ends_mid_line().and_then(|mid| {
            let fresh;
            let line = if mid {
                fresh = format!("\n{line}");
                fresh.as_str()
            } else {
                line
            };
            self.file
                .write_all(line.as_bytes())
                .and_then(|()| self.file.sync_data())
        });
        result.map_err(|e| StoreError::io(&self.path, e))
    }

    /// The one regular-file check (`store::check_regular`) on the opened file.
    pub fn check_regular(&self) -> Result<(), StoreError> {
        super::check_regular(&self.file).map_err(|e| StoreError::io(&self.path, e))
    }

    fn ends_mid_line(&self) -> std::io::Result<bool> {
        let len = self.file.metadata()?.len();
        let mut last = [0u8; 1];
        if len == 0 {
            return Ok(false);
        }
        self.file.read_exact_at(&mut last, len - 1)?;
        Ok(last[0] != b'\n')
    }
}

/// Appends one event as a JSON line (with its newline) to `out`.
pub fn format_line(out: &mut String, at: i64, card: &str, kind: EventKind) {
    use std::fmt::Write as _;
    out.push_str("{\"v\":1,\"at\":\"");
    out.push_str(&format_timestamp(at));
    out.push_str("\",\"card\":");
    out.push_str(&serde_json::to_string(card).unwrap_or_else(|_| "\"\"".into()));
    out.push_str(",\"event\":\"");
    out.push_str(kind.name());
    out.push('"');
    if let EventKind::Review { rating, ms } = kind {
        let _ = write!(out, ",\"rating\":{rating},\"ms\":{ms}");
    }
    out.push_str("}\n");
}

mod parse;
mod timestamp;

pub use parse::{is_good_line, parse_log};
pub use timestamp::{format_timestamp, in_log_range, parse_timestamp};

#[cfg(test)]
mod tests;
