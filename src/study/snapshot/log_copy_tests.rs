//! The log's binary copy against a full load: the format, every reason to read the whole log
//! instead, and (property test) that the copy plus the lines after it is the full load field
//! for field, and gives the very same stats.

use super::*;
use crate::deck::{parse_deck, Deck, DeckSource};
use crate::schedule::{Scheduler, SchedulerConfig};
use crate::store::log::format_numbered_line;
use crate::store::EventKind;
use crate::study::{Collection, Scope};

const T0: i64 = 1_700_000_000_000;
const MIN: i64 = 60_000;
const DAY: i64 = 86_400_000;
const R: EventKind = EventKind::Review {
    rating: 3,
    ms: 4000,
};

fn deck(cards: usize) -> Deck {
    let mut src = "[deck]\nid = \"d\"\ntitle = \"d\"\n".to_string();
    for i in 0..cards {
        src.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nfront = \"f\"\nback = \"b\"\n"
        ));
    }
    parse_deck(&src, "d", DeckSource::Builtin("d")).expect("deck")
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
        super::super::make_cache_dir(&paths).expect("cache/");
        std::fs::write(&paths.device_file, "a\n").expect("device");
        Home { _dir: dir, paths }
    }

    fn file(&self, name: &str) -> PathBuf {
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

    /// Takes a copy after a full load.
    fn copy(&self) {
        let (log, marks) = super::super::load_marked(&self.paths).expect("load");
        save(&self.paths, &log, &marks).expect("save");
    }

    /// Loads through the copy (refreshing it) and checks the result against a full load.
    fn check(&self) -> Source {
        let (log, marks, source) = load_marked(&self.paths, true).expect("load");
        let (full, full_marks) = super::super::load_marked(&self.paths).expect("full");
        same_log(&log, &full);
        assert_eq!(marks, full_marks);
        source
    }
}

fn same_log(a: &LoadedLog, b: &LoadedLog) {
    assert_eq!(a.files, b.files);
    assert_eq!(a.cards, b.cards);
    assert_eq!(a.events, b.events);
    assert_eq!(a.origins, b.origins);
    assert_eq!(a.warnings, b.warnings);
}

/// A home with a few answers on device `a` and a copy of them.
fn studied() -> Home {
    let h = Home::new();
    h.append(
        "a",
        &[(T0, 0, R, 1), (T0 + MIN, 1, R, 2), (T0 + 2 * MIN, 0, R, 3)],
    );
    h.copy();
    h
}

#[test]
fn the_format_round_trips_and_any_flipped_byte_or_cut_is_caught() {
    let h = studied();
    h.append_raw("a", "not json\n");
    h.append("b", &[(T0 + 3 * MIN, 2, EventKind::UndoOf(1), 1)]);
    h.append(
        "b",
        &[(
            T0 + 4 * MIN,
            3,
            EventKind::SetDue {
                days: 9,
                reset: true,
            },
            2,
        )],
    );
    h.copy();
    let bytes = std::fs::read(path(&h.paths)).expect("written");
    let (point, log) = decode(&bytes).expect("decodes");
    assert_eq!(encode(&point, &log), bytes);
    assert_eq!(log.events.len(), 5);
    assert_eq!(log.files, ["a", "b"]);
    assert_eq!(point.marks.len(), 2);
    assert_eq!(point.warnings.len(), 1, "the damaged line before the marks");
    for i in (0..bytes.len()).step_by(5) {
        let mut b = bytes.clone();
        b[i] ^= 0x10;
        assert!(decode(&b).is_err(), "byte {i}");
    }
    for cut in [
        0,
        3,
        8,
        bytes.len() / 2,
        bytes.len() - RECORD,
        bytes.len() - 1,
    ] {
        assert_eq!(
            decode(&bytes[..cut]).err(),
            Some(DecodeError::Corrupt),
            "cut {cut}"
        );
    }
    assert_eq!(h.check(), Ok(0));
}

