//! `recall optimize` on logs drawn from known FSRS-6 parameters: the fit must beat the
//! defaults, and the binary saves only better parameters, keeping the rest of the config.

#[path = "support/cli.rs"]
mod cli;

#[path = "../benches/support/mod.rs"]
mod support;

use cli::recall;
use predicates::prelude::*;
use recall::schedule::{Scheduler, SchedulerConfig};
use recall::stats::optimize;
use recall::store::log::parse_log;

#[test]
fn a_log_from_known_parameters_fits_better_than_the_defaults() {
    let decks = support::decks(1, 3000);
    let text = support::simulated_log(&decks, &support::LEARNER_PARAMS, 20_000, 11);
    let log = parse_log(text.as_bytes(), "reviews.jsonl");
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("defaults");
    let fit = optimize::optimize(&log, &scheduler, &[]).expect("enough reviews");
    assert_eq!(fit.reviews, 20_000);
    assert!(fit.items > 10_000, "{}", fit.items);
    // Scored as Anki's evaluator scores (items in review order): log loss 0.3312 -> 0.3264,
    // RMSE(bins) 4.1% -> 2.2% on this log.
    assert!(
        fit.fitted.log_loss < fit.default.log_loss - 0.004
            && fit.fitted.rmse_bins < fit.default.rmse_bins - 0.01,
        "fitted {:?} vs default {:?}",
        fit.fitted,
        fit.default
    );
    assert!(fit.better && fit.current.is_none());
    assert_eq!(fit.params.len(), 21);
    // The learner remembers better than the defaults assume: the fit sees it.
    assert!(fit.params[2] > 2.3065, "{:?}", fit.params);
}

const CONFIG: &str = "# my settings\nnew_per_day = 7 # fewer, please\n";

#[test]
fn too_few_reviews_says_how_many_more() {
    let home = tempfile::tempdir().expect("temp dir");
    let decks = support::decks(1, 100);
    let text = support::simulated_log(&decks, &support::LEARNER_PARAMS, 150, 3);
    std::fs::write(home.path().join("reviews.jsonl"), text).expect("log");
    recall(home.path())
        .arg("optimize")
        .assert()
        .success()
        .stdout(predicate::str::contains("Not enough reviews"))
        .stdout(
            predicate::str::is_match(r"\d+ of the 400 usable reviews needed .*, so \d+ more")
                .expect("regex"),
        );
    assert!(!home.path().join("config.toml").exists());
}

#[test]
fn optimize_saves_better_parameters_and_keeps_the_rest_of_the_config() {
    let home = tempfile::tempdir().expect("temp dir");
    let decks = support::decks(1, 1000);
    let text = support::simulated_log(&decks, &support::LEARNER_PARAMS, 8000, 5);
    std::fs::write(home.path().join("reviews.jsonl"), text).expect("log");
    let config = home.path().join("config.toml");
    std::fs::write(&config, CONFIG).expect("config");

    recall(home.path())
        .args(["optimize", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("default"))
        .stdout(predicate::str::contains("fitted"))
        .stdout(predicate::str::contains("--dry-run: nothing saved"));
    assert_eq!(std::fs::read_to_string(&config).expect("config"), CONFIG);

    // Another recall holds the writer lock: saving must wait for it.
    {
        let _held =
            recall::store::WriterLock::acquire(&home.path().join("recall.lock")).expect("lock");
        recall(home.path())
            .arg("optimize")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("close it first"));
    }

    recall(home.path())
        .arg("optimize")
        .assert()
        .success()
        .stdout(predicate::str::contains("saved to"));
    let saved = std::fs::read_to_string(&config).expect("config");
    assert!(saved.starts_with(CONFIG), "{saved}");
    let parsed = recall::store::Config::parse(&saved, "config.toml").expect("valid config");
    assert_eq!(parsed.new_per_day, 7);
    assert_eq!(parsed.fsrs_params.len(), 21);

    // The saved parameters are now the ones in use; fitting again does not beat them.
    recall(home.path())
        .arg("optimize")
        .assert()
        .success()
        .stdout(predicate::str::contains("current (config)"))
        .stdout(predicate::str::contains("nothing saved"));
    assert_eq!(std::fs::read_to_string(&config).expect("config"), saved);
}
