//! Bringing decks in from other tools: one module per foreign format, each a pure function from
//! text to cards, plus the shared steps (decoding the bytes, ids, duplicates) and the merge
//! into a stored deck that keeps every card's progress.
//!
//! Formats without ids get one from a stable hash of the normalised front, written into the
//! stored deck, so re-importing an edited file updates cards in place.

pub mod add;
pub mod anki;
pub mod apkg;
mod cloze;
pub mod comma;
mod deck_file;
pub mod delimited;
pub mod export;
mod extras;
mod html;
pub mod markdown;
mod merge;
mod names;
pub use names::{normalised_front, slug_text, stable_id};
mod store;
mod text;

pub use extras::{media_dir, write_import, Written};
pub use html::html_to_text;
pub use merge::{merge, MergeCounts};
pub use store::{plan_import, write_plan, ImportOptions, PlannedDeck, Source};
pub use text::decode;

use std::collections::HashMap;
use std::path::Path;

use crate::deck::{parse_deck, valid_id, Card, CardContent, DeckError, DeckSource};
use crate::fnv::{fnv1a, FnvBuildHasher};

/// The formats `recall import --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
    Anki,
    Csv,
    Tsv,
    Markdown,
    /// An Anki package (`.apkg`, `.colpkg`): a zip, not text.
    Apkg,
}

impl Format {
    /// Parses a `--format` value; `auto` is `None`.
    pub fn from_name(name: &str) -> Result<Option<Format>, String> {
        Ok(Some(match name.to_ascii_lowercase().as_str() {
            "auto" => return Ok(None),
            "toml" => Format::Toml,
            "anki" | "txt" => Format::Anki,
            "csv" => Format::Csv,
            "tsv" | "quizlet" => Format::Tsv,
            "markdown" | "md" => Format::Markdown,
            "apkg" | "colpkg" => Format::Apkg,
            other => {
                return Err(format!(
                "unknown format {other:?}; expected auto, toml, anki, csv, tsv, markdown or apkg"
            ))
            }
        }))
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Anki => "anki",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Markdown => "markdown",
            Format::Apkg => "apkg",
        }
    }
}

/// Guesses the format from the file's extension, then from its first lines.
pub fn detect(path: &Path, text: &str) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("toml") => return Some(Format::Toml),
        Some("md" | "markdown") => return Some(Format::Markdown),
        _ => {}
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if anki::has_header(text) {
        return Some(Format::Anki);
    }
    match ext.as_deref() {
        Some("csv") => return Some(Format::Csv),
        Some("tsv" | "tab") => return Some(Format::Tsv),
        _ => {}
    }
    if first.trim() == "[deck]" {
        return Some(Format::Toml);
    }
    if text
        .lines()
        .take(200)
        .any(|l| l.starts_with("Q:") || l.starts_with("C:"))
    {
        return Some(Format::Markdown);
    }
    if first.contains('\t') {
        // Anki's export without header lines is tab-separated and may carry HTML; a plain
        // term-TAB-definition file (Quizlet) reads the same either way.
        return Some(if ext.as_deref() == Some("txt") {
            Format::Anki
        } else {
            Format::Tsv
        });
    }
    if first.contains(',') {
        return Some(Format::Csv);
    }
    None
}

/// A card as a foreign format describes it, before ids and duplicates are settled.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// 1-based line in the source file where the card starts.
    pub line: usize,
    /// The source's own id, already a valid card id (see [`card_id_from_foreign`]).
    pub id: Option<String>,
    pub content: CardContent,
    pub tags: Vec<String>,
    pub explain: Option<String>,
    /// The card's source links (only recall's own TOML carries them).
    pub source: Vec<String>,
    pub archived: bool,
}

/// A line of the source that did not become a card, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// What one source file holds: deck details it names, its cards, and what was skipped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The deck id the file itself names (our TOML format only).
    pub deck_id: Option<String>,
    pub title: Option<String>,
    pub section: String,
    pub description: Option<String>,
    pub drafts: Vec<Draft>,
    pub skipped: Vec<Skip>,
    /// Other decks the file holds, by name (an Anki export with a deck column naming several
    /// decks): each becomes a deck of its own unless `--deck` puts everything in one.
    pub split: Vec<(String, Parsed)>,
}

/// An import that cannot go ahead; every problem names the file and line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ImportError(pub Vec<DeckError>);

impl From<DeckError> for ImportError {
    fn from(e: DeckError) -> Self {
        ImportError(vec![e])
    }
}

/// Parses decoded text in the given format; `file` names it in messages.
pub fn parse(format: Format, text: &str, file: &str) -> Result<Parsed, ImportError> {
    parse_with(format, text, file, &ImportOptions::default())
}

