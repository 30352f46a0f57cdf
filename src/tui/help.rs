//! The frame's key hints: the footer line and the `?` overlay with every key of the screen
//! underneath. Reads the tables in `keys`; knows no screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::keys::hints;
use crate::tui::keys::Mode;
use crate::tui::layout::centered;
use crate::tui::theme::Theme;

/// The help overlay: every key of `mode`, centred over the screen.
pub fn render(mode: Mode, theme: Theme, area: Rect, buf: &mut Buffer) {
    let keys = hints::help(mode);
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

/// The key hints at the bottom of every screen: `key action · key action`.
pub fn footer_line(keys: &[(&'static str, &'static str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(*what, theme.dim()));
    }
    Line::from(spans)
}
