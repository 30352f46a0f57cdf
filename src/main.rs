//! The `recall` binary: parses the command line and hands off to a command or the TUI.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("recall: {err:#}");
            ExitCode::from(err.exit_code())
        }
    }
}
