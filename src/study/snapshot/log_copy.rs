//! A compact binary copy of the review log (`cache/history.bin`), so that what needs the whole
//! history (`recall stats`, the stats screen, the optimizer) parses only the JSON lines
//! written since the copy was taken.
//!
//! The copy holds every event of the merged log as a fixed 26-byte record (time, card, file,
//! sequence number, kind), the card ids and file names, and the saved point it was taken at:
//! one [`FileMark`] per log file, the latest event's time and the damaged lines before the
//! marks, exactly what the snapshot keeps (docs/startup-snapshot.md). Loading checks the point
//! with the snapshot's own check (`read_after`: every marked file there and unchanged up to its
//! mark, every later event later than the copy's latest, no undo reaching back) and appends
//! the lines after the marks; any doubt reads the whole log instead. The result is the
//! `LoadedLog` a full load gives, field for field (card indexes included), so deleting the
//! copy changes nothing but speed.
//!
//! It is written by whoever has just loaded the whole history (never by a plain study start):
//! after a full load, or when [`REFRESH_AFTER_EVENTS`] or more events followed it.

use std::collections::HashMap;
use std::path::PathBuf;

use super::copy_format::Head;
pub use super::copy_format::{decode, encode, Point, FORMAT, RECORD};
use super::{before_marks, program_version, read_after, DecodeError, Fallback, FileMark};
use crate::store::{
    open_regular, write_cache_file, LoadedLog, LogEvent, LogWarning, Paths, StoreError,
};

/// A copy is rewritten once this many events follow it.
pub const REFRESH_AFTER_EVENTS: usize = 2_000;

/// Where the copy lives: beside the snapshot, in the data folder's `cache/` (never synced).
pub fn path(paths: &Paths) -> PathBuf {
    paths.data_dir.join("cache").join("history.bin")
}

/// How a history was read: from the copy with this many events after it, or whole, and why.
pub type Source = Result<usize, Fallback>;

/// The whole log with each file's mark, as `snapshot::load_marked` reads it, from the copy
/// and the lines after it when they match; `refresh`: write a new copy when it was missing,
/// stale or far behind (only into an existing `cache/`).
pub fn load_marked(
    paths: &Paths,
    refresh: bool,
) -> Result<(LoadedLog, Vec<FileMark>, Source), StoreError> {
    match from_copy(paths) {
        Ok((log, marks, tail)) => {
            if refresh && tail >= REFRESH_AFTER_EVENTS {
                // A cache: a folder that cannot be written only makes the next read slower.
                let _ = save(paths, &log, &marks);
            }
            Ok((log, marks, Ok(tail)))
        }
        Err(reason) => {
            let (log, marks) = super::load_marked(paths)?;
            if refresh {
                let _ = save(paths, &log, &marks);
            }
            Ok((log, marks, Err(reason)))
        }
    }
}

/// The copy plus the lines after it, with the new marks and how many events followed.
pub fn from_copy(paths: &Paths) -> Result<(LoadedLog, Vec<FileMark>, usize), Fallback> {
    let file = match open_regular(&path(paths)) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Fallback::Missing),
        Err(_) => return Err(Fallback::Corrupt),
    };
    let len = file.metadata().map_err(|_| Fallback::Corrupt)?.len();
    let undecodable = |e| match e {
        DecodeError::Corrupt => Fallback::Corrupt,
        DecodeError::Format => Fallback::Format,
    };
    let head = Head::read(std::io::BufReader::new(file), len).map_err(undecodable)?;
    if head.point.version != program_version() {
        return Err(Fallback::Version);
    }
    let point = head.point.clone();
    let after = read_after(paths, &point.marks, point.max_at, &point.warnings)?;
    let tail = after.log.events.len();
    // Read straight into a log with room for the events after the copy.
    let before = head.events(tail).map_err(undecodable)?;
    let log = join(before, after.log, after.warnings).ok_or(Fallback::Corrupt)?;
    Ok((log, after.marks, tail))
}

/// Writes the copy of `log`, a whole load whose files were read up to `marks`, atomically,
/// only into an existing `cache/` (as the snapshot is written).
pub fn save(paths: &Paths, log: &LoadedLog, marks: &[FileMark]) -> Result<(), StoreError> {
    let file = path(paths);
    if !file.parent().is_some_and(std::path::Path::is_dir) {
        return Ok(());
    }
    let point = Point {
        version: program_version(),
        max_at: log.events.iter().map(|e| e.at).max().unwrap_or(i64::MIN),
        marks: marks.to_vec(),
        warnings: before_marks(&log.warnings, marks),
    };
    write_cache_file(&file, &encode(&point, log))
}

/// The log up to the marks followed by the log after them, as one full load reads it: files
/// are those there now, cards indexed in a full load's order (by the first file that names
/// them, then by where in it). None if the copy names a file that is not among them.
fn join(mut before: LoadedLog, after: LoadedLog, warnings: Vec<LogWarning>) -> Option<LoadedLog> {
    let files: Vec<u32> = before
        .files
        .iter()
        .map(|n| after.files.iter().position(|f| f == n).map(|i| i as u32))
        .collect::<Option<_>>()?;
    for o in &mut before.origins {
        o.file = files[o.file as usize];
    }
    // The tail's cards, found among the copy's (a scan of those against the few new ids).
    let mut cards: Vec<u32> = vec![u32::MAX; after.cards.len()];
    if !after.cards.is_empty() {
        let named: HashMap<&str, usize, crate::fnv::FnvBuildHasher> = after
            .cards
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        for (i, c) in before.cards.iter().enumerate() {
            if let Some(&t) = named.get(c.as_str()) {
                cards[t] = i as u32;
            }
        }
    }
    for (t, c) in after.cards.into_iter().enumerate() {
        if cards[t] == u32::MAX {
            cards[t] = before.cards.len() as u32;
            before.cards.push(c);
        }
    }
    before.events.extend(after.events.iter().map(|e| LogEvent {
        card: cards[e.card as usize],
        ..*e
    }));
    before.origins.extend(after.origins);
    before.files = after.files;
    before.warnings = warnings;
    // One file: its cards are already in order of first mention. With several, a card new
    // after the marks, or a file that sorts first naming a card after them, moves cards.
    if before.files.len() > 1 {
        reindex_cards(&mut before);
    }
    Some(before)
}

/// Renumbers the cards as a full load numbers them: by the first file (in name order) whose
/// events name them, then by their first event in that file (see `store::log::intern`).
fn reindex_cards(log: &mut LoadedLog) {
    let n = log.cards.len();
    let mut first = vec![(u32::MAX, u32::MAX); n];
    let mut seen = vec![0u32; log.files.len()];
    for (i, e) in log.events.iter().enumerate() {
        let file = log.origins[i].file;
        let at = &mut seen[file as usize];
        let key = &mut first[e.card as usize];
        *key = (*key).min((file, *at));
        *at += 1;
    }
    if first.is_sorted() {
        return;
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by_key(|&c| (first[c as usize], c));
    let mut index = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        index[old as usize] = new as u32;
    }
    for e in &mut log.events {
        e.card = index[e.card as usize];
    }
    let mut old: Vec<Option<String>> = std::mem::take(&mut log.cards)
        .into_iter()
        .map(Some)
        .collect();
    log.cards = order
        .iter()
        .map(|&c| old[c as usize].take().unwrap_or_default())
        .collect();
}

#[cfg(test)]
#[path = "log_copy_tests.rs"]
mod tests;
