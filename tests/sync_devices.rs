//! Two and three simulated machines studying one collection, each appending only to its own
//! log, with files copied between their data folders at random moments (including copies
//! taken in the middle of a write). After a full sync every machine must compute the same card
//! states, equal to a replay of every event in merged order, with no event lost or counted
//! twice, and every undo cancelling exactly the event it names.

use std::path::Path;

use proptest::prelude::*;
use recall::deck::{parse_deck, Deck, DeckSource};
use recall::schedule::{card_seed, CardState, Millis, Rating, Scheduler, SchedulerConfig};
use recall::store::logset::{load_files, review_log_files};
use recall::store::{EventKind, Paths, ReviewLog};
use recall::study::Collection;

/// 2026-11-23 10:00 UTC.
const T0: Millis = 1_795_428_000_000;
const CARDS: usize = 5;

fn deck() -> Deck {
    let mut src = String::from("[deck]\nid = \"t\"\ntitle = \"t\"\n");
    for i in 0..CARDS {
        src.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nfront = \"F{i}\"\nback = \"B{i}\"\n"
        ));
    }
    parse_deck(&src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid deck")
}

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig::default()).expect("default config")
}

/// What one simulated machine does next.
#[derive(Clone, Debug)]
enum Op {
    /// Device `d` answers card `card` with `rating`, `minutes` after the last event anywhere.
    Answer {
        d: usize,
        card: usize,
        rating: u8,
        minutes: i64,
    },
    /// Device `d` buries or suspends a card.
    Other {
        d: usize,
        card: usize,
        suspend: bool,
    },
    /// Device `d` takes back one of its own earlier events (the `pick`-th from its newest).
    Undo { d: usize, pick: usize },
    /// Device `from`'s log is copied into device `to`'s data folder, only its first
    /// `permille`/1000 bytes when `permille` < 1000 (a copy taken mid-write).
    Sync {
        from: usize,
        to: usize,
        permille: u32,
    },
}

fn op(devices: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0..devices, 0..CARDS, 1u8..=4, 0i64..3000)
            .prop_map(|(d, card, rating, minutes)| Op::Answer { d, card, rating, minutes }),
        1 => (0..devices, 0..CARDS, any::<bool>())
            .prop_map(|(d, card, suspend)| Op::Other { d, card, suspend }),
        2 => (0..devices, 0usize..4).prop_map(|(d, pick)| Op::Undo { d, pick }),
        3 => (0..devices, 0..devices, 0u32..1400)
            .prop_map(|(from, to, p)| Op::Sync { from, to, permille: p.min(1000) }),
    ]
}

/// An event as its device wrote it, for the reference replay.
#[derive(Clone, Copy, Debug)]
struct Written {
    at: Millis,
    device: usize,
    seq: u32,
    card: usize,
    kind: EventKind,
}

struct Device {
    name: String,
    home: tempfile::TempDir,
    log: ReviewLog,
    /// Sequence numbers of this device's events that an undo may name (never undos).
    undoable: Vec<(u32, usize)>,
}

impl Device {
    fn paths(&self) -> Paths {
        Paths::under(self.home.path())
    }

    fn own_log(&self) -> std::path::PathBuf {
        self.paths().own_log(&self.name)
    }
}

fn device(name: &str) -> Device {
    let home = tempfile::tempdir().expect("temp dir");
    let paths = Paths::under(home.path());
    paths.ensure_log_dirs().expect("log folders");
    std::fs::write(&paths.device_file, format!("{name}\n")).expect("device id");
    let log = ReviewLog::open_append(&paths.own_log(name)).expect("own log");
    Device {
        name: name.into(),
        home,
        log,
        undoable: Vec::new(),
    }
}

/// Every card's state as this device computes it from the files in its data folder.
fn states(home: &Path, now: Millis) -> (Vec<(CardState, bool)>, usize) {
    let paths = Paths::under(home);
    let (files, notes) = review_log_files(&paths);
    assert!(notes.is_empty(), "{notes:?}");
    let log = load_files(&files).expect("logs load");
    let col = Collection::replay(vec![deck()], &log, &scheduler(), now);
    (
        col.cards.iter().map(|c| (c.state, c.suspended)).collect(),
        log.events.len(),
    )
}

