//! The quiz screens driven headless: setup, answering, flags, submit, time-out, results,
//! mistakes, retake, and what is saved (snapshots of each screen).

use std::cell::RefCell;
use std::rc::Rc;

use recall::deck::{parse_deck, DeckSource};
use recall::quiz::{Attempt, AttemptSink, QuestionKind, QuizMode, QuizSpec, Response};
use recall::schedule::Phase;
use recall::store::{EventKind, StoreError};

use super::app::{Action, App, Screen};
use super::quiz::{QuizEnv, QuizState};
use super::tests::{app_on, render, screen_text, text, MemSink, T0};
use super::theme::Theme;

const STORAGE: &str = r#"
[deck]
id = "storage"
title = "Storage"

[[cards]]
id = "onezone"
kind = "choice"
front = "Which class stores data in one AZ?"
choices = ["S3 Standard", "S3 One Zone-IA", "S3 Glacier Deep Archive", "S3 Intelligent-Tiering"]
answer = 1
explain = "One Zone-IA: a single Availability Zone."

[[cards]]
id = "two"
kind = "choice"
front = "Which two are archive classes?"
choices = ["S3 Standard", "S3 Glacier Flexible Retrieval", "S3 Glacier Deep Archive", "S3 One Zone-IA"]
answer = [1, 2]
explain = "Both Glacier classes archive."

[[cards]]
id = "https"
kind = "cloze"
text = "S3 rejects SSE-C requests not made over {{HTTPS}}."
"#;

const FACTS: &str = r#"
[deck]
id = "facts"
title = "Facts"

[[cards]]
id = "azs"
front = "How many AZs does S3 Standard use?"
back = "At least three"
explain = "Standard spreads data over three or more AZs."

[[cards]]
id = "deep"
front = "Deep Archive standard retrieval time?"
back = "Within 12 hours"

[[cards]]
id = "min"
front = "Deep Archive minimum storage duration?"
back = "180 days"

[[cards]]
id = "ia"
front = "Standard-IA minimum storage duration?"
back = "30 days"

[[cards]]
id = "gir"
front = "Glacier Instant Retrieval minimum duration?"
back = "90 days"
"#;

type Attempts = Rc<RefCell<Vec<Attempt>>>;

/// Keeps attempts in memory; `fail` makes the next appends fail like a full disk.
#[derive(Clone, Default)]
struct MemAttempts {
    saved: Attempts,
    fail: Rc<RefCell<bool>>,
}

impl AttemptSink for MemAttempts {
    fn append_attempt(&mut self, attempt: &Attempt) -> Result<(), StoreError> {
        if *self.fail.borrow() {
            return Err(StoreError::Io {
                path: "quizzes.jsonl".into(),
                source: std::io::Error::other("No space left on device"),
            });
        }
        self.saved.borrow_mut().push(attempt.clone());
        Ok(())
    }
}

fn quiz_app(sink: MemSink, attempts: MemAttempts) -> App {
    quiz_app_with(sink, attempts, &[STORAGE, FACTS])
}

/// A quiz-ready app over the given deck files (TOML text).
fn quiz_app_with(sink: MemSink, attempts: MemAttempts, sources: &[&str]) -> App {
    let decks = sources
        .iter()
        .map(|src| parse_deck(src, "deck.toml", DeckSource::Builtin("deck.toml")).expect("valid"))
        .collect();
    app_on(decks, sink).with_quiz(QuizEnv {
        attempts: Some(Box::new(attempts)),
        pass_mark: 0.75,
        seconds_per_question: 60,
        minutes: None,
        exit_when_done: false,
    })
}

fn started(mode: QuizMode) -> (App, MemSink, MemAttempts) {
    let (sink, attempts) = (MemSink::default(), MemAttempts::default());
    let mut app = quiz_app(sink.clone(), attempts.clone());
    app.start_quiz(
        QuizSpec {
            decks: Vec::new(),
            count: 65,
            seed: 7,
        },
        mode,
    );
    (app, sink, attempts)
}

fn state(app: &App) -> &QuizState {
    match &app.screen {
        Screen::Quiz(q) => q,
        _ => panic!("not on the quiz screen"),
    }
}

/// Answers the question on screen right (`true`) or wrong, through key actions.
fn answer(app: &mut App, right: bool, now: i64) {
    let st = state(app);
    let q = st.quiz.questions[st.current].clone();
    match &q.kind {
        QuestionKind::Choice { options, correct } => {
            let picks: Vec<usize> = if right {
                correct.clone()
            } else {
                (0..options.len())
                    .filter(|k| !correct.contains(k))
                    .take(correct.len())
                    .collect()
            };
            for k in picks {
                app.update(Action::Pick(k as u8), now);
            }
        }
        QuestionKind::Typed { answers } => {
            app.update(Action::Open, now);
            let text = if right {
                answers.join(" ").to_lowercase() + "."
            } else {
                "no idea".to_string()
            };
            for c in text.chars() {
                app.update(Action::Type(c), now);
            }
            app.update(Action::Open, now);
        }
    }
}

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

