//! `x` on Home and Stats: the exam-date prompt's accepted and refused forms, the new date in
//! force at once (plan, exam cap, stats), and config.toml edited by hand picked up on Home.

use super::support::*;
use crate::tui::keys::Mode;
use recall::store::{Config, NewPerDay};

/// The demo deck with an in-memory config.toml holding a comment.
fn with_config() -> (App, MemConfig) {
    let mut app = app_with(MemSink::default());
    let store = MemConfig::default();
    *store.text.borrow_mut() = "# my settings\nnew_per_day = \"exam\" # paced\n".into();
    app.ctx.config_store = Some(Box::new(store.clone()));
    let config = Config {
        new_per_day: NewPerDay::Exam,
        fuzz: false,
        ..Config::default()
    };
    let restart = crate::tui::settings::apply(&mut app.ctx, config.clone()).expect("in force");
    assert_eq!(restart, None);
    app.set_config(config);
    (app, store)
}

fn home_plan(app: &App) -> crate::tui::screens::home::PlanLines {
    match &app.screen {
        Screen::Home(h) => h.plan.clone(),
        _ => panic!("home expected"),
    }
}

#[test]
fn x_on_home_sets_the_exam_date_in_words_and_the_plan_follows_at_once() {
    let (mut app, store) = with_config();
    let shown = screen_text(&app);
    assert!(
        shown.contains(" recall  today: 4 new ≈ 2 min · x: set your exam date"),
        "{shown}"
    );
    assert!(
        shown.contains("new_per_day = \"exam\" needs an exam date (x); until then 20 a day."),
        "{shown}"
    );
    press(&mut app, 'x', T0);
    assert_eq!(app.mode(), Mode::DatePrompt);
    let prompt = screen_text(&app);
    assert!(prompt.contains("2026-12-20, in 3 weeks, dec 20; empty or none clears it"));
    type_and_enter(&mut app, "in 3 weeks", T0);
    assert_eq!(app.mode(), Mode::Home, "the prompt closes");
    assert_eq!(
        store.text.borrow().as_str(),
        "# my settings\nnew_per_day = \"exam\" # paced\nexam_date = 2026-12-14\n",
        "written through config_edit, comments kept"
    );
    let exam = time::Date::from_calendar_date(2026, time::Month::December, 14).ok();
    assert_eq!(app.ctx.config.exam_date, exam);
    assert_eq!(
        app.ctx.scheduler.config().exam_date,
        exam,
        "the exam cap too"
    );
    let status = app.ctx.status.clone().expect("said").text;
    assert_eq!(
        status,
        "Exam date set: 2026-12-14 (in 21 days), saved to config.toml."
    );
    let plan = home_plan(&app);
    assert_eq!(plan.long, "Exam in 21 days · today: 1 new ≈ 1 min");
    assert_eq!(
        plan.new_cards.as_deref(),
        Some("New cards follow the exam: 1 a day, the last one on 2026-11-26.")
    );
    insta::assert_snapshot!("home_plan_with_exam_80x24", screen_text(&app));
    let narrow = text(&render(&app, 40, 24, Theme::new(true)));
    assert!(
        narrow.starts_with(" Exam in 21 days · 1 new ≈ 1 min\n"),
        "{narrow}"
    );

    // Cleared with "none" (or an empty line).
    press(&mut app, 'x', T0);
    type_and_enter(&mut app, "none", T0);
    assert_eq!(app.ctx.config.exam_date, None);
    assert_eq!(app.ctx.scheduler.config().exam_date, None);
    assert!(!store.text.borrow().contains("exam_date"));
    assert_eq!(
        app.ctx.status.clone().expect("said").text,
        "Exam date cleared: no card is held to an exam day."
    );
}

#[test]
fn the_prompt_accepts_each_form_parse_date_reads() {
    for (typed, date) in [
        ("2026-12-20", "2026-12-20"),
        ("dec 20", "2026-12-20"),
        ("20 December", "2026-12-20"),
        ("in 10 days", "2026-12-03"),
        ("tomorrow", "2026-11-24"),
    ] {
        let (mut app, _) = with_config();
        press(&mut app, 'x', T0);
        type_and_enter(&mut app, typed, T0);
        assert_eq!(
            app.ctx.config.exam_date.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{typed}"
        );
    }
}

