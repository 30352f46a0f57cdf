//! Opening everything a command needs: decks (built-in and imported), config, the log, and
//! the collection replayed from it. One place, so the TUI and the read-only commands agree.

use std::path::Path;

use crate::deck::{builtin_decks, parse_deck, Deck, DeckError, DeckSource};
use crate::schedule::{Millis, Scheduler};
use crate::store::{Config, Paths, ReviewLog, StoreError};
use crate::study::{scheduler_config, Collection};

/// Why the collection could not be opened; each message names the file to look at.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Decks(Vec<DeckError>),
    #[error("{file}: {message}")]
    Config { file: String, message: String },
}

/// The opened collection plus what the user should be told about (skipped log lines, decks).
pub struct Opened {
    pub config: Config,
    pub scheduler: Scheduler,
    pub collection: Collection,
    pub warnings: Vec<String>,
}

/// Loads built-in decks and every imported deck in `dir` (`*.toml`, sorted by file name).
/// An imported deck that fails to parse or reuses a built-in id is skipped with a warning, so
/// one bad file never locks a user out of studying the rest.
pub fn load_decks(dir: &Path) -> Result<(Vec<Deck>, Vec<String>), OpenError> {
    let mut decks = builtin_decks().map_err(OpenError::Decks)?;
    let mut warnings = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok((decks, warnings));
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for file in files {
        let name = file.display().to_string();
        let text = crate::store::read_regular(&file).and_then(|b| {
            String::from_utf8(b)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        });
        let src = match text {
            Ok(s) => s,
            Err(e) => {
                warnings.push(format!("{name}: skipped: {e}"));
                continue;
            }
        };
        match parse_deck(&src, &name, DeckSource::File(file.clone())) {
            Ok(deck) if decks.iter().any(|d| d.id == deck.id) => warnings.push(format!(
                "{name}: skipped: deck id {:?} is already used by another deck",
                deck.id
            )),
            Ok(deck) => decks.push(deck),
            Err(errors) => warnings.extend(errors.iter().map(|e| format!("{e} (deck skipped)"))),
        }
    }
    Ok((decks, warnings))
}

/// Opens the collection read-only as of `now`: config, decks, and the replayed log.
pub fn open(paths: &Paths, now: Millis, utc_offset_secs: i32) -> Result<Opened, OpenError> {
    let config = Config::load(&paths.config_file)?;
    let sched_config =
        scheduler_config(&config, utc_offset_secs).map_err(|message| OpenError::Config {
            file: paths.config_file.display().to_string(),
            message,
        })?;
    let scheduler = Scheduler::new(sched_config).map_err(|e| OpenError::Config {
        file: paths.config_file.display().to_string(),
        message: e.to_string(),
    })?;
    let (decks, mut warnings) = load_decks(&paths.decks_dir)?;
    let log = ReviewLog::load(&paths.reviews)?;
    warnings.extend(log.warnings.iter().map(ToString::to_string));
    let collection = Collection::replay(decks, &log, &scheduler, now);
    Ok(Opened {
        config,
        scheduler,
        collection,
        warnings,
    })
}
