//! The snapshot against a full replay: every reason to fall back, and (property test) that a
//! snapshot plus its tail, whenever it is used, gives exactly the full replay's state.

use super::*;
use crate::deck::{parse_deck, Deck, DeckSource};
use crate::schedule::SchedulerConfig;
use crate::store::log::format_numbered_line;
use crate::store::logset;
use crate::store::EventKind;

const T0: i64 = 1_700_000_000_000;
const MIN: i64 = 60_000;
const DAY: i64 = 86_400_000;
/// What a load says besides the cards: the log's warnings, and the latest answers' times.
type Seen = (Vec<LogWarning>, Vec<u32>);

const R: EventKind = EventKind::Review { rating: 3, ms: 0 };

fn deck(cards: usize, archived: Option<usize>) -> Deck {
    let mut src = "[deck]\nid = \"d\"\ntitle = \"d\"\n".to_string();
    for i in 0..cards {
        src.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nfront = \"f\"\nback = \"b\"\n"
        ));
        if archived == Some(i) {
            src.push_str("archived = true\n");
        }
    }
    parse_deck(&src, "d", DeckSource::Builtin("d")).expect("deck")
}

fn sched(retention: f32) -> Scheduler {
    Scheduler::new(SchedulerConfig {
        desired_retention: retention,
        ..SchedulerConfig::default()
    })
    .expect("scheduler")
}

struct Home {
    _dir: tempfile::TempDir,
    paths: Paths,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::under(dir.path());
        std::fs::create_dir_all(&paths.logs_dir).expect("logs");
        make_cache_dir(&paths).expect("cache/");
        std::fs::write(&paths.device_file, "a\n").expect("device");
        Home { _dir: dir, paths }
    }

    fn file(&self, name: &str) -> std::path::PathBuf {
        if name == "reviews" {
            self.paths.reviews.clone()
        } else {
            self.paths.own_log(name)
        }
    }

    /// Appends events (at, card number, kind, seq) to a file.
    fn append(&self, name: &str, events: &[(i64, usize, EventKind, u32)]) {
        let mut text = String::new();
        for &(at, card, kind, seq) in events {
            format_numbered_line(&mut text, at, &format!("d/c{card}"), kind, seq);
        }
        self.append_raw(name, &text);
    }

    fn append_raw(&self, name: &str, text: &str) {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.file(name))
            .expect("open");
        f.write_all(text.as_bytes()).expect("append");
    }

    /// Takes a snapshot after a full replay, as a start without one does.
    fn snapshot(&self, decks: Vec<Deck>, s: &Scheduler, now: i64) {
        let (log, marks) = load_marked(&self.paths).expect("load");
        let col = Collection::replay(decks, &log, s, now);
        save(&self.paths, &col, s, &SavePoint::after_full(&log, marks)).expect("save");
    }

    /// The full replay, with the log's warnings and its latest answers' times.
    fn full(&self, decks: Vec<Deck>, s: &Scheduler, now: i64) -> (Collection, Seen) {
        let log = logset::load_review_logs(&self.paths).expect("load");
        let recent = crate::study::plan::recent_answer_ms(&log.events);
        (
            Collection::replay(decks, &log, s, now),
            (log.warnings, recent),
        )
    }

    fn fast(
        &self,
        decks: Vec<Deck>,
        s: &Scheduler,
        now: i64,
    ) -> Result<(Collection, Seen), Fallback> {
        let mut col = Collection::unanswered(decks, s.day_of(now));
        let r = read_tail(&self.paths, s)?.restore(&mut col, s, now)?;
        Ok((col, (r.warnings, r.point.recent_ms)))
    }

    /// The snapshot path is taken and equals the full replay; returns the tail's length.
    fn check_exact(&self, decks: Vec<Deck>, s: &Scheduler, now: i64) {
        let (a, wa) = self.fast(decks.clone(), s, now).expect("snapshot used");
        let (b, wb) = self.full(decks, s, now);
        same(&a, &b);
        assert_eq!(wa, wb);
    }

    fn reason(&self, decks: Vec<Deck>, s: &Scheduler, now: i64) -> Fallback {
        self.fast(decks, s, now).err().expect("falls back")
    }
}

