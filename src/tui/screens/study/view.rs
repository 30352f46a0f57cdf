//! Draws the study screen from its state and the shared context; changes nothing.
//!
//! Reads `StudyState` (its parent) and measures with `card.rs`; only the router calls it
//! (`app.rs`'s `View`). The study update never refers to this file.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Widget};
use recall::schedule::Interval;
use recall::text::for_terminal as inert;

use super::card::{areas, card_text};
use super::StudyState;
use crate::tui::ctx::Ctx;
use crate::tui::text::{ellipsize, render_scrolled};
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
    // The title gives way to the counts: cut with "…", one column kept between them.
    let room = usize::from(title_area.width).saturating_sub(1);
    let lead = if room >= 30 { " Studying " } else { " " };
    let title = ellipsize(&inert(&study.title), room.saturating_sub(lead.len()));
    Line::from(vec![
        Span::styled(lead, theme.dim()),
        Span::styled(title, theme.title()),
    ])
    .render(title_area, buf);
    Line::from(counts).render(counts_area, buf);

    // What is left today, not a total: a card answered Again comes back, and a total that
    // grows as cards are answered ("1/21, 2/22") reads as going backwards.
    let done = session.stats().studied as usize;
    let to_go = left.total();
    Gauge::default()
        .gauge_style(theme.gauge())
        .ratio(if done + to_go == 0 {
            1.0
        } else {
            done as f64 / (done + to_go) as f64
        })
        .label(format!("{done} answered · {to_go} left today"))
        .render(gauge, buf);

    let Some(entry) = session.current() else {
        return;
    };
    let (deck, card) = col.card(entry);
    let revealed = session.is_revealed();
    let Some(text) = card_text(col, session, &study.picked, theme) else {
        return;
    };
    // A learning card shown before it is due (Anki's learn-ahead) says so.
    let early = session
        .early_due(col, ctx.now)
        .map(|due| {
            let mins = ((due - ctx.now).max(0) + 59_999) / 60_000;
            format!(
                " · early, due in {}",
                Interval::Minutes(mins as u32).words()
            )
        })
        .unwrap_or_default();
    let rest = format!(" · {}{early} ", card.content.kind());
    let room = usize::from(card_area.width)
        .saturating_sub(4)
        .saturating_sub(rest.chars().count());
    // A card longer than the screen scrolls (j/k); the border says there is more.
    let block = Block::bordered().title(Span::styled(
        format!(" {}{rest}", ellipsize(&inert(&deck.title), room)),
        theme.dim(),
    ));
    render_scrolled(text, block, study.scroll(), theme, card_area, buf);

    if revealed {
        if let Some(outcomes) = session.preview(col, &ctx.scheduler, ctx.now) {
            super::buttons::render(&outcomes, theme, buttons, buf);
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