#[test]
fn lines_after_the_copy_are_parsed_and_joined_in_a_full_loads_order() {
    let h = studied();
    // New cards on a new device and on the old one: card indexes must follow the full load's
    // order (first file that names a card, then its first event there).
    h.append("b", &[(T0 + 5 * MIN, 9, R, 1), (T0 + 6 * MIN, 0, R, 2)]);
    h.append("a", &[(T0 + 7 * MIN, 8, R, 4), (T0 + 8 * MIN, 7, R, 5)]);
    h.append("a", &[(T0 + 9 * MIN, 8, EventKind::UndoOf(4), 6)]);
    h.append("reviews", &[(T0 + 10 * MIN, 6, EventKind::Forget, 0)]);
    assert_eq!(h.check(), Ok(6));
    // Nothing new since: the copy alone (it was not rewritten for 6 events).
    assert_eq!(h.check(), Ok(6));
}

#[test]
fn a_copy_far_behind_is_rewritten() {
    let h = studied();
    let events: Vec<(i64, usize, EventKind, u32)> = (0..REFRESH_AFTER_EVENTS)
        .map(|i| (T0 + (10 + i as i64) * MIN, i % 7, R, 4 + i as u32))
        .collect();
    h.append("a", &events);
    assert_eq!(h.check(), Ok(REFRESH_AFTER_EVENTS));
    assert_eq!(h.check(), Ok(0), "rewritten at the new end");
}

#[test]
fn a_missing_damaged_cut_or_foreign_copy_reads_the_whole_log_and_is_rebuilt() {
    let h = studied();
    let file = path(&h.paths);
    let good = std::fs::read(&file).expect("written");
    let reseal = |mut b: Vec<u8>| {
        b.truncate(b.len() - 4);
        let crc = crc32fast::hash(&b);
        b.extend_from_slice(&crc.to_le_bytes());
        b
    };
    let mut other_format = good.clone();
    other_format[8] ^= 1;
    let mut other_build = good.clone();
    // The version string starts after the magic, the format, the head's length and its own.
    other_build[24] ^= 1;
    let cases: Vec<(Option<Vec<u8>>, Fallback)> = vec![
        (None, Fallback::Missing),
        (Some(Vec::new()), Fallback::Corrupt),
        (Some(good[..good.len() / 2].to_vec()), Fallback::Corrupt),
        (Some(good[..good.len() - 1].to_vec()), Fallback::Corrupt),
        (
            Some({
                let mut b = good.clone();
                b[good.len() - 10] ^= 0x40;
                b
            }),
            Fallback::Corrupt,
        ),
        (Some(reseal(other_format)), Fallback::Format),
        (Some(reseal(other_build)), Fallback::Version),
        (
            Some(b"RCLSNAP\0 a snapshot, not a copy".to_vec()),
            Fallback::Corrupt,
        ),
    ];
    for (bytes, reason) in cases {
        match &bytes {
            Some(b) => std::fs::write(&file, b).expect("plant"),
            None => std::fs::remove_file(&file).expect("remove"),
        }
        assert_eq!(h.check(), Err(reason.clone()), "{reason:?}");
        assert_eq!(std::fs::read(&file).expect("rebuilt"), good, "{reason:?}");
        assert_eq!(h.check(), Ok(0), "{reason:?}");
    }
}

