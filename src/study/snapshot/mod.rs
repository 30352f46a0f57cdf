//! A snapshot of the replayed state, so that start-up reads only the log lines written since.
//!
//! The log stays the only source of truth: the snapshot (`cache/state.bin` in the data
//! folder, never synced) holds what a full replay produced — each card's state, today's
//! counts — together with everything that replay depended on: a mark per log file (how many
//! bytes were read and a hash of the 4 KiB before that), the scheduler settings' and the deck
//! set's fingerprints, the program build and the layout's version. At start the snapshot is
//! checked against all of it and only the lines after each mark are replayed; any doubt
//! (`Fallback`) means a full replay, which gives the same state, only slower. Deleting the
//! file changes nothing but speed.
//!
//! When is replaying just the tail exact? The full replay merges the files by time (see
//! `store::logset`) and applies each card's events in that order. If every event after the
//! marks is strictly later than every event before them, the merged order of all events is
//! the merged order of those before followed by the merged order of those after, so the
//! snapshot plus the tail is the full replay. An undo in the tail must find its target in the
//! tail too; the day's counts carry over only on the snapshot's own day (or start from zero
//! when nothing before the marks happened on the current day).

mod after;
mod bytes;
mod copy_format;
pub mod log_copy;
mod marks;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use crate::schedule::{CardState, Millis, Scheduler};
use crate::store::{read_regular, LoadedLog, LogWarning, Paths, StoreError};
use crate::study::{Collection, DayCounts};

pub(crate) use after::read_after;
pub use bytes::{decode, encode, DecodeError, FORMAT};
pub use marks::{load_marked, TailError, TAIL_HASH_BYTES};

/// The replayed state and what it was replayed from (see the module's doc).
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The program build that wrote it ([`program_version`]).
    pub version: String,
    pub config_fp: u64,
    pub decks_fp: u64,
    /// How far each log file had been read, in file-name order.
    pub files: Vec<FileMark>,
    /// The latest time of any event before the marks (`i64::MIN`: none).
    pub max_at: Millis,
    /// The study day `counts` are for.
    pub counts_day: i32,
    pub counts: Vec<DayCounts>,
    /// One per card of the collection, in its order.
    pub cards: Vec<SavedCard>,
    /// The damaged lines before the marks (shown at every start, as a full load shows them).
    pub warnings: Vec<LogWarning>,
    /// The time taken by the latest answers before the marks (`plan::recent_answer_ms`):
    /// Home's time estimate, without reading the log.
    pub recent_ms: Vec<u32>,
}

/// How far one log file was read: the end of its last complete line, the lines before it, and
/// a hash of the (up to) 4 KiB before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMark {
    /// The file's name as `store::logset` names it (a device id, or `reviews`).
    pub name: String,
    pub offset: u64,
    pub lines: u64,
    pub tail_hash: u64,
}

/// One card's replayed state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SavedCard {
    pub state: CardState,
    pub suspended: bool,
    pub buried_day: Option<i32>,
}

/// Why a start replays everything instead of the snapshot and the lines after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fallback {
    /// No snapshot (first start, or deleted).
    Missing,
    /// Torn, damaged, or not a snapshot (checksum).
    Corrupt,
    /// Another layout version.
    Format,
    /// Written by another program build.
    Version,
    /// Other scheduler settings (parameters, steps, retention, day start, time zone, fuzz …).
    Config,
    /// A log file the snapshot read is gone.
    FileGone(String),
    /// A log file is shorter than its mark.
    Shorter(String),
    /// A log file's bytes before its mark changed.
    Changed(String),
    /// A log file could not be read (the full load reports it).
    Unreadable(String),
    /// An event after the marks is not later than every event before them (another device's
    /// answers synced late, a clock set back): the merged order changed.
    OutOfOrder,
    /// An undo after the marks takes back an event before them.
    UndoReachesBack,
    /// Other decks or cards (added, removed, renamed, archived).
    Decks,
    /// The study day changed and the snapshot holds answers of the current day.
    Day,
}

/// Where the snapshot lives: in the data folder (never in `sync_dir`), outside what a sync
/// carries (`cache/` is in the `.gitignore` recall writes).
pub fn path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("cache").join("state.bin")
}

/// The program build: its version and the executable's size and modification time, so that
/// any rebuilt binary (whose scheduling may differ) replays once instead of trusting a state
/// an older build computed.
pub fn program_version() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok());
    let stamp = exe.as_ref().map_or((0, 0), |m| {
        let t = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        (m.len(), t)
    });
    format!("{} {} {}", env!("CARGO_PKG_VERSION"), stamp.0, stamp.1)
}

/// Everything in the scheduler's settings that a replay depends on, hashed (its `Debug` form
/// lists every field, floats exactly, so a new setting is covered without a change here).
pub fn config_fingerprint(scheduler: &Scheduler) -> u64 {
    crate::fnv::fnv1a(&format!("{:?}", scheduler.config()))
}

