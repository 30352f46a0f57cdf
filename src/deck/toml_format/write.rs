//! Writing a deck back as TOML in the documented layout (used by export and import).

use super::{CardContent, Deck};

pub fn to_toml(deck: &Deck) -> Result<String, toml::ser::Error> {
    let mut out = String::with_capacity(256 + deck.cards.len() * 256);
    out.push_str("[deck]\n");
    field(&mut out, "id", &deck.id);
    field(&mut out, "title", &deck.title);
    if !deck.section.is_empty() {
        field(&mut out, "section", &deck.section);
    }
    if let Some(d) = &deck.description {
        field(&mut out, "description", d);
    }
    for c in &deck.cards {
        out.push_str("\n[[cards]]\n");
        field(&mut out, "id", &c.id);
        match &c.content {
            CardContent::Basic { front, back } => {
                field(&mut out, "front", front);
                field(&mut out, "back", back);
            }
            CardContent::Choice {
                front,
                choices,
                answer,
            } => {
                field(&mut out, "kind", "choice");
                field(&mut out, "front", front);
                list(&mut out, "choices", choices);
                match answer.as_slice() {
                    [one] => out.push_str(&format!("answer = {one}\n")),
                    many => out.push_str(&format!(
                        "answer = [{}]\n",
                        many.iter()
                            .map(usize::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
            }
            CardContent::Cloze { text } => {
                field(&mut out, "kind", "cloze");
                field(&mut out, "text", text);
            }
        }
        if let Some(e) = &c.explain {
            field(&mut out, "explain", e);
        }
        match c.source.as_slice() {
            [] => {}
            [one] => field(&mut out, "source", one),
            many => list(&mut out, "source", many),
        }
        if !c.tags.is_empty() {
            list(&mut out, "tags", &c.tags);
        }
        if c.archived {
            out.push_str("archived = true\n");
        }
    }
    Ok(out)
}

fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    string(out, value);
    out.push('\n');
}

fn list(out: &mut String, key: &str, values: &[String]) {
    out.push_str(key);
    out.push_str(" = [");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, v);
    }
    out.push_str("]\n");
}

/// A TOML basic string, multi-line (`"""`) when the text has line breaks; every quote,
/// backslash and control character other than the line break is escaped.
fn string(out: &mut String, s: &str) {
    let multi = s.contains('\n');
    out.push_str(if multi { "\"\"\"\n" } else { "\"" });
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multi => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str(if multi { "\"\"\"" } else { "\"" });
}
