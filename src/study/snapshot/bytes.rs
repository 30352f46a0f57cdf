//! The snapshot's file format: a fixed little-endian layout, a magic, a format number and a
//! CRC-32 of everything before it. Hand-rolled (no serde): it is a few plain numbers per card,
//! and decoding 100,000 cards must take about a millisecond.

use super::{FileMark, SavedCard, Snapshot};
use crate::schedule::{CardState, Phase};
use crate::store::log::in_log_range;
use crate::store::LogWarning;
use crate::study::DayCounts;

/// The first bytes of every snapshot file.
const MAGIC: &[u8; 8] = b"RCLSNAP\0";
/// Bumped whenever the layout changes: an older or newer file is then simply not used.
pub const FORMAT: u32 = 2;

/// Encodes a snapshot, checksum last.
pub fn encode(s: &Snapshot) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64 + s.cards.len() * 44));
    w.0.extend_from_slice(MAGIC);
    w.u32(FORMAT);
    w.str(&s.version);
    w.u64(s.config_fp);
    w.u64(s.decks_fp);
    w.i64(s.max_at);
    w.i32(s.counts_day);
    w.marks(&s.files);
    w.warnings(&s.warnings);
    w.u32(s.recent_ms.len() as u32);
    for &ms in &s.recent_ms {
        w.u32(ms);
    }
    w.u32(s.counts.len() as u32);
    for c in &s.counts {
        w.u32(c.new);
        w.u32(c.reviews);
    }
    w.u32(s.cards.len() as u32);
    for c in &s.cards {
        let st = &c.state;
        let flags = u8::from(c.suspended)
            | u8::from(c.buried_day.is_some()) << 1
            | u8::from(st.last_review.is_some()) << 2;
        w.0.extend_from_slice(&[phase_code(st.phase), st.step, flags]);
        w.u32(st.stability.to_bits());
        w.u32(st.difficulty.to_bits());
        w.i64(st.due);
        w.u32(st.interval_days);
        w.i64(st.last_review.unwrap_or(0));
        w.u32(st.reps);
        w.u32(st.lapses);
        w.i32(c.buried_day.unwrap_or(0));
    }
    let crc = crc32fast::hash(&w.0);
    w.u32(crc);
    w.0
}

/// Why a snapshot file could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a snapshot, cut short, or its checksum does not match (a torn or damaged file).
    Corrupt,
    /// Written in another layout.
    Format,
}

/// Decodes a snapshot, checking magic, checksum and format first.
pub fn decode(bytes: &[u8]) -> Result<Snapshot, DecodeError> {
    let Some((body, crc)) = bytes.split_last_chunk::<4>() else {
        return Err(DecodeError::Corrupt);
    };
    if !body.starts_with(MAGIC) || crc32fast::hash(body) != u32::from_le_bytes(*crc) {
        return Err(DecodeError::Corrupt);
    }
    let mut r = Reader(&body[MAGIC.len()..]);
    if r.u32()? != FORMAT {
        return Err(DecodeError::Format);
    }
    let version = r.str()?;
    let config_fp = r.u64()?;
    let decks_fp = r.u64()?;
    let max_at = r.i64()?;
    let counts_day = r.i32()?;
    let files = r.marks()?;
    let warnings = r.warnings()?;
    // Capped when the log is read: a larger time was not written by recall.
    let recent_ms = (0..r.len(4)?)
        .map(|_| match r.u32()? {
            ms if ms <= crate::store::log::MAX_ANSWER_MS => Ok(ms),
            _ => Err(DecodeError::Corrupt),
        })
        .collect::<Result<_, DecodeError>>()?;
    let counts = (0..r.len(8)?)
        .map(|_| {
            Ok(DayCounts {
                new: r.u32()?,
                reviews: r.u32()?,
            })
        })
        .collect::<Result<_, DecodeError>>()?;
    let cards = (0..r.len(43)?)
        .map(|_| card(&mut r))
        .collect::<Result<_, DecodeError>>()?;
    if !r.0.is_empty() {
        return Err(DecodeError::Corrupt);
    }
    Ok(Snapshot {
        version,
        config_fp,
        decks_fp,
        files,
        max_at,
        counts_day,
        counts,
        cards,
        warnings,
        recent_ms,
    })
}

fn card(r: &mut Reader<'_>) -> Result<SavedCard, DecodeError> {
    let [phase, step, flags] = r.take::<3>()?;
    let stability = f32::from_bits(r.u32()?);
    let difficulty = f32::from_bits(r.u32()?);
    let due = r.i64()?;
    let interval_days = r.u32()?;
    let last_review = r.i64()?;
    let reps = r.u32()?;
    let lapses = r.u32()?;
    let buried = r.i32()?;
    let last_review = (flags & 4 != 0).then_some(last_review);
    if !possible(stability, difficulty, due, last_review) {
        return Err(DecodeError::Corrupt);
    }
    Ok(SavedCard {
        state: CardState {
            phase: phase_from(phase)?,
            stability,
            difficulty,
            step,
            due,
            interval_days,
            last_review,
            reps,
            lapses,
        },
        suspended: flags & 1 != 0,
        buried_day: (flags & 2 != 0).then_some(buried),
    })
}

