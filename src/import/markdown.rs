//! Markdown flashcards in the hashcards style: `Q:` question, `A:` answer, `C:` cloze text
//! with `[square brackets]` around the hidden parts. Each side may span several lines; a card
//! runs until the next `Q:`/`C:` line or Markdown heading. TOML front matter between `---`
//! lines may name the deck (`name = "..."`).

use super::{cloze, Draft, ImportError, Parsed, Skip};
use crate::deck::{CardContent, DeckError};

enum Open {
    None,
    Question { line: usize, q: String },
    Answer { line: usize, q: String, a: String },
    Cloze { line: usize, text: String },
}

/// Parses a Markdown flashcard file.
pub fn parse(text: &str, file: &str) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::default();
    let (body, first_line) = front_matter(text, file, &mut parsed)?;
    let mut open = Open::None;
    // The fence (```` ``` ```` or `~~~`) of the code block a card's side is in: its lines are
    // text, even one starting with `#` or `Q:`.
    let mut fence: Option<&str> = None;
    for (i, raw) in body.lines().enumerate() {
        let line = first_line + i;
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let marker = ["```", "~~~"]
            .into_iter()
            .find(|m| l.trim_start().starts_with(m));
        let side = match &mut open {
            Open::Question { q: s, .. }
            | Open::Answer { a: s, .. }
            | Open::Cloze { text: s, .. } => Some(s),
            Open::None => None,
        };
        if let Some(s) = side {
            if fence.is_some() || marker.is_some() {
                s.push('\n');
                s.push_str(l);
                fence = match (fence, marker) {
                    (Some(f), Some(m)) if f == m => None,
                    (Some(f), _) => Some(f),
                    (None, m) => m,
                };
                continue;
            }
        }
        if let Some(rest) = l.strip_prefix("Q:") {
            finish(
                std::mem::replace(
                    &mut open,
                    Open::Question {
                        line,
                        q: rest.trim().to_string(),
                    },
                ),
                file,
                &mut parsed,
            );
        } else if let Some(rest) = l.strip_prefix("C:") {
            finish(
                std::mem::replace(
                    &mut open,
                    Open::Cloze {
                        line,
                        text: rest.trim().to_string(),
                    },
                ),
                file,
                &mut parsed,
            );
        } else if let Some(rest) = l.strip_prefix("A:") {
            open = match open {
                Open::Question { line: ql, q } => Open::Answer {
                    line: ql,
                    q,
                    a: rest.trim().to_string(),
                },
                other => {
                    finish(other, file, &mut parsed);
                    parsed.skipped.push(skip(
                        file,
                        line,
                        "`A:` answer without a `Q:` question before it",
                    ));
                    Open::None
                }
            };
        } else if l.starts_with('#') {
            finish(std::mem::replace(&mut open, Open::None), file, &mut parsed);
        } else {
            match &mut open {
                Open::Question { q: s, .. }
                | Open::Answer { a: s, .. }
                | Open::Cloze { text: s, .. } => {
                    s.push('\n');
                    s.push_str(l);
                }
                Open::None if l.trim().is_empty() => {}
                Open::None => parsed.skipped.push(skip(
                    file,
                    line,
                    "text outside a card; expected a line starting with Q: or C:",
                )),
            }
        }
    }
    finish(open, file, &mut parsed);
    Ok(parsed)
}

fn skip(file: &str, line: usize, reason: &str) -> Skip {
    Skip {
        file: file.to_string(),
        line,
        reason: reason.to_string(),
    }
}