fn same(a: &Collection, b: &Collection) {
    assert_eq!(a.counts_day, b.counts_day);
    assert_eq!(a.counts, b.counts);
    assert_eq!(a.cards.len(), b.cards.len());
    for (x, y) in a.cards.iter().zip(&b.cards) {
        assert_eq!(x.global_id, y.global_id);
        assert_eq!(x.state, y.state, "{}", x.global_id);
        assert_eq!(
            (
                x.suspended,
                x.buried_day,
                x.archived,
                x.deck,
                x.card,
                x.seed
            ),
            (
                y.suspended,
                y.buried_day,
                y.archived,
                y.deck,
                y.card,
                y.seed
            ),
            "{}",
            x.global_id
        );
    }
}

/// A home with a few answers on device `a` and a snapshot of them.
fn studied() -> (Home, Scheduler) {
    let h = Home::new();
    let s = sched(0.9);
    h.append(
        "a",
        &[(T0, 0, R, 1), (T0 + MIN, 1, R, 2), (T0 + 2 * MIN, 0, R, 3)],
    );
    h.snapshot(vec![deck(4, None)], &s, T0 + 3 * MIN);
    (h, s)
}

#[test]
fn the_format_round_trips_and_any_flipped_byte_is_caught() {
    let (h, s) = studied();
    let bytes = std::fs::read(path(&h.paths)).expect("written");
    let snap = decode(&bytes).expect("decodes");
    assert_eq!(encode(&snap), bytes);
    assert_eq!(snap.cards.len(), 4);
    assert_eq!(snap.cards[0].state.reps, 2);
    assert_eq!(snap.files[0].name, "a");
    for i in (0..bytes.len()).step_by(7) {
        let mut b = bytes.clone();
        b[i] ^= 0x10;
        assert!(decode(&b).is_err(), "byte {i}");
    }
    for cut in [0, 3, 8, bytes.len() / 2, bytes.len() - 1] {
        assert_eq!(
            decode(&bytes[..cut]),
            Err(DecodeError::Corrupt),
            "cut {cut}"
        );
    }
    h.check_exact(vec![deck(4, None)], &s, T0 + 3 * MIN);
}

#[test]
fn new_answers_after_the_snapshot_are_replayed_on_top_of_it() {
    let (h, s) = studied();
    h.append("a", &[(T0 + 5 * MIN, 0, R, 4), (T0 + 6 * MIN, 2, R, 5)]);
    h.append("a", &[(T0 + 7 * MIN, 2, EventKind::UndoOf(5), 6)]);
    h.append("a", &[(T0 + 8 * MIN, 3, EventKind::Bury, 7)]);
    h.append("a", &[(T0 + 9 * MIN, 3, EventKind::Undo, 0)]);
    // Another device, first seen now, whose events are all later than the snapshot's.
    h.append("b", &[(T0 + 6 * MIN, 1, EventKind::Suspend, 1)]);
    h.check_exact(vec![deck(4, None)], &s, T0 + 10 * MIN);
    let (col, _) = h
        .fast(vec![deck(4, None)], &s, T0 + 10 * MIN)
        .expect("used");
    assert_eq!(col.cards[0].state.reps, 3);
    assert!(col.cards[1].suspended);
    assert_eq!(col.counts[0].new, 2, "two new cards answered today: c0, c1");
}

#[test]
fn on_a_later_day_the_counts_start_from_the_tail() {
    let (h, s) = studied();
    h.append("a", &[(T0 + DAY, 3, R, 4)]);
    h.check_exact(vec![deck(4, None)], &s, T0 + DAY + MIN);
    let (col, _) = h
        .fast(vec![deck(4, None)], &s, T0 + DAY + MIN)
        .expect("used");
    assert_eq!(col.counts[0].new, 1);
    // Clock set back a day: the snapshot's counts are for a later day than today.
    let h2 = Home::new();
    h2.append("a", &[(T0 + DAY, 0, R, 1)]);
    h2.snapshot(vec![deck(4, None)], &s, T0 + DAY);
    assert_eq!(h2.reason(vec![deck(4, None)], &s, T0), Fallback::Day);
}