/// The deck set as a replay sees it: each deck's id and size, each card's id (through its
/// seed, the hash of its global id) and whether it is archived, in collection order.
pub fn decks_fingerprint(col: &Collection) -> u64 {
    let mut h = Mix::default();
    h.add(col.decks.len() as u64);
    for d in &col.decks {
        h.add(crate::fnv::fnv1a(&d.id));
        h.add(d.cards.len() as u64);
    }
    for c in &col.cards {
        h.add(c.seed);
        h.add(c.deck as u64 | (u64::from(c.archived) << 63));
    }
    h.0
}

#[derive(Default)]
struct Mix(u64);

impl Mix {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(23) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// What a new snapshot is taken at: each file's mark, the latest event before the marks, and
/// the damaged lines before them.
#[derive(Clone, Debug, Default)]
pub struct SavePoint {
    pub marks: Vec<FileMark>,
    pub max_at: Millis,
    pub warnings: Vec<LogWarning>,
    /// The time taken by the latest answers before the marks.
    pub recent_ms: Vec<u32>,
}

impl SavePoint {
    /// The point a full load (`load_marked`) reached.
    pub fn after_full(log: &LoadedLog, marks: Vec<FileMark>) -> SavePoint {
        let max_at = log.events.iter().map(|e| e.at).max().unwrap_or(i64::MIN);
        let warnings = before_marks(&log.warnings, &marks);
        SavePoint {
            marks,
            max_at,
            warnings,
            recent_ms: crate::study::plan::recent_answer_ms(&log.events),
        }
    }
}

/// The warnings about lines before the marks (not a torn last line, not a stray file).
pub(crate) fn before_marks(warnings: &[LogWarning], marks: &[FileMark]) -> Vec<LogWarning> {
    warnings
        .iter()
        .filter(|w| {
            w.line > 0
                && marks
                    .iter()
                    .any(|m| format!("{}.jsonl", m.name) == w.file && w.line as u64 <= m.lines)
        })
        .cloned()
        .collect()
}

/// The snapshot of `col` (as replayed from everything up to `point`).
pub fn capture(col: &Collection, scheduler: &Scheduler, point: &SavePoint) -> Snapshot {
    Snapshot {
        version: program_version(),
        config_fp: config_fingerprint(scheduler),
        decks_fp: decks_fingerprint(col),
        files: point.marks.clone(),
        max_at: point.max_at,
        counts_day: col.counts_day,
        counts: col.counts.clone(),
        cards: col
            .cards
            .iter()
            .map(|c| SavedCard {
                state: c.state,
                suspended: c.suspended,
                buried_day: c.buried_day,
            })
            .collect(),
        warnings: point.warnings.clone(),
        recent_ms: point.recent_ms.clone(),
    }
}

/// Writes the snapshot of `col` as replayed up to `point` ([`write`]).
pub fn save(
    paths: &Paths,
    col: &Collection,
    scheduler: &Scheduler,
    point: &SavePoint,
) -> Result<(), StoreError> {
    write(paths, &capture(col, scheduler, point))
}

/// A snapshot that matches the log files and the settings, with the events after its marks.
#[derive(Debug)]
pub struct Tail {
    snap: Snapshot,
    /// The events after the marks, merged.
    log: LoadedLog,
    /// The stray-file notes, then per file its damaged lines (before and after the mark).
    warnings: Vec<LogWarning>,
    marks: Vec<FileMark>,
}

/// Reads the snapshot and the log lines after its marks, and checks everything that does not
/// need the decks (see [`Tail::restore`] for the rest).
pub fn read_tail(paths: &Paths, scheduler: &Scheduler) -> Result<Tail, Fallback> {
    let bytes = match read_regular(&path(paths)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Fallback::Missing),
        Err(_) => return Err(Fallback::Corrupt),
    };
    crate::trace::mark("snapshot file read");
    let snap = decode(&bytes).map_err(|e| match e {
        DecodeError::Corrupt => Fallback::Corrupt,
        DecodeError::Format => Fallback::Format,
    })?;
    if snap.version != program_version() {
        return Err(Fallback::Version);
    }
    if snap.config_fp != config_fingerprint(scheduler) {
        return Err(Fallback::Config);
    }
    crate::trace::mark("snapshot decoded");
    let after = read_after(paths, &snap.files, snap.max_at, &snap.warnings)?;
    crate::trace::mark("log lines after the snapshot read");
    Ok(Tail {
        snap,
        log: after.log,
        warnings: after.warnings,
        marks: after.marks,
    })
}

/// A collection restored from a snapshot and its tail.
#[derive(Debug)]
pub struct Restored {
    /// What a full load would warn about the log: stray files, damaged lines.
    pub warnings: Vec<LogWarning>,
    /// How many events were replayed after the snapshot.
    pub tail_events: usize,
    /// Where a snapshot of the restored collection would be taken.
    pub point: SavePoint,
}

