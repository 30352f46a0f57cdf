//! Opening everything a command needs: decks (built-in and imported), config, the log, and
//! the collection replayed from it. One place, so the TUI and the read-only commands agree.

use std::path::{Path, PathBuf};

use crate::deck::cache::{self as deck_cache, FileKey};
use crate::deck::{builtin_decks, parse_deck, Deck, DeckError, DeckSource};
use crate::schedule::{Millis, Scheduler};
use crate::store::{Config, LoadedLog, Paths, StoreError};
use crate::study::snapshot::{self, Fallback};
use crate::study::{scheduler_config, Collection};

/// Why the collection could not be opened; each message names the file to look at.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Decks(Vec<DeckError>),
    #[error("{file}: {message}")]
    Config { file: String, message: String },
}

/// The opened collection plus what the user should be told about (skipped log lines, decks).
pub struct Opened {
    pub config: Config,
    pub scheduler: Scheduler,
    pub collection: Collection,
    /// The parsed log the collection was replayed from (stats and optimize read it).
    pub log: LoadedLog,
    pub warnings: Vec<String>,
}

/// Loads built-in decks and every imported deck in `dir` (`*.toml`, sorted by file name).
/// A file with a built-in deck's id is that deck's override (a corrected copy, see
/// `crate::edit`): it takes the built-in deck's place, and removing the file brings the
/// built-in one back. An imported deck that fails to parse or reuses another file's id is
/// skipped with a warning, so one bad file never locks a user out of studying the rest.
pub fn load_decks(dir: &Path) -> Result<(Vec<Deck>, Vec<String>), OpenError> {
    load_decks_cached(dir, None)
}

/// The binary deck cache (`deck::cache`) a load may use: read from `dir`, and written there
/// only by the one writer (the process holding the writer lock), so reading commands never
/// create files.
#[derive(Clone, Copy, Debug)]
pub struct DeckCache<'a> {
    pub dir: &'a Path,
    pub write: bool,
}

/// [`load_decks`], with the imported decks that parsed cleanly before read from their binary
/// copy when the files are unchanged; None parses every imported file. (The built-in decks
/// are always read from the copy build.rs parsed.)
pub fn load_decks_cached(
    dir: &Path,
    cache: Option<DeckCache<'_>>,
) -> Result<(Vec<Deck>, Vec<String>), OpenError> {
    // Parsed at build time: decoding them is all a start does.
    let mut decks = builtin_decks().map_err(OpenError::Decks)?;
    if let Some(c) = cache.filter(|c| c.write) {
        deck_cache::remove_retired(c.dir);
    }
    let builtin = decks.len();
    let mut warnings: Vec<String> = conflict_copies(dir)
        .iter()
        .map(|f| {
            format!(
                "{}: not loaded: a sync tool's conflict copy (the deck was changed on two machines); keep the version you want as the deck's file and delete the other",
                f.display()
            )
        })
        .collect();
    for (file, result) in read_files(dir, cache) {
        match result {
            Ok(deck) => match decks.iter().position(|d| d.id == deck.id) {
                // The first file with a built-in id overrides it, in the built-in's place.
                Some(i) if i < builtin && matches!(decks[i].source, DeckSource::Builtin(_)) => {
                    decks[i] = deck;
                }
                Some(_) => warnings.push(format!(
                    "{}: skipped: deck id {:?} is already used by another deck",
                    file.display(),
                    deck.id
                )),
                None => decks.push(deck),
            },
            Err(errors) => warnings.extend(errors.iter().map(|e| format!("{e} (deck skipped)"))),
        }
    }
    Ok((decks, warnings))
}

/// Whether a loaded deck is a file overriding a built-in deck of the same id.
pub fn is_override(deck: &Deck, builtin_ids: &[&str]) -> bool {
    matches!(deck.source, DeckSource::File(_)) && builtin_ids.contains(&deck.id.as_str())
}

/// Reads and parses one deck file, as the library would load it (an editor just saved it).
pub fn read_deck_file(file: &Path) -> Result<Deck, Vec<DeckError>> {
    read_deck(file, None).1
}

