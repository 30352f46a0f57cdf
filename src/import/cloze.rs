//! Anki's cloze deletions (`{{c1::answer::hint}}`) turned into recall's cloze cards.
//!
//! recall hides every `{{gap}}` of a card at once, so an Anki note with deletions c1 and c2
//! becomes two cards, as in Anki: the c1 card hides the c1 answers and shows the c2 ones.

use super::Draft;
use crate::deck::CardContent;

/// One piece of an Anki cloze text: plain text, or a deletion with its number.
enum Piece<'a> {
    Text(&'a str),
    Gap(u32, &'a str, Option<&'a str>),
}

/// Whether the text holds an Anki cloze deletion `{{cN::...}}`.
pub fn has_anki_cloze(text: &str) -> bool {
    pieces(text).iter().any(|p| matches!(p, Piece::Gap(..)))
}

/// The deletion numbers of a cloze text that hide something, in order, without repeats.
pub fn numbers(text: &str) -> Vec<u32> {
    let mut numbers: Vec<u32> = pieces(text)
        .iter()
        .filter_map(|p| match p {
            Piece::Gap(n, a, _) if !a.trim().is_empty() => Some(*n),
            _ => None,
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// Whether the text holds a recall `{{gap}}` with something in it.
pub fn has_gap(text: &str) -> bool {
    crate::deck::cloze_gaps(text)
        .iter()
        .any(|g| !g.trim().is_empty())
}

/// A recall cloze text as a draft card, or why it cannot be one: a hint that would not read
/// back, or no gap to hide (`no_gap`, worded for the format).
pub fn recall_cloze(text: &str, no_gap: &str) -> Result<CardContent, String> {
    if let Some(problem) = crate::deck::cloze_hint_problem(text) {
        return Err(problem);
    }
    if !has_gap(text) {
        return Err(no_gap.to_string());
    }
    Ok(CardContent::Cloze {
        text: text.to_string(),
    })
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    // Past the last `}}` no deletion can close: stop there rather than search to the end again
    // for every `{{c1::` (hostile input stays linear).
    let last_close = text.rfind("}}");
    while let Some(start) = rest.find("{{c") {
        let offset = text.len() - rest.len() + start;
        if last_close.is_none_or(|c| c < offset) {
            break;
        }
        let after = &rest[start + 3..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let parsed = (digits > 0)
            .then(|| after[digits..].strip_prefix("::"))
            .flatten()
            .and_then(|body| body.find("}}").map(|end| (body, end)));
        let Some((body, end)) = parsed else {
            out.push(Piece::Text(&rest[..start + 3]));
            rest = after;
            continue;
        };
        let n = after[..digits].parse().unwrap_or(u32::MAX);
        let inner = &body[..end];
        let (answer, hint) = match inner.split_once("::") {
            Some((a, h)) => (a, Some(h)),
            None => (inner, None),
        };
        out.push(Piece::Text(&rest[..start]));
        out.push(Piece::Gap(n, answer, hint));
        rest = &body[end + 2..];
    }
    out.push(Piece::Text(rest));
    out
}

/// One cloze card per deletion number; `id` (the note's guid) gets `-cN` when there are
/// several. A deletion's hint stays with its gap (`{{answer::hint}}`), shown as `[hint]`; a
/// hint holding braces (`{{`, `}}`) could not be read back and is dropped.
pub fn from_anki(
    text: &str,
    id: Option<&str>,
    tags: Vec<String>,
    explain: Option<String>,
    line: usize,
) -> Result<Vec<Draft>, String> {
    let numbers = numbers(text);
    let pieces = pieces(text);
    if numbers.is_empty() {
        return Err("cloze note without a {{c1::...}} deletion".into());
    }
    let several = numbers.len() > 1;
    Ok(numbers
        .iter()
        .map(|&n| {
            let mut out = String::with_capacity(text.len());
            for p in &pieces {
                match p {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Gap(m, a, hint) if *m == n => {
                        out.push_str("{{");
                        out.push_str(a);
                        let hint = hint
                            .map(str::trim)
                            .filter(|h| !h.is_empty() && !h.contains("{{") && !h.contains("}}"));
                        if let Some(h) = hint {
                            out.push_str("::");
                            out.push_str(h);
                        }
                        out.push_str("}}");
                    }
                    Piece::Gap(_, a, _) => out.push_str(a),
                }
            }
            Draft {
                line,
                id: match (id, several) {
                    (Some(id), true) => Some(super::fit_card_id(format!("{id}-c{n}"))),
                    (Some(id), false) => Some(id.to_string()),
                    (None, _) => None,
                },
                content: CardContent::Cloze { text: out },
                tags: tags.clone(),
                explain: explain.clone(),
                source: Vec::new(),
                archived: false,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, id: Option<&str>) -> Vec<(Option<String>, String)> {
        from_anki(text, id, vec![], None, 1)
            .expect("cloze")
            .into_iter()
            .map(|d| match d.content {
                CardContent::Cloze { text } => (d.id, text),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn one_card_per_deletion_number() {
        assert_eq!(
            texts(
                "{{c1::Deep Archive}} within {{c2::12 hours::how long?}}.",
                Some("g")
            ),
            vec![
                (
                    Some("g-c1".into()),
                    "{{Deep Archive}} within 12 hours.".into()
                ),
                (
                    Some("g-c2".into()),
                    "Deep Archive within {{12 hours::how long?}}.".into()
                ),
            ]
        );
        assert_eq!(
            texts("use {{c1::HTTPS}} and {{c1::a key}}", Some("g")),
            vec![(Some("g".into()), "use {{HTTPS}} and {{a key}}".into())]
        );
    }

    #[test]
    fn a_hint_stays_in_its_gap_unless_it_has_braces() {
        assert_eq!(
            texts("{{c1::HTTPS:: protocol }} and {{c1::a key::{{x}}", None),
            vec![(None, "{{HTTPS::protocol}} and {{a key}}".into())]
        );
    }

    #[test]
    fn malformed_deletions_stay_text() {
        assert!(!has_anki_cloze("{{c::x}} {{cx::y}} {{c1::open"));
        assert!(from_anki("{{c1::}}", None, vec![], None, 1).is_err());
        assert_eq!(
            texts("{{c:: no}} {{c2::yes}}", None),
            vec![(None, "{{c:: no}} {{yes}}".into())]
        );
    }
}
