//! Text importer bugs found by trying it as a new user would: an Anki text export naming
//! several decks, file names without ASCII letters, a fenced code block in hashcards
//! Markdown, and CSV files with a header row or another separator.

#[path = "support/cli.rs"]
mod cli;

use std::path::Path;

use recall::deck::{parse_deck, CardContent, Deck, DeckSource};

fn import(home: &Path, files: &[&Path], args: &[&str]) -> String {
    let out = cli::recall(home)
        .arg("import")
        .args(files)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

fn stored(home: &Path, id: &str) -> Deck {
    let path = home.join("decks").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{id} written"));
    parse_deck(&text, "stored", DeckSource::File(path)).expect("valid")
}

fn basic(front: &str, back: &str) -> CardContent {
    CardContent::Basic {
        front: front.into(),
        back: back.into(),
    }
}

#[test]
fn an_anki_text_export_with_several_decks_becomes_one_deck_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("notes.txt");
    std::fs::write(
        &file,
        "#separator:tab\n#html:true\n#deck column:1\n\
         AWS::S3\tWhat is S3?\tObject storage\n\
         AWS::EC2\tWhat is EC2?\tVirtual servers\n\
         AWS::S3\tS3 durability?\t11 nines\n",
    )
    .expect("write");
    let home = tempfile::tempdir().expect("temp dir");
    let report = import(home.path(), &[&file], &[]);
    let s3 = stored(home.path(), "aws-s3");
    assert_eq!(s3.title, "AWS::S3");
    assert_eq!(s3.cards.len(), 2, "{report}");
    let ec2 = stored(home.path(), "aws-ec2");
    assert_eq!(ec2.title, "AWS::EC2");
    assert_eq!(
        ec2.cards[0].content,
        basic("What is EC2?", "Virtual servers")
    );
    // --deck still puts everything in one deck.
    let one = tempfile::tempdir().expect("temp dir");
    import(one.path(), &[&file], &["--deck", "all"]);
    assert_eq!(stored(one.path(), "all").cards.len(), 3);
}

#[test]
fn file_names_without_ascii_letters_become_distinct_decks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ja = dir.path().join("日本語.csv");
    let zh = dir.path().join("中文.csv");
    std::fs::write(&ja, "犬,dog\n").expect("write");
    std::fs::write(&zh, "猫,cat\n").expect("write");
    let home = tempfile::tempdir().expect("temp dir");
    import(home.path(), &[&ja, &zh], &[]);
    let a = stored(home.path(), "ri-ben-yu");
    let b = stored(home.path(), "zhong-wen");
    assert_eq!(a.title, "日本語");
    assert_eq!(a.cards[0].content, basic("犬", "dog"));
    assert_eq!(b.cards[0].content, basic("猫", "cat"));
    assert!(a.cards.iter().chain(&b.cards).all(|c| !c.archived));
}

#[test]
fn a_fenced_code_block_with_a_hash_line_stays_in_the_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("code.md");
    std::fs::write(
        &file,
        "Q: How do you comment a line in Python?\nA: With a hash:\n```python\n# a comment\nx = 1\n```\nThat's all.\n\nQ: Next?\nA: Yes\n",
    )
    .expect("write");
    let home = tempfile::tempdir().expect("temp dir");
    import(home.path(), &[&file], &[]);
    let deck = stored(home.path(), "code");
    assert_eq!(deck.cards.len(), 2);
    assert_eq!(
        deck.cards[0].content,
        basic(
            "How do you comment a line in Python?",
            "With a hash:\n```python\n# a comment\nx = 1\n```\nThat's all."
        )
    );
}

#[test]
fn csv_header_rows_and_separators() {
    let dir = tempfile::tempdir().expect("temp dir");
    let semi = dir.path().join("semi.csv");
    std::fs::write(
        &semi,
        "Question;Answer;Tags\nWhat is S3?;Object storage;aws s3\n",
    )
    .expect("write");
    let home = tempfile::tempdir().expect("temp dir");
    let report = import(home.path(), &[&semi], &["--header", "--separator", ";"]);
    let deck = stored(home.path(), "semi");
    assert_eq!(deck.cards.len(), 1, "{report}");
    assert_eq!(
        deck.cards[0].content,
        basic("What is S3?", "Object storage")
    );
    assert_eq!(deck.cards[0].tags, ["aws", "s3"]);
    // A first row "Front,Back" is recognised without --header, and reported.
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, "Front,Back\nWhat is EC2?,Virtual servers\n").expect("write");
    let report = import(home.path(), &[&plain], &[]);
    assert!(
        report.contains("skipped") && report.contains("header row (Front, Back) names the columns"),
        "{report}"
    );
    assert_eq!(stored(home.path(), "plain").cards.len(), 1);
    // A bad separator is refused.
    cli::recall(home.path())
        .arg("import")
        .arg(&plain)
        .args(["--separator", "ab"])
        .assert()
        .code(2);
}
