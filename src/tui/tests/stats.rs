//! The stats screen: opened with `s`, drawn at the sizes people use, down to 1x1.

use super::support::*;
use recall::store::log::{format_line, parse_log};

const DAY: Millis = 86_400_000;

/// Two decks with a few weeks of answers behind them and an exam on 2026-12-15.
fn stats_app() -> App {
    stats_app_with(time::Date::from_calendar_date(2026, time::Month::December, 15).ok())
}

/// The same, with this exam date (or none).
fn stats_app_with(exam_date: Option<time::Date>) -> App {
    let other = r#"
[deck]
id = "other"
title = "Second deck with a rather long title for the table"

[[cards]]
id = "one"
front = "1?"
back = "1."

[[cards]]
id = "two"
front = "2?"
back = "2."
"#;
    let decks = vec![
        parse_deck(DECK, "demo.toml", DeckSource::Builtin("demo.toml")).expect("deck"),
        parse_deck(other, "other.toml", DeckSource::Builtin("other.toml")).expect("deck"),
    ];
    let scheduler = Scheduler::new(SchedulerConfig {
        fuzz: false,
        exam_date,
        ..SchedulerConfig::default()
    })
    .expect("config");
    let mut text = String::new();
    let cards = ["demo/basic", "demo/choice", "demo/cloze", "other/one"];
    for back in (1..=40).rev() {
        for (i, card) in cards.iter().enumerate() {
            if (back + i as i64) % 3 == 0 {
                let rating = if (back + i as i64) % 4 == 0 { 1 } else { 3 };
                let at = T0 - back * DAY + i as i64 * 60_000;
                let kind = EventKind::Review { rating, ms: 8_000 };
                format_line(&mut text, at, card, kind);
            }
        }
    }
    let log = parse_log(text.as_bytes(), "reviews.jsonl");
    let col = Collection::replay(decks, &log, &scheduler, T0);
    // As the binary does: Home opens with the log and the config (no welcome: the log has
    // answers).
    let setup = crate::tui::Setup {
        history: recall::stats::history::History::new(log, "test"),
        config: recall::store::Config {
            exam_date,
            ..Default::default()
        },
    };
    App::new(
        col,
        scheduler,
        Limits::default(),
        Box::new(MemSink::default()),
        T0,
        setup,
    )
}

#[test]
fn s_opens_stats_and_q_goes_back() {
    let mut app = stats_app();
    app.update(Action::Stats, T0);
    let Screen::Stats(st) = &app.screen else {
        panic!("stats screen expected");
    };
    assert_eq!(st.stats.readiness.days_left, 22);
    assert_eq!(st.stats.decks.len(), 2);
    let shown = screen_text(&app);
    assert!(shown.contains("Retention"), "{shown}");
    assert!(shown.contains("2026-12-15, in 22 days"), "{shown}");
    app.update(Action::Back, T0);
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(!app.quit);
}

#[test]
fn answers_given_in_this_run_are_counted() {
    let mut app = stats_app();
    app.update(Action::Stats, T0);
    let before = match &app.screen {
        Screen::Stats(s) => s.stats.time.today_ms,
        _ => panic!("stats"),
    };
    assert_eq!(before, 0);
    app.update(Action::Back, T0);
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0 + 3_000);
    app.update(Action::Rate(Rating::Good), T0 + 5_000);
    app.update(Action::Back, T0 + 6_000);
    app.update(Action::Back, T0 + 6_000);
    app.update(Action::Stats, T0 + 7_000);
    let Screen::Stats(s) = &app.screen else {
        panic!("stats");
    };
    assert_eq!(s.stats.time.today_ms, 5_000);
    assert_eq!(*s.stats.heatmap.reviews.last().expect("today"), 1);
}

#[test]
fn stats_snapshots_at_80x24_and_160x50() {
    let mut app = stats_app();
    app.update(Action::Stats, T0);
    insta::assert_snapshot!("stats_80x24", text(&render(&app, 80, 24, Theme::new(true))));
    insta::assert_snapshot!(
        "stats_160x50",
        text(&render(&app, 160, 50, Theme::new(true)))
    );
    // Short of rows, the deck table scrolls.
    app.update(Action::Resize(80, 22), T0);
    app.update(Action::Down, T0);
    let scrolled = text(&render(&app, 80, 22, Theme::new(true)));
    assert!(scrolled.contains("Decks 2-2 of 2"), "{scrolled}");
    // A short terminal still shows deck rows (it used to show an empty "Decks 1-0 of 2").
    app.update(Action::Up, T0);
    let short = text(&render(&app, 60, 15, Theme::new(true)));
    assert!(short.contains("Demo deck"), "{short}");
    assert!(!short.contains("1-0 of"), "{short}");
}