impl Tail {
    /// How many events follow the marks.
    pub fn events(&self) -> usize {
        self.log.events.len()
    }

    /// Fills `col` (every card unanswered, as `Collection::unanswered` makes it, for the day
    /// of `now`) with the snapshot's states and replays the tail onto it. On a mismatch `col`
    /// is left untouched.
    pub fn restore(
        self,
        col: &mut Collection,
        scheduler: &Scheduler,
        now: Millis,
    ) -> Result<Restored, Fallback> {
        let snap = self.snap;
        if snap.cards.len() != col.cards.len()
            || snap.counts.len() != col.decks.len()
            || snap.decks_fp != decks_fingerprint(col)
        {
            return Err(Fallback::Decks);
        }
        let today = scheduler.day_of(now);
        let counts = if snap.counts_day == today {
            snap.counts
        } else if snap.max_at == i64::MIN || scheduler.day_of(snap.max_at) < today {
            vec![DayCounts::default(); col.decks.len()]
        } else {
            return Err(Fallback::Day);
        };
        for (entry, saved) in col.cards.iter_mut().zip(&snap.cards) {
            entry.state = saved.state;
            entry.suspended = saved.suspended;
            entry.buried_day = saved.buried_day;
        }
        col.counts = counts;
        col.counts_day = today;
        let threads = if self.log.events.len() < 50_000 {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        };
        col.apply_log(&self.log, scheduler, today, threads);
        let max_at = self
            .log
            .events
            .iter()
            .map(|e| e.at)
            .fold(snap.max_at, i64::max);
        let mut recent_ms = snap.recent_ms;
        crate::study::plan::push_recent(
            &mut recent_ms,
            self.log
                .events
                .iter()
                .filter_map(|e| crate::study::plan::answer_ms(e.kind)),
        );
        let point = SavePoint {
            warnings: before_marks(&self.warnings, &self.marks),
            marks: self.marks,
            max_at,
            recent_ms,
        };
        Ok(Restored {
            warnings: self.warnings,
            tail_events: self.log.events.len(),
            point,
        })
    }
}

/// The collection from the snapshot and the log lines after it, or why not (the decks are
/// handed back for a full replay).
pub fn restore(
    paths: &Paths,
    decks: Vec<crate::deck::Deck>,
    scheduler: &Scheduler,
    now: Millis,
) -> Result<(Collection, Restored), (Fallback, Vec<crate::deck::Deck>)> {
    let mut col = Collection::unanswered(decks, scheduler.day_of(now));
    match read_tail(paths, scheduler).and_then(|t| t.restore(&mut col, scheduler, now)) {
        Ok(r) => Ok((col, r)),
        Err(reason) => Err((reason, col.decks)),
    }
}

/// The snapshot the log calls for now (the saved one plus the lines since, or a full replay),
/// or None when no line was added since the saved one.
pub fn current(
    paths: &Paths,
    decks: Vec<crate::deck::Deck>,
    scheduler: &Scheduler,
    now: Millis,
) -> Result<Option<Snapshot>, StoreError> {
    match restore(paths, decks, scheduler, now) {
        Ok((_, r)) if r.tail_events == 0 => Ok(None),
        Ok((col, r)) => Ok(Some(capture(&col, scheduler, &r.point))),
        Err((_, decks)) => {
            let (log, marks) = load_marked(paths)?;
            let col = Collection::replay(decks, &log, scheduler, now);
            Ok(Some(capture(
                &col,
                scheduler,
                &SavePoint::after_full(&log, marks),
            )))
        }
    }
}

/// Brings the snapshot up to date with the log (at the end of a study run): the saved
/// snapshot plus the lines since when they match, else a full replay. Nothing is written
/// when no line was added since the snapshot.
pub fn checkpoint(
    paths: &Paths,
    decks: Vec<crate::deck::Deck>,
    scheduler: &Scheduler,
    now: Millis,
) -> Result<(), StoreError> {
    match current(paths, decks, scheduler, now)? {
        Some(snap) => write(paths, &snap),
        None => Ok(()),
    }
}

/// Writes a snapshot atomically (temp file, sync, rename), only into an existing `cache/`:
/// the study screen (a writer) makes the folder ([`make_cache_dir`]); read-only commands only
/// refresh a snapshot there, and create nothing in a data folder without one.
pub fn write(paths: &Paths, snap: &Snapshot) -> Result<(), StoreError> {
    let file = path(paths);
    if !file.parent().is_some_and(std::path::Path::is_dir) {
        return Ok(());
    }
    crate::store::write_cache_file(&file, &encode(snap))
}

/// Makes `cache/` in the data folder, where snapshots are saved (writers only, under the
/// writer lock).
pub fn make_cache_dir(paths: &Paths) -> Result<(), StoreError> {
    let file = path(paths);
    let dir = file.parent().unwrap_or(&paths.data_dir);
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))
}
