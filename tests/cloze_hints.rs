//! Cloze hints (`{{answer::hint}}` in a deck, `{{c1::answer::hint}}` in Anki) through every
//! importer and exporter: the hint stays with its gap, never in the explanation.

#[path = "support/cli.rs"]
mod cli;

use std::path::Path;

use recall::deck::{parse_deck, CardContent, Deck, DeckSource};

fn import(home: &Path, file: &Path) -> String {
    let out = cli::recall(home).arg("import").arg(file).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

fn stored(home: &Path, id: &str) -> Deck {
    let path = home.join("decks").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{id} written"));
    parse_deck(&text, "stored", DeckSource::File(path)).expect("valid")
}

fn cloze(text: &str) -> CardContent {
    CardContent::Cloze { text: text.into() }
}

#[test]
fn anki_text_csv_and_markdown_keep_each_gaps_hint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let anki = dir.path().join("anki.txt");
    std::fs::write(
        &anki,
        "#separator:tab\n#html:true\n#notetype column:1\n\
         Cloze\t{{c1::Deep Archive::class}} restores within {{c1::12 hours}}\tcheapest\n",
    )
    .expect("write");
    let csv = dir.path().join("sheet.csv");
    std::fs::write(
        &csv,
        "\"SSE-C needs {{HTTPS::protocol}}\",\n\"bad {{::no answer}}\",\n",
    )
    .expect("write");
    let md = dir.path().join("notes.md");
    std::fs::write(&md, "C: Kinesis keeps data [24 hours::by default].\n").expect("write");
    let home = tempfile::tempdir().expect("temp dir");
    import(home.path(), &anki);
    let deck = stored(home.path(), "anki");
    assert_eq!(
        deck.cards[0].content,
        cloze("{{Deep Archive::class}} restores within {{12 hours}}")
    );
    assert_eq!(deck.cards[0].explain.as_deref(), Some("cheapest"));
    let report = import(home.path(), &csv);
    let deck = stored(home.path(), "sheet");
    assert_eq!(deck.cards.len(), 1, "{report}");
    assert_eq!(
        deck.cards[0].content,
        cloze("SSE-C needs {{HTTPS::protocol}}")
    );
    assert!(
        report.contains("sheet.csv:2: cloze gap {{::no answer}} has a hint but no answer"),
        "{report}"
    );
    import(home.path(), &md);
    let deck = stored(home.path(), "notes");
    assert_eq!(
        deck.cards[0].content,
        cloze("Kinesis keeps data {{24 hours::by default}}.")
    );
    assert_eq!(
        deck.cards[0].content.prompt(),
        "Kinesis keeps data [by default]."
    );
}

#[test]
fn text_and_package_exports_write_the_hint_back_into_the_deletion() {
    let home = tempfile::tempdir().expect("temp dir");
    let deck = home.path().join("hints.toml");
    std::fs::write(
        &deck,
        "[deck]\nid = \"hints\"\ntitle = \"Hints\"\n\n[[cards]]\nid = \"deep\"\nkind = \"cloze\"\n\
         text = \"Deep Archive restores within {{12 hours::how long?}} at {{lowest}} cost.\"\n",
    )
    .expect("write");
    import(home.path(), &deck);
    let out = cli::recall(home.path())
        .args(["export", "hints", "--format", "anki"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    assert!(
        text.contains("{{c1::12 hours::how long?}} at {{c1::lowest}} cost."),
        "{text}"
    );
    let apkg = home.path().join("hints.apkg");
    cli::recall(home.path())
        .args(["export", "hints", "--format", "apkg", "-o"])
        .arg(&apkg)
        .assert()
        .success();
    let bytes = std::fs::read(&apkg).expect("package");
    let package = recall::import::apkg::read(&bytes, "hints.apkg").expect("reads its export");
    let contents: Vec<CardContent> = package
        .decks
        .iter()
        .flat_map(|d| d.parsed.drafts.iter())
        .map(|d| d.content.clone())
        .collect();
    assert_eq!(
        contents,
        vec![cloze(
            "Deep Archive restores within {{12 hours::how long?}} at {{lowest}} cost."
        )]
    );
}
