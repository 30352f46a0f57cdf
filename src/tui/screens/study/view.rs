//! Draws the study screen from its state and the shared context; changes nothing.
//!
//! Reads `StudyState` (its parent) and measures with `card.rs`; only the router calls it
//! (`app.rs`'s `View`). The study update never refers to this file.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Widget};
use recall::schedule::{Interval, Outcome};
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
    // A learning card shown before it is due (Anki's learn-ahead) says so.
    let early = session
        .early_due(col, ctx.now)
        .map(|due| {
            let mins = ((due - ctx.now).max(0) + 59_999) / 60_000;
            format!(" · early, due in {}", Interval::Minutes(mins as u32))
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
            Line::from(rating_buttons(&outcomes, buttons.width, theme)).render(buttons, buf);
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

/// The four rating buttons with their intervals, as wide as fits in `width` columns: keys and
/// names with wide gaps, then narrower gaps, then names only, then initials, so that all four
/// intervals show down to the smallest terminal drawn (40 columns).
fn rating_buttons(outcomes: &[Outcome; 4], width: u16, theme: Theme) -> Vec<Span<'static>> {
    const NAMES: [&str; 4] = ["Again", "Hard", "Good", "Easy"];
    // (keys shown, name length, gap)
    const FORMS: [(bool, usize, usize); 5] = [
        (true, 5, 3),
        (true, 5, 1),
        (false, 5, 2),
        (false, 5, 1),
        (false, 1, 2),
    ];
    let build = |(keys, name_len, gap): (bool, usize, usize)| {
        let mut spans = vec![Span::raw(" ")];
        for (i, o) in outcomes.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" ".repeat(gap)));
            }
            if keys {
                spans.push(Span::styled(format!("{} ", i + 1), theme.key()));
            }
            let name: String = NAMES[i].chars().take(name_len).collect();
            spans.push(Span::styled(name, theme.rating(i)));
            spans.push(Span::raw(format!(" {}", o.interval)));
        }
        spans
    };
    let fits = |spans: &Vec<Span>| spans.iter().map(Span::width).sum::<usize>() <= width.into();
    FORMS
        .iter()
        .map(|&f| build(f))
        .find(fits)
        .unwrap_or_else(|| build(FORMS[FORMS.len() - 1]))
}
