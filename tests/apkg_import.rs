//! `recall import` of Anki packages made by Anki itself (tests/fixtures/apkg/make_fixtures.py):
//! both generations and a .colpkg, cards by template, decks, media, review history, and the
//! FSRS memory state recall replays equal to what Anki computed from the same revlog.

#[path = "support/cli.rs"]
mod cli;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use recall::deck::{parse_deck, CardContent, Deck, DeckSource};
use recall::import::apkg::card_id;
use recall::store::Paths;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/apkg")
        .join(name)
}

fn import(home: &Path, file: &Path) -> String {
    let out = cli::recall(home).arg("import").arg(file).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

fn stored(home: &Path, id: &str) -> Deck {
    let path = home.join("decks").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).expect("deck written");
    parse_deck(&text, "stored", DeckSource::File(path)).expect("stored deck is valid")
}

/// Every device log's bytes (imported history goes to this device's log).
fn logs(home: &Path) -> Vec<u8> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(home.join("logs"))
        .expect("logs folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 1, "{files:?}");
    files
        .iter()
        .flat_map(|f| std::fs::read(f).expect("log"))
        .collect()
}

fn memory() -> Value {
    let text = std::fs::read_to_string(fixture("memory.json")).expect("memory.json");
    serde_json::from_str(&text).expect("JSON")
}

fn front_back(deck: &Deck) -> BTreeMap<String, (String, String)> {
    deck.cards
        .iter()
        .map(|c| {
            let (f, b) = match &c.content {
                CardContent::Basic { front, back } => (front.clone(), back.clone()),
                CardContent::Cloze { text } => (text.clone(), String::new()),
                CardContent::Choice { front, .. } => (front.clone(), String::new()),
            };
            (c.id.clone(), (f, b))
        })
        .collect()
}

#[test]
fn every_generation_imports_the_same_cards_decks_and_history() {
    let mut seen: Option<(Vec<String>, usize)> = None;
    for name in [
        "current.apkg",
        "legacy.apkg",
        "legacy1.apkg",
        "collection.colpkg",
    ] {
        let home = tempfile::tempdir().expect("temp dir");
        let report = import(home.path(), &fixture(name));
        assert!(
            report
                .contains("anki package: 9 notes, 12 cards, 36 review log entries, 2 media files"),
            "{name}: {report}"
        );
        let mut decks: Vec<String> = std::fs::read_dir(home.path().join("decks"))
            .expect("decks")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        decks.sort();
        assert_eq!(
            decks,
            [
                "aws-data-engineering.toml",
                "aws-machine-learning.toml",
                "aws.toml",
                "francais.toml"
            ],
            "{name}"
        );
        let lines = logs(home.path())
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count();
        match &seen {
            None => seen = Some((decks, lines)),
            Some((d, l)) => assert_eq!((d, *l), (&decks, lines), "{name}"),
        }
    }
}

#[test]
fn cards_come_from_templates_with_fields_tags_and_media() {
    let home = tempfile::tempdir().expect("temp dir");
    import(home.path(), &fixture("current.apkg"));
    let ml = stored(home.path(), "aws-machine-learning");
    assert_eq!(ml.title, "AWS::Machine Learning");
    let cards = front_back(&ml);
    let fronts: Vec<&str> = cards.values().map(|(f, _)| f.as_str()).collect();
    // Basic: <b> kept as strong, &amp; decoded, the image shown by name.
    assert!(
        cards
            .values()
            .any(|(f, b)| f == "What does **SageMaker** do?"
                && b == "Builds, trains & deploys ML models\n[image: sagemaker.png]"),
        "{cards:?}"
    );
    // Basic (and reversed card): two cards, the second asks the back.
    assert!(fronts.contains(&"Kinesis Data Firehose"), "{fronts:?}");
    assert!(fronts.contains(&"Loads streaming data into S3, Redshift & OpenSearch"));
    // Cloze: one card per deletion, the hint in its gap (shown as `[algorithm]`), Back
    // Extra in the explanation.
    let c1 = ml
        .cards
        .iter()
        .find(|c| {
            c.content
                == CardContent::Cloze {
                    text: "{{XGBoost::algorithm}} is a gradient-boosted tree method".into(),
                }
        })
        .expect("c1 card");
    assert_eq!(
        c1.content.prompt(),
        "[algorithm] is a gradient-boosted tree method"
    );
    assert_eq!(
        c1.explain.as_deref(),
        Some("Back Extra: Built-in SageMaker algorithm")
    );
    assert!(c1.id.ends_with("-c1"), "{}", c1.id);
    assert!(c1.tags.contains(&"ml".to_string()));
    let de = front_back(&stored(home.path(), "aws-data-engineering"));
    // Optional reversed: the note with "Add Reverse" has two cards, the other one.
    assert_eq!(de.len(), 4, "{de:?}");
    assert!(de
        .values()
        .any(|(f, b)| f == "Infers schemas into the Data Catalog" && b == "Glue crawler"));
    // Type in the answer: the answer is the typed field, not the question again.
    assert!(de
        .values()
        .any(|(f, b)| f == "Columnar format Athena reads fastest" && b == "Parquet"));
    // A custom note type rendered from its templates, entities decoded.
    let fr = stored(home.path(), "francais");
    assert_eq!(fr.title, "Français");
    let (f, b) = front_back(&fr).into_values().next().expect("one card");
    assert_eq!(f, "café\n*Un café, s'il vous plaît*");
    assert_eq!(b, "coffee [sound: bonjour.mp3]");
    // Media extracted beside the data, per deck.
    let media = home.path().join("media");
    assert!(media.join("aws-machine-learning/sagemaker.png").is_file());
    assert!(media.join("francais/bonjour.mp3").is_file());
}

