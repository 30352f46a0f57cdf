//! Anki's card templates rendered as text: `{{Field}}`, filters (`{{text:F}}`, `{{type:F}}`,
//! `{{hint:F}}`, ...), conditional sections (`{{#F}}...{{/F}}`, `{{^F}}...{{/F}}`) and the
//! special fields (`{{FrontSide}}`, `{{Tags}}`, `{{Deck}}`, `{{Card}}`). Any note type renders
//! this way, so Basic, reversed, optional-reversed, type-in and custom types need no names.

use std::collections::HashMap;

/// Deeper nesting than this is not rendered (templates are small; this keeps hostile ones
/// cheap).
const MAX_DEPTH: usize = 16;
/// At most this many `{{tags}}` are rendered per side (a real template has a few dozen); the
/// rest of a hostile template stays text, so rendering stays linear in practice.
const MAX_TAGS: usize = 512;

/// What a template can refer to besides the note's fields.
pub struct Context<'a> {
    pub fields: HashMap<&'a str, &'a str>,
    pub tags: &'a str,
    pub deck: &'a str,
    pub card: &'a str,
    /// The rendered question, for `{{FrontSide}}` on the answer side.
    pub front_side: &'a str,
    /// The answer side shows what `{{type:F}}` asked for; the question side shows nothing.
    pub answer_side: bool,
}

impl Context<'_> {
    fn value(&self, name: &str) -> Option<&str> {
        match name {
            "FrontSide" => Some(self.front_side),
            "Tags" => Some(self.tags),
            "Deck" => Some(self.deck),
            "Subdeck" => Some(self.deck.rsplit("::").next().unwrap_or(self.deck)),
            "Card" => Some(self.card),
            _ => self.fields.get(name).copied(),
        }
    }

    fn non_empty(&self, name: &str) -> bool {
        self.value(name)
            .is_some_and(|v| !super::super::html_to_text(v).trim().is_empty() || v.contains("<img"))
    }
}

/// Renders a template (HTML out, as Anki would show it, minus scripts).
pub fn render(template: &str, ctx: &Context<'_>) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut budget = MAX_TAGS;
    render_into(template, ctx, &mut out, 0, &mut budget);
    out
}

/// The field names a template refers to (to keep the others in the explanation).
pub fn referenced_fields(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let tag = rest[start + 2..start + 2 + len].trim();
        let name = tag.trim_start_matches(['#', '^', '/']);
        let name = name.rsplit(':').next().unwrap_or(name).trim();
        out.push(name.to_string());
        rest = &rest[start + 2 + len + 2..];
    }
    out
}

fn render_into(
    template: &str,
    ctx: &Context<'_>,
    out: &mut String,
    depth: usize,
    budget: &mut usize,
) {
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(len) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return;
        };
        let tag = after[..len].trim();
        rest = &after[len + 2..];
        if let Some(section) = tag.strip_prefix('#').or_else(|| tag.strip_prefix('^')) {
            let section = section.trim();
            let close = format!("{{{{/{section}}}}}");
            let (body, after_close) = match rest.find(&close) {
                Some(end) => (&rest[..end], &rest[end + close.len()..]),
                None => (rest, ""),
            };
            let shown = ctx.non_empty(section) == tag.starts_with('#');
            if shown && depth < MAX_DEPTH {
                render_into(body, ctx, out, depth + 1, budget);
            }
            rest = after_close;
            continue;
        }
        if tag.starts_with('/') || tag.starts_with('!') {
            continue;
        }
        let mut parts: Vec<&str> = tag.split(':').collect();
        let name = parts.pop().unwrap_or("").trim();
        let value = ctx.value(name).unwrap_or("");
        if parts.iter().any(|f| f.trim() == "type") {
            if ctx.answer_side {
                out.push_str(value);
            }
            continue;
        }
        out.push_str(value);
    }
    out.push_str(rest);
}

/// The answer part of a rendered answer: what follows `<hr id=answer>` when the template has
/// it (so the question is not repeated), otherwise all of it.
pub fn answer_part(rendered: &str) -> &str {
    let lower = rendered.to_ascii_lowercase();
    for marker in ["<hr id=answer>", "<hr id=\"answer\">", "<hr id='answer'>"] {
        if let Some(i) = lower.rfind(marker) {
            return &rendered[i + marker.len()..];
        }
    }
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(fields: &[(&'a str, &'a str)], answer_side: bool) -> Context<'a> {
        Context {
            fields: fields.iter().copied().collect(),
            tags: "t1 t2",
            deck: "A::B",
            card: "Card 1",
            front_side: "",
            answer_side,
        }
    }

    #[test]
    fn renders_fields_filters_and_sections() {
        let c = ctx(&[("Front", "F"), ("Back", "B"), ("Add Reverse", "")], false);
        assert_eq!(render("{{Front}}", &c), "F");
        assert_eq!(render("{{#Add Reverse}}{{Back}}{{/Add Reverse}}", &c), "");
        assert_eq!(render("{{^Add Reverse}}none{{/Add Reverse}}", &c), "none");
        assert_eq!(render("{{Front}}\n\n{{type:Back}}", &c), "F\n\n");
        let a = ctx(&[("Front", "F"), ("Back", "B")], true);
        assert_eq!(
            answer_part(&render("{{Front}}<hr id=answer>{{type:Back}}", &a)),
            "B"
        );
        assert_eq!(
            render("{{Deck}}/{{Subdeck}} {{text:Front}} {{Nope}}", &c),
            "A::B/B F "
        );
        assert_eq!(render("{{unclosed", &c), "{{unclosed");
        assert_eq!(
            referenced_fields("{{#Add Reverse}}{{text:Back}}{{/Add Reverse}}"),
            ["Add Reverse", "Back", "Add Reverse"]
        );
    }
}
