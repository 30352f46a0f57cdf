//! Caches in the data folder's `cache/` crafted to be well formed but hostile: recall must
//! neither trust what no deck file or log line could hold nor reserve memory a file only
//! claims to need. Run through the real binary.

#[path = "support/cli.rs"]
mod cli;
#[allow(dead_code)] // uses some of the helpers
#[path = "support/tmux.rs"]
mod tmux;
#[path = "support/tools.rs"]
mod tools;

use std::path::Path;

const DECK: &str = "[deck]\nid = \"mine\"\ntitle = \"Mine\"\n\n[[cards]]\nid = \"b\"\nfront = \"B?\"\nback = \"B.\"\n";

/// `recall ARGS` on `home` under a 2 GB address-space limit (`ulimit -v`), so a huge
/// allocation fails (and aborts the process) instead of being granted and never touched.
fn recall_limited(home: &Path, args: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("recall");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v 2000000 && exec \"$0\" {args}"))
        .arg(bin)
        .env("RECALL_HOME", home)
        .env("RECALL_NOW", "2026-11-23T10:00:00Z")
        .env("TZ", "UTC")
        .output()
        .expect("sh runs")
}

#[test]
fn a_deck_cache_claiming_millions_of_cards_reserves_no_memory_for_them() {
    let home = cli::home_with(&[("decks/mine.toml", DECK)]);
    let file = home.path().join("decks").join("mine.toml");
    let cache = home.path().join("cache").join("decks");
    std::fs::create_dir_all(&cache).expect("cache/decks");
    let key = recall::deck::cache::FileKey::of_file(&std::fs::File::open(&file).expect("deck"))
        .expect("key");
    let mut empty =
        recall::deck::parse_deck(DECK, "mine", recall::deck::DeckSource::File(file.clone()))
            .expect("deck");
    empty.cards.clear();
    recall::deck::cache::store(&cache, &file, key, &empty);
    let cached = recall::deck::cache::cache_file(&cache, &file);
    let mut bytes = std::fs::read(&cached).expect("the cache was written");
    // The deck ends with its card count (0): claim 16 Mi cards, each "present" as a zero
    // byte. The count fits in the bytes left, but 16 Mi cards in memory are ~3 GB.
    let claimed: u64 = 16 << 20;
    let at = bytes.len() - 8;
    assert_eq!(bytes[at..], 0u64.to_le_bytes());
    bytes[at..].copy_from_slice(&claimed.to_le_bytes());
    bytes.resize(bytes.len() + claimed as usize, 0);
    std::fs::write(&cached, &bytes).expect("craft");

    let out = recall_limited(home.path(), "cards --deck mine --json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\"id\":\"mine/b\""),
        "the deck is parsed again: {stderr}"
    );
}

/// `cache` in the data folder as a regular file or a FIFO (not made by recall): the caches are
/// only for speed, so the study screen still starts, answers are logged, and the thing in
/// the way is left as it is.
#[test]
fn a_file_or_fifo_where_the_cache_folder_goes_does_not_stop_the_study_screen() {
    for kind in ["file", "fifo"] {
        let home = tempfile::tempdir().expect("temp dir");
        let cache = home.path().join("cache");
        if kind == "file" {
            std::fs::write(&cache, "not a folder\n").expect("file");
        } else {
            let ok = std::process::Command::new("mkfifo")
                .arg(&cache)
                .status()
                .expect("mkfifo(1)");
            assert!(ok.success());
        }
        let Some(t) = tmux::Tmux::start(&format!("cache-{kind}")) else {
            return;
        };
        t.line(&format!(
            "RECALL_HOME={} RECALL_NOW=2026-11-23T10:00:00Z NO_COLOR=1 {}; echo exit=$?",
            home.path().display(),
            env!("CARGO_BIN_EXE_recall")
        ));
        // All at once (a capture can catch the first frame half drawn), or the exit code.
        t.wait_for("the welcome or the exit code", |s| {
            s.contains("Welcome to recall") && s.contains("x: set your exam date")
                || s.contains("exit=")
        });
        // An Enter typed while the first frame is still being drawn can be lost: press it
        // again until the study screen shows.
        let started = std::time::Instant::now();
        while !t.capture().contains("show answer") {
            assert!(started.elapsed().as_secs() < 20, "{kind}: {}", t.capture());
            t.keys(&["Enter"]);
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
        t.answer_good_then_home();
        t.keys(&["q"]);
        t.wait_text("exit=0");
        let logs: Vec<_> = std::fs::read_dir(home.path().join("logs"))
            .expect("logs/")
            .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("log"))
            .collect();
        assert_eq!(logs.concat().lines().count(), 1, "{kind}: {logs:?}");
        let meta = std::fs::symlink_metadata(&cache).expect("still there");
        assert_eq!(meta.file_type().is_file(), kind == "file", "{kind}");
    }
}
