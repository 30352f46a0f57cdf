//! `recall import` / `recall export` through the binary: every fixture format, the exact
//! report, re-import keeping progress, and every bad input refused with nothing written.

#[path = "support/cli.rs"]
mod cli;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use recall::deck::{parse_deck, CardContent, Deck, DeckSource};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// From the crate's folder, so fixture paths are relative to it.
fn recall(home: &Path) -> Command {
    let mut cmd = cli::recall(home);
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs `recall import ARGS` and returns stdout (asserting success).
fn import(home: &Path, args: &[&str]) -> String {
    let out = recall(home).arg("import").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

/// Every file under `dir` with its bytes, to prove nothing changed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.insert(p.clone(), Vec::new());
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

fn stored(home: &Path, id: &str) -> Deck {
    let path = home.join("decks").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).expect("deck written");
    parse_deck(&text, "stored", DeckSource::File(path)).expect("stored deck is valid")
}

fn basic(front: &str, back: &str) -> CardContent {
    CardContent::Basic {
        front: front.into(),
        back: back.into(),
    }
}

fn cloze(text: &str) -> CardContent {
    CardContent::Cloze { text: text.into() }
}

#[test]
fn real_anki_export_with_every_column() {
    let home = tempfile::tempdir().expect("temp");
    let out = import(home.path(), &["tests/fixtures/import/anki-notes-full.txt"]);
    let path = home.path().join("decks/anki-notes-full.toml");
    assert_eq!(
        out,
        format!(
            "imported tests/fixtures/import/anki-notes-full.txt (anki) into deck \"anki-notes-full\" ({}): 7 added, 0 updated, 0 unchanged, 0 archived, 0 skipped\n",
            path.display()
        )
    );
    let deck = stored(home.path(), "anki-notes-full");
    assert_eq!(deck.title, "AWS::S3");
    let got: Vec<(&str, &CardContent, Vec<&str>, Option<&str>)> = deck
        .cards
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                &c.content,
                c.tags.iter().map(String::as_str).collect(),
                c.explain.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "g-onezone",
                &basic(
                    "How many AZs does **S3 One Zone-IA** use?",
                    "One.\nData is lost if that AZ is destroyed."
                ),
                vec!["s3", "storage-class"],
                None
            ),
            (
                "g-ssec",
                &basic(
                    "Which header carries the SSE-C key?",
                    "x-amz-server-side-encryption-customer-key & its MD5"
                ),
                vec!["s3::security"],
                None
            ),
            (
                "g-quotes",
                &basic("Fields with a tab\tand \"quotes\"", "line one\nline two"),
                vec![],
                None
            ),
            (
                "g-media",
                &basic(
                    "Listen and name the service",
                    "[sound: polly.mp3] Amazon Polly [image: polly.png]"
                ),
                vec!["media"],
                None
            ),
            (
                "g-cloze1-c1",
                &cloze("S3 Glacier {{Deep Archive}} restores within 12 hours."),
                vec!["cloze", "s3"],
                Some("Standard retrieval.")
            ),
            (
                "g-cloze1-c2",
                &cloze("S3 Glacier Deep Archive restores within {{12 hours::how long?}}."),
                vec!["cloze", "s3"],
                Some("Standard retrieval.")
            ),
            (
                "anki-68606223523928782151",
                &cloze("Requests that use SSE-C must use {{HTTPS}}."),
                vec![],
                None
            ),
        ]
    );
    // The deck shows up with the built-in ones.
    let decks = recall(home.path())
        .args(["decks", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&decks.get_output().stdout).expect("JSON");
    assert!(v
        .as_array()
        .expect("array")
        .iter()
        .any(|d| d["id"] == "anki-notes-full" && d["cards"] == 7 && d["builtin"] == false));
}

#[test]
fn real_anki_export_without_guids_gets_stable_ids() {
    let home = tempfile::tempdir().expect("temp");
    import(home.path(), &["tests/fixtures/import/anki-notes-plain.txt"]);
    let deck = stored(home.path(), "anki-notes-plain");
    assert_eq!(deck.title, "anki-notes-plain");
    assert_eq!(deck.cards.len(), 7);
    assert_eq!(
        deck.cards[0].content,
        basic(
            "How many AZs does S3 One Zone-IA use?",
            "One. Data is lost if that AZ is destroyed."
        )
    );
    assert_eq!(
        deck.cards[0].id,
        recall::import::stable_id(&deck.cards[0].content)
    );
    assert_eq!(
        deck.cards[5].content,
        cloze("S3 Glacier Deep Archive restores within {{12 hours::how long?}}.")
    );
    // Importing the same file again changes nothing.
    let again = import(home.path(), &["tests/fixtures/import/anki-notes-plain.txt"]);
    assert!(
        again.contains(": 0 added, 0 updated, 7 unchanged, 0 archived, 0 skipped"),
        "{again}"
    );
}

