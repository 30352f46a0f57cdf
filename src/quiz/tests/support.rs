//! What the quiz tests share: a fixed time, decks from TOML text, a quiz over a small deck,
//! and finding a question or option by its text. Test files use `use super::support::*;`.

pub use crate::deck::{builtin_decks, parse_deck, CardContent, Deck, DeckSource};
pub use crate::quiz::*;
pub use crate::schedule::{Millis, Phase, Scheduler, SchedulerConfig};
pub use crate::store::log::{format_line, format_numbered_line, parse_log};
pub use crate::store::{EventKind, LoadedLog, ReviewLog, StoreError};
pub use crate::study::{EventSink, Limits, Queue, Scope};

/// 2026-11-23 10:00 UTC.
pub const T0: Millis = 1_795_428_000_000;
pub const MIN: Millis = 60_000;

pub fn deck(src: &str) -> Deck {
    parse_deck(src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid deck")
}

pub fn builtin() -> Vec<Deck> {
    builtin_decks().expect("built-in decks parse")
}

pub fn spec(count: usize, seed: u64) -> QuizSpec {
    QuizSpec {
        decks: Vec::new(),
        count,
        seed,
    }
}

pub fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig {
        fuzz: false,
        ..Default::default()
    })
    .expect("defaults")
}

pub const SMALL: &str = r#"
[deck]
id = "d"
title = "Small"

[[cards]]
id = "one"
kind = "choice"
front = "Pick B"
choices = ["a", "b", "c", "d"]
answer = 1

[[cards]]
id = "two"
kind = "choice"
front = "Choose two: B and D"
choices = ["a", "b", "c", "d", "e"]
answer = [1, 3]

[[cards]]
id = "gap"
kind = "cloze"
text = "SSE-C needs {{HTTPS}}."

[[cards]]
id = "gaps"
kind = "cloze"
text = "{{One Zone-IA}} keeps data in {{1 AZ}}."
"#;

pub fn small_quiz(mode: QuizMode) -> Quiz {
    let decks = vec![deck(SMALL)];
    let qs = build(&decks, &spec(10, 1));
    assert_eq!(qs.len(), 4);
    Quiz::start(qs, mode, 1, T0, 4 * 120_000, 0.75)
}

pub fn index_of(quiz: &Quiz, card: &str) -> usize {
    quiz.questions
        .iter()
        .position(|q| q.card == card)
        .expect("question present")
}

pub fn option(q: &Question, text: &str) -> usize {
    match &q.kind {
        QuestionKind::Choice { options, .. } => options
            .iter()
            .position(|o| o == text)
            .expect("option present"),
        QuestionKind::Typed { .. } => panic!("not a choice question"),
    }
}