#[test]
fn damaged_and_torn_lines_are_warned_about_as_a_full_load_does() {
    let h = Home::new();
    let s = sched(0.9);
    h.append("a", &[(T0, 0, R, 1)]);
    h.append_raw("a", "not json\n");
    h.append("a", &[(T0 + MIN, 1, R, 2)]);
    h.append_raw("a", "{\"v\":1,\"at\":\"20"); // torn: read again once whole
    h.append("b", &[(T0, 2, R, 1)]);
    h.append_raw("b", "{\"v\":1,"); // another device's half-synced line: no warning
    h.snapshot(vec![deck(4, None)], &s, T0 + 2 * MIN);
    h.check_exact(vec![deck(4, None)], &s, T0 + 2 * MIN);
    // The torn line is completed (by a newline: it stays damaged) and more follows.
    h.append_raw("a", "\n{broken\n");
    h.append("a", &[(T0 + 3 * MIN, 1, R, 3)]);
    h.append_raw("b", "\"at\":\"x\"}\n");
    h.check_exact(vec![deck(4, None)], &s, T0 + 4 * MIN);
    let (_, w) = h.fast(vec![deck(4, None)], &s, T0 + 4 * MIN).expect("used");
    let lines: Vec<(String, usize)> = w.0.iter().map(|w| (w.file.clone(), w.line)).collect();
    assert_eq!(
        lines,
        [
            ("a.jsonl".to_string(), 2),
            ("a.jsonl".to_string(), 4),
            ("a.jsonl".to_string(), 5),
            ("b.jsonl".to_string(), 2)
        ]
    );
}

#[test]
fn no_snapshot_a_corrupt_one_or_another_format_or_build_replays_everything() {
    let (h, s) = studied();
    let d = || vec![deck(4, None)];
    let file = path(&h.paths);
    let good = std::fs::read(&file).expect("written");
    std::fs::write(&file, &good[..good.len() - 9]).expect("torn");
    assert_eq!(h.reason(d(), &s, T0), Fallback::Corrupt);
    let mut flipped = good.clone();
    flipped[40] ^= 1;
    std::fs::write(&file, &flipped).expect("damaged");
    assert_eq!(h.reason(d(), &s, T0), Fallback::Corrupt);
    let mut snap = decode(&good).expect("decodes");
    snap.version.push_str(" older");
    std::fs::write(&file, encode(&snap)).expect("other build");
    assert_eq!(h.reason(d(), &s, T0), Fallback::Version);
    let mut other = good.clone();
    other[8] = 99; // the format number, then a valid checksum
    let n = other.len() - 4;
    let crc = crc32fast::hash(&other[..n]).to_le_bytes();
    other[n..].copy_from_slice(&crc);
    std::fs::write(&file, &other).expect("other format");
    assert_eq!(h.reason(d(), &s, T0), Fallback::Format);
    std::fs::remove_file(&file).expect("deleted");
    assert_eq!(h.reason(d(), &s, T0), Fallback::Missing);
}

#[test]
fn other_settings_or_decks_replay_everything() {
    let (h, s) = studied();
    assert_eq!(
        h.reason(vec![deck(4, None)], &sched(0.85), T0),
        Fallback::Config
    );
    let tz = Scheduler::new(SchedulerConfig {
        utc_offset_secs: 3600,
        ..SchedulerConfig::default()
    })
    .expect("scheduler");
    assert_eq!(h.reason(vec![deck(4, None)], &tz, T0), Fallback::Config);
    assert_eq!(h.reason(vec![deck(5, None)], &s, T0), Fallback::Decks);
    assert_eq!(h.reason(vec![deck(4, Some(2))], &s, T0), Fallback::Decks);
    assert_eq!(h.reason(vec![], &s, T0), Fallback::Decks);
    let mut renamed = deck(4, None);
    renamed.id = "e".into();
    assert_eq!(h.reason(vec![renamed], &s, T0), Fallback::Decks);
}