#[test]
fn handwritten_anki_headers() {
    let home = tempfile::tempdir().expect("temp");
    import(home.path(), &["tests/fixtures/import/anki-handwritten.txt"]);
    let deck = stored(home.path(), "anki-handwritten");
    assert_eq!(deck.title, "Hand Written");
    let got: Vec<_> = deck
        .cards
        .iter()
        .map(|c| (c.content.clone(), c.tags.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                basic("What is *S3*?", "Object storage & more"),
                vec!["handmade".to_string(), "s3".to_string()]
            ),
            (
                basic("EBS", "Block storage\nfor one instance"),
                vec!["handmade".to_string()]
            ),
        ]
    );
}

#[test]
fn csv_report_lists_each_skip() {
    let home = tempfile::tempdir().expect("temp");
    let out = import(
        home.path(),
        &["tests/fixtures/import/basic.csv", "--deck", "aws-csv"],
    );
    assert_eq!(
        out,
        format!(
            "imported tests/fixtures/import/basic.csv (csv) into deck \"aws-csv\" ({}): 7 added, 0 updated, 0 unchanged, 0 archived, 2 skipped\n  skipped tests/fixtures/import/basic.csv:8: empty back\n  skipped tests/fixtures/import/basic.csv:9: duplicate front (first on line 1); kept the first\n",
            home.path().join("decks/aws-csv.toml").display()
        )
    );
    let deck = stored(home.path(), "aws-csv");
    assert_eq!(
        deck.cards[0].explain.as_deref(),
        Some("Data is lost if that AZ is destroyed.")
    );
    assert_eq!(
        deck.cards[2].content,
        basic("A multi-line\nfront", "line one\nline two")
    );
    assert_eq!(
        deck.cards[3].content,
        cloze("S3 Glacier Deep Archive restores within {{12 hours}}")
    );
    assert_eq!(deck.cards[6].content, basic("EFS protocol", "NFS v4"));
}

#[test]
fn tsv_quizlet_markdown_toml_and_bom() {
    let home = tempfile::tempdir().expect("temp");
    import(home.path(), &["tests/fixtures/import/basic.tsv"]);
    assert_eq!(
        stored(home.path(), "basic").cards[1].content,
        basic("EBS", "Block storage\nfor one instance")
    );
    import(home.path(), &["tests/fixtures/import/quizlet.txt"]);
    let q = stored(home.path(), "quizlet");
    assert_eq!(q.cards.len(), 4);
    assert_eq!(
        q.cards[3].content,
        basic(
            "FSx for Lustre",
            "High-performance file system for ML training"
        )
    );

    let out = import(home.path(), &["tests/fixtures/import/hashcards.md"]);
    assert!(out.contains("4 added, 0 updated, 0 unchanged, 0 archived, 2 skipped\n  skipped tests/fixtures/import/hashcards.md:20: question without an `A:` answer\n  skipped tests/fixtures/import/hashcards.md:22: cloze without a [bracketed] part to hide\n"), "{out}");
    let md = stored(home.path(), "hashcards");
    assert_eq!(md.title, "Storage on AWS");
    assert_eq!(
        md.cards[1].content,
        basic(
            "List the FSx flavours\nthat matter for ML.",
            "- FSx for Lustre\n- FSx for NetApp ONTAP"
        )
    );
    assert_eq!(md.cards[3].content, cloze("See the diagram ![arch](arch.png) and [the docs](https://aws.amazon.com) for {{EBS}} volumes."));

    import(home.path(), &["tests/fixtures/import/deck.toml"]);
    let t = stored(home.path(), "my-s3");
    assert_eq!(t.description.as_deref(), Some("Hand-written"));
    assert_eq!(t.cards[1].content.kind(), "choice");

    import(home.path(), &["tests/fixtures/import/bom-utf8.csv"]);
    assert_eq!(
        stored(home.path(), "bom-utf8").cards[0].content,
        basic("S3", "Object storage")
    );
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let cases = [
        ("empty.csv", "empty.csv: the file is empty; expected cards"),
        ("too-few-fields.csv", "too-few-fields.csv:2: too few fields: found 1, expected front and back separated by a comma"),
        ("unbalanced-quotes.csv", "unbalanced-quotes.csv:2: unbalanced quotes"),
        ("unknown-separator.txt", "unknown-separator.txt:1: unknown separator \"Tilde\""),
        ("invalid-utf8.csv", "invalid-utf8.csv:2: not valid UTF-8 at byte 28"),
        ("utf16-bom.csv", "utf16-bom.csv:1: starts with a UTF-16 byte-order mark (byte 0)"),
        ("binary.csv", "binary.csv:1: binary data (a NUL byte) at byte 143"),
    ];
    let home = tempfile::tempdir().expect("temp");
    import(
        home.path(),
        &["tests/fixtures/import/basic.csv", "--deck", "mine"],
    );
    let before = snapshot(home.path());
    for (file, message) in cases {
        // Alone, and after a good file: all or nothing.
        for args in [
            vec![fixture(file)],
            vec![fixture("quizlet.txt"), fixture(file)],
        ] {
            let out = recall(home.path())
                .arg("import")
                .args(&args)
                .assert()
                .code(2);
            let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
            assert!(err.contains(message), "{file}: {err}");
            assert_eq!(snapshot(home.path()), before, "{file} changed the data dir");
        }
    }
    // A stored deck is never replaced by a broken re-import either.
    let out = recall(home.path())
        .args(["import", "--deck", "mine"])
        .arg(fixture("too-few-fields.csv"))
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains(":2: too few fields"));
    assert_eq!(snapshot(home.path()), before);
}

