//! Taking a quiz: the question with its options or typed answer, the answer grid, flags,
//! the clock, and the submit/leave confirmation.
//!
//! Owns `QuizState`, its update and its view. Measuring goes through `question.rs`; scoring
//! and saving belong to the results screen, asked for with `Nav::Submitted`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use recall::quiz::{self, Question, QuestionKind, Quiz, QuizMode, QuizSpec, Response};
use recall::text::for_terminal as inert;
use recall::timefmt::clock;

use super::question::{question_limit, question_text, quiz_areas, CELL};
use crate::tui::action::{Action, Nav};
use crate::tui::ctx::{Ctx, Status};
use crate::tui::keys::Mode;
use crate::tui::layout::{self, centered};
use crate::tui::text::render_scrolled;
use crate::tui::theme::Theme;

/// Which question the user is asked to confirm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    Submit,
    Quit,
}

/// A quiz being taken.
pub struct QuizState {
    pub quiz: Quiz,
    pub title: String,
    /// The question on screen (0-based).
    pub current: usize,
    /// Typing an answer: the text so far.
    pub input: Option<String>,
    /// Typing the number of a question to go to (`g`): the digits so far.
    pub jump: Option<String>,
    pub confirm: Option<Confirm>,
    /// Lines scrolled down in a question too long for its box; another question starts at
    /// the top.
    pub scroll: u16,
}

impl QuizState {
    /// Builds a quiz from `spec` and starts its clock; None (with a status line) when the
    /// chosen decks give no questions. Seeds and time come from the caller.
    pub fn start(ctx: &mut Ctx, spec: QuizSpec) -> Option<QuizState> {
        let questions = quiz::build(&ctx.collection.decks, &spec);
        if questions.is_empty() {
            ctx.status = Some(Status::error(
                "No questions: these decks have no cards a quiz can ask.",
            ));
            return None;
        }
        let title = match spec.decks.as_slice() {
            [] => "All decks".to_string(),
            [d] => ctx
                .collection
                .decks
                .get(*d)
                .map_or_else(String::new, |d| d.title.clone()),
            many => format!("{} decks", many.len()),
        };
        let env = &ctx.quiz_env;
        let allowed = Quiz::allowed_ms(questions.len(), env.seconds_per_question, env.minutes);
        let quiz = Quiz::start(
            questions,
            spec.mode,
            spec.seed,
            ctx.now,
            allowed,
            env.pass_mark,
        );
        Some(QuizState::new(quiz, title))
    }

    /// A quiz already built (a retake), at its first question.
    pub fn new(quiz: Quiz, title: String) -> QuizState {
        QuizState {
            quiz,
            title,
            current: 0,
            input: None,
            jump: None,
            confirm: None,
            scroll: 0,
        }
    }

