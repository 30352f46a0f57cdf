//! Study: a whole session, failed writes, learning steps, long cards, choice cards.

use super::support::*;

use std::path::Path;

#[test]
fn a_whole_session_reveal_rate_undo_bury_finish() {
    let sink = MemSink::default();
    let mut app = app_with(sink.clone());
    let mut now = T0;
    let mut step = |app: &mut App, a: Action| {
        now += 5_000;
        app.update(a, now);
    };
    step(&mut app, Action::Open);
    assert!(matches!(app.screen, Screen::Study(_)));
    assert!(screen_text(&app).contains("What does SSE-C require?"));

    step(&mut app, Action::Rate(Rating::Good));
    assert!(
        sink.events.borrow().is_empty(),
        "rating before reveal must do nothing"
    );

    step(&mut app, Action::Reveal);
    let shown = screen_text(&app);
    assert!(shown.contains("HTTPS for every request"), "{shown}");
    assert!(shown.contains("1 Again  1 min"), "{shown}");
    step(&mut app, Action::Rate(Rating::Easy));
    assert_eq!(sink.events.borrow().len(), 1);
    let first = app.ctx.collection.find("demo/basic").expect("card");
    assert_eq!(app.ctx.collection.cards[first].state.phase, Phase::Review);

    // Undo puts the same card back, unrevealed, in its old state, and logs an undo event.
    step(&mut app, Action::Undo);
    assert_eq!(app.ctx.collection.cards[first].state.phase, Phase::New);
    assert_eq!(sink.events.borrow()[1].2, EventKind::Undo);
    assert!(screen_text(&app).contains("What does SSE-C require?"));

    step(&mut app, Action::Reveal);
    step(&mut app, Action::Rate(Rating::Easy));
    // The choice card: bury it.
    assert!(screen_text(&app).contains(") S3 One Zone-IA"));
    step(&mut app, Action::Bury);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Bury)
    );
    // Cloze shows the gap hidden, then filled.
    assert!(screen_text(&app).contains("A gateway endpoint is a [...] target."));
    step(&mut app, Action::Reveal);
    assert!(screen_text(&app).contains("A gateway endpoint is a route table target."));
    step(&mut app, Action::Rate(Rating::Easy));
    step(&mut app, Action::Suspend);
    assert!(matches!(app.screen, Screen::Summary(_)), "all cards done");
    let summary = screen_text(&app);
    assert!(summary.contains("Answers   2"), "{summary}");
    assert!(summary.contains("Easy 2"), "{summary}");
    step(&mut app, Action::Back);
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn a_failed_write_is_not_counted_and_the_app_keeps_running() {
    let sink = MemSink::default();
    let mut app = app_with(sink.clone());
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0 + 1000);
    *sink.fail.borrow_mut() = true;
    app.update(Action::Rate(Rating::Good), T0 + 2000);
    let status = app.ctx.status.clone().expect("an error is shown");
    assert!(
        status.is_error && status.text.contains("Not saved"),
        "{status:?}"
    );
    assert!(screen_text(&app).contains("No space left on device"));
    let e = app.ctx.collection.find("demo/basic").expect("card");
    assert_eq!(app.ctx.collection.cards[e].state.phase, Phase::New);
    // Space freed: the same rating now goes through.
    *sink.fail.borrow_mut() = false;
    app.update(Action::Rate(Rating::Good), T0 + 3000);
    assert_eq!(sink.events.borrow().len(), 1);
    assert_eq!(app.ctx.collection.cards[e].state.phase, Phase::Learning);
}

