//! The quiz setup form: which decks, how many questions, which mode.

use super::support::*;

#[test]
fn t_opens_the_setup_whose_choices_shape_the_quiz() {
    let mut app = quiz_app(MemSink::default(), MemAttempts::default());
    app.update(Action::QuizSetup, T0);
    let setup = |app: &App| match &app.screen {
        Screen::QuizSetup(s) => (s.chosen.clone(), s.count, s.available, s.mode),
        _ => panic!("setup screen"),
    };
    assert_eq!(setup(&app), (vec![true, true], 8, 8, QuizMode::Exam));
    insta::assert_snapshot!("quiz_setup_80x24", screen_text(&app));
    // None chosen: the quiz cannot start.
    app.update(Action::StudyAll, T0);
    assert_eq!(setup(&app), (vec![false, false], 0, 0, QuizMode::Exam));
    app.update(Action::Open, T0);
    assert!(matches!(app.screen, Screen::QuizSetup(_)));
    assert!(screen_text(&app).contains("Choose at least one deck"));
    app.update(Action::StudyAll, T0);
    // Up from the count row: the Facts deck; toggle it off.
    app.update(Action::Up, T0);
    app.update(Action::Right, T0);
    assert_eq!(setup(&app), (vec![true, false], 3, 3, QuizMode::Exam));
    app.update(Action::Down, T0);
    app.update(Action::Left, T0); // count 3 -> 1
    app.update(Action::Down, T0);
    app.update(Action::Right, T0); // practice
    assert_eq!(setup(&app), (vec![true, false], 1, 3, QuizMode::Practice));
    app.update(Action::Open, T0);
    let st = state(&app);
    assert_eq!(st.quiz.questions.len(), 1);
    assert_eq!(st.quiz.mode, QuizMode::Practice);
    assert_eq!(st.quiz.deadline, None);
    assert_eq!(st.title, "Storage");
    assert!(st.quiz.questions[0].card.starts_with("storage/"));
}

/// A deck whose only card is a basic one: no other backs to offer as wrong options.
const LONELY: &str = r#"
[deck]
id = "lonely"
title = "Lonely"

[[cards]]
id = "one"
front = "A question with no distractors?"
back = "Its answer"
"#;

#[test]
fn a_deck_without_questions_is_shown_unavailable_and_never_chosen() {
    let mut app = quiz_app_with(
        MemSink::default(),
        MemAttempts::default(),
        &[STORAGE, LONELY, FACTS],
    );
    app.update(Action::QuizSetup, T0);
    let setup = |app: &App| match &app.screen {
        Screen::QuizSetup(s) => (s.chosen.clone(), s.decks()),
        _ => panic!("setup screen"),
    };
    assert_eq!(setup(&app), (vec![true, false, true], Vec::new()));
    let shown = screen_text(&app);
    assert!(
        shown.contains("[ ] Lonely     0 questions — no card a quiz can ask"),
        "{shown}"
    );
    // Toggling it says why not; none/all leaves it out.
    app.update(Action::Up, T0);
    app.update(Action::Up, T0);
    app.update(Action::Right, T0);
    assert_eq!(setup(&app).0, vec![true, false, true]);
    assert!(screen_text(&app).contains("no card a quiz can ask: it cannot be chosen"));
    app.update(Action::StudyAll, T0);
    assert_eq!(setup(&app).0, vec![false, false, false]);
    app.update(Action::StudyAll, T0);
    assert_eq!(setup(&app), (vec![true, false, true], Vec::new()));
    app.update(Action::Open, T0);
    assert_eq!(state(&app).title, "All decks");
}