    /// The key map: a confirmation, typing, a typed question or a choice question.
    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::QuizConfirm
        } else if self.input.is_some() {
            Mode::QuizTyping
        } else if self.jump.is_some() {
            Mode::QuizJump
        } else if self.on_typed_question() {
            Mode::QuizTypedQuestion
        } else {
            Mode::QuizQuestion
        }
    }

    /// Whether the question on screen is answered by typing (its keys differ).
    pub fn on_typed_question(&self) -> bool {
        self.quiz
            .questions
            .get(self.current)
            .is_some_and(|q| matches!(q.kind, QuestionKind::Typed { .. }))
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        let now = ctx.now;
        let st = self;
        let limit = match action {
            Action::Up | Action::Down => question_limit(
                &st.quiz,
                st.current,
                st.input.as_deref(),
                layout::body(ctx.size),
            ),
            _ => 0,
        };
        let n = st.quiz.questions.len();
        // Checked on every action, not only on ticks: keys keep coming while time runs out.
        if st.quiz.expired(now) {
            // An answer being typed when time runs out counts as given.
            if let Some(text) = st.input.take() {
                st.quiz.answer(st.current, Response::Typed(text));
            }
            ctx.status = Some(Status::info("Time is up: the quiz was submitted."));
            return Some(Nav::Submitted);
        }
        if action == Action::Tick {
            return None;
        }
        if let Some(c) = st.confirm {
            match (c, action) {
                (Confirm::Submit, Action::Yes) => return Some(Nav::Submitted),
                (Confirm::Quit, Action::Yes) => {
                    ctx.status = Some(Status::info("Quiz left: nothing was saved."));
                    return Some(Nav::LeaveQuiz);
                }
                (_, Action::No | Action::Back) => st.confirm = None,
                _ => {}
            }
            return None;
        }
        if let Some(buf) = &mut st.input {
            match action {
                Action::Type(c) => buf.push(c),
                Action::Erase => {
                    buf.pop();
                }
                Action::Open => {
                    let text = std::mem::take(buf);
                    st.input = None;
                    st.quiz.answer(st.current, Response::Typed(text));
                }
                Action::Back => st.input = None,
                Action::Quit => st.confirm = Some(Confirm::Quit),
                _ => {}
            }
            return None;
        }
        if let Some(digits) = &mut st.jump {
            match action {
                // Five digits are more than any quiz has questions.
                Action::Type(c) if c.is_ascii_digit() && digits.len() < 5 => digits.push(c),
                Action::Erase => {
                    digits.pop();
                }
                Action::Open => {
                    let wanted = digits.parse::<usize>().unwrap_or(0);
                    st.jump = None;
                    if (1..=n).contains(&wanted) {
                        st.current = wanted - 1;
                        st.scroll = 0;
                    } else {
                        ctx.status = Some(Status::error(format!(
                            "There is no question {wanted}: the numbers go from 1 to {n}."
                        )));
                    }
                }
                Action::Back => st.jump = None,
                Action::Quit => st.confirm = Some(Confirm::Quit),
                _ => {}
            }
            return None;
        }
        let i = st.current;
        match action {
            Action::Jump => st.jump = Some(String::new()),
            Action::NextFlagged => match next_where(i, n, |k| st.quiz.flagged[k]) {
                Some(k) => st.current = k,
                None => ctx.status = Some(Status::info("No question is flagged (f flags one).")),
            },
            Action::NextUnanswered => match next_where(i, n, |k| !st.quiz.is_complete(k)) {
                Some(k) => st.current = k,
                None => ctx.status = Some(Status::info("Every question has an answer: s submits.")),
            },
            Action::Down | Action::Up => {
                st.scroll = layout::scroll(st.scroll, limit, action == Action::Down)
            }
            Action::Right => st.current = (i + 1).min(n.saturating_sub(1)),
            Action::Left => st.current = i.saturating_sub(1),
            Action::Pick(k) => st.quiz.toggle_option(i, usize::from(k)),
            Action::Open => {
                let typed = matches!(st.quiz.questions[i].kind, QuestionKind::Typed { .. });
                if typed && !st.quiz.is_locked(i) {
                    let old = match &st.quiz.answers[i] {
                        Some(Response::Typed(t)) => t.clone(),
                        _ => String::new(),
                    };
                    st.input = Some(old);
                } else {
                    st.current = (i + 1).min(n.saturating_sub(1));
                }
            }
            Action::Flag => st.quiz.toggle_flag(i),
            Action::Submit => st.confirm = Some(Confirm::Submit),
            Action::Back | Action::Quit => st.confirm = Some(Confirm::Quit),
            _ => {}
        }
        if st.current != i {
            st.scroll = 0;
        }
        None
    }
}

/// The first question after `from` (going round past the last) for which `wanted` holds; the
/// question `from` itself comes last, so `u` on the only unanswered question stays there.
fn next_where(from: usize, n: usize, wanted: impl Fn(usize) -> bool) -> Option<usize> {
    (1..=n).map(|step| (from + step) % n).find(|&k| wanted(k))
}

/// Draws the header (counts, the clock), the question, the answer grid and a confirmation.
pub fn render(st: &QuizState, ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
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
    if let Some(left) = quiz.remaining(ctx.now) {
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
    match &st.jump {
        // `g`: the number being typed takes the title's place.
        Some(digits) => Line::from(vec![
            Span::styled(format!(" Go to question (1-{n}): "), theme.strong()),
            Span::raw(digits.clone()),
            Span::styled("▏", theme.key()),
        ]),
        None => Line::from(vec![
            Span::styled(format!(" Quiz ({}) ", quiz.mode.name()), theme.dim()),
            Span::styled(inert(&st.title).into_owned(), theme.title()),
        ]),
    }
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
    let text = question_text(
        quiz,
        i,
        st.input.as_deref(),
        q,
        theme,
        area.width.saturating_sub(2),
    );
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
