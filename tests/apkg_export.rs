//! `recall export DECK --format apkg`: a package Anki imports with the same notes, cards,
//! decks and review history, from which Anki computes the memory states recall has
//! (roundtrip.json was written by Anki importing recall-export.apkg, see make_fixtures.py).

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use recall::import::apkg::{card_id, read};
use recall::store::Paths;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/apkg")
        .join(name)
}

fn json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).expect("fixture")).expect("JSON")
}

fn import_and_export(home: &Path) -> Vec<u8> {
    cli::recall(home)
        .arg("import")
        .arg(fixture("current.apkg"))
        .assert()
        .success();
    let out = home.join("ml.apkg");
    let done = cli::recall(home)
        .args(["export", "aws-machine-learning", "--format", "apkg", "-o"])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(done.get_output().stdout.clone()).expect("UTF-8");
    assert!(
        stdout.starts_with("exported 3 notes and 18 review log entries"),
        "{stdout}"
    );
    std::fs::read(out).expect("package written")
}

#[test]
fn the_export_holds_what_anki_imported_from_it() {
    let home = tempfile::tempdir().expect("temp dir");
    let bytes = import_and_export(home.path());
    let anki = json("roundtrip.json");
    let package = read(&bytes, "ml.apkg").expect("recall reads its own export");
    let s = &package.summary;
    assert_eq!(s.notes as u64, anki["notes"].as_u64().expect("notes"));
    assert_eq!(s.cards as u64, anki["cards"].as_u64().expect("cards"));
    assert_eq!(s.revlog as u64, anki["revlog"].as_u64().expect("revlog"));
    assert_eq!(
        anki["decks"],
        serde_json::json!(["AWS", "AWS::Machine Learning"])
    );
    // The same guids Anki kept: the original notes' (reversed and cloze cards joined again).
    let mut guids: Vec<String> = package
        .decks
        .iter()
        .flat_map(|d| d.parsed.drafts.iter())
        .filter_map(|d| d.id.clone())
        .map(|id| recall::import::foreign_id(&id))
        .filter(|g| !g.ends_with("-2") && !g.ends_with("-c1") && !g.ends_with("-c2"))
        .collect();
    guids.sort();
    let memory = json("memory.json");
    let original: Vec<&str> = memory["cards_detail"]
        .as_array()
        .expect("cards")
        .iter()
        .filter(|c| c["deck"] == "AWS::Machine Learning")
        .map(|c| c["guid"].as_str().expect("guid"))
        .collect();
    for g in anki["guids"].as_array().expect("guids") {
        assert!(original.contains(&g.as_str().expect("guid")), "{g}");
    }
    assert_eq!(guids.len(), 2, "{guids:?}");
    // Anki kept the media file, recall's note types with their Explanation and Source
    // fields, and the cloze hint in its deletion.
    assert_eq!(anki["media"], serde_json::json!(["sagemaker.png"]));
    let fields = anki["fields"].as_array().expect("fields");
    assert!(fields.contains(&serde_json::json!(
        "Basic (recall): Front, Back, Explanation, Source"
    )));
    assert!(fields.contains(&serde_json::json!(
        "Cloze (recall): Text, Back Extra, Source"
    )));
    assert_eq!(
        anki["images"],
        serde_json::json!([
            "Builds, trains &amp; deploys ML models<br><img src=\"sagemaker.png\">"
        ])
    );
    assert_eq!(
        anki["clozes"],
        serde_json::json!(["{{c1::XGBoost::algorithm}} is a gradient-boosted {{c2::tree}} method"])
    );
}

/// Anki, given recall's revlog, computes the memory state recall has for every card.
#[test]
fn anki_computes_recalls_memory_states_from_the_exported_revlog() {
    let home = tempfile::tempdir().expect("temp dir");
    import_and_export(home.path());
    let opened =
        recall::library::open(&Paths::under(home.path()), 1_800_000_000_000, 0).expect("opens");
    let col = &opened.collection;
    let mut compared = 0;
    for card in json("roundtrip.json")["cards_detail"]
        .as_array()
        .expect("cards")
    {
        let (Some(s), Some(d)) = (card["stability"].as_f64(), card["difficulty"].as_f64()) else {
            continue;
        };
        let guid = card["guid"].as_str().expect("guid");
        let ord = card["ord"].as_u64().expect("ord") as u32;
        let entry = [None, Some(2)]
            .into_iter()
            .find_map(|n| col.find(&format!("aws-machine-learning/{}", card_id(guid, ord, n))))
            .unwrap_or_else(|| panic!("{guid}/{ord} in recall"));
        let state = col.cards[entry].state;
        assert!(
            (f64::from(state.stability) - s).abs() <= 0.01 * s,
            "{guid}/{ord}: {} vs Anki's {s}",
            state.stability
        );
        assert!(
            (f64::from(state.difficulty) - d).abs() <= 0.01,
            "{guid}/{ord}"
        );
        compared += 1;
    }
    assert_eq!(compared, 4);
}

