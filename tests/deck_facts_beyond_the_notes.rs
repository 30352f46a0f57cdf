//! The eight decks beyond the notes: a table of key facts that must stay on the right deck,
//! and the exam-style shape of each deck's questions (enough scenarios and "choose two" ones,
//! four options or five for "choose two", an explanation on each). Sources, totals and the
//! longest-option giveaway check are in `tests/builtin_decks.rs`, for every deck alike.

use recall::deck::{builtin_decks, Card, CardContent, Deck};

/// The decks this file guards.
const DECKS: &[&str] = &[
    "streaming-ingestion",
    "glue",
    "data-formats",
    "processing-and-query",
    "sagemaker-data-prep",
    "data-transfer",
    "data-protection",
    "data-prep-techniques",
];

const MIN_CARDS: usize = 30;
const MIN_CHOICE: usize = 20;
const MIN_CHOOSE_TWO: usize = 4;

/// (deck id, a phrase some card of that deck must show): facts from the checked fact sheet
/// and the AWS documentation that must not go missing or move to another deck.
const KEY_FACTS: &[(&str, &str)] = &[
    ("streaming-ingestion", "1 MB/s or 1,000 records/s"),
    ("streaming-ingestion", "{{2 MB/s}} of reads"),
    ("streaming-ingestion", "8,760 hours (365 days)"),
    ("streaming-ingestion", "20 per stream"),
    ("streaming-ingestion", "up to 10 MiB"),
    ("streaming-ingestion", "Size 1-128 MiB (default 5 MiB)"),
    ("streaming-ingestion", "0-900 seconds (default 300)"),
    ("streaming-ingestion", "1,000 KiB"),
    ("streaming-ingestion", "500 records and 4 MiB"),
    ("streaming-ingestion", "Amazon Kinesis Data Firehose"),
    ("streaming-ingestion", "1 vCPU, 4 GB of memory"),
    ("streaming-ingestion", "January 27, 2026"),
    ("streaming-ingestion", "DataRetentionInHours"),
    ("glue", "certainty 1.0"),
    ("glue", "Grok, XML, JSON and CSV"),
    ("glue", "4 vCPUs and 16 GB of memory"),
    ("glue", "0.0625 DPU"),
    ("glue", "Glue 3.0 or later"),
    ("glue", "April 1, 2026"),
    ("glue", "strictly monotonically increasing or decreasing"),
    ("glue", "Deequ"),
    ("glue", "`enum`, `integer`, `date` and `injected`"),
    ("glue", "April 30, 2026"),
    (
        "data-formats",
        "Parquet and ORC are column-based; Avro is row-based",
    ),
    ("data-formats", "Parquet at the end of the file"),
    ("data-formats", "ZLIB for ORC"),
    ("data-formats", "`tar.gz`"),
    (
        "data-formats",
        "target in the first column and no header row",
    ),
    ("data-formats", "`application/x-recordio-protobuf`"),
    ("data-formats", "ShardedByS3Key"),
    ("data-formats", "Only Pipe mode"),
    ("data-formats", "{{50,000}}"),
    ("processing-and-query", "{{100 partitions}}"),
    (
        "processing-and-query",
        "Only on transactional Apache Iceberg tables",
    ),
    ("processing-and-query", "store no HDFS data"),
    ("processing-and-query", "MaximumCoreCapacityUnits"),
    ("processing-and-query", "recommends {{Trino}}"),
    ("processing-and-query", "from release 7.10.0"),
    ("processing-and-query", "STV_ML_MODEL_INFO"),
    ("processing-and-query", "November 1, 2025"),
    ("processing-and-query", "up to 10,240 MB of memory"),
    ("processing-and-query", "Up to 15 minutes per invocation"),
    ("processing-and-query", "{{Request Response}}"),
    // SageMaker data preparation
    ("sagemaker-data-prep", "Amazon SageMaker AI"),
    ("sagemaker-data-prep", "over 300 built-in transformations"),
    ("sagemaker-data-prep", "effective 30 July 2026"),
    ("sagemaker-data-prep", "{{15 minutes}}"),
    (
        "sagemaker-data-prep",
        "does not currently support a corresponding offline store",
    ),
    (
        "sagemaker-data-prep",
        "hard-deletes a record from the online store",
    ),
    ("sagemaker-data-prep", "`ShardedByS3Key`"),
    ("sagemaker-data-prep", "{{`/opt/ml/processing/`}}"),
    ("sagemaker-data-prep", "only for public or PII-free data"),
    ("sagemaker-data-prep", "Class Imbalance (CI)"),
    ("sagemaker-data-prep", "model recipe"),
    // Moving data in
    ("data-transfer", "`full-load-and-cdc`"),
    (
        "data-transfer",
        "not real-time and has no latency guarantee",
    ),
    ("data-transfer", "CSV}} by default"),
    ("data-transfer", "`ONLY_FILES_TRANSFERRED`"),
    (
        "data-transfer",
        "Snowball Edge is no longer available to new customers",
    ),
    ("data-transfer", "Data Transfer Terminal"),
    ("data-transfer", "12 November 2024"),
    (
        "data-transfer",
        "service is no longer available on Snow Family devices",
    ),
    ("data-transfer", "even when it is OFFLINE"),
    ("data-transfer", "up to 30 minutes"),
    ("data-transfer", "1, 10, 100 or 400 Gbps"),
    ("data-transfer", "doesn't encrypt traffic on its own"),
    ("data-transfer", "{{one S3 object}}"),
    // Data protection
    ("data-protection", "managed data identifiers"),
    ("data-protection", "allow lists"),
    ("data-protection", "publishes findings to EventBridge"),
    ("data-protection", "job bookmarks (CSE-KMS)"),
    ("data-protection", "supported in {{Ray}} jobs"),
    ("data-protection", "only symmetric KMS keys"),
    ("data-protection", "{{25 times}}"),
    ("data-protection", "cell-level security"),
    ("data-protection", "LF-Tags are predefined"),
    ("data-protection", "{{HMAC-SHA256}}"),
    (
        "data-protection",
        "`DETERMINISTIC_ENCRYPT` always gives the same ciphertext",
    ),
    ("data-protection", "without changing the stored data"),
    ("data-protection", "`ONLY_REDACTION`"),
    // Data preparation techniques
    ("data-prep-techniques", "{{most frequent value}}"),
    ("data-prep-techniques", "{{when the step is defined}}"),
    (
        "data-prep-techniques",
        "backward fill copies the next value",
    ),
    (
        "data-prep-techniques",
        "{{sum(negative instances) / sum(positive instances)}}",
    ),
    ("data-prep-techniques", "min-hash embeddings of 3-grams"),
    ("data-prep-techniques", "are considered missing"),
    ("data-prep-techniques", "robust to outliers"),
    ("data-prep-techniques", "defaults to {{95%}}"),
    (
        "data-prep-techniques",
        "no key value in more than one split",
    ),
    ("data-prep-techniques", "up to {{100}} unique values"),
    ("data-prep-techniques", "a score near 1 suggests leakage"),
    (
        "data-prep-techniques",
        "`ValidationFraction` defaults to 0.2",
    ),
];

