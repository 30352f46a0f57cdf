//! `recall` with no subcommand: the study TUI, with the writer lock held.

use std::io::IsTerminal;
use std::process::ExitCode;

use recall::quiz::QuizLog;
use recall::store::{Paths, ReviewLog, WriterLock};
use recall::study::limits;

use super::{open_read_only, CliResult, Clock};
use crate::tui::{self, app::App, app::Status, quiz::QuizEnv, theme::Theme};

pub fn run(clock: &Clock) -> CliResult {
    run_tui(clock, |_| Ok(()))
}

/// Opens everything the TUI needs (lock, decks, config, both logs), lets `prepare` set up the
/// first screen, and runs the TUI until the user quits.
pub fn run_tui(
    clock: &Clock,
    prepare: impl FnOnce(&mut App) -> Result<(), super::CliError>,
) -> CliResult {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("recall: the study screen needs a terminal (stdin and stdout are not both one).");
        eprintln!("Commands that work without one:");
        eprintln!("  recall decks [--json]          list the decks");
        eprintln!("  recall cards [--deck ID] --json every card's schedule");
        eprintln!("  recall check PATH...           validate deck files");
        eprintln!("  recall stats [--json]          reviews, retention, exam readiness");
        eprintln!("  recall paths                   where recall keeps its files");
        eprintln!("  recall quiz --history [--json] past quiz attempts and the trend");
        eprintln!("  recall --help                  everything else");
        return Ok(ExitCode::from(2));
    }
    let paths = Paths::resolve()?;
    paths.ensure_data_dir()?;
    let lock = WriterLock::acquire(&paths.lock_file)?;
    let opened = open_read_only(&paths, clock)?;
    let log = ReviewLog::open_append(&paths.reviews)?;
    let history = opened.log;
    let mut app = App::new(
        opened.collection,
        opened.scheduler,
        limits(&opened.config),
        Box::new(log),
        clock.now(),
    )
    .with_quiz(QuizEnv {
        attempts: Some(Box::new(QuizLog::open_append(&paths.quizzes)?)),
        pass_mark: opened.config.pass_mark,
        seconds_per_question: opened.config.seconds_per_question,
        minutes: None,
    });
    app.history = history;
    if let Some(first) = opened.warnings.first() {
        let more = opened.warnings.len() - 1;
        app.status = Some(Status::error(if more == 0 {
            first.clone()
        } else {
            format!("{first} (+{more} more warnings; `recall cards` prints them)")
        }));
    }
    prepare(&mut app)?;
    tui::run(app, Theme::from_env(), || clock.now())?;
    drop(lock);
    Ok(ExitCode::SUCCESS)
}
