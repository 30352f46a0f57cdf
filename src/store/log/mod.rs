//! `reviews.jsonl`: the append-only review log, the source of truth for all progress.
//!
//! One JSON object a line (README "The review log"). Appends are one `write` of a whole line
//! followed by `sync_data`; nothing is ever rewritten. Loading is built for a million lines:
//! the whole file is read once, lines in recall's own fixed shape are parsed by hand, anything
//! else goes through serde_json, and card ids are resolved once into indexes (`intern`).

use std::fs::{File, OpenOptions};
use std::io::Write;
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
    /// Takes back the latest live event of the same card in the same file (written by recall
    /// before logs had sequence numbers; still read, never written).
    Undo,
    /// Takes back exactly one earlier event of the same file, named by its sequence number, so
    /// that an undo keeps its meaning however other devices' events are merged around it.
    UndoOf(u32),
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
            EventKind::Undo | EventKind::UndoOf(_) => "undo",
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
        // Line 0: about the whole file (a stray file in logs/), not one of its lines.
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}

/// The whole log in memory: events in merged order (see `store::logset`), card ids interned.
#[derive(Clone, Debug, Default)]
pub struct LoadedLog {
    pub cards: Vec<String>,
    pub events: Vec<LogEvent>,
    pub warnings: Vec<LogWarning>,
    /// Which file (device) wrote each event and its sequence number there, parallel to
    /// `events` (a hand-built log may leave it empty: every event is then file 0, unnumbered).
    pub origins: Vec<Origin>,
    /// The name of each file `Origin::file` counts (a device id, or `reviews` for the log
    /// recall kept before devices); empty for a log parsed from one buffer.
    pub files: Vec<String>,
}

/// Where an event was written: its file's index and its sequence number in that file (0 for
/// lines written before recall numbered them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: u32,
    pub seq: u32,
}

impl LoadedLog {
    /// The origin of event `i` (file 0, unnumbered, when the log has no origins).
    pub fn origin(&self, i: usize) -> Origin {
        self.origins.get(i).copied().unwrap_or_default()
    }
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

/// The log file opened for appending.
pub struct ReviewLog {
    path: PathBuf,
    file: File,
    /// The sequence number the next appended event gets (one more than the file's highest).
    next_seq: u32,
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

    /// Opens (creating) the log for appending. Callers load the log first (`load` refuses
    /// anything but a regular file); the quiz log checks with `check_regular`. (Tests append
    /// to `/dev/full` to simulate a full disk.)
    pub fn open_append(path: &Path) -> Result<ReviewLog, StoreError> {
        let mut options = OpenOptions::new();
        options.create(true).append(true).read(true);
        // A symlink planted where a log belongs must not send answers outside the data folder.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        let file = options.open(path).map_err(|e| StoreError::io(path, e))?;
        let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
        let next_seq = last_seq(&file, len).map_err(|e| StoreError::io(path, e))? + 1;
        Ok(ReviewLog {
            path: path.to_path_buf(),
            file,
            next_seq,
        })
    }

    /// The one regular-file check (`store::check_regular`) on the opened file.
    pub fn check_regular(&self) -> Result<(), StoreError> {
        super::check_regular(&self.file).map_err(|e| StoreError::io(&self.path, e))
    }

    /// Appends one event and returns only once it is on disk (`sync_data`), with the sequence
    /// number it was given. On error the event does not count. A time the log's format cannot
    /// hold (a clock past year 9999) is refused before anything is written: it could not be
    /// read back.
    pub fn append(&mut self, at: i64, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        if !in_log_range(at) {
            return Err(StoreError::ClockOutOfRange { at });
        }
        let seq = self.next_seq;
        let mut line = String::with_capacity(104);
        format_numbered_line(&mut line, at, card, kind, seq);
        self.append_line(&line)?;
        self.next_seq += 1;
        Ok(seq)
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

    fn ends_mid_line(&self) -> std::io::Result<bool> {
        let len = self.file.metadata()?.len();
        if len == 0 {
            return Ok(false);
        }
        let mut last = [0u8; 1];
        read_exact_at(&self.file, &mut last, len - 1)?;
        Ok(last[0] != b'\n')
    }
}

/// Appends one event as a JSON line (with its newline) to `out`, without a sequence number
/// (the shape of lines written before logs were numbered).
pub fn format_line(out: &mut String, at: i64, card: &str, kind: EventKind) {
    format_numbered_line(out, at, card, kind, 0);
}

/// Appends one event as a JSON line with its sequence number in its file (`seq` 0: none).
pub fn format_numbered_line(out: &mut String, at: i64, card: &str, kind: EventKind, seq: u32) {
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
    if seq > 0 {
        let _ = write!(out, ",\"seq\":{seq}");
    }
    if let EventKind::UndoOf(target) = kind {
        let _ = write!(out, ",\"undoes\":{target}");
    }
    out.push_str("}\n");
}

/// The highest sequence number in a log file being opened for appending, read from its last
/// complete lines (lines are numbered in order, so the tail is enough); 0 when none has one.
fn last_seq(file: &File, len: u64) -> std::io::Result<u32> {
    const TAIL: u64 = 64 << 10;
    let mut start = len.saturating_sub(TAIL);
    loop {
        let mut buf = vec![0u8; (len - start) as usize];
        read_exact_at(file, &mut buf, start)?;
        let whole = if start == 0 {
            &buf[..]
        } else {
            // The first piece may be a line cut by the window: skip it.
            match memchr_newline(&buf) {
                Some(i) => &buf[i + 1..],
                None => &[][..],
            }
        };
        let found = whole
            .split(|&b| b == b'\n')
            .rev()
            .filter_map(|line| fast_line(line).or_else(|| slow_line(line).ok()))
            .map(|parsed| parsed.3)
            .find(|&seq| seq > 0);
        if let Some(seq) = found {
            return Ok(seq);
        }
        if start == 0 {
            return Ok(0);
        }
        start = start.saturating_sub(TAIL * 16);
    }
}

/// Reads `buf.len()` bytes at `offset` without moving the file's cursor (Unix `pread`).
#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Elsewhere: seek and read. The log is opened for appending, so writes still go to its end.
#[cfg(not(unix))]
fn read_exact_at(mut file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read as _, Seek as _};
    file.seek(std::io::SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

mod intern;
mod parse;
mod timestamp;

pub use intern::{PartInterner, SharedInterner};
use parse::{fast_line, memchr_newline, slow_line};
pub use parse::{is_good_line, parse_log, parse_log_whole, parse_piece};
pub use timestamp::{format_timestamp, in_log_range, parse_timestamp};

#[cfg(test)]
mod tests;
