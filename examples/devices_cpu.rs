//! Issue 16's bar on a shared machine: 900,000 events as one `reviews.jsonl` and dealt into
//! three devices' logs, read, merged and replayed (as `cargo bench --bench engine --
//! "900,000"`), the two cases alternating, with the wall time and the CPU time (user + sys,
//! all threads) of each. CPU time hardly moves when other processes share the cores, so it
//! compares the work of the two cases where wall times cannot.
//! Run: `cargo run --release --example devices_cpu -- [ROUNDS]`.

#[path = "../benches/support/mod.rs"]
mod support;

use recall::schedule::{Scheduler, SchedulerConfig};
use recall::store::logset::load_review_logs;
use recall::store::Paths;
use recall::study::Collection;

/// This process's CPU time so far, in seconds.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(7);
    let decks = support::decks(10, 10_000);
    let text = support::log_text(&decks, 900_000);
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("defaults");
    let (one, three) = support::one_and_three_device_homes(&text);
    let cases = [("one log", one.path()), ("three device logs", three.path())];
    let mut results = vec![(Vec::new(), Vec::new()); cases.len()];
    for round in 0..=rounds {
        for (k, (name, home)) in cases.iter().enumerate() {
            let paths = Paths::under(home);
            let decks = decks.clone();
            let (wall, cpu) = (std::time::Instant::now(), cpu_seconds());
            let log = load_review_logs(&paths).expect("loads");
            assert_eq!(log.events.len(), 900_000);
            let col = Collection::replay(decks, &log, &scheduler, support::NOW);
            let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
            drop((col, log));
            if round == 0 {
                continue; // warm-up
            }
            println!("round {round} {name}: wall {wall:.3} s, cpu {cpu:.3} s");
            results[k].0.push(wall);
            results[k].1.push(cpu);
        }
    }
    let (w1, c1) = (median(results[0].0.clone()), median(results[0].1.clone()));
    let (w3, c3) = (median(results[1].0.clone()), median(results[1].1.clone()));
    println!("median one log: wall {w1:.3} s, cpu {c1:.3} s");
    println!("median three device logs: wall {w3:.3} s, cpu {c3:.3} s");
    println!(
        "three / one: wall {:+.1}%, cpu {:+.1}%",
        (w3 / w1 - 1.0) * 100.0,
        (c3 / c1 - 1.0) * 100.0
    );
}
