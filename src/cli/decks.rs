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
    /// A file in the decks folder replacing the built-in deck of the same id.
    overrides_builtin: bool,
}

pub fn run(json: bool) -> CliResult {
    let paths = Paths::resolve()?;
    let (decks, warnings) = library::load_decks(&paths.decks_dir)?;
    super::print_warnings(&warnings);
    let builtin: Vec<&str> = recall::deck::BUILTIN_FILES
        .iter()
        .filter_map(|(_, src)| builtin_id(src))
        .collect();
    if json {
        let rows: Vec<DeckRow> = decks.iter().map(|d| row(d, &builtin)).collect();
        super::output::out(&super::output::json(&rows, true)?);
    } else {
        out!("{}", table(&decks, &builtin));
    }
    Ok(ExitCode::SUCCESS)
}

/// A built-in deck file's `[deck] id`, read without parsing the whole deck.
fn builtin_id(src: &'static str) -> Option<&'static str> {
    src.lines()
        .find_map(|l| l.trim().strip_prefix("id = \""))
        .and_then(|rest| rest.strip_suffix('"'))
}

fn row<'a>(deck: &'a Deck, builtin: &[&str]) -> DeckRow<'a> {
    DeckRow {
        id: &deck.id,
        title: &deck.title,
        section: &deck.section,
        cards: deck.active_cards(),
        archived: deck.cards.len() - deck.active_cards(),
        source: deck.source.to_string(),
        builtin: matches!(deck.source, DeckSource::Builtin(_)),
        overrides_builtin: library::is_override(deck, builtin),
    }
}

fn table(decks: &[Deck], builtin: &[&str]) -> String {
    let id_w = decks.iter().map(|d| d.id.len()).max().unwrap_or(2).max(2);
    let mut out = format!("{:<id_w$}  {:>5}  TITLE\n", "ID", "CARDS");
    for d in decks {
        let mark = if library::is_override(d, builtin) {
            format!(
                " (your corrected copy: {}; delete it to restore the built-in deck)",
                d.source
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{:<id_w$}  {:>5}  {}{}\n",
            d.id,
            d.active_cards(),
            inert(&d.title),
            inert(&mark)
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
