//! Each figure on small hand-made logs whose answers are worked out by hand.

use super::*;
use crate::deck::{parse_deck, DeckSource};
use crate::schedule::{Phase, SchedulerConfig};
use crate::store::log::{format_line, parse_log};
use crate::store::EventKind;

/// 2026-11-23 10:00 UTC, a Monday.
const NOW: Millis = 1_795_428_000_000;
const HOUR: Millis = 3_600_000;
const DAY: Millis = 24 * HOUR;

fn deck(id: &str, cards: &[&str]) -> crate::deck::Deck {
    let mut src = format!("[deck]\nid = \"{id}\"\ntitle = \"Deck {id}\"\n");
    for c in cards {
        src.push_str(&format!(
            "[[cards]]\nid = \"{c}\"\nfront = \"f\"\nback = \"b\"\n"
        ));
    }
    parse_deck(&src, id, DeckSource::Builtin("test")).expect("deck")
}

fn scheduler(utc_offset_secs: i32, exam: Option<time::Date>) -> Scheduler {
    Scheduler::new(SchedulerConfig {
        fuzz: false,
        utc_offset_secs,
        exam_date: exam,
        ..SchedulerConfig::default()
    })
    .expect("config")
}

/// A log from (time, card, event) triples; `Some(r)` is a review rated r with 10 s spent.
fn log(events: &[(Millis, &str, Option<u8>)]) -> LoadedLog {
    let mut text = String::new();
    for &(at, card, rating) in events {
        let kind = match rating {
            Some(rating) => EventKind::Review { rating, ms: 10_000 },
            None => EventKind::Undo,
        };
        format_line(&mut text, at, card, kind);
    }
    parse_log(text.as_bytes(), "reviews.jsonl")
}

fn stats_of(decks: Vec<crate::deck::Deck>, log: &LoadedLog, s: &Scheduler, scope: Scope) -> Stats {
    let col = Collection::replay(decks, log, s, NOW);
    compute(&col, log, s, scope, NOW)
}

/// The retention log: every answer's phase before it is known from the learning steps.
fn retention_log() -> LoadedLog {
    log(&[
        (NOW - 40 * DAY, "e/x", Some(4)),           // new -> review
        (NOW - 20 * DAY, "d/b", Some(3)),           // new -> learning
        (NOW - 20 * DAY + 600_000, "d/b", Some(3)), // learning -> review
        (NOW - 15 * DAY, "d/b", Some(2)),           // review: passed (30-day window only)
        (NOW - 10 * DAY, "d/a", Some(4)),           // new -> review
        (NOW - 3 * DAY, "d/a", Some(1)),            // review: failed
        (NOW - 3 * DAY + 600_000, "d/a", Some(3)),  // relearning -> review
        (NOW - 2 * DAY, "e/x", Some(3)),            // review: passed
        (NOW - DAY, "d/a", Some(3)),                // review: passed
        (NOW - DAY + 1000, "d/a", Some(1)),         // taken back by the undo below
        (NOW - DAY + 2000, "d/a", None),
    ])
}

#[test]
fn true_retention_counts_only_review_phase_answers() {
    let s = scheduler(0, None);
    let decks = || vec![deck("d", &["a", "b"]), deck("e", &["x"])];
    let all = stats_of(decks(), &retention_log(), &s, Scope::All);
    assert_eq!(
        (
            all.retention.last_7_days.reviews,
            all.retention.last_7_days.passed
        ),
        (3, 2)
    );
    assert_eq!(all.retention.last_7_days.rate, Some(2.0 / 3.0));
    assert_eq!(
        (
            all.retention.last_30_days.reviews,
            all.retention.last_30_days.passed
        ),
        (4, 3)
    );
    let d = stats_of(decks(), &retention_log(), &s, Scope::Deck(0));
    assert_eq!(
        (
            d.retention.last_7_days.reviews,
            d.retention.last_7_days.passed
        ),
        (2, 1)
    );
    assert_eq!(
        (
            d.retention.last_30_days.reviews,
            d.retention.last_30_days.passed
        ),
        (3, 2)
    );
    assert_eq!(d.deck.as_deref(), Some("d"));
    assert_eq!(d.desired_retention, 0.9);
    let empty = stats_of(decks(), &LoadedLog::default(), &s, Scope::All);
    assert_eq!(empty.retention.last_30_days.rate, None);
}

