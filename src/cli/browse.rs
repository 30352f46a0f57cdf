//! The browser's commands: `recall suspend|unsuspend|bury|unbury|forget ID...`,
//! `recall reschedule ID... --due N`, `recall history ID`, and `recall study --search`.
//! The same core functions as the TUI browser (`recall::browse`).

use std::fmt::Write as _;
use std::process::ExitCode;

use recall::browse::history::{history, HistoryRow};
use recall::browse::ops::{self, DueSpec, Op};
use recall::browse::{collect, parse, Query};
use recall::schedule::Phase;
use recall::store::{device, format_timestamp, EventKind, Paths, ReviewLog};
use serde::Serialize;

use super::{open_read_only, CliError, CliResult, Clock};

/// Reads a search, or a usage error (exit 2) naming the column.
pub fn query(text: &str) -> Result<Query, CliError> {
    parse(text).map_err(|e| {
        CliError::input(anyhow::anyhow!(
            "search {:?}, column {}: {}; docs/search.md has the search language",
            around(text, e.column),
            e.column,
            e.message
        ))
    })
}

/// A long search quoted only around `column` (a few dozen characters each side, `…` where
/// cut), so an error about a huge query stays one readable line.
fn around(text: &str, column: usize) -> String {
    const SIDE: usize = 30;
    let n = text.chars().count();
    if n <= 2 * SIDE {
        return text.to_string();
    }
    let from = column.saturating_sub(SIDE + 1);
    let to = (column + SIDE).min(n);
    let mut out: String = text.chars().skip(from).take(to - from).collect();
    if from > 0 {
        out.insert(0, '…');
    }
    if to < n {
        out.push('…');
    }
    out
}

