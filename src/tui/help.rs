//! The frame's key hints: the footer line, and the `?` overlay: every key of the screen
//! underneath, then (on Home) the first-run welcome, then the glossary of the words recall
//! shows. The overlay scrolls (j/k) when it is taller than the terminal. Reads the tables in
//! `keys` and `glossary`; knows no screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::glossary::{Part, GLOSSARY, WELCOME};
use crate::tui::keys::hints;
use crate::tui::keys::Mode;
use crate::tui::layout::centered;
use crate::tui::text::hanging;
use crate::tui::theme::Theme;

/// The widest the overlay gets: longer lines wrap.
const MAX_WIDTH: u16 = 80;

/// The welcome wrapped to `width` columns, each count's meaning hanging under itself and the
/// counts' names in their colours as Home's table heads them. Home's first-run box and its
/// help both use it.
pub fn welcome_rows(theme: Theme, width: u16) -> Vec<Line<'static>> {
    let mut rows = Vec::new();
    for part in WELCOME {
        match *part {
            Part::Text(t) => rows.extend(hanging(vec![], vec![Line::from(t)], width)),
            Part::Count(name, what) => {
                let style = match name {
                    "New" => theme.new_count(),
                    "Learn" => theme.learn_count(),
                    _ => theme.due_count(),
                };
                let marker = vec![Span::styled(format!("  {name:<6}"), style)];
                rows.extend(hanging(marker, vec![Line::from(what)], width));
            }
            Part::Blank => rows.push(Line::from("")),
        }
    }
    rows
}

/// The overlay's box inside `area` for `mode`, and its lines wrapped to fit it.
fn layout(mode: Mode, theme: Theme, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let width = area.width.min(MAX_WIDTH);
    let inner = width.saturating_sub(2);
    let keys = hints::help(mode);
    let key_w = keys
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for (k, what) in keys {
        let marker = vec![Span::styled(format!(" {k:<key_w$}  "), theme.key())];
        lines.extend(hanging(marker, vec![Line::from(*what)], inner));
    }
    if matches!(mode, Mode::Home | Mode::Welcome) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(" First steps", theme.title())));
        // Wrapped here (not by the overlay) so that the scroll limit counts real lines.
        for mut row in welcome_rows(theme, inner.saturating_sub(1)) {
            row.spans.insert(0, Span::raw(" "));
            lines.push(row);
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " Words recall uses",
        theme.title(),
    )));
    let word_w = GLOSSARY.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
    for (word, what) in GLOSSARY {
        let marker = vec![Span::styled(format!(" {word:<word_w$}  "), theme.strong())];
        lines.extend(hanging(marker, vec![Line::from(*what)], inner));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " esc or ? closes this help",
        theme.dim(),
    )));
    let popup = centered(area, width, lines.len() as u16 + 2);
    (popup, lines)
}

/// How far the overlay for `mode` can scroll in `area`: its lines beyond the box.
pub fn scroll_limit(mode: Mode, area: Rect) -> u16 {
    let (popup, lines) = layout(mode, Theme::new(false), area);
    (lines.len() as u16).saturating_sub(popup.height.saturating_sub(2))
}

/// The overlay's text for `mode` at `width` columns, one string (tests read it).
#[cfg(test)]
pub fn lines_for_test(mode: Mode, width: u16) -> String {
    let (_, lines) = layout(mode, Theme::new(false), Rect::new(0, 0, width, 24));
    let rows: Vec<String> = lines.iter().map(ToString::to_string).collect();
    rows.join("\n")
}

/// The help overlay for `mode`, scrolled down `scroll` lines, centred over the screen.
pub fn render(mode: Mode, scroll: u16, theme: Theme, area: Rect, buf: &mut Buffer) {
    let (popup, lines) = layout(mode, theme, area);
    let more = (lines.len() as u16).saturating_sub(popup.height.saturating_sub(2));
    let scroll = scroll.min(more);
    let mut block = Block::bordered().title(Span::styled(" Help ", theme.title()));
    if more > 0 {
        let hint = if scroll < more {
            " j/k: more "
        } else {
            " k: back up "
        };
        block = block.title_bottom(Line::from(Span::styled(hint, theme.key())).right_aligned());
    }
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .scroll((scroll, 0))
        .block(block)
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
