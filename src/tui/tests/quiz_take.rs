//! Taking a quiz: practice feedback, typing, time running out, leaving, small terminals,
//! the confirmation, the footer and help, and long questions that scroll.

use super::support::*;

#[test]
fn practice_shows_the_answer_and_explanation_at_once() {
    let (mut app, _, _) = started(QuizMode::Practice);
    // Find the one-AZ question and answer it wrong.
    while !state(&app).quiz.questions[state(&app).current]
        .card
        .ends_with("onezone")
    {
        app.update(Action::Right, T0);
    }
    assert!(!screen_text(&app).contains("Right answer"));
    answer(&mut app, false, T0);
    let shown = screen_text(&app);
    assert!(shown.contains("✗ Wrong. Right answer:"), "{shown}");
    assert!(shown.contains("S3 One Zone-IA"), "{shown}");
    assert!(
        shown.contains("One Zone-IA: a single Availability Zone."),
        "{shown}"
    );
    insta::assert_snapshot!("quiz_practice_feedback_80x24", shown);
}

#[test]
fn time_running_out_submits_by_itself() {
    let (mut app, _, attempts) = started(QuizMode::Exam);
    let deadline = state(&app).quiz.deadline.expect("exam has a deadline");
    assert_eq!(deadline, T0 + 8 * 60_000);
    answer(&mut app, true, T0 + 1000);
    app.update(Action::Tick, deadline - 1);
    assert!(matches!(app.screen, Screen::Quiz(_)));
    assert!(screen_text(&app).contains("⏱ 0:01"));
    app.update(Action::Tick, deadline + 400);
    let Screen::Results(r) = &app.screen else {
        panic!("submitted at the deadline");
    };
    assert!(r.result.timed_out);
    assert_eq!(r.result.used_ms, 8 * 60_000);
    assert_eq!(r.result.right, 1);
    assert_eq!(attempts.saved.borrow().len(), 1);
    assert!(attempts.saved.borrow()[0].timed_out);
    assert!(screen_text(&app).contains("time ran out"));
}

#[test]
fn leaving_mid_quiz_asks_and_saves_nothing() {
    let (mut app, sink, attempts) = started(QuizMode::Exam);
    answer(&mut app, false, T0);
    app.update(Action::Back, T0);
    assert!(screen_text(&app).contains("Leave the quiz?"));
    app.update(Action::No, T0);
    assert!(matches!(app.screen, Screen::Quiz(_)));
    app.update(Action::Quit, T0);
    app.update(Action::Yes, T0);
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(attempts.saved.borrow().is_empty());
    assert!(sink.events.borrow().is_empty());
    assert!(screen_text(&app).contains("nothing was saved"));
}

#[test]
fn a_quiz_started_from_the_shell_ends_recall_when_left() {
    // Leaving the results.
    let (mut app, _, attempts) = started(QuizMode::Exam);
    app.ctx.quiz_env.exit_when_done = true;
    answer(&mut app, true, T0);
    app.update(Action::Submit, T0);
    app.update(Action::Yes, T0);
    assert!(matches!(app.screen, Screen::Results(_)));
    assert!(!app.quit);
    app.update(Action::Back, T0);
    assert!(app.quit, "back to the shell");
    assert_eq!(attempts.saved.borrow().len(), 1);
    // Leaving mid-quiz.
    let (mut app, _, _) = started(QuizMode::Exam);
    app.ctx.quiz_env.exit_when_done = true;
    app.update(Action::Back, T0);
    app.update(Action::Yes, T0);
    assert!(app.quit);
}

#[test]
fn typing_takes_letters_that_are_keys_elsewhere() {
    let (mut app, _, _) = started(QuizMode::Exam);
    while !matches!(
        state(&app).quiz.questions[state(&app).current].kind,
        QuestionKind::Typed { .. }
    ) {
        app.update(Action::Right, T0);
    }
    app.update(Action::Open, T0);
    for c in "fsq?x".chars() {
        app.update(Action::Type(c), T0);
    }
    app.update(Action::Erase, T0);
    assert!(screen_text(&app).contains("Your answer: fsq?▏"));
    app.update(Action::Open, T0);
    let st = state(&app);
    assert_eq!(
        st.quiz.answers[st.current],
        Some(Response::Typed("fsq?".into()))
    );
    assert!(!st.quiz.flagged[st.current]);
    // Esc while typing keeps the earlier answer.
    app.update(Action::Open, T0);
    app.update(Action::Type('z'), T0);
    app.update(Action::Back, T0);
    let st = state(&app);
    assert_eq!(
        st.quiz.answers[st.current],
        Some(Response::Typed("fsq?".into()))
    );
}