#[test]
fn a_copy_that_no_longer_matches_the_log_reads_the_whole_log() {
    // Shorter, changed before the mark, gone: as the snapshot checks them.
    let h = studied();
    let log = std::fs::read(h.file("a")).expect("log");
    std::fs::write(h.file("a"), &log[..log.len() - 3]).expect("cut");
    assert_eq!(h.check(), Err(Fallback::Shorter("a".into())));
    let h = studied();
    let mut log = std::fs::read(h.file("a")).expect("log");
    log[40] ^= 1;
    std::fs::write(h.file("a"), &log).expect("change");
    assert_eq!(h.check(), Err(Fallback::Changed("a".into())));
    let h = studied();
    std::fs::remove_file(h.file("a")).expect("remove");
    assert_eq!(h.check(), Err(Fallback::FileGone("a".into())));
    // Another device's answers synced late, earlier than the copy's latest.
    let h = studied();
    h.append("b", &[(T0 + MIN / 2, 2, R, 1)]);
    assert_eq!(h.check(), Err(Fallback::OutOfOrder));
    // An undo after the copy of an answer before it.
    let h = studied();
    h.append("a", &[(T0 + 5 * MIN, 0, EventKind::UndoOf(3), 4)]);
    assert_eq!(h.check(), Err(Fallback::UndoReachesBack));
    let h = studied();
    h.append("a", &[(T0 + 5 * MIN, 1, EventKind::Undo, 0)]);
    assert_eq!(h.check(), Err(Fallback::UndoReachesBack));
}

#[test]
fn no_copy_is_written_without_a_cache_folder_or_through_a_symlink() {
    let h = studied();
    let cache = path(&h.paths).parent().expect("cache").to_path_buf();
    std::fs::remove_dir_all(&cache).expect("remove cache/");
    assert_eq!(h.check(), Err(Fallback::Missing));
    assert!(!cache.exists(), "a read created cache/");
    #[cfg(unix)]
    {
        std::fs::create_dir_all(&cache).expect("cache/");
        let outside = h.paths.data_dir.join("outside.bin");
        std::fs::write(&outside, "mine").expect("outside");
        std::os::unix::fs::symlink(&outside, path(&h.paths)).expect("symlink");
        assert!(save(&h.paths, &LoadedLog::default(), &[]).is_err());
        assert_eq!(std::fs::read(&outside).expect("outside"), b"mine");
    }
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
        let step = prop_oneof![9 => 0i64..6, 1 => -2i64..0];
        (0usize..3, 0usize..7, 0u8..64, step).prop_map(|(file, card, what, step)| Op {
            file,
            card,
            what: if what < 12 { what } else { 12 + what % 6 },
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
                6 => EventKind::Forget,
                7 => EventKind::SetDue {
                    days: o.card as u32,
                    reset: o.card % 2 == 0,
                },
                8 => EventKind::Cram {
                    rating: 2,
                    ms: 1234,
                },
                9 => EventKind::Unbury,
                10 => {
                    h.append_raw(FILES[o.file], "{\"v\":1,\"damaged\n");
                    continue;
                }
                11 => EventKind::UndoOf(seqs[o.file] + 3),
                r => EventKind::Review {
                    rating: r % 4 + 1,
                    ms: 700 * o.card as u32 + 300 * u32::from(r),
                },
            };
            h.append(FILES[o.file], &[(at, o.card, kind, seq)]);
        }
        at
    }

    /// The stats of all decks and of the one deck, as the stats screen computes them.
    fn stats_of(log: &LoadedLog, s: &Scheduler, now: i64) -> Vec<crate::stats::Stats> {
        let col = Collection::replay(vec![deck(6)], log, s, now);
        [Scope::All, Scope::Deck(0)]
            .into_iter()
            .map(|scope| crate::stats::compute(&col, log, s, scope, now))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(160))]

        #[test]
        fn copy_plus_tail_is_the_full_load_and_gives_the_same_stats(
            before in proptest::collection::vec(op(), 0..40),
            after in proptest::collection::vec(op(), 0..25),
            torn in any::<bool>(),
            again in proptest::collection::vec(op(), 0..10),
            days_later in 0i64..3,
            no_steps in any::<bool>(),
        ) {
            let h = Home::new();
            let mut seqs = [0u32; 3];
            let at = write(&h, &before, &mut seqs, T0);
            if torn {
                h.append_raw("b", "{\"v\":1,\"at\":\"2026-");
            }
            h.copy();
            if torn {
                h.append_raw("b", "\n");
            }
            let at = write(&h, &after, &mut seqs, at);
            // Whatever the first load did (used or rebuilt the copy), a second batch of
            // appends is read on top of it.
            let _ = h.check();
            let at = write(&h, &again, &mut seqs, at);
            let (log, _, _) = load_marked(&h.paths, true).expect("load");
            let (full, _) = super::super::super::load_marked(&h.paths).expect("full");
            same_log(&log, &full);
            // No learning steps: the stats then replay the memory state to find phases.
            let steps = if no_steps { Vec::new() } else { SchedulerConfig::default().learning_steps_mins };
            let s = Scheduler::new(SchedulerConfig {
                learning_steps_mins: steps.clone(),
                relearning_steps_mins: steps,
                ..SchedulerConfig::default()
            }).expect("scheduler");
            let now = at + days_later * DAY;
            prop_assert_eq!(stats_of(&log, &s, now), stats_of(&full, &s, now));
        }
    }

    #[test]
    fn the_typical_case_uses_the_copy() {
        // Events in time order on two devices after the copy: always read from it.
        let h = Home::new();
        let ops: Vec<Op> = (0..40)
            .map(|i| Op {
                file: 1 + i % 2,
                card: i * 3 % 7,
                what: 12 + (i % 6) as u8,
                step: 1,
            })
            .collect();
        let mut seqs = [0u32; 3];
        let at = write(&h, &ops[..20], &mut seqs, T0);
        h.copy();
        let at = write(&h, &ops[20..], &mut seqs, at);
        assert_eq!(h.check(), Ok(20));
        let (log, _, _) = load_marked(&h.paths, true).expect("load");
        let (full, _) = super::super::super::load_marked(&h.paths).expect("full");
        let s = Scheduler::new(SchedulerConfig::default()).expect("scheduler");
        assert_eq!(stats_of(&log, &s, at), stats_of(&full, &s, at));
        assert!(
            stats_of(&log, &s, at)[0]
                .heatmap
                .reviews
                .iter()
                .sum::<u32>()
                > 0
        );
    }
}

