//! Quiz mode: an exam simulation built from the decks, checked and scored without a terminal.
//!
//! A quiz is a fixed list of questions drawn with a seed (so the same seed gives the same
//! quiz), the answers given so far, flags, and a deadline. Submitting it gives a [`QuizResult`]
//! that becomes one line of `quizzes.jsonl` ([`Attempt`]); missed cards are logged as
//! `quiz-miss` events so they come due in the next study session ([`log_misses`]).

mod attempt;
mod build;
mod check;
mod history;
pub mod shape;

pub use attempt::{is_good_line, AttemptSink, QuizLog, QuizLogLoad};
pub use build::{available, build, normalise, QuizSpec};
pub use check::{QuestionOutcome, QuizResult, SectionScore};
pub use history::{history_text, trend, Attempt, AttemptSection};

use rand::seq::SliceRandom;
use rand::SeedableRng;

use crate::schedule::{Millis, Rating, Scheduler};
use crate::store::{EventKind, StoreError};
use crate::study::{Collection, EventSink};

/// One question as asked: the card it comes from, its deck (the quiz's "section"), and how it
/// is answered.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The card's global id, `deck/card`.
    pub card: String,
    /// The deck id: the section the question is scored under.
    pub section: String,
    pub section_title: String,
    pub prompt: String,
    pub kind: QuestionKind,
    pub explain: Option<String>,
}

/// How a question is answered.
#[derive(Clone, Debug, PartialEq)]
pub enum QuestionKind {
    /// Pick one option, or exactly `correct.len()` of them ("choose two").
    Choice {
        options: Vec<String>,
        /// Indexes into `options`, ascending.
        correct: Vec<usize>,
    },
    /// Type the hidden part(s) of a cloze; compared after [`normalise`].
    Typed { answers: Vec<String> },
}

impl Question {
    /// How many options must be chosen (1 for single-answer and typed questions).
    pub fn picks(&self) -> usize {
        match &self.kind {
            QuestionKind::Choice { correct, .. } => correct.len().max(1),
            QuestionKind::Typed { .. } => 1,
        }
    }

    /// The right answer as a person reads it, options numbered from 1 as on the quiz screen.
    pub fn right_text(&self) -> String {
        match &self.kind {
            QuestionKind::Choice { options, correct } => correct
                .iter()
                .filter_map(|&i| options.get(i).map(|o| format!("{}) {o}", i + 1)))
                .collect::<Vec<_>>()
                .join("; "),
            QuestionKind::Typed { answers } => answers.join("; "),
        }
    }

    /// A response as a person reads it, numbered like `right_text`.
    pub fn response_text(&self, response: Option<&Response>) -> String {
        match (response, &self.kind) {
            (None, _) => "(no answer)".to_string(),
            (Some(Response::Choice(picked)), QuestionKind::Choice { options, .. }) => picked
                .iter()
                .filter_map(|&i| options.get(i).map(|o| format!("{}) {o}", i + 1)))
                .collect::<Vec<_>>()
                .join("; "),
            (Some(Response::Typed(t)), _) => t.clone(),
            (Some(Response::Choice(_)), QuestionKind::Typed { .. }) => "(no answer)".to_string(),
        }
    }

    /// The same question with its options in another order (the right ones followed).
    fn reshuffled(&self, rng: &mut impl rand::Rng) -> Question {
        let mut q = self.clone();
        if let QuestionKind::Choice { options, correct } = &self.kind {
            let mut order: Vec<usize> = (0..options.len()).collect();
            order.shuffle(rng);
            q.kind = QuestionKind::Choice {
                options: order.iter().map(|&i| options[i].clone()).collect(),
                // `order` is ascending in k, so this stays ascending.
                correct: (0..order.len())
                    .filter(|&k| correct.contains(&order[k]))
                    .collect(),
            };
        }
        q
    }

    /// Whether a response is right: the exact set of options, or the typed text equal to the
    /// gaps (all of them, in order) once case, spaces and punctuation are ignored. A gap that
    /// lists alternatives accepts any one of them, or the whole gap (see [`gap_alternatives`]).
    pub fn is_right(&self, response: &Response) -> bool {
        match (&self.kind, response) {
            (QuestionKind::Choice { correct, .. }, Response::Choice(picked)) => {
                let mut p = picked.clone();
                p.sort_unstable();
                p.dedup();
                p == *correct
            }
            (QuestionKind::Typed { answers }, Response::Typed(text)) => {
                let gaps: Vec<Vec<String>> = answers.iter().map(|a| gap_alternatives(a)).collect();
                let any = gaps.iter().flatten().any(|alt| !alt.is_empty());
                any && spells(&normalise(text), &gaps)
            }
            _ => false,
        }
    }
}