/// [`parse`] with the options that change how a spreadsheet is read (`--header`,
/// `--separator`).
pub fn parse_with(
    format: Format,
    text: &str,
    file: &str,
    opts: &ImportOptions,
) -> Result<Parsed, ImportError> {
    if let (Format::Csv | Format::Tsv, Some(sep)) = (format, opts.separator) {
        return delimited::parse_with(text, file, sep, opts.header);
    }
    match format {
        Format::Csv if opts.header => delimited::parse_with(text, file, b',', true),
        Format::Tsv if opts.header => delimited::parse_with(text, file, b'\t', true),
        Format::Toml => parse_toml(text, file),
        Format::Anki => anki::parse(text, file),
        Format::Csv => delimited::parse(text, file, b','),
        Format::Tsv => delimited::parse(text, file, b'\t'),
        Format::Markdown => markdown::parse(text, file),
        Format::Apkg => Err(DeckError::at(
            file,
            None,
            None,
            "not an Anki package (expected a zip file: .apkg or .colpkg)",
        )
        .into()),
    }
}

fn parse_toml(text: &str, file: &str) -> Result<Parsed, ImportError> {
    let deck = parse_deck(text, file, DeckSource::File(file.into())).map_err(ImportError)?;
    Ok(Parsed {
        deck_id: Some(deck.id),
        title: Some(deck.title),
        section: deck.section,
        description: deck.description,
        drafts: deck
            .cards
            .into_iter()
            .map(|c| Draft {
                line: c.line,
                id: Some(c.id),
                content: c.content,
                tags: c.tags,
                explain: c.explain,
                source: c.source,
                archived: c.archived,
            })
            .collect(),
        skipped: Vec::new(),
        split: Vec::new(),
    })
}

/// Turns a foreign id (an Anki guid may hold any printable character) into a valid card id:
/// unchanged when it already is one (and does not read as one of our `anki-` encodings),
/// otherwise `anki-` and the hex of its bytes (reversible, see [`foreign_id`]); one too long
/// for that too becomes a hash of it (see [`fit_card_id`]). A guid recall wrote itself, such
/// as `anki-6e4a-2` for a reversed card, comes back as the same id.
pub fn card_id_from_foreign(id: &str) -> String {
    if valid_id(id, true) && (!id.starts_with("anki-") || foreign_id(id) == id) {
        return id.to_string();
    }
    let mut out = String::from("anki-");
    for b in id.bytes() {
        out.push_str(&format!("{b:02x}"));
    }
    fit_card_id(out)
}

/// A card id recall accepts: `id` itself when valid, else (it is too long) `h-` and the FNV-1a
/// hash of it, so re-importing the same source gives the same id again.
pub fn fit_card_id(id: String) -> String {
    if valid_id(&id, true) {
        id
    } else {
        format!("h-{:016x}", fnv1a(&id))
    }
}

/// The id to give another tool for a card id: the original guid when the id encodes one.
pub fn foreign_id(card_id: &str) -> String {
    card_id
        .strip_prefix("anki-")
        .filter(|hex| hex.len() % 2 == 0 && !hex.is_empty())
        .and_then(|hex| {
            let bytes: Option<Vec<u8>> = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
                .collect();
            String::from_utf8(bytes?).ok()
        })
        .unwrap_or_else(|| card_id.to_string())
}

/// Settles drafts from one or more files into cards: gives id-less cards their stable id,
/// drops duplicate fronts and ids (keeping the first, reporting the rest).
pub fn settle(files: Vec<(String, Parsed)>) -> (Vec<Card>, Vec<Skip>) {
    let total = files.iter().map(|(_, p)| p.drafts.len()).sum();
    let mut cards: Vec<Card> = Vec::with_capacity(total);
    let mut skipped = Vec::new();
    let mut fronts: HashMap<String, (usize, usize), FnvBuildHasher> =
        HashMap::with_capacity_and_hasher(total, FnvBuildHasher::default());
    let mut ids: HashMap<String, (usize, usize), FnvBuildHasher> =
        HashMap::with_capacity_and_hasher(total, FnvBuildHasher::default());
    for (fi, (file, parsed)) in files.into_iter().enumerate() {
        skipped.extend(parsed.skipped);
        for d in parsed.drafts {
            let where_first = |(f, line): (usize, usize)| {
                if f == fi {
                    format!("line {line}")
                } else {
                    format!("line {line} of an earlier file")
                }
            };
            let key = normalised_front(&d.content);
            if let Some(&first) = fronts.get(&key) {
                skipped.push(Skip {
                    file: file.clone(),
                    line: d.line,
                    reason: format!(
                        "duplicate front (first on {}); kept the first",
                        where_first(first)
                    ),
                });
                continue;
            }
            let id = d.id.clone().unwrap_or_else(|| stable_id(&d.content));
            if let Some(&first) = ids.get(&id) {
                skipped.push(Skip {
                    file: file.clone(),
                    line: d.line,
                    reason: format!(
                        "duplicate id {id:?} (first on {}); kept the first",
                        where_first(first)
                    ),
                });
                continue;
            }
            fronts.insert(key, (fi, d.line));
            ids.insert(id.clone(), (fi, d.line));
            cards.push(Card {
                id,
                content: d.content,
                tags: d.tags,
                explain: d.explain,
                source: d.source,
                archived: d.archived,
                line: d.line,
            });
        }
    }
    (cards, skipped)
}