#[test]
fn deck_table_scroll_stops_at_the_last_row_so_one_k_moves_back() {
    let mut app = stats_app();
    app.update(Action::Resize(80, 22), T0);
    app.update(Action::Stats, T0);
    // Two decks, one row shown at 80x22: the scroll can go one row down, no further.
    for _ in 0..10 {
        app.update(Action::Down, T0);
    }
    let Screen::Stats(s) = &app.screen else {
        panic!("not on stats");
    };
    assert_eq!(s.scroll, 1);
    let bottom = text(&render(&app, 80, 22, Theme::new(true)));
    assert!(bottom.contains("Decks 2-2 of 2"), "{bottom}");
    // One k moves back up at once.
    app.update(Action::Up, T0);
    let top = text(&render(&app, 80, 22, Theme::new(true)));
    assert!(top.contains("Decks 1-1 of 2"), "{top}");
    // On a tall terminal everything fits: nothing to scroll.
    app.update(Action::Resize(160, 50), T0);
    app.update(Action::Down, T0);
    let Screen::Stats(s) = &app.screen else {
        panic!("not on stats");
    };
    assert_eq!(s.scroll, 0);
}

#[test]
fn a_forecast_day_with_one_card_shows_a_bar_beside_days_with_many() {
    let mut app = stats_app();
    app.update(Action::Stats, T0);
    let Screen::Stats(s) = &mut app.screen else {
        panic!("not on stats");
    };
    s.stats.forecast = vec![0; recall::stats::FORECAST_DAYS];
    s.stats.forecast[0] = 25;
    s.stats.forecast[1] = 1;
    s.stats.forecast[3] = 25;
    let buf = render(&app, 80, 24, Theme::new(true));
    let top = (0..buf.area.height)
        .find(|&y| buf[(2, y)].symbol() == "D" && buf[(3, y)].symbol() == "u")
        .expect("the forecast panel");
    // Day i's bar is in column 1 + 2i; the bottom bar row is above the label row.
    let bottom = (top + 1..buf.area.height)
        .find(|&y| buf[(0, y)].symbol() == "└")
        .expect("the panel's bottom")
        - 2;
    let bar = |day: u16| buf[(1 + 2 * day, bottom)].symbol().to_string();
    assert_ne!(bar(1), " ", "{}", text(&buf));
    assert_ne!(bar(0), " ");
    assert_eq!(bar(2), " ");
}

#[test]
fn stats_render_at_every_size_without_panic_and_without_colour() {
    let mut app = stats_app();
    app.update(Action::Stats, T0);
    for w in (1..=170).step_by(7) {
        for h in [1, 2, 5, 9, 10, 11, 14, 19, 20, 24, 31, 32, 50, 60] {
            render(&app, w, h, Theme::new(true));
        }
    }
    for (w, h) in [(40, 10), (80, 24), (160, 50)] {
        let buf = render(&app, w, h, Theme::new(false));
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
    }
    // The heatmap's shades are characters, so it still reads without colour.
    let shown = text(&render(&app, 80, 24, Theme::new(false)));
    assert!(shown.contains('█') && shown.contains('·'), "{shown}");
}

#[test]
fn stats_keys() {
    use crate::tui::keys::{map, Mode};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    assert_eq!(
        map(Mode::Home, key(KeyCode::Char('s'))),
        Some(Action::Stats)
    );
    assert_eq!(
        map(Mode::Stats, key(KeyCode::Char('j'))),
        Some(Action::Down)
    );
    assert_eq!(map(Mode::Stats, key(KeyCode::Up)), Some(Action::Up));
    assert_eq!(map(Mode::Stats, key(KeyCode::Esc)), Some(Action::Back));
    assert_eq!(
        map(Mode::Stats, key(KeyCode::Char('q'))),
        Some(Action::Back)
    );
    assert_eq!(map(Mode::Stats, key(KeyCode::Char('s'))), None);
}

#[test]
fn without_an_exam_date_no_answers_needed_are_shown_and_with_one_plain_advice() {
    let mut app = stats_app_with(None);
    app.update(Action::Stats, T0);
    for (w, h) in [(80, 24), (160, 50)] {
        let screen = text(&render(&app, w, h, Theme::new(true)));
        assert!(screen.contains("no exam_date set"), "{screen}");
        assert!(!screen.contains("Needed"), "{w}x{h}: {screen}");
        assert!(!screen.contains("answers today"), "{w}x{h}: {screen}");
        assert!(!screen.contains(" Need"), "{w}x{h}: {screen}");
    }
    let mut app = stats_app();
    app.update(Action::Stats, T0);
    let screen = screen_text(&app);
    assert!(
        screen.contains("to reach 90%: about 1 answer a day"),
        "{screen}"
    );
}
