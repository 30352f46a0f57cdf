//! Reading every device's review log and merging them into one deterministic order.
//!
//! Each machine appends only to `logs/<device>.jsonl`; the log recall kept before devices
//! (`reviews.jsonl`) is read as one more file, named `reviews`. Merging takes the files in name
//! order and interleaves them by time, keeping each file's own order: at each step the next
//! event is the earliest of the files' next events, ties going to the file whose name sorts
//! first. Every machine that has the same files therefore replays exactly the same sequence,
//! and one file alone replays in its own order, as recall always has. Reads only.

use std::path::{Path, PathBuf};

use super::device::valid_device_id;
use super::log::{
    parse_log, parse_piece, LoadedLog, LogEvent, LogWarning, Origin, PartInterner, SharedInterner,
};
use super::{read_regular, Paths, StoreError};

/// How the parser words a torn last line (see `store::log`).
const INCOMPLETE: &str = "incomplete last line";

/// The name the pre-device log is read under.
pub const LEGACY_NAME: &str = "reviews";

/// One log file to read: its name (the device id) and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogFile {
    pub name: String,
    pub path: PathBuf,
}

/// The review log files of a data folder, sorted by name, with a warning for each file in
/// `logs/` that is not a device's log (a sync tool's conflict copy, a stray file): those are
/// named and never read, so nothing is counted twice.
pub fn review_log_files(paths: &Paths) -> (Vec<LogFile>, Vec<LogWarning>) {
    log_files(&paths.reviews, &paths.logs_dir)
}

/// The quiz log files, as [`review_log_files`] finds the review logs.
pub fn quiz_log_files(paths: &Paths) -> (Vec<LogFile>, Vec<LogWarning>) {
    log_files(&paths.quizzes, &paths.quiz_logs_dir)
}

fn log_files(legacy: &Path, dir: &Path) -> (Vec<LogFile>, Vec<LogWarning>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    if std::fs::symlink_metadata(legacy).is_ok() {
        files.push(LogFile {
            name: LEGACY_NAME.into(),
            path: legacy.to_path_buf(),
        });
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if file_name.starts_with('.') {
                continue; // a sync tool's or an editor's hidden temp file
            }
            match file_name.strip_suffix(".jsonl") {
                Some(name) if valid_device_id(name) && name != LEGACY_NAME => {
                    files.push(LogFile {
                        name: name.to_string(),
                        path,
                    })
                }
                _ => warnings.push(LogWarning {
                    file: path.display().to_string(),
                    line: 0,
                    message: "not read: not a device's log (a sync tool's conflict copy?); logs are named <device>.jsonl".into(),
                }),
            }
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    (files, warnings)
}

/// Reads and merges every device's review log. A missing file is an empty log; a file that
/// cannot be read is an error naming it. Another device's log that ends mid-line is being
/// synced: it is read up to its last complete line without a warning (one would appear at
/// every start while a sync tool works); this device's own and the old log still warn.
pub fn load_review_logs(paths: &Paths) -> Result<LoadedLog, StoreError> {
    let (files, notes) = review_log_files(paths);
    let mut log = load_files(&files)?;
    let own = read_regular(&paths.device_file)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string());
    let foreign: Vec<String> = files
        .iter()
        .filter(|f| f.name != LEGACY_NAME && Some(&f.name) != own.as_ref())
        .map(|f| format!("{}.jsonl", f.name))
        .collect();
    log.warnings
        .retain(|w| !(w.message.starts_with(INCOMPLETE) && foreign.contains(&w.file)));
    log.warnings.splice(0..0, notes);
    Ok(log)
}

/// What the log files looked like when read (name, length, modification time): the TUI
/// compares it when Home is shown and reloads only when another device's file changed.
pub fn fingerprint(files: &[LogFile]) -> Vec<(String, u64, Option<std::time::SystemTime>)> {
    files
        .iter()
        .map(|f| {
            let meta = std::fs::metadata(&f.path).ok();
            (
                f.name.clone(),
                meta.as_ref().map_or(0, std::fs::Metadata::len),
                meta.and_then(|m| m.modified().ok()),
            )
        })
        .collect()
}