#[test]
fn ids_of_built_in_decks_are_refused() {
    let home = tempfile::tempdir().expect("temp");
    let out = recall(home.path())
        .args(["import", "--deck", "s3-security"])
        .arg(fixture("quizlet.txt"))
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr).contains("belongs to a built-in deck")
    );
    assert_eq!(snapshot(home.path()), BTreeMap::new());
}

#[test]
fn dry_run_writes_nothing() {
    let home = tempfile::tempdir().expect("temp");
    let root = home.path().join("fresh");
    let out = import(&root, &["--dry-run", "tests/fixtures/import/basic.tsv"]);
    assert!(
        out.starts_with("would import tests/fixtures/import/basic.tsv (tsv) into deck \"basic\""),
        "{out}"
    );
    // The report, then how the rows were split into fields (a comma that split an answer
    // shows here before anything is written).
    assert!(
        out.ends_with(
            "2 added, 0 updated, 0 unchanged, 0 archived, 0 skipped\n\
             how the first 2 rows of tests/fixtures/import/basic.tsv were split:\n  \
             tests/fixtures/import/basic.tsv:1: front \"S3\" · back \"Object storage\" · tags \"s3\"\n  \
             tests/fixtures/import/basic.tsv:2: front \"EBS\" · back \"Block storage\\nfor one instance\" · tags \"ebs block\"\n\
             dry run: nothing was written\n"
        ),
        "{out}"
    );
    assert!(!root.exists(), "dry run created the data dir");
}

#[test]
fn a_csv_comma_that_splits_an_answer_is_reported_with_its_line() {
    let home = tempfile::tempdir().expect("temp");
    let csv = home.path().join("modes.csv");
    let rows: String = (1..=6).map(|i| format!("Q{i},A{i}\n")).collect();
    std::fs::write(
        &csv,
        format!("Input modes?,File, Pipe and FastFile\n{rows}"),
    )
    .expect("write");
    let name = csv.display().to_string();
    let out = import(home.path(), &["--dry-run", &name]);
    assert!(out.contains(&format!(
        "  skipped {name}:1: probable unquoted comma: the row has 3 fields and the tags column reads \"Pipe and FastFile\"; if the back is \"File, Pipe and FastFile\", put it in double quotes\n"
    )), "{out}");
    assert!(
        out.contains(&format!("how the first 5 rows of {name} were split:\n  {name}:1: front \"Input modes?\" · back \"File\" · tags \" Pipe and FastFile\"\n")),
        "{out}"
    );
    assert!(
        out.contains(&format!("  {name}:5: front \"Q4\" · back \"A4\"\n")),
        "{out}"
    );
    assert!(!out.contains(&format!("{name}:6:")), "{out}");
}

