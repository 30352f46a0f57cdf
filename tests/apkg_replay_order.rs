//! Imported Anki history and answers given in recall replay in time order: an Anki export
//! imported after the card was studied in recall must not append answers older than that
//! study behind it in the log (replay keeps each log file's order).

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use recall::store::logset::load_review_logs;
use recall::store::Paths;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/apkg")
        .join(name)
}

fn import(home: &Path) -> String {
    let out = cli::recall(home)
        .arg("import")
        .arg(fixture("current.apkg"))
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

fn own_log(home: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(home.join("logs"))
        .expect("logs")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn anki_answers_older_than_a_recall_answer_are_skipped_and_counted() {
    let home = tempfile::tempdir().expect("temp dir");
    import(home.path());
    let log = own_log(home.path());
    let text = std::fs::read_to_string(&log).expect("log");
    // The card with the longest history: as if the first export held its first 3 answers.
    let card = "aws-machine-learning/anki-7174645";
    let mine: Vec<&str> = text.lines().filter(|l| l.contains(card)).collect();
    assert!(mine.len() > 4, "{mine:?}");
    let global = mine[0]
        .split("\"card\":\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("card id")
        .to_string();
    let dropped = mine.len() - 3;
    let mut earlier: String = text
        .lines()
        .filter(|l| !mine[3..].contains(l))
        .map(|l| format!("{l}\n"))
        .collect();
    // Then studied in recall, after every answer Anki has for it.
    let studied = "2026-11-22T12:00:00.000Z";
    assert!(mine.iter().all(|l| l.contains("\"at\":\"2026-")
        && l.split("\"at\":\"")
            .nth(1)
            .is_some_and(|t| &t[..24] < studied)));
    earlier.push_str(&format!(
        "{{\"v\":1,\"at\":\"{studied}\",\"card\":\"{global}\",\"event\":\"review\",\"rating\":3,\"ms\":3000}}\n"
    ));
    std::fs::write(&log, &earlier).expect("rewrite log");
    // The newer export (the same package) holds the answers given in Anki since.
    let report = import(home.path());
    assert!(
        report.contains(&format!(
            "review log: 0 events added, {} already there, {dropped} older than the card's latest event in recall (skipped)",
            31 - dropped
        )),
        "{report}"
    );
    // Replay order: the card's events in time order.
    let loaded = load_review_logs(&Paths::under(home.path())).expect("loads");
    let index = loaded
        .cards
        .iter()
        .position(|c| *c == global)
        .expect("card in log") as u32;
    let times: Vec<i64> = loaded
        .events
        .iter()
        .filter(|e| e.card == index)
        .map(|e| e.at)
        .collect();
    assert_eq!(times.len(), 4, "{times:?}");
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
}
