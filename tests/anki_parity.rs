//! Replays the 1,200 histories Anki 26.9.3 itself scheduled (`shared/anki-parity/`, 8
//! configurations, fuzz off; format in its README) and checks, before every answer and at
//! the query time, the kind and interval of all four options exactly (seconds or days), S and
//! D within 1e-4 relative, and the final state, reps and lapses.
//!
//! The fixtures are read from `../shared/anki-parity/` when it is beside the clone, else from
//! the copy in `tests/fixtures/anki-parity/` (a test checks the copy is not stale).

use std::path::{Path, PathBuf};

use recall::schedule::{CardState, Millis, Outcome, Phase, Rating, Scheduler};
use recall::store::Config;
use serde::Deserialize;

const FILES: [&str; 8] = [
    "base",
    "rsteps_empty",
    "lsteps_empty",
    "lsteps3",
    "dr80",
    "dr95",
    "maxivl100",
    "custom",
];

#[derive(Deserialize)]
struct File {
    name: String,
    config: FileConfig,
    histories: Vec<History>,
}

#[derive(Deserialize)]
struct FileConfig {
    recall_toml: String,
}

#[derive(Deserialize)]
struct History {
    reviews: Vec<(u8, Millis)>,
    query_ms: Millis,
    before_each_answer: Vec<Options>,
    #[serde(rename = "final")]
    last: Final,
    at_query: Options,
}

#[derive(Deserialize)]
struct Options {
    again: Option_,
    hard: Option_,
    good: Option_,
    easy: Option_,
}

#[derive(Deserialize)]
struct Option_ {
    kind: String,
    secs: Option<i64>,
    days: Option<u32>,
    s: f32,
    d: f32,
}

#[derive(Deserialize)]
struct Final {
    card_type: String,
    reps: u32,
    lapses: u32,
    s: f32,
    d: f32,
}

fn dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/anki-parity");
    if shared.join("base.json").exists() {
        shared
    } else {
        root.join("tests/fixtures/anki-parity")
    }
}

fn load(name: &str) -> File {
    let path = dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).expect("parity fixture is readable");
    serde_json::from_str(&text).expect("parity fixture parses")
}

fn kind(p: Phase) -> &'static str {
    match p {
        Phase::New => "new",
        Phase::Learning => "learning",
        Phase::Review => "review",
        Phase::Relearning => "relearning",
    }
}

/// Within 1e-4 relative, once recall's value is rounded to the 4 decimals the fixture keeps
/// (a stability of 0.0013 has no more digits to compare).
fn close(got: f32, want: f32) -> bool {
    let got = (f64::from(got) * 1e4).round() / 1e4;
    let want = f64::from(want);
    (got - want).abs() <= 1e-4 * want.abs() + 1e-9
}

/// Every difference between one of recall's options and Anki's.
fn compare(o: &Outcome, want: &Option_, now: Millis, what: &str, out: &mut Vec<String>) {
    let got_kind = kind(o.state.phase);
    if got_kind != want.kind {
        out.push(format!("{what}: kind {got_kind} != {}", want.kind));
        return;
    }
    match o.state.phase {
        Phase::Review => {
            if Some(o.state.interval_days) != want.days {
                out.push(format!(
                    "{what}: {} days != {:?}",
                    o.state.interval_days, want.days
                ));
            }
        }
        _ => {
            let secs = (o.state.due - now) / 1000;
            if Some(secs) != want.secs || (o.state.due - now) % 1000 != 0 {
                out.push(format!("{what}: {secs} s != {:?}", want.secs));
            }
        }
    }
    if !close(o.stability, want.s) {
        out.push(format!("{what}: S {} != {}", o.stability, want.s));
    }
    if !close(o.difficulty, want.d) {
        out.push(format!("{what}: D {} != {}", o.difficulty, want.d));
    }
}

fn compare_all(o: &[Outcome; 4], want: &Options, now: Millis, at: &str, out: &mut Vec<String>) {
    for (o, (w, name)) in o.iter().zip([
        (&want.again, "again"),
        (&want.hard, "hard"),
        (&want.good, "good"),
        (&want.easy, "easy"),
    ]) {
        compare(o, w, now, &format!("{at} {name}"), out);
    }
}

/// All mismatches of one configuration, one line each.
fn mismatches(name: &str) -> (usize, usize, Vec<String>) {
    let file = load(name);
    assert_eq!(file.name, name);
    let config = Config::parse(&file.config.recall_toml, "recall_toml").expect("config parses");
    let scheduler =
        Scheduler::new(recall::study::scheduler_config(&config, 0).expect("scheduler config"))
            .expect("scheduler accepts the config");
    let mut out = Vec::new();
    let mut answers = 0;
    for (h, history) in file.histories.iter().enumerate() {
        let mut problems = Vec::new();
        let mut card = CardState::NEW;
        assert_eq!(history.reviews.len(), history.before_each_answer.len());
        for (i, (&(rating, at), want)) in history
            .reviews
            .iter()
            .zip(&history.before_each_answer)
            .enumerate()
        {
            let options = scheduler.preview(&card, at, 7);
            compare_all(&options, want, at, &format!("answer {i}"), &mut problems);
            let rating = Rating::from_u8(rating).expect("rating 1-4");
            card = options[rating as usize - 1].state;
            answers += 1;
        }
        let last = &history.last;
        if kind(card.phase) != last.card_type
            || card.reps != last.reps
            || card.lapses != last.lapses
            || !close(card.stability, last.s)
            || !close(card.difficulty, last.d)
        {
            problems.push(format!(
                "final: {} reps {} lapses {} S {} D {} != {} reps {} lapses {} S {} D {}",
                kind(card.phase),
                card.reps,
                card.lapses,
                card.stability,
                card.difficulty,
                last.card_type,
                last.reps,
                last.lapses,
                last.s,
                last.d
            ));
        }
        let options = scheduler.preview(&card, history.query_ms, 7);
        compare_all(
            &options,
            &history.at_query,
            history.query_ms,
            "query",
            &mut problems,
        );
        out.extend(problems.into_iter().map(|p| format!("{name} #{h}: {p}")));
    }
    (file.histories.len(), answers, out)
}

#[test]
fn every_history_matches_anki_at_every_answer() {
    let mut all = Vec::new();
    let (mut histories, mut answers) = (0, 0);
    for name in FILES {
        let (h, a, problems) = mismatches(name);
        histories += h;
        answers += a;
        all.extend(problems);
    }
    assert_eq!((histories, answers), (1200, 11_205));
    assert!(
        all.is_empty(),
        "{} mismatches over {answers} answers:\n{}",
        all.len(),
        all.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_copies_in_fixtures_match_shared() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in FILES
        .iter()
        .map(|n| format!("{n}.json"))
        .chain(["README.md".into()])
    {
        if let Ok(original) = std::fs::read(root.join("../shared/anki-parity").join(&name)) {
            let copy = std::fs::read(root.join("tests/fixtures/anki-parity").join(&name))
                .expect("fixture copy");
            assert!(
                original == copy,
                "tests/fixtures/anki-parity/{name} is stale"
            );
        }
    }
}
