//! Anki packages (`.apkg`, `.colpkg`): both generations read with real libraries (zip, zstd,
//! SQLite), turned into the same drafts the text importers make, plus what only a package
//! has: the review history and the media files.
//!
//! One recall card per Anki card. Card ids come from the note's guid and the card's ordinal
//! (see [`card_id`]) and deck ids from the Anki deck name (`A::B` becomes `a-b`), so importing
//! a newer export of the same deck updates cards in place and keeps their progress.

mod archive;
mod collection;
pub mod export;
mod export_media;
mod history;
mod render;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub use archive::{safe_media_name, Generation, Limits};
pub use history::HistorySkips;

use super::{card_id_from_foreign, cloze, fit_card_id, html_to_text, Draft, Parsed, Skip};
use crate::deck::CardContent;
use crate::store::EventKind;
use collection::{AnkiCard, AnkiCollection, Note, NoteType};

/// A template longer than this is not rendered (a real one is a few kilobytes).
const MAX_TEMPLATE: usize = 64 << 10;

/// One event of a card's imported history: the card id (within its deck), when, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEvent {
    pub card: String,
    pub at: i64,
    pub kind: EventKind,
}

/// One media file and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// One Anki deck as recall will store it.
#[derive(Clone, Debug, Default)]
pub struct PackageDeck {
    /// recall's deck id (`a-b` for `A::B`).
    pub id: String,
    pub parsed: Parsed,
    pub history: Vec<HistoryEvent>,
    pub media: Vec<MediaFile>,
}

/// What a package held, for the import report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageSummary {
    pub generation: Option<Generation>,
    pub notes: usize,
    pub cards: usize,
    pub revlog: usize,
    pub reviews: usize,
    pub skips: HistorySkips,
    pub suspended: usize,
    pub buried: usize,
    pub media: usize,
    pub media_unused: usize,
}

/// A package read: its decks and a summary.
#[derive(Clone, Debug, Default)]
pub struct Package {
    pub decks: Vec<PackageDeck>,
    pub summary: PackageSummary,
}

/// Whether a source is an Anki package: by extension, or a zip signature.
pub fn is_package(path: &Path, bytes: &[u8]) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("apkg" | "colpkg")) || bytes.starts_with(b"PK\x03\x04")
}

/// Reads a package; `file` names it in skip lines. Refusals are whole: nothing of a bad
/// package is used.
pub fn read(bytes: &[u8], file: &str) -> Result<Package, String> {
    read_limited(bytes, file, &Limits::DEFAULT)
}

/// [`read`] within other limits (tests use small ones to show a bomb is refused).
pub fn read_limited(bytes: &[u8], file: &str, limits: &Limits) -> Result<Package, String> {
    let mut contents = archive::read(bytes, limits)?;
    let col = collection::read(&mut contents.database)?;
    let mut package = convert(&col, file);
    package.summary.generation = Some(contents.generation);
    attach_media(&col, &mut package, contents.media);
    Ok(package)
}

/// recall's deck id for an Anki deck name: each `::` part slugged, joined by `-`.
pub fn deck_id(name: &str) -> String {
    let parts: Vec<String> = name
        .split("::")
        .map(super::slug_text)
        .filter(|p| !p.is_empty())
        .collect();
    let id = parts.join("-");
    let id: String = id.chars().take(64).collect();
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        format!("anki-{:08x}", crate::fnv::fnv1a(name) as u32)
    } else {
        id
    }
}

/// A card's id from its note's guid and its ordinal: the guid alone for a note's first card,
/// `-N` (N = ordinal + 1) for the others; for cloze notes, as the text importer does, the
/// guid alone for a note with one deletion and `-cN` otherwise.
pub fn card_id(guid: &str, ord: u32, cloze_numbers: Option<usize>) -> String {
    let base = card_id_from_foreign(guid);
    match cloze_numbers {
        Some(1) => base,
        Some(_) => fit_card_id(format!("{base}-c{}", ord + 1)),
        None if ord == 0 => base,
        None => fit_card_id(format!("{base}-{}", ord + 1)),
    }
}

