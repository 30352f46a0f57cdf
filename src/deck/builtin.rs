//! The built-in decks, embedded at build time from `decks/` (see build.rs).

use super::{parse_deck, Deck, DeckError, DeckSource};

include!(concat!(env!("OUT_DIR"), "/builtin_decks.rs"));

/// Parses every embedded deck; an error here is a bug in `decks/`, caught by the test suite.
pub fn builtin_decks() -> Result<Vec<Deck>, Vec<DeckError>> {
    let mut decks = Vec::with_capacity(BUILTIN_FILES.len());
    let mut errors = Vec::new();
    for (name, src) in BUILTIN_FILES {
        match parse_deck(src, &format!("decks/{name}"), DeckSource::Builtin(name)) {
            Ok(deck) => decks.push(deck),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(decks)
    } else {
        Err(errors)
    }
}
