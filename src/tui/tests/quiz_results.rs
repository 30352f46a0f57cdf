//! Quiz results: scoring and saving, misses marked due, a failed save, the mistake review,
//! the retake, and times written the same way on every quiz screen.

use super::support::*;

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
    let copied = app.ctx.history.log().events.iter();
    assert_eq!(copied.filter(|e| e.kind == EventKind::QuizMiss).count(), 2);
    for (at, card, kind) in events.iter() {
        assert_eq!((*at, *kind), (now + 1000, EventKind::QuizMiss));
        assert!(saved[0].missed.contains(card));
        let e = app.ctx.collection.find(card).expect("card exists");
        assert_eq!(
            app.ctx.collection.cards[e].state.phase,
            Phase::Learning,
            "due soon"
        );
    }
    let shown = screen_text(&app);
    assert!(shown.contains("6/8  75%  PASS"), "{shown}");
    assert!(shown.contains("2 missed cards come due"), "{shown}");
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
        .ctx
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
fn every_quiz_screen_writes_times_the_same_way() {
    let mut app = quiz_app(MemSink::default(), MemAttempts::default());
    app.ctx.quiz_env.minutes = Some(130);
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
fn the_mistake_review_scrolls_to_the_right_answer_and_n_p_change_mistake() {
    use crate::tui::keys::hints::{footer, help};
    use crate::tui::keys::{map, Mode};
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
    let mode = app.screen.mode();
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

/// Takes the `started` exam answering question i right when `right(i)`, and submits it.
fn finished_with(right: impl Fn(usize) -> bool) -> App {
    let (mut app, _, _) = started(QuizMode::Exam);
    let n = state(&app).quiz.questions.len();
    for i in 0..n {
        answer(&mut app, right(i), T0 + 1000);
        app.update(Action::Right, T0 + 1000);
    }
    app.update(Action::Submit, T0 + 2000);
    app.update(Action::Yes, T0 + 2000);
    assert!(matches!(app.screen, Screen::Results(_)));
    app
}

#[test]
fn a_perfect_score_offers_no_mistakes_or_retake_and_counts_read_right() {
    let mut app = finished_with(|_| true);
    let shown = screen_text(&app);
    assert!(shown.contains("8/8  100%  PASS"), "{shown}");
    assert!(
        shown.contains("Saved. Every answer was right: no card comes due from this quiz."),
        "{shown}"
    );
    assert!(!shown.contains("0 missed"), "{shown}");
    assert!(!shown.contains("mistake"), "no mistakes offered: {shown}");
    assert!(!shown.contains("retake"), "no retake offered: {shown}");
    assert!(shown.contains("q back to decks"), "{shown}");
    // m and r do nothing; q leaves.
    press(&mut app, 'm', T0 + 3000);
    press(&mut app, 'r', T0 + 3000);
    assert!(matches!(&app.screen, Screen::Results(r) if r.review.is_none()));
    press(&mut app, 'q', T0 + 3000);
    assert!(matches!(app.screen, Screen::Home(_)));

    let one = finished_with(|i| i != 0);
    let shown = screen_text(&one);
    assert!(shown.contains("Saved. 1 missed card comes due"), "{shown}");
    assert!(shown.contains("m review the mistake "), "{shown}");
    assert!(
        shown.contains("m mistakes"),
        "the footer offers them: {shown}"
    );
}

#[test]
fn a_retake_shows_the_options_in_a_new_order() {
    let mut app = finished_with(|_| false);
    let before: Vec<QuestionKind> = match &app.screen {
        Screen::Results(r) => r.quiz.questions.iter().map(|q| q.kind.clone()).collect(),
        _ => panic!("results"),
    };
    app.update(Action::Retake, T0 + 5000);
    let after: Vec<QuestionKind> = state(&app)
        .quiz
        .questions
        .iter()
        .map(|q| q.kind.clone())
        .collect();
    assert_eq!(before.len(), after.len());
    assert_ne!(before, after, "some options moved");
    assert_ne!(state(&app).quiz.seed, 7, "a new seed");
}
