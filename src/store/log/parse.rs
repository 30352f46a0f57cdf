//! Reading `reviews.jsonl`: a fast path for recall's own line shape, serde for the rest, and
//! a split in two halves parsed on two threads for a large log.

use std::borrow::Cow;

use serde::Deserialize;

use super::intern::{PartInterner, SharedInterner};
use super::timestamp::{fast_timestamp, parse_timestamp};
use super::{EventKind, LoadedLog, LogEvent, LogWarning, Origin, MAX_ANSWER_MS};

/// Parses a whole log buffer (see `ReviewLog::load`). A large log is split at a line break
/// and its halves parsed on two threads sharing one card-id interner, then joined (line numbers
/// of the second half's warnings shifted).
pub fn parse_log(bytes: &[u8], name: &str) -> LoadedLog {
    const PARALLEL_ABOVE: usize = 4 << 20;
    parse_log_split_above(bytes, name, PARALLEL_ABOVE)
}

/// [`parse_log`] on one thread: when several devices' logs are read side by side, the files
/// already keep the cores busy.
pub fn parse_log_whole(bytes: &[u8], name: &str) -> LoadedLog {
    let shared = SharedInterner::default();
    let (log, _) = parse_piece(bytes, name, &mut PartInterner::new(&shared, 0));
    let (cards, table) = shared.finish();
    resolve(log, &table, cards)
}

fn parse_log_split_above(bytes: &[u8], name: &str, parallel_above: usize) -> LoadedLog {
    let split = (bytes.len() > parallel_above)
        .then(|| memchr_newline(&bytes[bytes.len() / 2..]).map(|i| bytes.len() / 2 + i + 1))
        .flatten();
    let Some(mid) = split else {
        return parse_log_whole(bytes, name);
    };
    let (first, second) = bytes.split_at(mid);
    let shared = SharedInterner::default();
    let ((mut log, lines), (rest, _)) = std::thread::scope(|s| {
        let h = s.spawn(|| parse_piece(second, name, &mut PartInterner::new(&shared, 1)));
        let a = parse_piece(first, name, &mut PartInterner::new(&shared, 0));
        (a, h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    log.events.extend(rest.events);
    log.origins.extend(rest.origins);
    log.warnings
        .extend(rest.warnings.into_iter().map(|w| LogWarning {
            line: w.line + lines,
            ..w
        }));
    let (cards, table) = shared.finish();
    resolve(log, &table, cards)
}

/// A parsed piece whose events name cards by slot (see [`SharedInterner`]), renamed to the
/// interner's final indexes, with `cards` as the list they index.
fn resolve(mut log: LoadedLog, table: &[u32], cards: Vec<String>) -> LoadedLog {
    for e in &mut log.events {
        e.card = table[e.card as usize];
    }
    LoadedLog { cards, ..log }
}

/// Parses one run of whole lines whose card ids resolve through `interner`: the events name
/// cards by slot (`cards` stays empty); returns the piece and how many lines it had.
pub fn parse_piece<'a>(
    bytes: &'a [u8],
    name: &str,
    interner: &mut PartInterner<'a, '_>,
) -> (LoadedLog, usize) {
    let mut log = LoadedLog {
        events: Vec::with_capacity(bytes.len() / 90 + 1),
        origins: Vec::with_capacity(bytes.len() / 90 + 1),
        ..LoadedLog::default()
    };
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
                let card = interner.intern(card);
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

/// Parses one run of whole lines on this thread; returns the log and how many lines it had.
#[cfg(test)]
pub(super) fn parse_part(bytes: &[u8], name: &str) -> (LoadedLog, usize) {
    let shared = SharedInterner::default();
    let (log, lines) = parse_piece(bytes, name, &mut PartInterner::new(&shared, 0));
    let (cards, table) = shared.finish();
    (resolve(log, &table, cards), lines)
}

pub(super) fn memchr_newline(b: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', b)
}

/// One parsed line: time, card id, event and sequence number (0 when the line has none).
pub(super) type Parsed<'a> = (i64, Cow<'a, str>, EventKind, u32);

/// Parses exactly the shape `format_line` writes, without allocating; None for anything else.
pub(super) fn fast_line(line: &[u8]) -> Option<Parsed<'_>> {
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
        let ms: u32 = std::str::from_utf8(&r[..digits]).ok()?.parse().ok()?;
        let ms = ms.min(MAX_ANSWER_MS);
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
pub(super) fn slow_line(line: &[u8]) -> Result<Parsed<'_>, String> {
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
                ms: raw.ms.unwrap_or(0).min(MAX_ANSWER_MS),
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

/// Whether one line (without its newline) is an event the log reads: what `recall repair`
/// keeps.
pub fn is_good_line(line: &[u8]) -> bool {
    fast_line(line).is_some() || slow_line(line).is_ok()
}
