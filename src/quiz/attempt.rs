//! `quizzes.jsonl`: every finished attempt, appended with the review log's durability.

use std::path::Path;

use super::Attempt;
use crate::store::{LogWarning, ReviewLog, StoreError};

/// Where finished attempts go: the quiz log, or a test double.
pub trait AttemptSink {
    /// Durably records one attempt; an error means it was not recorded.
    fn append_attempt(&mut self, attempt: &Attempt) -> Result<(), StoreError>;
}

/// The quiz log opened for appending. It reuses the review log's appender: one `write` of the
/// whole line, `sync_data`, and a fresh line after a torn tail.
pub struct QuizLog(ReviewLog);

/// The attempts read back, with the lines that had to be skipped.
#[derive(Clone, Debug, Default)]
pub struct QuizLogLoad {
    pub attempts: Vec<super::Attempt>,
    pub warnings: Vec<LogWarning>,
}

impl QuizLog {
    /// Opens (creating) the quiz log for appending; anything but a regular file is refused
    /// (the TUI opens it without reading it first).
    pub fn open_append(path: &Path) -> Result<QuizLog, StoreError> {
        let log = ReviewLog::open_append(path)?;
        log.check_regular()?;
        Ok(QuizLog(log))
    }

    /// Reads every device's quiz log (and the pre-device `quizzes.jsonl`), attempts in order
    /// of submission: the history every synced machine shows alike.
    pub fn load_all(paths: &crate::store::Paths) -> Result<QuizLogLoad, StoreError> {
        let (files, notes) = crate::store::logset::quiz_log_files(paths);
        let mut out = QuizLogLoad::default();
        out.warnings.extend(notes);
        for file in &files {
            let one = QuizLog::load(&file.path)?;
            out.attempts.extend(one.attempts);
            out.warnings.extend(one.warnings);
        }
        // Stable: attempts at the same instant keep file-name order.
        out.attempts
            .sort_by_key(|a| crate::store::parse_timestamp(&a.at).unwrap_or(i64::MIN));
        Ok(out)
    }

    /// Reads every attempt; a missing file has none. A torn last line or a corrupt line is
    /// skipped with a warning naming it, never deleted.
    pub fn load(path: &Path) -> Result<QuizLogLoad, StoreError> {
        let text = match crate::store::read_regular(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(parse(&text, &name))
    }
}

/// Whether one line (without its newline) is an attempt the quiz log reads: what
/// `recall repair` keeps.
pub fn is_good_line(line: &[u8]) -> bool {
    serde_json::from_slice::<Attempt>(line).is_ok_and(|a| a.v == 1)
}

/// Parses the quiz log's bytes (see [`QuizLog::load`]).
pub fn parse(bytes: &[u8], name: &str) -> QuizLogLoad {
    let mut out = QuizLogLoad::default();
    let mut lines = bytes
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
        .peekable();
    while let Some((i, line)) = lines.next() {
        let complete = line.ends_with(b"\n");
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        if body.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let warn = |message: String| LogWarning {
            file: name.to_string(),
            line: i + 1,
            message,
        };
        if !complete && lines.peek().is_none() {
            out.warnings.push(warn(
                "incomplete last line (an interrupted write) skipped".into(),
            ));
            break;
        }
        match serde_json::from_slice::<Attempt>(body) {
            Ok(a) if a.v == 1 => out.attempts.push(a),
            Ok(a) => out.warnings.push(warn(format!(
                "version {} is not supported (expected 1); line skipped",
                a.v
            ))),
            Err(e) => out
                .warnings
                .push(warn(format!("corrupt line skipped: {e}"))),
        }
    }
    out
}

impl AttemptSink for QuizLog {
    fn append_attempt(&mut self, attempt: &Attempt) -> Result<(), StoreError> {
        // The same rule as the review log: a time that could not be read back is refused.
        if let Some(at) = [&attempt.at, &attempt.started]
            .into_iter()
            .find(|t| crate::store::parse_timestamp(t).is_none())
        {
            return Err(StoreError::ClockOutOfRange {
                at: if at.starts_with('-') {
                    i64::MIN
                } else {
                    i64::MAX
                },
            });
        }
        self.0.append_line(&attempt.to_line())
    }
}