#[test]
fn a_log_shorter_changed_gone_or_unreadable_replays_everything() {
    let d = || vec![deck(4, None)];
    let (h, s) = studied();
    let own = h.file("a");
    let text = std::fs::read(&own).expect("log");
    std::fs::write(&own, &text[..text.len() - 10]).expect("cut");
    assert_eq!(h.reason(d(), &s, T0), Fallback::Shorter("a".into()));
    // The same length and more, but a byte before the mark differs.
    let mut changed = text.clone();
    let i = changed.len() - 20;
    changed[i] = if changed[i] == b'1' { b'2' } else { b'1' };
    changed.extend_from_slice(b"\n");
    std::fs::write(&own, &changed).expect("changed");
    assert_eq!(h.reason(d(), &s, T0), Fallback::Changed("a".into()));
    std::fs::remove_file(&own).expect("gone");
    assert_eq!(h.reason(d(), &s, T0), Fallback::FileGone("a".into()));
    std::fs::create_dir(&own).expect("a folder where the log was");
    assert_eq!(h.reason(d(), &s, T0), Fallback::Unreadable("a".into()));
    assert!(
        logset::load_review_logs(&h.paths).is_err(),
        "the full load reports it"
    );
}

#[test]
fn events_merged_before_the_snapshots_latest_replay_everything() {
    let d = || vec![deck(4, None)];
    // Another device's answers from before the snapshot arrive by sync.
    let (h, s) = studied();
    h.append("b", &[(T0 + MIN, 3, R, 1)]);
    assert_eq!(h.reason(d(), &s, T0 + DAY), Fallback::OutOfOrder);
    // This device's clock was set back.
    let (h, s) = studied();
    h.append("a", &[(T0 + MIN, 3, R, 4)]);
    assert_eq!(h.reason(d(), &s, T0 + DAY), Fallback::OutOfOrder);
    // A tie with the latest event is not later either.
    let (h, s) = studied();
    h.append("b", &[(T0 + 2 * MIN, 3, R, 1)]);
    assert_eq!(h.reason(d(), &s, T0 + DAY), Fallback::OutOfOrder);
    let full = h.full(d(), &s, T0 + DAY).0;
    assert_eq!(full.cards[3].state.reps, 1);
}

#[test]
fn an_undo_reaching_before_the_snapshot_replays_everything() {
    let d = || vec![deck(4, None)];
    let (h, s) = studied();
    h.append("a", &[(T0 + 5 * MIN, 0, EventKind::UndoOf(3), 4)]);
    assert_eq!(h.reason(d(), &s, T0 + DAY), Fallback::UndoReachesBack);
    let full = h.full(d(), &s, T0 + DAY).0;
    assert_eq!(full.cards[0].state.reps, 1, "the full replay takes it back");
    let (h, s) = studied();
    h.append("a", &[(T0 + 5 * MIN, 1, EventKind::Undo, 0)]);
    assert_eq!(h.reason(d(), &s, T0 + DAY), Fallback::UndoReachesBack);
    // An undo of an answer after the snapshot is exact.
    let (h, s) = studied();
    h.append(
        "a",
        &[
            (T0 + 5 * MIN, 1, R, 4),
            (T0 + 6 * MIN, 1, EventKind::Undo, 0),
        ],
    );
    h.check_exact(d(), &s, T0 + DAY);
}

#[test]
fn a_checkpoint_takes_in_the_new_lines_and_a_deleted_snapshot_is_rebuilt() {
    let (h, s) = studied();
    h.append("a", &[(T0 + 5 * MIN, 2, R, 4)]);
    checkpoint(&h.paths, vec![deck(4, None)], &s, T0 + 6 * MIN).expect("checkpoint");
    let tail = read_tail(&h.paths, &s).expect("matches");
    assert_eq!(tail.events(), 0, "the snapshot now covers every line");
    h.check_exact(vec![deck(4, None)], &s, T0 + 6 * MIN);
    std::fs::remove_file(path(&h.paths)).expect("deleted");
    h.append("a", &[(T0 + 7 * MIN, 2, R, 5)]);
    checkpoint(&h.paths, vec![deck(4, None)], &s, T0 + 8 * MIN).expect("checkpoint");
    h.check_exact(vec![deck(4, None)], &s, T0 + 8 * MIN);
}

mod property {
    use super::*;
    use proptest::prelude::*;