#[test]
fn streaks_and_study_time() {
    let s = scheduler(0, None);
    let decks = || vec![deck("d", &["a", "b"]), deck("e", &["x"])];
    let st = stats_of(decks(), &retention_log(), &s, Scope::All);
    // Study days: -40, -20, -15, -10, -3, -2, -1; none yet today.
    assert_eq!(
        st.streak,
        Streak {
            current: 3,
            longest: 3
        }
    );
    assert_eq!(st.time.today_ms, 0);
    // 8 live answers within the last 30 days (the undone one does not count) at 10 s each.
    assert_eq!(st.time.average_ms_per_day, 8 * 10_000 / 30);
    let mut l = retention_log();
    let more = log(&[(NOW - HOUR, "d/b", Some(3))]);
    l.events.push(LogEvent {
        card: l.card_index("d/b").expect("known"),
        ..more.events[0]
    });
    let st = stats_of(decks(), &l, &s, Scope::All);
    assert_eq!(
        st.streak,
        Streak {
            current: 4,
            longest: 4
        }
    );
    assert_eq!(st.time.today_ms, 10_000);
    // A first answer 2 days ago: the average is over the 3 days since, not 30.
    let short = log(&[(NOW - 2 * DAY, "d/a", Some(3)), (NOW, "d/a", Some(3))]);
    let st = stats_of(decks(), &short, &s, Scope::All);
    assert_eq!(st.time.average_ms_per_day, 20_000 / 3);
    assert_eq!(
        st.streak,
        Streak {
            current: 1,
            longest: 1
        }
    );
}

use crate::store::LogEvent;

#[test]
fn heatmap_counts_by_study_day_with_the_0400_rollover() {
    let s = scheduler(0, None);
    // 03:59 UTC belongs to the day before; 04:00 starts a new one.
    let today_4am = NOW - 6 * HOUR;
    let l = log(&[
        (today_4am - 60_000, "d/a", Some(3)),
        (today_4am, "d/a", Some(3)),
        (today_4am + HOUR, "d/b", Some(3)),
        (NOW - 200 * DAY, "d/b", Some(3)), // before the heatmap's first week
    ]);
    let st = stats_of(vec![deck("d", &["a", "b"])], &l, &s, Scope::All);
    assert_eq!(st.today, "2026-11-23");
    assert_eq!(st.heatmap.first_day, "2026-06-01", "a Monday 25 weeks back");
    assert_eq!(st.heatmap.reviews.len(), 25 * 7 + 1);
    let n = st.heatmap.reviews.len();
    assert_eq!(st.heatmap.reviews[n - 1], 2);
    assert_eq!(st.heatmap.reviews[n - 2], 1);
    assert_eq!(st.heatmap.reviews.iter().sum::<u32>(), 3);
}

#[test]
fn a_time_zone_change_rebuckets_days_by_the_current_offset() {
    // 2026-11-22 20:30 UTC: 20:30 on the 22nd in London, 05:30 on the 23rd in Tokyo.
    let at = NOW - 13 * HOUR - 30 * 60_000;
    let l = log(&[(at, "d/a", Some(3)), (NOW - HOUR, "d/a", Some(3))]);
    let london = scheduler(0, None);
    let tokyo = scheduler(9 * 3600, None);
    let st = stats_of(vec![deck("d", &["a"])], &l, &london, Scope::All);
    let n = st.heatmap.reviews.len();
    assert_eq!(&st.heatmap.reviews[n - 2..], [1, 1]);
    assert_eq!(st.streak.current, 2);
    // In Tokyo it is 19:00 on the 23rd: both answers fall on today.
    let st = stats_of(vec![deck("d", &["a"])], &l, &tokyo, Scope::All);
    assert_eq!(st.today, "2026-11-23");
    let n = st.heatmap.reviews.len();
    assert_eq!(&st.heatmap.reviews[n - 2..], [0, 2]);
    assert_eq!(st.streak.current, 1);
    assert_eq!(st.time.today_ms, 20_000);
}

