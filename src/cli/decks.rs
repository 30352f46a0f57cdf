//! `recall decks`: what there is to study.

use std::process::ExitCode;

use recall::deck::{Deck, DeckSource};
use recall::library;
use recall::store::Paths;
use recall::text::inert;
use serde::Serialize;

use super::CliResult;

#[derive(Serialize)]
struct DeckRow<'a> {
    id: &'a str,
    title: &'a str,
    section: &'a str,
    /// Cards studied; archived ones (kept for their history) are counted apart.
    cards: usize,
    archived: usize,
    source: String,
    builtin: bool,
}

pub fn run(json: bool) -> CliResult {
    let paths = Paths::resolve()?;
    let (decks, warnings) = library::load_decks(&paths.decks_dir)?;
    super::print_warnings(&warnings);
    if json {
        let rows: Vec<DeckRow> = decks.iter().map(row).collect();
        super::output::out(&super::output::json(&rows, true)?);
    } else {
        out!("{}", table(&decks));
    }
    Ok(ExitCode::SUCCESS)
}

fn row(deck: &Deck) -> DeckRow<'_> {
    DeckRow {
        id: &deck.id,
        title: &deck.title,
        section: &deck.section,
        cards: deck.active_cards(),
        archived: deck.cards.len() - deck.active_cards(),
        source: deck.source.to_string(),
        builtin: matches!(deck.source, DeckSource::Builtin(_)),
    }
}

fn table(decks: &[Deck]) -> String {
    let id_w = decks.iter().map(|d| d.id.len()).max().unwrap_or(2).max(2);
    let mut out = format!("{:<id_w$}  {:>5}  TITLE\n", "ID", "CARDS");
    for d in decks {
        out.push_str(&format!(
            "{:<id_w$}  {:>5}  {}\n",
            d.id,
            d.active_cards(),
            inert(&d.title)
        ));
    }
    let total: usize = decks.iter().map(Deck::active_cards).sum();
    out.push_str(&format!(
        "{:<id_w$}  {total:>5}  {} decks\n",
        "total",
        decks.len()
    ));
    out
}
