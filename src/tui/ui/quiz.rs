//! Quiz views: the setup form, a question with the answer grid, the results with a bar per
//! section, and the review of each mistake. They only read the state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use recall::quiz::{Question, QuestionKind, Quiz, QuizMode, Response};
use recall::text::for_terminal as inert;

use super::text::{card_lines, hanging, render_scrolled, scroll_room};
use super::{centered, clock, duration};
use crate::tui::app::App;
use crate::tui::quiz::{Confirm, QuizSetupState, QuizState, ResultsState};
use crate::tui::theme::Theme;

pub fn render_setup(app: &App, s: &QuizSetupState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let row_style = |row: usize| {
        if row == s.focus {
            theme.selected()
        } else {
            Style::new()
        }
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("  Decks", theme.strong()),
        Span::styled("  (space toggles, a all/none)", theme.dim()),
    ])];
    let longest = app
        .collection
        .decks
        .iter()
        .map(|d| d.title.chars().count())
        .max()
        .unwrap_or(0);
    let name_w = longest.min(usize::from(area.width).saturating_sub(24).max(10));
    for (d, deck) in app.collection.decks.iter().enumerate() {
        let mark = if s.chosen[d] { "[x]" } else { "[ ]" };
        let title: String = inert(&deck.title).chars().take(name_w).collect();
        // A deck without questions is shown, dimmed, with the reason it cannot be chosen.
        let (title_style, count) = if s.can_choose(d) {
            (row_style(d), format!(" {:>4} questions", s.per_deck[d]))
        } else {
            (
                theme.dim().patch(row_style(d)),
                "    0 questions — no card a quiz can ask".to_string(),
            )
        };
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{mark} {title:<name_w$}"), title_style),
            Span::styled(count, theme.dim()),
        ]));
    }
    lines.push(Line::from(""));
    let mode = match s.mode {
        QuizMode::Exam => "exam: timed, answers shown at the end",
        QuizMode::Practice => "practice: untimed, each answer shown at once",
    };
    let fields = [
        (
            "Questions",
            format!("{} of {} available", s.count, s.available),
        ),
        ("Mode", mode.to_string()),
    ];
    for (k, (name, value)) in fields.into_iter().enumerate() {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{name:<10}"), theme.strong()),
            Span::styled(format!("◀ {value} ▶"), row_style(s.count_row() + k)),
        ]));
    }
    lines.push(Line::from(""));
    if s.mode == QuizMode::Exam {
        let allowed = Quiz::allowed_ms(
            s.count,
            app.quiz_env.seconds_per_question,
            app.quiz_env.minutes,
        );
        lines.push(Line::from(Span::styled(
            format!(
                "  Time allowed {} · pass mark {:.0}%",
                duration(allowed),
                f64::from(app.quiz_env.pass_mark) * 100.0
            ),
            theme.dim(),
        )));
    }
    lines.push(Line::from(Span::styled(
        "  enter starts the quiz",
        theme.dim(),
    )));
    // Keep the focused row in view when there are more decks than lines.
    let focus_line = if s.focus < s.count_row() {
        1 + s.focus
    } else {
        2 + s.focus
    };
    let visible = usize::from(area.height.saturating_sub(2)).max(1);
    let scroll = (focus_line + 1).saturating_sub(visible) as u16;
    Paragraph::new(lines)
        .scroll((scroll, 0))
        .block(Block::bordered().title(Span::styled(" New quiz ", theme.title())))
        .render(area, buf);
}

/// Header, question, answer grid of a quiz of `n` questions.
fn quiz_areas(area: Rect, n: usize) -> [Rect; 3] {
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

/// How far the question on screen can scroll when the quiz fills `body`; `update` stops
/// there.
pub fn question_scroll_limit(st: &QuizState, body: Rect) -> u16 {
    let area = quiz_areas(body, st.quiz.questions.len())[1];
    st.quiz.questions.get(st.current).map_or(0, |q| {
        let text = question_text(st, q, Theme::new(false), area.width.saturating_sub(2));
        scroll_room(&text, area)
    })
}

/// How far the mistake under review can scroll when the results fill `body`.
pub fn review_scroll_limit(r: &ResultsState, body: Rect) -> u16 {
    let Some(k) = r.review else {
        return 0;
    };
    review_text(r, k, Theme::new(false), body.width.saturating_sub(2))
        .map_or(0, |(text, _)| scroll_room(&text, body))
}

pub fn render_quiz(app: &App, st: &QuizState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let quiz = &st.quiz;
    let n = quiz.questions.len();
    let [header, body, grid] = quiz_areas(area, n);

    let answered = (0..n).filter(|&i| quiz.is_complete(i)).count();
    let flagged = quiz.flagged.iter().filter(|&&f| f).count();
    let mut right_spans = vec![
        Span::styled(format!("answered {answered}/{n}"), theme.dim()),
        Span::styled(format!(" · flagged {flagged}"), theme.dim()),
    ];
    if quiz.mode == QuizMode::Practice {
        let right = (0..n)
            .filter(|&i| quiz.is_locked(i))
            .filter(|&i| {
                quiz.answers[i]
                    .as_ref()
                    .is_some_and(|r| quiz.questions[i].is_right(r))
            })
            .count();
        right_spans.push(Span::styled(
            format!(" · right {right}/{answered}"),
            theme.dim(),
        ));
    }
    if let Some(left) = quiz.remaining(app.now) {
        let style = if left < 5 * 60_000 {
            theme.error()
        } else {
            theme.strong()
        };
        right_spans.push(Span::raw("  "));
        right_spans.push(Span::styled(format!("⏱ {}", clock(left)), style));
    }
    right_spans.push(Span::raw(" "));
    let right_w: usize = right_spans.iter().map(Span::width).sum();
    let [title_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_w as u16)]).areas(header);
    Line::from(vec![
        Span::styled(format!(" Quiz ({}) ", quiz.mode.name()), theme.dim()),
        Span::styled(inert(&st.title).into_owned(), theme.title()),
    ])
    .render(title_area, buf);
    Line::from(right_spans).render(right_area, buf);

    if let Some(q) = quiz.questions.get(st.current) {
        question(st, q, theme, body, buf);
    }
    answer_grid(quiz, st.current, theme, grid, buf);
    if let Some(c) = st.confirm {
        confirm(quiz, c, theme, area, buf);
    }
}

