//! The file format of the log's binary copy (`log_copy`): fixed little-endian fields, a
//! magic, a format number and a CRC-32 of everything before it, as the snapshot's.
//!
//! Layout: magic, format, the head's length, the head (program build, the saved point, file
//! names, card ids, the number of events), then one 26-byte record per event, then the CRC.
//! The head comes first with its length so a reader can check the saved point before it
//! reads the records, and read those in pieces straight into a log with room for the events
//! that follow the copy (no second buffer the size of the file).

use std::io::Read;

use super::bytes::{Reader, Writer};
use super::{DecodeError, FileMark};
use crate::schedule::Millis;
use crate::store::{EventKind, LoadedLog, LogEvent, LogWarning, Origin};

/// The first bytes of every copy.
const MAGIC: &[u8; 8] = b"RCLLOGC\0";
/// Bumped whenever the layout changes: an older or newer file is then simply not used.
pub const FORMAT: u32 = 1;
/// The size of one event's record.
pub const RECORD: usize = 26;
/// Magic, format and the head's length.
const PREAMBLE: usize = 8 + 4 + 8;
/// Records decoded per read.
const BATCH: usize = 4096;

/// The saved point a copy was taken at (the same marks the snapshot keeps).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    /// The program build that wrote it (its parser read the lines).
    pub version: String,
    /// The latest time of any event before the marks (`i64::MIN`: none).
    pub max_at: Millis,
    pub marks: Vec<FileMark>,
    /// The damaged lines before the marks.
    pub warnings: Vec<LogWarning>,
}

/// Encodes a copy of `log` taken at `point`.
pub fn encode(point: &Point, log: &LoadedLog) -> Vec<u8> {
    let mut h = Writer(Vec::new());
    h.str(&point.version);
    h.i64(point.max_at);
    h.marks(&point.marks);
    h.warnings(&point.warnings);
    h.u32(log.files.len() as u32);
    for f in &log.files {
        h.str(f);
    }
    h.u32(log.cards.len() as u32);
    for c in &log.cards {
        h.str(c);
    }
    h.u32(log.events.len() as u32);
    let mut w = Writer(Vec::with_capacity(
        PREAMBLE + h.0.len() + log.events.len() * RECORD + 4,
    ));
    w.0.extend_from_slice(MAGIC);
    w.u32(FORMAT);
    w.u64(h.0.len() as u64);
    w.0.extend_from_slice(&h.0);
    for (i, e) in log.events.iter().enumerate() {
        let o = log.origin(i);
        let (tag, small, arg) = kind_code(e.kind);
        w.i64(e.at);
        w.u32(e.card);
        w.u32(o.file);
        w.u32(o.seq);
        w.0.extend_from_slice(&[tag, small]);
        w.u32(arg);
    }
    let crc = crc32fast::hash(&w.0);
    w.u32(crc);
    w.0
}

/// Decodes a whole copy held in memory.
pub fn decode(bytes: &[u8]) -> Result<(Point, LoadedLog), DecodeError> {
    let head = Head::read(bytes, bytes.len() as u64)?;
    let point = head.point.clone();
    Ok((point, head.events(0)?))
}

/// A copy whose head was read (and checked against the file's length): its saved point, and
/// what is needed to read its records.
pub struct Head<R> {
    pub point: Point,
    files: Vec<String>,
    cards: Vec<String>,
    events: usize,
    source: R,
    crc: crc32fast::Hasher,
}

/// Reads exactly `buf.len()` bytes; a short file is a corrupt copy.
fn fill(source: &mut impl Read, buf: &mut [u8]) -> Result<(), DecodeError> {
    source.read_exact(buf).map_err(|_| DecodeError::Corrupt)
}