#[test]
fn a_full_disk_through_the_real_log_loses_nothing_and_keeps_running() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("reviews.jsonl");
    let mut app = app_with(MemSink::default());
    app.ctx.sink = Box::new(ReviewLog::open_append(&path).expect("log"));
    app.update(Action::Open, T0);
    for i in 1..=2 {
        app.update(Action::Reveal, T0 + i * 1000);
        app.update(Action::Rate(Rating::Easy), T0 + i * 1000 + 500);
    }
    let before = std::fs::read(&path).expect("log written");
    // The disk fills up: /dev/full fails every write with ENOSPC.
    app.ctx.sink =
        Box::new(ReviewLog::open_append(Path::new("/dev/full")).expect("/dev/full opens"));
    app.update(Action::Reveal, T0 + 5000);
    let shown = screen_text(&app);
    let current = match &app.screen {
        Screen::Study(s) => s.session.current().expect("a card is still shown"),
        _ => panic!("the study screen stays:\n{shown}"),
    };
    app.update(Action::Rate(Rating::Good), T0 + 6000);
    let status = app.ctx.status.clone().expect("the failure is shown");
    assert!(status.is_error, "{status:?}");
    let shown = screen_text(&app);
    assert!(
        shown.contains("Not saved: /dev/full: No space left on device"),
        "{shown}"
    );
    assert_eq!(app.ctx.collection.cards[current].state.phase, Phase::New);
    assert!(matches!(&app.screen, Screen::Study(s) if s.session.current() == Some(current)));
    // Space again: the same card is rated and joins the two before it.
    app.ctx.sink = Box::new(ReviewLog::open_append(&path).expect("log"));
    app.update(Action::Rate(Rating::Good), T0 + 7000);
    assert!(app.ctx.status.is_none(), "{:?}", app.ctx.status);
    let after = std::fs::read(&path).expect("log");
    assert!(after.starts_with(&before), "earlier ratings untouched");
    let log = ReviewLog::load(&path).expect("loads");
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.events.len(), 3);
}

#[test]
fn learning_card_comes_back_after_its_step() {
    let mut app = app_with(MemSink::default());
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0);
    app.update(Action::Rate(Rating::Again), T0);
    // The other three cards come first; the 1-minute step is not due yet.
    for _ in 0..3 {
        app.update(Action::Reveal, T0);
        app.update(Action::Rate(Rating::Easy), T0);
    }
    // Nothing else left: the learning card is shown ahead (within 20 minutes).
    assert!(screen_text(&app).contains("What does SSE-C require?"));
}

#[test]
fn a_card_longer_than_the_screen_scrolls_and_the_next_card_starts_at_the_top() {
    let mut app = app_with(MemSink::default());
    app.update(Action::Resize(40, 10), T0);
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0);
    let small = |app: &App| text(&render(app, 40, 10, Theme::new(false)));
    let top = small(&app);
    assert!(top.contains("↓ more: j"), "{top}");
    assert!(!top.contains("The notes omit this."), "{top}");
    for _ in 0..20 {
        app.update(Action::Down, T0);
    }
    let bottom = small(&app);
    assert!(bottom.contains("The notes omit this."), "{bottom}");
    assert!(bottom.contains("↑ k"), "at the end: {bottom}");
    app.update(Action::Up, T0);
    assert!(small(&app).contains("↑↓ more"), "one line back up");
    // Scrolling never rates, and the next card is shown from its first line.
    app.update(Action::Rate(Rating::Good), T0);
    let next = small(&app);
    assert!(next.contains("Which class stores"), "{next}");
    // A card that fits shows no hint.
    app.update(Action::Resize(80, 24), T0);
    assert!(!screen_text(&app).contains("more: j"));
}

const CHOICES: &str = r#"
[deck]
id = "pick"
title = "Pick deck"

[[cards]]
id = "one"
kind = "choice"
front = "Which class stores data in one AZ?"
choices = ["S3 Standard", "S3 One Zone-IA", "S3 Glacier", "S3 Intelligent-Tiering"]
answer = 1

[[cards]]
id = "two"
kind = "choice"
front = "Which two are serverless?"
choices = ["EC2", "Lambda", "Fargate", "EBS"]
answer = [1, 2]

[[cards]]
id = "plain"
front = "Basic front"
back = "Basic back"
"#;

fn choice_app(sink: MemSink) -> App {
    app_with_deck(CHOICES, sink)
}

