//! Draws the add-card form: one row per field with its label, multi-line fields over several
//! rows, a hint under the focused field, each problem in words under its field, and the
//! cursor as a reversed cell. Every typed character passes the sanitizer before it is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use recall::import::add::DEFAULT_TITLE;
use recall::text::for_terminal as inert;
use unicode_width::UnicodeWidthStr;

use super::{AddFormState, FieldId, Kind, TextField};
use crate::tui::ctx::Ctx;
use crate::tui::layout;
use crate::tui::theme::Theme;

/// The width of the label column.
const LABEL: usize = 13;
/// The most rows a multi-line field shows (it scrolls to keep the cursor in view).
const MAX_ROWS: usize = 5;

pub fn render(s: &AddFormState, _ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(Span::styled(" Add a card ", theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let width = (inner.width as usize).saturating_sub(LABEL + 1).max(1);
    let mut lines: Vec<Line> = vec![
        Line::from(Span::styled(
            "A card for one of your own decks; it joins today's new cards once saved.",
            theme.dim(),
        )),
        Line::default(),
    ];
    // A blank line between fields when the screen has room for it.
    let spaced = inner.height as usize >= 2 * s.fields().len() + 6;
    let mut cursor_line = 0;
    for id in s.fields() {
        let focused = id == s.focus() && !s.confirm_cancel;
        let label_style = if focused {
            theme.selected()
        } else {
            theme.strong()
        };
        let label = format!("{:<w$}", label_of(s.kind(), id), w = LABEL);
        match s.field(id) {
            None => {
                let mut spans = vec![Span::styled(label, label_style), Span::raw(" ")];
                for k in Kind::ALL {
                    let style = if k == s.kind() {
                        theme.selected()
                    } else {
                        theme.dim()
                    };
                    spans.push(Span::styled(format!(" {} ", k.name()), style));
                    spans.push(Span::raw(" "));
                }
                if focused {
                    cursor_line = lines.len();
                }
                lines.push(Line::from(spans));
            }
            Some(field) => {
                let rows = field_rows(field, focused, width);
                let (line, _) = field.line_and_column();
                for (i, row) in rows.into_iter().enumerate() {
                    let head = if i == 0 {
                        Span::styled(label.clone(), label_style)
                    } else {
                        Span::raw(" ".repeat(LABEL))
                    };
                    if focused && i == line.min(MAX_ROWS - 1) {
                        cursor_line = lines.len();
                    }
                    let mut spans = vec![head, Span::raw(" ")];
                    spans.extend(row.spans);
                    lines.push(Line::from(spans));
                }
            }
        }
        for (_, message) in s.errors.iter().filter(|(f, _)| *f == id) {
            lines.push(under(format!("✗ {}", inert(message)), theme.error()));
        }
        if focused {
            if let Some(hint) = hint(s, id) {
                lines.push(under(hint, theme.dim()));
            }
        }
        if spaced {
            lines.push(Line::default());
        }
    }
    if let Some(failure) = &s.failure {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("Not saved: {}", inert(failure)),
            theme.error(),
        )));
    }
    // Keep the focused row in view when the form is taller than the screen.
    let height = inner.height as usize;
    let skip = (cursor_line + 2).saturating_sub(height);
    Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).render(inner, buf);
    if s.confirm_cancel {
        let popup = layout::centered(area, 44, 5);
        Clear.render(popup, buf);
        Paragraph::new(vec![
            Line::from("Throw away this card?"),
            Line::from(Span::styled("y: discard it · n: keep editing", theme.dim())),
        ])
        .block(Block::bordered().title(Span::styled(" Leave the form ", theme.title())))
        .render(popup, buf);
    }
}

/// A line under a field, indented past the labels.
fn under(text: String, style: Style) -> Line<'static> {
    Line::from(vec![
        Span::raw(" ".repeat(LABEL + 1)),
        Span::styled(text, style),
    ])
}

