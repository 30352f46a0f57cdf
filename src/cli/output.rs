//! Every byte a command prints goes through here: text through `inert`, JSON through
//! `json_inert`. Deck text, file names, TOML keys and error messages all come from outside;
//! an escape sequence in any of them must not reach the terminal.

use std::io::Write;

use recall::text::{inert, json_inert};

/// Prints `text` on stdout, made inert. A closed pipe (`recall cards | head`) ends recall
/// quietly; any other failure to write is reported and exits 1.
pub fn out(text: &str) {
    if let Err(e) = write_stdout(inert(text).as_bytes()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        err(&format!("recall: cannot write to standard output: {e}\n"));
        std::process::exit(1);
    }
}

/// Writes bytes to stdout as they are, for data (an export piped to a file). Callers decide
/// when that is safe: `export` sends its text through `out` when stdout is a terminal.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::io::stdout().lock();
    o.write_all(bytes)?;
    o.flush()
}

/// Prints `text` on stderr, made inert. A failed write to stderr has nowhere to be reported.
pub fn err(text: &str) {
    let _ = std::io::stderr().lock().write_all(inert(text).as_bytes());
}

/// Serializes `value` as JSON (pretty or compact) with a final newline, every character a
/// terminal could act on escaped.
pub fn json(value: &impl serde::Serialize, pretty: bool) -> serde_json::Result<String> {
    let mut s = if pretty {
        serde_json::to_string_pretty(value)?
    } else {
        serde_json::to_string(value)?
    };
    s.push('\n');
    Ok(json_inert(&s).into_owned())
}

/// Writes the rows `row(i)` for `i` in `0..count` (None: left out) on stdout as one compact
/// JSON array with a final newline: the very bytes of `json(&rows_as_a_vec, false)`. The rows
/// are made and serialized in blocks on several threads and written in order as they come,
/// so a hundred thousand rows never sit in memory at once, as values or as text.
pub fn write_json_rows<T: serde::Serialize>(
    count: usize,
    row: impl Fn(usize) -> Option<T> + Sync,
) -> Result<(), super::CliError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let stdout = std::io::stdout().lock();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout);
    write_json_rows_to(&mut w, count, row, threads, ROWS_PER_BLOCK)?;
    w.flush()?;
    Ok(())
}

/// Rows a thread makes at a time: big enough to keep the threads busy, small enough that the
/// blocks waiting to be written stay a few megabytes.
const ROWS_PER_BLOCK: usize = 1024;

/// [`write_json_rows`] into any writer, on `threads` threads, `block` rows at a time. Thread
/// `t` makes blocks `t`, `t + threads`, …; each hands over one block at a time, so at most
/// two blocks per thread are held while the writer waits for the next in order.
fn write_json_rows_to<T: serde::Serialize>(
    w: &mut impl Write,
    count: usize,
    row: impl Fn(usize) -> Option<T> + Sync,
    threads: usize,
    block: usize,
) -> Result<(), super::CliError> {
    let blocks = count.div_ceil(block);
    let make = |b: usize| {
        // About a kilobyte a row (a card with its four next intervals), so most blocks
        // never grow.
        let mut text = Vec::with_capacity(block * 1024);
        let rows = (b * block..count.min((b + 1) * block)).filter_map(&row);
        rows_json(&mut text, rows).map(|()| text)
    };
    let mut first = true;
    let mut put = |text: Vec<u8>| -> std::io::Result<()> {
        if !text.is_empty() {
            w.write_all(if first { b"[" } else { b"," })?;
            first = false;
            w.write_all(&text)?;
        }
        Ok(())
    };
    let threads = threads.clamp(1, blocks.max(1));
    if threads == 1 {
        for b in 0..blocks {
            put(make(b)?)?;
        }
    } else {
        std::thread::scope(|s| -> Result<(), super::CliError> {
            let receivers: Vec<_> = (0..threads)
                .map(|t| {
                    let (tx, rx) = std::sync::mpsc::sync_channel(1);
                    let make = &make;
                    s.spawn(move || {
                        for b in (t..blocks).step_by(threads) {
                            // The writer stopped (a closed pipe): nothing more to make.
                            if tx.send(make(b)).is_err() {
                                return;
                            }
                        }
                    });
                    rx
                })
                .collect();
            for b in 0..blocks {
                // A block never sent: its thread panicked, and the scope re-raises that.
                let Ok(text) = receivers[b % threads].recv() else {
                    break;
                };
                put(text?)?;
            }
            Ok(())
        })?;
    }
    if first {
        w.write_all(b"[")?;
    }
    w.write_all(b"]\n")?;
    Ok(())
}

/// Appends `rows` to `out` as JSON objects separated by commas, each made inert.
fn rows_json<T: serde::Serialize>(
    out: &mut Vec<u8>,
    rows: impl Iterator<Item = T>,
) -> serde_json::Result<()> {
    for r in rows {
        if !out.is_empty() {
            out.push(b',');
        }
        let start = out.len();
        serde_json::to_writer(&mut *out, &r)?;
        // serde_json writes UTF-8, and `json_inert` works character by character: row by
        // row it gives what it gives on the whole array. Most rows need no change.
        let fixed = match std::str::from_utf8(&out[start..]) {
            Ok(text) => match json_inert(text) {
                std::borrow::Cow::Borrowed(_) => continue,
                std::borrow::Cow::Owned(fixed) => fixed,
            },
            Err(_) => json_inert(&String::from_utf8_lossy(&out[start..])).into_owned(),
        };
        out.truncate(start);
        out.extend_from_slice(fixed.as_bytes());
    }
    Ok(())
}

/// `println!` through `inert`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::out(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` through `inert`.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::output::err(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` through `inert`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::out(&format!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Row {
        text: String,
        n: Option<f32>,
    }

    #[test]
    fn json_rows_written_in_blocks_on_threads_are_the_whole_arrays_bytes() {
        let texts = [
            "plain",
            "quote \" backslash \\ tab \t newline \n",
            "DEL \u{7f} CSI \u{9b} BiDi \u{202e} zwsp \u{200b} line sep \u{2028}",
            "emoji ❤️ 👩‍💻 and é",
        ];
        let row = |i: usize| Row {
            text: texts[i % texts.len()].to_string(),
            n: i.is_multiple_of(3).then_some(i as f32 / 3.0),
        };
        // Kept: none, all, or those in 30..50 and 70 on (whole blocks of 10 left out).
        let keeps: [fn(usize) -> bool; 3] =
            [|_| false, |_| true, |i| (30..50).contains(&i) || i >= 70];
        for count in [0, 1, 9, 10, 11, 95] {
            for keep in keeps {
                let whole: Vec<Row> = (0..count).filter(|&i| keep(i)).map(row).collect();
                let whole = json(&whole, false).expect("json");
                for threads in [1, 2, 3, 8] {
                    let mut streamed = Vec::new();
                    write_json_rows_to(
                        &mut streamed,
                        count,
                        |i| keep(i).then(|| row(i)),
                        threads,
                        10,
                    )
                    .unwrap_or_else(|e| panic!("{e}"));
                    assert_eq!(
                        String::from_utf8(streamed).expect("UTF-8"),
                        whole,
                        "{count} rows, {threads} threads"
                    );
                }
            }
        }
    }
}
