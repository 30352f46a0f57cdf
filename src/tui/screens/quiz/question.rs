//! A quiz question and a reviewed mistake as text, and where they sit in the body: what the
//! take and results updates need to stop scrolling at the last line, and what their views
//! draw.
//!
//! Takes plain inputs (the quiz, an index, the typed text, a `Rect`), never a screen's state,
//! so that `take.rs` and `results.rs` both sit above it.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use recall::quiz::{Question, QuestionKind, Quiz, QuizResult, Response};
use recall::text::for_terminal as inert;

use crate::tui::text::{card_lines, hanging, scroll_room};
use crate::tui::theme::Theme;

/// Width of one grid cell: the number, its marks, a space.
pub const CELL: u16 = 6;

/// Header, question, answer grid of a quiz of `n` questions.
pub fn quiz_areas(area: Rect, n: usize) -> [Rect; 3] {
    let per_row = usize::from(area.width.saturating_sub(2) / CELL).max(1);
    // The question comes first: the grid takes at most a quarter of the height and scrolls
    // to the current question (a long quiz on a small terminal would leave no room).
    let grid_rows = u16::try_from(n.div_ceil(per_row))
        .unwrap_or(u16::MAX)
        .min((area.height / 4).max(1));
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(grid_rows.saturating_add(2)),
    ])
    .areas(area)
}

/// How far question `current` can scroll when the quiz fills `body` (`input`: the answer
/// being typed); the update stops there.
pub fn question_limit(quiz: &Quiz, current: usize, input: Option<&str>, body: Rect) -> u16 {
    let area = quiz_areas(body, quiz.questions.len())[1];
    quiz.questions.get(current).map_or(0, |q| {
        let text = question_text(
            quiz,
            current,
            input,
            q,
            Theme::new(false),
            area.width.saturating_sub(2),
        );
        scroll_room(&text, area)
    })
}

/// How far mistake `review` can scroll when the results fill `body`.
pub fn review_limit(quiz: &Quiz, result: &QuizResult, review: Option<usize>, body: Rect) -> u16 {
    let Some(k) = review else {
        return 0;
    };
    review_text(
        quiz,
        result,
        k,
        Theme::new(false),
        body.width.saturating_sub(2),
    )
    .map_or(0, |(text, _)| scroll_room(&text, body))
}

/// The question on screen as wrapped text `width` columns wide: prompt, options or the
/// typed answer, and (practice mode, once answered) right or wrong with the explanation.
pub fn question_text(
    quiz: &Quiz,
    i: usize,
    input: Option<&str>,
    q: &Question,
    theme: Theme,
    width: u16,
) -> Paragraph<'static> {
    let feedback = quiz.is_locked(i);
    let answer = quiz.answers[i].as_ref();
    let mut lines = card_lines(&q.prompt, Style::new(), theme);
    lines.push(Line::from(""));
    match &q.kind {
        QuestionKind::Choice { options, correct } => {
            if correct.len() > 1 {
                lines.push(Line::from(Span::styled(
                    format!("(Choose {}.)", correct.len()),
                    theme.strong(),
                )));
            }
            let chosen: &[usize] = match answer {
                Some(Response::Choice(v)) => v,
                _ => &[],
            };
            for (k, opt) in options.iter().enumerate() {
                let picked = chosen.contains(&k);
                let mark = match (picked, correct.len() > 1) {
                    (true, true) => "[x] ",
                    (false, true) => "[ ] ",
                    (true, false) => "(•) ",
                    (false, false) => "( ) ",
                };
                let style = match (feedback, correct.contains(&k), picked) {
                    (true, true, _) => theme.right(),
                    (true, false, true) => theme.error(),
                    (_, _, true) => theme.strong(),
                    _ => Style::new(),
                };
                let marker = vec![
                    Span::styled(mark, style),
                    Span::styled(format!("{}) ", k + 1), style),
                ];
                lines.extend(hanging(marker, card_lines(opt, style, theme), width));
            }
        }
        QuestionKind::Typed { answers } => {
            if answers.len() > 1 {
                lines.push(Line::from(Span::styled(
                    format!("({} gaps: type them in order.)", answers.len()),
                    theme.dim(),
                )));
            }
            let (text, style) = match (input, answer) {
                (Some(t), _) => (format!("{}▏", inert(t)), theme.strong()),
                (None, Some(Response::Typed(t))) => (inert(t).into_owned(), theme.strong()),
                _ => ("(enter to type)".to_string(), theme.dim()),
            };
            lines.push(Line::from(vec![
                Span::raw("Your answer: "),
                Span::styled(text, style),
            ]));
        }
    }
    if feedback {
        let right = answer.is_some_and(|r| q.is_right(r));
        lines.push(Line::from(""));
        lines.push(if right {
            Line::from(Span::styled("✓ Right", theme.right()))
        } else {
            Line::from(vec![
                Span::styled("✗ Wrong. ", theme.error()),
                Span::raw("Right answer: "),
                Span::styled(inert(&q.right_text()).into_owned(), theme.right()),
            ])
        });
        if let Some(explain) = &q.explain {
            lines.extend(card_lines(explain, theme.dim(), theme));
        }
    }
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// Mistake `k` as wrapped text `width` columns wide, and its box's title; None past the last.
pub fn review_text(
    quiz: &Quiz,
    result: &QuizResult,
    k: usize,
    theme: Theme,
    width: u16,
) -> Option<(Paragraph<'static>, String)> {
    let mistakes = result.mistakes();
    let &i = mistakes.get(k)?;
    let q = &quiz.questions[i];
    let mut lines = card_lines(&q.prompt, Style::new(), theme);
    lines.push(Line::from(""));
    if let QuestionKind::Choice { options, .. } = &q.kind {
        for (j, opt) in options.iter().enumerate() {
            let marker = vec![Span::styled(format!("{}) ", j + 1), theme.dim())];
            lines.extend(hanging(marker, card_lines(opt, theme.dim(), theme), width));
        }
        lines.push(Line::from(""));
    }
    let given = q.response_text(quiz.answers[i].as_ref());
    for (label, answer, style) in [
        ("Your answer:  ", given, theme.error()),
        ("Right answer: ", q.right_text(), theme.right()),
    ] {
        let marker = vec![Span::styled(label, theme.strong())];
        let text = vec![Line::from(Span::styled(inert(&answer).into_owned(), style))];
        lines.extend(hanging(marker, text, width));
    }
    if let Some(explain) = &q.explain {
        lines.push(Line::from(""));
        lines.extend(card_lines(explain, Style::new(), theme));
    }
    let title = format!(
        " Mistake {} of {} · question {} · {} ",
        k + 1,
        mistakes.len(),
        i + 1,
        inert(&q.section_title)
    );
    Some((Paragraph::new(lines).wrap(Wrap { trim: false }), title))
}
