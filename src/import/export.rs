//! Writing a deck for other tools: Anki's "Notes in Plain Text" with the header lines that
//! make Anki map every column right, and headerless CSV. Importing either gives the same
//! basic and cloze cards back (ids, text, tags; the explanation where the format has room).
//!
//! Lossy by nature: choice cards become basic notes (options listed in the front, the right
//! ones on the back), and in the Anki format a basic card's explanation follows its back.

use std::collections::HashMap;

use super::foreign_id;
use super::html::text_to_html;
use crate::deck::{cloze_render, Card, CardContent, Deck, Gap};

/// The formats `recall export --format` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Anki,
    Csv,
    Toml,
    /// An Anki package with the review history (binary; see `apkg::export`).
    Apkg,
}

impl ExportFormat {
    pub fn from_name(name: &str) -> Result<ExportFormat, String> {
        match name.to_ascii_lowercase().as_str() {
            "anki" | "txt" => Ok(ExportFormat::Anki),
            "csv" => Ok(ExportFormat::Csv),
            "toml" => Ok(ExportFormat::Toml),
            "apkg" => Ok(ExportFormat::Apkg),
            other => Err(format!(
                "unknown export format {other:?}; expected anki, csv, toml or apkg"
            )),
        }
    }
}

/// Writes `deck` in `format`.
pub fn export(deck: &Deck, format: ExportFormat) -> Result<String, String> {
    match format {
        ExportFormat::Anki => Ok(to_anki(deck)),
        ExportFormat::Csv => Ok(to_csv(deck)),
        ExportFormat::Toml => crate::deck::to_toml(deck).map_err(|e| e.to_string()),
        ExportFormat::Apkg => Err("an Anki package is binary: give -o FILE.apkg".into()),
    }
}

/// The front and back a basic note gets for a choice card.
fn choice_sides(front: &str, choices: &[String], answer: &[usize]) -> (String, String) {
    let letter = |i: usize| char::from(b'A' + (i % 26) as u8);
    let mut q = front.to_string();
    q.push('\n');
    for (i, c) in choices.iter().enumerate() {
        q.push_str(&format!("\n{}) {c}", letter(i)));
    }
    let a = answer
        .iter()
        .filter_map(|&i| choices.get(i).map(|c| format!("{}) {c}", letter(i))))
        .collect::<Vec<_>>()
        .join("\n");
    (q, a)
}

/// The question and answer sides a basic or choice card becomes in Anki, without its
/// explanation (None for a cloze card).
pub(crate) fn anki_sides(card: &Card) -> Option<(String, String)> {
    match &card.content {
        CardContent::Basic { front, back } => Some((front.clone(), back.clone())),
        CardContent::Choice {
            front,
            choices,
            answer,
        } => Some(choice_sides(front, choices, answer)),
        CardContent::Cloze { .. } => None,
    }
}

/// The notetype and two fields a card becomes in Anki.
pub(crate) fn anki_note(card: &Card) -> (&'static str, String, String) {
    let with_explain = |back: String| match &card.explain {
        Some(e) => format!("{back}\n\n{e}"),
        None => back,
    };
    match &card.content {
        CardContent::Basic { front, back } => ("Basic", front.clone(), with_explain(back.clone())),
        CardContent::Choice {
            front,
            choices,
            answer,
        } => {
            let (q, a) = choice_sides(front, choices, answer);
            ("Basic", q, with_explain(a))
        }
        // recall hides every gap at once: in Anki that is one deletion number for all.
        CardContent::Cloze { text } => (
            "Cloze",
            cloze_render(text, |g| format!("{{{{c1::{}}}}}", g.source())),
            card.explain.clone().unwrap_or_default(),
        ),
    }
}

/// One Anki note as recall exports it: the cards of one cloze note (ids `guid-cN`, same text
/// apart from which gaps they hide) come together again as that note with its guid and its
/// deletion numbers, so Anki updates the note instead of making duplicates.
pub(crate) struct AnkiNote<'a> {
    pub guid: String,
    pub notetype: &'static str,
    pub fields: [String; 2],
    pub tags: &'a [String],
    /// The note's cards with their ordinals (a cloze card's is its number minus one).
    pub cards: Vec<(&'a Card, u32)>,
}

