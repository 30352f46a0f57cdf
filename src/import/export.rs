//! Writing a deck for other tools: Anki's "Notes in Plain Text" with the header lines that
//! make Anki map every column right, and headerless CSV. Importing either gives the same
//! basic and cloze cards back (ids, text, tags; the explanation where the format has room).
//!
//! Lossy by nature: choice cards become basic notes (options listed in the front, the right
//! ones on the back), and in the Anki format a basic card's explanation follows its back.

use super::foreign_id;
use super::html::text_to_html;
use crate::deck::{cloze_render, Card, CardContent, Deck};

/// The formats `recall export --format` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Anki,
    Csv,
    Toml,
}

impl ExportFormat {
    pub fn from_name(name: &str) -> Result<ExportFormat, String> {
        match name.to_ascii_lowercase().as_str() {
            "anki" | "txt" => Ok(ExportFormat::Anki),
            "csv" => Ok(ExportFormat::Csv),
            "toml" => Ok(ExportFormat::Toml),
            other => Err(format!(
                "unknown export format {other:?}; expected anki, csv or toml"
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

/// The notetype and two fields a card becomes in Anki.
fn anki_note(card: &Card) -> (&'static str, String, String) {
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
            cloze_render(text, |g| format!("{{{{c1::{g}}}}}")),
            card.explain.clone().unwrap_or_default(),
        ),
    }
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
    for card in deck.cards.iter().filter(|c| !c.archived) {
        let (notetype, f1, f2) = anki_note(card);
        let record = [
            foreign_id(&card.id),
            notetype.to_string(),
            deck.title.clone(),
            text_to_html(&f1),
            text_to_html(&f2),
            card.tags.join(" "),
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
