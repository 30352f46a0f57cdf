//! `recall` with no subcommand: the study TUI, with the writer lock held.

use std::io::IsTerminal;
use std::process::ExitCode;

use recall::store::{Paths, ReviewLog, WriterLock};
use recall::study::limits;

use super::{open_read_only, CliResult, Clock};
use crate::tui::{self, app::App, app::Status, theme::Theme};

pub fn run(clock: &Clock) -> CliResult {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("recall: the study screen needs a terminal (stdin and stdout are not both one).");
        eprintln!("Commands that work without one:");
        eprintln!("  recall decks [--json]          list the decks");
        eprintln!("  recall cards [--deck ID] --json every card's schedule");
        eprintln!("  recall check PATH...           validate deck files");
        eprintln!("  recall paths                   where recall keeps its files");
        eprintln!("  recall --help                  everything else");
        return Ok(ExitCode::from(2));
    }
    let paths = Paths::resolve()?;
    paths.ensure_data_dir()?;
    let lock = WriterLock::acquire(&paths.lock_file)?;
    let opened = open_read_only(&paths, clock)?;
    let log = ReviewLog::open_append(&paths.reviews)?;
    let mut app = App::new(
        opened.collection,
        opened.scheduler,
        limits(&opened.config),
        Box::new(log),
        clock.now(),
    );
    if let Some(first) = opened.warnings.first() {
        let more = opened.warnings.len() - 1;
        app.status = Some(Status::error(if more == 0 {
            first.clone()
        } else {
            format!("{first} (+{more} more warnings; `recall cards` prints them)")
        }));
    }
    let exit = tui::run(app, Theme::from_env(), || clock.now())?;
    drop(lock);
    Ok(exit.code())
}