    /// One generated event: file (0 = the old `reviews`, 1-2 devices), card, what, and a
    /// time step (sometimes backwards, sometimes zero).
    #[derive(Clone, Debug)]
    struct Op {
        file: usize,
        card: usize,
        what: u8,
        step: i64,
    }

    fn op() -> impl Strategy<Value = Op> {
        // Mostly forward in time, now and then a step back (a late sync, a clock set back);
        // undos now and then.
        let step = prop_oneof![9 => 0i64..6, 1 => -2i64..0];
        (0usize..3, 0usize..5, 0u8..48, step).prop_map(|(file, card, what, step)| Op {
            file,
            card,
            what: if what < 8 { what } else { 6 + what % 6 },
            step,
        })
    }

    const FILES: [&str; 3] = ["reviews", "a", "b"];

    /// Writes ops to the files, keeping each file's sequence numbers; returns the new clock.
    fn write(h: &Home, ops: &[Op], seqs: &mut [u32; 3], mut at: i64) -> i64 {
        for o in ops {
            at += o.step * 37 * MIN;
            seqs[o.file] += 1;
            let seq = if o.file == 0 { 0 } else { seqs[o.file] };
            let kind = match o.what {
                0 => EventKind::Undo,
                1 => EventKind::UndoOf(seqs[o.file].saturating_sub(1 + o.card as u32 % 2)),
                2 => EventKind::Bury,
                3 => EventKind::Suspend,
                4 => EventKind::Unsuspend,
                5 => EventKind::QuizMiss,
                // Answer times vary, so the latest answers' times (Home's estimate) are
                // compared too.
                r => EventKind::Review {
                    rating: r % 4 + 1,
                    ms: 700 * o.card as u32 + 300 * u32::from(r),
                },
            };
            h.append(FILES[o.file], &[(at, o.card, kind, seq)]);
        }
        at
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(160))]

        #[test]
        fn snapshot_plus_tail_is_the_full_replay(
            before in proptest::collection::vec(op(), 0..40),
            after in proptest::collection::vec(op(), 0..25),
            torn in any::<bool>(),
            change in 0u8..8,
            days_later in 0i64..3,
        ) {
            let h = Home::new();
            let s = sched(0.9);
            let mut seqs = [0u32; 3];
            let at = write(&h, &before, &mut seqs, T0);
            if torn {
                h.append_raw("b", "{\"v\":1,\"at\":\"2026-");
            }
            h.snapshot(vec![deck(5, None)], &s, at);
            if torn {
                h.append_raw("b", "\n");
            }
            let at = write(&h, &after, &mut seqs, at);
            let (decks, s) = match change {
                0 => (vec![deck(5, None)], sched(0.8)),
                1 => (vec![deck(6, None)], s),
                2 => (vec![deck(5, Some(1))], s),
                _ => (vec![deck(5, None)], s),
            };
            let now = at + days_later * DAY;
            let (b, wb) = h.full(decks.clone(), &s, now);
            // A fallback is a full replay, equal by construction; a snapshot used must be exact.
            if let Ok((a, wa)) = h.fast(decks, &s, now) {
                prop_assert!(change >= 3, "a changed setting or deck was not noticed");
                same(&a, &b);
                prop_assert_eq!(wa, wb);
            }
        }
    }

    #[test]
    fn the_typical_case_uses_the_snapshot() {
        // Events in time order on two devices after the snapshot: always exact.
        let h = Home::new();
        let s = sched(0.9);
        let ops: Vec<Op> = (0..30)
            .map(|i| Op {
                file: 1 + i % 2,
                card: i * 7 % 5,
                what: 6 + (i % 6) as u8,
                step: 1,
            })
            .collect();
        let mut seqs = [0u32; 3];
        let at = write(&h, &ops[..15], &mut seqs, T0);
        h.snapshot(vec![deck(5, None)], &s, at);
        let at = write(&h, &ops[15..], &mut seqs, at);
        h.check_exact(vec![deck(5, None)], &s, at);
    }
}

/// Snapshots with a valid checksum but hostile values.
#[path = "hostile_tests.rs"]
mod hostile;
