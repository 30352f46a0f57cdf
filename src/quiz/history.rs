//! A finished attempt as stored in `quizzes.jsonl`, and the history printed from those lines.

use serde::{Deserialize, Serialize};

use super::{Quiz, QuizResult};
use crate::store::format_timestamp;
use crate::text::inert;

/// One line of `quizzes.jsonl` (fields documented in the README, "Quiz mode").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub v: u32,
    /// When it was submitted, RFC 3339 UTC.
    pub at: String,
    pub started: String,
    /// `exam` or `practice`.
    pub mode: String,
    pub seed: u64,
    /// Only the missed questions of an earlier attempt.
    #[serde(default)]
    pub retake: bool,
    pub questions: usize,
    pub right: usize,
    /// `right / questions`, 0..=1.
    pub score: f64,
    pub pass_mark: f64,
    pub passed: bool,
    pub seconds_used: u64,
    /// The time allowed (exam mode); absent in practice mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds_allowed: Option<u64>,
    #[serde(default)]
    pub timed_out: bool,
    pub sections: Vec<AttemptSection>,
    /// Global ids of the cards answered wrong or not at all.
    #[serde(default)]
    pub missed: Vec<String>,
    /// Global ids of the cards flagged when it was submitted.
    #[serde(default)]
    pub flagged: Vec<String>,
}

/// One section's score within an attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptSection {
    pub deck: String,
    pub right: usize,
    pub total: usize,
}

/// Rounded to 4 decimals so `0.75` is stored as `0.75`, not `0.75000000001`.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl Attempt {
    /// The record of a submitted quiz.
    pub fn new(quiz: &Quiz, result: &QuizResult) -> Attempt {
        Attempt {
            v: 1,
            at: format_timestamp(result.finished),
            started: format_timestamp(quiz.started),
            mode: quiz.mode.name().to_string(),
            seed: quiz.seed,
            retake: quiz.retake,
            questions: result.total,
            right: result.right,
            score: round4(result.score()),
            pass_mark: round4(f64::from(quiz.pass_mark)),
            passed: result.passed,
            seconds_used: (result.used_ms / 1000) as u64,
            seconds_allowed: result.allowed_ms.map(|ms| (ms / 1000) as u64),
            timed_out: result.timed_out,
            sections: result
                .sections
                .iter()
                .map(|s| AttemptSection {
                    deck: s.section.clone(),
                    right: s.right,
                    total: s.total,
                })
                .collect(),
            missed: quiz.missed_cards(result),
            flagged: quiz
                .flagged_list()
                .into_iter()
                .map(|i| quiz.questions[i].card.clone())
                .collect(),
        }
    }

    /// The line as written to `quizzes.jsonl`, newline included.
    pub fn to_line(&self) -> String {
        // Strings, numbers, booleans and lists only: serde_json cannot fail on them (a NaN
        // score would become null, not an error), so a blank "saved" line cannot happen.
        let mut s = serde_json::to_string(self).expect("an Attempt always serialises");
        s.push('\n');
        s
    }
}

/// The scores of full (non-retake) attempts in order, as whole percentages: the trend.
pub fn trend(attempts: &[Attempt]) -> Vec<u32> {
    attempts
        .iter()
        .filter(|a| !a.retake)
        .map(|a| (a.score * 100.0).round() as u32)
        .collect()
}

/// The history as text: one block per attempt with its sections, then the trend.
/// `utc_offset_secs` shows the times in local time.
pub fn history_text(attempts: &[Attempt], utc_offset_secs: i32) -> String {
    use std::fmt::Write as _;
    if attempts.is_empty() {
        return "No quiz attempts yet. Start one with `recall quiz` or `t` on the deck list.\n"
            .to_string();
    }
    let mut out = String::new();
    for (n, a) in attempts.iter().enumerate() {
        let when = crate::store::parse_timestamp(&a.at).map_or_else(
            || inert(&a.at).into_owned(),
            |ms| {
                let local = format_timestamp(ms + i64::from(utc_offset_secs) * 1000);
                format!("{} {}", &local[..10], &local[11..16])
            },
        );
        let mode = inert(&a.mode);
        let kind = if a.retake {
            format!("{mode} retake")
        } else {
            mode.into_owned()
        };
        let _ = writeln!(
            out,
            "{:>3}. {when}  {kind:<16} {:>3}/{:<3} {:>3}%  {}  {}{}",
            n + 1,
            a.right,
            a.questions,
            (a.score * 100.0).round(),
            if a.passed { "PASS" } else { "FAIL" },
            crate::timefmt::duration(
                i64::try_from(a.seconds_used)
                    .unwrap_or(i64::MAX / 1000)
                    .saturating_mul(1000)
            ),
            if a.timed_out { " (time ran out)" } else { "" },
        );
        let sections: Vec<String> = a
            .sections
            .iter()
            .map(|s| {
                let pct = s
                    .right
                    .saturating_mul(100)
                    .saturating_add(s.total / 2)
                    .checked_div(s.total)
                    .unwrap_or(0);
                format!("{} {}/{} {pct}%", inert(&s.deck), s.right, s.total)
            })
            .collect();
        let _ = writeln!(out, "     {}", sections.join(" · "));
    }
    let t = trend(attempts);
    if let (Some(first), Some(last)) = (t.first(), t.last()) {
        let shown: Vec<String> = t
            .iter()
            .rev()
            .take(10)
            .rev()
            .map(|p| format!("{p}%"))
            .collect();
        let delta = i64::from(*last) - i64::from(*first);
        let _ = if t.len() == 1 {
            writeln!(out, "Trend: {first}% (one full attempt so far)")
        } else {
            writeln!(
                out,
                "Trend: {}  ({}{delta} points over {} attempts)",
                shown.join(" → "),
                if delta >= 0 { "+" } else { "" },
                t.len()
            )
        };
    }
    out
}
