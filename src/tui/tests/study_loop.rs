//! The daily study loop as a new user meets it (issue 13): a pick sets the default rating,
//! options shuffle per review, undo outlives the study screen, early cards say so, long
//! answers come into view, Anki's own keys, and narrow terminals.

use super::support::*;

const PICKS: &str = r#"
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
front = "Which service runs code without servers?"
choices = ["EC2", "Lambda", "EBS", "VPC"]
answer = 1
"#;

fn last_rating(sink: &MemSink) -> Option<u8> {
    match sink.events.borrow().last().map(|e| e.2) {
        Some(EventKind::Review { rating, .. }) => Some(rating),
        _ => None,
    }
}

fn footer(app: &App) -> String {
    screen_text(app)
        .lines()
        .nth(23)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn after_a_wrong_pick_space_rates_again_and_after_a_right_pick_good() {
    let sink = MemSink::default();
    let mut app = app_with_deck(PICKS, sink.clone());
    app.update(Action::Open, T0);
    let wrong = key_of(&app, "S3 Standard");
    press(&mut app, wrong, T0 + 1_000);
    assert!(
        footer(&app).contains("space again (wrong pick)"),
        "{}",
        footer(&app)
    );
    press(&mut app, ' ', T0 + 3_000);
    assert_eq!(
        last_rating(&sink),
        Some(1),
        "a wrong pick then space is Again"
    );

    let right = key_of(&app, "Lambda");
    press(&mut app, right, T0 + 4_000);
    assert!(
        footer(&app).contains("space good (right pick)"),
        "{}",
        footer(&app)
    );
    press(&mut app, '\n', T0 + 6_000);
    assert_eq!(
        last_rating(&sink),
        Some(3),
        "a right pick then enter is Good"
    );
}

#[test]
fn a_digit_pressed_twice_within_half_a_second_does_not_rate() {
    let sink = MemSink::default();
    let mut app = app_with_deck(PICKS, sink.clone());
    app.update(Action::Open, T0);
    let key = key_of(&app, "S3 One Zone-IA");
    press(&mut app, key, T0 + 1_000);
    // The same digit again by accident, 200 ms later: nothing is rated.
    press(&mut app, key, T0 + 1_200);
    press(&mut app, '2', T0 + 1_499);
    assert!(
        sink.events.borrow().is_empty(),
        "{:?}",
        sink.events.borrow()
    );
    assert!(screen_text(&app).contains("Not rated"));
    // A deliberate key later rates as asked.
    press(&mut app, '2', T0 + 2_500);
    assert_eq!(last_rating(&sink), Some(2));
}

/// The options of the card on screen, top to bottom.
fn options_shown(app: &App) -> Vec<String> {
    screen_text(app)
        .lines()
        .filter_map(|l| {
            let l = l.trim_start_matches('│').trim_start();
            let l = l.trim_start_matches(['✓', '✗', '▸']).trim_start();
            let (n, rest) = l.split_once(") ")?;
            (n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()))
                .then(|| rest.trim_end_matches('│').trim_end().to_string())
        })
        .collect()
}

#[test]
fn choice_options_shuffle_per_review_and_an_undo_or_a_replay_shows_the_same_order() {
    let sink = MemSink::default();
    let mut app = app_with_deck(PICKS, sink.clone());
    app.update(Action::Open, T0);
    let first = options_shown(&app);
    assert_eq!(first.len(), 4, "{first:?}");
    // A replay of the same (empty) log shows the same order.
    let mut again = app_with_deck(PICKS, MemSink::default());
    again.update(Action::Open, T0);
    assert_eq!(options_shown(&again), first);

    // Answer it, undo: the same order comes back.
    let right = key_of(&app, "S3 One Zone-IA");
    press(&mut app, right, T0 + 1_000);
    assert!(
        screen_text(&app).contains("right."),
        "the pick maps to its option"
    );
    press(&mut app, '3', T0 + 3_000);
    press(&mut app, 'u', T0 + 4_000);
    assert_eq!(options_shown(&app), first, "undo shows the same order");

    // Over many reviews the order changes: the position is not the fact.
    let mut orders = std::collections::HashSet::new();
    let mut now = T0 + 10_000;
    for _ in 0..6 {
        let Screen::Study(s) = &app.screen else {
            break;
        };
        if s.session.current().is_none() {
            break;
        }
        orders.insert(options_shown(&app));
        press(&mut app, ' ', now);
        press(&mut app, '1', now + 1_000);
        now += 700_000;
        app.update(Action::Tick, now);
    }
    assert!(orders.len() > 1, "one order only: {orders:?}");
}