/// The reference: every written event in merged order (time, then device name, then the
/// device's own order), undos applied by name, then each card replayed through the scheduler.
fn reference(written: &[Written], names: &[String], now: Millis) -> Vec<(CardState, bool)> {
    let mut order: Vec<&Written> = written.iter().collect();
    order.sort_by(|a, b| (a.at, &names[a.device], a.seq).cmp(&(b.at, &names[b.device], b.seq)));
    let cancelled: std::collections::HashSet<(usize, u32)> = written
        .iter()
        .filter_map(|w| match w.kind {
            EventKind::UndoOf(seq) => Some((w.device, seq)),
            _ => None,
        })
        .collect();
    let s = scheduler();
    let d = deck();
    let mut out: Vec<(CardState, bool)> = vec![(CardState::NEW, false); CARDS];
    for w in order {
        if cancelled.contains(&(w.device, w.seq)) {
            continue;
        }
        let seed = card_seed(&d.global_id(&d.cards[w.card]));
        let (state, suspended) = &mut out[w.card];
        match w.kind {
            EventKind::Review { rating, .. } => {
                let r = Rating::from_u8(rating).expect("1-4");
                *state = s.rate(state, r, w.at, seed);
            }
            EventKind::Suspend => *suspended = true,
            _ => {}
        }
    }
    let _ = now;
    out
}

fn run(devices: usize, ops: &[Op]) {
    let names: Vec<String> = ["laptop-0000aaaa", "desk-0000bbbb", "phone-0000cccc"][..devices]
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut devs: Vec<Device> = names.iter().map(|n| device(n)).collect();
    let d = deck();
    let mut written: Vec<Written> = Vec::new();
    let mut now = T0;
    for op in ops {
        match *op {
            Op::Answer {
                d: i,
                card,
                rating,
                minutes,
            } => {
                now += minutes * 60_000;
                let kind = EventKind::Review { rating, ms: 1000 };
                let id = d.global_id(&d.cards[card]);
                let seq = devs[i].log.append(now, &id, kind).expect("append");
                devs[i].undoable.push((seq, card));
                written.push(Written {
                    at: now,
                    device: i,
                    seq,
                    card,
                    kind,
                });
            }
            Op::Other {
                d: i,
                card,
                suspend,
            } => {
                now += 60_000;
                let kind = if suspend {
                    EventKind::Suspend
                } else {
                    EventKind::Bury
                };
                let id = d.global_id(&d.cards[card]);
                let seq = devs[i].log.append(now, &id, kind).expect("append");
                devs[i].undoable.push((seq, card));
                written.push(Written {
                    at: now,
                    device: i,
                    seq,
                    card,
                    kind,
                });
            }
            Op::Undo { d: i, pick } => {
                let n = devs[i].undoable.len();
                if n == 0 {
                    continue;
                }
                let (target, card) = devs[i].undoable.remove(n - 1 - pick.min(n - 1));
                now += 1000;
                let kind = EventKind::UndoOf(target);
                let id = d.global_id(&d.cards[card]);
                let seq = devs[i].log.append(now, &id, kind).expect("append");
                written.push(Written {
                    at: now,
                    device: i,
                    seq,
                    card,
                    kind,
                });
            }
            Op::Sync { from, to, permille } => {
                if from == to {
                    continue;
                }
                let bytes = std::fs::read(devs[from].own_log()).expect("own log");
                let cut = bytes.len() * permille as usize / 1000;
                let target = devs[to].paths().own_log(&devs[from].name);
                std::fs::write(target, &bytes[..cut]).expect("copy");
                // A half-synced copy never disturbs the receiving device's own work.
                let _ = states(devs[to].home.path(), now);
            }
        }
    }
    // Full sync: every device's whole log everywhere.
    for from in 0..devices {
        let bytes = std::fs::read(devs[from].own_log()).expect("own log");
        for to in 0..devices {
            if from != to {
                std::fs::write(devs[to].paths().own_log(&devs[from].name), &bytes).expect("copy");
            }
        }
    }
    let expected = reference(&written, &names, now);
    for dev in &devs {
        let (got, events) = states(dev.home.path(), now);
        assert_eq!(
            events,
            written.len(),
            "{}: an event was lost or doubled",
            dev.name
        );
        assert_eq!(got, expected, "{} differs from the merged replay", dev.name);
    }
    // Devices drop their logs (and folders) here.
    devs.clear();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn two_devices_agree_after_a_full_sync(ops in proptest::collection::vec(op(2), 1..60)) {
        run(2, &ops);
    }

    #[test]
    fn three_devices_agree_after_a_full_sync(ops in proptest::collection::vec(op(3), 1..80)) {
        run(3, &ops);
    }
}

#[test]
fn an_undo_cancels_its_target_even_when_another_device_answered_the_card_since() {
    // Device A answers c0 Good, device B answers c0 Again later, then A undoes its answer by
    // number: after merging, only B's answer counts, on every device.
    run(
        2,
        &[
            Op::Answer {
                d: 0,
                card: 0,
                rating: 3,
                minutes: 0,
            },
            Op::Answer {
                d: 1,
                card: 0,
                rating: 1,
                minutes: 5,
            },
            Op::Undo { d: 0, pick: 0 },
        ],
    );
}
