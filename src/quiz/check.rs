//! Submitting a quiz: which answers were right, the score per section, pass or fail, time used.

use super::{Quiz, QuizMode};
use crate::schedule::Millis;

/// How one question went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuestionOutcome {
    pub right: bool,
    pub answered: bool,
}

/// One section's (deck's) share of the questions and how many were right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionScore {
    pub section: String,
    pub title: String,
    pub right: usize,
    pub total: usize,
}

impl SectionScore {
    /// The share right, 0..=1 (0 for an empty section).
    pub fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

/// A submitted quiz, scored.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizResult {
    /// One per question, in quiz order.
    pub outcomes: Vec<QuestionOutcome>,
    pub right: usize,
    pub total: usize,
    pub passed: bool,
    /// In order of first appearance in the quiz.
    pub sections: Vec<SectionScore>,
    pub finished: Millis,
    /// From the start to the submit, never past the deadline.
    pub used_ms: Millis,
    pub allowed_ms: Option<Millis>,
    /// Submitted by the clock, not by the user.
    pub timed_out: bool,
}

impl QuizResult {
    /// The share right, 0..=1 (0 for an empty quiz).
    pub fn score(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }

    /// Indexes of the questions answered wrong or not at all.
    pub fn mistakes(&self) -> Vec<usize> {
        (0..self.outcomes.len())
            .filter(|&i| !self.outcomes[i].right)
            .collect()
    }
}

impl Quiz {
    /// Scores the quiz as of `now`. Past the deadline, time used stops at the deadline.
    pub fn submit(&self, now: Millis) -> QuizResult {
        let outcomes: Vec<QuestionOutcome> = self
            .questions
            .iter()
            .zip(&self.answers)
            .map(|(q, a)| QuestionOutcome {
                right: a.as_ref().is_some_and(|r| q.is_right(r)),
                answered: a.is_some(),
            })
            .collect();
        let mut sections: Vec<SectionScore> = Vec::new();
        for (q, o) in self.questions.iter().zip(&outcomes) {
            let s = match sections.iter_mut().position(|s| s.section == q.section) {
                Some(i) => &mut sections[i],
                None => {
                    sections.push(SectionScore {
                        section: q.section.clone(),
                        title: q.section_title.clone(),
                        right: 0,
                        total: 0,
                    });
                    let last = sections.len() - 1;
                    &mut sections[last]
                }
            };
            s.total += 1;
            s.right += usize::from(o.right);
        }
        let right = outcomes.iter().filter(|o| o.right).count();
        let total = outcomes.len();
        let end = self.deadline.map_or(now, |d| now.min(d));
        QuizResult {
            passed: total > 0 && right as f64 >= f64::from(self.pass_mark) * total as f64 - 1e-9,
            outcomes,
            right,
            total,
            sections,
            finished: now,
            used_ms: (end - self.started).max(0),
            allowed_ms: self.deadline.map(|d| d - self.started),
            timed_out: self.mode == QuizMode::Exam && self.expired(now),
        }
    }

    /// The cards behind the missed questions, for `quiz-miss` events.
    pub fn missed_cards(&self, result: &QuizResult) -> Vec<String> {
        result
            .mistakes()
            .into_iter()
            .filter_map(|i| self.questions.get(i).map(|q| q.card.clone()))
            .collect()
    }
}
