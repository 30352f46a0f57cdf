//! The study card as text and the card box's place in the body: what the study update needs
//! to stop scrolling at the last line, and what the view draws.
//!
//! Takes plain inputs (the collection, the session, the picked options, a `Rect`), never the
//! study state, so that both `mod.rs` (update) and `view.rs` sit above it.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use recall::deck::{cloze_render, CardContent};
use recall::study::{choice_order, Collection, Session};
use recall::text::for_terminal as inert;

use crate::tui::text::{card_lines, scroll_room};
use crate::tui::theme::Theme;

/// Header, progress gauge, the card, the rating buttons (two lines: see `buttons.rs`).
pub fn areas(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(super::buttons::HEIGHT),
    ])
    .areas(area)
}

/// How far the card on screen can scroll when the study screen fills `body`: its wrapped
/// lines beyond the card box's height. The update uses it so that scrolling stops at the end.
pub fn scroll_limit(col: &Collection, session: &Session, picked: &[usize], body: Rect) -> u16 {
    let card_area = areas(body)[2];
    card_text(col, session, picked, Theme::new(false))
        .map_or(0, |text| scroll_room(&text, card_area))
}

/// The card box's inner height (inside its borders) when the study screen fills `body`.
pub fn inner_height(body: Rect) -> u16 {
    areas(body)[2].height.saturating_sub(2)
}

/// How far PgDn/PgUp move: the card box's inner height less one line kept for context.
pub fn page(body: Rect) -> u16 {
    inner_height(body).saturating_sub(1).max(1)
}

/// The wrapped line where the answer starts in the card on screen (the answer rule on a basic
/// card, the options on a choice card, the top of a cloze): on reveal the update scrolls
/// there when it would be out of sight.
pub fn answer_line(col: &Collection, session: &Session, picked: &[usize], body: Rect) -> u16 {
    let width = areas(body)[2].width.saturating_sub(2);
    card_parts(col, session, picked, Theme::new(false)).map_or(0, |(lines, at)| {
        let before =
            Paragraph::new(lines[..at.min(lines.len())].to_vec()).wrap(Wrap { trim: false });
        u16::try_from(before.line_count(width)).unwrap_or(u16::MAX)
    })
}

/// The card on screen as wrapped text: front, then (once revealed) the answer and the
/// explanation. None when the session has no card on screen.
pub fn card_text<'a>(
    col: &'a Collection,
    session: &Session,
    picked: &[usize],
    theme: Theme,
) -> Option<Paragraph<'a>> {
    let (lines, _) = card_parts(col, session, picked, theme)?;
    Some(Paragraph::new(lines).wrap(Wrap { trim: false }))
}

/// The card's lines and the index of the line where its answer starts.
fn card_parts(
    col: &Collection,
    session: &Session,
    picked: &[usize],
    theme: Theme,
) -> Option<(Vec<Line<'static>>, usize)> {
    let entry = session.current()?;
    let (_, card) = col.card(entry);
    let revealed = session.is_revealed();
    let mut lines = Vec::new();
    let mut answer_at = 0;
    match &card.content {
        CardContent::Basic { front, back } => {
            lines.extend(card_lines(front, Style::new(), theme));
            if revealed {
                lines.push(Line::from(""));
                answer_at = lines.len();
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
            answer_at = lines.len();
            // Shuffled per review (seeded, so an undo or a replay shows the same order); the
            // numbers on screen are positions, `picked` and `answer` index the deck's options.
            let e = &col.cards[entry];
            let order = choice_order(e.seed, e.state.reps, choices.len());
            let position = |i: usize| order.iter().position(|&o| o == i).unwrap_or(i);
            for (shown, &i) in order.iter().enumerate() {
                let choice = &choices[i];
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
                let mut l = card_lines(&format!("{}) {choice}", shown + 1), style, theme);
                if let Some(first) = l.first_mut() {
                    first.spans.insert(0, Span::styled(mark, style));
                }
                lines.extend(l);
            }
            if revealed && !picked.is_empty() {
                let numbers = |v: &[usize]| {
                    let mut shown: Vec<usize> = v.iter().map(|&i| position(i) + 1).collect();
                    shown.sort_unstable();
                    shown
                        .iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                lines.push(Line::from(""));
                lines.push(if card.content.picks_right(picked) == Some(true) {
                    Line::from(Span::styled(
                        format!("You picked {}: right. space rates Good.", numbers(picked)),
                        theme.right(),
                    ))
                } else {
                    Line::from(Span::styled(
                        format!(
                            "You picked {}: wrong; the answer is {}. space rates Again.",
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
                cloze_render(text, |gap| format!("**{}**", gap.answer))
            } else {
                cloze_render(text, |gap| format!("`{}`", gap.placeholder()))
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
    Some((lines, answer_at))
}