#[test]
fn an_exam_hides_feedback_then_submits_saves_and_marks_misses_due() {
    let (mut app, sink, attempts) = started(QuizMode::Exam);
    let n = state(&app).quiz.questions.len();
    assert_eq!(n, 8);
    let mut now = T0;
    for i in 0..n {
        now += 10_000;
        // Get the first two wrong, the rest right.
        answer(&mut app, i >= 2, now);
        let shown = screen_text(&app);
        assert!(
            !shown.contains("Wrong") && !shown.contains("Right answer") && !shown.contains("✓"),
            "no feedback before submit:\n{shown}"
        );
        if i == 3 {
            app.update(Action::Flag, now);
        }
        app.update(Action::Right, now);
    }
    app.update(Action::Submit, now);
    let confirm = screen_text(&app);
    assert!(confirm.contains("Unanswered: none"), "{confirm}");
    assert!(confirm.contains("Flagged: 1 question (no. 4)"), "{confirm}");
    app.update(Action::No, now);
    assert!(state(&app).confirm.is_none());
    app.update(Action::Submit, now);
    app.update(Action::Yes, now + 1000);

    let Screen::Results(r) = &app.screen else {
        panic!("results");
    };
    assert_eq!((r.result.right, r.result.total), (6, 8));
    assert!(r.result.passed, "6/8 is exactly the 75% pass mark");
    assert!(r.fully_saved());
    let saved = attempts.saved.borrow();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].right, 6);
    assert_eq!(saved[0].missed.len(), 2);
    assert_eq!(saved[0].flagged.len(), 1);
    let events = sink.events.borrow();
    assert_eq!(events.len(), 2);
    // The stats screen's copy of the log has them too.
    let copied = app.history.log().events.iter();
    assert_eq!(copied.filter(|e| e.kind == EventKind::QuizMiss).count(), 2);
    for (at, card, kind) in events.iter() {
        assert_eq!((*at, *kind), (now + 1000, EventKind::QuizMiss));
        assert!(saved[0].missed.contains(card));
        let e = app.collection.find(card).expect("card exists");
        assert_eq!(
            app.collection.cards[e].state.phase,
            Phase::Learning,
            "due soon"
        );
    }
    let shown = screen_text(&app);
    assert!(shown.contains("6/8  75%  PASS"), "{shown}");
    assert!(shown.contains("2 missed cards come due"), "{shown}");
}

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
    app.quiz_env.exit_when_done = true;
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
    app.quiz_env.exit_when_done = true;
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
fn results_review_mistakes_and_retake_only_those() {
    let (mut app, _, attempts) = started(QuizMode::Exam);
    let n = state(&app).quiz.questions.len();
    for i in 0..n {
        answer(&mut app, i % 3 != 0, T0 + 1000);
        app.update(Action::Right, T0 + 1000);
    }
    app.update(Action::Submit, T0 + 60_000);
    app.update(Action::Yes, T0 + 60_000);
    let missed: Vec<String> = match &app.screen {
        Screen::Results(r) => r.attempt.missed.clone(),
        _ => panic!("results"),
    };
    assert_eq!(missed.len(), 3);
    app.update(Action::Mistakes, T0 + 61_000);
    let first = screen_text(&app);
    assert!(first.contains("Mistake 1 of 3"), "{first}");
    assert!(first.contains("Your answer:") && first.contains("Right answer:"));
    app.update(Action::Right, T0 + 61_000);
    assert!(screen_text(&app).contains("Mistake 2 of 3"));
    app.update(Action::Back, T0 + 61_000);
    assert!(screen_text(&app).contains("By section"));

    app.update(Action::Retake, T0 + 62_000);
    let st = state(&app);
    let cards: Vec<&str> = st.quiz.questions.iter().map(|q| q.card.as_str()).collect();
    assert_eq!(cards, missed.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(st.quiz.retake && st.title.ends_with("· retake"));
    assert_eq!(st.quiz.deadline, Some(T0 + 62_000 + 3 * 60_000));
    for _ in 0..3 {
        answer(&mut app, true, T0 + 63_000);
        app.update(Action::Right, T0 + 63_000);
    }
    app.update(Action::Submit, T0 + 64_000);
    app.update(Action::Yes, T0 + 64_000);
    let saved = attempts.saved.borrow();
    assert_eq!(saved.len(), 2);
    assert!(saved[1].retake && saved[1].passed && saved[1].missed.is_empty());
    drop(saved);
    app.update(Action::Retake, T0 + 65_000);
    assert!(app
        .status
        .as_ref()
        .is_some_and(|s| s.text.contains("Nothing to retake")));
}

#[test]
fn a_failed_save_says_so_and_s_tries_again() {
    let (mut app, sink, attempts) = started(QuizMode::Exam);
    *attempts.fail.borrow_mut() = true;
    app.update(Action::Submit, T0 + 1000);
    app.update(Action::Yes, T0 + 1000);
    let shown = screen_text(&app);
    assert!(
        shown.contains("Not saved: quizzes.jsonl: No space left"),
        "{shown}"
    );
    assert_eq!(
        sink.events.borrow().len(),
        8,
        "the misses are written first, the attempt last"
    );
    app.update(Action::Retake, T0 + 2000);
    assert!(
        matches!(app.screen, Screen::Results(_)),
        "no retake while unsaved"
    );
    *attempts.fail.borrow_mut() = false;
    app.update(Action::Save, T0 + 4000);
    assert_eq!(
        attempts.saved.borrow().len(),
        1,
        "the attempt is saved once"
    );
    assert_eq!(
        sink.events.borrow().len(),
        8,
        "every unanswered card marked once"
    );
    assert!(screen_text(&app).contains("Saved. 8 missed cards"));
}

/// Killed mid-save, an attempt must never be on disk without all its `quiz-miss` events
/// (its cards would never come due): the misses go first, the attempt last.
#[test]
fn an_attempt_is_saved_only_after_all_its_misses() {
    let (mut app, sink, attempts) = started(QuizMode::Exam);
    *sink.fail.borrow_mut() = true;
    app.update(Action::Submit, T0 + 1000);
    app.update(Action::Yes, T0 + 1000);
    assert!(
        attempts.saved.borrow().is_empty(),
        "no attempt while its misses are not all recorded"
    );
    assert!(screen_text(&app).contains("Not saved"));
    *sink.fail.borrow_mut() = false;
    app.update(Action::Save, T0 + 2000);
    assert_eq!(sink.events.borrow().len(), 8);
    assert_eq!(attempts.saved.borrow().len(), 1);
}

#[test]
fn snapshots_of_question_grid_confirm_results_and_review() {
    let (mut app, _, _) = started(QuizMode::Exam);
    answer(&mut app, true, T0 + 5_000);
    app.update(Action::Flag, T0 + 5_000);
    app.update(Action::Right, T0 + 6_000);
    answer(&mut app, false, T0 + 7_000);
    app.update(Action::Right, T0 + 8_000);
    app.update(Action::Right, T0 + 8_000);
    app.update(Action::Flag, T0 + 9_000);
    app.update(Action::Tick, T0 + 95_000);
    insta::assert_snapshot!("quiz_question_grid_80x24", screen_text(&app));
    app.update(Action::Submit, T0 + 100_000);
    insta::assert_snapshot!("quiz_submit_confirm_80x24", screen_text(&app));
    app.update(Action::Yes, T0 + 100_000);
    insta::assert_snapshot!("quiz_results_80x24", screen_text(&app));
    app.update(Action::Mistakes, T0 + 100_000);
    insta::assert_snapshot!("quiz_review_80x24", screen_text(&app));
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
    use super::tests::render;
    use super::theme::Theme;
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

#[test]
fn every_quiz_screen_writes_times_the_same_way() {
    let mut app = quiz_app(MemSink::default(), MemAttempts::default());
    app.quiz_env.minutes = Some(130);
    app.update(Action::QuizSetup, T0);
    assert!(screen_text(&app).contains("Time allowed 2h 10m"));
    app.update(Action::Open, T0);
    assert!(screen_text(&app).contains("⏱ 2:10:00"));
    app.update(Action::Tick, T0 + 125 * 60_000 + 2_000);
    assert!(
        screen_text(&app).contains("⏱ 4:58"),
        "{}",
        screen_text(&app)
    );
    app.update(Action::Submit, T0 + 125 * 60_000 + 2_000);
    app.update(Action::Yes, T0 + 125 * 60_000 + 2_000);
    let shown = screen_text(&app);
    assert!(shown.contains("Time     2h 5m of 2h 10m"), "{shown}");
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

/// One choice card whose question, options and explanation are each several lines long at
/// 80 columns.
const LONG: &str = r#"
[deck]
id = "long"
title = "Long"

[[cards]]
id = "pipeline"
kind = "choice"
front = """
A team ingests clickstream data from several hundred web servers into Amazon S3 and wants to \
train a model every night on the last thirty days of data. The data arrives as many small JSON \
files, training jobs read it slowly, and costs keep rising. The data scientists also need to \
query the raw events ad hoc with SQL without moving them to another store first.

Which change makes the nightly training faster and cheaper while keeping ad hoc SQL possible?"""
choices = [
  "Use Amazon Kinesis Data Firehose to convert the records to Apache Parquet, partition them by date in S3, and query them with Amazon Athena while training reads only the needed partitions",
  "Copy every night's data into Amazon RDS for PostgreSQL and let the training job read it through a JDBC connection opened by each worker node",
  "Move the JSON files to Amazon EFS and mount the file system on the training instances so that they read the small files over NFS instead of S3",
  "Keep the small JSON files as they are but turn on S3 Transfer Acceleration for the bucket so that the training job downloads them faster each night",
]
answer = 0
explain = """
Firehose can convert JSON to Parquet on the way in and write date partitions, so training reads \
fewer, larger, columnar files. Athena queries Parquet in place with SQL. RDS adds a database to \
run and a slow JDBC path; EFS does not fix small files; Transfer Acceleration speeds uploads \
from far away, not reads inside the Region. THE-END-OF-THE-EXPLANATION"""
"#;

fn long_quiz(mode: QuizMode) -> App {
    let mut app = quiz_app_with(MemSink::default(), MemAttempts::default(), &[LONG]);
    app.start_quiz(
        QuizSpec {
            decks: Vec::new(),
            count: 1,
            seed: 7,
        },
        mode,
    );
    app
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

/// The quiz's own scroll offsets: the question's, and the mistake review's.
fn scrolls(app: &App) -> (u16, u16) {
    match &app.screen {
        Screen::Quiz(q) => (q.scroll, 0),
        Screen::Results(r) => (0, r.review_scroll),
        _ => (0, 0),
    }
}

#[test]
fn a_long_question_scrolls_to_its_last_option_and_stops_there() {
    use super::keys::{map, Mode};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = long_quiz(QuizMode::Exam);
    let shown = screen_text(&app);
    assert!(
        !shown.contains("( ) 4)"),
        "option 4 is below the box:\n{shown}"
    );
    assert!(shown.contains("↓ more: j"), "{shown}");
    // j, ↓ and PgDn scroll through the key map, as on the study screen.
    let mode = Mode::of(&app.screen, false);
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

#[test]
fn the_mistake_review_scrolls_to_the_right_answer_and_n_p_change_mistake() {
    use super::keys::{footer, help, map, Mode};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = long_quiz(QuizMode::Exam);
    answer(&mut app, false, T0);
    app.update(Action::Submit, T0);
    app.update(Action::Yes, T0);
    app.update(Action::Mistakes, T0);
    let shown = screen_text(&app);
    assert!(shown.contains("Mistake 1 of 1"), "{shown}");
    assert!(
        !shown.contains("THE-END-OF-THE-EXPLANATION") && shown.contains("↓ more: j"),
        "{shown}"
    );
    let mode = Mode::of(&app.screen, false);
    assert_eq!(mode, Mode::Review);
    let key = |c| map(mode, KeyEvent::new(c, KeyModifiers::NONE));
    assert_eq!(key(KeyCode::Char('j')), Some(Action::Down));
    assert_eq!(key(KeyCode::Down), Some(Action::Down));
    assert_eq!(key(KeyCode::PageDown), Some(Action::Down));
    assert_eq!(key(KeyCode::Char('k')), Some(Action::Up));
    assert_eq!(key(KeyCode::PageUp), Some(Action::Up));
    assert_eq!(key(KeyCode::Char('n')), Some(Action::Right));
    assert_eq!(key(KeyCode::Right), Some(Action::Right));
    assert_eq!(key(KeyCode::Char('p')), Some(Action::Left));
    assert_eq!(key(KeyCode::Left), Some(Action::Left));
    for _ in 0..40 {
        app.update(Action::Down, T0);
    }
    let shown = screen_text(&app);
    assert!(
        shown.contains("Right answer:") && shown.contains("THE-END-OF-THE-EXPLANATION"),
        "{shown}"
    );
    assert!(
        shown.contains("↑ k") && shown.contains("Mistake 1 of 1"),
        "{shown}"
    );
    insta::assert_snapshot!("quiz_review_scrolled_80x24", shown);
    let end = scrolls(&app).1;
    app.update(Action::Down, T0);
    assert_eq!(scrolls(&app).1, end, "stops at the last line");
    assert!(footer(mode).contains(&("j/k", "scroll")));
    assert!(help(mode).iter().any(|(k, _)| k.contains("↑/↓")));
    // The next mistake starts at the top.
    let (mut app, _, _) = started(QuizMode::Exam);
    app.update(Action::Submit, T0);
    app.update(Action::Yes, T0);
    app.update(Action::Mistakes, T0);
    app.update(Action::Resize(40, 10), T0);
    app.update(Action::Down, T0);
    assert_eq!(scrolls(&app).1, 1);
    app.update(Action::Right, T0);
    assert_eq!(scrolls(&app).1, 0);
    assert!(screen_text(&app).contains("Mistake 2 of 8"));
}
