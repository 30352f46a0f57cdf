//! Importing a 10,000-card TSV: parsing alone, and the whole import (parse, ids, duplicates,
//! merge with the stored deck, TOML for the data dir) up to the write; and the `linear growth`
//! group: the same import at two input sizes, so a quadratic step shows as a 64x or 100x step
//! between the pairs instead of 8x or 10x (these were timed tests, which a busy machine made
//! flaky). Run: `cargo bench --bench import -- --warm-up-time 1 --measurement-time 3`.

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

/// A TSV of `n` distinct cards, some fields quoted across two lines.
fn tsv_quoted(n: usize) -> String {
    let mut s = String::with_capacity(n * 60);
    for i in 0..n {
        s.push_str(&format!(
            "What does service number {i} do?\t\"It stores objects, line {i}\nand more\"\ttag{}\n",
            i % 7
        ));
    }
    s
}

/// Makes an Anki text field of about this many bytes.
type MakeField = fn(usize) -> String;

/// Pairs of inputs 10x (TSV rows) and 8x (hostile Anki text fields) apart: linear work keeps
/// each pair's times about that far apart.
fn linear_growth(c: &mut Criterion) {
    let mut g = c.benchmark_group("linear growth");
    g.sample_size(10);
    for rows in [4_000, 40_000] {
        let text = tsv_quoted(rows);
        g.bench_function(format!("TSV {rows} rows"), |b| {
            b.iter(|| {
                let parsed = parse(Format::Tsv, &text, "big.tsv").expect("parses");
                settle(vec![("big.tsv".into(), parsed)])
            })
        });
    }
    let hostile: [(&str, MakeField); 6] = [
        ("<", |n| "<".repeat(n)),
        ("<a", |n| "<a".repeat(n / 2)),
        ("<script>x</script>", |n| {
            "<script>x</script>".repeat(n / 18)
        }),
        ("[sound:", |n| "[sound:".repeat(n / 7)),
        ("{{c1::", |n| "{{c1::".repeat(n / 6)),
        ("{{c1:: then }}", |n| {
            format!("{}}}}}", "{{c1::".repeat(n / 6))
        }),
    ];
    for (name, make) in hostile {
        for bytes in [128 << 10, 1 << 20] {
            let text = format!("#separator:tab\n#html:true\n{}\tback\n", make(bytes));
            g.bench_function(
                format!("Anki text field of {name:?} x {} KB", bytes >> 10),
                |b| b.iter(|| recall::import::anki::parse(&text, "big.txt").expect("parses")),
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench, linear_growth);
criterion_main!(benches);
