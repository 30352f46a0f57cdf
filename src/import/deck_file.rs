//! A deck's file in the data dir, shared by import and `recall add`: which file holds a deck
//! id (or which new one will), whether a deck id may be written, and the TOML a deck is
//! written as, checked to load back before anything is written.

use std::path::{Path, PathBuf};

use super::{Format, ImportError, MergeCounts, PlannedDeck, Skip};
use crate::deck::{parse_deck, to_toml, Deck, DeckError, DeckSource};
use crate::library::first_with_id;

/// The stored deck the library loads for `id` (the first file holding it), or a refusal when
/// the file that would hold it is broken: writing over it would lose what it holds.
pub(super) fn stored_deck<'a>(
    decks_dir: &Path,
    stored: &'a [(PathBuf, Result<Deck, Vec<DeckError>>)],
    id: &str,
) -> Result<Option<(PathBuf, &'a Deck)>, ImportError> {
    let default_path = decks_dir.join(format!("{id}.toml"));
    let existing = first_with_id(stored, id).map(|(p, d)| (p.to_path_buf(), d));
    for (path, deck) in stored {
        match deck {
            Err(errors) if *path == default_path => {
                let mut all = errors.clone();
                all.push(DeckError::at(
                    &path.display().to_string(),
                    None,
                    None,
                    format!("the stored deck {id:?} is broken; fix or remove it before importing into it"),
                ));
                return Err(ImportError(all));
            }
            _ => {}
        }
    }
    Ok(existing)
}

/// The TOML for a deck about to be written to `path`, checked to load back, with the file as
/// it is now (so [`write_plan`] notices a change in between).
pub(super) fn planned(
    deck: Deck,
    path: PathBuf,
    counts: MergeCounts,
    skipped: Vec<Skip>,
    files: Vec<(String, Format)>,
) -> Result<PlannedDeck, ImportError> {
    let before = crate::store::read_regular(&path).ok();
    let toml = to_toml(&deck).map_err(|e| {
        DeckError::at(
            &path.display().to_string(),
            None,
            None,
            format!("cannot write the deck: {e}"),
        )
    })?;
    loads_back(&toml, &path)?;
    Ok(PlannedDeck {
        deck,
        path,
        toml,
        counts,
        skipped,
        files,
        before,
        history: Vec::new(),
        media: Vec::new(),
        package: None,
    })
}

/// The safety net: the TOML an import would write must parse as a deck, or recall would
/// write a file it then refuses to load. Failing here aborts before anything is written.
pub(super) fn loads_back(toml: &str, path: &Path) -> Result<(), ImportError> {
    let name = path.display().to_string();
    parse_deck(toml, &name, DeckSource::File(path.to_path_buf())).map_err(|mut errors| {
        errors.push(DeckError::at(
            &name,
            None,
            None,
            "import made a deck that recall would not load (a bug, please report it); nothing was written",
        ));
        ImportError(errors)
    })?;
    Ok(())
}
