//! Home: the decks with what is due today.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, Widget, Wrap};
use recall::text::{count, for_terminal as inert};

use super::centered;
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
            Span::styled(count(r.cards as u64, "card"), theme.dim()),
        ]))
        .wrap(Wrap { trim: true })
        .render(detail, buf);
    }
    if let Some(input) = &home.prompt {
        import_prompt(input, theme, area, buf);
    } else if let Some(report) = &home.report {
        import_report(report, theme, area, buf);
    }
}

/// The `i` prompt: one line of input with a cursor, and what it accepts.
fn import_prompt(input: &str, theme: Theme, area: Rect, buf: &mut Buffer) {
    let popup = centered(area, 70, 6);
    Clear.render(popup, buf);
    // Show the end of a long path: that is where the typing happens.
    let room = popup.width.saturating_sub(6) as usize;
    let shown: String = {
        let chars: Vec<char> = inert(input).chars().collect();
        chars[chars.len().saturating_sub(room)..].iter().collect()
    };
    Paragraph::new(vec![
        Line::from(Span::styled(
            " Anki .txt, .csv, .tsv, Quizlet, Markdown (Q:/A:/C:) or .toml",
            theme.dim(),
        )),
        Line::from(""),
        Line::from(vec![
            Span::styled(" > ", theme.key()),
            Span::raw(shown),
            Span::styled("▏", theme.key()),
        ]),
    ])
    .block(Block::bordered().title(Span::styled(" Import a deck file ", theme.title())))
    .render(popup, buf);
}

/// The import report: counts, then each skipped line.
fn import_report(report: &[String], theme: Theme, area: Rect, buf: &mut Buffer) {
    let height = (report.len() as u16 + 4).min(area.height);
    let popup = centered(area, area.width.saturating_sub(4), height);
    Clear.render(popup, buf);
    let mut lines: Vec<Line> = report
        .iter()
        .map(|l| Line::from(format!(" {}", inert(l))))
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " enter: back to decks",
        theme.dim(),
    )));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(Span::styled(" Imported ", theme.title())))
        .render(popup, buf);
}
