//! Property tests of the TOML deck format: any input is parsed or refused, never a panic.

use super::*;
use proptest::prelude::*;

const VALID: &str = include_str!("../../../tests/fixtures/decks/valid.toml");

/// Lines and values that make a deck wrong in every way the validator knows, and some it
/// does not (odd types, tables where values go, huge numbers, non-ASCII keys).
const SNIPPETS: &[&str] = &[
    "[[cards]]",
    "[deck]",
    "[cards]",
    "colour = \"red\"",
    "id = \"basic-1\"",
    "kind = \"cloze\"",
    "kind = \"choice\"",
    "kind = 3",
    "answer = 99",
    "answer = [-1, 0]",
    "answer = []",
    "choices = []",
    "choices = [\"A\", \"A\"]",
    "front = \"\"",
    "text = \"{{}}\"",
    "\"\"",
    "3",
    "[1, \"x\"]",
    "{ a = 1 }",
    "true",
    "99999999999999999999",
    "-0",
    "1979-05-27T07:32:00Z",
    "\"é {{ü}}\"",
    "ключ = 1",
    "cards = 1",
    "deck = \"x\"",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any bytes at all: an error or a deck, never a panic.
    #[test]
    fn never_panics_on_random_text(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let src = String::from_utf8_lossy(&bytes);
        let _ = parse_deck(&src, "f.toml", DeckSource::Builtin("f.toml"));
    }

    /// A valid deck with lines deleted, doubled, swapped or replaced by snippets of deck
    /// syntax: never a panic, problems in file order on lines that exist, and whatever
    /// parses round-trips through `to_toml`.
    #[test]
    fn never_panics_on_mutated_valid_deck(
        edits in proptest::collection::vec((0u8..5, any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0..SNIPPETS.len()), 1..8),
    ) {
        let mut lines: Vec<String> = VALID.lines().map(str::to_string).collect();
        for (op, a, b, snip) in edits {
            if lines.is_empty() {
                lines.push(SNIPPETS[snip].to_string());
                continue;
            }
            let (i, j) = (a.index(lines.len()), b.index(lines.len()));
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(j, l); }
                2 => lines.swap(i, j),
                3 => lines.insert(i, SNIPPETS[snip].to_string()),
                _ => {
                    // Keep the key, replace the value.
                    let key = lines[i].split('=').next().unwrap_or("").to_string();
                    lines[i] = format!("{key}= {}", SNIPPETS[snip]);
                }
            }
        }
        let src = lines.join("\n");
        match parse_deck(&src, "f.toml", DeckSource::Builtin("f.toml")) {
            Ok(deck) => {
                prop_assert!(!deck.cards.is_empty());
                let again = to_toml(&deck).expect("serialises");
                let back = parse_deck(&again, "g.toml", DeckSource::Builtin("g.toml"));
                prop_assert!(back.is_ok(), "{again}");
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                let at: Vec<_> = errors.iter().map(|e| (e.line.unwrap_or(0), e.col.unwrap_or(0))).collect();
                prop_assert!(at.windows(2).all(|w| w[0] <= w[1]), "{errors:?}");
                prop_assert!(at.iter().all(|&(l, _)| l <= lines.len() + 1), "{errors:?}");
            }
        }
    }

    /// Valid-looking decks with random field values: still never a panic.
    #[test]
    fn never_panics_on_deck_shaped_text(
        id in ".{0,12}", kind in "(basic|choice|cloze|x)", front in ".{0,20}",
        choices in proptest::collection::vec(".{0,6}", 0..5), answer in -3i64..8,
        text in ".{0,30}",
    ) {
        let src = format!(
            "[deck]\nid = {id:?}\ntitle = \"t\"\n[[cards]]\nid = {id:?}\nkind = {kind:?}\nfront = {front:?}\nchoices = {choices:?}\nanswer = {answer}\ntext = {text:?}\n"
        );
        let _ = parse_deck(&src, "f.toml", DeckSource::Builtin("f.toml"));
    }
}
