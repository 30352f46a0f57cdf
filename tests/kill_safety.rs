//! SIGKILL at random moments while ratings are being written: nothing acknowledged is lost.
//!
//! The test re-runs its own binary as the writer (`child_writer`, ignored in normal runs): it
//! appends ratings through `ReviewLog` and prints `ACK n` after each append returned, i.e.
//! after the fsync. The parent kills it at a random moment, then checks that the log loads,
//! that every acknowledged rating is in it, and that at most the one rating in flight is either
//! there unacknowledged or torn (skipped with one warning).
//!
//! Between ratings the child also saves the snapshot of the replayed state at random moments,
//! half the time atomically (as recall does) and half the time in place in two writes, so
//! kills leave torn and stale snapshots too. After every kill, the state from the snapshot and
//! the log lines after it, whenever it is used, must equal a full replay's, card for card.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng};
use recall::deck::{parse_deck, Deck, DeckSource};
use recall::schedule::{Scheduler, SchedulerConfig};
use recall::store::{logset, EventKind, LoadedLog, Paths, ReviewLog};
use recall::study::{snapshot, Collection};

const LOG_ENV: &str = "RECALL_KILL_TEST_LOG";
const RUN_ENV: &str = "RECALL_KILL_TEST_RUN";
const KILLS: usize = 220;

/// The card id of rating `n` of run `run`.
fn card(run: usize, n: u64) -> String {
    format!("kill/r{run}-{n}")
}

/// The time of rating `n` of run `run`: each run later than the one before.
fn time(run: usize, n: u64) -> i64 {
    1_795_428_000_000 + run as i64 * 1_000_000 + n as i64
}

/// A deck holding the first 8 cards of every run, so the replay gives them states.
fn deck() -> Deck {
    let mut src = "[deck]\nid = \"kill\"\ntitle = \"kill\"\n".to_string();
    for run in 0..KILLS {
        for n in 0..8 {
            src.push_str(&format!(
                "[[cards]]\nid = \"r{run}-{n}\"\nfront = \"f\"\nback = \"b\"\n"
            ));
        }
    }
    parse_deck(&src, "kill", DeckSource::Builtin("kill")).expect("deck")
}

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig::default()).expect("defaults")
}

/// Saves the snapshot in place, in two writes with a pause between: a kill between them
/// leaves a torn file (recall itself writes by temp file and rename).
fn write_torn(paths: &Paths, snap: &snapshot::Snapshot, rng: &mut rand::rngs::StdRng) {
    use std::io::Write;
    let bytes = snapshot::encode(snap);
    let file = snapshot::path(paths);
    std::fs::create_dir_all(file.parent().expect("cache/")).expect("cache/");
    let mut f = std::fs::File::create(&file).expect("snapshot");
    let (a, b) = bytes.split_at(rng.random_range(0..bytes.len()));
    f.write_all(a).expect("first half");
    f.flush().expect("flush");
    std::thread::sleep(Duration::from_micros(rng.random_range(0..500)));
    f.write_all(b).expect("second half");
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
    let paths = Paths::under(Path::new(&path).parent().expect("the log's folder"));
    let (deck, sched) = (deck(), scheduler());
    let mut rng = rand::rngs::StdRng::seed_from_u64(run as u64);
    // Bounded, so an orphaned child cannot run for ever.
    for n in 0..100_000u64 {
        let kind = EventKind::Review {
            rating: (n % 4) as u8 + 1,
            ms: 1000,
        };
        log.append(time(run, n), &card(run, n), kind)
            .expect("append");
        println!("ACK {n}");
        if rng.random_range(0..3) == 0 {
            let now = time(run, n);
            if rng.random() {
                snapshot::checkpoint(&paths, vec![deck.clone()], &sched, now).expect("saved");
            } else if let Some(snap) =
                snapshot::current(&paths, vec![deck.clone()], &sched, now).expect("replayed")
            {
                write_torn(&paths, &snap, &mut rng);
            }
        }
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
    let (deck, sched) = (deck(), scheduler());
    let paths = Paths::under(dir.path());
    snapshot::make_cache_dir(&paths).expect("cache/");
    let mut from_snapshot = 0;
    let mut fallbacks = std::collections::BTreeMap::<String, usize>::new();
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

        // A torn or stale snapshot never changes a schedule.
        let now = time(run + 1, 0);
        let full = logset::load_review_logs(&paths).expect("loads");
        let full = Collection::replay(vec![deck.clone()], &full, &sched, now);
        let restored = snapshot::restore(&paths, vec![deck.clone()], &sched, now);
        if let Err((why, _)) = &restored {
            *fallbacks.entry(format!("{why:?}")).or_insert(0) += 1;
        }
        if let Ok((col, _)) = restored {
            from_snapshot += 1;
            assert_eq!(
                (col.counts_day, &col.counts),
                (full.counts_day, &full.counts)
            );
            for (a, b) in col.cards.iter().zip(&full.cards) {
                assert_eq!(
                    (a.state, a.suspended, a.buried_day),
                    (b.state, b.suspended, b.buried_day),
                    "run {run} (seed {seed}): {} differs from a full replay",
                    a.global_id
                );
            }
        }
    }
    println!(
        "{KILLS} kills, {total_acked} acknowledged ratings, {warnings} torn lines, \
         {from_snapshot} starts from a snapshot, full replays: {fallbacks:?}, {:?}",
        started.elapsed()
    );
    assert!(
        from_snapshot > KILLS / 10,
        "the snapshot must be used after many kills, not only fallen back from"
    );
    assert!(
        total_acked > KILLS,
        "the children must get ratings written before most kills"
    );
}
