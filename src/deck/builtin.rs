//! The built-in decks, parsed and validated at build time (build.rs, with this crate's own
//! parser) and embedded in the deck cache's binary form, so no start parses their TOML.
//! The TOML files are embedded too: `recall edit` copies one to make an override.

use super::{codec, Deck, DeckError, DeckSource};

include!(concat!(env!("OUT_DIR"), "/builtin_decks.rs"));

/// The built-in decks as build.rs parsed them from `decks/*.toml`, one per file, in file order
/// ([`BUILTIN_FILES`]), in [`codec::encode_all`]'s form.
static BUILTIN_DECKS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_decks.bin"));

/// The built-in decks, decoded from the copy build.rs parsed (a deck file with an error fails
/// the build, naming file, line and problem). The error is for a binary whose embedded copy
/// does not decode, which only a broken build can make.
pub fn builtin_decks() -> Result<Vec<Deck>, Vec<DeckError>> {
    let sources = BUILTIN_FILES
        .iter()
        .map(|(name, _)| DeckSource::Builtin(name));
    codec::decode_all(BUILTIN_DECKS, sources).ok_or_else(|| {
        vec![DeckError::at(
            "built-in decks",
            None,
            None,
            "the copy parsed at build time does not decode; rebuild recall (cargo clean)",
        )]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    /// Every embedded deck file parsed now, by the parser of this build.
    fn parsed_now() -> Vec<Deck> {
        let (decks, errors): (Vec<_>, Vec<_>) = BUILTIN_FILES
            .iter()
            .map(|(name, text)| {
                parse_deck(text, &format!("decks/{name}"), DeckSource::Builtin(name))
            })
            .partition(Result::is_ok);
        let errors: Vec<String> = errors
            .into_iter()
            .flat_map(|e| e.err().unwrap_or_default())
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "built-in decks:\n{}", errors.join("\n"));
        decks.into_iter().filter_map(Result::ok).collect()
    }

    #[test]
    fn the_embedded_bytes_are_the_encoding_of_the_decks_parsed_now() {
        assert_eq!(codec::encode_all(&parsed_now()), BUILTIN_DECKS);
    }

    #[test]
    fn a_damaged_or_mismatched_copy_does_not_decode() {
        let sources = || BUILTIN_FILES.iter().map(|(n, _)| DeckSource::Builtin(n));
        let good = BUILTIN_DECKS;
        assert!(codec::decode_all(good, sources()).is_some());
        assert_eq!(codec::decode_all(&good[..good.len() - 1], sources()), None);
        assert_eq!(codec::decode_all(&[good, b"x"].concat(), sources()), None);
        // One deck fewer than there are files.
        assert_eq!(codec::decode_all(good, sources().skip(1)), None);
    }
}