#[test]
fn forecast_and_phase_counts() {
    let s = scheduler(0, None);
    let l = log(&[
        (NOW - 3 * DAY, "d/c", Some(4)), // Easy: S 8.2956 -> 8 days -> due in 5
        (NOW - HOUR, "d/l", Some(1)),    // learning, due in a minute: today
        (NOW - 2 * HOUR, "d/s", Some(4)),
    ]);
    let mut text = String::new();
    format_line(&mut text, NOW - HOUR, "d/s", EventKind::Suspend);
    let mut l2 = l.clone();
    let extra = parse_log(text.as_bytes(), "r");
    l2.events.push(LogEvent {
        card: l2.card_index("d/s").expect("known"),
        ..extra.events[0]
    });
    let st = stats_of(vec![deck("d", &["c", "l", "n", "s"])], &l2, &s, Scope::All);
    assert_eq!(st.forecast.len(), FORECAST_DAYS);
    assert_eq!(st.forecast[0], 1);
    assert_eq!(st.forecast[5], 1);
    assert_eq!(
        st.forecast.iter().sum::<u32>(),
        2,
        "suspended and new cards are not due"
    );
    let d = &st.decks[0];
    assert_eq!(
        (
            d.cards,
            d.new,
            d.learning,
            d.review,
            d.relearning,
            d.suspended
        ),
        (4, 1, 1, 2, 0, 1)
    );
}

/// R(t, S) of FSRS-6 with the default decay.
fn fsrs_r(t_days: f64, s: f64) -> f64 {
    let decay = -0.1542f64;
    let factor = 0.9f64.powf(1.0 / decay) - 1.0;
    (1.0 + factor * t_days / s).powf(decay)
}

#[test]
fn readiness_today_without_an_exam_date() {
    let s = scheduler(0, None);
    let l = log(&[(NOW - 3 * DAY, "r1/c", Some(4))]);
    let st = stats_of(
        vec![deck("r1", &["c"]), deck("r2", &["n"])],
        &l,
        &s,
        Scope::All,
    );
    let r = &st.readiness;
    assert_eq!(
        (r.exam_date.as_deref(), r.target_day.as_str(), r.days_left),
        (None, "2026-11-23", 0)
    );
    let expected = fsrs_r(3.0, 8.2956);
    assert!(
        (st.decks[0].recall - expected).abs() < 1e-4,
        "{}",
        st.decks[0].recall
    );
    assert_eq!(st.decks[1].recall, 0.0, "unseen cards count as forgotten");
    assert!((r.recall - expected / 2.0).abs() < 1e-4);
    // Today: c is not due (in 5 days); n must be learnt: Good (10m step), Good (graduates).
    assert_eq!(
        (st.decks[0].reviews_needed, st.decks[1].reviews_needed),
        (0, 2)
    );
    assert_eq!((r.reviews_needed, r.reviews_per_day), (2, 2.0));
    assert_eq!(r.brought_forward_by_exam, 0);
    assert_eq!(r.advice(0.9), None, "no exam date: no advice");
}

#[test]
fn readiness_advice_reads_as_answers_a_day_towards_the_exam() {
    let r = Readiness {
        exam_date: Some("2026-12-03".into()),
        target_day: "2026-12-03".into(),
        days_left: 10,
        recall: 0.4,
        reviews_needed: 505,
        reviews_per_day: 50.5,
        brought_forward_by_exam: 0,
    };
    assert_eq!(
        r.advice(0.9).as_deref(),
        Some("to reach 90% recall on exam day: about 51 answers a day (505 in all by 2026-12-03)")
    );
    let passed = Readiness { days_left: 0, ..r };
    assert_eq!(passed.advice(0.9), None);
}

