//! The four "beyond the notes" decks on ingestion and processing (streaming-ingestion, glue,
//! data-formats, processing-and-query): their key facts stay on the right deck, and each deck
//! keeps the exam-style bars of the content rules (enough scenario questions, every card
//! sourced, no answer given away by being the longest option).

use recall::deck::{builtin_decks, Card, CardContent, Deck};

/// The decks this file guards, with the content bars each must meet.
const DECKS: &[&str] = &[
    "streaming-ingestion",
    "glue",
    "data-formats",
    "processing-and-query",
];

const MIN_CARDS: usize = 30;
const MIN_CHOICE: usize = 20;
const MIN_CHOOSE_TWO: usize = 4;
/// At most this share of a deck's choice cards may have a right option that is strictly the
/// longest of its options (a pattern a test-taker can learn instead of the facts).
const MAX_LONGEST_RIGHT_SHARE: f64 = 0.40;

/// Key facts from the checked fact sheet (and AWS documentation where it differed):
/// (deck, text some card of that deck must carry). A fact that goes missing or moves to
/// another deck fails here.
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

/// True when one option is longer than every other and it is a right answer.
fn right_option_is_strictly_longest(choices: &[String], answer: &[usize]) -> bool {
    let lengths: Vec<usize> = choices.iter().map(|c| c.chars().count()).collect();
    let Some(&max) = lengths.iter().max() else {
        return false;
    };
    let longest: Vec<usize> = (0..lengths.len()).filter(|&i| lengths[i] == max).collect();
    longest.len() == 1 && answer.contains(&longest[0])
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

#[test]
fn the_right_option_is_rarely_the_longest() {
    let decks = decks();
    for id in DECKS {
        let d = deck(&decks, id);
        let mut choice = 0usize;
        let mut longest = Vec::new();
        for c in &d.cards {
            if let CardContent::Choice {
                choices, answer, ..
            } = &c.content
            {
                choice += 1;
                if right_option_is_strictly_longest(choices, answer) {
                    longest.push(c.id.as_str());
                }
            }
        }
        assert!(choice > 0, "{id} has no choice cards");
        let share = longest.len() as f64 / choice as f64;
        assert!(
            share <= MAX_LONGEST_RIGHT_SHARE,
            "{id}: the right option is the strictly longest in {} of {choice} choice cards: {longest:?}",
            longest.len()
        );
    }
}

#[test]
fn the_longest_option_check_can_fail() {
    let opts = |v: &[&str]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert!(right_option_is_strictly_longest(
        &opts(&["a", "bb", "the long right one", "c"]),
        &[2]
    ));
    assert!(!right_option_is_strictly_longest(
        &opts(&["a", "bb", "the long wrong one", "c"]),
        &[1]
    ));
    // A tie for longest gives nothing away.
    assert!(!right_option_is_strictly_longest(
        &opts(&["same length", "same length", "x", "y"]),
        &[0]
    ));
    assert!(right_option_is_strictly_longest(
        &opts(&["a", "b", "c", "d", "a much longer option"]),
        &[1, 4]
    ));
}