/// A cloze note exported as Anki text is one note with its guid again (not one per card).
#[test]
fn a_cloze_note_exports_as_one_note_with_its_guid() {
    let home = tempfile::tempdir().expect("temp dir");
    import_and_export(home.path());
    let out = cli::recall(home.path())
        .args(["export", "aws-machine-learning", "--format", "anki"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    let cloze: Vec<&str> = text.lines().filter(|l| l.contains("\tCloze\t")).collect();
    assert_eq!(cloze.len(), 1, "{text}");
    assert!(
        cloze[0].contains("{{c1::XGBoost::algorithm}} is a gradient-boosted {{c2::tree}} method"),
        "{}",
        cloze[0]
    );
    let guid = cloze[0].split('\t').next().expect("guid");
    assert!(
        !guid.ends_with("-c1") && !guid.starts_with("anki-"),
        "{guid}"
    );
    // Imported again, the note's two cards keep their ids (and their progress).
    let file = home.path().join("ml.txt");
    std::fs::write(&file, &text).expect("write");
    let again = cli::recall(home.path())
        .arg("import")
        .arg(&file)
        .args(["--deck", "aws-machine-learning"])
        .assert()
        .success();
    let report = String::from_utf8(again.get_output().stdout.clone()).expect("UTF-8");
    assert!(report.contains(": 0 added,"), "{report}");
    assert!(report.contains("0 archived"), "{report}");
}

/// The media files the cards show travel in the package (Anki's media map and numbered
/// entries), and a card's explanation and sources in fields of their own that recall's
/// package import reads back into the card.
#[test]
fn the_export_carries_the_cards_media_explanations_and_sources() {
    let home = tempfile::tempdir().expect("temp dir");
    let bytes = import_and_export(home.path());
    let package = read(&bytes, "ml.apkg").expect("recall reads its own export");
    assert_eq!(package.summary.media, 1);
    let ml = package
        .decks
        .iter()
        .find(|d| d.id == "aws-machine-learning")
        .expect("deck");
    let stored = std::fs::read(home.path().join("media/aws-machine-learning/sagemaker.png"))
        .expect("media extracted by the import");
    assert_eq!(ml.media.len(), 1);
    assert_eq!(ml.media[0].name, "sagemaker.png");
    assert_eq!(ml.media[0].bytes, stored);
    assert!(
        ml.parsed.drafts.iter().any(|d| matches!(&d.content,
        recall::deck::CardContent::Basic { back, .. } if back.ends_with("[image: sagemaker.png]")))
    );

    let deck = home.path().join("mine.toml");
    std::fs::write(
        &deck,
        "[deck]\nid = \"mine\"\ntitle = \"Mine\"\n\n[[cards]]\nid = \"ia\"\n\
         front = \"Standard-IA minimum storage duration?\"\nback = \"30 days\"\n\
         explain = \"Billed for 30 days\\neven if deleted sooner.\"\n\
         source = [\"https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html\"]\n\n\
         [[cards]]\nid = \"plain\"\nfront = \"Q\"\nback = \"A\"\n",
    )
    .expect("write");
    cli::recall(home.path())
        .arg("import")
        .arg(&deck)
        .assert()
        .success();
    let out = home.path().join("mine.apkg");
    cli::recall(home.path())
        .args(["export", "mine", "--format", "apkg", "-o"])
        .arg(&out)
        .assert()
        .success();
    let package = read(&std::fs::read(&out).expect("written"), "mine.apkg").expect("reads");
    let drafts = &package.decks[0].parsed.drafts;
    assert_eq!(drafts.len(), 2);
    assert_eq!(
        drafts[0].content,
        recall::deck::CardContent::Basic {
            front: "Standard-IA minimum storage duration?".into(),
            back: "30 days".into()
        }
    );
    assert_eq!(
        drafts[0].explain.as_deref(),
        Some("Billed for 30 days\neven if deleted sooner.")
    );
    assert_eq!(
        drafts[0].source,
        ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html"]
    );
    assert_eq!(drafts[1].explain, None);
    assert!(drafts[1].source.is_empty());
}