impl<R: Read> Head<R> {
    /// Reads the head of a copy `len` bytes long from `source`.
    pub fn read(mut source: R, len: u64) -> Result<Head<R>, DecodeError> {
        let mut pre = [0u8; PREAMBLE];
        fill(&mut source, &mut pre)?;
        if &pre[..8] != MAGIC {
            return Err(DecodeError::Corrupt);
        }
        let mut crc = crc32fast::Hasher::new();
        crc.update(&pre);
        let mut r = Reader(&pre[8..]);
        let format = r.u32()?;
        let head_len = r.u64()?;
        let body = len.checked_sub(PREAMBLE as u64 + 4);
        if body.is_none_or(|b| head_len > b) {
            return Err(DecodeError::Corrupt);
        }
        let mut head = vec![0u8; head_len as usize];
        fill(&mut source, &mut head)?;
        crc.update(&head);
        let mut r = Reader(&head);
        let parsed = (|| {
            let version = r.str()?;
            let max_at = r.i64()?;
            let marks = r.marks()?;
            let warnings = r.warnings()?;
            let files = (0..r.len(4)?)
                .map(|_| r.str())
                .collect::<Result<Vec<_>, _>>()?;
            let cards = (0..r.len(4)?)
                .map(|_| r.str())
                .collect::<Result<Vec<_>, _>>()?;
            let events = r.u32()? as usize;
            Ok((version, max_at, marks, warnings, files, cards, events))
        })();
        // Another layout: its head may not even parse as this one's.
        if format != FORMAT {
            return Err(DecodeError::Format);
        }
        let (version, max_at, marks, warnings, files, cards, events) = parsed?;
        if !r.0.is_empty() || (events * RECORD) as u64 + head_len + PREAMBLE as u64 + 4 != len {
            return Err(DecodeError::Corrupt);
        }
        Ok(Head {
            point: Point {
                version,
                max_at,
                marks,
                warnings,
            },
            files,
            cards,
            events,
            source,
            crc,
        })
    }

    /// Reads the records into a log with room for `extra` more events, and checks the CRC.
    pub fn events(mut self, extra: usize) -> Result<LoadedLog, DecodeError> {
        let mut events = Vec::with_capacity(self.events + extra);
        let mut origins = Vec::with_capacity(self.events + extra);
        let mut buf = vec![0u8; BATCH * RECORD];
        let mut left = self.events;
        while left > 0 {
            let n = left.min(BATCH);
            let chunk = &mut buf[..n * RECORD];
            fill(&mut self.source, chunk)?;
            self.crc.update(chunk);
            for rec in chunk.chunks_exact(RECORD) {
                let (event, origin) = record(rec, self.cards.len(), self.files.len())?;
                events.push(event);
                origins.push(origin);
            }
            left -= n;
        }
        let mut crc = [0u8; 4];
        fill(&mut self.source, &mut crc)?;
        if self.crc.finalize() != u32::from_le_bytes(crc) {
            return Err(DecodeError::Corrupt);
        }
        Ok(LoadedLog {
            cards: self.cards,
            events,
            warnings: Vec::new(),
            origins,
            files: self.files,
        })
    }
}

/// One record, checked to name a card and a file the copy lists.
fn record(rec: &[u8], cards: usize, files: usize) -> Result<(LogEvent, Origin), DecodeError> {
    let num = |at: usize| u32::from_le_bytes([rec[at], rec[at + 1], rec[at + 2], rec[at + 3]]);
    let mut at = [0u8; 8];
    at.copy_from_slice(&rec[..8]);
    let (card, file, seq) = (num(8), num(12), num(16));
    if card as usize >= cards || file as usize >= files {
        return Err(DecodeError::Corrupt);
    }
    let event = LogEvent {
        at: i64::from_le_bytes(at),
        card,
        kind: kind_from(rec[20], rec[21], num(22))?,
    };
    Ok((event, Origin { file, seq }))
}

/// An event's kind as (tag, a byte, a number).
fn kind_code(kind: EventKind) -> (u8, u8, u32) {
    match kind {
        EventKind::Review { rating, ms } => (0, rating, ms),
        EventKind::Undo => (1, 0, 0),
        EventKind::UndoOf(seq) => (2, 0, seq),
        EventKind::Suspend => (3, 0, 0),
        EventKind::Unsuspend => (4, 0, 0),
        EventKind::Bury => (5, 0, 0),
        EventKind::QuizMiss => (6, 0, 0),
        EventKind::Unbury => (7, 0, 0),
        EventKind::Forget => (8, 0, 0),
        EventKind::SetDue { days, reset } => (9, u8::from(reset), days),
        EventKind::Cram { rating, ms } => (10, rating, ms),
    }
}

fn kind_from(tag: u8, small: u8, arg: u32) -> Result<EventKind, DecodeError> {
    Ok(match tag {
        0 => EventKind::Review {
            rating: small,
            ms: arg,
        },
        1 => EventKind::Undo,
        2 => EventKind::UndoOf(arg),
        3 => EventKind::Suspend,
        4 => EventKind::Unsuspend,
        5 => EventKind::Bury,
        6 => EventKind::QuizMiss,
        7 => EventKind::Unbury,
        8 => EventKind::Forget,
        9 if small <= 1 => EventKind::SetDue {
            days: arg,
            reset: small == 1,
        },
        10 => EventKind::Cram {
            rating: small,
            ms: arg,
        },
        _ => return Err(DecodeError::Corrupt),
    })
}
