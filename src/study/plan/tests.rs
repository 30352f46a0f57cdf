//! Exam pacing, the last-new-card date and the time estimate.

use super::*;
use crate::deck::{parse_deck, Deck, DeckSource};
use crate::store::log::parse_log;
use time::macros::date;

/// 2026-11-23 10:00 UTC (the study day started at 04:00 UTC).
const T0: Millis = 1_795_428_000_000;

fn deck(n: usize) -> Deck {
    let mut src = "[deck]\nid = \"a\"\ntitle = \"A\"\n".to_string();
    for i in 0..n {
        src.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nfront = \"F{i}\"\nback = \"B{i}\"\n"
        ));
    }
    parse_deck(&src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid")
}

fn scheduler() -> Scheduler {
    Scheduler::new(crate::schedule::SchedulerConfig {
        fuzz: false,
        ..Default::default()
    })
    .expect("defaults")
}

fn exam_config(exam: Option<time::Date>) -> Config {
    Config {
        new_per_day: NewPerDay::Exam,
        exam_date: exam,
        ..Config::default()
    }
}

#[test]
fn every_card_is_seen_a_week_before_the_exam_when_possible() {
    for unseen in [0, 1, 7, 99, 300, 1000, 5000] {
        for exam in 7..60 {
            let per_day = exam_pace(unseen, 0, exam, u32::MAX);
            let last = last_new_day(unseen, per_day as usize, per_day, 0);
            if unseen == 0 {
                assert_eq!(last, None);
                continue;
            }
            let last = last.expect("some");
            assert!(
                last <= exam - 7,
                "{unseen} cards, exam day {exam}: last {last}"
            );
            // Not faster than needed: one card fewer a day would miss the week.
            if per_day > 1 {
                let slower = last_new_day(unseen, per_day as usize - 1, per_day - 1, 0);
                assert!(slower.expect("some") > exam - 7, "{unseen}, {exam}");
            }
        }
    }
    // Three weeks out with 300 cards: 15 days (today to exam - 7), 20 a day.
    assert_eq!(exam_pace(300, 0, 21, 50), 20);
    assert_eq!(last_new_day(300, 20, 20, 0), Some(14));
}

#[test]
fn with_less_than_a_week_left_the_cards_spread_over_the_days_that_remain() {
    assert_eq!(exam_pace(100, 0, 4, 500), 25);
    assert_eq!(last_new_day(100, 25, 25, 0), Some(3));
    assert_eq!(exam_pace(100, 0, 0, 500), 100, "exam today: all of them");
    assert_eq!(exam_pace(100, 0, 6, 500), 17);
}

#[test]
fn the_cap_wins_and_the_plan_says_so() {
    assert_eq!(exam_pace(1000, 0, 21, 50), 50);
    let s = scheduler();
    let col = Collection::replay(vec![deck(300)], &LoadedLog::default(), &s, T0);
    let config = Config {
        max_new_per_day: 10,
        ..exam_config(Some(date!(2026 - 12 - 03)))
    };
    let p = new_per_day(&config, &col, &s, T0);
    assert_eq!(p.per_day, 10);
    assert!(p.paced_by_exam);
    assert_eq!(
        p.note.as_deref(),
        Some("seeing every card a week before the exam needs 75 new cards a day; max_new_per_day = 10 keeps it lower")
    );
}

#[test]
fn without_an_exam_date_exam_pacing_falls_back_to_twenty_with_a_note() {
    let s = scheduler();
    let col = Collection::replay(vec![deck(300)], &LoadedLog::default(), &s, T0);
    let p = new_per_day(&exam_config(None), &col, &s, T0);
    assert_eq!((p.per_day, p.paced_by_exam), (20, false));
    assert!(p.note.expect("note").contains("no exam date is set"));
    let passed = new_per_day(&exam_config(Some(date!(2026 - 11 - 01))), &col, &s, T0);
    assert!(passed.note.expect("note").contains("has passed"));
    let fixed = new_per_day(&Config::default(), &col, &s, T0);
    assert_eq!(
        fixed,
        Pacing {
            per_day: 20,
            paced_by_exam: false,
            note: None
        }
    );
}

#[test]
fn the_plan_counts_today_estimates_the_time_and_dates_the_last_new_card() {
    let s = scheduler();
    let col = Collection::replay(vec![deck(30)], &LoadedLog::default(), &s, T0);
    // Exam on 3 December, ten days after 23 November: 30 cards over 23-26 November.
    let config = exam_config(Some(date!(2026 - 12 - 03)));
    let p = plan(&config, &col, &s, T0, None);
    assert_eq!(p.days_to_exam, Some(10));
    assert_eq!(p.exam_date.as_deref(), Some("2026-12-03"));
    assert_eq!((p.reviews, p.learning, p.new), (0, 0, 8));
    assert_eq!(p.pacing.per_day, 8);
    assert_eq!(p.unseen, 30);
    assert_eq!(p.last_new_card.as_deref(), Some("2026-11-26"));
    // Two learning steps: two answers per new card, 8 seconds each before any history.
    assert_eq!(p.answers, 16);
    assert!(!p.from_history);
    assert_eq!(p.estimate_ms, 128_000);
    let p = plan(&config, &col, &s, T0, Some(5.5));
    assert_eq!(p.estimate_ms, 88_000);
    assert!(p.from_history);

    // The pace holds through the day: after learning today's cards it is still 8.
    let mut col = col;
    let mut lines = String::new();
    for i in 0..8 {
        let kind = EventKind::Review {
            rating: 3,
            ms: 4000,
        };
        crate::store::log::format_line(&mut lines, T0 + i * 1000, &format!("a/c{i}"), kind);
    }
    let log = parse_log(lines.as_bytes(), "r");
    col = Collection::replay(col.decks, &log, &s, T0 + 60_000);
    let p = plan(&config, &col, &s, T0 + 60_000, seconds_per_answer(&log));
    assert_eq!((p.pacing.per_day, p.new, p.unseen), (8, 0, 22));
    assert_eq!(p.last_new_card.as_deref(), Some("2026-11-26"));
    assert_eq!(p.seconds_per_answer, 4.0);
}

#[test]
fn without_an_exam_the_plan_has_no_countdown() {
    let s = scheduler();
    let col = Collection::replay(vec![deck(45)], &LoadedLog::default(), &s, T0);
    let p = plan(&Config::default(), &col, &s, T0, None);
    assert_eq!((p.days_to_exam, p.new), (None, 20));
    assert_eq!(p.last_new_card.as_deref(), Some("2026-11-25"));
}

#[test]
fn seconds_per_answer_caps_long_pauses_and_skips_other_events() {
    let mut lines = String::new();
    let f = crate::store::log::format_line;
    f(
        &mut lines,
        T0,
        "a/c0",
        EventKind::Review {
            rating: 3,
            ms: 2000,
        },
    );
    f(
        &mut lines,
        T0 + 1,
        "a/c1",
        EventKind::Review {
            rating: 3,
            ms: 600_000,
        },
    );
    f(&mut lines, T0 + 2, "a/c1", EventKind::Undo);
    f(
        &mut lines,
        T0 + 3,
        "a/c2",
        EventKind::Review { rating: 3, ms: 0 },
    );
    let log = parse_log(lines.as_bytes(), "r");
    assert_eq!(seconds_per_answer(&log), Some(31.0));
    assert_eq!(seconds_per_answer(&LoadedLog::default()), None);
}
