//! Draws the browser: the search box and the line under it (the error with its column, or
//! the count and the sort), the table's header and the rows in view, or the card page.
//! Reads the state only; every measure comes from `table.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};
use recall::text::{count, for_terminal as inert};

use super::table::{self, Column};
use super::{page, BrowseState};
use crate::tui::ctx::Ctx;
use crate::tui::text::ellipsize;
use crate::tui::theme::Theme;

/// Draws the browser into the screen body.
pub fn render(s: &BrowseState, ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
    if let Some(p) = &s.page {
        page::render(p, &s.index, ctx, theme, area, buf);
        return;
    }
    let line = |y: u16| Rect {
        y: area.y + y,
        height: 1,
        ..area
    };
    if area.height < table::HEAD_LINES + 1 {
        return;
    }
    search_box(s, theme, line(0), buf);
    under_box(s, theme, line(1), buf);
    let cols = table::columns(area.width);
    rows(
        s,
        &cols,
        theme,
        Rect {
            y: area.y + 2,
            height: area.height - 2,
            ..area
        },
        buf,
    );
}

fn search_box(s: &BrowseState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![Span::styled("Search: ", theme.title())];
    if let Some(due) = &s.due_prompt {
        spans = vec![
            Span::styled("Due in days (0 today, 3, or 1-7 spread): ", theme.title()),
            Span::raw(due.clone()),
            Span::styled("█", theme.key()),
        ];
    } else {
        spans.push(Span::raw(inert(&s.query).into_owned()));
        if s.typing {
            spans.push(Span::styled("█", theme.key()));
        } else if s.query.is_empty() {
            spans.push(Span::styled(
                "/ to search: words, deck:, tag:, is:due, prop:lapses>3, -, or (docs/search.md)",
                theme.dim(),
            ));
        }
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The query's error with a caret under its column, or what is shown and how it is sorted.
fn under_box(s: &BrowseState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let line = match &s.error {
        Some(e) => {
            // "Search: " is 8 columns; the caret sits under the column the error names.
            let pad = 8 + e.column.saturating_sub(1);
            Line::from(vec![
                Span::raw(" ".repeat(pad.min(usize::from(area.width) / 2))),
                Span::styled(
                    format!(
                        "^ column {}: {} (showing the last good search)",
                        e.column,
                        inert(&e.message)
                    ),
                    theme.error(),
                ),
            ])
        }
        None => {
            let arrow = if s.descending { "▼" } else { "▲" };
            let mut text = format!(
                "{} of {} · sorted by {} {arrow}",
                count(s.shown.len() as u64, "card"),
                s.index.facts().len(),
                table::sort_name(s.sort)
            );
            if s.marks > 0 {
                text.push_str(&format!(" · {} marked", s.marks));
            }
            Line::from(Span::styled(text, theme.dim()))
        }
    };
    Paragraph::new(line).render(area, buf);
}

/// The header and the rows in view; only those rows are formatted.
fn rows(s: &BrowseState, cols: &[Column], theme: Theme, area: Rect, buf: &mut Buffer) {
    let arrow = if s.descending { "▼" } else { "▲" };
    let header = Row::new(std::iter::once(Cell::from("")).chain(cols.iter().map(|c| {
        if c.key == s.sort {
            Cell::from(format!("{}{arrow}", c.title)).style(theme.key())
        } else {
            Cell::from(c.title)
        }
    })))
    .style(theme.title());
    let height = usize::from(area.height.saturating_sub(1));
    let end = (s.offset + height).min(s.shown.len());
    let facts = s.index.facts();
    let body = s.shown[s.offset.min(end)..end]
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let f = &facts[i as usize];
            let mark = if s.marked[i as usize] { "●" } else { " " };
            let cells = std::iter::once(Cell::from(mark)).chain(cols.iter().map(|c| {
                let text = table::cell(f, c.key);
                Cell::from(ellipsize(&inert(&text), usize::from(c.width)))
            }));
            let row = Row::new(cells);
            if s.offset + k == s.cursor {
                row.style(theme.selected())
            } else if !f.is_active() {
                row.style(theme.dim())
            } else {
                row
            }
        });
    let widths: Vec<Constraint> = std::iter::once(Constraint::Length(1))
        .chain(cols.iter().map(|c| Constraint::Length(c.width)))
        .collect();
    if s.shown.is_empty() {
        Paragraph::new(vec![
            Line::from(""),
            Line::from(Span::styled("  No card matches this search.", theme.dim())),
        ])
        .render(area, buf);
    }
    Table::new(body, widths)
        .header(header)
        .column_spacing(1)
        .render(area, buf);
}
