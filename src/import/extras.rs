//! Writing a whole import: the decks (see `write_plan`), then what an Anki package adds: its
//! media files under `media/<deck>/`, and its review history appended to this device's review
//! log in one write and one `fdatasync` through the log's own appender. History already in any
//! device's log (the same card at the same moment) is not appended again, so re-importing adds
//! nothing. History older than the card's latest event in any log (an answer given in recall
//! since an earlier export) is skipped and counted: appended behind that event, it would
//! replay out of time order, since replay keeps each file's own order. The lines carry no
//! sequence number (like lines from before logs were numbered):
//! they are not answers given on this device, and an appender the TUI holds keeps counting.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::store::{write_plan, PlannedDeck};
use crate::fnv::FnvBuildHasher;
use crate::store::log::format_line;
use crate::store::{write_atomically, Paths, ReviewLog, StoreError, WriterLock};

/// What writing an import added beyond the decks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// History events appended to the review log.
    pub events_added: usize,
    /// History events the log already had (an earlier import of the same package).
    pub events_present: usize,
    /// History events older than the card's latest event in the log (studied in recall since),
    /// skipped so that replay stays in time order.
    pub events_older: usize,
    pub media_written: usize,
    pub media_unchanged: usize,
}

/// The folder a deck's media files go to.
pub fn media_dir(data_dir: &Path, deck_id: &str) -> PathBuf {
    data_dir.join("media").join(deck_id)
}

/// Writes a planned import under the writer lock: media, decks, then the history lines.
/// Everything that can be checked is checked before the first write.
pub fn write_import(
    plan: &[PlannedDeck],
    paths: &Paths,
    lock: &WriterLock,
) -> Result<Written, StoreError> {
    let mut written = Written::default();
    let media = plan_media(plan, &paths.data_dir, &mut written)?;
    let lines = history_lines(plan, paths, &mut written)?;
    for (path, bytes) in &media {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        write_atomically(path, bytes)?;
    }
    write_plan(plan, lock)?;
    if !lines.is_empty() {
        let device = crate::store::device::load_or_create(&paths.device_file)?;
        paths.ensure_log_dirs()?;
        ReviewLog::open_append(&paths.own_log(&device))?.append_line(&lines)?;
    }
    Ok(written)
}

/// The media files to write (only those missing or different), after checking that every
/// target is a regular file or absent, and that no folder on the way is a link elsewhere.
fn plan_media<'a>(
    plan: &'a [PlannedDeck],
    data_dir: &Path,
    written: &mut Written,
) -> Result<Vec<(PathBuf, &'a [u8])>, StoreError> {
    let mut out = Vec::new();
    for p in plan {
        if p.media.is_empty() {
            continue;
        }
        let dir = media_dir(data_dir, &p.deck.id);
        for d in [data_dir.join("media"), dir.clone()] {
            if let Ok(meta) = std::fs::symlink_metadata(&d) {
                if !meta.is_dir() {
                    return Err(not_regular(&d, "not a folder"));
                }
            }
        }
        for m in &p.media {
            if !super::apkg::safe_media_name(&m.name) {
                return Err(not_regular(&dir.join(&m.name), "unsafe media name"));
            }
            let path = dir.join(&m.name);
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if !meta.is_file() => {
                    return Err(not_regular(&path, "not a regular file"))
                }
                Ok(_) if std::fs::read(&path).is_ok_and(|b| b == m.bytes) => {
                    written.media_unchanged += 1;
                }
                _ => {
                    written.media_written += 1;
                    out.push((path, m.bytes.as_slice()));
                }
            }
        }
    }
    Ok(out)
}

fn not_regular(path: &Path, what: &str) -> StoreError {
    StoreError::io(
        path,
        std::io::Error::other(format!("{what}; nothing was written")),
    )
}

/// The history lines not yet in the log, as one string (each line a whole event).
fn history_lines(
    plan: &[PlannedDeck],
    paths: &Paths,
    written: &mut Written,
) -> Result<String, StoreError> {
    if plan.iter().all(|p| p.history.is_empty()) {
        return Ok(String::new());
    }
    let log = crate::store::logset::load_review_logs(paths)?;
    let index: HashMap<&str, u32, FnvBuildHasher> = log
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i as u32))
        .collect();
    let present: HashSet<(u32, i64), FnvBuildHasher> =
        log.events.iter().map(|e| (e.card, e.at)).collect();
    // The latest event of each card, by its index in the log.
    let mut latest: Vec<i64> = vec![i64::MIN; log.cards.len()];
    for e in &log.events {
        if let Some(at) = latest.get_mut(e.card as usize) {
            *at = (*at).max(e.at);
        }
    }
    let total: usize = plan.iter().map(|p| p.history.len()).sum();
    let mut new: HashSet<(&str, &str, i64), FnvBuildHasher> =
        HashSet::with_capacity_and_hasher(total, FnvBuildHasher::default());
    let mut out = String::with_capacity(total * 96);
    for p in plan {
        // A card's events come together: its global id and log index are worked out once.
        let mut current: Option<(&str, String, Option<u32>)> = None;
        for e in &p.history {
            if current.as_ref().is_none_or(|(c, ..)| *c != e.card.as_str()) {
                let global = format!("{}/{}", p.deck.id, e.card);
                let card = index.get(global.as_str()).copied();
                current = Some((e.card.as_str(), global, card));
            }
            let Some((_, global, card)) = &current else {
                continue;
            };
            let known = card.is_some_and(|i| present.contains(&(i, e.at)));
            if known || new.contains(&(p.deck.id.as_str(), e.card.as_str(), e.at)) {
                written.events_present += 1;
                continue;
            }
            if card.is_some_and(|i| e.at < latest[i as usize]) {
                written.events_older += 1;
                continue;
            }
            new.insert((p.deck.id.as_str(), e.card.as_str(), e.at));
            format_line(&mut out, e.at, global, e.kind);
            written.events_added += 1;
        }
    }
    Ok(out)
}
