//! Card text as terminal lines: control characters made inert, light Markdown shown plainly,
//! hanging indents, and a box that scrolls with "more" marks on its border.
//!
//! Used by the screens' views and measuring files alike; imports only `theme`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use recall::text::for_terminal as inert;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::tui::theme::Theme;

/// Splits card text into lines, rendering `code`, **strong** and *emphasis* with styles
/// instead of showing their markers. Every character passes through `inert` first.
pub fn card_lines(text: &str, base: Style, theme: Theme) -> Vec<Line<'static>> {
    inert(text)
        .split('\n')
        .map(|line| Line::from(spans(line, base, theme)))
        .collect()
}

fn spans(line: &str, base: Style, theme: Theme) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let next = [
            ("`", theme.code()),
            ("**", theme.strong()),
            ("*", theme.emphasis()),
        ]
        .into_iter()
        .filter_map(|(mark, style)| {
            let start = rest.find(mark)?;
            let len = rest[start + mark.len()..].find(mark)?;
            (len > 0).then_some((start, mark, len, style))
        })
        .min_by_key(|&(start, mark, ..)| (start, usize::MAX - mark.len()));
        let Some((start, mark, len, style)) = next else {
            out.push(Span::styled(rest.to_string(), base));
            break;
        };
        if start > 0 {
            out.push(Span::styled(rest[..start].to_string(), base));
        }
        let inner = &rest[start + mark.len()..start + mark.len() + len];
        out.push(Span::styled(inner.to_string(), base.patch(style)));
        rest = &rest[start + 2 * mark.len() + len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn markers_are_hidden_and_styled() {
        let t = Theme::new(true);
        let lines = card_lines(
            "Use `aws s3 cp` for **big** *files*\nline 2",
            Style::new(),
            t,
        );
        assert_eq!(plain(&lines), ["Use aws s3 cp for big files", "line 2"]);
        assert_eq!(lines[0].spans[1].style, t.code());
    }

    #[test]
    fn unmatched_markers_stay() {
        let lines = card_lines("2 * 3 and a `tick", Style::new(), Theme::new(false));
        assert_eq!(plain(&lines), ["2 * 3 and a `tick"]);
    }

    #[test]
    fn escapes_are_inert() {
        let lines = card_lines("\x1b[2Jboom", Style::new(), Theme::new(false));
        assert_eq!(plain(&lines), ["␛[2Jboom"]);
    }

    /// What ratatui counts (grapheme by grapheme) must be what a terminal advances (code point
    /// by code point, as wcwidth does): otherwise letters are left behind on redraw.
    #[test]
    fn emoji_take_the_cells_the_terminal_draws() {
        let samples = [
            "👩\u{200D}💻 dev",
            "I ❤\u{FE0F} S3",
            "🇩🇪 and 🇫🇷",
            "👍\u{1F3FD} ok",
            "👩\u{200D}👩\u{200D}👧 family",
            "❤\u{FE0F}\u{200D}🔥 hot",
            "1\u{FE0F}\u{20E3} keycap",
        ];
        for s in samples {
            let lines = card_lines(s, Style::new(), Theme::new(false));
            let shown: String = plain(&lines).concat();
            let terminal: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(lines[0].width(), terminal, "{s:?} shown as {shown:?}");
        }
    }
}

/// How many lines `text` (already set to wrap) runs past a bordered box filling `area`:
/// how far it can scroll, so that scrolling stops at its last line.
pub fn scroll_room(text: &Paragraph, area: Rect) -> u16 {
    let total = text.line_count(area.width.saturating_sub(2));
    u16::try_from(total)
        .unwrap_or(u16::MAX)
        .saturating_sub(area.height.saturating_sub(2))
}

/// Draws `text` in `block` scrolled down `scroll` lines (at most to its end); when some of it
/// is out of sight the bottom border says so and which key shows it.
pub fn render_scrolled(
    text: Paragraph,
    block: Block,
    scroll: u16,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let room = scroll_room(&text, area);
    let scroll = scroll.min(room);
    let mut block = block;
    let more_below = scroll < room;
    if scroll > 0 || more_below {
        let hint = match (scroll > 0, more_below) {
            (true, true) => " ↑↓ more: j/k ",
            (false, _) => " ↓ more: j ",
            (true, false) => " ↑ k ",
        };
        block = block.title_bottom(Line::from(Span::styled(hint, theme.key())).right_aligned());
    }
    text.scroll((scroll, 0)).block(block).render(area, buf);
}

