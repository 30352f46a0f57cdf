//! The small form before a quiz: which decks, how many questions, exam or practice.
//!
//! Owns `QuizSetupState`, its update and its view; asks for the quiz through
//! `Nav::StartQuiz` and imports no other screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use recall::quiz::{self, Quiz, QuizMode, QuizSpec};
use recall::text::for_terminal as inert;
use recall::timefmt::duration;

use super::EXAM_QUESTIONS;
use crate::tui::action::{Action, Nav};
use crate::tui::ctx::{Ctx, Status};
use crate::tui::keys::Mode;
use crate::tui::theme::Theme;

/// The small form before a quiz: which decks, how many questions, which mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizSetupState {
    /// The row being changed: one per deck, then the count, then the mode.
    pub focus: usize,
    /// Per deck (collection order): whether it is in the quiz.
    pub chosen: Vec<bool>,
    /// Per deck: how many questions it can give in exam mode and in practice mode (counted
    /// once when the form opens, so changing the mode costs nothing).
    pub per_deck_exam: Vec<usize>,
    pub per_deck_practice: Vec<usize>,
    pub count: usize,
    pub mode: QuizMode,
    /// How many questions the chosen decks can give together.
    pub available: usize,
}

impl QuizSetupState {
    /// Home `t`: every deck that has questions chosen, the focus on the first deck (the
    /// list is what one changes first).
    pub fn open(ctx: &Ctx) -> QuizSetupState {
        let decks = &ctx.collection.decks;
        let per_mode = |mode| -> Vec<usize> {
            (0..decks.len())
                .map(|d| quiz::available(decks, &[d], mode))
                .collect()
        };
        let per_deck_exam = per_mode(QuizMode::Exam);
        let mut setup = QuizSetupState {
            focus: 0,
            chosen: per_deck_exam.iter().map(|&n| n > 0).collect(),
            per_deck_exam,
            per_deck_practice: per_mode(QuizMode::Practice),
            count: 0,
            mode: QuizMode::Exam,
            available: 0,
        };
        setup.recount();
        setup
    }

    /// How many questions deck `d` gives in the mode chosen.
    pub fn per_deck(&self, d: usize) -> usize {
        let counts = match self.mode {
            QuizMode::Exam => &self.per_deck_exam,
            QuizMode::Practice => &self.per_deck_practice,
        };
        counts.get(d).copied().unwrap_or(0)
    }

    pub fn mode(&self) -> Mode {
        Mode::QuizSetup
    }

    /// The row of the question count (the mode's row follows it).
    pub fn count_row(&self) -> usize {
        self.chosen.len()
    }

    /// The chosen decks as a quiz spec wants them: empty when every deck that has questions
    /// is chosen (the others add nothing).
    pub fn decks(&self) -> Vec<usize> {
        if self.all_chosen() {
            return Vec::new();
        }
        (0..self.chosen.len()).filter(|&d| self.chosen[d]).collect()
    }

    /// Whether a deck can be in a quiz: a deck without questions never is.
    pub fn can_choose(&self, deck: usize) -> bool {
        self.per_deck(deck) > 0
    }

    fn all_chosen(&self) -> bool {
        (0..self.chosen.len()).all(|d| self.chosen[d] || !self.can_choose(d))
    }

    fn recount(&mut self) {
        self.available = (0..self.chosen.len())
            .filter(|&d| self.chosen[d])
            .map(|d| self.per_deck(d))
            .sum();
        self.count = self.available.min(EXAM_QUESTIONS);
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        let s = self;
        let rows = s.count_row() + 2;
        match action {
            Action::Up => s.focus = (s.focus + rows - 1) % rows,
            Action::Down => s.focus = (s.focus + 1) % rows,
            Action::StudyAll => {
                let all = !s.all_chosen();
                for d in 0..s.chosen.len() {
                    s.chosen[d] = all && s.can_choose(d);
                }
                s.recount();
            }
            // Space ticks or unticks the deck under the cursor; h/l never do.
            Action::Toggle => match s.focus {
                d if d < s.count_row() && !s.can_choose(d) => {
                    ctx.status = Some(Status::error(
                        "This deck has no card a quiz can ask: it cannot be chosen.",
                    ));
                }
                d if d < s.count_row() => {
                    s.chosen[d] = !s.chosen[d];
                    s.recount();
                }
                _ => ctx.status = Some(Status::info("h/l change the count and the mode.")),
            },
            Action::Left | Action::Right => {
                let forward = action == Action::Right;
                match s.focus {
                    d if d < s.count_row() => {
                        ctx.status = Some(Status::info(
                            "space ticks a deck; h/l change the count and the mode.",
                        ));
                    }
                    d if d == s.count_row() => {
                        s.count = if forward {
                            (s.count / 5 * 5 + 5).min(s.available)
                        } else {
                            s.count.saturating_sub(5).max(1).min(s.available)
                        }
                    }
                    _ => {
                        s.mode = match s.mode {
                            QuizMode::Exam => QuizMode::Practice,
                            QuizMode::Practice => QuizMode::Exam,
                        };
                        // A deck of typed questions only has none in exam mode.
                        for d in 0..s.chosen.len() {
                            s.chosen[d] &= s.can_choose(d);
                        }
                        s.recount();
                    }
                }
            }
            Action::Open if !s.chosen.contains(&true) => {
                ctx.status = Some(Status::error("Choose at least one deck (space)."));
            }
            Action::Open => {
                let spec = QuizSpec {
                    decks: s.decks(),
                    count: s.count,
                    // The moment the quiz starts is its seed: a new quiz every time.
                    seed: ctx.now as u64,
                    mode: s.mode,
                };
                return Some(Nav::StartQuiz(spec));
            }
            Action::Back | Action::Quit => return Some(Nav::Home),
            _ => {}
        }
        None
    }
}

/// Draws the form: the decks with their question counts, the count, the mode, the time.
pub fn render(s: &QuizSetupState, ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
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
    let longest = ctx
        .collection
        .decks
        .iter()
        .map(|d| d.title.chars().count())
        .max()
        .unwrap_or(0);
    let name_w = longest.min(usize::from(area.width).saturating_sub(24).max(10));
    for (d, deck) in ctx.collection.decks.iter().enumerate() {
        let mark = if s.chosen[d] { "[x]" } else { "[ ]" };
        let title: String = inert(&deck.title).chars().take(name_w).collect();
        // A deck without questions is shown, dimmed, with the reason it cannot be chosen.
        let (title_style, count) = if s.can_choose(d) {
            (row_style(d), {
                let n = s.per_deck(d);
                format!(" {n:>4} question{}", if n == 1 { "" } else { "s" })
            })
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
            ctx.quiz_env.seconds_per_question,
            ctx.quiz_env.minutes,
        );
        lines.push(Line::from(Span::styled(
            format!(
                "  Time allowed {} · pass mark {:.0}%",
                duration(allowed),
                f64::from(ctx.quiz_env.pass_mark) * 100.0
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