fn finish(open: Open, file: &str, parsed: &mut Parsed) {
    let draft = |line, content| Draft {
        line,
        id: None,
        content,
        tags: Vec::new(),
        explain: None,
        source: Vec::new(),
        archived: false,
    };
    match open {
        Open::None => {}
        Open::Question { line, .. } => {
            parsed
                .skipped
                .push(skip(file, line, "question without an `A:` answer"))
        }
        Open::Answer { line, q, a } => {
            let (front, back) = (q.trim(), a.trim());
            if front.is_empty() || back.is_empty() {
                let side = if front.is_empty() {
                    "question"
                } else {
                    "answer"
                };
                parsed
                    .skipped
                    .push(skip(file, line, &format!("empty {side}")));
            } else {
                parsed.drafts.push(draft(
                    line,
                    CardContent::Basic {
                        front: front.to_string(),
                        back: back.to_string(),
                    },
                ));
            }
        }
        Open::Cloze { line, text } => {
            let text = brackets_to_gaps(text.trim());
            match cloze::recall_cloze(&text, "cloze without a [bracketed] part to hide") {
                Ok(content) => parsed.drafts.push(draft(line, content)),
                Err(problem) => parsed.skipped.push(skip(file, line, &problem)),
            }
        }
    }
}

/// `[hidden]` becomes `{{hidden}}`; Markdown links `[t](u)` and images `![a](p)` stay as they are.
fn brackets_to_gaps(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open + 1..].find(']') else {
            break;
        };
        let close = open + 1 + len;
        let is_link = rest[close + 1..].starts_with('(') || rest[..open].ends_with('!');
        out.push_str(&rest[..open]);
        if is_link {
            out.push_str(&rest[open..=close]);
        } else {
            out.push_str("{{");
            out.push_str(&rest[open + 1..close]);
            out.push_str("}}");
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Reads `---` TOML front matter at the very start; returns the body and its first line.
fn front_matter<'a>(
    text: &'a str,
    file: &str,
    parsed: &mut Parsed,
) -> Result<(&'a str, usize), ImportError> {
    let Some(after) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok((text, 1));
    };
    let Some(end) = after.find("\n---") else {
        return Err(DeckError::at(
            file,
            Some(1),
            None,
            "front matter opened with --- is never closed; expected a line with ---",
        )
        .into());
    };
    let table: toml::Table = toml::from_str(&after[..end]).map_err(|e| {
        DeckError::at(
            file,
            Some(2),
            None,
            format!("front matter is not TOML: {}", e.message()),
        )
    })?;
    if let Some(name) = table.get("name").and_then(toml::Value::as_str) {
        parsed.title = Some(name.to_string());
    }
    let rest = &after[end + 4..];
    let rest_start = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let consumed = &text[..text.len() - rest[rest_start..].len()];
    Ok((&rest[rest_start..], consumed.matches('\n').count() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashcards_example() {
        let text = "---\nname = \"Geo\"\n---\n# Capitals\n\nQ: What is the capital of France?\nA: Paris\n\nC: [Paris] is the capital of [France].\n\nQ: List\nthe PGMs.\nA:\n\n- ruthenium\n- rhodium\n";
        let p = parse(text, "g.md").expect("ok");
        assert_eq!(p.title.as_deref(), Some("Geo"));
        let got: Vec<_> = p
            .drafts
            .iter()
            .map(|d| (d.line, d.content.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    6,
                    CardContent::Basic {
                        front: "What is the capital of France?".into(),
                        back: "Paris".into()
                    }
                ),
                (
                    9,
                    CardContent::Cloze {
                        text: "{{Paris}} is the capital of {{France}}.".into()
                    }
                ),
                (
                    11,
                    CardContent::Basic {
                        front: "List\nthe PGMs.".into(),
                        back: "- ruthenium\n- rhodium".into()
                    }
                ),
            ]
        );
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
    }

    #[test]
    fn problems_are_skipped_with_their_line() {
        let text =
            "stray\nQ: no answer\nC: no brackets ![img](a.png) [link](u)\nA: orphan\nQ: \nA: x\n";
        let p = parse(text, "m.md").expect("ok");
        let got: Vec<_> = p
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    1,
                    "text outside a card; expected a line starting with Q: or C:"
                ),
                (2, "question without an `A:` answer"),
                (3, "cloze without a [bracketed] part to hide"),
                (4, "`A:` answer without a `Q:` question before it"),
                (5, "empty question"),
            ]
        );
    }
}
