//! `recall cards`: every card's scheduling state, for scripts, tests and the curious.

use std::fmt::Write;
use std::process::ExitCode;

use recall::schedule::{Interval, Millis, Phase, Scheduler};
use recall::store::{format_timestamp, Paths};
use recall::study::{CardEntry, Collection, Scope};
use serde::Serialize;

use super::{open_start, CliResult, Clock};

#[derive(Serialize)]
struct CardRow<'a> {
    id: &'a str,
    deck: &'a str,
    kind: &'static str,
    phase: Phase,
    due: Option<String>,
    stability: Option<f32>,
    difficulty: Option<f32>,
    retrievability: Option<f32>,
    reps: u32,
    lapses: u32,
    suspended: bool,
    buried: bool,
    leech: bool,
    archived: bool,
    front: String,
    back: String,
    tags: &'a [String],
    /// The deck file (or `built-in decks/NAME.toml`) and the line of the card's `[[cards]]`.
    file: &'a str,
    line: usize,
    next: [NextRow; 4],
}

#[derive(Serialize)]
struct NextRow {
    rating: &'static str,
    interval: String,
    days: f64,
    due: String,
    phase: Phase,
}

pub fn run(deck: Option<&str>, search: Option<&str>, json: bool, clock: &Clock) -> CliResult {
    let query = search.map(super::browse::query).transpose()?;
    let paths = Paths::resolve()?;
    let now = clock.now();
    let opened = open_start(&paths, clock, false)?;
    super::print_warnings(&opened.warnings);
    let col = &opened.collection;
    let deck_index = match deck {
        None => None,
        Some(id) => Some(super::deck_index(&col.decks, id)?),
    };
    let today = opened.scheduler.day_of(now);
    let facts = query
        .as_ref()
        .map(|_| recall::browse::collect(col, &opened.scheduler, now));
    let selected = |i: usize| match (&query, &facts) {
        (Some(q), Some(f)) => q.matches(&f[i]),
        _ => true,
    };
    // Replay lays the cards out deck by deck: one deck's are one range.
    let cards = col.cards_in(deck_index.map_or(Scope::All, Scope::Deck));
    let scheduler = &opened.scheduler;
    let files: Vec<String> = col.decks.iter().map(|d| d.source.to_string()).collect();
    let make = |i: usize| {
        let i = cards.start + i;
        selected(i).then(|| row(col, &col.cards[i], &files, scheduler, now, today))
    };
    if json {
        // Made and written block by block (at 100,000 cards, all the rows made first and
        // then serialized as one string took ~300 MiB).
        super::output::write_json_rows(cards.len(), make)?;
    } else {
        let mut out = String::new();
        writeln!(
            out,
            "{:<48} {:<10} {:<20} {:>8} {:>6}",
            "CARD", "PHASE", "DUE", "STAB", "R"
        )?;
        for r in (0..cards.len()).filter_map(make) {
            writeln!(
                out,
                "{:<48} {:<10} {:<20} {:>8} {:>6}",
                r.id,
                // Cards held out of study say so instead of their phase.
                match (r.archived, r.suspended, r.buried, r.leech) {
                    (true, _, _, _) => "archived".to_string(),
                    (_, true, _, _) => "suspended".to_string(),
                    (_, _, true, _) => "buried".to_string(),
                    (_, _, _, true) => "leech".to_string(),
                    _ => format!("{:?}", r.phase).to_lowercase(),
                },
                r.due.as_deref().unwrap_or("-"),
                r.stability.map_or("-".into(), |s| format!("{s:.2}")),
                r.retrievability
                    .map_or("-".into(), |s| format!("{:.0}%", s * 100.0)),
            )?;
        }
        super::output::out(&out);
    }
    recall::trace::mark("cards written");
    super::leave_at_exit(facts);
    super::leave_at_exit(opened);
    Ok(ExitCode::SUCCESS)
}

fn row<'a>(
    col: &'a Collection,
    e: &'a CardEntry,
    files: &'a [String],
    scheduler: &Scheduler,
    now: Millis,
    today: i32,
) -> CardRow<'a> {
    let deck = &col.decks[e.deck];
    let card = &deck.cards[e.card];
    let seen = e.state.phase != Phase::New;
    let names = ["again", "hard", "good", "easy"];
    let outcomes = scheduler.preview(&e.state, now, e.seed);
    let next = std::array::from_fn(|i| {
        let o = &outcomes[i];
        NextRow {
            rating: names[i],
            interval: o.interval.to_string(),
            days: match o.interval {
                Interval::Minutes(m) => f64::from(m) / 1440.0,
                Interval::Days(d) => f64::from(d),
            },
            due: format_timestamp(o.state.due),
            phase: o.state.phase,
        }
    });
    CardRow {
        id: &e.global_id,
        deck: &deck.id,
        kind: card.content.kind(),
        phase: e.state.phase,
        due: seen.then(|| format_timestamp(e.state.due)),
        stability: seen.then_some(e.state.stability),
        difficulty: seen.then_some(e.state.difficulty),
        retrievability: seen.then(|| scheduler.retrievability(&e.state, now)),
        reps: e.state.reps,
        lapses: e.state.lapses,
        suspended: e.suspended,
        buried: e.buried_day == Some(today),
        leech: e.leech,
        archived: e.archived,
        front: card.content.prompt(),
        back: card.content.answer_text(),
        tags: &card.tags,
        file: &files[e.deck],
        line: card.line,
        next,
    }
}
