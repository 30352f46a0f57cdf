//! The end of a study session: what was done and what comes tomorrow.
//!
//! Built from the finished session's core data (never from the study screen's state), so it
//! imports no other screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use recall::schedule::{Millis, Phase};
use recall::study::{Session, SessionStats};
use recall::text::{count, for_terminal as inert};
use recall::timefmt::duration;

use crate::tui::action::{Action, Nav};
use crate::tui::ctx::Ctx;
use crate::tui::keys::Mode;
use crate::tui::theme::Theme;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryState {
    pub title: String,
    pub stats: SessionStats,
    pub elapsed_ms: Millis,
    pub due_tomorrow: usize,
    /// When learning cards wait for later today, when the next one is due.
    pub next_learning: Option<Millis>,
}

impl SummaryState {
    /// The summary of `session` (titled `title`); None when nothing was answered in it.
    pub fn after(ctx: &Ctx, session: &Session, title: &str) -> Option<SummaryState> {
        let stats = session.stats();
        if stats.studied == 0 {
            return None;
        }
        let tomorrow = ctx.scheduler.day_of(ctx.now) + 1;
        let tomorrow_start = ctx.scheduler.day_start(tomorrow);
        let tomorrow_end = ctx.scheduler.day_start(tomorrow + 1);
        // Learning cards due later today come back today, not tomorrow; reviews left over
        // today (past the daily limit) do wait for tomorrow.
        let due_tomorrow = ctx
            .collection
            .cards
            .iter()
            .filter(|e| {
                session.scope.contains(e)
                    && !e.suspended
                    && !e.archived
                    && e.state.phase != Phase::New
                    && e.state.due < tomorrow_end
                    && !(matches!(e.state.phase, Phase::Learning | Phase::Relearning)
                        && e.state.due < tomorrow_start)
            })
            .count();
        Some(SummaryState {
            title: title.to_string(),
            stats,
            elapsed_ms: ctx.now - session.started(),
            due_tomorrow,
            // A learning card left on screen early waits for later today too.
            next_learning: session
                .next_learning_due(&ctx.collection)
                .or_else(|| session.early_due(&ctx.collection, ctx.now)),
        })
    }

    pub fn mode(&self) -> Mode {
        Mode::Summary
    }

    pub fn update(&mut self, _ctx: &mut Ctx, action: Action) -> Option<Nav> {
        match action {
            Action::Back | Action::Open | Action::Quit => Some(Nav::Home),
            // Anki's undo: the last answer is taken back and its card shown again.
            Action::Undo => Some(Nav::Undo),
            _ => None,
        }
    }
}

/// Answers, ratings, time, and what comes tomorrow.
pub fn render(s: &SummaryState, _ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
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
