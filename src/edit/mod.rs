//! Editing a card where it lives: which file and line to open in the user's editor, and the
//! check of that file once the editor closes.
//!
//! A built-in deck lives in the binary, so editing one of its cards first copies the deck's
//! TOML (byte for byte, so every card keeps its line) into the decks folder as an override:
//! same deck id, same card ids, so every answer in the log still belongs to its card. The
//! library loads an override in the built-in deck's place; deleting the file restores the
//! built-in deck. The screens only spawn the editor; everything else is here.

use std::path::{Path, PathBuf};

use crate::deck::{Card, Deck, DeckError, DeckSource, BUILTIN_FILES};
use crate::library::read_deck_file;
use crate::store::{write_atomically, StoreError};

/// Where to open the editor for one card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub file: PathBuf,
    /// 1-based line of the card's `[[cards]]` header.
    pub line: usize,
    /// Set when this call copied a built-in deck into the decks folder first.
    pub created_override: bool,
}

/// Why a card cannot be opened for editing.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("built-in deck file {0:?} is not embedded in this binary")]
    NoBuiltin(String),
}

/// The file and line to edit `card` of `deck` at. A built-in deck is first written to
/// `decks_dir` as an override (see the module comment); a deck from a file is edited in place.
pub fn target(decks_dir: &Path, deck: &Deck, card: &Card) -> Result<Target, EditError> {
    match &deck.source {
        DeckSource::File(path) => Ok(Target {
            file: path.clone(),
            line: card.line,
            created_override: false,
        }),
        DeckSource::Builtin(name) => {
            let file = write_override(decks_dir, &deck.id, name)?;
            Ok(Target {
                file,
                line: card.line,
                created_override: true,
            })
        }
    }
}

/// Copies the embedded deck file `name` into `decks_dir` as `{id}.toml` (or `{id}-2.toml`,
/// ... when that name is taken by another file), atomically; returns its path.
pub fn write_override(decks_dir: &Path, id: &str, name: &str) -> Result<PathBuf, EditError> {
    let (_, src) = BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| EditError::NoBuiltin(name.to_string()))?;
    std::fs::create_dir_all(decks_dir).map_err(|e| StoreError::io(decks_dir, e))?;
    let file = (1..)
        .map(|n| match n {
            1 => decks_dir.join(format!("{id}.toml")),
            n => decks_dir.join(format!("{id}-{n}.toml")),
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| decks_dir.join(format!("{id}.toml")));
    write_atomically(&file, src.as_bytes())?;
    Ok(file)
}

/// What the check of an edited deck file found.
#[derive(Debug)]
pub enum Checked {
    /// The file parses: reload the collection (progress is keyed by ids, which stay).
    Good(Deck),
    /// The file is broken: every problem, each naming file and line. The deck loaded before
    /// the edit stays in use until the file is fixed.
    Broken(Vec<DeckError>),
}

/// Checks a deck file after an edit with the normal deck loader. `was` is the deck's id
/// before the edit: a changed id is reported as a problem too, since the cards' progress is
/// filed under the old one.
pub fn check(file: &Path, was: &str) -> Checked {
    match read_deck_file(file) {
        Ok(deck) if deck.id != was => Checked::Broken(vec![DeckError::at(
            &file.display().to_string(),
            None,
            None,
            format!(
                "the deck id changed from {was:?} to {:?}; its cards' progress is filed under the old id, so put it back",
                deck.id
            ),
        )]),
        Ok(deck) => Checked::Good(deck),
        Err(errors) => Checked::Broken(errors),
    }
}

#[cfg(test)]
mod tests;