/// Every imported deck file in `dir` (`*.toml`), parsed, in file-name order: the order that
/// decides which file wins when two hold the same deck id (the first). Shared with import so
/// that it updates the very deck the library loads.
pub fn read_deck_files(dir: &Path) -> Vec<(PathBuf, Result<Deck, Vec<DeckError>>)> {
    read_files(dir, None)
}

fn read_files(
    dir: &Path,
    cache: Option<DeckCache<'_>>,
) -> Vec<(PathBuf, Result<Deck, Vec<DeckError>>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && !is_conflict_copy(p))
        .collect();
    files.sort();
    // Parse on every core (a large imported deck takes tens of milliseconds), keeping the
    // file-name order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || part.iter().map(|f| read_deck(f, cache)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Whether a file name is a folder-sync tool's conflict copy: Syncthing's
/// `name.sync-conflict-DATE-TIME-DEVICE.toml`, Dropbox's `name (… conflicted copy …).toml`,
/// Nextcloud's `name (conflicted copy …).toml`. Such a copy holds the same deck id as the
/// original, so it is never loaded; the user is told which file it is.
pub fn is_conflict_copy(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .is_some_and(|n| n.contains(".sync-conflict-") || n.contains("conflicted copy"))
}

/// The conflict copies among the deck files in `dir`, sorted.
fn conflict_copies(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && is_conflict_copy(p))
        .collect();
    found.sort();
    found
}

/// The deck the library uses for `id` among [`read_deck_files`]' results: the first that
/// parses with that id.
pub fn first_with_id<'a>(
    files: &'a [(PathBuf, Result<Deck, Vec<DeckError>>)],
    id: &str,
) -> Option<(&'a Path, &'a Deck)> {
    files.iter().find_map(|(p, d)| match d {
        Ok(d) if d.id == id => Some((p.as_path(), d)),
        _ => None,
    })
}

/// Reads and parses one imported deck file; messages name its path. With a cache folder, an
/// unchanged file that parsed cleanly before is read from its binary copy, and a file that
/// parses cleanly now is copied there.
fn read_deck(file: &Path, cache: Option<DeckCache<'_>>) -> (PathBuf, Result<Deck, Vec<DeckError>>) {
    if let Some(c) = cache {
        let cached = crate::store::open_regular(file)
            .and_then(|f| FileKey::of_file(&f))
            .ok()
            .and_then(|key| deck_cache::load(c.dir, file, key));
        if let Some(deck) = cached {
            return (file.to_path_buf(), Ok(deck));
        }
    }
    let name = file.display().to_string();
    // Taken before reading: if the file changes meanwhile, the cache's time is already stale.
    let meta = std::fs::metadata(file);
    // A FIFO or a device here must not hang start-up: only regular files are read.
    let bytes = crate::store::read_regular(file);
    let key = match (&meta, &bytes, cache) {
        (Ok(meta), Ok(bytes), Some(c)) if c.write => Some(FileKey::of_bytes(meta, bytes)),
        _ => None,
    };
    let text = bytes.and_then(|b| {
        String::from_utf8(b).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    });
    let result = match text {
        Ok(src) => {
            let parsed = parse_deck(&src, &name, DeckSource::File(file.to_path_buf()));
            if let (Ok(deck), Some(key), Some(c)) = (&parsed, key, cache) {
                deck_cache::store(c.dir, file, key, deck);
            }
            parsed
        }
        Err(e) => Err(vec![DeckError::at(
            &name,
            None,
            None,
            format!("skipped: {e}"),
        )]),
    };
    (file.to_path_buf(), result)
}

/// Opens the collection read-only as of `now`: config, decks, and the replayed log. Deck
/// caches are read, never written (see [`open_as_writer`]).
pub fn open(paths: &Paths, now: Millis, utc_offset_secs: i32) -> Result<Opened, OpenError> {
    let s = open_with(paths, now, utc_offset_secs, true, false)?;
    Ok(s.into_opened())
}

/// [`open`] for the process that holds the writer lock: it also writes the binary copies of
/// decks that were parsed (`deck::cache`), so the next start skips their TOML.
pub fn open_as_writer(
    paths: &Paths,
    now: Millis,
    utc_offset_secs: i32,
) -> Result<Opened, OpenError> {
    Ok(open_with(paths, now, utc_offset_secs, true, true)?.into_opened())
}

