//! `reviews.jsonl`: the append-only review log, the source of truth for all progress.
//!
//! One JSON object a line (README "The review log"). Appends are one `write` of a whole line
//! followed by `sync_data`; nothing is ever rewritten. Loading is built for a million lines:
//! the whole file is read once, lines in recall's own fixed shape are parsed by hand, anything
//! else goes through serde_json, and card ids are interned.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::StoreError;

/// What happened to a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// An answer: rating 1-4, and the time spent in milliseconds (0 if unknown).
    Review {
        rating: u8,
        ms: u32,
    },
    /// Takes back the latest live event of the same card in the same file (written by recall
    /// before logs had sequence numbers; still read, never written).
    Undo,
    /// Takes back exactly one earlier event of the same file, named by its sequence number, so
    /// that an undo keeps its meaning however other devices' events are merged around it.
    UndoOf(u32),
    Suspend,
    Unsuspend,
    Bury,
    /// A quiz question on this card was missed: replayed as an Again answer (a lapse for a
    /// review card), without counting against the day's limits.
    QuizMiss,
}

impl EventKind {
    fn name(self) -> &'static str {
        match self {
            EventKind::Review { .. } => "review",
            EventKind::Undo | EventKind::UndoOf(_) => "undo",
            EventKind::Suspend => "suspend",
            EventKind::Unsuspend => "unsuspend",
            EventKind::Bury => "bury",
            EventKind::QuizMiss => "quiz-miss",
        }
    }
}

/// One parsed line; `card` indexes `LoadedLog::cards`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogEvent {
    pub at: i64,
    pub card: u32,
    pub kind: EventKind,
}

/// A line that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogWarning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LogWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The whole log in memory: events in merged order (see `store::logset`), card ids interned.
#[derive(Clone, Debug, Default)]
pub struct LoadedLog {
    pub cards: Vec<String>,
    pub events: Vec<LogEvent>,
    pub warnings: Vec<LogWarning>,
    /// Which file (device) wrote each event and its sequence number there, parallel to
    /// `events` (a hand-built log may leave it empty: every event is then file 0, unnumbered).
    pub origins: Vec<Origin>,
    /// The name of each file `Origin::file` counts (a device id, or `reviews` for the log
    /// recall kept before devices); empty for a log parsed from one buffer.
    pub files: Vec<String>,
}

/// Where an event was written: its file's index and its sequence number in that file (0 for
/// lines written before recall numbered them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: u32,
    pub seq: u32,
}

impl LoadedLog {
    /// The origin of event `i` (file 0, unnumbered, when the log has no origins).
    pub fn origin(&self, i: usize) -> Origin {
        self.origins.get(i).copied().unwrap_or_default()
    }
}

impl LoadedLog {
    /// The interned index of a card id, if the log mentions it.
    pub fn card_index(&self, id: &str) -> Option<u32> {
        self.cards.iter().position(|c| c == id).map(|i| i as u32)
    }
}

type Interner = HashMap<Box<str>, u32, crate::fnv::FnvBuildHasher>;

/// The log file opened for appending.
pub struct ReviewLog {
    path: PathBuf,
    file: File,
    /// The file ends mid-line (a torn write): the next append starts with a newline.
    needs_newline: bool,
    /// The sequence number the next appended event gets (one more than the file's highest).
    next_seq: u32,
}

impl ReviewLog {
    /// Reads the whole log; a missing file is an empty log. Never writes.
    pub fn load(path: &Path) -> Result<LoadedLog, StoreError> {
        let bytes = match super::read_regular(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(parse_log(&bytes, &name))
    }

    /// Opens (creating) the log for appending.
    pub fn open_append(path: &Path) -> Result<ReviewLog, StoreError> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(path)
            .map_err(|e| StoreError::io(path, e))?;
        let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
        let mut last = [0u8; 1];
        let needs_newline = len > 0
            && read_exact_at(&file, &mut last, len - 1)
                .map(|()| last[0] != b'\n')
                .map_err(|e| StoreError::io(path, e))?;
        let next_seq = last_seq(&file, len).map_err(|e| StoreError::io(path, e))? + 1;
        Ok(ReviewLog {
            path: path.to_path_buf(),
            file,
            needs_newline,
            next_seq,
        })
    }