#[test]
fn u_on_the_summary_undoes_the_last_answer_and_shows_its_card() {
    let sink = MemSink::default();
    let mut app = app_with(sink.clone());
    app.update(Action::Open, T0);
    press(&mut app, ' ', T0 + 1_000);
    press(&mut app, '4', T0 + 2_000);
    press(&mut app, 'q', T0 + 3_000);
    assert!(matches!(app.screen, Screen::Summary(_)));
    press(&mut app, 'u', T0 + 4_000);
    assert!(
        matches!(app.screen, Screen::Study(_)),
        "the card comes back"
    );
    assert!(screen_text(&app).contains("What does SSE-C require?"));
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Undo)
    );
    let e = app.ctx.collection.find("demo/basic").expect("card");
    assert_eq!(app.ctx.collection.cards[e].state.phase, Phase::New);
}

#[test]
fn u_on_home_and_in_a_new_session_reaches_the_last_answer_of_today() {
    let sink = MemSink::default();
    let mut app = app_with(sink.clone());
    app.update(Action::Open, T0);
    press(&mut app, ' ', T0 + 1_000);
    press(&mut app, '4', T0 + 2_000);
    press(&mut app, 'q', T0 + 3_000);
    press(&mut app, '\n', T0 + 4_000);
    assert!(matches!(app.screen, Screen::Home(_)));
    press(&mut app, 'u', T0 + 5_000);
    assert!(screen_text(&app).contains("What does SSE-C require?"));
    assert_eq!(sink.events.borrow().len(), 2);

    // Answer again, leave, come back into the deck: u still reaches it.
    press(&mut app, ' ', T0 + 6_000);
    press(&mut app, '4', T0 + 7_000);
    press(&mut app, 'q', T0 + 8_000);
    press(&mut app, '\n', T0 + 9_000);
    press(&mut app, '\n', T0 + 10_000);
    press(&mut app, 'u', T0 + 11_000);
    assert!(screen_text(&app).contains("What does SSE-C require?"));
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Undo)
    );

    // Nothing left to undo: Home says so.
    press(&mut app, 'q', T0 + 12_000);
    press(&mut app, 'u', T0 + 13_000);
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(screen_text(&app).contains("Nothing to undo today."));
}

const ONE: &str = r#"
[deck]
id = "one"
title = "One card"

[[cards]]
id = "only"
front = "Only front"
back = "Only back"
"#;

#[test]
fn a_learning_card_shown_early_says_so_and_tomorrow_does_not_count_it() {
    let mut app = app_with_deck(ONE, MemSink::default());
    app.update(Action::Open, T0);
    press(&mut app, ' ', T0 + 1_000);
    press(&mut app, '3', T0 + 2_000); // 1m step -> 10m step
                                      // Nothing else is left: the 10m card comes back now (Anki's 20-minute learn-ahead).
    let shown = screen_text(&app);
    assert!(shown.contains("Only front"), "{shown}");
    assert!(shown.contains("early, due in 10 min"), "{shown}");
    press(&mut app, 'q', T0 + 3_000);
    let summary = screen_text(&app);
    assert!(summary.contains("Tomorrow  0 cards due"), "{summary}");
    assert!(summary.contains("later today"), "{summary}");
}