/// Refuses ids no loaded deck has, before anything is written (exit 2). Only the decks are
/// read: a card id is `deck/card`.
fn check_ids(paths: &Paths, ids: &[String]) -> Result<(), CliError> {
    let (decks, _) = recall::library::load_decks(&paths.decks_dir)?;
    let known: std::collections::HashSet<String> = decks
        .iter()
        .flat_map(|d| d.cards.iter().map(move |c| d.global_id(c)))
        .collect();
    let unknown: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| !known.contains(*id))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(CliError::input(anyhow::anyhow!(
        "no card {}; card ids are `deck/card` as `recall cards` lists them; nothing written",
        unknown
            .iter()
            .map(|id| format!("{id:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

/// Applies one operation to the cards named, under the writer lock (refused while the study
/// screen has the data folder open), in one batch of log events.
pub fn run_op(ids: &[String], op: Op, clock: &Clock) -> CliResult {
    let paths = Paths::resolve()?;
    check_ids(&paths, ids)?;
    let _lock = paths.lock_for_writing().map_err(|e| match e {
        e @ recall::store::StoreError::Locked { .. } => anyhow::anyhow!(
            "{e} (the study screen is open: quit it, or use the browser there); nothing written"
        ),
        other => anyhow::Error::from(other),
    })?;
    let device = device::load_or_create(&paths.device_file)?;
    paths.ensure_log_dirs()?;
    let mut opened = open_read_only(&paths, clock)?;
    super::print_warnings(&opened.warnings);
    let col = &mut opened.collection;
    let entries: Vec<usize> = ids.iter().filter_map(|id| col.find(id)).collect();
    let mut log = ReviewLog::open_append(&paths.own_log(&device))?;
    log.check_regular()?;
    let applied = ops::apply(col, &mut log, &opened.scheduler, op, &entries, clock.now())?;
    let changed: Vec<&str> = applied
        .changes
        .iter()
        .map(|c| col.cards[c.entry].global_id.as_str())
        .collect();
    let mut out = String::new();
    match changed.len() {
        0 => writeln!(
            out,
            "Nothing to do: every card named is already {}.",
            op.past_tense()
        )?,
        n => {
            let cards = if n == 1 { "card" } else { "cards" };
            writeln!(
                out,
                "{} {n} {cards}: {}",
                capital(op.past_tense()),
                changed.join(", ")
            )?;
            let unchanged = entries.len().saturating_sub(n);
            if unchanged > 0 {
                writeln!(out, "({unchanged} already {}.)", op.past_tense())?;
            }
        }
    }
    if let Op::SetDue(_) = op {
        for c in &applied.changes {
            let e = &col.cards[c.entry];
            let day = opened.scheduler.day_of(e.state.due);
            writeln!(
                out,
                "  {}: due {} (interval {} days)",
                e.global_id,
                recall::dates::date_of_day(day),
                e.state.interval_days
            )?;
        }
    }
    super::output::out(&out);
    super::leave_at_exit(opened);
    Ok(ExitCode::SUCCESS)
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Reads `--due`: `0`, `3`, `1-7`, with an optional `!`.
pub fn due_spec(text: &str) -> Result<DueSpec, CliError> {
    text.parse::<DueSpec>()
        .map_err(|e| CliError::input(anyhow::anyhow!("--due {e}; nothing written")))
}

#[derive(Serialize)]
struct HistoryJson {
    at: String,
    event: &'static str,
    rating: Option<u8>,
    undone: bool,
    phase: Phase,
    due: Option<String>,
    interval_days: u32,
    stability: Option<f32>,
    difficulty: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days: Option<u32>,
}

fn event_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Review { .. } => "review",
        EventKind::Cram { .. } => "cram",
        EventKind::QuizMiss => "quiz-miss",
        EventKind::Suspend => "suspend",
        EventKind::Unsuspend => "unsuspend",
        EventKind::Bury => "bury",
        EventKind::Unbury => "unbury",
        EventKind::Forget => "forget",
        EventKind::SetDue { .. } => "set-due",
        EventKind::Undo | EventKind::UndoOf(_) => "undo",
    }
}

fn history_json(r: &HistoryRow) -> HistoryJson {
    let seen = r.after.phase != Phase::New;
    let memory = seen && r.after.stability > 0.0;
    HistoryJson {
        at: format_timestamp(r.at),
        event: event_name(r.kind),
        rating: r.rating(),
        undone: r.undone,
        phase: r.after.phase,
        due: seen.then(|| format_timestamp(r.after.due)),
        interval_days: r.after.interval_days,
        stability: memory.then_some(r.after.stability),
        difficulty: memory.then_some(r.after.difficulty),
        days: match r.kind {
            EventKind::SetDue { days, .. } => Some(days),
            _ => None,
        },
    }
}

/// `recall history ID`: every event of one card, oldest first, undone ones marked.
pub fn run_history(id: &str, json: bool, clock: &Clock) -> CliResult {
    let paths = Paths::resolve()?;
    check_ids(&paths, std::slice::from_ref(&id.to_string()))?;
    let opened = open_read_only(&paths, clock)?;
    super::print_warnings(&opened.warnings);
    let rows = history(&opened.log, &opened.scheduler, id);
    if json {
        let rows: Vec<HistoryJson> = rows.iter().map(history_json).collect();
        super::output::write_stdout(super::output::json(&rows, false)?.as_bytes())?;
        super::leave_at_exit(opened);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    if rows.is_empty() {
        writeln!(out, "{id}: no history yet (a new card).")?;
        super::output::out(&out);
        super::leave_at_exit(opened);
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<24} {:<10} {:<6} {:>8} {:>8} {:>5}  ",
        "WHEN (UTC)", "EVENT", "RATING", "INTERVAL", "S", "D"
    )?;
    for r in &rows {
        let j = history_json(r);
        let rating = match r.rating() {
            Some(n) => ["again", "hard", "good", "easy"][usize::from(n.clamp(1, 4)) - 1],
            None => "",
        };
        writeln!(
            out,
            "{:<24} {:<10} {:<6} {:>8} {:>8} {:>5}{}",
            j.at,
            j.event,
            rating,
            if r.after.phase == Phase::New {
                "-".to_string()
            } else {
                format!("{}d", r.after.interval_days)
            },
            j.stability.map_or("-".into(), |s| format!("{s:.2}")),
            j.difficulty.map_or("-".into(), |d| format!("{d:.2}")),
            if r.undone { "  (undone)" } else { "" },
        )?;
    }
    super::output::out(&out);
    super::leave_at_exit(opened);
    Ok(ExitCode::SUCCESS)
}

/// `recall study --search QUERY [--cram]`: the study screen on the cards the search selects.
pub fn run_study(search: Option<&str>, cram: bool, clock: &Clock) -> CliResult {
    let Some(text) = search else {
        return super::study::run(clock);
    };
    let q = query(text)?;
    let text = text.to_string();
    super::study::run_tui(clock, move |app| {
        let ctx = &app.ctx;
        let facts = collect(&ctx.collection, &ctx.scheduler, ctx.now);
        let cards: Vec<usize> = facts
            .iter()
            .filter(|f| q.matches(f))
            .map(|f| f.entry)
            .collect();
        if cards.is_empty() {
            return Err(CliError::input(anyhow::anyhow!(
                "no card matches the search {text:?}; `recall cards --search` shows what a search selects"
            )));
        }
        app.start_custom_study(text, cards, cram);
        Ok(())
    })
}