    /// Appends one event and returns only once it is on disk (`sync_data`), with the sequence
    /// number it was given. On error the event does not count; the next append starts on a
    /// fresh line in case a part was written.
    pub fn append(&mut self, at: i64, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        let seq = self.next_seq;
        let mut line = String::with_capacity(104);
        format_numbered_line(&mut line, at, card, kind, seq);
        self.append_line(&line)?;
        self.next_seq += 1;
        Ok(seq)
    }

    /// Appends one whole line (ending in a newline) with the same guarantees as `append`:
    /// one `write`, then `sync_data`; after a torn tail it starts on a fresh line. Other
    /// append-only JSON-lines files (`quizzes.jsonl`) share this.
    pub fn append_line(&mut self, line: &str) -> Result<(), StoreError> {
        let fresh;
        let line = if self.needs_newline {
            fresh = format!("\n{line}");
            fresh.as_str()
        } else {
            line
        };
        let result = self
            .file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data());
        match result {
            Ok(()) => {
                self.needs_newline = false;
                Ok(())
            }
            Err(e) => {
                self.needs_newline = true;
                Err(StoreError::io(&self.path, e))
            }
        }
    }
}

/// Appends one event as a JSON line (with its newline) to `out`, without a sequence number
/// (the shape of lines written before logs were numbered).
pub fn format_line(out: &mut String, at: i64, card: &str, kind: EventKind) {
    format_numbered_line(out, at, card, kind, 0);
}

/// Appends one event as a JSON line with its sequence number in its file (`seq` 0: none).
pub fn format_numbered_line(out: &mut String, at: i64, card: &str, kind: EventKind, seq: u32) {
    use std::fmt::Write as _;
    out.push_str("{\"v\":1,\"at\":\"");
    out.push_str(&format_timestamp(at));
    out.push_str("\",\"card\":");
    out.push_str(&serde_json::to_string(card).unwrap_or_else(|_| "\"\"".into()));
    out.push_str(",\"event\":\"");
    out.push_str(kind.name());
    out.push('"');
    if let EventKind::Review { rating, ms } = kind {
        let _ = write!(out, ",\"rating\":{rating},\"ms\":{ms}");
    }
    if seq > 0 {
        let _ = write!(out, ",\"seq\":{seq}");
    }
    if let EventKind::UndoOf(target) = kind {
        let _ = write!(out, ",\"undoes\":{target}");
    }
    out.push_str("}\n");
}

/// The highest sequence number in a log file being opened for appending, read from its last
/// complete lines (lines are numbered in order, so the tail is enough); 0 when none has one.
fn last_seq(file: &File, len: u64) -> std::io::Result<u32> {
    const TAIL: u64 = 64 << 10;
    let mut start = len.saturating_sub(TAIL);
    loop {
        let mut buf = vec![0u8; (len - start) as usize];
        read_exact_at(file, &mut buf, start)?;
        let whole = if start == 0 {
            &buf[..]
        } else {
            // The first piece may be a line cut by the window: skip it.
            match memchr_newline(&buf) {
                Some(i) => &buf[i + 1..],
                None => &[][..],
            }
        };
        let found = whole
            .split(|&b| b == b'\n')
            .rev()
            .filter_map(|line| fast_line(line).or_else(|| slow_line(line).ok()))
            .map(|parsed| parsed.3)
            .find(|&seq| seq > 0);
        if let Some(seq) = found {
            return Ok(seq);
        }
        if start == 0 {
            return Ok(0);
        }
        start = start.saturating_sub(TAIL * 16);
    }
}