fn convert(col: &AnkiCollection, file: &str) -> Package {
    let mut package = Package::default();
    package.summary.notes = col.notes.len();
    package.summary.cards = col.cards.len();
    package.summary.revlog = col.revlog.len();
    let mut decks: BTreeMap<String, PackageDeck> = BTreeMap::new();
    let mut revlog_at = 0;
    for (i, card) in col.cards.iter().enumerate() {
        let line = i + 1;
        // This card's revlog rows (both sorted by card id).
        while revlog_at < col.revlog.len() && col.revlog[revlog_at].card < card.id {
            revlog_at += 1;
        }
        let end = col.revlog[revlog_at..]
            .iter()
            .position(|r| r.card != card.id)
            .map_or(col.revlog.len(), |n| revlog_at + n);
        let revlog = &col.revlog[revlog_at..end];
        let deck_name = col
            .decks
            .get(&card.deck)
            .cloned()
            .unwrap_or_else(|| "Default".to_string());
        let id = deck_id(&deck_name);
        let deck = decks.entry(id.clone()).or_insert_with(|| PackageDeck {
            id,
            parsed: Parsed {
                title: Some(deck_name.clone()),
                ..Parsed::default()
            },
            ..PackageDeck::default()
        });
        let skip = |reason: String| Skip {
            file: file.to_string(),
            line,
            reason,
        };
        let Some(note) = col.notes.get(&card.note) else {
            deck.parsed
                .skipped
                .push(skip(format!("card {} has no note", card.id)));
            continue;
        };
        let Some(nt) = col.notetypes.get(&note.notetype) else {
            deck.parsed
                .skipped
                .push(skip(format!("note {:?} has no note type", note.guid)));
            continue;
        };
        match draft(card, note, nt, &deck_name, line) {
            Ok(draft) => {
                let card_id = draft.id.clone().unwrap_or_default();
                let (events, skips) = history::events(revlog);
                package.summary.skips.add(skips);
                package.summary.reviews += events.len();
                let last = events.last().map_or(i64::MIN, |e| e.0);
                deck.history
                    .extend(events.into_iter().map(|(at, kind)| HistoryEvent {
                        card: card_id.clone(),
                        at,
                        kind,
                    }));
                // Suspended and buried cards keep that state, after their last answer.
                let at = (card.modified.saturating_mul(1000)).max(last.saturating_add(1));
                let state = match card.queue {
                    -1 => Some(EventKind::Suspend),
                    -2 | -3 => Some(EventKind::Bury),
                    _ => None,
                };
                if let Some(kind) = state {
                    if kind == EventKind::Suspend {
                        package.summary.suspended += 1;
                    } else {
                        package.summary.buried += 1;
                    }
                    deck.history.push(HistoryEvent {
                        card: card_id,
                        at,
                        kind,
                    });
                }
                deck.parsed.drafts.push(draft);
            }
            Err(reason) => deck.parsed.skipped.push(skip(format!(
                "note {:?} card {}: {reason}",
                note.guid,
                card.ord + 1
            ))),
        }
    }
    package.decks = decks.into_values().collect();
    package
}

fn field_map<'a>(nt: &'a NoteType, note: &'a Note) -> HashMap<&'a str, &'a str> {
    nt.fields
        .iter()
        .map(String::as_str)
        .zip(note.fields.iter().map(String::as_str))
        .collect()
}

/// The fields recall's own note types add (its package export): `Explanation` and `Source`,
/// taken out of the fields the card's sides are rendered from, and returned as the card's
/// explanation and its sources (https URLs; other lines join the explanation).
fn recall_fields(fields: &mut HashMap<&str, &str>) -> (Option<String>, Vec<String>) {
    let explain = fields
        .remove("Explanation")
        .map(html_to_text)
        .filter(|t| !t.is_empty());
    let mut other = Vec::new();
    let mut sources = Vec::new();
    if let Some(source) = fields.remove("Source") {
        for line in html_to_text(source).lines().map(str::trim) {
            if crate::deck::is_https_url(line) {
                sources.push(line.to_string());
            } else if !line.is_empty() {
                other.push(format!("Source: {line}"));
            }
        }
    }
    let explain: Vec<String> = explain.into_iter().chain(other).collect();
    ((!explain.is_empty()).then(|| explain.join("\n")), sources)
}

/// The explanation lines of `a` then `b`, None when both are empty.
fn join_explain(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}\n{b}")),
        (a, b) => a.or(b),
    }
}

const RECALL_FIELDS: [&str; 2] = ["Explanation", "Source"];

/// The draft for one Anki card.
fn draft(
    card: &AnkiCard,
    note: &Note,
    nt: &NoteType,
    deck: &str,
    line: usize,
) -> Result<Draft, String> {
    let tags = super::split_tags(&note.tags);
    let mut fields = field_map(nt, note);
    let (explain, source) = recall_fields(&mut fields);
    if nt.cloze {
        let mut draft = cloze_draft(card, note, nt, &fields, tags, line)?;
        draft.explain = join_explain(draft.explain, explain);
        draft.source = source;
        return Ok(draft);
    }
    let template = nt
        .templates
        .iter()
        .find(|t| t.ord == card.ord)
        .ok_or("no template for this card")?;
    if template.question.len() + template.answer.len() > MAX_TEMPLATE {
        return Err("template too long to render".into());
    }
    let mut ctx = render::Context {
        fields,
        tags: &note.tags,
        deck,
        card: &template.name,
        front_side: "",
        answer_side: false,
    };
    let question = render::render(&template.question, &ctx);
    ctx.answer_side = true;
    ctx.front_side = &question;
    let answer_html = render::render(&template.answer, &ctx);
    let front = html_to_text(&question);
    let back = html_to_text(render::answer_part(&answer_html));
    if front.is_empty() {
        return Err("empty question".into());
    }
    if back.is_empty() {
        return Err("empty answer".into());
    }
    let mut used = render::referenced_fields(&template.question);
    used.extend(render::referenced_fields(&template.answer));
    used.extend(RECALL_FIELDS.map(String::from));
    Ok(Draft {
        line,
        id: Some(card_id(&note.guid, card.ord, None)),
        content: CardContent::Basic { front, back },
        tags,
        explain: join_explain(explain, other_fields(nt, note, &used)),
        source,
        archived: false,
    })
}