#[test]
fn readiness_on_the_exam_day() {
    let exam = time::Date::from_calendar_date(2026, time::Month::December, 3).expect("date");
    let s = scheduler(0, Some(exam));
    let l = log(&[
        (NOW - 3 * DAY, "r1/c", Some(4)),
        // Good 4 days ago on a stable card: FSRS would wait weeks; the cap (14 days from
        // then) brings it back on the exam day instead.
        (NOW - 12 * DAY, "r3/e", Some(4)),
        (NOW - 4 * DAY, "r3/e", Some(3)),
    ]);
    let decks = vec![deck("r1", &["c"]), deck("r2", &["n"]), deck("r3", &["e"])];
    let st = stats_of(decks, &l, &s, Scope::All);
    let r = &st.readiness;
    assert_eq!(r.exam_date.as_deref(), Some("2026-12-03"));
    assert_eq!((r.target_day.as_str(), r.days_left), ("2026-12-03", 10));
    // Predicted at 04:00 on the exam day: 12.75 days after c's answer.
    let expected = fsrs_r(12.75, 8.2956);
    assert!(
        (st.decks[0].recall - expected).abs() < 1e-4,
        "{}",
        st.decks[0].recall
    );
    // c is due in 5 days, and that review is capped to come back on the exam day.
    assert_eq!(st.decks[0].reviews_needed, 1);
    assert!(st.decks[1].reviews_needed >= 3, "{:?}", st.decks[1]);
    assert_eq!(st.decks[2].reviews_needed, 0, "due on the exam day itself");
    assert_eq!(r.brought_forward_by_exam, 1);
    let total: u32 = st.decks.iter().map(|d| d.reviews_needed).sum();
    assert_eq!(r.reviews_needed, total);
    assert!((r.reviews_per_day - f64::from(total) / 10.0).abs() < 1e-9);
    // One deck only: only its row and its figures.
    let col = Collection::replay(
        vec![deck("r1", &["c"]), deck("r2", &["n"]), deck("r3", &["e"])],
        &l,
        &s,
        NOW,
    );
    let one = compute(&col, &l, &s, Scope::Deck(0), NOW);
    assert_eq!(one.decks.len(), 1);
    assert_eq!(one.readiness.reviews_needed, 1);
    assert!((one.readiness.recall - expected).abs() < 1e-4);
}

#[test]
fn past_exam_dates_fall_back_to_today() {
    let exam = time::Date::from_calendar_date(2026, time::Month::November, 1).expect("date");
    let st = stats_of(
        vec![deck("d", &["a"])],
        &LoadedLog::default(),
        &scheduler(0, Some(exam)),
        Scope::All,
    );
    assert_eq!(st.readiness.exam_date.as_deref(), Some("2026-11-01"));
    assert_eq!(
        (st.readiness.target_day.as_str(), st.readiness.days_left),
        ("2026-11-23", 0)
    );
}

#[test]
fn phase_after_follows_rate_for_any_answers_and_steps() {
    use crate::schedule::{CardState, Rating};
    let configs = [
        (vec![1.0, 10.0], vec![10.0]),
        (vec![1.0], vec![]),
        (vec![1.0, 10.0, 60.0], vec![5.0, 30.0]),
    ];
    let mut x = 12345u64;
    for (learning, relearning) in configs {
        let s = Scheduler::new(SchedulerConfig {
            learning_steps_mins: learning,
            relearning_steps_mins: relearning,
            ..SchedulerConfig::default()
        })
        .expect("config");
        for card in 0..200u64 {
            let mut state = CardState::NEW;
            let mut at = NOW;
            for _ in 0..30 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let rating = Rating::ALL[(x >> 62) as usize];
                let needs_memory = s.phase_needs_memory(state.phase, rating);
                let expected = s.phase_after(state.phase, state.step, rating);
                state = s.rate(&state, rating, at, card);
                if needs_memory {
                    // Anki: a lapse with no relearning steps stays in relearning when its
                    // FSRS interval is under half a day; only the memory knows.
                    let stays = state.phase == Phase::Relearning;
                    assert!(stays || (state.phase, state.step) == expected, "{rating:?}");
                } else {
                    assert_eq!((state.phase, state.step), expected, "{rating:?}");
                }
                at += (x >> 40) as i64 % (3 * DAY);
            }
        }
    }
}

