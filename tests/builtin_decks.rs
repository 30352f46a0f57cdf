//! The built-in decks: every file embedded and valid, the content bars of the decks issue,
//! and a table of key facts from the checked fact sheet that must be on the right deck.

use std::collections::HashSet;

use recall::deck::{builtin_decks, parse_deck, CardContent, Deck, DeckSource, BUILTIN_FILES};

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

/// The section prefix of the decks that go beyond the notes (every card of them has a source).
const BEYOND: &str = "Beyond the notes /";

fn beyond_the_notes(d: &Deck) -> bool {
    d.section.starts_with(BEYOND)
}

#[test]
fn one_deck_per_notes_section_with_the_agreed_ids() {
    let ids: Vec<String> = decks()
        .iter()
        .filter(|d| !beyond_the_notes(d))
        .map(|d| d.id.clone())
        .collect();
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
            assert!(!answer.is_empty());
            // Exam style: four options for one answer, five for "choose two".
            assert_eq!(
                choices.len(),
                if answer.len() == 2 { 5 } else { 4 },
                "{}/{}: exam style has 4 options (5 for choose two)",
                d.id,
                c.id
            );
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
    ("ml-file-storage", "fsx-what", "multiple TB/s"),
    (
        "ml-file-storage",
        "multi-attach-fencing",
        "{{NVMe reservations}}",
    ),
    (
        "ml-file-storage",
        "multi-attach-fencing",
        "io1 volumes have no fencing",
    ),
    (
        "ml-file-storage",
        "multi-attach-restrictions",
        "Windows instances can use only io2",
    ),
    (
        "s3-data-lakes",
        "access-point-what",
        "FSx for OpenZFS or FSx for NetApp ONTAP",
    ),
    (
        "s3-data-lakes",
        "access-point-limits",
        "exactly one data source",
    ),
    (
        "s3-data-lakes",
        "batch-ops-manifest",
        "{{generates from object filters}}",
    ),
    ("s3-security", "update-encryption", "No data is copied"),
    ("s3-security", "q-reencrypt", "UpdateObjectEncryption"),
    (
        "dw-vs-dl",
        "lf-findmatches-teach",
        "until precision and recall stop improving",
    ),
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
    ("exam-tips", "q-tip-legacy-size", "48.8 TiB"),
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

/// Fact-sheet corrections that decide a question: (deck, card, text of the right option).
const KEY_ANSWERS: &[(&str, &str, &str)] = &[
    ("s3-security", "q-reencrypt", "UpdateObjectEncryption"),
    ("s3-storage-classes", "q-recreatable", "S3 One Zone-IA"),
    ("ml-file-storage", "q-dra-scratch1", "SCRATCH_1"),
    ("ml-file-storage", "q-home-dirs", "Amazon EFS"),
    ("s3-data-lakes", "q-access-point-fsx", "S3 access point"),
    ("exam-tips", "q-tip-legacy-size", "48.8 TiB"),
];

#[test]
fn corrected_questions_have_the_corrected_answer() {
    let decks = decks();
    for (deck, card, right) in KEY_ANSWERS {
        let c = decks
            .iter()
            .find(|d| d.id == *deck)
            .and_then(|d| d.cards.iter().find(|c| c.id == *card))
            .unwrap_or_else(|| panic!("no card {deck}/{card}"));
        let CardContent::Choice {
            choices, answer, ..
        } = &c.content
        else {
            panic!("{deck}/{card} is not a choice card")
        };
        let rights: Vec<&String> = answer.iter().map(|&i| &choices[i]).collect();
        assert!(
            rights.iter().any(|r| r.contains(right)),
            "{deck}/{card}: the right option should be {right:?}, is {rights:?}"
        );
        assert!(
            !c.archived,
            "{deck}/{card} is archived, so nobody is asked it"
        );
    }
}

/// How many of a deck's studied choice cards have a right option strictly longer (in
/// characters) than every wrong one, and how many choice cards it studies.
fn right_is_longest(d: &Deck) -> (usize, usize) {
    let mut longest = 0;
    let mut total = 0;
    for c in d.cards.iter().filter(|c| !c.archived) {
        let CardContent::Choice {
            choices, answer, ..
        } = &c.content
        else {
            continue;
        };
        total += 1;
        let len = |i: usize| choices[i].chars().count();
        let wrong = (0..choices.len())
            .filter(|i| !answer.contains(i))
            .map(len)
            .max()
            .unwrap_or(0);
        if answer.iter().any(|&i| len(i) > wrong) {
            longest += 1;
        }
    }
    (longest, total)
}

#[test]
fn the_right_option_is_rarely_the_longest() {
    for d in decks() {
        let (longest, total) = right_is_longest(&d);
        assert!(
            longest * 10 <= total * 4,
            "{}: the right option is the strictly longest in {longest} of {total} choice cards (at most 40%)",
            d.id
        );
    }
}

#[test]
fn the_longest_option_check_counts_what_it_should() {
    let deck = |cards: &[(&[&str], &[usize])]| Deck {
        cards: cards
            .iter()
            .enumerate()
            .map(|(i, (choices, answer))| recall::deck::Card {
                id: format!("q-{i}"),
                content: CardContent::Choice {
                    front: "?".into(),
                    choices: choices.iter().map(|s| s.to_string()).collect(),
                    answer: answer.to_vec(),
                },
                tags: vec![],
                explain: None,
                source: vec![],
                archived: false,
                line: 0,
            })
            .collect(),
        ..decks().remove(0)
    };
    // Strictly longer only; a tie is not a giveaway; any right option of a choose-two counts.
    let d = deck(&[
        (&["long one", "a", "b", "c"], &[0]),
        (&["same", "same", "x", "y"], &[1]),
        (&["a", "longest!", "b", "c", "d"], &[0, 1]),
        (&["a", "b", "longer", "c"], &[0]),
    ]);
    assert_eq!(right_is_longest(&d), (2, 4));
}

#[test]
fn the_decks_beyond_the_notes_cover_the_rest_of_the_domain() {
    let beyond: Vec<Deck> = decks().into_iter().filter(beyond_the_notes).collect();
    let ids: Vec<&str> = beyond.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "data-formats",
            "data-prep-techniques",
            "data-protection",
            "data-transfer",
            "glue",
            "processing-and-query",
            "sagemaker-data-prep",
            "streaming-ingestion",
        ]
    );
    let (mut cards, mut choice, mut choose_two) = (0, 0, 0);
    for d in &beyond {
        let studied: Vec<_> = d.cards.iter().filter(|c| !c.archived).collect();
        assert!(studied.len() >= 30, "{} has {} cards", d.id, studied.len());
        cards += studied.len();
        for c in studied {
            if let CardContent::Choice { answer, .. } = &c.content {
                choice += 1;
                if answer.len() == 2 {
                    choose_two += 1;
                }
            }
        }
    }
    assert!(cards >= 300, "{cards} cards beyond the notes");
    assert!(choice >= 150, "{choice} scenario choice questions");
    assert!(choose_two >= 25, "{choose_two} \"choose two\" questions");
}