/// A copy with a valid CRC is not therefore a copy recall wrote: every event must be one the
/// log's own parser could have produced (a rating of 9 would index past the scheduler's four
/// answers, a time past year 9999 past the calendar), or the copy is not used.
#[test]
fn a_copy_with_a_valid_crc_but_events_no_log_line_can_hold_is_corrupt() {
    use crate::store::log::{in_log_range, MAX_ANSWER_MS, MAX_SET_DUE_DAYS};
    use crate::store::Origin;
    let point = Point {
        version: program_version(),
        max_at: T0,
        marks: Vec::new(),
        warnings: Vec::new(),
    };
    let one = |at: i64, kind: EventKind| LoadedLog {
        cards: vec!["d/c0".into()],
        events: vec![LogEvent { at, card: 0, kind }],
        warnings: Vec::new(),
        origins: vec![Origin { file: 0, seq: 1 }],
        files: vec!["a".into()],
    };
    assert!(decode(&encode(&point, &one(T0, R))).is_ok(), "a sane copy");
    let review = |rating, ms| EventKind::Review { rating, ms };
    let cram = |rating, ms| EventKind::Cram { rating, ms };
    let hostile = [
        (T0, review(0, 1)),
        (T0, review(5, 1)),
        (T0, review(255, 1)),
        (T0, cram(0, 1)),
        (T0, cram(9, 1)),
        (T0, review(3, MAX_ANSWER_MS + 1)),
        (T0, cram(3, u32::MAX)),
        (
            T0,
            EventKind::SetDue {
                days: MAX_SET_DUE_DAYS + 1,
                reset: false,
            },
        ),
        (T0, EventKind::UndoOf(0)),
        (i64::MIN, R),
        (i64::MAX, R),
    ];
    for (at, kind) in hostile {
        assert!(!in_log_range(at) || at == T0);
        assert_eq!(
            decode(&encode(&point, &one(at, kind))).err(),
            Some(DecodeError::Corrupt),
            "{at} {kind:?}"
        );
    }
}