fn decks() -> Vec<Deck> {
    builtin_decks().unwrap_or_else(|errors| {
        panic!(
            "built-in decks are invalid:\n{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

fn deck<'a>(decks: &'a [Deck], id: &str) -> &'a Deck {
    decks
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no built-in deck {id}"))
}

/// Every text a card shows, for searching.
fn card_text(c: &Card) -> String {
    let mut t = match &c.content {
        CardContent::Basic { front, back } => format!("{front}\n{back}"),
        CardContent::Choice { front, choices, .. } => format!("{front}\n{}", choices.join("\n")),
        CardContent::Cloze { text } => text.clone(),
    };
    if let Some(e) = &c.explain {
        t.push('\n');
        t.push_str(e);
    }
    t
}

#[test]
fn key_facts_are_on_the_right_deck() {
    let decks = decks();
    for (id, fact) in KEY_FACTS {
        let d = deck(&decks, id);
        assert!(
            d.cards.iter().any(|c| card_text(c).contains(fact)),
            "no card of {id} says {fact:?}"
        );
    }
    for id in DECKS {
        let facts = KEY_FACTS.iter().filter(|(d, _)| d == id).count();
        assert!(facts >= 8, "{id} has only {facts} key facts in the table");
    }
}

#[test]
fn each_deck_meets_the_content_bars() {
    let decks = decks();
    for id in DECKS {
        let d = deck(&decks, id);
        assert!(
            d.section.starts_with("Beyond the notes / "),
            "{id} section: {}",
            d.section
        );
        assert!(
            d.description
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty()),
            "{id} has no description"
        );
        assert!(
            d.cards.len() >= MIN_CARDS,
            "{id} has {} cards",
            d.cards.len()
        );
        let mut choice = 0;
        let mut choose_two = 0;
        for c in &d.cards {
            assert!(!c.source.is_empty(), "{id}/{} has no source", c.id);
            let CardContent::Choice {
                front,
                choices,
                answer,
            } = &c.content
            else {
                continue;
            };
            choice += 1;
            assert!(
                c.id.starts_with("q-"),
                "{id}/{}: scenario ids start with q-",
                c.id
            );
            assert!(
                c.explain.as_deref().is_some_and(|e| !e.trim().is_empty()),
                "{id}/{} has no explanation",
                c.id
            );
            if answer.len() == 2 {
                choose_two += 1;
                assert_eq!(choices.len(), 5, "{id}/{}: choose two has 5 options", c.id);
                assert!(
                    front.contains("(Choose two.)"),
                    "{id}/{}: says (Choose two.)",
                    c.id
                );
            } else {
                assert_eq!(answer.len(), 1, "{id}/{}: one or two answers", c.id);
                assert_eq!(
                    choices.len(),
                    4,
                    "{id}/{}: single answer has 4 options",
                    c.id
                );
                assert!(!front.contains("(Choose two.)"), "{id}/{}", c.id);
            }
        }
        assert!(choice >= MIN_CHOICE, "{id} has {choice} choice cards");
        assert!(
            choose_two >= MIN_CHOOSE_TWO,
            "{id} has {choose_two} choose-two cards"
        );
    }
}
