//! Caches in the data folder's `cache/` crafted to be well formed but hostile: recall must
//! neither trust what no deck file or log line could hold nor reserve memory a file only
//! claims to need. Run through the real binary.

#[path = "support/cli.rs"]
mod cli;

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
