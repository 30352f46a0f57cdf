//! Replays what Anki 26.9 itself scheduled (`shared/anki-fsrs-vectors.json`, 25 histories,
//! fuzz off) and checks recall reproduces its memory state, card kind and every interval.

use std::path::Path;

use recall::schedule::{CardState, Millis, Phase, Rating, Scheduler, SchedulerConfig};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    reviews: Vec<Review>,
    stability: f32,
    difficulty: f32,
    card_kind: String,
    next_days_elapsed: f64,
    next_intervals_days: [f64; 4],
    next_kinds: [String; 4],
}

#[derive(Deserialize)]
struct Review {
    rating: u8,
    #[serde(default)]
    days_since_previous: f64,
}

const DAY: Millis = 86_400_000;
/// 2026-01-01 12:00 UTC: mid-day, so minute steps never cross the 04:00 rollover.
const T0: Millis = 1_767_268_800_000;

/// Days as Anki's vectors write them: fractions of a day are minutes within the same day.
fn after(t: Millis, days: f64) -> Millis {
    if days < 1.0 {
        t + (days * 1440.0).round() as Millis * 60_000
    } else {
        t + (days.round() as Millis) * DAY
    }
}

fn kind(p: Phase) -> &'static str {
    match p {
        Phase::New => "new",
        Phase::Learning => "learning",
        Phase::Review => "review",
        Phase::Relearning => "relearning",
    }
}

fn vectors() -> File {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/anki-fsrs-vectors.json");
    let path = if shared.exists() {
        shared
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki-fsrs-vectors.json")
    };
    let text = std::fs::read_to_string(&path).expect("vectors file is readable");
    serde_json::from_str(&text).expect("vectors parse")
}

#[test]
fn the_copy_in_fixtures_matches_shared() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/anki-fsrs-vectors.json");
    if let Ok(original) = std::fs::read_to_string(shared) {
        let copy = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki-fsrs-vectors.json"),
        )
        .expect("fixture copy");
        assert_eq!(original, copy, "tests/fixtures copy is stale");
    }
}

#[test]
fn reproduces_anki_for_every_history() {
    let scheduler = Scheduler::new(SchedulerConfig {
        fuzz: false,
        ..SchedulerConfig::default()
    })
    .expect("defaults are valid");
    let file = vectors();
    assert_eq!(file.vectors.len(), 25);
    let mut failures = Vec::new();
    for (n, v) in file.vectors.iter().enumerate() {
        let mut card = CardState::NEW;
        let mut t = T0;
        for r in &v.reviews {
            t = after(t, r.days_since_previous);
            let rating = Rating::from_u8(r.rating).expect("rating 1-4");
            card = scheduler.rate(&card, rating, t, 0);
        }
        let mut problems = Vec::new();
        if (card.stability - v.stability).abs() > 0.01 {
            problems.push(format!("S {} != {}", card.stability, v.stability));
        }
        if (card.difficulty - v.difficulty).abs() > 0.01 {
            problems.push(format!("D {} != {}", card.difficulty, v.difficulty));
        }
        if kind(card.phase) != v.card_kind {
            problems.push(format!("kind {} != {}", kind(card.phase), v.card_kind));
        }
        let now = after(t, v.next_days_elapsed);
        let outcomes = scheduler.preview(&card, now, 0);
        for (i, o) in outcomes.iter().enumerate() {
            let expected = v.next_intervals_days[i];
            let got = if o.state.phase == Phase::Review {
                f64::from(o.state.interval_days)
            } else {
                (o.state.due - now) as f64 / DAY as f64
            };
            if (got - expected).abs() > 1e-3 {
                problems.push(format!("rating {}: interval {got} != {expected}", i + 1));
            }
            if kind(o.state.phase) != v.next_kinds[i] {
                problems.push(format!(
                    "rating {}: kind {} != {}",
                    i + 1,
                    kind(o.state.phase),
                    v.next_kinds[i]
                ));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("vector {n}: {}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
