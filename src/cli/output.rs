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
