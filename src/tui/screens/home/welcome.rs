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
    let rows = |lines: &[Line<'static>]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(inner) as u16
    };
    let mut body = welcome_rows(theme, inner);
    let keys_rows = rows(std::slice::from_ref(&keys));
    // Border, the body, a blank line, the keys.
    let mut height = rows(&body) + 1 + keys_rows + 2;
    if height > area.height {
        body.retain(|l| l.width() > 0);
        height = rows(&body) + keys_rows + 2;
    }
    let popup = centered(area, width, height.min(area.height));
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(Span::styled(" Welcome to recall ", theme.title()))
        .padding(Padding::horizontal(1));
    let inside = block.inner(popup);
    block.render(popup, buf);
    // The keys always show, at the bottom; on a terminal too short for the whole text, its
    // end gives way to a line saying where to read it all.
    let keys_rows = keys_rows.min(inside.height);
    let mut body_area = Rect {
        height: inside.height - keys_rows,
        ..inside
    };
    let keys_area = Rect {
        y: inside.y + body_area.height,
        height: keys_rows,
        ..inside
    };
    if rows(&body) > body_area.height && body_area.height > 0 {
        let more_area = Rect {
            y: body_area.y + body_area.height - 1,
            height: 1,
            ..body_area
        };
        body_area.height -= 1;
        Paragraph::new(Line::styled("… (? on Home shows all of it)", theme.dim()))
            .render(more_area, buf);
    } else if rows(&body) < body_area.height {
        // The blank line before the keys.
        body_area.height = rows(&body);
    }
    Paragraph::new(body)
        .wrap(Wrap { trim: false })
        .render(body_area, buf);
    Paragraph::new(keys)
        .wrap(Wrap { trim: false })
        .render(keys_area, buf);
}