/// A basic card whose front alone fills more than an 80x24 card box.
fn long_basic() -> String {
    let front: Vec<String> = (1..=40).map(|i| format!("Question line {i}.")).collect();
    format!(
        "[deck]\nid = \"long\"\ntitle = \"Long\"\n\n[[cards]]\nid = \"l\"\nfront = \"\"\"\n{}\"\"\"\nback = \"THE-ANSWER is here.\"\n",
        front.join("\n\n")
    )
}

fn scroll_of(app: &App) -> u16 {
    match &app.screen {
        Screen::Study(s) => s.scroll(),
        _ => panic!("not studying"),
    }
}

#[test]
fn on_reveal_a_long_cards_answer_is_in_view_and_pgdn_pgup_page() {
    let sink = MemSink::default();
    let mut app = app_with_deck(&long_basic(), sink.clone());
    app.update(Action::Open, T0);
    assert!(!screen_text(&app).contains("THE-ANSWER"));
    app.update(Action::PageDown, T0);
    let page = scroll_of(&app);
    assert!(page > 5, "a page is most of the box: {page}");
    app.update(Action::PageDown, T0);
    assert_eq!(scroll_of(&app), 2 * page);
    app.update(Action::PageUp, T0);
    assert_eq!(scroll_of(&app), page);
    press(&mut app, ' ', T0 + 1_000);
    let shown = screen_text(&app);
    assert!(shown.contains("THE-ANSWER is here."), "{shown}");
    assert!(shown.contains("─── answer ───"), "{shown}");
    // space stays Good.
    press(&mut app, ' ', T0 + 2_000);
    assert_eq!(last_rating(&sink), Some(3));
}

#[test]
fn ankis_minus_buries_and_at_suspends_and_help_shows_them() {
    use crate::tui::keys::{map, Mode};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    for mode in [
        Mode::Question,
        Mode::Choice,
        Mode::Answer,
        Mode::PickedWrong,
    ] {
        assert_eq!(map(mode, key('-')), Some(Action::Bury));
        assert_eq!(map(mode, key('@')), Some(Action::Suspend));
    }
    let sink = MemSink::default();
    let mut app = app_with(sink.clone());
    app.update(Action::Open, T0);
    press(&mut app, '-', T0);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Bury)
    );
    press(&mut app, '@', T0);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Suspend)
    );
    press(&mut app, '?', T0);
    let help = screen_text(&app);
    assert!(help.contains("b -") && help.contains("s @"), "{help}");
}

const NARROW: &str = r#"
[deck]
id = "narrow"
title = "AWS Machine Learning Specialty: data engineering and streaming ingestion"

[[cards]]
id = "a"
front = "What does Kinesis Data Firehose convert JSON records into for Athena?"
back = "Apache Parquet or ORC."
"#;

#[test]
fn narrow_terminals_cut_titles_with_an_ellipsis_and_keep_all_four_buttons() {
    let mut app = app_with_deck(NARROW, MemSink::default());
    app.update(Action::Open, T0);
    for w in [60u16, 40] {
        let q = text(&render(&app, w, 24, Theme::new(true)));
        let header = q.lines().next().unwrap_or_default();
        assert!(header.contains('…'), "{w}: {header}");
        assert!(
            header.contains(" New 1"),
            "title and counts apart at {w}: {header}"
        );
        insta::assert_snapshot!(format!("narrow_question_{w}x24"), q);
    }
    app.update(Action::Reveal, T0 + 1_000);
    for w in [60u16, 40] {
        let a = text(&render(&app, w, 24, Theme::new(true)));
        // The rating row is two lines (20 and 21), units in words.
        let buttons: String = a.lines().skip(20).take(2).collect::<Vec<_>>().join("\n");
        for interval in ["1 min", "6 min", "10 min", "8 days"] {
            assert!(buttons.contains(interval), "{w}: {buttons}");
        }
        insta::assert_snapshot!(format!("narrow_answer_{w}x24"), a);
    }
}
