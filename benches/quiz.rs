//! Building a full 65-question exam from every built-in deck (target: under 5 ms).
//! Run: `cargo bench --bench quiz`.

use criterion::{criterion_group, criterion_main, Criterion};
use recall::deck::builtin_decks;
use recall::quiz::{build, QuizMode, QuizSpec};

fn quiz(c: &mut Criterion) {
    let decks = builtin_decks().expect("built-in decks");
    let mut seed = 0u64;
    c.bench_function("build a 65-question quiz from all built-in decks", |b| {
        b.iter(|| {
            seed += 1;
            let qs = build(
                &decks,
                &QuizSpec {
                    decks: Vec::new(),
                    count: 65,
                    seed,
                    mode: QuizMode::Exam,
                },
            );
            assert_eq!(qs.len(), 65);
            qs
        })
    });
}

criterion_group!(benches, quiz);
criterion_main!(benches);
