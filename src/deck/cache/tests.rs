//! The deck cache: a hit is the parsed deck; every kind of change, and a corrupt cache, parse
//! the TOML again; a deck with errors is never cached.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::*;
use crate::deck::CardContent;
use crate::library::{load_decks_cached, DeckCache};

const DECK: &str = "[deck]\nid = \"mine\"\ntitle = \"Parsed\"\n\n[[cards]]\nid = \"a\"\nfront = \"A?\"\nback = \"A.\"\ntags = [\"t\"]\n\n[[cards]]\nid = \"b\"\nkind = \"choice\"\nfront = \"B?\"\nchoices = [\"x\", \"y\", \"z\"]\nanswer = [0, 2]\nexplain = \"why\"\n\n[[cards]]\nid = \"c\"\nkind = \"cloze\"\ntext = \"C is {{c}}.\"\n";

struct Home {
    _dir: tempfile::TempDir,
    decks: PathBuf,
    cache: PathBuf,
    file: PathBuf,
}

fn home() -> Home {
    let dir = tempfile::tempdir().expect("temp dir");
    let decks = dir.path().join("decks");
    std::fs::create_dir_all(&decks).expect("decks");
    let file = decks.join("mine.toml");
    std::fs::write(&file, DECK).expect("deck");
    Home {
        cache: dir.path().join("cache").join("decks"),
        decks,
        file,
        _dir: dir,
    }
}

/// The imported deck and the warnings, loaded through the cache.
fn load(h: &Home) -> (Deck, Vec<String>) {
    let (decks, warnings) = load_decks_cached(&h.decks, Some(writer(&h.cache))).expect("loads");
    let mine = decks.into_iter().find(|d| d.id == "mine").expect("mine");
    (mine, warnings)
}

fn writer(dir: &Path) -> DeckCache<'_> {
    DeckCache { dir, write: true }
}

fn key(file: &Path) -> FileKey {
    FileKey::of_file(&std::fs::File::open(file).expect("open")).expect("key")
}

/// Puts a deck titled "From the cache" in the cache for the file as it is now, so a load
/// shows whether the cache was used.
fn plant(h: &Home) {
    let (mut deck, _) = load(h);
    deck.title = "From the cache".into();
    store(&h.cache, &h.file, key(&h.file), &deck);
}

fn set_mtime(file: &Path, t: SystemTime) {
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(file)
        .expect("open");
    f.set_modified(t).expect("set mtime");
}

#[test]
fn a_cache_hit_is_the_same_deck_as_a_parse() {
    let h = home();
    let parsed = crate::deck::parse_deck(
        DECK,
        &h.file.display().to_string(),
        DeckSource::File(h.file.clone()),
    )
    .expect("valid");
    let (first, warnings) = load(&h);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(first, parsed);
    assert!(
        cache_file(&h.cache, &h.file).is_file(),
        "written on the first load"
    );
    let (second, _) = load(&h);
    assert_eq!(second, parsed);
    // And the second load did come from the cache.
    plant(&h);
    assert_eq!(load(&h).0.title, "From the cache");
    assert_eq!(
        decode(&encode(&parsed), DeckSource::File(h.file.clone())),
        Some(parsed)
    );
}

/// One way of changing a deck file.
type Change<'a> = &'a dyn Fn(&Home);

#[test]
fn a_changed_size_time_or_edge_parses_again() {
    let h = home();
    let original = std::fs::metadata(&h.file)
        .and_then(|m| m.modified())
        .expect("mtime");
    let changes: [(&str, Change); 3] = [
        ("size", &|h| {
            let mut text = DECK.to_string();
            text.push_str("# one more line\n");
            std::fs::write(&h.file, text).expect("write");
            set_mtime(&h.file, original);
        }),
        ("time", &|h| {
            set_mtime(&h.file, original + Duration::from_secs(1))
        }),
        ("first and last bytes", &|h| {
            // Same length, same time: only the bytes differ.
            std::fs::write(&h.file, DECK.replace("Parsed", "Parsee")).expect("write");
            set_mtime(&h.file, original);
        }),
    ];
    for (what, change) in changes {
        std::fs::write(&h.file, DECK).expect("write");
        set_mtime(&h.file, original);
        plant(&h);
        assert_eq!(load(&h).0.title, "From the cache", "{what}: planted");
        change(&h);
        let (deck, warnings) = load(&h);
        assert!(deck.title.starts_with("Parse"), "{what}: {}", deck.title);
        assert!(warnings.is_empty(), "{what}: {warnings:?}");
    }
}