/// Parses a whole log buffer (see `ReviewLog::load`). A large log is split at a line break
/// and its halves parsed on two threads, then merged (card ids re-interned, line numbers of
/// the second half's warnings shifted).
pub fn parse_log(bytes: &[u8], name: &str) -> LoadedLog {
    const PARALLEL_ABOVE: usize = 4 << 20;
    let split = (bytes.len() > PARALLEL_ABOVE)
        .then(|| memchr_newline(&bytes[bytes.len() / 2..]).map(|i| bytes.len() / 2 + i + 1))
        .flatten();
    let Some(mid) = split else {
        return parse_part(bytes, name).0;
    };
    let (first, second) = bytes.split_at(mid);
    let ((mut log, lines), (rest, _)) = std::thread::scope(|s| {
        let h = s.spawn(|| parse_part(second, name));
        let a = parse_part(first, name);
        (a, h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    let mut interner: Interner = log
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| (Box::from(c.as_str()), i as u32))
        .collect();
    let remap: Vec<u32> = rest
        .cards
        .into_iter()
        .map(|card| intern(&mut interner, &mut log.cards, card.into()))
        .collect();
    log.events.extend(rest.events.into_iter().map(|e| LogEvent {
        card: remap[e.card as usize],
        ..e
    }));
    log.origins.extend(rest.origins);
    log.warnings
        .extend(rest.warnings.into_iter().map(|w| LogWarning {
            line: w.line + lines,
            ..w
        }));
    log
}

fn intern(interner: &mut Interner, cards: &mut Vec<String>, card: Cow<'_, str>) -> u32 {
    if let Some(&id) = interner.get(card.as_ref()) {
        return id;
    }
    let id = cards.len() as u32;
    interner.insert(Box::from(card.as_ref()), id);
    cards.push(card.into_owned());
    id
}

/// Parses one run of whole lines; returns the log and how many lines it had.
fn parse_part(bytes: &[u8], name: &str) -> (LoadedLog, usize) {
    let mut log = LoadedLog {
        events: Vec::with_capacity(bytes.len() / 90 + 1),
        ..LoadedLog::default()
    };
    let mut interner = Interner::default();
    let mut start = 0;
    let mut line_no = 0;
    while start < bytes.len() {
        line_no += 1;
        let (line, next, complete) = match memchr_newline(&bytes[start..]) {
            Some(i) => (&bytes[start..start + i], start + i + 1, true),
            None => (&bytes[start..], bytes.len(), false),
        };
        start = next;
        if line.first() != Some(&b'{') && line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !complete {
            log.warnings.push(LogWarning {
                file: name.to_string(),
                line: line_no,
                message: "incomplete last line (an interrupted write) skipped".into(),
            });
            break;
        }
        let parsed = fast_line(line).map(Ok).unwrap_or_else(|| slow_line(line));
        match parsed {
            Ok((at, card, kind, seq)) => {
                let card = intern(&mut interner, &mut log.cards, card);
                log.events.push(LogEvent { at, card, kind });
                log.origins.push(Origin { file: 0, seq });
            }
            Err(message) => log.warnings.push(LogWarning {
                file: name.to_string(),
                line: line_no,
                message: format!("corrupt line skipped: {message}"),
            }),
        }
    }
    (log, line_no)
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', b)
}

/// One parsed line: time, card id, event and sequence number (0 when the line has none).
type Parsed<'a> = (i64, Cow<'a, str>, EventKind, u32);

/// Parses exactly the shape `format_line` writes, without allocating; None for anything else.
fn fast_line(line: &[u8]) -> Option<Parsed<'_>> {
    let rest = line.strip_prefix(b"{\"v\":1,\"at\":\"")?;
    let at = fast_timestamp(rest.get(..24)?)?;
    let rest = rest.get(24..)?.strip_prefix(b"\",\"card\":\"")?;
    let end = rest.iter().position(|&c| c == b'"' || c == b'\\')?;
    if rest[end] != b'"' {
        return None;
    }
    let card = std::str::from_utf8(&rest[..end]).ok()?;
    if card.bytes().any(|b| b < 0x20) {
        return None;
    }
    let rest = rest[end..].strip_prefix(b"\",\"event\":\"")?;
    let (kind, rest) = if let Some(r) = rest.strip_prefix(b"review\",\"rating\":") {
        let (&d, r) = r.split_first()?;
        let rating = d.wrapping_sub(b'0');
        if !(1..=4).contains(&rating) {
            return None;
        }
        let r = r.strip_prefix(b",\"ms\":")?;
        let digits = r.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        let ms = std::str::from_utf8(&r[..digits]).ok()?.parse().ok()?;
        (EventKind::Review { rating, ms }, &r[digits..])
    } else {
        let end = rest.iter().position(|&c| c == b'"')?;
        let kind = match &rest[..end] {
            b"undo" => EventKind::Undo,
            b"bury" => EventKind::Bury,
            b"suspend" => EventKind::Suspend,
            b"unsuspend" => EventKind::Unsuspend,
            b"quiz-miss" => EventKind::QuizMiss,
            _ => return None,
        };
        (kind, &rest[end + 1..])
    };
    let (seq, rest) = match rest.strip_prefix(b",\"seq\":") {
        Some(r) => fast_number(r)?,
        None => (0, rest),
    };
    let (kind, rest) = match (kind, rest.strip_prefix(b",\"undoes\":")) {
        (EventKind::Undo, Some(r)) => {
            let (target, r) = fast_number(r)?;
            (EventKind::UndoOf(target), r)
        }
        (_, Some(_)) => return None,
        (kind, None) => (kind, rest),
    };
    (rest == b"}").then_some((at, Cow::Borrowed(card), kind, seq))
}

