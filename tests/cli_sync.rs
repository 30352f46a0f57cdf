//! `recall sync` with real git: two clones of one bare repository are two machines' data
//! folders; each studies, both sync (twice), and both show the same schedule. Also: opening a
//! data folder from before per-device logs keeps every review.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/tools.rs"]
mod tools;

use std::path::Path;
use std::process::Command as Process;

use cli::recall;
use predicates::prelude::*;
use recall::store::{EventKind, Paths, ReviewLog};

/// Runs git in `dir`; panics with its stderr on failure.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// True if git is on PATH; otherwise skips the test with one line (fails it in CI).
fn have_git() -> bool {
    tools::require(
        "git",
        "install it: apt-get install git, dnf install git, brew install git",
    )
}

/// "Studies" on a machine: its device id is `device`; `answers` are (card, rating, minutes
/// after 2026-11-23 09:00 UTC), appended to its own log as the study screen would.
fn study(home: &Path, device: &str, answers: &[(&str, u8, i64)]) {
    let paths = Paths::under(home);
    paths.ensure_log_dirs().expect("log folders");
    if !paths.device_file.exists() {
        std::fs::write(&paths.device_file, format!("{device}\n")).expect("device id");
    }
    let mut log = ReviewLog::open_append(&paths.own_log(device)).expect("own log");
    for &(card, rating, minutes) in answers {
        let at = 1_795_424_400_000 + minutes * 60_000;
        log.append(at, card, EventKind::Review { rating, ms: 2000 })
            .expect("append");
    }
}

fn cards_json(home: &Path) -> String {
    let out = recall(home)
        .args(["cards", "--json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Every card's stored schedule from `recall cards --json`, without the fields that depend on
/// the moment the command ran (the clock moves on by milliseconds from `RECALL_NOW`).
fn schedules(json: &str) -> Vec<serde_json::Value> {
    let mut cards: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let list = cards.as_array_mut().expect("a list");
    for c in list.iter_mut() {
        let c = c.as_object_mut().expect("an object");
        c.remove("next");
        c.remove("retrievability");
    }
    list.clone()
}

/// The `reps` of card `id` in `recall cards --json` output.
fn reps(json: &str, id: &str) -> u64 {
    let cards: serde_json::Value = serde_json::from_str(json).expect("JSON");
    cards
        .as_array()
        .expect("a list")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no card {id}"))["reps"]
        .as_u64()
        .expect("reps")
}

#[test]
fn two_machines_sync_through_one_bare_repository_and_agree() {
    if !have_git() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let bare = root.path().join("recall.git");
    git(root.path(), &["init", "--quiet", "--bare", "recall.git"]);
    let (a, b) = (root.path().join("laptop"), root.path().join("desk"));
    for dir in [&a, &b] {
        git(
            root.path(),
            &[
                "clone",
                "--quiet",
                bare.to_str().expect("utf-8"),
                dir.to_str().expect("utf-8"),
            ],
        );
    }
    study(
        &a,
        "laptop-0000aaaa",
        &[
            ("s3-security/default-encryption", 3, 0),
            ("s3-security/sse-options", 1, 2),
        ],
    );
    study(
        &b,
        "desk-0000bbbb",
        &[
            ("s3-security/sse-options", 3, 1),
            ("dw-vs-dl/lake-definition", 4, 3),
        ],
    );
    // Each machine before syncing sees only its own answers.
    assert_ne!(cards_json(&a), cards_json(&b));

    recall(&a)
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains("Committed this device's changes"))
        .stdout(predicate::str::contains("Sent this device's commits"));
    recall(&b)
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains("Brought in 1 commit"));
    recall(&a)
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains("Brought in 1 commit"));
    recall(&b)
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing new"));

    let (ja, jb) = (cards_json(&a), cards_json(&b));
    assert_eq!(
        schedules(&ja),
        schedules(&jb),
        "both machines compute the same schedule"
    );
    assert!(
        ja.contains("\"reps\": 1") || ja.contains("\"reps\":1"),
        "{ja}"
    );
    // The device ids and the lock stayed local.
    let tracked = git(&a, &["ls-files"]);
    assert!(tracked.contains("logs/laptop-0000aaaa.jsonl"), "{tracked}");
    assert!(tracked.contains("logs/desk-0000bbbb.jsonl"), "{tracked}");
    assert!(
        !tracked.contains("device-id") && !tracked.contains("recall.lock"),
        "{tracked}"
    );
}