#[test]
fn a_refused_date_is_said_in_words_under_the_prompt_and_nothing_is_written() {
    let (mut app, store) = with_config();
    let before = store.text.borrow().clone();
    press(&mut app, 'x', T0);
    type_and_enter(&mut app, "someday", T0);
    assert_eq!(app.mode(), Mode::DatePrompt, "the prompt stays open");
    // The clock ticks on; the error stays until a key is typed.
    app.update(Action::Tick, T0 + 1_000);
    let shown = screen_text(&app);
    assert!(
        shown.contains("\"someday\" is not a date: expected"),
        "{shown}"
    );
    insta::assert_snapshot!("exam_prompt_refused_80x24", shown);
    type_and_enter(&mut app, "2020-01-01", T0);
    let shown = screen_text(&app);
    assert!(shown.contains("is in the past"), "{shown}");
    assert_eq!(*store.text.borrow(), before);
    assert_eq!(app.ctx.config.exam_date, None);
    press(&mut app, '\u{1b}', T0);
}

#[test]
fn without_a_config_store_x_says_so() {
    let mut app = app_with(MemSink::default());
    press(&mut app, 'x', T0);
    type_and_enter(&mut app, "dec 20", T0);
    let shown = screen_text(&app);
    assert!(shown.contains("not available here"), "{shown}");
}

#[test]
fn x_on_stats_sets_the_date_and_the_readiness_follows() {
    let (mut app, store) = with_config();
    app.update(Action::Stats, T0);
    assert!(screen_text(&app).contains("no exam_date set"));
    press(&mut app, 'x', T0);
    assert_eq!(app.mode(), Mode::DatePrompt);
    type_and_enter(&mut app, "dec 20", T0);
    assert_eq!(app.mode(), Mode::Stats);
    let Screen::Stats(st) = &app.screen else {
        panic!("stats");
    };
    assert_eq!(st.stats.readiness.days_left, 27);
    assert!(store.text.borrow().contains("exam_date = 2026-12-20"));
    assert!(screen_text(&app).contains("2026-12-20, in 27 days"));
}

#[test]
fn config_changed_by_hand_is_applied_when_home_is_shown_or_said_why_not() {
    let (mut app, store) = with_config();
    *store.next_change.borrow_mut() = Some(Ok(Config {
        new_per_day: NewPerDay::Fixed(2),
        pass_mark: 0.8,
        exam_date: time::Date::from_calendar_date(2026, time::Month::December, 20).ok(),
        fuzz: false,
        ..Config::default()
    }));
    app.update(Action::Stats, T0);
    app.update(Action::Back, T0);
    assert_eq!(
        app.ctx.status.clone().expect("said").text,
        "config.toml changed: the new settings are in force."
    );
    assert_eq!(app.ctx.limits.new_per_day, 2);
    assert_eq!(app.ctx.quiz_env.pass_mark, 0.8);
    assert_eq!(
        home_plan(&app).long,
        "Exam in 27 days · today: 2 new ≈ 1 min"
    );
    // A file that no longer loads: said, and the settings in force stay.
    *store.next_change.borrow_mut() = Some(Err(
        "config.toml: desired_retention = 7: expected a number from 0.70 to 0.99".into(),
    ));
    app.update(Action::Stats, T0);
    app.update(Action::Back, T0);
    let status = app.ctx.status.clone().expect("said");
    assert!(status.is_error);
    assert!(
        status.text.starts_with(
            "config.toml changed but was not applied: config.toml: desired_retention = 7"
        ),
        "{}",
        status.text
    );
    assert_eq!(app.ctx.limits.new_per_day, 2);
    // sync_dir cannot change under a running recall: said, and kept as it was.
    *store.next_change.borrow_mut() = Some(Ok(Config {
        new_per_day: NewPerDay::Fixed(3),
        sync_dir: Some("/elsewhere".into()),
        fuzz: false,
        ..Config::default()
    }));
    app.update(Action::Stats, T0);
    app.update(Action::Back, T0);
    let status = app.ctx.status.clone().expect("said");
    assert!(status.is_error);
    assert_eq!(
        status.text,
        "config.toml changed: the other settings are in force; sync_dir changed: restart recall to apply it (the logs' folder is chosen at start)."
    );
    assert_eq!(app.ctx.limits.new_per_day, 3);
    assert_eq!(app.ctx.config.sync_dir, None);
    // Unchanged: nothing said.
    app.update(Action::Stats, T0);
    app.update(Action::Back, T0);
    assert_eq!(app.ctx.status, None);
}
