//! Adding one card without writing a file: `recall add` and the TUI's add-card form. The card
//! joins the user's own deck ("my-cards", "My cards", unless another imported deck is named;
//! never a built-in deck) with a stable id from its front, through the same plan-then-write
//! path as an import: a validated TOML write under the writer lock, temp file + rename.

use std::path::Path;

use super::deck_file::{planned, stored_deck};
use super::names::{check_deck_id, free_path};
use super::{stable_id, Format, ImportError, MergeCounts, PlannedDeck};
use crate::deck::{builtin_decks, parse_deck, Card, CardContent, Deck, DeckError, DeckSource};
use crate::library::read_deck_files;
use crate::store::{StoreError, WriterLock};

/// The deck new cards go to unless another is named.
pub const DEFAULT_DECK: &str = "my-cards";
/// Its title when it is created.
pub const DEFAULT_TITLE: &str = "My cards";

/// A card as the learner typed it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCard {
    pub content: CardContent,
    pub tags: Vec<String>,
    pub explain: Option<String>,
}

/// Where the card went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    pub deck_id: String,
    pub card_id: String,
    pub path: std::path::PathBuf,
    /// Whether the deck was created for it.
    pub new_deck: bool,
}

/// Why a card was not added: bad input (say what to fix; exit 2) or a file that could not be
/// written.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ImportError> for AddError {
    fn from(e: ImportError) -> Self {
        AddError::Input(e.to_string())
    }
}

/// Checks the card, then plans the deck with it added; writes nothing. `title` names a deck
/// created for the card (the TUI form's typed name); otherwise it is titled by its id.
pub fn plan_add(
    decks_dir: &Path,
    deck_id: &str,
    title: Option<&str>,
    card: NewCard,
) -> Result<(PlannedDeck, Added), AddError> {
    check_card(&card)?;
    let builtin_ids: Vec<String> = builtin_decks()
        .map(|decks| decks.into_iter().map(|d| d.id).collect())
        .unwrap_or_default();
    check_deck_id(deck_id, "--deck", &builtin_ids)?;
    let stored = read_deck_files(decks_dir);
    let existing = stored_deck(decks_dir, &stored, deck_id)?;
    let front = super::normalised_front(&card.content);
    let id = stable_id(&card.content);
    let (path, mut deck, new_deck) = match existing {
        Some((path, d)) => (path, d.clone(), false),
        None => {
            let path = free_path(decks_dir, deck_id, &[]);
            let title = match title.map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => t.to_string(),
                None if deck_id == DEFAULT_DECK => DEFAULT_TITLE.to_string(),
                None => deck_id.to_string(),
            };
            let deck = Deck {
                id: deck_id.to_string(),
                title,
                section: String::new(),
                description: None,
                cards: Vec::new(),
                source: DeckSource::File(path.clone()),
            };
            (path, deck, true)
        }
    };
    if let Some(same) = deck
        .cards
        .iter()
        .find(|c| super::normalised_front(&c.content) == front || c.id == id)
    {
        return Err(AddError::Input(format!(
            "deck {deck_id:?} already has this card (id {:?}); nothing written",
            same.id
        )));
    }
    let line = deck.cards.last().map_or(1, |c| c.line + 1);
    deck.cards.push(Card {
        id: id.clone(),
        content: card.content,
        tags: card.tags,
        explain: card.explain,
        source: Vec::new(),
        archived: false,
        line,
    });
    let counts = MergeCounts {
        added: 1,
        unchanged: deck.cards.len() - 1,
        ..MergeCounts::default()
    };
    let plan = planned(
        deck,
        path.clone(),
        counts,
        Vec::new(),
        vec![("recall add".into(), Format::Toml)],
    )?;
    let added = Added {
        deck_id: deck_id.to_string(),
        card_id: id,
        path,
        new_deck,
    };
    Ok((plan, added))
}

/// Adds one card to `deck_id` in `decks_dir`; the lock proves no study screen is writing.
pub fn add_card(
    decks_dir: &Path,
    deck_id: &str,
    card: NewCard,
    lock: &WriterLock,
) -> Result<Added, AddError> {
    add_card_titled(decks_dir, deck_id, None, card, lock)
}

/// `add_card`, with the title a deck created for the card gets (the form's typed name).
pub fn add_card_titled(
    decks_dir: &Path,
    deck_id: &str,
    title: Option<&str>,
    card: NewCard,
    lock: &WriterLock,
) -> Result<Added, AddError> {
    let (plan, added) = plan_add(decks_dir, deck_id, title, card)?;
    super::write_plan(&[plan], lock)?;
    Ok(added)
}

/// The card alone must make a valid deck: the deck format's own checks (cloze gaps, choices,
/// tags), with messages about the card rather than a file. The TUI's form checks with it
/// before it asks to write.
pub fn check_card(card: &NewCard) -> Result<(), AddError> {
    let empty = |what: &str| AddError::Input(format!("{what} is empty; nothing written"));
    match &card.content {
        CardContent::Basic { front, back } => {
            if front.trim().is_empty() {
                return Err(empty("--front"));
            }
            if back.trim().is_empty() {
                return Err(empty("--back"));
            }
        }
        CardContent::Choice { front, .. } if front.trim().is_empty() => {
            return Err(empty("--front"))
        }
        CardContent::Cloze { text } if text.trim().is_empty() => return Err(empty("--text")),
        _ => {}
    }
    let deck = Deck {
        id: "check".into(),
        title: "check".into(),
        section: String::new(),
        description: None,
        cards: vec![Card {
            id: "new".into(),
            content: card.content.clone(),
            tags: card.tags.clone(),
            explain: card.explain.clone(),
            source: Vec::new(),
            archived: false,
            line: 1,
        }],
        source: DeckSource::Builtin("check"),
    };
    let toml = crate::deck::to_toml(&deck)
        .map_err(|e| AddError::Input(format!("the card cannot be written: {e}")))?;
    parse_deck(&toml, "card", DeckSource::Builtin("check")).map_err(|errors: Vec<DeckError>| {
        let list: Vec<String> = errors.into_iter().map(|e| e.message).collect();
        AddError::Input(format!("{}; nothing written", list.join("; ")))
    })?;
    Ok(())
}

pub mod form;

#[cfg(test)]
mod tests;
