use super::*;
use crate::deck::builtin_decks;
use crate::library::{is_override, load_decks};

fn builtin(id: &str) -> Deck {
    builtin_decks()
        .expect("valid")
        .into_iter()
        .find(|d| d.id == id)
        .expect("built-in deck")
}

#[test]
fn a_built_in_card_is_edited_in_an_override_that_wins_and_removing_it_restores_the_deck() {
    let dir = tempfile::tempdir().expect("temp");
    let decks_dir = dir.path().join("decks");
    let deck = builtin("s3-security");
    let card = &deck.cards[1];
    let t = target(&decks_dir, &deck, card).expect("override written");
    assert!(t.created_override);
    assert_eq!(t.file, decks_dir.join("s3-security.toml"));
    assert_eq!(t.line, card.line);
    // Byte for byte the embedded file: the card is on the same line.
    let text = std::fs::read_to_string(&t.file).expect("read");
    let header = text.lines().nth(card.line - 1).expect("line");
    assert_eq!(header.trim(), "[[cards]]");
    // Correct the first card's back.
    let edited = text.replacen("\nback = \"", "\nback = \"Corrected: ", 1);
    assert_ne!(edited, text);
    std::fs::write(&t.file, edited).expect("write");
    let (decks, warnings) = load_decks(&decks_dir).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    let loaded: Vec<&Deck> = decks.iter().filter(|d| d.id == "s3-security").collect();
    assert_eq!(loaded.len(), 1, "the override replaces the built-in deck");
    assert_eq!(loaded[0].source, DeckSource::File(t.file.clone()));
    let ids = |d: &Deck| d.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(loaded[0]), ids(&deck), "card ids kept");
    let first = loaded[0]
        .cards
        .iter()
        .find(|c| matches!(&c.content, crate::deck::CardContent::Basic { .. }))
        .expect("a basic card");
    assert!(
        matches!(&first.content, crate::deck::CardContent::Basic { back, .. } if back.starts_with("Corrected: ")),
        "{first:?}"
    );
    assert!(is_override(loaded[0], &["glue", "s3-security"]));
    assert!(!is_override(&deck, &["s3-security"]));
    std::fs::remove_file(&t.file).expect("remove");
    let (decks, _) = load_decks(&decks_dir).expect("loads");
    let back = decks.iter().find(|d| d.id == "s3-security").expect("deck");
    assert!(matches!(back.source, DeckSource::Builtin(_)));
}

#[test]
fn an_override_never_replaces_another_file_of_the_same_name() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("glue.toml"), "mine").expect("write");
    let deck = builtin("glue");
    let t = target(dir.path(), &deck, &deck.cards[0]).expect("override");
    assert_eq!(t.file, dir.path().join("glue-2.toml"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("glue.toml")).expect("read"),
        "mine"
    );
}

#[test]
fn a_deck_file_is_edited_in_place() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        "[deck]\nid = \"mine\"\ntitle = \"Mine\"\n\n[[cards]]\nid = \"a\"\nfront = \"F\"\nback = \"B\"\n",
    )
    .expect("write");
    let deck = read_deck_file(&file).expect("parses");
    let t = target(dir.path(), &deck, &deck.cards[0]).expect("target");
    assert_eq!(
        t,
        Target {
            file: file.clone(),
            line: 5,
            created_override: false
        }
    );
    assert!(matches!(check(&file, "mine"), Checked::Good(d) if d.cards[0].id == "a"));
    std::fs::write(
        &file,
        "[deck]\nid = \"mine\"\ntitle = \"Mine\"\n\n[[cards]]\nid = \"a\"\nfront = \"F\n",
    )
    .expect("write");
    match check(&file, "mine") {
        Checked::Broken(errors) => {
            let text = errors[0].to_string();
            assert!(text.contains("mine.toml"), "{text}");
        }
        Checked::Good(_) => panic!("a broken file passed the check"),
    }
    std::fs::write(&file, "[deck]\nid = \"other\"\ntitle = \"Mine\"\n\n[[cards]]\nid = \"a\"\nfront = \"F\"\nback = \"B\"\n").expect("write");
    match check(&file, "mine") {
        Checked::Broken(errors) => assert!(errors[0].to_string().contains("deck id changed")),
        Checked::Good(_) => panic!("a changed deck id passed the check"),
    }
}
