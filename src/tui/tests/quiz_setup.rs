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
    assert_eq!(setup(&app), (vec![true, true], 7, 7, QuizMode::Exam));
    insta::assert_snapshot!("quiz_setup_80x24", screen_text(&app));
    // None chosen: the quiz cannot start.
    app.update(Action::StudyAll, T0);
    assert_eq!(setup(&app), (vec![false, false], 0, 0, QuizMode::Exam));
    app.update(Action::Open, T0);
    assert!(matches!(app.screen, Screen::QuizSetup(_)));
    assert!(screen_text(&app).contains("Choose at least one deck"));
    app.update(Action::StudyAll, T0);
    // The focus starts on the first deck: down to the Facts deck; untick it.
    app.update(Action::Down, T0);
    app.update(Action::Toggle, T0);
    // Exam mode: Storage's two choice cards (its cloze card is practice only).
    assert_eq!(setup(&app), (vec![true, false], 2, 2, QuizMode::Exam));
    app.update(Action::Down, T0);
    app.update(Action::Left, T0); // count 2 -> 1
    app.update(Action::Down, T0);
    app.update(Action::Right, T0); // practice: the cloze card counts too
    assert_eq!(setup(&app), (vec![true, false], 3, 3, QuizMode::Practice));
    app.update(Action::Up, T0);
    app.update(Action::Left, T0); // count 3 -> 1
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
    app.update(Action::Down, T0);
    app.update(Action::Toggle, T0);
    assert_eq!(setup(&app).0, vec![true, false, true]);
    assert!(screen_text(&app).contains("no card a quiz can ask: it cannot be chosen"));
    app.update(Action::StudyAll, T0);
    assert_eq!(setup(&app).0, vec![false, false, false]);
    app.update(Action::StudyAll, T0);
    assert_eq!(setup(&app), (vec![true, false, true], Vec::new()));
    app.update(Action::Open, T0);
    assert_eq!(state(&app).title, "All decks");
}

#[test]
fn the_form_starts_on_the_deck_list_and_h_l_never_untick_a_deck() {
    let mut app = quiz_app(MemSink::default(), MemAttempts::default());
    app.update(Action::QuizSetup, T0);
    let setup = |app: &App| match &app.screen {
        Screen::QuizSetup(s) => (s.focus, s.chosen.clone()),
        _ => panic!("setup screen"),
    };
    assert_eq!(
        setup(&app),
        (0, vec![true, true]),
        "focus on the first deck"
    );
    // h and l (and the arrows) on a deck row leave every tick alone and say what they do.
    for key in ['h', 'l', 'h', 'l'] {
        press(&mut app, key, T0);
        assert_eq!(setup(&app), (0, vec![true, true]), "after {key}");
    }
    assert!(screen_text(&app).contains("space ticks a deck"));
    press(&mut app, ' ', T0);
    assert_eq!(setup(&app), (0, vec![false, true]), "space unticks");
    press(&mut app, ' ', T0);
    assert_eq!(setup(&app), (0, vec![true, true]), "space ticks again");
}

/// A deck with one choice card: one question in either mode.
const SINGLE: &str = r#"
[deck]
id = "single"
title = "Single"

[[cards]]
id = "one"
kind = "choice"
front = "Which class stores data in one AZ?"
choices = ["S3 Standard", "S3 One Zone-IA"]
answer = 1
explain = "One Zone-IA."
"#;

#[test]
fn one_question_is_not_one_questions() {
    let mut app = quiz_app_with(MemSink::default(), MemAttempts::default(), &[SINGLE]);
    app.update(Action::QuizSetup, T0);
    let shown = screen_text(&app);
    assert!(shown.contains("[x] Single    1 question "), "{shown}");
    assert!(!shown.contains("1 questions"), "{shown}");
}
