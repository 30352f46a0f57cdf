//! The `?` overlay: every key of the screen underneath.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::centered;
use crate::tui::keys::{self, Mode};
use crate::tui::theme::Theme;

pub fn render(mode: Mode, theme: Theme, area: Rect, buf: &mut Buffer) {
    let keys = keys::help(mode);
    let key_w = keys
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = keys
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$}  "), theme.key()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " esc or ? closes this help",
        theme.dim(),
    )));
    let width = lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 4;
    let popup = centered(area, width, lines.len() as u16 + 2);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(Block::bordered().title(Span::styled(" Keys ", theme.title())))
        .render(popup, buf);
}