/// The memory state recall replays from the imported history equals the one Anki computed
/// from the same revlog (memory.json), for every card whose revlog is complete.
#[test]
fn memory_states_match_what_anki_computed() {
    let home = tempfile::tempdir().expect("temp dir");
    import(home.path(), &fixture("current.apkg"));
    let paths = Paths::under(home.path());
    let now = 1_800_000_000_000;
    let opened = recall::library::open(&paths, now, 0).expect("opens");
    let col = &opened.collection;
    let deck_ids = |name: &str| recall::import::apkg::deck_id(name);
    let mut compared = 0;
    for card in memory()["cards_detail"].as_array().expect("cards") {
        let guid = card["guid"].as_str().expect("guid");
        let ord = card["ord"].as_u64().expect("ord") as u32;
        let deck = deck_ids(card["deck"].as_str().expect("deck"));
        let entry = [None, Some(2)]
            .into_iter()
            .find_map(|n| col.find(&format!("{deck}/{}", card_id(guid, ord, n))))
            .unwrap_or_else(|| panic!("card {guid} {ord} imported"));
        let state = col.cards[entry].state;
        let queue = card["queue"].as_i64().expect("queue");
        assert_eq!(col.cards[entry].suspended, queue == -1, "{guid}");
        if !card["complete"].as_bool().expect("complete") {
            continue;
        }
        let s = card["stability"].as_f64().expect("S") as f32;
        let d = card["difficulty"].as_f64().expect("D") as f32;
        assert!(
            (state.stability - s).abs() <= 0.01 * s,
            "{guid}/{ord}: stability {} vs Anki's {s}",
            state.stability
        );
        assert!(
            (state.difficulty - d).abs() <= 0.01,
            "{guid}/{ord}: difficulty {} vs Anki's {d}",
            state.difficulty
        );
        compared += 1;
    }
    assert_eq!(compared, 6, "every card with a complete history compared");
}

#[test]
fn importing_again_adds_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let first = import(home.path(), &fixture("current.apkg"));
    assert!(first.contains("events added, 0 already there"), "{first}");
    let log = logs(home.path());
    let again = import(home.path(), &fixture("current.apkg"));
    assert!(again.contains("review log: 0 events added"), "{again}");
    assert!(again.contains("0 files written, 2 unchanged"), "{again}");
    assert_eq!(logs(home.path()), log);
    // The legacy export of the same collection matches the same cards and events.
    let legacy = import(home.path(), &fixture("legacy.apkg"));
    assert!(legacy.contains("review log: 0 events added"), "{legacy}");
    assert!(legacy.contains("0 added"), "{legacy}");
}

#[test]
fn a_dry_run_reports_the_package_and_writes_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = cli::recall(home.path())
        .arg("import")
        .arg(fixture("current.apkg"))
        .arg("--dry-run")
        .assert()
        .success();
    let report = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    assert!(
        report.contains("would add up to 31 events to the review log and 2 media files"),
        "{report}"
    );
    assert!(
        report.contains("skipped 3 answers before the card was reset to new"),
        "{report}"
    );
    assert_eq!(std::fs::read_dir(home.path()).expect("home").count(), 0);
}

#[test]
fn reimporting_an_import_with_hints_in_the_explanation_moves_them_into_the_gaps() {
    let home = tempfile::tempdir().expect("temp dir");
    import(home.path(), &fixture("current.apkg"));
    let path = home.path().join("decks/aws-machine-learning.toml");
    let before = stored(home.path(), "aws-machine-learning");
    let ids: Vec<String> = before.cards.iter().map(|c| c.id.clone()).collect();
    // What an import before per-gap hints wrote: the hint in the explanation.
    let text = std::fs::read_to_string(&path).expect("deck");
    let old = text
        .replace("{{XGBoost::algorithm}}", "{{XGBoost}}")
        .replace(
            "\"Back Extra: Built-in SageMaker algorithm\"",
            "\"\"\"\nHint: algorithm\nBack Extra: Built-in SageMaker algorithm\"\"\"",
        );
    assert_ne!(old, text, "the stored deck holds the hinted gap");
    std::fs::write(&path, &old).expect("write old deck");
    let c1 = |deck: &Deck| {
        deck.cards
            .iter()
            .find(|c| c.id.ends_with("-c1"))
            .cloned()
            .expect("c1")
    };
    assert_eq!(
        c1(&stored(home.path(), "aws-machine-learning"))
            .explain
            .as_deref(),
        Some("Hint: algorithm\nBack Extra: Built-in SageMaker algorithm")
    );
    let log = logs(home.path());
    let again = import(home.path(), &fixture("current.apkg"));
    assert!(again.contains("review log: 0 events added"), "{again}");
    let after = stored(home.path(), "aws-machine-learning");
    assert_eq!(
        after.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        ids
    );
    let card = c1(&after);
    assert_eq!(
        card.content,
        CardContent::Cloze {
            text: "{{XGBoost::algorithm}} is a gradient-boosted tree method".into()
        }
    );
    assert_eq!(
        card.explain.as_deref(),
        Some("Back Extra: Built-in SageMaker algorithm")
    );
    assert_eq!(logs(home.path()), log);
}