/// The fields a card does not show, as `Name: text` lines (None when there are none).
fn other_fields(nt: &NoteType, note: &Note, used: &[String]) -> Option<String> {
    let lines: Vec<String> = nt
        .fields
        .iter()
        .zip(&note.fields)
        .filter(|(name, _)| !used.iter().any(|u| u == *name))
        .filter_map(|(name, value)| {
            let text = html_to_text(value);
            (!text.is_empty()).then(|| format!("{name}: {text}"))
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn cloze_draft(
    card: &AnkiCard,
    note: &Note,
    nt: &NoteType,
    fields: &HashMap<&str, &str>,
    tags: Vec<String>,
    line: usize,
) -> Result<Draft, String> {
    // The field the question template deletes from: `{{cloze:Text}}`.
    let question = nt.templates.first().map_or("", |t| t.question.as_str());
    let cloze_field = render::referenced_fields(question)
        .into_iter()
        .find(|f| question.contains(&format!("cloze:{f}")))
        .or_else(|| nt.fields.first().cloned())
        .ok_or("cloze note type without fields")?;
    let text = fields.get(cloze_field.as_str()).copied().unwrap_or("");
    let plain = html_to_text(text);
    let n = card.ord + 1;
    let drafts = cloze::from_anki(&plain, None, tags, None, line)?;
    let numbers = cloze::numbers(&plain);
    let index = numbers
        .iter()
        .position(|&m| m == n)
        .ok_or_else(|| format!("no deletion c{n} in the text"))?;
    let mut draft = drafts
        .into_iter()
        .nth(index)
        .ok_or_else(|| format!("no deletion c{n} in the text"))?;
    draft.id = Some(card_id(&note.guid, card.ord, Some(numbers.len())));
    // The deletion's hint stays in its gap; the other fields (Back Extra) explain.
    let mut used = RECALL_FIELDS.map(String::from).to_vec();
    used.push(cloze_field);
    draft.explain = other_fields(nt, note, &used);
    Ok(draft)
}

/// The names of the media files a note's fields refer to (`<img src>`, `[sound:]`).
fn media_refs(note: &Note) -> Vec<String> {
    let mut out = Vec::new();
    for field in &note.fields {
        let mut rest = field.as_str();
        while let Some(i) = rest.find("[sound:") {
            let after = &rest[i + 7..];
            let Some(end) = after.find(']') else { break };
            out.push(after[..end].trim().to_string());
            rest = &after[end..];
        }
        let text = html_to_text(field);
        let mut rest = text.as_str();
        while let Some(i) = rest.find("[image: ") {
            let after = &rest[i + 8..];
            let Some(end) = after.find(']') else { break };
            out.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    out
}

/// Gives each deck the media files its cards refer to; counts those no card uses.
fn attach_media(col: &AnkiCollection, package: &mut Package, media: Vec<(String, Vec<u8>)>) {
    package.summary.media = media.len();
    let by_name: HashMap<&str, &Vec<u8>> = media.iter().map(|(n, b)| (n.as_str(), b)).collect();
    let mut used = std::collections::HashSet::new();
    let mut wanted: HashMap<String, Vec<String>> = HashMap::new();
    for card in &col.cards {
        let (Some(note), Some(deck)) = (col.notes.get(&card.note), col.decks.get(&card.deck))
        else {
            continue;
        };
        let names = wanted.entry(deck_id(deck)).or_default();
        for name in media_refs(note) {
            if by_name.contains_key(name.as_str()) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    for deck in &mut package.decks {
        for name in wanted.remove(&deck.id).unwrap_or_default() {
            if let Some(bytes) = by_name.get(name.as_str()) {
                used.insert(name.clone());
                deck.media.push(MediaFile {
                    name,
                    bytes: (*bytes).clone(),
                });
            }
        }
    }
    package.summary.media_unused = media.len() - used.len();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deck_ids_from_anki_names() {
        assert_eq!(deck_id("AWS::Machine Learning"), "aws-machine-learning");
        assert_eq!(deck_id("Français"), "francais");
        assert_eq!(deck_id("Default"), "default");
        assert!(deck_id("::").starts_with("anki-"));
    }

    #[test]
    fn card_ids_from_guid_and_ordinal() {
        assert_eq!(card_id("abc", 0, None), "abc");
        assert_eq!(card_id("abc", 1, None), "abc-2");
        assert_eq!(card_id("abc", 0, Some(1)), "abc");
        assert_eq!(card_id("abc", 1, Some(2)), "abc-c2");
    }
}