/// `base` and `N` of a card id `base-cN`.
fn cloze_sibling(id: &str) -> Option<(&str, u32)> {
    let (base, n) = id.rsplit_once("-c")?;
    let n: u32 = n.parse().ok().filter(|&n| n > 0 && n < 1000)?;
    (!base.is_empty()).then_some((base, n))
}

/// A gap's byte range in a cloze card's plain text, and its hint.
type GapRange<'a> = (usize, usize, Option<&'a str>);

/// The plain text of a cloze card (answers without hints) and the byte ranges of its gaps in
/// it, each with its hint.
fn gap_ranges(text: &str) -> (String, Vec<GapRange<'_>>) {
    let mut plain = String::with_capacity(text.len());
    let mut ranges = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        plain.push_str(&rest[..start]);
        let from = plain.len();
        let gap = Gap::parse(&rest[start + 2..start + 2 + len]);
        plain.push_str(gap.answer);
        ranges.push((from, plain.len(), gap.hint));
        rest = &rest[start + 2 + len + 2..];
    }
    plain.push_str(rest);
    (plain, ranges)
}

/// One cloze text holding every sibling's gaps as `{{cN::...}}`; None when they do not fit
/// together (different texts, overlapping gaps).
fn merged_cloze(siblings: &[(&Card, u32)]) -> Option<String> {
    let mut plain_all: Option<String> = None;
    let mut all: Vec<(usize, usize, u32, Option<&str>)> = Vec::new();
    for (card, n) in siblings {
        let CardContent::Cloze { text } = &card.content else {
            return None;
        };
        let (plain, ranges) = gap_ranges(text);
        match &plain_all {
            Some(p) if *p != plain => return None,
            _ => plain_all = Some(plain),
        }
        // A gap's own hint; else the hints an earlier package import kept in the explanation
        // (`Hint: ...`, one per gap) go back into the gaps.
        let hints: Vec<&str> = card
            .explain
            .as_deref()
            .unwrap_or("")
            .lines()
            .filter_map(|l| l.strip_prefix("Hint: "))
            .collect();
        let hints_fit = hints.len() == ranges.len();
        all.extend(
            ranges
                .into_iter()
                .enumerate()
                .map(|(i, (a, b, own))| (a, b, *n, own.or(hints_fit.then(|| hints[i])))),
        );
    }
    let plain = plain_all?;
    all.sort_unstable();
    let mut out = String::with_capacity(plain.len() + all.len() * 8);
    let mut at = 0;
    for (a, b, n, hint) in all {
        if a < at {
            return None;
        }
        out.push_str(&plain[at..a]);
        match hint {
            Some(h) => out.push_str(&format!("{{{{c{n}::{}::{h}}}}}", &plain[a..b])),
            None => out.push_str(&format!("{{{{c{n}::{}}}}}", &plain[a..b])),
        }
        at = b;
    }
    out.push_str(&plain[at..]);
    Some(out)
}

/// The reversed card of `card` among `live` (found through `by_id`): id `{id}-2`, front and
/// back swapped (what a "Basic (and reversed card)" note becomes on import).
fn reversed_of(
    card: &Card,
    live: &[&Card],
    by_id: &HashMap<&str, usize>,
    done: &[bool],
) -> Option<usize> {
    let CardContent::Basic { front, back } = &card.content else {
        return None;
    };
    let j = *by_id.get(format!("{}-2", card.id).as_str())?;
    (!done[j]
        && matches!(&live[j].content, CardContent::Basic { front: f, back: b } if f == back && b == front))
        .then_some(j)
}

