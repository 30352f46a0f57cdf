//! Stats at 100,000 cards and 1,000,000 reviews, and `recall optimize` on 100,000 reviews.
//! Run: `cargo bench --bench stats`.

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::schedule::{Scheduler, SchedulerConfig};
use recall::stats;
use recall::store::log::parse_log;
use recall::study::{Collection, Scope};

fn stats_bench(c: &mut Criterion) {
    let decks = support::decks(10, 10_000);
    let text = support::log_text(&decks, 1_000_000);
    let log = parse_log(text.as_bytes(), "reviews.jsonl");
    // An exam four weeks out: the readiness plan runs every card forward to it (the costly case).
    let scheduler = Scheduler::new(SchedulerConfig {
        exam_date: time::Date::from_calendar_date(2026, time::Month::December, 21).ok(),
        ..SchedulerConfig::default()
    })
    .expect("config");
    let col = Collection::replay(decks.clone(), &log, &scheduler, support::NOW);

    let mut g = c.benchmark_group("stats, 100k cards, 1M reviews");
    g.sample_size(10);
    g.bench_function("all figures, all decks", |b| {
        b.iter(|| stats::compute(&col, &log, &scheduler, Scope::All, support::NOW))
    });
    g.bench_function("all figures, one deck", |b| {
        b.iter(|| stats::compute(&col, &log, &scheduler, Scope::Deck(3), support::NOW))
    });
    g.finish();

    let learner_decks = support::decks(1, 20_000);
    let text = support::simulated_log(&learner_decks, &support::LEARNER_PARAMS, 100_000, 1);
    let log = parse_log(text.as_bytes(), "reviews.jsonl");
    let defaults = Scheduler::new(SchedulerConfig::default()).expect("defaults");
    let mut g = c.benchmark_group("optimize, 100k reviews");
    g.sample_size(10);
    g.bench_function("fit and score (default and fitted)", |b| {
        b.iter(|| stats::optimize::optimize(&log, &defaults, &[]).expect("fit"))
    });
    g.finish();
}

criterion_group!(benches, stats_bench);
criterion_main!(benches);