/// Reads the given files (on separate threads when there are several) and merges them. The
/// threads share one card-id interner, so merging moves indexes, never card ids.
pub fn load_files(files: &[LogFile]) -> Result<LoadedLog, StoreError> {
    let names = files.iter().map(|f| f.name.clone()).collect();
    if files.len() <= 1 {
        let log = files.first().map(read_one).transpose()?;
        return Ok(alone(log.unwrap_or_default(), names));
    }
    let shared = SharedInterner::default();
    let parts: Vec<Result<LoadedLog, StoreError>> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let shared = &shared;
                s.spawn(move || {
                    let bytes = read_bytes(f)?;
                    let mut interner = PartInterner::new(shared, i as u32);
                    Ok(parse_piece(&bytes, &shown_name(f), &mut interner).0)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let parts = parts.into_iter().collect::<Result<Vec<_>, _>>()?;
    let (cards, table) = shared.finish();
    Ok(interleave(
        parts,
        |_, slot| table[slot as usize],
        cards,
        names,
    ))
}

fn read_bytes(file: &LogFile) -> Result<Vec<u8>, StoreError> {
    match read_regular(&file.path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(StoreError::io(&file.path, e)),
    }
}

/// The name warnings give a file: its file name.
fn shown_name(file: &LogFile) -> String {
    file.path.file_name().map_or_else(
        || file.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads and parses one file alone (a large one is split over two threads).
fn read_one(file: &LogFile) -> Result<LoadedLog, StoreError> {
    Ok(parse_log(&read_bytes(file)?, &shown_name(file)))
}

/// Merges logs parsed on their own (in name order) into one: card ids re-interned, events
/// interleaved by time with each file's order kept, every event's origin recorded.
pub fn merge(parts: Vec<LoadedLog>, names: Vec<String>) -> LoadedLog {
    let mut parts = parts;
    if parts.len() <= 1 {
        return alone(parts.pop().unwrap_or_default(), names);
    }
    let shared = SharedInterner::default();
    let slots: Vec<Vec<u32>> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut interner = PartInterner::new(&shared, i as u32);
            p.cards
                .iter()
                .map(|c| interner.intern(c.as_str().into()))
                .collect()
        })
        .collect();
    let (cards, table) = shared.finish();
    interleave(
        parts,
        |f, card| table[slots[f][card as usize] as usize],
        cards,
        names,
    )
}

/// One file's log as the merged log: nothing to interleave.
fn alone(mut log: LoadedLog, names: Vec<String>) -> LoadedLog {
    log.origins.resize(log.events.len(), Origin::default());
    log.files = names;
    log
}

/// Interleaves parsed files into one log, `card(file, card)` naming each event's card in the
/// merged list `cards`.
fn interleave(
    parts: Vec<LoadedLog>,
    card: impl Fn(usize, u32) -> u32,
    cards: Vec<String>,
    names: Vec<String>,
) -> LoadedLog {
    let total = parts.iter().map(|p| p.events.len()).sum();
    let mut out = LoadedLog {
        events: Vec::with_capacity(total),
        origins: Vec::with_capacity(total),
        cards,
        files: names,
        ..LoadedLog::default()
    };
    // Each step takes the earliest of the files' next events (a tie goes to the file that
    // sorts first). There are a handful of files, so a scan of their heads beats a heap.
    let mut pos = vec![0usize; parts.len()];
    loop {
        let mut best: Option<(i64, usize)> = None;
        for (f, p) in parts.iter().enumerate() {
            if let Some(e) = p.events.get(pos[f]) {
                if best.is_none_or(|(at, _)| e.at < at) {
                    best = Some((e.at, f));
                }
            }
        }
        let Some((_, f)) = best else { break };
        let i = pos[f];
        pos[f] += 1;
        let part = &parts[f];
        let ev = part.events[i];
        out.events.push(LogEvent {
            card: card(f, ev.card),
            ..ev
        });
        out.origins.push(Origin {
            file: f as u32,
            seq: part.origins.get(i).map_or(0, |o| o.seq),
        });
    }
    for part in parts {
        out.warnings.extend(part.warnings);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::log::format_numbered_line;
    use crate::store::EventKind;

    const R: EventKind = EventKind::Review { rating: 3, ms: 0 };

    fn file(lines: &[(i64, &str, EventKind, u32)]) -> LoadedLog {
        let mut text = String::new();
        for &(at, card, kind, seq) in lines {
            format_numbered_line(&mut text, at, card, kind, seq);
        }
        parse_log(text.as_bytes(), "f")
    }

    #[test]
    fn files_interleave_by_time_keeping_each_files_order() {
        let a = file(&[(10, "d/x", R, 1), (30, "d/y", R, 2), (20, "d/x", R, 3)]);
        let b = file(&[(10, "d/y", R, 1), (25, "d/z", R, 2)]);
        let log = merge(vec![a, b], vec!["a".into(), "b".into()]);
        let order: Vec<(i64, u32, u32)> = log
            .events
            .iter()
            .zip(&log.origins)
            .map(|(e, o)| (e.at, o.file, o.seq))
            .collect();
        // a's own order (30 before 20) is kept; the tie at 10 goes to a.
        assert_eq!(
            order,
            [(10, 0, 1), (10, 1, 1), (25, 1, 2), (30, 0, 2), (20, 0, 3)]
        );
        let cards: Vec<&str> = log
            .events
            .iter()
            .map(|e| log.cards[e.card as usize].as_str())
            .collect();
        assert_eq!(cards, ["d/x", "d/y", "d/z", "d/y", "d/x"]);
        assert_eq!(log.files, ["a", "b"]);
    }

    #[test]
    fn files_read_side_by_side_merge_as_if_parsed_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::under(dir.path());
        std::fs::create_dir_all(&paths.logs_dir).expect("logs");
        let mut texts = vec![String::new(); 3];
        for i in 0..3000i64 {
            let card = format!("d/c{}", (i * 7919) % 401);
            format_numbered_line(&mut texts[(i % 3) as usize], i / 2, &card, R, i as u32 + 1);
        }
        texts[1].push_str("not json\n");
        let names = ["a-00000001", "b-00000002", "c-00000003"];
        for (name, text) in names.iter().zip(&texts) {
            std::fs::write(paths.own_log(name), text).expect("write");
        }
        let (files, _) = review_log_files(&paths);
        let read = load_files(&files).expect("loads");
        let alone: Vec<LoadedLog> = texts
            .iter()
            .zip(names)
            .map(|(t, n)| parse_log(t.as_bytes(), &format!("{n}.jsonl")))
            .collect();
        let merged = merge(alone, names.map(String::from).to_vec());
        assert_eq!(read.cards, merged.cards);
        assert_eq!(read.events, merged.events);
        assert_eq!(read.origins, merged.origins);
        assert_eq!(read.warnings, merged.warnings);
        assert_eq!(read.files, merged.files);
        assert_eq!(read.warnings.len(), 1);
    }

    #[test]
    fn a_half_synced_foreign_log_is_read_to_its_last_whole_line_without_a_warning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::under(dir.path());
        std::fs::create_dir_all(&paths.logs_dir).expect("logs");
        std::fs::write(&paths.device_file, "mine-00000001\n").expect("device");
        let mut text = String::new();
        format_numbered_line(&mut text, 5, "d/x", R, 1);
        let torn = format!("{text}{{\"v\":1,\"at\":\"2026-");
        std::fs::write(paths.own_log("other-00000002"), &torn).expect("foreign");
        std::fs::write(paths.own_log("mine-00000001"), &torn).expect("own");
        let log = load_review_logs(&paths).expect("loads");
        assert_eq!(log.events.len(), 2);
        let warned: Vec<&str> = log.warnings.iter().map(|w| w.file.as_str()).collect();
        assert_eq!(warned, ["mine-00000001.jsonl"], "{:?}", log.warnings);
    }

    #[test]
    fn conflict_copies_and_strays_are_named_and_not_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::under(dir.path());
        std::fs::create_dir_all(&paths.logs_dir).expect("logs");
        for name in [
            "laptop-1a2b3c4d.jsonl",
            "laptop-1a2b3c4d.sync-conflict-20261130-120000-ABCDEFG.jsonl",
            "notes.txt",
            ".syncthing.laptop.jsonl.tmp",
            "reviews.jsonl",
        ] {
            std::fs::write(paths.logs_dir.join(name), "").expect("write");
        }
        std::fs::write(&paths.reviews, "").expect("legacy");
        let (files, warnings) = review_log_files(&paths);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["laptop-1a2b3c4d", "reviews"]);
        assert_eq!(files[1].path, paths.reviews);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.file.contains("sync-conflict")));
        assert!(warnings
            .iter()
            .all(|w| w.line == 0 && w.message.starts_with("not read")));
    }
}