/// A cloze card's *Back Extra*: its explanation without the `Hint:` lines a package import
/// adds per deletion (the hints live in the cloze text's own deletions in Anki).
fn extra(card: &Card) -> String {
    card.explain
        .as_deref()
        .unwrap_or("")
        .lines()
        .filter(|l| !l.starts_with("Hint: "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The deck's live cards as Anki notes, in card order; `reversed` also joins a card and its
/// reversed card (`{id}-2`) into one "Basic (and reversed card)" note (the package export;
/// the text formats have one card a row).
pub(crate) fn anki_notes(deck: &Deck, reversed: bool) -> Vec<AnkiNote<'_>> {
    let live: Vec<&Card> = deck.cards.iter().filter(|c| !c.archived).collect();
    let mut notes = Vec::with_capacity(live.len());
    let mut done = vec![false; live.len()];
    // Looked up by id and by cloze note, so a deck of 20,000 cards is not scanned per card.
    let by_id: HashMap<&str, usize> = live
        .iter()
        .enumerate()
        .map(|(j, c)| (c.id.as_str(), j))
        .collect();
    let mut cloze_groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, c) in live.iter().enumerate() {
        if let (CardContent::Cloze { .. }, Some((base, _))) = (&c.content, cloze_sibling(&c.id)) {
            cloze_groups.entry(base).or_default().push(j);
        }
    }
    for i in 0..live.len() {
        if done[i] {
            continue;
        }
        let card = live[i];
        let sibling = match &card.content {
            CardContent::Cloze { .. } => cloze_sibling(&card.id),
            _ => None,
        };
        if let Some((base, n)) = sibling {
            let mut group = vec![(card, n)];
            let mut members = vec![i];
            let later = cloze_groups.get(base).map_or(&[][..], Vec::as_slice);
            for &j in later.iter().filter(|&&j| j > i) {
                let other = live[j];
                match cloze_sibling(&other.id) {
                    Some((b, m))
                        if b == base
                            && !done[j]
                            && matches!(other.content, CardContent::Cloze { .. })
                            && other.tags == card.tags
                            && extra(other) == extra(card) =>
                    {
                        group.push((other, m));
                        members.push(j);
                    }
                    _ => {}
                }
            }
            // A lone `x-c1` stays a note of its own: as one note it would read back as `x`.
            if let Some(text) = (group.len() > 1).then(|| merged_cloze(&group)).flatten() {
                for j in members {
                    done[j] = true;
                }
                notes.push(AnkiNote {
                    guid: foreign_id(base),
                    notetype: "Cloze",
                    fields: [text, extra(card)],
                    tags: &card.tags,
                    cards: group.into_iter().map(|(c, n)| (c, n - 1)).collect(),
                });
                continue;
            }
        }
        done[i] = true;
        if let Some(j) = reversed
            .then(|| reversed_of(card, &live, &by_id, &done))
            .flatten()
        {
            done[j] = true;
            let (_, f1, f2) = anki_note(card);
            notes.push(AnkiNote {
                guid: foreign_id(&card.id),
                notetype: "Basic (and reversed card)",
                fields: [f1, f2],
                tags: &card.tags,
                cards: vec![(card, 0), (live[j], 1)],
            });
            continue;
        }
        let (notetype, f1, f2) = anki_note(card);
        notes.push(AnkiNote {
            guid: foreign_id(&card.id),
            notetype,
            fields: [f1, f2],
            tags: &card.tags,
            cards: vec![(card, 0)],
        });
    }
    notes
}

fn writer(delimiter: u8) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .has_headers(false)
        .flexible(true)
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>, head: String) -> String {
    let body = w.into_inner().unwrap_or_default();
    head + &String::from_utf8_lossy(&body)
}

/// Anki's "Notes in Plain Text" layout: guid, notetype, deck, two fields, tags; fields as
/// HTML (escaped text, newlines as `<br>`). Archived cards are left out.
pub fn to_anki(deck: &Deck) -> String {
    let head = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n".to_string();
    let mut w = writer(b'\t');
    for note in anki_notes(deck, false) {
        let record = [
            note.guid,
            note.notetype.to_string(),
            deck.title.clone(),
            text_to_html(&note.fields[0]),
            text_to_html(&note.fields[1]),
            note.tags.join(" "),
        ];
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&record);
    }
    finish(w, head)
}

/// Headerless CSV: front, back, tags, explanation; a cloze card's text goes in the front with
/// its `{{gaps}}` and an empty back. Archived cards are left out.
pub fn to_csv(deck: &Deck) -> String {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_writer(Vec::new());
    for card in deck.cards.iter().filter(|c| !c.archived) {
        let (front, back) = match &card.content {
            CardContent::Basic { front, back } => (front.clone(), back.clone()),
            CardContent::Choice {
                front,
                choices,
                answer,
            } => choice_sides(front, choices, answer),
            CardContent::Cloze { text } => (text.clone(), String::new()),
        };
        let tags = card.tags.join(" ");
        let explain = card.explain.clone().unwrap_or_default();
        let _ = w.write_record([front, back, tags, explain]);
    }
    finish(w, String::new())
}