fn question(st: &QuizState, q: &Question, theme: Theme, area: Rect, buf: &mut Buffer) {
    let quiz = &st.quiz;
    let i = st.current;
    let text = question_text(st, q, theme, area.width.saturating_sub(2));
    let flag = if quiz.flagged[i] {
        " · ⚑ flagged"
    } else {
        ""
    };
    let block = Block::bordered().title(Span::styled(
        format!(
            " Question {} of {} · {}{flag} ",
            i + 1,
            quiz.questions.len(),
            inert(&q.section_title)
        ),
        theme.dim(),
    ));
    // A question longer than its box scrolls (j/k); the border says there is more.
    render_scrolled(text, block, st.scroll, theme, area, buf);
}

/// The question on screen as wrapped text `width` columns wide: prompt, options or the
/// typed answer, and (practice mode, once answered) right or wrong with the explanation.
fn question_text(st: &QuizState, q: &Question, theme: Theme, width: u16) -> Paragraph<'static> {
    let quiz = &st.quiz;
    let i = st.current;
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
            let (text, style) = match (&st.input, answer) {
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

/// Width of one grid cell: the number, its marks, a space.
const CELL: u16 = 6;

/// Every question as a numbered cell: answered ● or unanswered ·, then ⚑ when flagged; the
/// current one reversed.
fn answer_grid(quiz: &Quiz, current: usize, theme: Theme, area: Rect, buf: &mut Buffer) {
    let per_row = usize::from(area.width.saturating_sub(2) / CELL).max(1);
    let mut lines = Vec::new();
    let mut row = Vec::new();
    for i in 0..quiz.questions.len() {
        let (mark, style) = if quiz.is_complete(i) {
            ("●", theme.strong())
        } else {
            ("·", theme.dim())
        };
        let flag = if quiz.flagged[i] { "⚑" } else { " " };
        let style = if i == current {
            style.patch(theme.selected())
        } else {
            style
        };
        row.push(Span::styled(format!("{:>3}{mark}{flag}", i + 1), style));
        row.push(Span::raw(" "));
        if row.len() / 2 == per_row {
            lines.push(Line::from(std::mem::take(&mut row)));
        }
    }
    if !row.is_empty() {
        lines.push(Line::from(row));
    }
    let visible = usize::from(area.height.saturating_sub(2)).max(1);
    let scroll = (current / per_row + 1).saturating_sub(visible);
    Paragraph::new(lines)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .block(Block::bordered().title(Span::styled(
            " ● answered  · unanswered  ⚑ flagged ",
            theme.dim(),
        )))
        .render(area, buf);
}

/// A list of questions as a count and their numbers, "2 questions (no. 3, 7)", so that a
/// number is never taken for a count.
fn which(list: &[usize]) -> String {
    let numbers = list
        .iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    match list.len() {
        0 => "none".to_string(),
        1 => format!("1 question (no. {numbers})"),
        n => format!("{n} questions (no. {numbers})"),
    }
}

fn confirm(quiz: &Quiz, c: Confirm, theme: Theme, area: Rect, buf: &mut Buffer) {
    let lines = match c {
        Confirm::Submit => vec![
            Line::from(Span::styled("Submit the quiz?", theme.strong())),
            Line::from(""),
            Line::from(format!("Unanswered: {}", which(&quiz.unanswered()))),
            Line::from(format!("Flagged: {}", which(&quiz.flagged_list()))),
            Line::from(""),
            Line::from(vec![
                Span::styled("y", theme.key()),
                Span::raw(" submit   "),
                Span::styled("n", theme.key()),
                Span::raw(" keep going"),
            ]),
        ],
        Confirm::Quit => vec![
            Line::from(Span::styled("Leave the quiz?", theme.strong())),
            Line::from(""),
            Line::from("Nothing is saved: this attempt is not recorded."),
            Line::from(""),
            Line::from(vec![
                Span::styled("y", theme.key()),
                Span::raw(" leave   "),
                Span::styled("n", theme.key()),
                Span::raw(" keep going"),
            ]),
        ],
    };
    // A long list of question numbers wraps: the box grows to show all of it.
    let text = Paragraph::new(lines).wrap(Wrap { trim: true });
    let width = 56.min(area.width);
    let height = u16::try_from(text.line_count(width.saturating_sub(2))).unwrap_or(u16::MAX);
    let rect = centered(area, width, height.saturating_add(2));
    Clear.render(rect, buf);
    text.block(Block::bordered().title(Span::styled(" Confirm ", theme.title())))
        .render(rect, buf);
}

pub fn render_results(r: &ResultsState, theme: Theme, area: Rect, buf: &mut Buffer) {
    if let Some(k) = r.review {
        review(r, k, theme, area, buf);
        return;
    }
    let res = &r.result;
    let pct = res.score() * 100.0;
    let verdict = if res.passed {
        Span::styled("PASS", theme.right())
    } else {
        Span::styled("FAIL", theme.error())
    };
    let mut lines = vec![
        Line::from(""),
        Line::from(vec![
            Span::raw("  Score    "),
            Span::styled(
                format!("{}/{}  {pct:.0}%  ", res.right, res.total),
                theme.strong(),
            ),
            verdict,
            Span::styled(
                format!("  (pass mark {:.0}%)", f64::from(r.quiz.pass_mark) * 100.0),
                theme.dim(),
            ),
        ]),
        Line::from(match res.allowed_ms {
            Some(allowed) => format!(
                "  Time     {} of {}{}",
                duration(res.used_ms),
                duration(allowed),
                if res.timed_out {
                    " (time ran out: submitted automatically)"
                } else {
                    ""
                }
            ),
            None => format!("  Time     {}", duration(res.used_ms)),
        }),
        Line::from(""),
        Line::from(Span::styled("  By section", theme.strong())),
    ];
    let name_w = 26usize;
    let bar_w = usize::from(area.width)
        .saturating_sub(name_w + 22)
        .clamp(4, 30);
    for s in &res.sections {
        let filled = (s.share() * bar_w as f64).round() as usize;
        let title: String = inert(&s.title).chars().take(name_w - 1).collect();
        let style = if s.share() >= f64::from(r.quiz.pass_mark) {
            theme.right()
        } else {
            theme.error()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {title:<name_w$}")),
            Span::styled("█".repeat(filled), style),
            Span::styled("░".repeat(bar_w - filled), theme.dim()),
            Span::raw(format!(
                " {:>2}/{:<2} {:>3.0}%",
                s.right,
                s.total,
                s.share() * 100.0
            )),
        ]));
    }
    lines.push(Line::from(""));
    let missed = res.mistakes().len();
    lines.push(match &r.save_error {
        Some(e) => Line::from(Span::styled(format!("  {}", inert(e)), theme.error())),
        None if r.fully_saved() => Line::from(Span::styled(
            format!(
                "  Saved. {} missed card{} come due in your next study session.",
                missed,
                if missed == 1 { "" } else { "s" }
            ),
            theme.dim(),
        )),
        None => Line::from(Span::styled("  Not saved yet.", theme.error())),
    });
    if missed > 0 {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled("m", theme.key()),
            Span::raw(format!(" review the {missed} mistakes   ")),
            Span::styled("r", theme.key()),
            Span::raw(" retake only those"),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(Span::styled(
            format!(" Quiz results · {} ", inert(&r.title)),
            theme.title(),
        )))
        .render(area, buf);
}

