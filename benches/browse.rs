//! The card browser at 100,000 cards (1,000,000 reviews): building its rows once per load,
//! and what one keypress in the search box costs (parse the query, walk one precomputed
//! order, test every card), plus the first sort by a column (computed once, then kept).
//! Run: `cargo bench --bench browse`.

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::browse::{collect, parse, Index, SortKey};
use recall::schedule::{Scheduler, SchedulerConfig};
use recall::store::log::parse_log;
use recall::study::Collection;

fn browse_bench(c: &mut Criterion) {
    let mut decks = support::decks(10, 10_000);
    // Tags on every card, so `tag:` has something to look through.
    for (d, deck) in decks.iter_mut().enumerate() {
        for (i, card) in deck.cards.iter_mut().enumerate() {
            card.tags = vec![format!("topic-{}", i % 50), format!("deck{d}")];
        }
    }
    let text = support::log_text(&decks, 1_000_000);
    let log = parse_log(text.as_bytes(), "reviews.jsonl");
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("config");
    let col = Collection::replay(decks, &log, &scheduler, support::NOW);

    let mut g = c.benchmark_group("browser, 100k cards");
    g.sample_size(10);
    g.bench_function("collect the rows (once per load)", |b| {
        b.iter(|| collect(&col, &scheduler, support::NOW))
    });
    let index = Index::new(collect(&col, &scheduler, support::NOW));
    for key in SortKey::ALL {
        index.order(key);
    }
    for (name, query, key) in [
        ("empty search, by due", "", SortKey::Due),
        ("two words, by front", "question 1234", SortKey::Front),
        (
            "phrase or tag, by retrievability",
            "\"typical length\" or tag:topic-7",
            SortKey::Retrievability,
        ),
        (
            "deck wildcard, prop, negation, by lapses",
            "deck:deck-* prop:r<0.9 -is:new",
            SortKey::Lapses,
        ),
        (
            "is:due and words, by stability",
            "is:due synthetic (answer or question)",
            SortKey::Stability,
        ),
    ] {
        g.bench_function(format!("keypress: {name}"), |b| {
            b.iter(|| {
                let q = parse(query).expect("query");
                index.search(&q, key, true).len()
            })
        });
    }
    let facts = collect(&col, &scheduler, support::NOW);
    for key in [SortKey::Front, SortKey::Due, SortKey::Retrievability] {
        g.bench_function(format!("first sort by {key:?} (then kept)"), |b| {
            b.iter_batched(
                || Index::new(facts.clone()),
                // The index is returned so its drop is not timed.
                |index| {
                    std::hint::black_box(index.order(key).len());
                    index
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, browse_bench);
criterion_main!(benches);