/// What [`open_start`] opens: the collection without necessarily the whole log.
pub struct Started {
    pub config: Config,
    pub scheduler: Scheduler,
    pub collection: Collection,
    /// The parsed log, when it was read whole (no usable snapshot, or asked for).
    pub log: Option<LoadedLog>,
    pub warnings: Vec<String>,
    /// How the collection was made: from the snapshot and this many events after it, or by a
    /// full replay, for this reason.
    pub source: Result<usize, Fallback>,
    /// The time taken by the latest answers (`plan::recent_answer_ms`), from the log or the
    /// snapshot: Home's estimate needs no log.
    pub recent_ms: Vec<u32>,
}

impl Started {
    fn into_opened(self) -> Opened {
        Opened {
            config: self.config,
            scheduler: self.scheduler,
            collection: self.collection,
            log: self.log.unwrap_or_default(),
            warnings: self.warnings,
        }
    }
}

/// Opens the collection for a start that needs only the cards' states (the study screen,
/// `recall cards`): from the snapshot and the log lines after it when they match, else by a
/// full replay (which then saves a new snapshot). `writer`: the process holds the writer lock
/// and also writes the decks' binary cache.
pub fn open_start(
    paths: &Paths,
    now: Millis,
    utc_offset_secs: i32,
    writer: bool,
) -> Result<Started, OpenError> {
    open_with(paths, now, utc_offset_secs, false, writer)
}

/// A snapshot is saved after a start that replayed everything, or this many events after one.
const SAVE_AFTER_EVENTS: usize = 2_000;

fn open_with(
    paths: &Paths,
    now: Millis,
    utc_offset_secs: i32,
    want_log: bool,
    write_caches: bool,
) -> Result<Started, OpenError> {
    let config = Config::load(&paths.config_file)?;
    let sched_config =
        scheduler_config(&config, utc_offset_secs).map_err(|message| OpenError::Config {
            file: paths.config_file.display().to_string(),
            message,
        })?;
    let scheduler = Scheduler::new(sched_config).map_err(|e| OpenError::Config {
        file: paths.config_file.display().to_string(),
        message: e.to_string(),
    })?;
    // The decks, the snapshot with the log lines after it, and (when asked for) the whole
    // log are independent: read them side by side.
    let (decks, tail, full) = std::thread::scope(|s| {
        let tail = s.spawn(|| snapshot::read_tail(paths, &scheduler));
        let full = want_log.then(|| s.spawn(|| snapshot::load_marked(paths)));
        let dir = deck_cache_dir(paths);
        let cache = DeckCache {
            dir: &dir,
            write: write_caches,
        };
        let decks = load_decks_cached(&paths.decks_dir, Some(cache));
        crate::trace::mark("decks read");
        let tail = tail.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        let full = full.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (decks, tail, full)
    });
    crate::trace::mark("decks and snapshot joined");
    let (decks, mut warnings) = decks?;
    let mut collection = Collection::unanswered(decks, scheduler.day_of(now));
    crate::trace::mark("cards listed");
    let restored = tail.and_then(|t| t.restore(&mut collection, &scheduler, now));
    crate::trace::mark("snapshot states restored");
    let (log, log_warnings, source, recent_ms) = match restored {
        Ok(r) => {
            if r.tail_events >= SAVE_AFTER_EVENTS {
                let _ = snapshot::save(paths, &collection, &scheduler, &r.point);
            }
            let log = full.transpose()?.map(|(log, _)| log);
            (log, r.warnings, Ok(r.tail_events), r.point.recent_ms)
        }
        Err(reason) => {
            let (log, marks) = match full {
                Some(full) => full?,
                None => snapshot::load_marked(paths)?,
            };
            let decks = std::mem::take(&mut collection.decks);
            collection = Collection::replay(decks, &log, &scheduler, now);
            let point = snapshot::SavePoint::after_full(&log, marks);
            // A cache: a folder that cannot be written only makes the next start slower.
            let _ = snapshot::save(paths, &collection, &scheduler, &point);
            let log_warnings = log.warnings.clone();
            (Some(log), log_warnings, Err(reason), point.recent_ms)
        }
    };
    warnings.extend(log_warnings.iter().map(ToString::to_string));
    // The hint is about damaged lines (line > 0), not about stray files in logs/.
    if log_warnings.iter().any(|w| w.line > 0) {
        warnings.push(REPAIR_HINT.to_string());
    }
    Ok(Started {
        config,
        scheduler,
        collection,
        log,
        warnings,
        source,
        recent_ms,
    })
}