fn review(r: &ResultsState, k: usize, theme: Theme, area: Rect, buf: &mut Buffer) {
    let Some((text, title)) = review_text(r, k, theme, area.width.saturating_sub(2)) else {
        return;
    };
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    // A long mistake scrolls (j/k ↑/↓) so that the right answer and explanation can be read.
    render_scrolled(text, block, r.review_scroll, theme, area, buf);
}

/// Mistake `k` as wrapped text `width` columns wide, and its box's title; None past the last.
fn review_text(
    r: &ResultsState,
    k: usize,
    theme: Theme,
    width: u16,
) -> Option<(Paragraph<'static>, String)> {
    let mistakes = r.result.mistakes();
    let &i = mistakes.get(k)?;
    let q = &r.quiz.questions[i];
    let mut lines = card_lines(&q.prompt, Style::new(), theme);
    lines.push(Line::from(""));
    if let QuestionKind::Choice { options, .. } = &q.kind {
        for (j, opt) in options.iter().enumerate() {
            let marker = vec![Span::styled(format!("{}) ", j + 1), theme.dim())];
            lines.extend(hanging(marker, card_lines(opt, theme.dim(), theme), width));
        }
        lines.push(Line::from(""));
    }
    let given = q.response_text(r.quiz.answers[i].as_ref());
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