#[test]
fn reimport_updates_in_place_keeps_progress_and_archives() {
    let home = tempfile::tempdir().expect("temp");
    let v1 = home.path().join("aws.csv");
    std::fs::write(&v1, "S3,Object storage\nEBS,Block storage\nEFS,NFS\n").expect("write");
    import(home.path(), &[v1.to_str().expect("path")]);
    let deck = stored(home.path(), "aws");
    let ebs = deck.cards[1].id.clone();
    let efs = deck.cards[2].id.clone();
    // Study EBS and EFS once.
    let review = |id: &str| {
        format!("{{\"v\":1,\"at\":\"2026-11-22T10:00:00.000Z\",\"card\":\"aws/{id}\",\"event\":\"review\",\"rating\":3}}\n")
    };
    std::fs::write(
        home.path().join("reviews.jsonl"),
        review(&ebs) + &review(&efs),
    )
    .expect("log");
    let log_before = std::fs::read(home.path().join("reviews.jsonl")).expect("log");

    // EBS's answer edited, EFS gone, FSx new.
    std::fs::write(
        &v1,
        "S3,Object storage\nebs,Block storage for one EC2 instance\nFSx,Lustre\n",
    )
    .expect("write");
    let out = import(home.path(), &[v1.to_str().expect("path")]);
    assert!(
        out.ends_with(": 1 added, 1 updated, 1 unchanged, 1 archived, 0 skipped\n"),
        "{out}"
    );
    let deck = stored(home.path(), "aws");
    let got: Vec<(&str, bool)> = deck
        .cards
        .iter()
        .map(|c| (c.id.as_str(), c.archived))
        .collect();
    assert_eq!(got[1], (ebs.as_str(), false));
    assert_eq!(got[3], (efs.as_str(), true));
    assert_eq!(
        deck.cards[1].content,
        basic("ebs", "Block storage for one EC2 instance")
    );
    assert_eq!(
        std::fs::read(home.path().join("reviews.jsonl")).expect("log"),
        log_before
    );

    let out = recall(home.path())
        .args(["cards", "--deck", "aws", "--json"])
        .assert()
        .success();
    let cards: Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    let by_id = |id: &str| {
        cards
            .as_array()
            .expect("array")
            .iter()
            .find(|c| c["id"] == format!("aws/{id}"))
            .cloned()
            .expect("card listed")
    };
    assert_eq!(by_id(&ebs)["reps"], 1, "progress kept across the edit");
    assert_eq!(by_id(&efs)["archived"], true);
    assert_eq!(by_id(&efs)["reps"], 1, "history kept for the archived card");

    // A title and description written into the stored deck by hand survive a re-import.
    let path = home.path().join("decks/aws.toml");
    let edited = std::fs::read_to_string(&path).expect("deck").replacen(
        "title = \"aws\"",
        "title = \"AWS storage\"\ndescription = \"mine\"",
        1,
    );
    std::fs::write(&path, edited).expect("edit");

    // It comes back: un-archived, progress still there.
    std::fs::write(
        &v1,
        "S3,Object storage\nebs,Block storage for one EC2 instance\nFSx,Lustre\nEFS,NFS\n",
    )
    .expect("write");
    let out = import(home.path(), &[v1.to_str().expect("path")]);
    assert!(
        out.ends_with(": 0 added, 1 updated, 3 unchanged, 0 archived, 0 skipped\n"),
        "{out}"
    );
    let deck = stored(home.path(), "aws");
    assert_eq!(deck.title, "AWS storage");
    assert_eq!(deck.description.as_deref(), Some("mine"));
}

#[test]
fn export_then_import_gives_the_same_deck() {
    let home = tempfile::tempdir().expect("temp");
    import(
        home.path(),
        &[
            "tests/fixtures/import/anki-notes-full.txt",
            "--deck",
            "orig",
        ],
    );
    let orig = stored(home.path(), "orig");
    for format in ["anki", "csv", "toml"] {
        let file = home.path().join(format!("out.{format}"));
        recall(home.path())
            .args(["export", "orig", "--format", format, "-o"])
            .arg(&file)
            .assert()
            .success();
        let copy_id = format!("copy-{format}");
        // A TOML deck names its own id; --deck puts the copy beside the original.
        recall(home.path())
            .args(["import", "--deck", &copy_id, "--format", format])
            .arg(&file)
            .assert()
            .success();
        let copy = stored(home.path(), &copy_id);
        let strip = |d: &Deck, keep_ids: bool| -> Vec<_> {
            d.cards
                .iter()
                .map(|c| {
                    (
                        keep_ids.then(|| c.id.clone()),
                        c.content.clone(),
                        c.tags.clone(),
                        c.explain.clone(),
                    )
                })
                .collect()
        };
        // CSV has no id column: its cards get ids from their fronts.
        let keep_ids = format != "csv";
        assert_eq!(strip(&copy, keep_ids), strip(&orig, keep_ids), "{format}");
        if format == "anki" {
            assert_eq!(copy.title, orig.title);
            let text = std::fs::read_to_string(&file).expect("export");
            assert!(text.starts_with("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"), "{text}");
            assert!(text.contains("\"h`b#R9(x!Q\"\tCloze\tAWS::S3\tRequests that use SSE-C must use {{c1::HTTPS}}.\t\t\n"), "{text}");
        }
    }
    // Unknown deck: exit 2.
    recall(home.path())
        .args(["export", "nope"])
        .assert()
        .code(2);
}
