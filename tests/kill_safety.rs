//! SIGKILL at random moments while ratings are being written: nothing acknowledged is lost.
//!
//! The test re-runs its own binary as the writer (`child_writer`, ignored in normal runs): it
//! appends ratings through `ReviewLog` and prints `ACK n` after each append returned, i.e.
//! after the fsync. The parent kills it at a random moment, then checks that the log loads,
//! that every acknowledged rating is in it, and that at most the one rating in flight is either
//! there unacknowledged or torn (skipped with one warning).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng};
use recall::store::{EventKind, LoadedLog, ReviewLog};

const LOG_ENV: &str = "RECALL_KILL_TEST_LOG";
const RUN_ENV: &str = "RECALL_KILL_TEST_RUN";
const KILLS: usize = 220;

/// The card id of rating `n` of run `run`.
fn card(run: usize, n: u64) -> String {
    format!("kill/r{run}-{n}")
}

/// Not a test of its own: the writer process `every_acknowledged_rating_survives_sigkill`
/// starts and kills. Without the parent's environment it does nothing.
#[test]
#[ignore = "the child process of every_acknowledged_rating_survives_sigkill"]
fn child_writer() {
    let (Some(path), Some(run)) = (std::env::var_os(LOG_ENV), std::env::var_os(RUN_ENV)) else {
        return;
    };
    let run: usize = run.to_string_lossy().parse().expect("run number");
    let mut log = ReviewLog::open_append(Path::new(&path)).expect("the log opens for appending");
    // Bounded, so an orphaned child cannot run for ever.
    for n in 0..100_000u64 {
        let kind = EventKind::Review {
            rating: (n % 4) as u8 + 1,
            ms: 1000,
        };
        log.append(1_795_428_000_000 + n as i64, &card(run, n), kind)
            .expect("append");
        println!("ACK {n}");
    }
}

/// The rating number in one of the child's `ACK n` lines.
fn ack(line: &str) -> Option<u64> {
    line.strip_prefix("ACK ")?.parse().ok()
}

/// The rating numbers of run `run` found in the log.
fn written(log: &LoadedLog, run: usize) -> BTreeSet<u64> {
    let prefix = format!("kill/r{run}-");
    log.events
        .iter()
        .filter_map(|e| log.cards[e.card as usize].strip_prefix(&prefix))
        .map(|n| n.parse().expect("our own card ids"))
        .collect()
}

#[test]
fn every_acknowledged_rating_survives_sigkill() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("reviews.jsonl");
    let seed: u64 = rand::rng().random();
    println!("seed {seed}");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let exe = std::env::current_exe().expect("test binary");
    let started = Instant::now();
    let mut acked_runs: Vec<BTreeSet<u64>> = Vec::new();
    let mut warnings = 0;
    let mut total_acked = 0;
    for run in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["child_writer", "--exact", "--ignored", "--nocapture"])
            .env(LOG_ENV, &path)
            .env(RUN_ENV, run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let mut acked = BTreeSet::<u64>::new();
        // Kill at a random moment: after 0-5 acknowledgements, plus 0-3 ms.
        let wait_acks = rng.random_range(0..=5);
        while acked.len() < wait_acks {
            match lines.next() {
                Some(Ok(l)) => acked.extend(ack(&l)),
                _ => break,
            }
        }
        std::thread::sleep(Duration::from_micros(rng.random_range(0..3000)));
        child.kill().expect("SIGKILL");
        // Acknowledgements already in the pipe were printed before the kill: they count.
        for l in lines.map_while(Result::ok) {
            acked.extend(ack(&l));
        }
        child.wait().expect("reaped");

        let log = ReviewLog::load(&path).expect("the log loads after every kill");
        let found = written(&log, run);
        assert!(
            acked.is_subset(&found),
            "run {run} (seed {seed}): acknowledged {acked:?} but the log has {found:?}"
        );
        let in_flight = acked.last().map_or(0, |n| n + 1);
        assert!(
            found.iter().all(|n| acked.contains(n) || *n == in_flight),
            "run {run} (seed {seed}): {found:?} has more than the one in-flight rating past {acked:?}"
        );
        assert!(
            log.warnings.len() <= warnings + 1,
            "run {run}: more than one torn line: {:?}",
            log.warnings
        );
        warnings = log.warnings.len();
        for (earlier, acks) in acked_runs.iter().enumerate() {
            assert!(
                acks.is_subset(&written(&log, earlier)),
                "run {run}: ratings of run {earlier} went missing"
            );
        }
        total_acked += acked.len();
        acked_runs.push(acked);
    }
    println!(
        "{KILLS} kills, {total_acked} acknowledged ratings, {warnings} torn lines, {:?}",
        started.elapsed()
    );
    assert!(
        total_acked > KILLS,
        "the children must get ratings written before most kills"
    );
}
