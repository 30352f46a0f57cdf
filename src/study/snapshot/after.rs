//! Reading what follows a saved point in the review logs, and checking that the saved point
//! plus what follows is exactly what a full load reads (see the module doc of `snapshot`).

use super::{marks, Fallback, FileMark, TailError};
use crate::schedule::Millis;
use crate::store::logset::{self, LogFile};
use crate::store::{LoadedLog, LogWarning, Paths};
use crate::study::undo::resolve_undos;

/// The log lines after a set of marks, merged, and what a full load would say about them.
#[derive(Debug)]
pub(crate) struct After {
    /// The events after the marks, merged over every log file there is now.
    pub log: LoadedLog,
    /// The stray-file notes, then per file its damaged lines (before and after the mark).
    pub warnings: Vec<LogWarning>,
    /// Each file's mark after its last complete line now (as `load_marked` would mark it).
    pub marks: Vec<FileMark>,
}

/// Reads the lines after `marks` (taken when the latest event was at `max_at`, with
/// `saved` the damaged lines before them) and checks that everything read up to the marks
/// followed by these lines is what a full load reads, in the same merged order: every marked
/// file is there, unchanged up to its mark; every event after the marks is later than
/// `max_at`; no undo after the marks reaches back before them. Shared by the snapshot and the
/// binary copy of the log (`log_copy`), so both trust a saved point on exactly the same terms.
pub(crate) fn read_after(
    paths: &Paths,
    marks: &[FileMark],
    max_at: Millis,
    saved: &[LogWarning],
) -> Result<After, Fallback> {
    let (files, notes) = logset::review_log_files(paths);
    if let Some(gone) = marks
        .iter()
        .find(|m| !files.iter().any(|f| f.name == m.name))
    {
        return Err(Fallback::FileGone(gone.name.clone()));
    }
    let parts = read_tails(&files, marks)?;
    let mut per_file = Vec::new();
    let mut logs = Vec::new();
    let mut new_marks = Vec::new();
    for (f, (log, mark)) in files.iter().zip(parts) {
        let shown = marks::shown(f);
        per_file.extend(saved.iter().filter(|w| w.file == shown).cloned());
        per_file.extend(log.warnings.iter().cloned());
        logs.push(log);
        new_marks.push(mark);
    }
    let log = logset::merge(logs, files.iter().map(|f| f.name.clone()).collect());
    if log.events.iter().any(|e| e.at <= max_at) {
        return Err(Fallback::OutOfOrder);
    }
    if resolve_undos(&log).1 > 0 {
        return Err(Fallback::UndoReachesBack);
    }
    marks::quiet_foreign_torn_lines(paths, &files, &mut per_file);
    let mut warnings = notes;
    warnings.extend(per_file);
    Ok(After {
        log,
        warnings,
        marks: new_marks,
    })
}

/// Reads every file's tail (side by side when there are several).
fn read_tails(
    files: &[LogFile],
    marks: &[FileMark],
) -> Result<Vec<(LoadedLog, FileMark)>, Fallback> {
    let one = |f: &LogFile| {
        let mark = marks.iter().find(|m| m.name == f.name);
        marks::read_tail(f, mark).map_err(|e| match e {
            TailError::Shorter => Fallback::Shorter(f.name.clone()),
            TailError::Changed => Fallback::Changed(f.name.clone()),
            TailError::Unreadable => Fallback::Unreadable(f.name.clone()),
        })
    };
    if files.len() <= 1 {
        return files.iter().map(one).collect();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = files.iter().map(|f| s.spawn(move || one(f))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
