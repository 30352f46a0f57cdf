//! Study: the card, its answer once revealed, and the four rating buttons with intervals.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Widget, Wrap};
use recall::deck::{cloze_render, CardContent};
use recall::text::for_terminal as inert;

use super::text::{card_lines, render_scrolled, scroll_room};
use crate::tui::app::{App, StudyState};
use crate::tui::theme::Theme;

/// Header, progress gauge, the card, the rating buttons.
fn areas(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// How far the card on screen can scroll when the study screen fills `body`: its wrapped
/// lines beyond the card box's height. `update` uses it so that scrolling stops at the end.
pub fn scroll_limit(app: &App, study: &StudyState, body: Rect) -> u16 {
    let card_area = areas(body)[2];
    card_text(app, study, Theme::new(false)).map_or(0, |text| scroll_room(&text, card_area))
}

pub fn render(app: &App, study: &StudyState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let session = &study.session;
    let col = &app.collection;
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
    let Some(text) = card_text(app, study, theme) else {
        return;
    };
    // A card longer than the screen scrolls (j/k); the border says there is more.
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {} ", inert(&deck.title), card.content.kind()),
        theme.dim(),
    ));
    render_scrolled(text, block, study.scroll(), theme, card_area, buf);

    if revealed {
        if let Some(outcomes) = session.preview(col, &app.scheduler, app.now) {
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

/// The card on screen as wrapped text: front, then (once revealed) the answer and the
/// explanation. None when the session has no card on screen.
fn card_text<'a>(app: &'a App, study: &StudyState, theme: Theme) -> Option<Paragraph<'a>> {
    let entry = study.session.current()?;
    let (_, card) = app.collection.card(entry);
    let revealed = study.session.is_revealed();
    let mut lines = Vec::new();
    match &card.content {
        CardContent::Basic { front, back } => {
            lines.extend(card_lines(front, Style::new(), theme));
            if revealed {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled("─── answer ───", theme.dim())));
                lines.extend(card_lines(back, Style::new(), theme));
            }
        }
        CardContent::Choice {
            front,
            choices,
            answer,
        } => {
            lines.extend(card_lines(front, Style::new(), theme));
            let several = answer.len() > 1;
            if several && !revealed {
                lines.push(Line::from(Span::styled(
                    format!(
                        "(Choose {}: 1-9 toggle, enter shows the answer.)",
                        answer.len()
                    ),
                    theme.dim(),
                )));
            }
            lines.push(Line::from(""));
            let picked = &study.picked;
            for (i, choice) in choices.iter().enumerate() {
                let right = answer.contains(&i);
                let chosen = picked.contains(&i);
                // Revealed: ✓ beside the right options, ✗ beside a wrong pick.
                let (mark, style) = match (revealed, right, chosen) {
                    (true, true, _) => ("✓ ", theme.right()),
                    (true, false, true) => ("✗ ", theme.error()),
                    (true, false, false) => ("  ", theme.dim()),
                    (false, _, true) => ("▸ ", theme.strong()),
                    (false, _, false) => ("  ", Style::new()),
                };
                let mut l = card_lines(&format!("{}) {choice}", i + 1), style, theme);
                if let Some(first) = l.first_mut() {
                    first.spans.insert(0, Span::styled(mark, style));
                }
                lines.extend(l);
            }
            if revealed && !picked.is_empty() {
                let numbers = |v: &[usize]| {
                    v.iter()
                        .map(|i| (i + 1).to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                lines.push(Line::from(""));
                lines.push(if card.content.picks_right(picked) == Some(true) {
                    Line::from(Span::styled(
                        format!("You picked {}: right.", numbers(picked)),
                        theme.right(),
                    ))
                } else {
                    Line::from(Span::styled(
                        format!(
                            "You picked {}: wrong; the answer is {}.",
                            numbers(picked),
                            numbers(answer)
                        ),
                        theme.error(),
                    ))
                });
            }
        }
        CardContent::Cloze { text } => {
            let shown = if revealed {
                cloze_render(text, |gap| format!("**{gap}**"))
            } else {
                cloze_render(text, |_| "`[...]`".to_string())
            };
            lines.extend(card_lines(&shown, Style::new(), theme));
        }
    }
    if revealed {
        if let Some(explain) = &card.explain {
            lines.push(Line::from(""));
            lines.extend(card_lines(explain, theme.dim(), theme));
        }
        for url in &card.source {
            lines.push(Line::styled(format!("Source: {}", inert(url)), theme.dim()));
        }
    }
    Some(Paragraph::new(lines).wrap(Wrap { trim: false }))
}
