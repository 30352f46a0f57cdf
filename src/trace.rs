//! Start-up phase times on stderr, for finding where a slow start goes without a profiler:
//! `RECALL_TRACE_START=1 recall 2>trace.txt` prints one line per phase: milliseconds since the
//! process's first mark, and the CPU time of all its threads so far, which a busy machine
//! disturbs less (docs/performance.md). Off, a mark costs one load of a flag.

use std::io::Write;
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
        let cpu = process_cpu_ms();
        // A static label and numbers: nothing untrusted reaches the terminal. A line that
        // cannot be written is dropped (`eprintln!` would panic on a closed pipe): measuring
        // never changes what a command does.
        let _ = writeln!(
            std::io::stderr().lock(),
            "{ms:>8.2} ms {cpu:>8.2} ms CPU  {label}"
        );
    }
}

/// The CPU time used by the whole process (every thread) so far, in milliseconds.
fn process_cpu_ms() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; the call only writes it.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0;
    if ok {
        t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1e6
    } else {
        f64::NAN
    }
}
