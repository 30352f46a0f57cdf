//! The study engine at 100,000 cards and 1,000,000 reviews: load, replay, queue, append.
//! Run: `cargo bench --bench engine`.

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::schedule::{Scheduler, SchedulerConfig};
use recall::store::log::parse_log;
use recall::store::logset::load_review_logs;
use recall::store::{EventKind, Paths, ReviewLog};
use recall::study::{Collection, Limits, Queue, Scope};

fn engine(c: &mut Criterion) {
    let decks = support::decks(10, 10_000);
    let text = support::log_text(&decks, 1_000_000);
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("defaults");
    let log = parse_log(text.as_bytes(), "reviews.jsonl");
    assert!(log.warnings.is_empty());

    let mut g = c.benchmark_group("100k cards, 1M reviews");
    g.sample_size(10);
    g.bench_function("parse the log", |b| {
        b.iter(|| parse_log(text.as_bytes(), "reviews.jsonl"))
    });
    g.bench_function("replay to card state", |b| {
        b.iter_batched(
            || decks.clone(),
            |decks| Collection::replay(decks, &log, &scheduler, support::NOW),
            criterion::BatchSize::LargeInput,
        )
    });
    let col = Collection::replay(decks.clone(), &log, &scheduler, support::NOW);
    g.bench_function("build today's queue (all decks)", |b| {
        b.iter(|| {
            Queue::build(
                &col,
                Scope::All,
                Limits::default(),
                &scheduler,
                support::NOW,
            )
        })
    });
    // Home's plan: exam pacing, today's queue, the time estimate and the last-new-card date.
    let exam_config = recall::store::Config {
        new_per_day: recall::store::NewPerDay::Exam,
        exam_date: time::Date::from_calendar_date(2026, time::Month::December, 21).ok(),
        ..Default::default()
    };
    g.bench_function("today's plan with new_per_day = exam (all decks)", |b| {
        b.iter(|| {
            let spa = recall::study::plan::seconds_per_answer(&log);
            recall::study::plan::plan(&exam_config, &col, &scheduler, support::NOW, spa)
        })
    });
    g.bench_function("build today's queue (one deck)", |b| {
        b.iter(|| {
            Queue::build(
                &col,
                Scope::Deck(3),
                Limits::default(),
                &scheduler,
                support::NOW,
            )
        })
    });
    g.finish();

    // Line numbers for every card used to rescan the file from the top (quadratic).
    let toml = recall::deck::to_toml(&support::decks(1, 10_000)[0]).expect("serialise");
    c.bench_function("parse and validate a 10,000-card deck file", |b| {
        b.iter(|| {
            recall::deck::parse_deck(&toml, "deck.toml", recall::deck::DeckSource::Builtin("b"))
                .expect("valid")
        })
    });

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("reviews.jsonl");
    let mut w = ReviewLog::open_append(&path).expect("open");
    let mut at = support::NOW;
    c.bench_function("append one rating (write + fdatasync)", |b| {
        b.iter(|| {
            at += 1;
            w.append(
                at,
                "deck-1/card-1",
                EventKind::Review {
                    rating: 3,
                    ms: 4000,
                },
            )
            .expect("append")
        })
    });
}

/// Start-up with several devices' logs costs about what one log of the same size does: 900,000
/// events as one `reviews.jsonl`, and the same events dealt round-robin into three devices'
/// `logs/<device>.jsonl` (each in time order), read, merged and replayed.
fn devices(c: &mut Criterion) {
    let decks = support::decks(10, 10_000);
    let text = support::log_text(&decks, 900_000);
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("defaults");
    let (one, three) = support::one_and_three_device_homes(&text);
    let mut g = c.benchmark_group("900,000 events: load, merge and replay");
    g.sample_size(10);
    for (name, home) in [("one log", one.path()), ("three device logs", three.path())] {
        let paths = Paths::under(home);
        g.bench_function(name, |b| {
            b.iter_batched(
                || decks.clone(),
                |decks| {
                    let log = load_review_logs(&paths).expect("loads");
                    assert_eq!(log.events.len(), 900_000);
                    Collection::replay(decks, &log, &scheduler, support::NOW)
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

/// The per-answer fuzz factor: recall's one ChaCha12 block against `rand`'s `StdRng`, which
/// fills four blocks (256 bytes) to hand out the same first 4.
fn fuzz(c: &mut Criterion) {
    use rand::{RngExt, SeedableRng};
    let mut g = c.benchmark_group("fuzz factor");
    let seed = recall::schedule::card_seed("s3-storage-classes/glacier-ir");
    g.bench_function("one ChaCha12 block", |b| {
        b.iter(|| recall::schedule::fuzz_factor(std::hint::black_box(seed)))
    });
    g.bench_function("StdRng (four blocks)", |b| {
        b.iter(|| {
            rand::rngs::StdRng::seed_from_u64(std::hint::black_box(seed)).random_range(0.0f32..1.0)
        })
    });
    g.finish();
}

criterion_group!(benches, engine, devices, fuzz);
criterion_main!(benches);
