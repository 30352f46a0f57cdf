//! Command-line interface: argument definitions and one function per subcommand.

mod check;
mod decks;

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Terminal flashcards with FSRS-6 spaced repetition, for AWS exam preparation.
#[derive(Debug, Parser)]
#[command(name = "recall", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the decks (built-in and imported) with their card counts.
    Decks {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate deck files or folders of them; exit 2 if any problem is found.
    Check {
        /// Deck files (.toml) or folders to search for them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// A failure with the exit code it deserves: 2 for bad input or usage, 1 for everything else.
pub struct CliError {
    code: u8,
    inner: anyhow::Error,
}

impl CliError {
    /// Bad input from the user (a deck, a config, an argument): exit 2.
    pub fn input(inner: impl Into<anyhow::Error>) -> Self {
        CliError {
            code: 2,
            inner: inner.into(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        self.code
    }
}

impl<E: Into<anyhow::Error>> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError {
            code: 1,
            inner: e.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            write!(f, "{:#}", self.inner)
        } else {
            write!(f, "{}", self.inner)
        }
    }
}

pub type CliResult = Result<ExitCode, CliError>;

/// Runs one parsed command line.
pub fn run(cli: Cli) -> CliResult {
    match cli.command {
        Some(Command::Decks { json }) => decks::run(json),
        Some(Command::Check { paths }) => check::run(&paths),
        None => {
            println!("recall: the study screen is not built yet. Available commands:");
            println!("  recall decks      list the decks");
            println!("  recall check P    validate deck files");
            println!("  recall --help     everything else");
            Ok(ExitCode::SUCCESS)
        }
    }
}
