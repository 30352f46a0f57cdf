//! Importing an Anki package of 20,000 cards with 200,000 review log entries (target: under
//! 1 s): reading it (zip, SQLite, cards, history) and planning the import, then the whole
//! import into an empty data dir (decks, review log). The package is built by recall's own
//! exporter. Run: `cargo bench --bench apkg -- --warm-up-time 1 --measurement-time 5`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use recall::deck::{Card, CardContent, Deck, DeckSource};
use recall::import::apkg::export::write_apkg;
use recall::import::{plan_import, write_import, ImportOptions, Source};
use recall::schedule::{Scheduler, SchedulerConfig};
use recall::store::{EventKind, LoadedLog, LogEvent, Paths, WriterLock};

const CARDS: usize = 20_000;
const REVIEWS_PER_CARD: usize = 10;

/// The package: `CARDS` basic cards, each answered `REVIEWS_PER_CARD` times days apart.
fn package() -> Vec<u8> {
    let deck = Deck {
        id: "big".into(),
        title: "AWS::Big".into(),
        section: String::new(),
        description: None,
        cards: (0..CARDS)
            .map(|i| Card {
                id: format!("c{i}"),
                content: CardContent::Basic {
                    front: format!("Which service handles workload <b>{i}</b>?"),
                    back: format!("Amazon service number {i} &amp; friends"),
                },
                tags: vec!["aws".into(), format!("t{}", i % 17)],
                explain: None,
                source: Vec::new(),
                archived: false,
                line: i + 1,
            })
            .collect(),
        source: DeckSource::File(PathBuf::from("big.toml")),
    };
    let start = 1_700_000_000_000i64;
    let mut events = Vec::with_capacity(CARDS * REVIEWS_PER_CARD);
    for r in 0..REVIEWS_PER_CARD {
        for c in 0..CARDS {
            let rating = if (c + r) % 7 == 0 { 1 } else { 3 };
            events.push(LogEvent {
                at: start + (r as i64) * 3 * 86_400_000 + c as i64 * 1000,
                card: c as u32,
                kind: EventKind::Review { rating, ms: 4000 },
            });
        }
    }
    let log = LoadedLog {
        cards: (0..CARDS).map(|i| format!("big/c{i}")).collect(),
        events,
        warnings: Vec::new(),
        origins: Vec::new(),
        files: Vec::new(),
    };
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("defaults");
    let now = start + 60 * 86_400_000;
    let (bytes, done) = write_apkg(&deck, &log, &scheduler, now).expect("exports");
    assert_eq!(done.revlog, CARDS * REVIEWS_PER_CARD);
    bytes
}

fn bench(c: &mut Criterion) {
    let sources = vec![Source {
        path: PathBuf::from("big.apkg"),
        bytes: package(),
    }];
    let opts = ImportOptions::default();
    let empty = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("apkg");
    group.sample_size(10);
    group.bench_function("plan 20k cards + 200k revlog", |b| {
        b.iter(|| {
            let plan = plan_import(empty.path(), &sources, &opts).expect("plans");
            assert_eq!(plan[0].history.len(), CARDS * REVIEWS_PER_CARD);
            plan
        })
    });
    group.bench_function("import 20k cards + 200k revlog (plan and write)", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |home| {
                let paths = Paths::under(home.path());
                paths.ensure_data_dir().expect("data dir");
                let plan = plan_import(&paths.decks_dir, &sources, &opts).expect("plans");
                let lock = WriterLock::acquire(&paths.lock_file).expect("lock");
                let written = write_import(&plan, &paths, &lock).expect("writes");
                assert_eq!(written.events_added, CARDS * REVIEWS_PER_CARD);
                home
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