#[test]
fn every_card_beyond_the_notes_has_a_source() {
    for d in decks().iter().filter(|d| beyond_the_notes(d)) {
        for c in &d.cards {
            assert!(
                !c.source.is_empty() && c.source.iter().all(|s| !s.trim().is_empty()),
                "{}/{} has no source",
                d.id,
                c.id
            );
        }
    }
}

#[test]
fn every_studied_card_of_the_notes_decks_has_a_source() {
    // Facts the fact sheet cites a page for; the one definition it gives no page for is listed.
    let unsourced = ["ml-dataflow/data-movement"];
    for d in decks().iter().filter(|d| !beyond_the_notes(d)) {
        for c in d.cards.iter().filter(|c| !c.archived) {
            let id = d.global_id(c);
            assert_eq!(
                c.source.is_empty(),
                unsourced.contains(&id.as_str()),
                "{id}: source {:?}",
                c.source
            );
        }
    }
}

#[test]
fn no_studied_card_assumes_the_learner_has_the_notes() {
    let phrases = [
        "the notes",
        "notes say",
        "notes'",
        "the course",
        "course's",
        "from the course",
        "study notes",
        "as described above",
        "see above",
        "this section",
        "this chapter",
        "described earlier",
        "mentioned earlier",
        "previous card",
    ];
    for d in decks() {
        for c in d.cards.iter().filter(|c| !c.archived) {
            let text = card_text(c).to_lowercase();
            for p in phrases {
                assert!(!text.contains(p), "{}/{} says {p:?}:\n{text}", d.id, c.id);
            }
        }
    }
}

