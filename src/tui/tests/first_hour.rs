//! Issue 23's first hour: the welcome until the first answer, the rating row in words and
//! readable units, a study counter that never grows, and the glossary in every help.

use super::support::*;
use crate::tui::glossary::GLOSSARY;
use crate::tui::keys::Mode;

fn first_run() -> App {
    let deck = parse_deck(DECK, "demo.toml", DeckSource::Builtin("demo.toml")).expect("deck");
    first_run_on(vec![deck], MemSink::default())
}

#[test]
fn the_welcome_is_up_until_the_first_answer_and_enter_learns_todays_cards() {
    let mut app = first_run();
    assert_eq!(app.mode(), Mode::Welcome);
    let shown = screen_text(&app);
    for words in [
        "Welcome to recall",
        "New   cards not seen yet",
        "Learn cards being learnt: back in minutes",
        "Due   cards learnt before, back today",
        "Press enter to learn today's new cards, then come back tomorrow.",
        "Exam date: press x",
    ] {
        assert!(shown.contains(words), "{words}:\n{shown}");
    }
    insta::assert_snapshot!("welcome_80x24", shown);
    // At 40 columns it wraps and every line is still there.
    let narrow = text(&render(&app, 40, 24, Theme::new(true)));
    assert!(narrow.contains("Press enter to learn today's"), "{narrow}");
    assert!(narrow.contains("close this"), "{narrow}");
    insta::assert_snapshot!("welcome_40x24", narrow);
    // Shorter still, the keys stay at the bottom and a line says where to read the rest.
    for (w, h) in [(40, 20), (40, 14), (80, 12)] {
        let short = text(&render(&app, w, h, Theme::new(true)));
        assert!(short.contains("close this"), "{w}x{h}:\n{short}");
        assert!(
            short.contains("? on Home shows all of it"),
            "{w}x{h}:\n{short}"
        );
    }

    // Home's keys work under it: enter studies the selected deck (today's new cards).
    press(&mut app, '\n', T0);
    assert!(matches!(app.screen, Screen::Study(_)), "enter studies");
    press(&mut app, ' ', T0 + 1_000);
    press(&mut app, '3', T0 + 2_000);
    press(&mut app, 'q', T0 + 3_000);
    press(&mut app, '\n', T0 + 3_000); // the summary
    assert_eq!(app.mode(), Mode::Home);
    // The first answer ends it even in a run where it was never closed.
    app.ctx.welcome_closed = false;
    app.update(Action::Stats, T0 + 4_000);
    app.update(Action::Back, T0 + 4_000);
    assert_eq!(app.mode(), Mode::Home, "answered: no welcome");
}

#[test]
fn until_an_answer_the_welcome_comes_back_each_run_and_x_opens_over_it() {
    let mut app = first_run();
    press(&mut app, 'x', T0);
    assert_eq!(app.mode(), Mode::DatePrompt);
    press(&mut app, '\u{1b}', T0);
    assert_eq!(app.mode(), Mode::Welcome, "still there under the prompt");
    // Studying without answering, then back: closed for this run only.
    press(&mut app, '\n', T0);
    press(&mut app, 'q', T0);
    assert_eq!(app.mode(), Mode::Home);
    app.ctx.welcome_closed = false; // as a new run starts
    app.update(Action::Stats, T0);
    app.update(Action::Back, T0);
    assert_eq!(app.mode(), Mode::Welcome, "nothing answered yet");
}

#[test]
fn esc_closes_the_welcome_for_the_run_and_question_mark_shows_it_again() {
    let mut app = first_run();
    press(&mut app, '\u{1b}', T0);
    assert_eq!(app.mode(), Mode::Home);
    assert!(!app.quit, "esc on the welcome closes it, it does not quit");
    app.update(Action::Stats, T0);
    app.update(Action::Back, T0);
    assert_eq!(app.mode(), Mode::Home, "closed for the run");
    press(&mut app, '?', T0);
    let help = screen_text(&app);
    assert!(help.contains("First steps"), "{help}");
    assert!(
        help.contains("Press enter to learn today's new cards"),
        "{help}"
    );
}

/// Reveals the demo deck's first card.
fn answer_side(w: u16) -> App {
    let mut app = app_with(MemSink::default());
    app.update(Action::Resize(w, 24), T0);
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0 + 1_000);
    app
}

#[test]
fn the_rating_row_says_each_buttons_meaning_and_interval_in_words_at_80_and_40_columns() {
    let app = answer_side(80);
    let shown = text(&render(&app, 80, 24, Theme::new(true)));
    let row: Vec<&str> = shown.lines().skip(20).take(2).collect();
    assert_eq!(
        row,
        [
            " 1 Again  1 min     2 Hard  6 min      3 Good  10 min     4 Easy  8 days",
            "   forgot             with effort        remembered         too easy",
        ],
        "{shown}"
    );
    assert!(!shown.contains("10m") && !shown.contains("8d"), "{shown}");
    insta::assert_snapshot!("rating_row_80x24", shown);
    let wide = text(&render(&answer_side(100), 100, 24, Theme::new(true)));
    assert!(wide.contains("remembered with effort"), "{wide}");

    let app = answer_side(40);
    let shown = text(&render(&app, 40, 24, Theme::new(true)));
    let row: Vec<&str> = shown.lines().skip(20).take(2).collect();
    assert_eq!(
        row,
        [
            " 1 Again  1 min     2 Hard  6 min",
            " 3 Good  10 min     4 Easy  8 days"
        ],
        "{shown}"
    );
    insta::assert_snapshot!("rating_row_40x24", shown);
    // Anki's keys: 1-4, and space is Good.
    assert_eq!(app.mode(), Mode::Answer);
}

