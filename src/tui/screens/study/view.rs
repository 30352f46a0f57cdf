//! Draws the study screen from its state and the shared context; changes nothing.
//!
//! Reads `StudyState` (its parent) and measures with `card.rs`; only the router calls it
//! (`app.rs`'s `View`). The study update never refers to this file.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Widget};
use recall::text::for_terminal as inert;

use super::card::{areas, card_text};
use super::StudyState;
use crate::tui::ctx::Ctx;
use crate::tui::text::render_scrolled;
use crate::tui::theme::Theme;

/// Draws the header with the counts left, the progress gauge, the card (scrolled) and the
/// rating buttons with each one's interval.
pub fn render(study: &StudyState, ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
    let session = &study.session;
    let col = &ctx.collection;
    let left = session.remaining(col);
    let [header, gauge, card_area, buttons] = areas(area);

    let counts = vec![
        Span::styled(format!("New {}", left.new), theme.new_count()),
        Span::styled(" · ", theme.dim()),
        Span::styled(format!("Learn {}", left.learning), theme.learn_count()),
        Span::styled(" · ", theme.dim()),
        Span::styled(format!("Due {}", left.review), theme.due_count()),
        Span::raw(" "),
    ];
    let counts_w: usize = counts.iter().map(Span::width).sum();
    let [title_area, counts_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(counts_w as u16)]).areas(header);
    Line::from(vec![
        Span::styled(" Studying ", theme.dim()),
        Span::styled(inert(&study.title).into_owned(), theme.title()),
    ])
    .render(title_area, buf);
    Line::from(counts).render(counts_area, buf);

    let done = session.stats().studied as usize;
    let total = done + left.total();
    Gauge::default()
        .gauge_style(theme.gauge())
        .ratio(if total == 0 {
            1.0
        } else {
            done as f64 / total as f64
        })
        .label(format!("{done}/{total}"))
        .render(gauge, buf);

    let Some(entry) = session.current() else {
        return;
    };
    let (deck, card) = col.card(entry);
    let revealed = session.is_revealed();
    let Some(text) = card_text(col, session, &study.picked, theme) else {
        return;
    };
    // A card longer than the screen scrolls (j/k); the border says there is more.
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {} ", inert(&deck.title), card.content.kind()),
        theme.dim(),
    ));
    render_scrolled(text, block, study.scroll(), theme, card_area, buf);

    if revealed {
        if let Some(outcomes) = session.preview(col, &ctx.scheduler, ctx.now) {
            let names = ["Again", "Hard", "Good", "Easy"];
            let mut spans = vec![Span::raw(" ")];
            for (i, o) in outcomes.iter().enumerate() {
                spans.push(Span::styled(format!("{} ", i + 1), theme.key()));
                spans.push(Span::styled(names[i], theme.rating(i)));
                spans.push(Span::raw(format!(" {}   ", o.interval)));
            }
            Line::from(spans).render(buttons, buf);
        }
    } else {
        let mut spans = vec![Span::raw(" ")];
        if study.choice {
            spans.push(Span::styled("1-4", theme.key()));
            spans.push(Span::styled(" pick   ", theme.dim()));
        }
        spans.push(Span::styled("space", theme.key()));
        spans.push(Span::styled(" show answer", theme.dim()));
        Line::from(spans).render(buttons, buf);
    }
}