#[test]
fn a_choice_card_is_answered_with_digits_and_marked_right_or_wrong() {
    let sink = MemSink::default();
    let mut app = choice_app(sink.clone());
    app.update(Action::Open, T0);
    let question = screen_text(&app);
    assert!(question.contains(") S3 Standard"), "{question}");
    assert!(question.contains("1-4 pick"), "{question}");
    let (wrong, right) = (key_of(&app, "S3 Standard"), key_of(&app, "S3 One Zone-IA"));
    // `b` on the question of a choice card still buries; the digits answer instead.
    press(&mut app, wrong, T0 + 1000);
    assert!(sink.events.borrow().is_empty(), "a pick logs nothing");
    let Screen::Study(s) = &app.screen else {
        panic!("still studying")
    };
    assert!(s.session.is_revealed(), "a pick shows the answer");
    let shown = screen_text(&app);
    assert!(
        shown.contains(&format!("✗ {wrong}) S3 Standard")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("✓ {right}) S3 One Zone-IA")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("wrong; the answer is {right}")),
        "{shown}"
    );
    // A wrong pick still offers every rating: the user rates honestly.
    assert!(
        shown.contains("1 Again") && shown.contains("4 Easy"),
        "{shown}"
    );
    press(&mut app, '1', T0 + 2000);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Review {
            rating: 1,
            ms: 2000
        })
    );

    // Two right options: digits toggle, enter shows the answer.
    let multi = screen_text(&app);
    assert!(multi.contains("Which two are serverless?"), "{multi}");
    assert!(!multi.contains("You picked"), "picks start empty: {multi}");
    let keys = ["Lambda", "EBS", "EBS", "Fargate"].map(|o| key_of(&app, o));
    for c in keys {
        press(&mut app, c, T0 + 3000);
    }
    let Screen::Study(s) = &app.screen else {
        panic!("still studying")
    };
    assert!(!s.session.is_revealed(), "toggling does not reveal");
    assert!(screen_text(&app).contains(&format!("▸ {}) Lambda", keys[0])));
    press(&mut app, '\n', T0 + 4000);
    let shown = screen_text(&app);
    let mut both = [keys[0], keys[3]];
    both.sort_unstable();
    assert!(
        shown.contains(&format!("You picked {}, {}: right.", both[0], both[1])),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("✓ {}) Fargate", keys[3])),
        "{shown}"
    );
    assert!(!shown.contains('✗'), "{shown}");
    press(&mut app, '3', T0 + 5000);

    // A basic card keeps its keys: digits before the reveal rate nothing.
    assert!(screen_text(&app).contains("Basic front"));
    press(&mut app, '3', T0 + 6000);
    assert_eq!(sink.events.borrow().len(), 2);
    assert!(!screen_text(&app).contains("1-4 pick"));
    press(&mut app, ' ', T0 + 7000);
    press(&mut app, '3', T0 + 8000);
    assert_eq!(sink.events.borrow().len(), 3);
}

#[test]
fn a_pick_past_the_last_option_says_so_and_letters_still_bury_and_suspend() {
    let sink = MemSink::default();
    let mut app = choice_app(sink.clone());
    app.update(Action::Open, T0);
    let help = {
        press(&mut app, '?', T0);
        let h = screen_text(&app);
        press(&mut app, '?', T0);
        h
    };
    assert!(
        help.contains("pick an option and see if it is right"),
        "{help}"
    );
    press(&mut app, '7', T0);
    let shown = screen_text(&app);
    assert!(shown.contains("There is no option 7; pick 1-4."), "{shown}");
    press(&mut app, 'b', T0);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Bury)
    );
    press(&mut app, 's', T0);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Suspend)
    );
    // Undo brings the multi-answer card back with nothing picked.
    press(&mut app, 'u', T0);
    assert!(screen_text(&app).contains("Which two are serverless?"));
    let Screen::Study(s) = &app.screen else {
        panic!("still studying")
    };
    assert!(s.picked.is_empty() && s.choice);
}
