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
//! The built-in decks are kept the same way in `cache/decks/builtin-<hash>.bin`, the hash made
//! at build time from their files (build.rs), so a start reads them without parsing TOML.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{Card, CardContent, Deck, DeckSource};

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
    // `cache/` planted as a symlink elsewhere: no folder is made there (nor written).
    let linked = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if cache_dir.ancestors().take(2).any(linked) || std::fs::create_dir_all(cache_dir).is_err() {
        return false;
    }
    CLEANED.call_once(|| crate::store::remove_stale_temp_files(cache_dir));
    true
}

/// Where the built-in decks' binary copy lives: named by the hash of their files.
fn builtin_file(cache_dir: &Path) -> PathBuf {
    cache_dir.join(format!("builtin-{:016x}.bin", super::builtin::BUILTIN_HASH))
}

/// The built-in decks from their binary copy in `cache_dir` (written by this program for these
/// very files), or None.
pub fn load_builtin(cache_dir: &Path) -> Option<Vec<Deck>> {
    let bytes = crate::store::read_regular(&builtin_file(cache_dir)).ok()?;
    let mut r = Reader(bytes.strip_prefix(MAGIC)?);
    let files = super::BUILTIN_FILES;
    if r.len()? != files.len() {
        return None;
    }
    let decks = files
        .iter()
        .map(|(name, _)| decode_deck(&mut r, DeckSource::Builtin(name)))
        .collect::<Option<Vec<Deck>>>()?;
    r.0.is_empty().then_some(decks)
}

/// Writes the built-in decks' binary copy (one deck per embedded file, in file order).
pub fn store_builtin(cache_dir: &Path, decks: &[Deck]) {
    if decks.len() != super::BUILTIN_FILES.len() || !ready(cache_dir) {
        return;
    }
    let mut w = Writer(Vec::with_capacity(1 << 20));
    w.0.extend_from_slice(MAGIC);
    w.u64(decks.len() as u64);
    decks.iter().for_each(|d| encode_deck(&mut w, d));
    let _ = crate::store::write_cache_file(&builtin_file(cache_dir), &w.0);
}

/// A deck in the cache's binary form (its source is not stored: it is the deck file).
pub fn encode(deck: &Deck) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    encode_deck(&mut w, deck);
    w.0
}

/// The deck [`encode`] wrote, read back with `source`; None for anything else.
pub fn decode(bytes: &[u8], source: DeckSource) -> Option<Deck> {
    let mut r = Reader(bytes);
    let deck = decode_deck(&mut r, source)?;
    r.0.is_empty().then_some(deck)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
            None => self.0.push(0),
        }
    }
    fn strs(&mut self, v: &[String]) {
        self.u64(v.len() as u64);
        v.iter().for_each(|s| self.str(s));
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    /// A length that must fit in what is left (so a corrupt count cannot allocate much).
    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n <= self.0.len()).then_some(n)
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.string()).collect()
    }
}

fn encode_deck(w: &mut Writer, deck: &Deck) {
    w.str(&deck.id);
    w.str(&deck.title);
    w.str(&deck.section);
    w.opt(deck.description.as_deref());
    w.u64(deck.cards.len() as u64);
    for card in &deck.cards {
        w.str(&card.id);
        match &card.content {
            CardContent::Basic { front, back } => {
                w.0.push(0);
                w.str(front);
                w.str(back);
            }
            CardContent::Choice {
                front,
                choices,
                answer,
            } => {
                w.0.push(1);
                w.str(front);
                w.strs(choices);
                w.u64(answer.len() as u64);
                answer.iter().for_each(|&a| w.u64(a as u64));
            }
            CardContent::Cloze { text } => {
                w.0.push(2);
                w.str(text);
            }
        }
        w.strs(&card.tags);
        w.opt(card.explain.as_deref());
        w.strs(&card.source);
        w.0.push(u8::from(card.archived));
        w.u64(card.line as u64);
    }
}

fn decode_deck(r: &mut Reader<'_>, source: DeckSource) -> Option<Deck> {
    let id = r.string()?;
    let title = r.string()?;
    let section = r.string()?;
    let description = r.opt()?;
    let count = r.len()?;
    let mut cards = Vec::with_capacity(count);
    for _ in 0..count {
        let id = r.string()?;
        let content = match r.u8()? {
            0 => CardContent::Basic {
                front: r.string()?,
                back: r.string()?,
            },
            1 => {
                let front = r.string()?;
                let choices = r.strs()?;
                let n = r.len()?;
                let answer = (0..n)
                    .map(|_| r.u64().and_then(|a| usize::try_from(a).ok()))
                    .collect::<Option<Vec<usize>>>()?;
                CardContent::Choice {
                    front,
                    choices,
                    answer,
                }
            }
            2 => CardContent::Cloze { text: r.string()? },
            _ => return None,
        };
        cards.push(Card {
            id,
            content,
            tags: r.strs()?,
            explain: r.opt()?,
            source: r.strs()?,
            archived: match r.u8()? {
                0 => false,
                1 => true,
                _ => return None,
            },
            line: usize::try_from(r.u64()?).ok()?,
        });
    }
    Some(Deck {
        id,
        title,
        section,
        description,
        cards,
        source,
    })
}

#[cfg(test)]
mod tests;
