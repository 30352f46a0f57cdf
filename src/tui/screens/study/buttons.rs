//! The rating row under a revealed card: Anki's four buttons, each with its key, its meaning
//! in words and its interval in readable units ("10 min", "6 days", "1.2 months").
//!
//! Wide terminals get four columns of two lines (key, name, interval; then the meaning);
//! narrower ones a two-by-two grid, with the meaning after the interval where it fits and
//! dropped before the units are. Used only by `view.rs`; `card.rs` gives it its height.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use recall::schedule::Outcome;

use crate::tui::theme::Theme;

/// The buttons' names, Anki's.
pub const NAMES: [&str; 4] = ["Again", "Hard", "Good", "Easy"];
/// What each button means, in words, long and short.
pub const MEANINGS: [&str; 4] = ["forgot", "remembered with effort", "remembered", "too easy"];
const SHORT_MEANINGS: [&str; 4] = ["forgot", "with effort", "remembered", "too easy"];

/// The width of one column below which the four buttons go two by two.
const FOUR_ACROSS: u16 = 19;

/// Draws the four buttons into `area` (two lines high).
pub fn render(outcomes: &[Outcome; 4], theme: Theme, area: Rect, buf: &mut Buffer) {
    let lines = lines(outcomes, area.width, theme);
    for (i, line) in lines.into_iter().enumerate().take(area.height.into()) {
        let row = Rect {
            y: area.y + i as u16,
            height: 1,
            ..area
        };
        line.render(row, buf);
    }
}

/// The key, the name and the interval of button `i`: `1 Again  10 min`.
fn head(i: usize, o: &Outcome, theme: Theme) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{} ", i + 1), theme.key()),
        Span::styled(NAMES[i], theme.rating(i)),
        Span::raw(format!("  {}", o.interval.words())),
    ]
}

fn width(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}

/// Pads `spans` to `w` columns (the cell's width), so the next cell starts in its column.
fn pad(mut spans: Vec<Span<'static>>, w: usize) -> Vec<Span<'static>> {
    let used = width(&spans);
    if used < w {
        spans.push(Span::raw(" ".repeat(w - used)));
    }
    spans
}

/// The rating row as two lines for `width` columns.
pub fn lines(outcomes: &[Outcome; 4], width_cols: u16, theme: Theme) -> [Line<'static>; 2] {
    let inner = width_cols.saturating_sub(1);
    let col = inner / 4;
    if col >= FOUR_ACROSS {
        let col = usize::from(col);
        let mut top = vec![Span::raw(" ")];
        let mut bottom = vec![Span::raw(" ")];
        for (i, o) in outcomes.iter().enumerate() {
            top.extend(pad(head(i, o, theme), col));
            let meaning = if MEANINGS[i].len() + 2 <= col {
                MEANINGS[i]
            } else {
                SHORT_MEANINGS[i]
            };
            bottom.extend(pad(
                vec![Span::styled(format!("  {meaning}"), theme.dim())],
                col,
            ));
        }
        return [Line::from(top), Line::from(bottom)];
    }
    // Two by two: Again and Hard above Good and Easy, each cell half the width.
    let cell = usize::from(inner / 2);
    let row = |a: usize| {
        let mut spans = vec![Span::raw(" ")];
        for i in [a, a + 1] {
            let mut s = head(i, &outcomes[i], theme);
            for meaning in [MEANINGS[i], SHORT_MEANINGS[i]] {
                if width(&s) + 3 + meaning.len() < cell {
                    s.push(Span::styled(format!(" · {meaning}"), theme.dim()));
                    break;
                }
            }
            spans.extend(pad(s, cell));
        }
        Line::from(spans)
    };
    [row(0), row(2)]
}

/// The rating row's height: two lines.
pub const HEIGHT: u16 = 2;