#[test]
fn archived_cards_leave_every_deck_enough_to_study() {
    let decks = decks();
    let studied = |d: &Deck| d.cards.iter().filter(|c| !c.archived).count();
    let notes: Vec<&Deck> = decks.iter().filter(|d| !beyond_the_notes(d)).collect();
    let total: usize = notes.iter().map(|d| studied(d)).sum();
    assert!(total >= 250, "{total} studied cards in the notes' decks");
    for d in notes {
        // exam-tips keeps only the tips no other deck teaches.
        let min = if d.id == "exam-tips" { 8 } else { 15 };
        assert!(studied(d) >= min, "{} studies {} cards", d.id, studied(d));
    }
    let tips = decks
        .iter()
        .find(|d| d.id == "exam-tips")
        .expect("exam-tips");
    for archived in [
        "tip-s3-objects",
        "tip-three-decisions",
        "tip-docdb-s3",
        "q-tip-fast-training",
    ] {
        assert!(
            tips.cards.iter().any(|c| c.id == archived && c.archived),
            "exam-tips/{archived} stays in the file, archived"
        );
    }
}

#[test]
fn a_quiz_on_all_decks_draws_from_every_built_in_deck_and_scores_each_as_a_section() {
    use recall::quiz::{available, build, Quiz, QuizMode, QuizSpec};
    let decks = decks();
    // In each mode (exam mode asks no typed questions).
    for mode in [QuizMode::Exam, QuizMode::Practice] {
        for (i, d) in decks.iter().enumerate() {
            assert!(
                available(&decks, &[i], mode) > 0,
                "{} gives no questions",
                d.id
            );
        }
        // Every askable card, so every deck must appear; an empty deck list means all decks.
        let count = available(&decks, &[], mode);
        let questions = build(
            &decks,
            &QuizSpec {
                decks: vec![],
                count,
                seed: 7,
                mode,
            },
        );
        assert_eq!(questions.len(), count);
        for q in &questions {
            assert!(
                q.card.starts_with(&format!("{}/", q.section)),
                "{} is sectioned under {}",
                q.card,
                q.section
            );
        }
        let result = Quiz::start(questions, mode, 7, 0, 60_000, 0.75).submit(1);
        let mut sections: Vec<&str> = result.sections.iter().map(|s| s.section.as_str()).collect();
        sections.sort_unstable();
        let mut ids: Vec<&str> = decks.iter().map(|d| d.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(sections, ids, "one section per built-in deck");
        assert_eq!(
            result.sections.iter().map(|s| s.total).sum::<usize>(),
            count
        );
    }
}

/// The decks as the program has them (parsed by build.rs and embedded in binary form) are,
/// field for field, the decks `decks/*.toml` parse to now, read from disk by this test.
#[test]
fn the_decks_parsed_at_build_time_are_the_files_parsed_now() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
    let embedded = decks();
    assert_eq!(embedded.len(), BUILTIN_FILES.len());
    for (deck, (name, _)) in embedded.iter().zip(BUILTIN_FILES) {
        let text = std::fs::read_to_string(dir.join(name)).expect("readable");
        let file = format!("decks/{name}");
        let parsed = parse_deck(&text, &file, DeckSource::Builtin(name)).unwrap_or_else(|e| {
            let e: Vec<String> = e.iter().map(ToString::to_string).collect();
            panic!("{}", e.join("\n"))
        });
        assert_eq!(
            (&deck.id, &deck.title, &deck.section, &deck.description),
            (
                &parsed.id,
                &parsed.title,
                &parsed.section,
                &parsed.description
            ),
            "{file}"
        );
        assert_eq!(deck.source, parsed.source, "{file}");
        assert_eq!(deck.cards.len(), parsed.cards.len(), "{file}");
        for (a, b) in deck.cards.iter().zip(&parsed.cards) {
            assert_eq!(a, b, "{file}, card {:?} on line {}", b.id, b.line);
        }
        assert_eq!(deck, &parsed, "{file}");
    }
}