/// The furthest a due time can be from 1970 and still name a study day (an `i32`).
const MAX_DUE_MS: i64 = i32::MAX as i64 * 86_400_000;

/// Whether a replay of log lines could have produced these values: a checksum only proves
/// the file undamaged, and a state that is not a number or a time past any study day would
/// reach the scheduler's arithmetic (a fallback to the full replay costs only time).
fn possible(stability: f32, difficulty: f32, due: i64, last_review: Option<i64>) -> bool {
    let memory = |x: f32| x.is_finite() && x >= 0.0;
    memory(stability)
        && memory(difficulty)
        && due.checked_abs().is_some_and(|d| d <= MAX_DUE_MS)
        && last_review.is_none_or(in_log_range)
}

fn phase_code(p: Phase) -> u8 {
    match p {
        Phase::New => 0,
        Phase::Learning => 1,
        Phase::Review => 2,
        Phase::Relearning => 3,
    }
}

fn phase_from(code: u8) -> Result<Phase, DecodeError> {
    Ok(match code {
        0 => Phase::New,
        1 => Phase::Learning,
        2 => Phase::Review,
        3 => Phase::Relearning,
        _ => return Err(DecodeError::Corrupt),
    })
}

/// Little-endian numbers and length-prefixed strings (shared with `log_copy`).
pub(super) struct Writer(pub(super) Vec<u8>);

impl Writer {
    pub(super) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    /// The log files' marks: the saved point the snapshot and the log's copy both keep.
    pub(super) fn marks(&mut self, marks: &[FileMark]) {
        self.u32(marks.len() as u32);
        for m in marks {
            self.str(&m.name);
            self.u64(m.offset);
            self.u64(m.lines);
            self.u64(m.tail_hash);
        }
    }
    /// The damaged lines before the marks.
    pub(super) fn warnings(&mut self, warnings: &[LogWarning]) {
        self.u32(warnings.len() as u32);
        for x in warnings {
            self.str(&x.file);
            self.u64(x.line as u64);
            self.str(&x.message);
        }
    }
}

/// Reads what [`Writer`] wrote; running out of bytes is a corrupt file.
pub(super) struct Reader<'a>(pub(super) &'a [u8]);

impl Reader<'_> {
    pub(super) fn take<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let (head, rest) = self
            .0
            .split_first_chunk::<N>()
            .ok_or(DecodeError::Corrupt)?;
        self.0 = rest;
        Ok(*head)
    }
    pub(super) fn u32(&mut self) -> Result<u32, DecodeError> {
        self.take().map(u32::from_le_bytes)
    }
    pub(super) fn i32(&mut self) -> Result<i32, DecodeError> {
        self.take().map(i32::from_le_bytes)
    }
    pub(super) fn u64(&mut self) -> Result<u64, DecodeError> {
        self.take().map(u64::from_le_bytes)
    }
    pub(super) fn i64(&mut self) -> Result<i64, DecodeError> {
        self.take().map(i64::from_le_bytes)
    }
    /// A count of items of at least `min_size` bytes each: more than the rest could hold is
    /// a damaged file, refused before anything is allocated for it.
    pub(super) fn len(&mut self, min_size: usize) -> Result<usize, DecodeError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.0.len() {
            return Err(DecodeError::Corrupt);
        }
        Ok(n)
    }
    pub(super) fn str(&mut self) -> Result<String, DecodeError> {
        let n = self.len(1)?;
        let (s, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8(s.to_vec()).map_err(|_| DecodeError::Corrupt)
    }
    /// What [`Writer::marks`] wrote.
    pub(super) fn marks(&mut self) -> Result<Vec<FileMark>, DecodeError> {
        (0..self.len(28)?)
            .map(|_| {
                Ok(FileMark {
                    name: self.str()?,
                    offset: self.u64()?,
                    lines: self.u64()?,
                    tail_hash: self.u64()?,
                })
            })
            .collect()
    }
    /// What [`Writer::warnings`] wrote.
    pub(super) fn warnings(&mut self) -> Result<Vec<LogWarning>, DecodeError> {
        (0..self.len(16)?)
            .map(|_| {
                Ok(LogWarning {
                    file: self.str()?,
                    line: usize::try_from(self.u64()?).map_err(|_| DecodeError::Corrupt)?,
                    message: self.str()?,
                })
            })
            .collect()
    }
}
