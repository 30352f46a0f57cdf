//! Home's first-run welcome: a box over the deck list until the first answer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget, Wrap};

use crate::tui::help::welcome_rows;
use crate::tui::layout::centered;
use crate::tui::theme::Theme;

/// The first-run welcome over the deck list: what recall does each day, what the counts
/// mean, and the keys that matter. Home's keys work under it (the first one closes it).
/// Blank lines go first when the terminal is short.
pub fn render(theme: Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width.min(78);
    let inner = width.saturating_sub(4);
    let keys = Line::from(vec![
        Span::styled("enter", theme.key()),
        Span::styled(" study · ", theme.dim()),
        Span::styled("x", theme.key()),
        Span::styled(" exam date · ", theme.dim()),
        Span::styled("esc", theme.key()),
        Span::styled(" close this · ", theme.dim()),
        Span::styled("?", theme.key()),
        Span::styled(" this again", theme.dim()),
    ]);
    let mut lines = welcome_rows(theme, inner);
    lines.push(Line::from(""));
    lines.push(keys);
    let height = |lines: &Vec<Line<'static>>| {
        Paragraph::new(lines.clone())
            .wrap(Wrap { trim: false })
            .line_count(inner) as u16
            + 2
    };
    if height(&lines) > area.height {
        lines.retain(|l| l.width() > 0);
    }
    let popup = centered(area, width, height(&lines));
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .title(Span::styled(" Welcome to recall ", theme.title()))
                .padding(Padding::horizontal(1)),
        )
        .render(popup, buf);
}
