//! Importing a 10,000-card TSV: parsing alone, and the whole import (parse, ids, duplicates,
//! merge with the stored deck, TOML for the data dir) up to the write. Run:
//! `cargo bench --bench import -- --warm-up-time 1 --measurement-time 3`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use recall::import::{parse, plan_import, settle, Format, ImportOptions, Source};

/// `n` distinct cards with tags, some fields quoted across two lines.
fn tsv(n: usize) -> String {
    let mut s = String::with_capacity(n * 80);
    for i in 0..n {
        if i % 10 == 0 {
            s.push_str(&format!(
                "Which service stores object number {i}?\t\"Amazon S3, in a bucket\nwith versioning on\"\ts3 storage\n"
            ));
        } else {
            s.push_str(&format!(
                "What is the retention of setting {i}?\tAbout {i} days, unless a lifecycle rule says otherwise\taws tag{}\n",
                i % 13
            ));
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = tsv(10_000);
    c.bench_function("parse 10k-card TSV", |b| {
        b.iter(|| {
            let parsed = parse(Format::Tsv, &text, "cards.tsv").expect("parses");
            settle(vec![("cards.tsv".into(), parsed)])
        })
    });

    let dir = tempfile::tempdir().expect("temp dir");
    let sources = vec![Source {
        path: PathBuf::from("cards.tsv"),
        bytes: text.clone().into_bytes(),
    }];
    let opts = ImportOptions::default();
    c.bench_function("import 10k-card TSV (plan, new deck)", |b| {
        b.iter(|| plan_import(dir.path(), &sources, &opts).expect("imports"))
    });

    // Re-import over a stored deck of the same 10k cards: every card matched by id.
    let plan = plan_import(dir.path(), &sources, &opts).expect("imports");
    std::fs::write(dir.path().join("cards.toml"), &plan[0].toml).expect("stored deck");
    c.bench_function("re-import 10k-card TSV over the stored deck", |b| {
        b.iter(|| plan_import(dir.path(), &sources, &opts).expect("imports"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