/// The answers a cloze gap accepts, normalised: the whole gap, and each alternative it lists
/// when it separates them by " / " or by the word " or " (spaces around either), so that
/// `{{seconds or milliseconds}}` accepts "seconds", "milliseconds" and the whole text. A slash
/// without spaces ("TCP/IP") is part of a word, not a list.
pub fn gap_alternatives(gap: &str) -> Vec<String> {
    let mut alts = vec![normalise(gap)];
    let lower = gap.to_lowercase();
    let spaced: Vec<&str> = lower
        .split(" / ")
        .flat_map(|part| part.split(" or "))
        .collect();
    if spaced.len() > 1 {
        alts.extend(spaced.into_iter().map(normalise).filter(|a| !a.is_empty()));
    }
    alts.dedup();
    alts
}

/// Whether `text` (normalised) is one alternative of each gap, in order, and nothing else.
fn spells(text: &str, gaps: &[Vec<String>]) -> bool {
    let Some((first, rest)) = gaps.split_first() else {
        return text.is_empty();
    };
    first.iter().any(|alt| {
        text.strip_prefix(alt.as_str())
            .is_some_and(|tail| spells(tail, rest))
    })
}

/// What was answered to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// Chosen option indexes, ascending.
    Choice(Vec<usize>),
    Typed(String),
}

/// Exam mode hides feedback until the end and runs a clock; practice shows each answer at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuizMode {
    Exam,
    Practice,
}

impl QuizMode {
    pub fn name(self) -> &'static str {
        match self {
            QuizMode::Exam => "exam",
            QuizMode::Practice => "practice",
        }
    }
}

/// A quiz being taken. Time is always passed in; nothing here reads the clock.
#[derive(Clone, Debug)]
pub struct Quiz {
    pub questions: Vec<Question>,
    pub answers: Vec<Option<Response>>,
    pub flagged: Vec<bool>,
    pub mode: QuizMode,
    pub seed: u64,
    pub started: Millis,
    /// When an exam-mode quiz is submitted by itself; None in practice mode.
    pub deadline: Option<Millis>,
    pub pass_mark: f32,
    /// This quiz retakes the missed questions of an earlier attempt.
    pub retake: bool,
}

impl Quiz {
    /// Starts a quiz at `now`. Exam mode gets `allowed_ms` for the whole quiz.
    pub fn start(
        questions: Vec<Question>,
        mode: QuizMode,
        seed: u64,
        now: Millis,
        allowed_ms: Millis,
        pass_mark: f32,
    ) -> Quiz {
        let n = questions.len();
        Quiz {
            questions,
            answers: vec![None; n],
            flagged: vec![false; n],
            mode,
            seed,
            started: now,
            deadline: (mode == QuizMode::Exam).then_some(now + allowed_ms),
            pass_mark,
            retake: false,
        }
    }

    /// The time allowed for `count` questions: `minutes` if given, else `seconds_per_question` each.
    pub fn allowed_ms(count: usize, seconds_per_question: u32, minutes: Option<u32>) -> Millis {
        match minutes {
            Some(m) => Millis::from(m) * 60_000,
            None => count as Millis * Millis::from(seconds_per_question) * 1000,
        }
    }

    /// Milliseconds left before the deadline (0 once passed); None without a deadline.
    pub fn remaining(&self, now: Millis) -> Option<Millis> {
        self.deadline.map(|d| (d - now).max(0))
    }

    /// Whether the deadline has passed: the quiz must be submitted now.
    pub fn expired(&self, now: Millis) -> bool {
        self.deadline.is_some_and(|d| now >= d)
    }

