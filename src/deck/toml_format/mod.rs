//! The TOML deck format (see README "Deck format"): parsing, validation and writing.
//!
//! Parsing reads the file into a spanned TOML table, reports and drops unknown keys, turns the
//! header and each card into raw serde structs that keep source spans (a type error costs only
//! that table), then a validation pass checks every field of every card, so `recall check`
//! lists every problem of a file in one run, in file order.

use std::collections::HashMap;

use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use super::error::{line_col, LineIndex};
use super::{cloze_gaps, cloze_hint_problem, Card, CardContent, Deck, DeckError, DeckSource};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    section: String,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCard {
    id: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    front: Option<Spanned<String>>,
    back: Option<Spanned<String>>,
    choices: Option<Spanned<Vec<String>>>,
    answer: Option<Spanned<RawAnswer>>,
    text: Option<Spanned<String>>,
    explain: Option<String>,
    source: Option<Spanned<RawSource>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    archived: bool,
}

/// `source = "https://…"` or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawSource {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawAnswer {
    One(i64),
    Many(Vec<i64>),
}

/// Checks ids the way the log needs them: no `/` (it separates deck and card), no spaces, at
/// most 128 bytes. Deck ids (`allow_upper` false) are lowercase; card ids may also hold
/// uppercase, `_` and `.`. Public so that import produces only ids this parser accepts.
pub fn valid_id(id: &str, allow_upper: bool) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_BYTES
        && id.chars().all(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || c == '-'
                || (allow_upper && (c.is_ascii_uppercase() || c == '_' || c == '.'))
        })
}

/// The longest id the log accepts, in bytes.
pub const MAX_ID_BYTES: usize = 128;

/// What is wrong with an id `valid_id` refused: its length, or its characters.
fn id_problem(what: &str, id: &str, allowed: &str) -> String {
    if id.len() > MAX_ID_BYTES {
        format!(
            "{what} id is {} bytes long; expected at most {MAX_ID_BYTES}",
            id.len()
        )
    } else {
        format!("{what} id {id:?} is not valid; expected {allowed}")
    }
}

struct Ctx<'a> {
    src: &'a str,
    lines: LineIndex,
    file: &'a str,
    errors: Vec<DeckError>,
}

impl Ctx<'_> {
    fn err(&mut self, offset: usize, message: impl Into<String>) {
        let (line, col) = self.lines.line_col(self.src, offset);
        self.errors
            .push(DeckError::at(self.file, Some(line), Some(col), message));
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line_col(self.src, offset).0
    }

    /// A required, non-empty text field of a card.
    fn text(
        &mut self,
        card_at: usize,
        field: &str,
        kind: &str,
        v: Option<Spanned<String>>,
    ) -> Option<String> {
        match v {
            None => {
                self.err(card_at, format!("{kind} card needs `{field}`"));
                None
            }
            Some(s) if s.get_ref().trim().is_empty() => {
                self.err(s.span().start, format!("`{field}` is empty; expected text"));
                None
            }
            Some(s) => Some(s.into_inner()),
        }
    }

    /// Flags fields that do not belong to the card's kind.
    fn forbid(&mut self, kind: &str, present: &[(&str, Option<usize>)]) {
        for (field, at) in present {
            if let Some(at) = at {
                self.err(
                    *at,
                    format!("`{field}` is not used by {kind} cards; remove it"),
                );
            }
        }
    }
}

fn span_of<T>(v: &Option<Spanned<T>>) -> Option<usize> {
    v.as_ref().map(|s| s.span().start)
}

/// Every key a deck file may hold, per table: keys outside these lists are reported (with the
/// line of the key) and dropped before the typed parse, so that one stray key does not hide
/// the other problems of the file. Must match the `Raw*` structs (`deny_unknown_fields` stays
/// on them as a safety net).
const ROOT_FIELDS: &[&str] = &["deck", "cards"];
const HEADER_FIELDS: &[&str] = &["id", "title", "section", "description"];
const CARD_FIELDS: &[&str] = &[
    "id", "kind", "front", "back", "choices", "answer", "text", "explain", "source", "tags",
    "archived",
];

