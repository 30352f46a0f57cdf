//! Moving around a long quiz: `g` and a number go to that question, `u` to the next one
//! without an answer, `F` to the next flagged one; the footer and help say so.

use super::support::*;

/// A 65-question exam over the built-in decks, as the real exam has.
fn exam65() -> App {
    let decks = recall::deck::builtin_decks().expect("valid");
    let mut app = app_on(decks, MemSink::default());
    app.start_quiz(QuizSpec {
        decks: Vec::new(),
        count: 65,
        seed: 11,
        mode: QuizMode::Exam,
    });
    assert_eq!(state(&app).quiz.questions.len(), 65);
    app
}

fn keys(app: &mut App, typed: &str) {
    for c in typed.chars() {
        press(app, c, T0);
    }
}

#[test]
fn g_and_a_number_go_to_that_question_which_can_then_be_answered() {
    let mut app = exam65();
    assert!(
        screen_text(&app).contains("g/u/F jump"),
        "the footer names g, u and F"
    );
    keys(&mut app, "g4");
    assert!(screen_text(&app).contains("Go to question (1-65): 4"));
    keys(&mut app, "0\n");
    assert_eq!(state(&app).current, 39);
    assert!(screen_text(&app).contains("Question 40 of 65"));
    keys(&mut app, "1");
    assert!(state(&app).quiz.is_complete(39), "answered");
    assert!(screen_text(&app).contains(" 40●"), "{}", screen_text(&app));
    // Backspace corrects a digit; esc leaves the number unfinished.
    keys(&mut app, "g19");
    app.update(Action::Erase, T0);
    app.update(Action::Erase, T0);
    keys(&mut app, "2\n");
    assert_eq!(state(&app).current, 1, "g 1 9 ⌫ ⌫ 2 enter: question 2");
    keys(&mut app, "g7");
    app.update(Action::Back, T0);
    assert_eq!(state(&app).current, 1);
    assert!(state(&app).jump.is_none());
    // No such question: says so and stays.
    keys(&mut app, "g99\n");
    assert_eq!(state(&app).current, 1);
    assert!(screen_text(&app).contains("There is no question 99: the numbers go from 1 to 65"));
    keys(&mut app, "g0\n");
    assert_eq!(state(&app).current, 1);
}

#[test]
fn u_goes_to_the_next_unanswered_and_shift_f_to_the_next_flagged() {
    let mut app = exam65();
    keys(&mut app, "F");
    assert_eq!(state(&app).current, 0);
    assert!(screen_text(&app).contains("No question is flagged"));
    // Answer 1 and 2, flag 3 and 50.
    keys(&mut app, "1n1n");
    keys(&mut app, "f");
    keys(&mut app, "g50\nf");
    keys(&mut app, "g1\nu");
    assert_eq!(state(&app).current, 2, "questions 1 and 2 have answers");
    keys(&mut app, "F");
    assert_eq!(state(&app).current, 49);
    keys(&mut app, "F");
    assert_eq!(state(&app).current, 2, "round past the last");
    // With every question answered, u says so.
    let quiz = &mut match &mut app.screen {
        Screen::Quiz(q) => q,
        _ => panic!("quiz"),
    }
    .quiz;
    for i in 0..65 {
        // As many options as the question asks for ("choose two" needs two).
        let picks = quiz.questions[i].picks();
        quiz.answer(i, Response::Choice((0..picks).collect()));
    }
    keys(&mut app, "u");
    assert_eq!(state(&app).current, 2);
    assert!(screen_text(&app).contains("Every question has an answer"));
}

#[test]
fn help_lists_the_moves() {
    let mut app = exam65();
    app.update(Action::ToggleHelp, T0);
    let shown = text(&render(&app, 80, 40, Theme::new(false)));
    for want in [
        "go to question 40",
        "next question without an answer",
        "next flagged",
    ] {
        assert!(shown.contains(want), "{want}: {shown}");
    }
}