/// Where parsed imported decks are cached: `cache/decks/` in the local data folder (never in
/// a synced folder: the cache is keyed by this machine's file times).
pub fn deck_cache_dir(paths: &Paths) -> PathBuf {
    paths.data_dir.join("cache").join("decks")
}

/// Said once after the warnings about damaged log lines (which are skipped, never deleted).
pub const REPAIR_HINT: &str = "the damaged lines are skipped; `recall repair` moves them to a \
     side file (after a backup) so this warning stops";

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(id: &str, title: &str) -> String {
        format!("[deck]\nid = \"{id}\"\ntitle = \"{title}\"\n\n[[cards]]\nid = \"a\"\nfront = \"A?\"\nback = \"A.\"\n")
    }

    #[test]
    fn a_sync_tools_conflict_copy_of_a_deck_is_named_and_never_loaded() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("mine.toml"), deck("mine", "Mine")).expect("deck");
        for copy in [
            "mine.sync-conflict-20261130-101500-ABCDEFG.toml",
            "mine (Ann's conflicted copy 2026-11-30).toml",
        ] {
            std::fs::write(dir.path().join(copy), deck("mine", "Other machine's")).expect("copy");
        }
        let (decks, warnings) = load_decks(dir.path()).expect("loads");
        let mine: Vec<&Deck> = decks.iter().filter(|d| d.id == "mine").collect();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].title, "Mine");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings.iter().all(|w| w.contains("conflict copy")),
            "{warnings:?}"
        );
        assert!(warnings[1].contains("sync-conflict"), "{warnings:?}");
    }

    #[test]
    fn imported_decks_load_in_file_order_and_bad_or_clashing_ones_are_skipped() {
        // d.toml and d2.toml carry a built-in deck's id: the first overrides it in place (issue
        // 14), the second clashes with that override and is skipped.
        let dir = tempfile::tempdir().expect("temp dir");
        let builtin = builtin_decks().expect("valid").len();
        let files = [
            ("a.toml", deck("first", "First")),
            ("b.toml", deck("first", "Clash")),
            ("c.toml", "not toml [".to_string()),
            ("d.toml", deck("s3-security", "Override of a built-in deck")),
            ("d2.toml", deck("s3-security", "Clashes with the override")),
            ("e.toml", deck("second", "Second")),
            ("notes.txt", deck("ignored", "Not a .toml file")),
        ];
        for n in 0..12 {
            std::fs::write(
                dir.path().join(format!("z{n:02}.toml")),
                deck(&format!("z{n}"), "Z"),
            )
            .expect("write");
        }
        for (name, text) in &files {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        let (decks, warnings) = load_decks(dir.path()).expect("loads");
        let imported: Vec<&str> = decks[builtin..].iter().map(|d| d.id.as_str()).collect();
        let mut expected = vec!["first", "second"];
        let zs: Vec<String> = (0..12).map(|n| format!("z{n}")).collect();
        expected.extend(zs.iter().map(String::as_str));
        assert_eq!(imported, expected);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].contains("b.toml: skipped: deck id \"first\" is already used"));
        assert!(warnings[1].contains("c.toml:") && warnings[1].ends_with("(deck skipped)"));
        assert!(warnings[2].contains("d2.toml: skipped: deck id \"s3-security\""));
        let s3: Vec<&Deck> = decks.iter().filter(|d| d.id == "s3-security").collect();
        assert_eq!(s3.len(), 1);
        assert_eq!(s3[0].title, "Override of a built-in deck");
        let at = decks
            .iter()
            .position(|d| d.id == "s3-security")
            .expect("s3");
        assert!(at < builtin, "the override keeps the built-in deck's place");
    }
}
