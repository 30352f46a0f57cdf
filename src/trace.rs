//! Start-up phase times on stderr, for finding where a slow start goes without a profiler:
//! `RECALL_TRACE_START=1 recall 2>trace.txt` prints one line per phase, milliseconds since
//! the process's first mark (docs/performance.md). Off, a mark costs one load of a flag.

use std::sync::OnceLock;
use std::time::Instant;

/// When tracing is on: the instant of the first mark. `None`: tracing is off.
fn start() -> Option<Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    *START.get_or_init(|| std::env::var_os("RECALL_TRACE_START").map(|_| Instant::now()))
}

/// Prints `label` with the time since the first mark, when `RECALL_TRACE_START` is set.
pub fn mark(label: &'static str) {
    if let Some(t0) = start() {
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        // A static label and a number: nothing untrusted reaches the terminal.
        eprintln!("{ms:>8.2} ms  {label}");
    }
}
