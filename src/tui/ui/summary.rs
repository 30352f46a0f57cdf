//! The end of a session: what was done and what comes tomorrow.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use recall::text::{count, for_terminal as inert};

use super::duration;
use crate::tui::app::SummaryState;
use crate::tui::theme::Theme;

pub fn render(s: &SummaryState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let names = ["Again", "Hard", "Good", "Easy"];
    let mut ratings = vec![Span::raw("  Ratings   ")];
    for (i, name) in names.iter().enumerate() {
        ratings.push(Span::styled(
            format!("{name} {}", s.stats.ratings[i]),
            theme.rating(i),
        ));
        ratings.push(Span::raw("   "));
    }
    let mut lines = vec![
        Line::from(""),
        Line::from(vec![
            Span::raw("  Answers   "),
            Span::styled(s.stats.studied.to_string(), theme.strong()),
        ]),
        Line::from(ratings),
        Line::from(format!("  Time      {}", duration(s.elapsed_ms))),
        Line::from(format!(
            "  Tomorrow  {} due",
            count(s.due_tomorrow as u64, "card")
        )),
    ];
    if s.next_learning.is_some() {
        lines.push(Line::from(Span::styled(
            "  Some learning cards come back later today.",
            theme.dim(),
        )));
    }
    Paragraph::new(lines)
        .block(Block::bordered().title(Span::styled(
            format!(" Session done · {} ", inert(&s.title)),
            theme.title(),
        )))
        .render(area, buf);
}
