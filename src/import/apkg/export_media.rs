//! The media files of a package export: which files a deck's cards show, and the fields'
//! HTML with those files as Anki's `<img src>` and `[sound:]` again.

use std::collections::HashSet;

use crate::deck::{CardContent, Deck};
use crate::import::html::text_to_html;

/// The media files a deck's live cards show (`[image: name]`, `[sound: name]`), each name
/// once, in order; names that are paths are left out (they were never extracted).
pub fn media_names(deck: &Deck) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for card in deck.cards.iter().filter(|c| !c.archived) {
        let mut texts: Vec<&str> = match &card.content {
            CardContent::Basic { front, back } => vec![front, back],
            CardContent::Choice { front, choices, .. } => std::iter::once(front.as_str())
                .chain(choices.iter().map(String::as_str))
                .collect(),
            CardContent::Cloze { text } => vec![text],
        };
        texts.extend(card.explain.as_deref());
        for text in texts {
            for (_, name, _) in media_marks(text) {
                if super::safe_media_name(name) && !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
        }
    }
    names
}

/// The `[image: name]` / `[sound: name]` marks of a text: (byte range start, name, end).
fn media_marks(text: &str) -> Vec<(usize, &str, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((i, mark)) = ["[image: ", "[sound: "]
        .iter()
        .filter_map(|m| text[at..].find(m).map(|i| (at + i, *m)))
        .min()
    {
        let after = i + mark.len();
        let Some(len) = text[after..].find(']') else {
            break;
        };
        out.push((i, &text[after..after + len], after + len + 1));
        at = after + len + 1;
    }
    out
}

/// A field's HTML: the text escaped, and the marks of the media files in the package as
/// Anki's `<img src>` and `[sound:]` again, so Anki shows and plays them.
pub(super) fn field_html(text: &str, media: &HashSet<&str>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for (start, name, end) in media_marks(text) {
        if !media.contains(name) {
            continue;
        }
        out.push_str(&text_to_html(&text[at..start]));
        if text[start..].starts_with("[image: ") {
            let src = name
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;");
            out.push_str(&format!("<img src=\"{src}\">"));
        } else {
            out.push_str(&format!("[sound:{name}]"));
        }
        at = end;
    }
    out.push_str(&text_to_html(&text[at..]));
    out
}
