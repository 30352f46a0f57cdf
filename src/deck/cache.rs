//! Imported decks kept in binary form, so a start does not parse the same TOML again.
//!
//! A deck file that parsed cleanly is written to `cache/decks/<hash of its path>.bin` in the
//! (local) data folder, by temp file + rename. The cached copy is used only while the deck file
//! still has the same size, modification time and first and last 4 KiB (hashed), read by the
//! same program version; any difference, or a cache file that does not decode (torn, edited,
//! another format), means the TOML is parsed again, silently. A file with errors is never
//! cached, so its messages are the parser's, every time. Deleting `cache/` changes nothing but
//! speed.
//!
//! The built-in decks need no cache: build.rs parses them and embeds them in this very binary
//! form (`builtin.rs`). The `builtin-<hash>.bin` files older versions kept here are removed by
//! the writer ([`remove_retired`]) and never read.

use std::fs::File;
use std::path::{Path, PathBuf};

pub use super::codec::{decode, encode};
use super::codec::{decode_deck, encode_deck, Reader, Writer};
use super::{Deck, DeckSource};

/// The start of every cache file: the format and the program that wrote it (a newer recall may
/// parse the same TOML differently, so it never trusts an older cache).
const MAGIC: &[u8] = concat!("recall-deck-cache 1 ", env!("CARGO_PKG_VERSION"), "\n").as_bytes();

/// How many bytes at each end of a deck file the key hashes.
const EDGE: usize = 4096;

/// What a deck file looked like when it was parsed: any change makes the cache stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileKey {
    pub len: u64,
    /// Modification time in nanoseconds since the epoch (0 when the system has none).
    pub mtime_ns: i128,
    /// FNV-1a of the first and the last `EDGE` bytes.
    pub edges: u64,
}

impl FileKey {
    /// The key of a file's metadata and whole contents (as just read).
    pub fn of_bytes(meta: &std::fs::Metadata, bytes: &[u8]) -> FileKey {
        let head = &bytes[..bytes.len().min(EDGE)];
        let tail = &bytes[bytes.len().saturating_sub(EDGE)..];
        FileKey {
            len: meta.len(),
            mtime_ns: mtime_ns(meta),
            edges: edges_hash(head, tail),
        }
    }

    /// The key of an open file, reading only its two ends.
    pub fn of_file(file: &File) -> std::io::Result<FileKey> {
        let meta = file.metadata()?;
        let len = meta.len();
        let mut head = vec![0u8; (len as usize).min(EDGE)];
        read_at(file, &mut head, 0)?;
        let mut tail = vec![0u8; (len as usize).min(EDGE)];
        let tail_at = len - tail.len() as u64;
        read_at(file, &mut tail, tail_at)?;
        Ok(FileKey {
            len,
            mtime_ns: mtime_ns(&meta),
            edges: edges_hash(&head, &tail),
        })
    }
}

fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

fn edges_hash(head: &[u8], tail: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::fnv::Fnv::default();
    h.write(head);
    h.write(&[0xff]);
    h.write(tail);
    h.finish()
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read as _, Seek as _};
    file.seek(std::io::SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

/// Where the cached copy of `deck_file` lives in `cache_dir`.
pub fn cache_file(cache_dir: &Path, deck_file: &Path) -> PathBuf {
    let name = deck_file.to_string_lossy();
    cache_dir.join(format!("{:016x}.bin", crate::fnv::fnv1a(&name)))
}

/// The cached deck of `deck_file` if the cache is valid for `key`; None otherwise (missing,
/// stale, corrupt: the caller parses the TOML).
pub fn load(cache_dir: &Path, deck_file: &Path, key: FileKey) -> Option<Deck> {
    let bytes = crate::store::read_regular(&cache_file(cache_dir, deck_file)).ok()?;
    let mut r = Reader(bytes.strip_prefix(MAGIC)?);
    let stored = FileKey {
        len: r.u64()?,
        mtime_ns: i128::from_le_bytes(r.take(16)?.try_into().ok()?),
        edges: r.u64()?,
    };
    if stored != key || r.str()? != deck_file.to_string_lossy() {
        return None;
    }
    let deck = decode_deck(&mut r, DeckSource::File(deck_file.to_path_buf()))?;
    r.0.is_empty().then_some(deck)
}

/// Writes the cached copy of a deck that parsed cleanly (temp file + rename). Failing to write
/// only costs speed, so errors are ignored.
pub fn store(cache_dir: &Path, deck_file: &Path, key: FileKey, deck: &Deck) {
    if !ready(cache_dir) {
        return;
    }
    let mut w = Writer(Vec::with_capacity(4096));
    w.0.extend_from_slice(MAGIC);
    w.u64(key.len);
    w.0.extend_from_slice(&key.mtime_ns.to_le_bytes());
    w.u64(key.edges);
    w.str(&deck_file.to_string_lossy());
    encode_deck(&mut w, deck);
    let _ = crate::store::write_cache_file(&cache_file(cache_dir, deck_file), &w.0);
}

/// Makes the cache folder; the first time in a process, also removes temp files a killed
/// writer left there (only the writer-lock holder writes the cache, so none is in use).
fn ready(cache_dir: &Path) -> bool {
    static CLEANED: std::sync::Once = std::sync::Once::new();
    if linked(cache_dir) || std::fs::create_dir_all(cache_dir).is_err() {
        return false;
    }
    CLEANED.call_once(|| crate::store::remove_stale_temp_files(cache_dir));
    true
}

/// Whether `cache/decks/` or `cache/` is a symlink (planted to point elsewhere): then nothing
/// is made, written or removed there.
fn linked(cache_dir: &Path) -> bool {
    let link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    cache_dir.ancestors().take(2).any(link)
}

/// Removes the built-in decks' binary copies older versions wrote (`builtin-<hash>.bin`):
/// the decks are embedded parsed now, so these are never read. Called by the writer only.
pub fn remove_retired(cache_dir: &Path) {
    if linked(cache_dir) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(cache_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let retired = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with("builtin-") && n.ends_with(".bin"))
            && entry.file_type().is_ok_and(|t| t.is_file());
        if retired {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
