//! The built-in decks: every file embedded and valid, the content bars of the decks issue,
//! and a table of key facts from the checked fact sheet that must be on the right deck.

use std::collections::HashSet;

use recall::deck::{builtin_decks, CardContent, Deck, BUILTIN_FILES};

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

/// Every text a card shows, for searching.
fn card_text(c: &recall::deck::Card) -> String {
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
fn every_file_in_decks_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("decks/ exists")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = BUILTIN_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, embedded);
    for (name, text) in BUILTIN_FILES {
        let on_disk = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("decks")
                .join(name),
        )
        .expect("readable");
        assert_eq!(&on_disk, text, "{name} embedded copy is stale");
    }
}

#[test]
fn one_deck_per_notes_section_with_the_agreed_ids() {
    let ids: Vec<String> = decks().iter().map(|d| d.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "data-characteristics",
            "dw-vs-dl",
            "exam-tips",
            "ml-databases",
            "ml-dataflow",
            "ml-file-storage",
            "s3-data-lakes",
            "s3-security",
            "s3-storage-classes",
        ]
    );
    for (d, (file, _)) in decks().iter().zip(BUILTIN_FILES) {
        assert_eq!(
            format!("{}.toml", d.id),
            *file,
            "deck id matches its file name"
        );
        assert!(
            !d.section.trim().is_empty(),
            "{} names its notes section",
            d.id
        );
    }
}

#[test]
fn content_bars_hold() {
    let decks = decks();
    let total: usize = decks.iter().map(|d| d.cards.len()).sum();
    assert!(total >= 250, "{total} cards in all");
    let mut choices = 0;
    for d in &decks {
        assert!(d.cards.len() >= 15, "{} has {} cards", d.id, d.cards.len());
        let deck_choices: Vec<_> = d
            .cards
            .iter()
            .filter(|c| matches!(c.content, CardContent::Choice { .. }))
            .collect();
        assert!(
            deck_choices.len() >= 5,
            "{} has {} choice cards",
            d.id,
            deck_choices.len()
        );
        choices += deck_choices.len();
        for c in deck_choices {
            let CardContent::Choice {
                choices, answer, ..
            } = &c.content
            else {
                unreachable!()
            };
            assert_eq!(
                choices.len(),
                4,
                "{}/{}: exam style has 4 options",
                d.id,
                c.id
            );
            assert!(!answer.is_empty());
            assert!(
                c.explain.as_deref().is_some_and(|e| !e.trim().is_empty()),
                "{}/{} has no explanation",
                d.id,
                c.id
            );
        }
        let clozes = d
            .cards
            .iter()
            .filter(|c| matches!(c.content, CardContent::Cloze { .. }))
            .count();
        assert!(
            d.id == "exam-tips" || clozes > 0,
            "{} has no cloze cards",
            d.id
        );
    }
    assert!(choices >= 80, "{choices} choice cards");
}

#[test]
fn ids_are_unique_and_no_two_cards_share_a_front() {
    let mut global = HashSet::new();
    let mut fronts = HashSet::new();
    for d in decks() {
        for c in &d.cards {
            assert!(
                global.insert(d.global_id(c)),
                "duplicate {}",
                d.global_id(c)
            );
            let prompt = c.content.prompt().to_lowercase();
            assert!(fronts.insert(prompt.clone()), "two cards ask: {prompt}");
        }
    }
}

#[test]
fn no_answer_is_given_away_by_its_front() {
    for d in decks() {
        for c in &d.cards {
            if let CardContent::Basic { front, back } = &c.content {
                assert!(
                    !front.to_lowercase().contains(&back.to_lowercase()),
                    "{}/{}",
                    d.id,
                    c.id
                );
            }
        }
    }
}

#[test]
fn none_of_the_notes_typos_appear() {
    let typos = [
        "unstructure ",
        "unstructure,",
        "continous",
        "subsecobds",
        "traiing",
        "relatoinal",
        "keu ",
        "transcibe",
        "analtics",
        "ai'd",
        "produce",
        "~[](",
        "multi-parallel processing data warehouse",
    ];
    for (name, text) in BUILTIN_FILES {
        let lower = text.to_lowercase();
        for t in typos {
            assert!(!lower.contains(t), "{name} contains the notes' typo {t:?}");
        }
    }
}

