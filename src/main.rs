//! The `recall` binary: parses the command line and hands off to a command or the TUI.

mod cli;
mod tui;

use std::process::ExitCode;

use clap::Parser;

/// A start from the snapshot makes some 10^6 small allocations (card text, ids); mimalloc
/// makes them several times faster than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    recall::trace::mark("main");
    // The local offset can only be read safely while the process has one thread: do it first.
    let clock = match cli::Clock::from_env() {
        Ok(c) => c,
        Err(err) => {
            cli::output::err(&format!("recall: {err:#}\n"));
            return ExitCode::from(err.exit_code());
        }
    };
    let args = cli::Cli::parse();
    let result = cli::run(args, &clock);
    recall::trace::mark("command returned");
    match result {
        Ok(code) => code,
        // A reader that stopped early: quiet, as `cli::output::out` is for text.
        Err(err) if err.is_closed_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            cli::output::err(&format!("recall: {err:#}\n"));
            ExitCode::from(err.exit_code())
        }
    }
}
