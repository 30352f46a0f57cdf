//! `recall repair`: moves damaged lines of the review and quiz logs to side files.

use std::process::ExitCode;

use recall::store::repair::{repair_log, Repaired};
use recall::store::{format_timestamp, Paths};

use super::{CliResult, Clock};

/// Judges one line of a log: kept (true) or moved aside.
type LineCheck = fn(&[u8]) -> bool;

/// Repairs both logs under the writer lock and says what moved where.
pub fn run(clock: &Clock) -> CliResult {
    let paths = Paths::resolve()?;
    if !paths.data_dir.is_dir() {
        outln!("Nothing to repair: there is no data folder yet.");
        return Ok(ExitCode::SUCCESS);
    }
    let _lock = paths.lock_for_writing()?;
    // A file-name-safe UTC time: 2026-11-23T10-15-02Z.
    let stamp = format_timestamp(clock.now())
        .replace(':', "-")
        .split('.')
        .next()
        .unwrap_or_default()
        .to_string()
        + "Z";
    // The logs recall kept before devices, and every device's log (this one's and those a
    // sync tool brought).
    let mut logs: Vec<(std::path::PathBuf, LineCheck)> = vec![
        (paths.reviews.clone(), recall::store::log::is_good_line),
        (paths.quizzes.clone(), recall::quiz::is_good_line),
    ];
    for (dir, good) in [
        (
            &paths.logs_dir,
            recall::store::log::is_good_line as LineCheck,
        ),
        (&paths.quiz_logs_dir, recall::quiz::is_good_line),
    ] {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        logs.extend(files.into_iter().map(|f| (f, good)));
    }
    for (path, good) in &logs {
        if !path.exists() {
            continue;
        }
        let name = path.strip_prefix(&paths.data_dir).unwrap_or(path).display();
        match repair_log(path, &stamp, good)? {
            Repaired::Nothing => outln!("{name}: no damaged lines"),
            Repaired::Moved {
                moved,
                kept,
                backup,
                rejected,
            } => outln!(
                "{name}: moved {} to {}, kept {}; the original is saved as {}",
                recall::text::count(moved as u64, "damaged line"),
                rejected.display(),
                recall::text::count(kept as u64, "line"),
                backup.display()
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}