impl Ctx<'_> {
    /// Reports and removes the keys of `table` that are not in `fields`, with serde's wording.
    fn unknown_keys(&mut self, table: &mut DeTable<'_>, fields: &'static [&'static str]) {
        if table.keys().all(|k| fields.contains(&k.get_ref().as_ref())) {
            return;
        }
        let unknown: Vec<(usize, String)> = table
            .keys()
            .filter(|k| !fields.contains(&k.get_ref().as_ref()))
            .map(|k| (k.span().start, k.get_ref().to_string()))
            .collect();
        for (at, key) in unknown {
            table.remove(key.as_str());
            let e = <toml::de::Error as serde::de::Error>::unknown_field(&key, fields);
            self.err(at, e.message().trim().replace('\n', " "));
        }
    }

    /// Drops unknown keys from `value` if it is a table, then deserializes it; a type error
    /// becomes a problem of this file instead of ending the parse.
    fn typed<T: serde::de::DeserializeOwned>(
        &mut self,
        mut value: Spanned<DeValue<'_>>,
        fields: &'static [&'static str],
    ) -> Option<T> {
        if let DeValue::Table(table) = value.get_mut() {
            self.unknown_keys(table, fields);
        }
        T::deserialize(ValueDeserializer::from(value))
            .map_err(|e| self.errors.push(toml_error(self.src, self.file, &e)))
            .ok()
    }
}

/// Parses and validates one deck file; `file` is the name used in error messages.
///
/// Every problem of the file is returned, in file order; only a TOML syntax error (the file
/// cannot be read at all) stops at the first.
pub fn parse_deck(src: &str, file: &str, source: DeckSource) -> Result<Deck, Vec<DeckError>> {
    let mut root = DeTable::parse(src)
        .map_err(|e| vec![toml_error(src, file, &e)])?
        .into_inner();
    let mut ctx = Ctx {
        src,
        lines: LineIndex::new(src),
        file,
        errors: Vec::new(),
    };
    ctx.unknown_keys(&mut root, ROOT_FIELDS);
    let header: Option<Spanned<RawHeader>> = match root.remove("deck") {
        Some(v) => ctx.typed(v, HEADER_FIELDS),
        None => {
            ctx.err(0, "missing field `deck`");
            None
        }
    };
    let mut cards_broken = false;
    let raw_cards: Vec<Option<Spanned<RawCard>>> = match root.remove("cards") {
        None => Vec::new(),
        Some(v) => {
            let span = v.span();
            match v.into_inner() {
                DeValue::Array(items) => items
                    .into_iter()
                    .map(|item| ctx.typed(item, CARD_FIELDS))
                    .collect(),
                // Not a list of tables: serde words the problem.
                other => {
                    ctx.typed::<Vec<Spanned<RawCard>>>(Spanned::new(span, other), &[]);
                    cards_broken = true;
                    Vec::new()
                }
            }
        }
    };

    if let Some(header) = &header {
        let header_at = header.span().start;
        let header = header.get_ref();
        if !valid_id(header.id.get_ref(), false) {
            ctx.err(
                header.id.span().start,
                id_problem(
                    "deck",
                    header.id.get_ref(),
                    "lowercase letters, digits and '-'",
                ),
            );
        }
        if header.title.get_ref().trim().is_empty() {
            ctx.err(header.title.span().start, "`title` is empty; expected text");
        }
        if raw_cards.is_empty() && !cards_broken {
            ctx.err(
                header_at,
                "the deck has no cards; expected at least one [[cards]] table",
            );
        }
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut cards = Vec::with_capacity(raw_cards.len());
    for (n, spanned) in raw_cards.into_iter().enumerate() {
        let Some(spanned) = spanned else { continue };
        let at = spanned.span().start;
        let line = ctx.line(at);
        let (id, card) = validate_card(&mut ctx, n + 1, at, spanned.into_inner());
        let Some(id) = id else { continue };
        match seen.get(&id) {
            Some(first) => ctx.err(
                at,
                format!("duplicate card id {id:?} (first used on line {first})"),
            ),
            None => {
                seen.insert(id, line);
                if let Some(card) = card {
                    cards.push(Card { line, ..card });
                }
            }
        }
    }

    let header = match header {
        Some(h) if ctx.errors.is_empty() => h.into_inner(),
        _ => {
            let mut errors = ctx.errors;
            errors.sort_by_key(|e| (e.line.unwrap_or(0), e.col.unwrap_or(0)));
            return Err(errors);
        }
    };
    Ok(Deck {
        id: header.id.into_inner(),
        title: header.title.into_inner(),
        section: header.section,
        description: header.description,
        cards,
        source,
    })
}

fn toml_error(src: &str, file: &str, e: &toml::de::Error) -> DeckError {
    let (line, col) = match e.span() {
        Some(span) => {
            let (l, c) = line_col(src, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    DeckError::at(file, line, col, e.message().trim().replace('\n', " "))
}

/// Writes a deck in the TOML format so that `parse_deck(to_toml(d))` gives `d` back.
///
/// Written directly rather than through serde: an imported 10,000-card deck is written on every
/// re-import, and the generic serializer took most of that time. Text with line breaks uses
/// multi-line strings so the file stays easy to edit by hand.
mod validate;
mod write;

use validate::validate_card;
pub use validate::{is_https_url, MAX_CHOICES};
pub use write::to_toml;

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod tests;
