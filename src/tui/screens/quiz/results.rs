//! A submitted quiz: the score by section, saving the attempt (and marking missed cards
//! due), the review of each mistake, and the retake of the missed questions.
//!
//! Owns `ResultsState`, its update and its view; measures through `question.rs`. The retake
//! is asked for with `Nav::TakeQuiz`, so this file imports no other screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use recall::quiz::{self, Attempt, Quiz, QuizResult};
use recall::stats::history::Tee;
use recall::text::for_terminal as inert;
use recall::timefmt::duration;

use super::question::{review_limit, review_text};
use crate::tui::action::{Action, Nav};
use crate::tui::ctx::{Ctx, Status};
use crate::tui::keys::Mode;
use crate::tui::layout;
use crate::tui::text::render_scrolled;
use crate::tui::theme::Theme;

/// A submitted quiz: its score, whether it is saved, and the mistake being reviewed.
pub struct ResultsState {
    pub quiz: Quiz,
    pub result: QuizResult,
    pub attempt: Attempt,
    pub title: String,
    pub saved: bool,
    /// Cards to mark due (`quiz-miss`), and how many are done.
    pub misses: Vec<String>,
    pub misses_done: usize,
    pub save_error: Option<String>,
    /// Leaving with the attempt unsaved was asked once already.
    pub leave_warned: bool,
    /// Reviewing mistake k (an index into `result.mistakes()`).
    pub review: Option<usize>,
    /// Lines scrolled down in the mistake under review; another mistake starts at the top.
    pub review_scroll: u16,
}

impl ResultsState {
    /// Scores `quiz` at `ctx.now`, shows the results and saves the attempt.
    pub fn submit(ctx: &mut Ctx, quiz: Quiz, title: String) -> ResultsState {
        let result = quiz.submit(ctx.now);
        let attempt = Attempt::new(&quiz, &result);
        let misses = attempt.missed.clone();
        let mut results = ResultsState {
            quiz,
            result,
            attempt,
            title,
            saved: false,
            misses,
            misses_done: 0,
            save_error: None,
            leave_warned: false,
            review: None,
            review_scroll: 0,
        };
        results.save(ctx);
        results
    }

    /// The key map: the score, or the review of one mistake.
    pub fn mode(&self) -> Mode {
        if self.review.is_some() {
            Mode::Review
        } else if self.result.mistakes().is_empty() {
            Mode::ResultsAllRight
        } else {
            Mode::Results
        }
    }

    pub fn fully_saved(&self) -> bool {
        self.saved && self.misses_done >= self.misses.len()
    }

    /// Appends a `quiz-miss` per missed card, then the attempt: an attempt on disk always
    /// has all its misses, even if recall is killed mid-save. A failure stops there and `s`
    /// tries again from that point.
    fn save(&mut self, ctx: &mut Ctx) {
        let now = ctx.now;
        let r = self;
        // Through the tee, so the stats screen sees the misses as the replay will.
        let mut tee = Tee {
            inner: ctx.sink.as_mut(),
            history: &mut ctx.history,
        };
        let (done, res) = quiz::log_misses(
            &mut ctx.collection,
            &mut tee,
            &ctx.scheduler,
            &r.misses[r.misses_done..],
            now,
        );
        r.misses_done += done;
        if let Err(e) = res {
            r.save_error = Some(format!(
                "Not saved: missed cards could not all be marked due: {e}. s tries again."
            ));
            return;
        }
        if !r.saved {
            let res = match ctx.quiz_env.attempts.as_mut() {
                Some(sink) => sink.append_attempt(&r.attempt).map_err(|e| e.to_string()),
                None => Err("no quiz log is open".to_string()),
            };
            if let Err(e) = res {
                r.save_error = Some(format!("Not saved: {e}. s tries again."));
                return;
            }
            r.saved = true;
        }
        r.save_error = None;
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        let now = ctx.now;
        let limit = match action {
            Action::Up | Action::Down => review_limit(
                &self.quiz,
                &self.result,
                self.review,
                layout::body(ctx.size),
            ),
            _ => 0,
        };
        let r = self;
        let reviewed = r.review;
        let mistakes = r.result.mistakes().len();
        match (r.review, action) {
            (_, Action::Save) if !r.fully_saved() => r.save(ctx),
            (_, Action::Retake) if mistakes == 0 => {
                ctx.status = Some(Status::info("Nothing to retake: every answer was right."));
            }
            (_, Action::Retake) if !r.fully_saved() => {
                ctx.status = Some(Status::error(
                    "Save this attempt first (s), then retake the missed questions.",
                ));
            }
            (_, Action::Retake) => {
                let env = &ctx.quiz_env;
                let allowed = Quiz::allowed_ms(mistakes, env.seconds_per_question, None);
                // The moment of the retake is its seed: the options come in a new order.
                let quiz = Box::new(r.quiz.retake_missed(&r.result, now, allowed, now as u64));
                let title = format!("{} · retake", r.title.trim_end_matches(" · retake"));
                return Some(Nav::TakeQuiz { quiz, title });
            }
            (None, Action::Mistakes | Action::Open) if mistakes > 0 => r.review = Some(0),
            (None, Action::Back | Action::Quit) => {
                if r.fully_saved() || r.leave_warned {
                    return Some(Nav::LeaveQuiz);
                } else {
                    r.leave_warned = true;
                    ctx.status = Some(Status::error(
                        "This attempt is not saved: s tries again, q again leaves without it.",
                    ));
                }
            }
            (Some(_), Action::Down | Action::Up) => {
                r.review_scroll = layout::scroll(r.review_scroll, limit, action == Action::Down)
            }
            (Some(k), Action::Right | Action::Open) => {
                r.review = Some((k + 1).min(mistakes.saturating_sub(1)))
            }
            (Some(k), Action::Left) => r.review = Some(k.saturating_sub(1)),
            (Some(_), Action::Back | Action::Quit | Action::Mistakes) => r.review = None,
            _ => {}
        }
        if r.review != reviewed {
            r.review_scroll = 0;
        }
        None
    }
}

/// Draws the score with a bar per section and what was saved, or the mistake under review.
pub fn render(r: &ResultsState, _ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
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
        None if r.fully_saved() && missed == 0 => Line::from(Span::styled(
            "  Saved. Every answer was right: no card comes due from this quiz.",
            theme.dim(),
        )),
        None if r.fully_saved() => Line::from(Span::styled(
            format!(
                "  Saved. {} due in your next study session.",
                match missed {
                    1 => "1 missed card comes".to_string(),
                    n => format!("{n} missed cards come"),
                }
            ),
            theme.dim(),
        )),
        None => Line::from(Span::styled("  Not saved yet.", theme.error())),
    });
    if missed > 0 {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled("m", theme.key()),
            Span::raw(match missed {
                1 => " review the mistake   ".to_string(),
                n => format!(" review the {n} mistakes   "),
            }),
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
    let Some((text, title)) =
        review_text(&r.quiz, &r.result, k, theme, area.width.saturating_sub(2))
    else {
        return;
    };
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    // A long mistake scrolls (j/k ↑/↓) so that the right answer and explanation can be read.
    render_scrolled(text, block, r.review_scroll, theme, area, buf);
}