/// Lines after a marker such as `( ) 1) `, word-wrapped to `width` columns so that every
/// continuation line starts under the text, not under the marker.
pub fn hanging(
    marker: Vec<Span<'static>>,
    body: Vec<Line<'static>>,
    width: u16,
) -> Vec<Line<'static>> {
    let indent: usize = marker.iter().map(Span::width).sum();
    // Too narrow to indent: the marker's width would leave almost nothing for the text.
    let avail = usize::from(width).saturating_sub(indent).max(8);
    let mut rows: Vec<Vec<Span<'static>>> = Vec::new();
    for line in body {
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0usize;
        let mut pending: Option<Span<'static>> = None;
        for span in line.spans {
            for piece in pieces(&span.content) {
                let piece_w = piece.width();
                if piece.starts_with(char::is_whitespace) {
                    // Leading spaces of a line are kept; between words they wait for the
                    // next word, and are dropped where the line breaks.
                    if used == 0 && row.is_empty() {
                        used += piece_w;
                        row.push(Span::styled(piece.to_string(), span.style));
                    } else {
                        pending = Some(Span::styled(piece.to_string(), span.style));
                    }
                    continue;
                }
                let gap = pending.as_ref().map_or(0, Span::width);
                if used > 0 && used + gap + piece_w > avail {
                    rows.push(std::mem::take(&mut row));
                    used = 0;
                    pending = None;
                }
                if let Some(space) = pending.take() {
                    used += space.width();
                    row.push(space);
                }
                // A word longer than a whole line is cut where the line ends.
                let mut word = piece;
                while used + word.width() > avail {
                    let cut = split_at_width(word, avail - used);
                    row.push(Span::styled(word[..cut].to_string(), span.style));
                    rows.push(std::mem::take(&mut row));
                    used = 0;
                    word = &word[cut..];
                }
                used += word.width();
                row.push(Span::styled(word.to_string(), span.style));
            }
        }
        rows.push(row);
    }
    let pad = " ".repeat(indent);
    rows.into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            let lead = if i == 0 {
                marker.clone()
            } else {
                vec![Span::raw(pad.clone())]
            };
            row.splice(0..0, lead);
            Line::from(row)
        })
        .collect()
}

/// A text cut into words and the runs of whitespace between them.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut last_space = None;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if last_space.is_some_and(|l| l != space) {
            out.push(&text[start..i]);
            start = i;
        }
        last_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The byte index where `word` reaches `cols` columns; at least one character, so that
/// cutting always moves on.
fn split_at_width(word: &str, cols: usize) -> usize {
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > cols && i > 0 {
            return i;
        }
        used += w;
    }
    word.len()
}

#[cfg(test)]
mod hanging_tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn continuation_lines_start_under_the_text() {
        let body = card_lines(
            "one two three four five six",
            Style::new(),
            Theme::new(false),
        );
        let lines = hanging(vec![Span::raw("( ) 1) ")], body, 20);
        assert_eq!(
            plain(&lines),
            ["( ) 1) one two three", "       four five six"]
        );
        // A word longer than the line is cut, an explicit line break is kept.
        let body = card_lines("abcdefghijklmno\nx", Style::new(), Theme::new(false));
        let lines = hanging(vec![Span::raw("1) ")], body, 11);
        assert_eq!(plain(&lines), ["1) abcdefgh", "   ijklmno", "   x"]);
    }
}

/// `s` cut to at most `width` columns, ending in "…" when it was cut (titles on a narrow
/// terminal: a cut shows, instead of running into what is beside it).
pub fn ellipsize(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod ellipsize_tests {
    use super::ellipsize;

    #[test]
    fn a_cut_title_ends_in_an_ellipsis_and_fits() {
        assert_eq!(ellipsize("Storage classes", 20), "Storage classes");
        assert_eq!(ellipsize("Storage classes", 8), "Storage…");
        assert_eq!(ellipsize("世界世界", 5), "世界…");
        assert_eq!(ellipsize("abc", 0), "");
    }
}