    /// Records an answer (replacing any earlier one). Practice mode keeps the first complete
    /// answer, since its feedback has already been shown.
    pub fn answer(&mut self, i: usize, response: Response) {
        if self.mode == QuizMode::Practice && self.is_locked(i) {
            return;
        }
        if let Some(slot) = self.answers.get_mut(i) {
            *slot = match response {
                Response::Choice(v) if v.is_empty() => None,
                Response::Typed(t) if t.trim().is_empty() => None,
                r => Some(r),
            };
        }
    }

    /// Toggles option `opt` of question `i`: single-answer questions switch to it, "choose
    /// two" questions add or remove it (never more than the number to choose).
    pub fn toggle_option(&mut self, i: usize, opt: usize) {
        let Some(q) = self.questions.get(i) else {
            return;
        };
        let QuestionKind::Choice { options, .. } = &q.kind else {
            return;
        };
        if opt >= options.len() {
            return;
        }
        let picks = q.picks();
        let mut chosen = match self.answers.get(i) {
            Some(Some(Response::Choice(v))) => v.clone(),
            _ => Vec::new(),
        };
        if picks == 1 {
            chosen = vec![opt];
        } else if let Some(pos) = chosen.iter().position(|&c| c == opt) {
            chosen.remove(pos);
        } else if chosen.len() < picks {
            chosen.push(opt);
            chosen.sort_unstable();
        }
        self.answer(i, Response::Choice(chosen));
    }

    /// Practice mode: a question whose answer is complete shows its feedback and stays fixed.
    pub fn is_locked(&self, i: usize) -> bool {
        self.mode == QuizMode::Practice && self.is_complete(i)
    }

    /// Whether question `i` has a full answer (all the picks of a "choose two").
    pub fn is_complete(&self, i: usize) -> bool {
        match (self.answers.get(i), self.questions.get(i)) {
            (Some(Some(Response::Choice(v))), Some(q)) => v.len() == q.picks(),
            (Some(Some(Response::Typed(_))), _) => true,
            _ => false,
        }
    }

    pub fn toggle_flag(&mut self, i: usize) {
        if let Some(f) = self.flagged.get_mut(i) {
            *f = !*f;
        }
    }

    /// Question numbers (0-based) without a complete answer.
    pub fn unanswered(&self) -> Vec<usize> {
        (0..self.questions.len())
            .filter(|&i| !self.is_complete(i))
            .collect()
    }

    /// Question numbers (0-based) flagged for another look.
    pub fn flagged_list(&self) -> Vec<usize> {
        (0..self.questions.len())
            .filter(|&i| self.flagged[i])
            .collect()
    }

    /// A new quiz of only the questions this result got wrong, same wording, the options
    /// shuffled again with `seed` (a retake tests the facts, not where they stood).
    pub fn retake_missed(
        &self,
        result: &QuizResult,
        now: Millis,
        allowed_ms: Millis,
        seed: u64,
    ) -> Quiz {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let questions: Vec<Question> = result
            .outcomes
            .iter()
            .zip(&self.questions)
            .filter(|(o, _)| !o.right)
            .map(|(_, q)| q.reshuffled(&mut rng))
            .collect();
        let mut quiz = Quiz::start(questions, self.mode, seed, now, allowed_ms, self.pass_mark);
        quiz.retake = true;
        quiz
    }
}

/// Logs a `quiz-miss` event for each missed card that still exists, and applies it to the
/// collection as the replay will (an Again answer), so the card is due in the next session.
/// Starts at `missed[from..]`; returns how many were logged before any error, so a failed
/// write can be retried from where it stopped.
pub fn log_misses(
    col: &mut Collection,
    sink: &mut dyn EventSink,
    scheduler: &Scheduler,
    missed: &[String],
    now: Millis,
) -> (usize, Result<(), StoreError>) {
    for (done, card) in missed.iter().enumerate() {
        let Some(entry) = col.find(card) else {
            continue;
        };
        if let Err(e) = sink.append(now, card, EventKind::QuizMiss) {
            return (done, Err(e));
        }
        let e = &mut col.cards[entry];
        let lapses = e.state.lapses;
        e.state = scheduler.rate(&e.state, Rating::Again, now, e.seed);
        // A lapse is a lapse: the replay makes leeches of quiz misses too.
        if e.state.lapses > lapses && scheduler.is_leech_lapse(e.state.lapses) {
            crate::study::mark_leech(e, scheduler);
        }
    }
    (missed.len(), Ok(()))
}

#[cfg(test)]
mod tests;