/// Builds the draft for a front/back pair, or says why the row cannot be a card. A front with
/// Anki cloze deletions (or `{{gaps}}` and no back) becomes a cloze card, the back its extra.
pub fn basic_or_cloze(
    front: &str,
    back: &str,
    tags: Vec<String>,
    explain: Option<String>,
    line: usize,
) -> Result<Vec<Draft>, String> {
    let front = front.trim();
    let back = back.trim();
    if front.is_empty() {
        return Err("empty front".into());
    }
    if cloze::has_anki_cloze(front) {
        let extra = Some(back.to_string()).filter(|b| !b.is_empty());
        return cloze::from_anki(front, None, tags, extra.or(explain), line);
    }
    if back.is_empty() {
        if cloze::has_gap(front) || crate::deck::cloze_hint_problem(front).is_some() {
            return Ok(vec![Draft {
                line,
                id: None,
                content: cloze::recall_cloze(front, "empty back")?,
                tags,
                explain,
                source: Vec::new(),
                archived: false,
            }]);
        }
        return Err("empty back".into());
    }
    Ok(vec![Draft {
        line,
        id: None,
        content: CardContent::Basic {
            front: front.to_string(),
            back: back.to_string(),
        },
        tags,
        explain,
        source: Vec::new(),
        archived: false,
    }])
}

/// Splits a tag field the way Anki does: on whitespace.
pub fn split_tags(field: &str) -> Vec<String> {
    field.split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_ids_round_trip() {
        assert_eq!(card_id_from_foreign("g-onezone"), "g-onezone");
        let id = card_id_from_foreign("h`b#R9(x!Q");
        assert_eq!(id, "anki-68606223523928782151");
        assert_eq!(foreign_id(&id), "h`b#R9(x!Q");
        assert_eq!(foreign_id("plain"), "plain");
        assert_eq!(foreign_id("anki-zz"), "anki-zz");
        // A guid recall exported for a reversed or cloze card reads back as the same id.
        assert_eq!(card_id_from_foreign("anki-6e4a-2"), "anki-6e4a-2");
        assert_eq!(card_id_from_foreign("anki-41"), "anki-616e6b692d3431");
        // Ids too long for recall (128 bytes) become a short stable hash.
        let long = "x".repeat(129);
        let id = card_id_from_foreign(&long);
        assert!(valid_id(&id, true), "{id}");
        assert_eq!(id, card_id_from_foreign(&long));
        let spaced = " ".repeat(70);
        let id = card_id_from_foreign(&spaced);
        assert!(valid_id(&id, true), "{id}");
        assert_ne!(id, card_id_from_foreign(&" ".repeat(71)));
        assert_eq!(card_id_from_foreign(&"y".repeat(128)), "y".repeat(128));
    }

    #[test]
    fn detects_formats() {
        let p = Path::new;
        assert_eq!(detect(p("a.toml"), ""), Some(Format::Toml));
        assert_eq!(detect(p("a.md"), ""), Some(Format::Markdown));
        assert_eq!(
            detect(p("a.txt"), "#separator:tab\na\tb\n"),
            Some(Format::Anki)
        );
        assert_eq!(detect(p("a.csv"), "#html:true\na,b\n"), Some(Format::Anki));
        assert_eq!(detect(p("a.csv"), "a,b\n"), Some(Format::Csv));
        assert_eq!(detect(p("a.tsv"), "a,b\tc\n"), Some(Format::Tsv));
        assert_eq!(detect(p("a.txt"), "term\tdef\n"), Some(Format::Anki));
        assert_eq!(detect(p("export"), "term\tdef\n"), Some(Format::Tsv));
        assert_eq!(
            detect(p("notes"), "# T\n\nQ: a\nA: b\n"),
            Some(Format::Markdown)
        );
        assert_eq!(
            detect(p("deck"), "[deck]\nid = \"x\"\n"),
            Some(Format::Toml)
        );
        assert_eq!(detect(p("x"), "just words\n"), None);
    }

    #[test]
    fn settle_keeps_the_first_of_duplicate_fronts() {
        let draft = |line, front: &str| Draft {
            line,
            id: None,
            content: CardContent::Basic {
                front: front.into(),
                back: "b".into(),
            },
            tags: vec![],
            explain: None,
            source: Vec::new(),
            archived: false,
        };
        let parsed = Parsed {
            drafts: vec![draft(1, "Q one"), draft(2, "q  ONE"), draft(3, "Q two")],
            ..Parsed::default()
        };
        let (cards, skipped) = settle(vec![("f.csv".into(), parsed)]);
        assert_eq!(cards.len(), 2);
        assert_eq!(
            skipped,
            vec![Skip {
                file: "f.csv".into(),
                line: 2,
                reason: "duplicate front (first on line 1); kept the first".into()
            }]
        );
    }
}