#[test]
fn time_runs_out_while_typing_under_keys_or_under_the_help() {
    // Keys keep arriving (no tick): the first one after the deadline submits, and the answer
    // being typed counts.
    let (mut app, _, _) = started(QuizMode::Exam);
    let deadline = state(&app).quiz.deadline.expect("deadline");
    while !matches!(
        state(&app).quiz.questions[state(&app).current].kind,
        QuestionKind::Typed { .. }
    ) {
        app.update(Action::Right, T0);
    }
    let i = state(&app).current;
    app.update(Action::Open, T0);
    for c in "https".chars() {
        app.update(Action::Type(c), deadline - 10);
    }
    app.update(Action::Type('!'), deadline);
    let Screen::Results(r) = &app.screen else {
        panic!("a key after the deadline submits");
    };
    assert!(r.result.timed_out);
    assert_eq!(r.quiz.answers[i], Some(Response::Typed("https".into())));
    assert!(r.result.outcomes[i].right);

    // The help overlay does not stop the clock.
    let (mut app, _, _) = started(QuizMode::Exam);
    app.update(Action::ToggleHelp, T0);
    app.update(Action::Tick, deadline + 1);
    assert!(matches!(app.screen, Screen::Results(_)));
}

#[test]
fn quiz_screens_render_at_any_size_and_without_colour() {
    use ratatui::style::Color;
    let (mut app, _, _) = started(QuizMode::Exam);
    let check = |app: &App| {
        for (w, h) in [
            (1, 1),
            (20, 5),
            (40, 10),
            (41, 11),
            (60, 12),
            (80, 24),
            (200, 60),
        ] {
            render(app, w, h, Theme::new(true));
        }
        for cell in render(app, 80, 24, Theme::new(false)).content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
    };
    check(&app);
    answer(&mut app, true, T0);
    app.update(Action::Flag, T0);
    check(&app);
    app.update(Action::Submit, T0);
    check(&app);
    app.update(Action::Yes, T0);
    check(&app);
    app.update(Action::Mistakes, T0);
    check(&app);
    let mut app = quiz_app(MemSink::default(), MemAttempts::default());
    app.update(Action::QuizSetup, T0);
    check(&app);
}

#[test]
fn on_a_small_terminal_the_question_keeps_room_and_the_grid_follows_it() {
    let decks = recall::deck::builtin_decks().expect("valid");
    let mut app = app_on(decks, MemSink::default());
    let spec = QuizSpec {
        decks: Vec::new(),
        count: 65,
        seed: 3,
    };
    app.start_quiz(spec, QuizMode::Exam);
    let n = state(&app).quiz.questions.len();
    assert_eq!(n, 65);
    let shown = text(&render(&app, 60, 15, Theme::new(false)));
    let question_lines = shown
        .lines()
        .take_while(|l| !l.contains("answered  ·"))
        .count();
    assert!(
        question_lines >= 8,
        "the question gets most of the screen:\n{shown}"
    );
    // Deep into the quiz the grid scrolls to the current question's cell.
    for _ in 1..n {
        app.update(Action::Right, T0);
    }
    let shown = text(&render(&app, 60, 15, Theme::new(false)));
    assert!(
        shown.contains(&format!("{n}·")),
        "question {n} in the grid:\n{shown}"
    );
}

#[test]
fn the_submit_confirmation_gives_counts_and_question_numbers_apart() {
    let (mut app, _, _) = started(QuizMode::Exam);
    answer(&mut app, true, T0);
    app.update(Action::Right, T0);
    app.update(Action::Flag, T0);
    app.update(Action::Submit, T0);
    let shown = screen_text(&app);
    assert!(
        shown.contains("Unanswered: 7 questions (no. 2, 3, 4, 5, 6, 7, 8)"),
        "{shown}"
    );
    assert!(shown.contains("Flagged: 1 question (no. 2)"), "{shown}");
    // A long list wraps inside the box instead of being cut at its edge.
    let (mut app, _, _) = started(QuizMode::Exam);
    for _ in 0..8 {
        app.update(Action::Flag, T0);
        app.update(Action::Right, T0);
    }
    app.update(Action::Submit, T0);
    let shown = text(&render(&app, 40, 24, Theme::new(false)));
    assert!(shown.contains("Flagged: 8 questions"), "{shown}");
    assert!(shown.contains("y submit"), "{shown}");
}

