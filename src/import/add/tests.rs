//! Adding one card: the user's deck is created or extended, never a built-in one, and bad
//! input writes nothing.

use super::*;
use crate::library::load_decks;

fn basic(front: &str, back: &str) -> NewCard {
    NewCard {
        content: CardContent::Basic {
            front: front.into(),
            back: back.into(),
        },
        tags: vec!["mine".into()],
        explain: None,
    }
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, WriterLock) {
    let dir = tempfile::tempdir().expect("temp dir");
    let decks = dir.path().join("decks");
    let lock = WriterLock::acquire(&dir.path().join("recall.lock")).expect("lock");
    (dir, decks, lock)
}

fn files(decks: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(decks)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn the_first_card_makes_my_cards_and_the_next_one_joins_it() {
    let (_dir, decks, lock) = setup();
    let card = basic(
        "Which S3 class for rarely read data?",
        "Glacier Deep Archive",
    );
    let added = add_card(&decks, DEFAULT_DECK, card.clone(), &lock).expect("added");
    assert_eq!(added.deck_id, "my-cards");
    assert_eq!(added.card_id, stable_id(&card.content));
    assert_eq!(added.path, decks.join("my-cards.toml"));
    assert!(added.new_deck);
    let first_file = std::fs::read_to_string(&added.path).expect("written");

    let cloze = NewCard {
        content: CardContent::Cloze {
            text: "FastFile mode streams from {{S3}}".into(),
        },
        tags: vec![],
        explain: Some("Pipe and FastFile both stream.".into()),
    };
    let second = add_card(&decks, DEFAULT_DECK, cloze, &lock).expect("added");
    assert!(!second.new_deck);
    let (all, warnings) = load_decks(&decks).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    let mine = all.iter().find(|d| d.id == "my-cards").expect("deck");
    assert_eq!(mine.title, "My cards");
    let ids: Vec<&str> = mine.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [added.card_id.as_str(), second.card_id.as_str()]);
    assert_eq!(mine.cards[0].tags, ["mine"]);
    // The first card is written exactly as before: the new one is appended.
    let now = std::fs::read_to_string(&added.path).expect("written");
    assert!(now.starts_with(&first_file), "{now}");
}

#[test]
fn bad_input_is_refused_in_words_and_nothing_is_written() {
    let (_dir, decks, lock) = setup();
    add_card(&decks, DEFAULT_DECK, basic("Q?", "A."), &lock).expect("added");
    let before = files(&decks);
    let choice = |choices: &[&str], answer: Vec<usize>| NewCard {
        content: CardContent::Choice {
            front: "Pick one".into(),
            choices: choices.iter().map(|s| s.to_string()).collect(),
            answer,
        },
        tags: vec![],
        explain: None,
    };
    let cases = [
        (DEFAULT_DECK, basic("q? ", "again"), "already has this card"),
        (DEFAULT_DECK, basic("", "A."), "--front is empty"),
        (DEFAULT_DECK, basic("F", " "), "--back is empty"),
        ("s3-security", basic("F", "B"), "belongs to a built-in deck"),
        ("Bad Id", basic("F", "B"), "is not valid"),
        (
            DEFAULT_DECK,
            NewCard {
                content: CardContent::Cloze {
                    text: "no gap here".into(),
                },
                tags: vec![],
                explain: None,
            },
            "cloze text has no {{...}} gap",
        ),
        (DEFAULT_DECK, choice(&["A"], vec![0]), "expected at least 2"),
        (DEFAULT_DECK, choice(&["A", "B"], vec![2]), "out of range"),
    ];
    for (deck, card, said) in cases {
        let e = add_card(&decks, deck, card, &lock).expect_err(said);
        assert!(matches!(e, AddError::Input(_)), "{e:?}");
        assert!(e.to_string().contains(said), "{said}: {e}");
        assert_eq!(files(&decks), before, "{said}");
    }
}

#[test]
fn a_card_joins_an_imported_deck_in_its_own_file() {
    let (_dir, decks, lock) = setup();
    std::fs::create_dir_all(&decks).expect("dir");
    let src = "[deck]\nid = \"aws\"\ntitle = \"AWS notes\"\n\n[[cards]]\nid = \"x\"\nfront = \"X?\"\nback = \"X.\"\n";
    std::fs::write(decks.join("notes.toml"), src).expect("deck");
    let added = add_card(&decks, "aws", basic("Y?", "Y."), &lock).expect("added");
    assert_eq!(added.path, decks.join("notes.toml"));
    let (all, _) = load_decks(&decks).expect("loads");
    let aws = all.iter().find(|d| d.id == "aws").expect("deck");
    assert_eq!(aws.title, "AWS notes");
    let ids: Vec<&str> = aws.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["x", added.card_id.as_str()]);
}

#[test]
fn a_deck_made_for_the_forms_card_is_titled_as_typed_and_keeps_its_title_after() {
    let (_dir, decks, lock) = setup();
    let added = add_card_titled(
        &decks,
        "aws-notes",
        Some(" AWS notes "),
        basic("Pipe mode?", "Streams from S3"),
        &lock,
    )
    .expect("added");
    assert!(added.new_deck);
    add_card_titled(
        &decks,
        "aws-notes",
        Some("another title"),
        basic("FastFile mode?", "Streams too"),
        &lock,
    )
    .expect("added");
    let (all, _) = load_decks(&decks).expect("loads");
    let deck = all.iter().find(|d| d.id == "aws-notes").expect("deck");
    assert_eq!(deck.title, "AWS notes");
    assert_eq!(deck.cards.len(), 2);
}
