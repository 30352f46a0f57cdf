//! Decks and cards: the content a user studies, independent of how it was stored.
//!
//! A card's global id is `<deck id>/<card id>`; progress in the review log is keyed by it, so
//! editing a card's text or reordering a deck never loses progress.
//!
//! `model`, `error`, `toml_format` and `codec` use nothing of the crate outside this folder
//! (only `super::` paths and std, serde, toml, thiserror, memchr): build.rs includes them to
//! parse the built-in decks at build time (see [`builtin`]).

mod builtin;
pub mod cache;
mod codec;
mod error;
mod model;
mod toml_format;

pub use builtin::{builtin_decks, BUILTIN_FILES};
pub use error::{line_col, DeckError};
pub use model::{
    cloze_gaps, cloze_hint_problem, cloze_render, Card, CardContent, Deck, DeckSource, Gap,
};
pub use toml_format::{is_https_url, parse_deck, to_toml, valid_id, MAX_CHOICES, MAX_ID_BYTES};
