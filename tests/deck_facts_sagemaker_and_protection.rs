//! The four "beyond the notes" decks on SageMaker data preparation, moving data in, data
//! protection and data-preparation techniques: a table of key facts that must stay on the right
//! deck, and the content bars of the decks issue (size, exam-style questions, sources, and no
//! answer given away by being the longest option).

use recall::deck::{builtin_decks, Card, CardContent, Deck};

/// The decks this file checks.
const DECKS: [&str; 4] = [
    "sagemaker-data-prep",
    "data-transfer",
    "data-protection",
    "data-prep-techniques",
];

/// Key facts from the checked fact sheet and the AWS documentation: (deck, text that some card of
/// that deck must carry). A fact that is dropped, reworded away or moved to another deck fails.
const KEY_FACTS: &[(&str, &str)] = &[
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

/// Whether a right option is longer than every wrong option: the giveaway a learner can spot
/// without reading the question.
fn right_option_is_strictly_longest(choices: &[String], answer: &[usize]) -> bool {
    let len = |i: usize| choices[i].chars().count();
    let longest_wrong = (0..choices.len())
        .filter(|i| !answer.contains(i))
        .map(len)
        .max()
        .unwrap_or(0);
    answer.iter().any(|&a| len(a) > longest_wrong)
}

#[test]
fn the_strictly_longest_check_sees_the_pattern() {
    let opts = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(right_option_is_strictly_longest(
        &opts(&["a", "the long one", "bb", "cc"]),
        &[1]
    ));
    // A tie with a wrong option is not a giveaway.
    assert!(!right_option_is_strictly_longest(
        &opts(&["a", "same", "size", "cc"]),
        &[1]
    ));
    assert!(!right_option_is_strictly_longest(
        &opts(&["a", "b", "the long one", "cc"]),
        &[0]
    ));
    // Choose two: either right option longer than every wrong one counts.
    assert!(right_option_is_strictly_longest(
        &opts(&["a", "b", "the long one", "cc", "dd"]),
        &[0, 2]
    ));
    assert!(right_option_is_strictly_longest(
        &opts(&["long", "long", "b", "c", "d"]),
        &[0, 1]
    ));
}

#[test]
fn key_facts_are_on_the_right_deck() {
    let decks = decks();
    for (id, fact) in KEY_FACTS {
        assert!(DECKS.contains(id), "{id} is not one of this file's decks");
        let d = deck(&decks, id);
        assert!(
            d.cards
                .iter()
                .filter(|c| !c.archived)
                .any(|c| card_text(c).contains(fact)),
            "no card of {id} says {fact:?}"
        );
    }
    for id in DECKS {
        let n = KEY_FACTS.iter().filter(|(d, _)| *d == id).count();
        assert!(n >= 8, "only {n} key facts for {id}");
    }
}

#[test]
fn each_deck_meets_the_content_bars() {
    let decks = decks();
    for id in DECKS {
        let d = deck(&decks, id);
        assert!(
            d.section.starts_with("Beyond the notes / "),
            "{id}: section {:?}",
            d.section
        );
        let cards: Vec<&Card> = d.cards.iter().filter(|c| !c.archived).collect();
        assert!(cards.len() >= 30, "{id} has {} cards", cards.len());
        for c in &cards {
            assert!(!c.source.is_empty(), "{id}/{} has no source", c.id);
            for s in &c.source {
                assert!(s.starts_with("https://"), "{id}/{}: source {s}", c.id);
            }
        }
        let mut choice = 0;
        let mut choose_two = 0;
        let mut longest = 0;
        for c in &cards {
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
                "{id}/{}: scenario ids start q-",
                c.id
            );
            assert!(
                c.explain.as_deref().is_some_and(|e| e.len() > 80),
                "{id}/{}: the explanation must say why each wrong option is wrong",
                c.id
            );
            match answer.len() {
                1 => assert_eq!(choices.len(), 4, "{id}/{}: four options", c.id),
                2 => {
                    choose_two += 1;
                    assert_eq!(
                        choices.len(),
                        5,
                        "{id}/{}: choose two has five options",
                        c.id
                    );
                    assert!(front.contains("(Choose two.)"), "{id}/{}", c.id);
                }
                n => panic!("{id}/{}: {n} right options", c.id),
            }
            if right_option_is_strictly_longest(choices, answer) {
                longest += 1;
            }
        }
        assert!(choice >= 20, "{id} has {choice} choice cards");
        assert!(choose_two >= 4, "{id} has {choose_two} choose-two cards");
        assert!(
            longest * 10 <= choice * 4,
            "{id}: the right option is the strictly longest in {longest} of {choice} choice cards"
        );
    }
}
