//! Cloze hints (`{{answer::hint}}`): the gap shows `[hint]` on the study card and in the quiz
//! until the answer is revealed; the answer itself never holds the hint.

use super::support::*;

const HINTED: &str = r#"
[deck]
id = "hints"
title = "Hints"

[[cards]]
id = "deep"
kind = "cloze"
text = "Deep Archive restores within {{12 hours::how long?}} at the {{lowest}} cost."
"#;

#[test]
fn the_study_card_shows_the_hint_in_its_gap_then_the_answer() {
    let mut app = app_with_deck(HINTED, MemSink::default());
    app.update(Action::Open, T0);
    let question = screen_text(&app);
    assert!(
        question.contains("Deep Archive restores within [how long?] at the [...] cost."),
        "{question}"
    );
    insta::assert_snapshot!("cloze_hint_question_80x24", question);
    app.update(Action::Reveal, T0 + 1000);
    let answer = screen_text(&app);
    assert!(
        answer.contains("Deep Archive restores within 12 hours at the lowest cost."),
        "{answer}"
    );
    assert!(!answer.contains("how long?"), "{answer}");
}

#[test]
fn the_quiz_asks_the_typed_cloze_with_its_hint_in_the_gap() {
    let (sink, attempts) = (MemSink::default(), MemAttempts::default());
    let mut app = quiz_app_with(sink, attempts, &[HINTED]);
    let spec = QuizSpec {
        decks: Vec::new(),
        count: 65,
        seed: 7,
        mode: QuizMode::Practice,
    };
    let questions = recall::quiz::build(&app.ctx.collection.decks, &spec);
    assert_eq!(questions.len(), 1, "{questions:?}");
    assert_eq!(
        questions[0].kind,
        QuestionKind::Typed {
            answers: vec!["12 hours".into(), "lowest".into()]
        }
    );
    let allowed = Quiz::allowed_ms(questions.len(), 60, None);
    let quiz = Quiz::start(questions, QuizMode::Practice, 7, app.ctx.now, allowed, 0.75);
    app.screen = Screen::Quiz(Box::new(QuizState::new(quiz, "Hints".into())));
    let shown = screen_text(&app);
    assert!(
        shown.contains("[how long?]") && shown.contains("[...]"),
        "{shown}"
    );
    insta::assert_snapshot!("cloze_hint_quiz_80x24", shown);
}
