//! `recall quiz`: start an exam simulation in the TUI, or print past attempts (`--history`).

use std::process::ExitCode;

use clap::Args;
use recall::quiz::{history_text, QuizLog, QuizMode, QuizSpec};
use recall::store::Paths;

use super::{CliError, CliResult, Clock};
use crate::tui::{Screen, EXAM_QUESTIONS};

#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Only these decks (repeat for several; ids from `recall decks`). Default: every deck.
    #[arg(long = "deck", value_name = "ID")]
    decks: Vec<String>,
    /// How many questions (fewer if the decks have fewer).
    #[arg(long, value_name = "N", default_value_t = EXAM_QUESTIONS as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    count: u32,
    /// Time for the whole quiz, instead of `seconds_per_question` from the config.
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..))]
    minutes: Option<u32>,
    /// Practice mode: untimed, each answer and explanation shown right away.
    #[arg(long)]
    practice: bool,
    /// Draw the same questions in the same order again (any number).
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// Print every attempt with its score per section, and the trend; needs no terminal.
    #[arg(long, conflicts_with_all = ["decks", "count", "minutes", "practice", "seed"])]
    history: bool,
    /// With --history: print the attempts as JSON (the quizzes.jsonl records).
    #[arg(long, requires = "history")]
    json: bool,
}

pub fn run(args: QuizArgs, clock: &Clock) -> CliResult {
    if args.history {
        return history(args.json, clock);
    }
    // An unknown deck is a usage error, with or without a terminal, and is found before the
    // TUI creates its files: bad input writes nothing. (This reads the decks once more.)
    if !args.decks.is_empty() {
        let (decks, _) = recall::library::load_decks(&Paths::resolve()?.decks_dir)?;
        for id in &args.decks {
            super::deck_index(&decks, id)?;
        }
    }
    let seed = args.seed.unwrap_or(clock.now() as u64);
    super::study::run_tui(clock, |app| {
        let mut decks = Vec::new();
        for id in &args.decks {
            let d = super::deck_index(&app.ctx.collection.decks, id)?;
            if !decks.contains(&d) {
                decks.push(d);
            }
        }
        app.ctx.quiz_env.minutes = args.minutes;
        app.ctx.quiz_env.exit_when_done = true;
        let mode = if args.practice {
            QuizMode::Practice
        } else {
            QuizMode::Exam
        };
        let spec = QuizSpec {
            decks,
            count: args.count as usize,
            seed,
            mode,
        };
        app.start_quiz(spec);
        if !matches!(app.screen, Screen::Quiz(_)) {
            return Err(CliError::input(anyhow::anyhow!(
                "these decks have no cards a quiz can ask"
            )));
        }
        Ok(())
    })
}

fn history(json: bool, clock: &Clock) -> CliResult {
    let paths = Paths::resolve()?;
    let loaded = QuizLog::load_all(&paths)?;
    super::print_warnings(&loaded.warnings);
    if !loaded.warnings.is_empty() {
        errln!("recall: warning: {}", recall::library::REPAIR_HINT);
    }
    if json {
        super::output::write_stdout(super::output::json(&loaded.attempts, true)?.as_bytes())?;
    } else {
        super::output::out(&history_text(&loaded.attempts, clock.utc_offset_secs));
    }
    Ok(ExitCode::SUCCESS)
}