#[test]
fn a_conflict_in_a_deck_edited_on_two_machines_is_named_and_changes_nothing() {
    if !have_git() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let bare = root.path().join("recall.git");
    git(root.path(), &["init", "--quiet", "--bare", "recall.git"]);
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    for dir in [&a, &b] {
        git(
            root.path(),
            &[
                "clone",
                "--quiet",
                bare.to_str().expect("utf-8"),
                dir.to_str().expect("utf-8"),
            ],
        );
        std::fs::create_dir_all(dir.join("decks")).expect("decks");
    }
    let deck = |title: &str| {
        format!("[deck]\nid = \"mine\"\ntitle = \"{title}\"\n[[cards]]\nid = \"a\"\nfront = \"F\"\nback = \"B\"\n")
    };
    std::fs::write(a.join("decks/mine.toml"), deck("From A")).expect("deck");
    std::fs::write(b.join("decks/mine.toml"), deck("From B")).expect("deck");
    recall(&a).arg("sync").assert().success();
    recall(&b)
        .arg("sync")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("conflict in decks/mine.toml"));
    assert_eq!(
        std::fs::read_to_string(b.join("decks/mine.toml")).expect("deck"),
        deck("From B"),
        "the local deck is untouched"
    );
    assert!(!b.join(".git/rebase-merge").exists() && !b.join(".git/rebase-apply").exists());
}

#[test]
fn sync_outside_a_repository_says_how_to_set_one_up() {
    if !have_git() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    recall(home.path())
        .arg("sync")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a git repository"))
        .stderr(predicate::str::contains("remote add origin"));
}

#[test]
fn a_repository_without_a_remote_commits_and_says_how_to_add_one() {
    if !have_git() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    git(home.path(), &["init", "--quiet"]);
    study(
        home.path(),
        "solo-00000001",
        &[("s3-security/sse-options", 3, 0)],
    );
    recall(home.path())
        .arg("sync")
        .assert()
        .success()
        .stdout(predicate::str::contains("Committed"))
        .stdout(predicate::str::contains("No remote yet"));
    assert!(git(home.path(), &["ls-files"]).contains("logs/solo-00000001.jsonl"));
}

#[test]
fn a_data_folder_from_before_device_logs_keeps_every_review() {
    // The old layout: one reviews.jsonl, no logs/ and no device id.
    let home = tempfile::tempdir().expect("temp dir");
    let old = [
        "{\"v\":1,\"at\":\"2026-11-20T10:00:00.000Z\",\"card\":\"s3-security/sse-options\",\"event\":\"review\",\"rating\":3,\"ms\":2000}\n",
        "{\"v\":1,\"at\":\"2026-11-21T10:00:00.000Z\",\"card\":\"s3-security/sse-options\",\"event\":\"review\",\"rating\":3,\"ms\":2000}\n",
        "{\"v\":1,\"at\":\"2026-11-21T10:01:00.000Z\",\"card\":\"dw-vs-dl/lake-definition\",\"event\":\"review\",\"rating\":1,\"ms\":2000}\n",
        "{\"v\":1,\"at\":\"2026-11-21T10:02:00.000Z\",\"card\":\"dw-vs-dl/lake-definition\",\"event\":\"undo\"}\n",
    ]
    .concat();
    std::fs::write(home.path().join("reviews.jsonl"), &old).expect("old log");
    let before = cards_json(home.path());
    assert_eq!(reps(&before, "s3-security/sse-options"), 2);
    assert_eq!(
        reps(&before, "dw-vs-dl/lake-definition"),
        0,
        "the undo still counts"
    );
    // A new device then studies; the old file is read, never written.
    study(
        home.path(),
        "new-00000002",
        &[("dw-vs-dl/lake-definition", 3, 0)],
    );
    let after = cards_json(home.path());
    assert_eq!(reps(&after, "s3-security/sse-options"), 2);
    assert_eq!(reps(&after, "dw-vs-dl/lake-definition"), 1);
    assert_eq!(
        std::fs::read_to_string(home.path().join("reviews.jsonl")).expect("old log"),
        old
    );
}
