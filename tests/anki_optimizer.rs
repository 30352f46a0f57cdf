//! `recall optimize` against Anki's own Optimize on the same answers: the fixture
//! (`tests/fixtures/anki-optimizer/`, made by `make.py` with PyPI `anki` 26.9) holds a
//! simulated history of 700 cards and the parameters, log loss and RMSE(bins) Anki computed
//! from it. recall must fit the same parameters (within 1e-3 each) and score them as Anki's
//! evaluator does (log loss within 1e-4), also with quiz misses and undone answers in its log
//! that Anki never saw.

use std::path::Path;

use recall::schedule::{Millis, Scheduler, SchedulerConfig};
use recall::stats::optimize;
use recall::store::log::{format_line, parse_log};
use recall::store::EventKind;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    cards: Vec<Card>,
    anki: Anki,
}

#[derive(Deserialize)]
struct Card {
    id: String,
    reviews: Vec<(u8, Millis)>,
}

#[derive(Deserialize)]
struct Anki {
    fsrs_items: usize,
    params: Vec<f32>,
    log_loss: f32,
    rmse_bins: f32,
    default_log_loss: f32,
    default_rmse_bins: f32,
}

fn fixture() -> Fixture {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/anki-optimizer/anki-optimizer.json");
    let text = std::fs::read_to_string(path).expect("optimizer fixture is readable");
    serde_json::from_str(&text).expect("optimizer fixture parses")
}

/// The fixture's answers as recall's log, with a quiz miss after every 5th card's first
/// answer and an undone extra answer on every 7th card: neither is an FSRS review.
fn log_of(f: &Fixture) -> recall::store::LoadedLog {
    let mut events: Vec<(Millis, &str, EventKind)> = Vec::new();
    for (n, card) in f.cards.iter().enumerate() {
        for &(rating, at) in &card.reviews {
            events.push((at, &card.id, EventKind::Review { rating, ms: 8000 }));
        }
        let first = card.reviews[0].1;
        if n % 5 == 0 {
            events.push((first + 1, &card.id, EventKind::QuizMiss));
        }
        if n % 7 == 0 {
            let late = card.reviews.last().map_or(first, |r| r.1) + 3 * 86_400_000;
            events.push((late, &card.id, EventKind::Review { rating: 1, ms: 1 }));
            events.push((late + 1, &card.id, EventKind::Undo));
        }
    }
    events.sort_by_key(|&(at, ..)| at);
    let mut text = String::new();
    for (at, card, kind) in events {
        format_line(&mut text, at, card, kind);
    }
    parse_log(text.as_bytes(), "reviews.jsonl")
}

#[test]
fn optimize_fits_what_anki_fits_and_scores_it_as_anki_does() {
    let f = fixture();
    let log = log_of(&f);
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("defaults");
    let set = optimize::training_set(&log, &scheduler);
    assert_eq!(set.items.len(), f.anki.fsrs_items, "training items");
    let fit = optimize::optimize(&log, &scheduler, &[]).expect("fit");
    let far: Vec<String> = fit
        .params
        .iter()
        .zip(&f.anki.params)
        .enumerate()
        .filter(|(_, (got, want))| (*got - *want).abs() > 1e-3)
        .map(|(i, (got, want))| format!("w{i}: {got} != {want}"))
        .collect();
    assert_eq!(fit.params.len(), 21);
    assert!(
        far.is_empty(),
        "parameters differ from Anki's: {}",
        far.join(", ")
    );
    for (what, got, want) in [
        ("fitted log loss", fit.fitted.log_loss, f.anki.log_loss),
        (
            "default log loss",
            fit.default.log_loss,
            f.anki.default_log_loss,
        ),
    ] {
        assert!((got - want).abs() <= 1e-4, "{what}: {got} != Anki's {want}");
    }
    for (what, got, want) in [
        ("fitted RMSE", fit.fitted.rmse_bins, f.anki.rmse_bins),
        (
            "default RMSE",
            fit.default.rmse_bins,
            f.anki.default_rmse_bins,
        ),
    ] {
        assert!((got - want).abs() <= 1e-4, "{what}: {got} != Anki's {want}");
    }
    assert!(fit.better, "the fit beats the defaults, as in Anki");
}