/// Key facts from the fact sheet: (deck, card id, text that card must carry).
const KEY_FACTS: &[(&str, &str, &str)] = &[
    ("s3-storage-classes", "onezone-ia-azs", "One."),
    ("s3-storage-classes", "deep-archive", "180-day minimum"),
    ("s3-storage-classes", "deep-archive", "12 hours"),
    ("s3-storage-classes", "glacier-ir", "Milliseconds"),
    ("s3-storage-classes", "glacier-ir", "90-day minimum"),
    ("s3-storage-classes", "standard-ia", "30 days minimum"),
    ("s3-storage-classes", "expire-versioned", "delete marker"),
    (
        "s3-storage-classes",
        "q-lifecycle-10-days",
        "at least 30 days",
    ),
    ("s3-security", "sse-c-https", "{{HTTPS}}"),
    ("s3-security", "gateway-endpoint", "route tables"),
    ("s3-security", "gateway-endpoint", "no additional cost"),
    ("s3-security", "interface-endpoint", "billed"),
    ("s3-security", "sse-kms-keys", "envelope encryption"),
    (
        "s3-security",
        "dsse-bucket-keys",
        "not supported with DSSE-KMS",
    ),
    (
        "s3-security",
        "object-ownership-default",
        "ACLs are disabled",
    ),
    ("s3-data-lakes", "max-object-size", "48.8 TiB"),
    ("s3-data-lakes", "max-object-size", "5 TB"),
    ("s3-data-lakes", "tags-limits", "10 tags"),
    ("s3-data-lakes", "request-rates", "3,500"),
    ("s3-data-lakes", "request-rates", "5,500"),
    (
        "s3-data-lakes",
        "query-in-place",
        "S3 Select is no longer available to new customers",
    ),
    (
        "s3-data-lakes",
        "access-point-addressing",
        "virtual-host-style",
    ),
    ("ml-file-storage", "multi-attach-limit", "io1 or io2"),
    ("ml-file-storage", "multi-attach-limit", "up to 16"),
    (
        "ml-file-storage",
        "multi-attach-limit",
        "same Availability Zone",
    ),
    ("ml-file-storage", "efs-types", "across multiple AZs"),
    ("ml-file-storage", "fsx-s3-link", "S3 objects as files"),
    (
        "ml-databases",
        "redshift-mpp",
        "Massively parallel processing",
    ),
    ("ml-databases", "aqua", "Advanced Query Accelerator"),
    ("ml-databases", "docdb-storage", "six ways across three AZs"),
    ("ml-databases", "dynamodb-models", "key-value and document"),
    ("ml-databases", "federated-readonly", "read-only"),
    (
        "ml-databases",
        "translate-output",
        "same format as the input",
    ),
    ("ml-databases", "rds-engines", "Db2"),
    ("ml-databases", "aurora-ml-services", "Bedrock"),
    (
        "data-characteristics",
        "semi-structured-examples",
        "JSON, XML",
    ),
    (
        "data-characteristics",
        "stream-latency",
        "seconds or milliseconds",
    ),
    ("dw-vs-dl", "dl-data", "Non-relational and relational"),
    ("dw-vs-dl", "schema-on-read", "schema-on-read"),
    ("dw-vs-dl", "schema-on-write", "schema-on-write"),
    ("dw-vs-dl", "lf-glue", "built on AWS Glue"),
    ("dw-vs-dl", "lf-findmatches", "FindMatches"),
    (
        "exam-tips",
        "tip-ebs-availability",
        "No. EBS is an AZ-scoped volume",
    ),
    ("exam-tips", "tip-max-size", "48.8 TiB"),
    ("ml-dataflow", "lake-zones", "immutable copy"),
];

#[test]
fn key_facts_are_on_the_right_deck() {
    let decks = decks();
    for (deck, card, fact) in KEY_FACTS {
        let d = decks
            .iter()
            .find(|d| d.id == *deck)
            .unwrap_or_else(|| panic!("no deck {deck}"));
        let c = d
            .cards
            .iter()
            .find(|c| c.id == *card)
            .unwrap_or_else(|| panic!("no card {deck}/{card}"));
        let text = card_text(c);
        assert!(
            text.contains(fact),
            "{deck}/{card} should say {fact:?}:\n{text}"
        );
    }
}