#[test]
fn the_first_learning_step_says_once_why_a_card_comes_back_in_minutes() {
    let mut app = answer_side(80);
    let note = "Why minutes? New cards come back after short steps today, then in days.";
    assert_eq!(app.ctx.status.as_ref().map(|s| s.text.as_str()), Some(note));
    press(&mut app, '1', T0 + 2_000);
    press(&mut app, ' ', T0 + 3_000);
    assert_eq!(app.ctx.status, None, "once a run");
    let mut narrow = answer_side(40);
    assert_eq!(
        narrow.ctx.status.take().map(|s| s.text),
        Some("Minutes: short steps today, then days.".to_string())
    );
}

#[test]
fn the_counter_shows_what_is_left_and_never_a_total_that_grows() {
    let mut app = app_with(MemSink::default());
    app.update(Action::Open, T0);
    let label = |app: &App| {
        let shown = screen_text(app);
        shown.lines().nth(1).unwrap_or_default().trim().to_string()
    };
    assert!(
        label(&app).ends_with("0 answered · 4 left today"),
        "{}",
        label(&app)
    );
    let header = screen_text(&app)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(header.contains("New 4 · Learn 0 · Due 0"), "{header}");
    // Again on a new card: it comes back, so one answered and still four left (not 1/5).
    press(&mut app, ' ', T0 + 1_000);
    press(&mut app, '1', T0 + 2_000);
    assert!(
        label(&app).ends_with("1 answered · 4 left today"),
        "{}",
        label(&app)
    );
    let header = screen_text(&app)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(header.contains("New 3 · Learn 1 · Due 0"), "{header}");
    assert!(!label(&app).contains('/'), "{}", label(&app));
    insta::assert_snapshot!("counter_after_again_80x24", screen_text(&app));
}

#[test]
fn every_screens_help_ends_with_the_same_glossary() {
    let modes = [
        Mode::Home,
        Mode::Welcome,
        Mode::Question,
        Mode::Choice,
        Mode::Answer,
        Mode::Summary,
        Mode::Stats,
        Mode::QuizSetup,
        Mode::QuizQuestion,
        Mode::Results,
        Mode::Review,
        Mode::Prompt,
        Mode::DatePrompt,
    ];
    for mode in modes {
        let lines = crate::tui::help::lines_for_test(mode, 80);
        assert!(lines.contains(" Words recall uses"), "{mode:?}");
        for (word, _) in GLOSSARY {
            assert!(
                lines.contains(&format!(" {word} ")),
                "{mode:?} lacks {word}"
            );
        }
    }
    let words: Vec<&str> = GLOSSARY.iter().map(|(w, _)| *w).collect();
    for w in [
        "learning",
        "relearning",
        "lapse",
        "retention",
        "suspend",
        "bury",
        "cloze",
        "exam cap",
    ] {
        assert!(words.contains(&w), "{w}");
    }
}

#[test]
fn the_help_scrolls_to_the_glossary_and_stops_at_its_end() {
    let mut app = app_with(MemSink::default());
    press(&mut app, '?', T0);
    for _ in 0..100 {
        press(&mut app, 'j', T0);
    }
    let shown = screen_text(&app);
    assert!(shown.contains("exam cap"), "{shown}");
    assert!(shown.contains("esc or ? closes this help"), "{shown}");
    insta::assert_snapshot!("help_glossary_80x24", shown);
    let at_end = app.help_scroll;
    press(&mut app, 'k', T0);
    assert_eq!(app.help_scroll, at_end - 1, "one k moves back up at once");
    press(&mut app, '?', T0);
    press(&mut app, '?', T0);
    assert_eq!(app.help_scroll, 0, "opens at the top");
}

/// Walk-through: the welcome said setting the exam date paces new cards ("so all are seen a
/// week before the exam"), while Home under it said "At 20 new cards a day, the last one is
/// seen on 2026-12-30", ten days after the exam: the pace follows the exam only with
/// `new_per_day = "exam"`. The welcome promises only what the date does by itself.
#[test]
fn the_welcome_does_not_promise_exam_pacing_that_needs_new_per_day_exam() {
    let app = first_run();
    let shown = text(&render(&app, 100, 30, Theme::new(true)));
    assert!(!shown.contains("paces new cards"), "{shown}");
    assert!(shown.contains("counts down"), "{shown}");
}