/// A positive decimal u32 at the start of `b` (no sign, no leading zero), and the rest.
fn fast_number(b: &[u8]) -> Option<(u32, &[u8])> {
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 10 || b[0] == b'0' {
        return None;
    }
    let n = std::str::from_utf8(&b[..digits]).ok()?.parse().ok()?;
    Some((n, &b[digits..]))
}

#[derive(Deserialize)]
struct RawLine<'a> {
    v: u32,
    #[serde(borrow)]
    at: Cow<'a, str>,
    #[serde(borrow)]
    card: Cow<'a, str>,
    #[serde(borrow)]
    event: Cow<'a, str>,
    rating: Option<u8>,
    ms: Option<u32>,
    seq: Option<u32>,
    undoes: Option<u32>,
}

/// Any valid line: other key orders, escapes, extra fields. The error says what was wrong.
fn slow_line(line: &[u8]) -> Result<Parsed<'_>, String> {
    let raw: RawLine = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    if raw.v != 1 {
        return Err(format!("version {} is not supported (expected 1)", raw.v));
    }
    let at = parse_timestamp(&raw.at)
        .ok_or_else(|| format!("`at` {:?} is not an RFC 3339 time", raw.at))?;
    if raw.card.is_empty() {
        return Err("`card` is empty".into());
    }
    let kind = match raw.event.as_ref() {
        "review" => match raw.rating {
            Some(r @ 1..=4) => EventKind::Review {
                rating: r,
                ms: raw.ms.unwrap_or(0),
            },
            Some(r) => return Err(format!("rating {r} is out of range (expected 1-4)")),
            None => return Err("a review needs a `rating`".into()),
        },
        "undo" => match raw.undoes {
            Some(0) => return Err("`undoes` 0 names no event".into()),
            Some(target) => EventKind::UndoOf(target),
            None => EventKind::Undo,
        },
        "bury" => EventKind::Bury,
        "suspend" => EventKind::Suspend,
        "unsuspend" => EventKind::Unsuspend,
        "quiz-miss" => EventKind::QuizMiss,
        other => return Err(format!("unknown event {other:?}")),
    };
    if raw.undoes.is_some() && !matches!(kind, EventKind::UndoOf(_)) {
        return Err(format!("`undoes` on a {:?} event", raw.event));
    }
    Ok((at, raw.card, kind, raw.seq.unwrap_or(0)))
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` without allocating.
fn fast_timestamp(b: &[u8]) -> Option<i64> {
    if b.len() != 24
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'.'
        || b[23] != b'Z'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b[r].iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s, ms) = (num(11..13)?, num(14..16)?, num(17..19)?, num(20..23)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some(((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// Unix milliseconds as `2026-11-23T10:15:02.123Z`, the log's timestamp format.
pub fn format_timestamp(at: i64) -> String {
    let days = at.div_euclid(86_400_000);
    let rem = at.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    )
}

/// Any RFC 3339 time (any offset) as Unix milliseconds.
pub fn parse_timestamp(s: &str) -> Option<i64> {
    if let Some(ms) = fast_timestamp(s.as_bytes()) {
        return Some(ms);
    }
    let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()?;
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Reads `buf.len()` bytes at `offset` without moving the file's cursor (Unix `pread`).
#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Elsewhere: seek and read. The log is opened for appending, so writes still go to its end.
#[cfg(not(unix))]
fn read_exact_at(mut file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read as _, Seek as _};
    file.seek(std::io::SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [EventKind; 6] = [
        EventKind::Review {
            rating: 3,
            ms: 4200,
        },
        EventKind::Undo,
        EventKind::Bury,
        EventKind::Suspend,
        EventKind::Unsuspend,
        EventKind::QuizMiss,
    ];

    fn line(at: i64, card: &str, kind: EventKind) -> String {
        let mut s = String::new();
        format_line(&mut s, at, card, kind);
        s
    }

    #[test]
    fn the_documented_line_shape() {
        assert_eq!(
            line(1_795_428_902_123, "s3/x", KINDS[0]),
            "{\"v\":1,\"at\":\"2026-11-23T10:15:02.123Z\",\"card\":\"s3/x\",\"event\":\"review\",\"rating\":3,\"ms\":4200}\n"
        );
        assert_eq!(
            line(0, "a/b", EventKind::Undo),
            "{\"v\":1,\"at\":\"1970-01-01T00:00:00.000Z\",\"card\":\"a/b\",\"event\":\"undo\"}\n"
        );
    }

    #[test]
    fn every_kind_round_trips() {
        let text: String = KINDS.iter().map(|&k| line(5, "d/c", k)).collect();
        let log = parse_log(text.as_bytes(), "r");
        assert!(log.warnings.is_empty());
        assert_eq!(log.cards, ["d/c"]);
        let kinds: Vec<EventKind> = log.events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, KINDS);
    }

    #[test]
    fn timestamps_in_other_offsets_parse_to_utc() {
        assert_eq!(
            parse_timestamp("2026-11-23T11:15:02.123+01:00"),
            Some(1_795_428_902_123)
        );
        assert_eq!(
            parse_timestamp("2026-11-23T10:15:02Z"),
            Some(1_795_428_902_000)
        );
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(format_timestamp(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn corrupt_lines_are_reported_and_skipped() {
        let good = line(1, "a/b", KINDS[0]);
        let text = format!(
            "{good}not json\n{{\"v\":1,\"at\":\"2026-01-01T00:00:00Z\",\"card\":\"a/b\",\"event\":\"eat\"}}\n\
             {{\"v\":1,\"at\":\"2026-01-01T00:00:00Z\",\"card\":\"a/b\",\"event\":\"review\",\"rating\":7}}\n\
             {{\"v\":1,\"card\":\"a/b\",\"event\":\"undo\"}}\n\n{good}"
        );
        let log = parse_log(text.as_bytes(), "reviews.jsonl");
        assert_eq!(log.events.len(), 2);
        let lines: Vec<usize> = log.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert!(log.warnings[1]
            .to_string()
            .contains("unknown event \"eat\""));
        assert!(log.warnings[2]
            .to_string()
            .contains("rating 7 is out of range"));
        assert!(log.warnings[3].to_string().contains("missing field `at`"));
    }

    #[test]
    fn other_key_orders_and_extra_fields_are_read() {
        let text = "{\"event\":\"review\",\"card\":\"a\\\"b/c\",\"ms\":9,\"rating\":2,\"at\":\"2026-11-23T10:15:02.123Z\",\"v\":1,\"device\":\"x\"}\n";
        let log = parse_log(text.as_bytes(), "r");
        assert!(log.warnings.is_empty(), "{:?}", log.warnings);
        assert_eq!(log.cards, ["a\"b/c"]);
        assert_eq!(log.events[0].kind, EventKind::Review { rating: 2, ms: 9 });
    }

    #[test]
    fn torn_last_line_is_skipped_and_the_next_append_starts_fresh() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("reviews.jsonl");
        let torn = line(3, "a/b", KINDS[0]);
        let text = format!(
            "{}{}{}",
            line(1, "a/b", KINDS[0]),
            line(2, "a/c", KINDS[0]),
            &torn[..30]
        );
        std::fs::write(&path, &text).expect("write");
        let log = ReviewLog::load(&path).expect("loads");
        assert_eq!(log.events.len(), 2);
        assert_eq!(log.warnings.len(), 1);
        assert!(log.warnings[0]
            .to_string()
            .starts_with("reviews.jsonl:3: incomplete last line"));

        let mut w = ReviewLog::open_append(&path).expect("opens");
        w.append(4, "a/b", EventKind::Bury).expect("appends");
        let log = ReviewLog::load(&path).expect("loads");
        assert_eq!(log.events.len(), 3, "{:?}", log.warnings);
        assert_eq!(log.events[2].kind, EventKind::Bury);
        assert_eq!(
            log.warnings.len(),
            1,
            "the torn line is still reported, never deleted"
        );
        assert!(std::fs::read_to_string(&path)
            .expect("read")
            .starts_with(&text));
    }

    #[test]
    fn a_large_log_parses_the_same_in_two_halves() {
        let mut text = String::new();
        let mut i = 0i64;
        while text.len() < 5 << 20 {
            let card = format!("d/c{}", i % 977);
            format_line(&mut text, i, &card, KINDS[(i % 5) as usize]);
            if i == 7 || i == 60_000 {
                text.push_str("broken line\n");
            }
            i += 1;
        }
        let two = parse_log(text.as_bytes(), "r");
        let one = parse_part(text.as_bytes(), "r").0;
        assert_eq!(two.cards, one.cards);
        assert_eq!(two.events, one.events);
        assert_eq!(two.warnings, one.warnings);
        assert_eq!(
            two.warnings.iter().map(|w| w.line).collect::<Vec<_>>(),
            [9, 60_003]
        );
    }

    proptest! {
        /// The fast path and serde read every line the same way.
        #[test]
        fn fast_and_slow_paths_agree(
            at in -10_000_000_000_000i64..10_000_000_000_000,
            card in "\\PC{1,20}",
            k in 0usize..6,
            rating in 1u8..=4,
            ms in 0u32..100_000,
        ) {
            let kind = match KINDS[k] { EventKind::Review { .. } => EventKind::Review { rating, ms }, other => other };
            let l = line(at, &card, kind);
            let bytes = l.trim_end().as_bytes();
            let slow = slow_line(bytes).expect("serde reads it");
            prop_assert_eq!((slow.0, slow.1.as_ref(), slow.2), (at, card.as_str(), kind));
            if let Some(fast) = fast_line(bytes) {
                prop_assert_eq!((fast.0, fast.1.as_ref(), fast.2), (at, card.as_str(), kind));
            }
        }

        #[test]
        fn never_panics_on_garbage(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_log(&bytes, "r");
        }

        /// Hand-edited or damaged lines between good ones: every good line is still read, in
        /// order, and each bad line costs exactly one warning with its line number.
        #[test]
        fn good_lines_survive_any_garbage_between_them(
            parts in proptest::collection::vec(
                (any::<bool>(), proptest::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 1..60)),
                1..30,
            )
        ) {
            let mut text = Vec::new();
            let mut good = Vec::new();
            let mut bad_lines = Vec::new();
            for (i, (is_good, garbage)) in parts.iter().enumerate() {
                if *is_good {
                    let kind = KINDS[i % 5];
                    good.push((i as i64, kind));
                    text.extend(line(i as i64, &format!("d/c{i}"), kind).into_bytes());
                } else {
                    // Prefixed so it is never blank or a valid line by chance.
                    text.extend(b"#");
                    text.extend(garbage);
                    text.push(b'\n');
                    bad_lines.push(i + 1);
                }
            }
            let log = parse_log(&text, "r");
            let read: Vec<(i64, EventKind)> = log.events.iter().map(|e| (e.at, e.kind)).collect();
            prop_assert_eq!(read, good);
            let warned: Vec<usize> = log.warnings.iter().map(|w| w.line).collect();
            prop_assert_eq!(warned, bad_lines);
        }
    }
}
