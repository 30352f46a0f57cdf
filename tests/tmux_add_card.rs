//! The add-card form on the real binary in tmux: a fresh home, `a` on Home, a basic card in a
//! new deck, saved, then studied; the review log holds the answer to the new card's id.

// This file uses only part of the shared driver.
#[allow(dead_code)]
#[path = "support/tmux.rs"]
mod tmux;
#[path = "support/tools.rs"]
mod tools;

use tmux::Tmux;

#[test]
fn a_adds_a_card_to_a_new_deck_that_is_then_studied() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("addcard") else {
        return;
    };
    t.line(&format!(
        "RECALL_HOME={} NO_COLOR=1 {}",
        home.path().display(),
        env!("CARGO_BIN_EXE_recall")
    ));
    t.wait_text("All decks");
    t.keys(&["a"]);
    t.wait_text("Add a card");
    // The cursor starts in the front; shift-tab twice reaches the deck, ctrl-u clears it.
    t.keys(&["BTab", "BTab", "C-u"]);
    t.keys(&["-l", "AWS notes"]);
    t.wait_text("a new deck \"aws-notes\"");
    t.keys(&["Tab", "Tab"]);
    t.keys(&["-l", "Which SageMaker input mode"]);
    t.keys(&["Enter"]);
    t.keys(&["-l", "streams from S3? ü"]);
    t.keys(&["BSpace", "BSpace", "Tab"]);
    // Pasted (bracketed paste): the line break is a new line in the field, not enter or a key.
    t.paste("Pipe mode (and FastFile)\tq");
    t.keys(&["BSpace", "BSpace", "Tab"]);
    t.paste("Pipe streams from S3.\nFile downloads first.");
    t.keys(&["Tab"]);
    t.keys(&["-l", "sagemaker, input"]);
    let form = t.wait_text("sagemaker, input");
    assert!(
        form.contains("streams from S3?") && !form.contains('ü'),
        "{form}"
    );
    t.keys(&["C-s"]);
    let home_screen = t.wait_text("added to AWS notes (a new deck)");
    let row = home_screen
        .lines()
        .find(|l| l.contains("AWS notes"))
        .expect("the new deck's row");
    let numbers: Vec<u32> = row
        .split_whitespace()
        .filter_map(|w| w.trim_matches('│').parse().ok())
        .collect();
    assert_eq!(numbers, [1, 0, 0], "new, learn, due: {row}\n{home_screen}");

    // The deck file holds the card with its stable id.
    let deck = std::fs::read_to_string(home.path().join("decks/aws-notes.toml")).expect("deck");
    assert!(deck.contains("title = \"AWS notes\""), "{deck}");
    assert!(
        deck.contains("back = \"Pipe mode (and FastFile)\""),
        "{deck}"
    );
    assert!(
        deck.contains("Pipe streams from S3.\nFile downloads first."),
        "{deck}"
    );
    assert!(
        deck.contains("front = \"\"\"\nWhich SageMaker input mode\nstreams from S3?\"\"\""),
        "{deck}"
    );
    let id = deck
        .lines()
        .find_map(|l| l.strip_prefix("id = \"c-"))
        .map(|rest| format!("c-{}", rest.trim_end_matches('"')))
        .expect("the card's id");

    // The new deck is selected: enter studies it.
    t.keys(&["Enter"]);
    t.wait_text("Which SageMaker input mode");
    t.keys(&["Space"]);
    t.wait_text("Pipe mode (and FastFile)");
    t.keys(&["3"]);
    t.wait_for("the answer to be taken", |s| {
        !s.contains("Pipe mode (and FastFile)") || s.contains("early")
    });
    t.keys(&["q"]);
    t.wait_text("Answers");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));

    let device = std::fs::read_to_string(home.path().join("device-id")).expect("device id");
    let log = std::fs::read_to_string(home.path().join(format!("logs/{}.jsonl", device.trim())))
        .expect("log written");
    let card = format!("\"card\":\"aws-notes/{id}\"");
    assert_eq!(
        log.lines()
            .filter(|l| l.contains(&card) && l.contains("\"rating\":3"))
            .count(),
        1,
        "{card} in\n{log}"
    );
    t.kill_server();
}