#[test]
fn training_items_are_later_day_answers_with_their_history() {
    let s = scheduler(0, None);
    let l = log(&[
        (NOW - 10 * DAY, "d/a", Some(3)),
        (NOW - 10 * DAY + 600_000, "d/a", Some(3)), // same day: history only
        (NOW - 7 * DAY, "d/a", Some(1)),
        (NOW - 7 * DAY + 1000, "d/a", None), // undoes the Again
        (NOW - 6 * DAY, "d/a", Some(4)),
        (NOW - 5 * DAY, "d/b", Some(3)), // a first answer: no item
    ]);
    let set = optimize::training_set(&l, &s);
    assert_eq!(set.reviews, 4);
    let review = |rating, delta_t| fsrs::FSRSReview { rating, delta_t };
    assert_eq!(set.items.len(), 1);
    assert_eq!(
        set.items[0].reviews,
        [review(3, 0), review(3, 0), review(4, 4)]
    );
    assert_eq!(set.card_ids, [0]);
    let e = optimize::optimize(&l, &s, &[]).expect_err("too few");
    assert_eq!(
        e.to_string(),
        "1 of the 400 usable reviews needed (answers given on a later day than the card's \
         previous one), so 399 more"
    );
}

#[test]
fn saved_parameters_keep_the_rest_of_the_config() {
    let src = "# mine\nnew_per_day = 5 # low\nfsrs_params = [1.0]\n";
    let params: Vec<f32> = fsrs::DEFAULT_PARAMETERS.to_vec();
    let text = optimize::config_with_params(src, "config.toml", &params).expect("valid");
    assert!(
        text.starts_with("# mine\nnew_per_day = 5 # low\n"),
        "{text}"
    );
    assert!(text.contains("0.212, 1.2931"), "{text}");
    let c = crate::store::Config::parse(&text, "config.toml").expect("parses");
    assert_eq!(c.fsrs_params, params);
    assert_eq!(c.new_per_day, 5);
    // A config that does not parse is never rewritten.
    assert!(optimize::config_with_params("new_per_day = ", "config.toml", &params).is_err());
    assert!(optimize::config_with_params("bogus = 1\n", "config.toml", &params).is_err());
}

#[test]
fn shades_and_heatmap_rows() {
    assert_eq!(
        [0, 1, 25, 26, 50, 51, 75, 76, 100].map(|n| shade(n, 100)),
        [0, 1, 1, 2, 2, 3, 3, 4, 4]
    );
    assert_eq!(shade(3, 0), 0);
    let rows = heatmap_rows(&[0, 1, 2, 3, 4, 5, 6, 8]);
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0], "·█");
    assert_eq!(rows[6], "▓");
}

#[test]
fn a_missed_quiz_question_moves_the_phase_but_is_not_an_answer() {
    let s = scheduler(0, None);
    let mut text = String::new();
    let review = |rating| EventKind::Review { rating, ms: 10_000 };
    format_line(&mut text, NOW - 10 * DAY, "d/a", review(4)); // new -> review
    format_line(&mut text, NOW - 5 * DAY, "d/a", EventKind::QuizMiss); // -> relearning
    format_line(&mut text, NOW - 4 * DAY, "d/a", review(3)); // relearning: not counted
    format_line(&mut text, NOW - DAY, "d/a", review(3)); // review: a pass
    let l = parse_log(text.as_bytes(), "reviews.jsonl");
    let st = stats_of(vec![deck("d", &["a"])], &l, &s, Scope::All);
    let r = st.retention.last_7_days;
    assert_eq!((r.reviews, r.passed), (1, 1));
    assert_eq!(
        st.heatmap.reviews.iter().sum::<u32>(),
        3,
        "the miss is no answer"
    );
    assert_eq!(st.time.average_ms_per_day, 30_000 / 11);
    // For fitting, the miss is no FSRS review either (Anki never sees it): left out.
    let set = optimize::training_set(&l, &s);
    assert_eq!(set.reviews, 3);
    let last = set.items.last().expect("items");
    let ratings: Vec<u32> = last.reviews.iter().map(|r| r.rating).collect();
    assert_eq!(ratings, [4, 3, 3]);
}