#[test]
fn another_path_or_program_version_parses_again() {
    let h = home();
    load(&h);
    let cached = cache_file(&h.cache, &h.file);
    let bytes = std::fs::read(&cached).expect("cache");
    // A cache written by another version of recall.
    let other =
        String::from_utf8_lossy(MAGIC).replace("recall-deck-cache 1", "recall-deck-cache 0");
    let mut old = other.into_bytes();
    old.extend_from_slice(&bytes[MAGIC.len()..]);
    std::fs::write(&cached, &old).expect("write");
    plant_title_check(&h, &cached, &old);
    // A cache for another file that hashed to the same name.
    let elsewhere = h.decks.join("other.toml");
    std::fs::write(&elsewhere, DECK).expect("write");
    let (mut deck, _) = load(&h);
    deck.title = "From the cache".into();
    store(&h.cache, &elsewhere, key(&h.file), &deck);
    std::fs::copy(cache_file(&h.cache, &elsewhere), &cached).expect("copy");
    assert_eq!(load(&h).0.title, "Parsed");
}

/// With the cache file holding `bytes`, the deck still loads as parsed.
fn plant_title_check(h: &Home, cached: &Path, bytes: &[u8]) {
    assert_eq!(std::fs::read(cached).expect("cache"), bytes);
    let (deck, warnings) = load(h);
    assert_eq!(deck.title, "Parsed");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_corrupt_cache_parses_again_silently_and_is_rewritten() {
    let h = home();
    let (parsed, _) = load(&h);
    let cached = cache_file(&h.cache, &h.file);
    let good = std::fs::read(&cached).expect("cache");
    let corruptions: Vec<Vec<u8>> = vec![
        Vec::new(),
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
        [&good[..], b"extra"].concat(),
        good.iter().map(|b| b ^ 0x5a).collect(),
        {
            // A count far past the end: must not allocate it.
            let mut g = good.clone();
            let at = g.len() - 9;
            g[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
            g
        },
    ];
    for (i, bad) in corruptions.into_iter().enumerate() {
        std::fs::write(&cached, &bad).expect("write");
        let (deck, warnings) = load(&h);
        assert_eq!(deck, parsed, "corruption {i}");
        assert!(warnings.is_empty(), "corruption {i}: {warnings:?}");
        assert_eq!(
            std::fs::read(&cached).expect("cache"),
            good,
            "rewritten {i}"
        );
    }
    assert_eq!(decode(b"", DeckSource::File(h.file.clone())), None);
}

#[test]
fn a_reader_uses_the_cache_but_never_writes_it() {
    let h = home();
    let reader = DeckCache {
        dir: &h.cache,
        write: false,
    };
    let (decks, _) = load_decks_cached(&h.decks, Some(reader)).expect("loads");
    assert!(decks.iter().any(|d| d.id == "mine"));
    assert!(!h.cache.exists(), "a reader created the cache");
    plant(&h);
    let (decks, _) = load_decks_cached(&h.decks, Some(reader)).expect("loads");
    let mine = decks.iter().find(|d| d.id == "mine").expect("mine");
    assert_eq!(mine.title, "From the cache");
}

/// A `builtin-<hash>.bin` as versions before the built-in decks were parsed at build time
/// wrote it (header, count, decks), here holding decks whose titles say where they came from.
fn old_builtin_copy(decks: &[Deck]) -> Vec<u8> {
    let mut stale = decks.to_vec();
    stale
        .iter_mut()
        .for_each(|d| d.title = "From an old cache".into());
    [MAGIC, &crate::deck::codec::encode_all(&stale)].concat()
}

#[test]
fn an_old_built_in_copy_is_never_read_and_the_writer_removes_it() {
    let h = home();
    let embedded = crate::deck::builtin_decks().expect("decodes");
    std::fs::create_dir_all(&h.cache).expect("cache dir");
    let old = [
        h.cache.join("builtin-0123456789abcdef.bin"),
        h.cache.join("builtin-fedcba9876543210.bin"),
    ];
    std::fs::write(&old[0], old_builtin_copy(&embedded)).expect("plant");
    std::fs::write(&old[1], b"torn").expect("plant");
    let reader = DeckCache {
        dir: &h.cache,
        write: false,
    };
    let (decks, warnings) = load_decks_cached(&h.decks, Some(reader)).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(decks[..embedded.len()], embedded[..]);
    assert!(old.iter().all(|f| f.is_file()), "a reader removed a file");
    let (decks, _) = load_decks_cached(&h.decks, Some(writer(&h.cache))).expect("loads");
    assert_eq!(decks[..embedded.len()], embedded[..]);
    assert!(
        old.iter().all(|f| !f.exists()),
        "the writer left an old copy"
    );
    // Only those: the imported deck's cache file stays.
    assert!(cache_file(&h.cache, &h.file).is_file());
}

#[cfg(unix)]
#[test]
fn old_built_in_copies_behind_a_symlinked_cache_are_left_alone() {
    let h = home();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let planted = elsewhere.path().join("builtin-0123456789abcdef.bin");
    std::fs::write(&planted, b"not recall's").expect("plant");
    std::fs::create_dir_all(h.cache.parent().expect("cache/")).expect("cache/");
    std::os::unix::fs::symlink(elsewhere.path(), &h.cache).expect("symlink");
    load_decks_cached(&h.decks, Some(writer(&h.cache))).expect("loads");
    assert!(planted.is_file(), "removed a file outside the data folder");
}

#[test]
fn a_deck_with_errors_is_reported_as_before_and_never_cached() {
    let h = home();
    let broken = DECK.replace("front = \"A?\"\n", "");
    std::fs::write(&h.file, &broken).expect("write");
    let (_, uncached) = crate::library::load_decks(&h.decks).expect("loads");
    assert!(!uncached.is_empty());
    for _ in 0..2 {
        let (decks, warnings) = load_decks_cached(&h.decks, Some(writer(&h.cache))).expect("loads");
        assert_eq!(warnings, uncached);
        assert!(decks.iter().all(|d| d.id != "mine"));
        assert!(!cache_file(&h.cache, &h.file).exists());
    }
}

/// A cache file in the right shape but with a choice card no deck file could hold (an answer
/// past the options, none, one listed twice, every option right, fewer than two options) is
/// not used: the quiz and the study screen index the options by the answer.
#[test]
fn a_cached_choice_card_whose_answer_no_deck_could_hold_parses_again() {
    let h = home();
    let (parsed, _) = load(&h);
    let hostile: [(&[&str], &[usize]); 5] = [
        (&["x", "y", "z"], &[7]),
        (&["x", "y", "z"], &[]),
        (&["x", "y", "z"], &[1, 1]),
        (&["x", "y", "z"], &[0, 1, 2]),
        (&["x"], &[0]),
    ];
    for (options, right) in hostile {
        let mut deck = parsed.clone();
        deck.title = "From the cache".into();
        let choice = deck.cards.iter_mut().find(|c| c.id == "b").expect("b");
        let CardContent::Choice {
            choices, answer, ..
        } = &mut choice.content
        else {
            panic!("b is a choice card");
        };
        *choices = options.iter().map(|s| s.to_string()).collect();
        *answer = right.to_vec();
        store(&h.cache, &h.file, key(&h.file), &deck);
        let (loaded, warnings) = load(&h);
        assert_eq!(loaded, parsed, "{options:?} {right:?}");
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
