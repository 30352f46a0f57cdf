//! Layout arithmetic that both updates and views need: the frame's split into body, status
//! line and footer, the smallest size drawn, a centred box, and the one scroll step.
//!
//! Plain values in, plain values out: this file imports nothing from the TUI, so updates
//! (which must stop scrolling at the last line) and views (which draw it) both sit above it.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the screens cannot be laid out; a short notice is drawn instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Whether the screens can be drawn at this size; below it keys are ignored too, so nothing
/// is rated or chosen unseen.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// The whole frame as [screen body, status line, footer]: the one place this split is written.
pub fn frame(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The screen body at a terminal of `size` (columns, rows): what an update measures a text
/// against, exactly as the view will draw it.
pub fn body(size: (u16, u16)) -> Rect {
    frame(Rect::new(0, 0, size.0, size.1))[0]
}

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// One scroll step from `at`, down or up, never past `limit` (the lines beyond the box) nor
/// above the top. `at` may be stale (the terminal shrank or grew), so it is clamped first.
pub fn scroll<T>(at: T, limit: T, down: bool) -> T
where
    T: Copy + Ord + std::ops::Add<Output = T> + std::ops::Sub<Output = T> + From<u8>,
{
    let (zero, one) = (T::from(0), T::from(1));
    let at = at.min(limit);
    match (down, at < limit, at > zero) {
        (true, true, _) => at + one,
        (true, false, _) => limit,
        (false, _, true) => at - one,
        (false, _, false) => zero,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_stops_at_both_ends_and_clamps_a_stale_position() {
        assert_eq!(scroll(0u16, 3, true), 1);
        assert_eq!(scroll(3u16, 3, true), 3);
        assert_eq!(scroll(9u16, 3, true), 3);
        assert_eq!(scroll(9u16, 3, false), 2);
        assert_eq!(scroll(0usize, 0, false), 0);
        assert_eq!(scroll(0usize, 0, true), 0);
    }

    #[test]
    fn the_body_leaves_the_last_two_rows_to_status_and_footer() {
        assert_eq!(body((80, 24)), Rect::new(0, 0, 80, 22));
        assert_eq!(body((40, 10)), Rect::new(0, 0, 40, 8));
    }
}
