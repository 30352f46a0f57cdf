//! The TOML deck parser on any bytes: an error or a deck, never a panic or a hang; a deck it
//! accepts is written back by `to_toml` and read again to the same cards.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recall::deck::{parse_deck, to_toml, DeckSource};

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let Ok(deck) = parse_deck(&src, "fuzz.toml", DeckSource::Builtin("fuzz.toml")) else {
        return;
    };
    let text = to_toml(&deck).expect("an accepted deck serialises");
    let again = parse_deck(&text, "again.toml", DeckSource::Builtin("again.toml"))
        .unwrap_or_else(|e| panic!("to_toml output does not parse: {e:?}\n{text}"));
    assert_eq!(deck.cards.len(), again.cards.len());
    for (a, b) in deck.cards.iter().zip(&again.cards) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.content.prompt(), b.content.prompt());
        assert_eq!(a.content.answer_text(), b.content.answer_text());
    }
});