fn label_of(kind: Kind, id: FieldId) -> &'static str {
    match (id, kind) {
        (FieldId::Deck, _) => "Deck",
        (FieldId::Kind, _) => "Kind",
        (FieldId::Front, Kind::Cloze) => "Text",
        (FieldId::Front, _) => "Front",
        (FieldId::Back, Kind::Choice) => "Options",
        (FieldId::Back, _) => "Back",
        (FieldId::Explain, _) => "Explanation",
        (FieldId::Tags, _) => "Tags",
    }
}

/// What the focused field takes, in a few words.
fn hint(s: &AddFormState, id: FieldId) -> Option<String> {
    Some(match (id, s.kind()) {
        (FieldId::Deck, _) => {
            let typed = s.deck_id();
            let which = match s.decks.iter().find(|d| d.id == typed) {
                Some(d) => format!("your deck \"{}\"", inert(&d.title)),
                None if typed.is_empty() => "no deck yet".to_string(),
                None if typed == recall::import::add::DEFAULT_DECK => {
                    format!("a new deck \"{DEFAULT_TITLE}\"")
                }
                None => format!("a new deck \"{typed}\""),
            };
            format!("{which} · ↑/↓ your decks, or type a new name")
        }
        (FieldId::Kind, _) => {
            "←/→ change · basic: front and back · cloze: hidden gaps · choice: options".into()
        }
        (FieldId::Front, Kind::Cloze) => {
            "hide parts in {{…}} (or {{c1::…}}) · enter: new line".into()
        }
        (FieldId::Back, Kind::Choice) => {
            "one option per line · * before the right one (or two)".into()
        }
        (FieldId::Front | FieldId::Back | FieldId::Explain, _) => {
            "enter: new line · tab: next field · ctrl-s: save".into()
        }
        (FieldId::Tags, _) => "optional · separated by spaces or commas".into(),
    })
}

/// The rows a text field shows: at most `MAX_ROWS`, scrolled to the cursor's line; the
/// cursor's line scrolled sideways to keep the cursor in view.
fn field_rows(field: &TextField, focused: bool, width: usize) -> Vec<Line<'static>> {
    let (line, _) = field.line_and_column();
    let all: Vec<&str> = field.text.split('\n').collect();
    let max = if all.len() > 1 || focused {
        MAX_ROWS
    } else {
        1
    };
    let first = (line + 1).saturating_sub(max);
    let mut rows = Vec::new();
    for (i, text) in all.iter().enumerate().skip(first).take(max) {
        if focused && i == line {
            rows.push(cursor_row(text, field.cursor - start_of(&all, i), width));
        } else {
            rows.push(Line::from(clip(&inert(text), width)));
        }
    }
    rows
}

/// The byte offset where line `i` of `lines` starts in the text they were split from.
fn start_of(lines: &[&str], i: usize) -> usize {
    lines[..i].iter().map(|l| l.len() + 1).sum()
}

/// The line with the cursor: the text before it, the character under it reversed, the rest;
/// the start dropped while the cursor would be past the width.
fn cursor_row(text: &str, at: usize, width: usize) -> Line<'static> {
    let before = inert(&text[..at]);
    let rest = &text[at..];
    let under = match rest.chars().next() {
        Some(c) => inert(&rest[..c.len_utf8()]).into_owned(),
        None => " ".to_string(),
    };
    let after = inert(&rest[rest.chars().next().map_or(0, char::len_utf8)..]).into_owned();
    // Keep the end of the text before the cursor that fits beside it.
    let mut used = under.width();
    let mut keep = before.len();
    for (i, c) in before.char_indices().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            break;
        }
        keep = i;
    }
    let before = before[keep..].to_string();
    let room = width.saturating_sub(before.width() + under.width());
    Line::from(vec![
        Span::raw(before),
        Span::styled(under, Style::default().add_modifier(Modifier::REVERSED)),
        Span::raw(clip(&after, room)),
    ])
}

/// The longest start of `s` that fits in `width` columns.
fn clip(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            break;
        }
        out.push(c);
    }
    out
}
