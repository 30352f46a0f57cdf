//! Home: the decks with what is due today.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Widget, Wrap};
use recall::text::inert;

use crate::tui::app::{App, HomeState};
use crate::tui::theme::Theme;

pub fn render(app: &App, home: &HomeState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let [title, table_area, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(area);
    Line::from(vec![
        Span::styled(" recall", theme.title()),
        Span::styled("  study what is due today", theme.dim()),
    ])
    .render(title, buf);

    let num = |n: usize, style| {
        Cell::from(Span::styled(
            format!("{n:>5}"),
            if n > 0 { style } else { theme.dim() },
        ))
    };
    let mut rows: Vec<Row> = home
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let row = Row::new(vec![
                Cell::from(inert(&r.title).into_owned()),
                num(r.due.new, theme.new_count()),
                num(r.due.learning, theme.learn_count()),
                num(r.due.review, theme.due_count()),
            ]);
            if i == home.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    rows.push(
        Row::new(vec![
            Cell::from(Span::styled("All decks", theme.strong())),
            num(home.total.new, theme.new_count()),
            num(home.total.learning, theme.learn_count()),
            num(home.total.review, theme.due_count()),
        ])
        .top_margin(1),
    );
    let header = Row::new(["Deck", "  New", "Learn", "  Due"]).style(theme.strong());
    Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(5),
        ],
    )
    .header(header)
    .column_spacing(2)
    .block(Block::bordered().title(Span::styled(" Decks ", theme.title())))
    .render(table_area, buf);

    let _ = app;
    if let Some(r) = home.rows.get(home.selected) {
        let section = if r.section.is_empty() {
            String::new()
        } else {
            format!("{} · ", inert(&r.section))
        };
        Paragraph::new(Line::from(vec![
            Span::raw(" "),
            Span::styled(section, theme.dim()),
            Span::styled(format!("{} cards", r.cards), theme.dim()),
        ]))
        .wrap(Wrap { trim: true })
        .render(detail, buf);
    }
}