#[test]
fn the_footer_and_help_follow_the_kind_of_question() {
    let (mut app, _, _) = started(QuizMode::Exam);
    let typed = state(&app)
        .quiz
        .questions
        .iter()
        .position(|q| matches!(q.kind, QuestionKind::Typed { .. }))
        .expect("the cloze card is asked");
    let choice = (typed + 1) % state(&app).quiz.questions.len();
    let footer = |app: &App| screen_text(app).lines().last().unwrap_or("").to_string();
    while state(&app).current != typed {
        app.update(Action::Right, T0);
    }
    let f = footer(&app);
    assert!(f.contains("enter type answer") && !f.contains("1-9"), "{f}");
    app.update(Action::ToggleHelp, T0);
    assert!(screen_text(&app).contains("type the answer"));
    app.update(Action::ToggleHelp, T0);
    while state(&app).current != choice {
        if choice > typed {
            app.update(Action::Right, T0);
        } else {
            app.update(Action::Left, T0);
        }
    }
    let f = footer(&app);
    assert!(f.contains("1-9 choose") && !f.contains("type"), "{f}");
    app.update(Action::ToggleHelp, T0);
    assert!(!screen_text(&app).contains("type the answer"));
}

#[test]
fn wrapped_options_continue_under_their_text_not_their_marker() {
    let app = long_quiz(QuizMode::Exam);
    let shown = screen_text(&app);
    let lines: Vec<&str> = shown.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("( ) 1) "))
        .expect("option 1 shown");
    assert!(
        lines[first + 1].starts_with("│       ") && !lines[first + 1].starts_with("│        "),
        "continuation indented 7 columns, under the option text:\n{shown}"
    );
    assert!(
        lines[first + 1].trim_start_matches('│').trim().len() > 10,
        "{shown}"
    );
    insta::assert_snapshot!("quiz_long_options_80x24", shown);
}

#[test]
fn a_long_question_scrolls_to_its_last_option_and_stops_there() {
    use crate::tui::keys::map;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = long_quiz(QuizMode::Exam);
    let shown = screen_text(&app);
    assert!(
        !shown.contains("( ) 4)"),
        "option 4 is below the box:\n{shown}"
    );
    assert!(shown.contains("↓ more: j"), "{shown}");
    // j, ↓ and PgDn scroll through the key map, as on the study screen.
    let mode = app.screen.mode();
    for code in [KeyCode::Char('j'), KeyCode::Down, KeyCode::PageDown] {
        let action = map(mode, KeyEvent::new(code, KeyModifiers::NONE)).expect("mapped");
        app.update(action, T0);
    }
    assert_eq!(scrolls(&app).0, 3);
    for _ in 0..40 {
        app.update(Action::Down, T0);
    }
    let end = scrolls(&app).0;
    let shown = screen_text(&app);
    assert!(shown.contains("( ) 4)") && shown.contains("↑ k"), "{shown}");
    assert!(!shown.contains("↓ more"), "{shown}");
    app.update(Action::Down, T0);
    assert_eq!(scrolls(&app).0, end, "stops at the last line");
    app.update(Action::Up, T0);
    assert_eq!(scrolls(&app).0, end - 1);
    // On a small terminal there is more to scroll, and the last option is reached too.
    let mut app = long_quiz(QuizMode::Exam);
    app.update(Action::Resize(50, 14), T0);
    for _ in 0..80 {
        app.update(Action::Down, T0);
    }
    let shown = text(&render(&app, 50, 14, Theme::new(false)));
    assert!(shown.contains("( ) 4)") && shown.contains("↑ k"), "{shown}");
    assert!(scrolls(&app).0 > end);
}

#[test]
fn another_question_starts_at_the_top() {
    let mut app = quiz_app_with(MemSink::default(), MemAttempts::default(), &[LONG, STORAGE]);
    app.start_quiz(
        QuizSpec {
            decks: Vec::new(),
            count: 4,
            seed: 7,
        },
        QuizMode::Exam,
    );
    let long = state(&app)
        .quiz
        .questions
        .iter()
        .position(|q| q.card.starts_with("long/"))
        .expect("the long card is asked");
    while state(&app).current != long {
        app.update(Action::Right, T0);
    }
    app.update(Action::Down, T0);
    app.update(Action::Down, T0);
    assert_eq!(scrolls(&app).0, 2);
    app.update(
        if long == 0 {
            Action::Right
        } else {
            Action::Left
        },
        T0,
    );
    assert_eq!(scrolls(&app).0, 0);
}
