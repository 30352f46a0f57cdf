//! Command-line interface: argument definitions and one function per subcommand.

#[macro_use]
pub mod output;

mod add;
mod browse;
mod cards;
mod check;
mod config;
mod decks;
mod formats;
mod generate;
mod import;
mod optimize;
mod paths;
mod quiz;
mod repair;
mod stats;
mod study;
mod sync;
mod tui_config;

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use formats::{ExportFormatArg, ImportFormatArg};
use recall::browse::ops::Op;
use recall::library::{self, OpenError, Opened};
use recall::schedule::Millis;
use recall::store::Paths;

/// Terminal flashcards with FSRS-6 spaced repetition, for AWS exam preparation.
#[derive(Debug, Parser)]
#[command(name = "recall", version, about, long_about = None, after_help = generate::after_help())]
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
    /// Every card's schedule: phase, due, stability, difficulty, recall chance, next intervals.
    Cards {
        /// Only this deck (an id from `recall decks`).
        #[arg(long)]
        deck: Option<String>,
        /// Only the cards this search selects, e.g. 'tag:kms is:due' (docs/search.md).
        #[arg(long, value_name = "QUERY")]
        search: Option<String>,
        /// Print JSON (documented in the README) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Open the study screen; with --search, custom study of the cards a search selects.
    Study {
        /// Study only the cards this search selects (docs/search.md), within the day's limits.
        #[arg(long, value_name = "QUERY")]
        search: Option<String>,
        /// With --search: every selected card, due or not, without changing any schedule
        /// (answers are logged as `cram`), like Anki's filtered deck without rescheduling.
        #[arg(long, requires = "search")]
        cram: bool,
    },
    /// Take cards out of study until they are unsuspended (ids as `recall cards` lists them).
    Suspend {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Bring suspended cards back into study.
    Unsuspend {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Hide cards until the next study day.
    Bury {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Bring buried cards back today.
    Unbury {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Put cards back to new (their history stays in the log).
    Forget {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Set cards' due date (Anki's "set due date"): --due 0 today, 3 in three days, 1-7
    /// spread over a week; a trailing ! also sets the interval to that many days.
    Reschedule {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Days from today: N, or a range N-M; add ! to reset the interval too.
        #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
        due: String,
    },
    /// One card's history: every answer with its rating, interval, stability and difficulty
    /// after it, and every suspend, bury, forget or reschedule; undone events are marked.
    History {
        /// The card id (`deck/card`, as `recall cards` lists them).
        id: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show where the config, the review logs and imported decks live.
    Paths,
    /// Sync progress with your other machines through git (the data folder is a git
    /// repository): commit this device's log, rebase onto the remote, push.
    Sync,
    /// Take a timed exam simulation in the TUI, or list past attempts with --history.
    Quiz(quiz::QuizArgs),
    /// Import decks from Anki packages (.apkg/.colpkg), Anki text exports, TOML, CSV/TSV (Quizlet) or Markdown flashcards.
    Import {
        /// The files to import (each becomes a deck named after it, unless --deck is given).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Put the cards into this deck id (re-importing updates it in place).
        #[arg(long)]
        deck: Option<String>,
        /// The files' format; auto guesses it per file (.apkg/.colpkg are found by themselves).
        #[arg(long, value_enum, ignore_case = true, default_value_t = ImportFormatArg::Auto)]
        format: ImportFormatArg,
        /// CSV/TSV: the first row names the columns (Front, Back, Tags, Explanation).
        #[arg(long)]
        header: bool,
        /// CSV/TSV: the field separator: one character, or comma, semicolon, tab, pipe.
        #[arg(long, value_name = "SEP")]
        separator: Option<String>,
        /// Print the report, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a deck for Anki (Notes in Plain Text), as CSV, or as a recall TOML deck.
    Export {
        /// The deck id (from `recall decks`).
        deck: String,
        /// The format to write.
        #[arg(long, value_enum, ignore_case = true, default_value_t = ExportFormatArg::Toml)]
        format: ExportFormatArg,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Reviews, retention, forecast, streaks and exam readiness (works while recall runs).
    Stats {
        /// Only this deck (an id from `recall decks`).
        #[arg(long)]
        deck: Option<String>,
        /// Print JSON (documented in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add one card to your own deck ("my-cards" unless --deck names an imported one).
    Add(add::AddArgs),
    /// Print the settings (the commented config.toml with the current values), or change one:
    /// `recall config set exam_date 2026-12-20`, `recall config unset exam_date`.
    Config(config::ConfigArgs),
    /// Move damaged lines of the review and quiz logs to side files (after a backup), so
    /// the warning about them stops; nothing is deleted.
    Repair,
    /// Fit FSRS-6 parameters to your review log; saved to the config only if they are better.
    Optimize {
        /// Show the fit and its scores without saving anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Print a shell completion script (see the README for where to put it).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff); read it with `recall man | man -l -`.
    Man,
}

/// The current time and local UTC offset, read once at startup.
///
/// `RECALL_NOW` (an RFC 3339 timestamp) shifts the clock to start at that moment; time still
/// runs from there. Tests use it to study "tomorrow" without waiting a day.
pub struct Clock {
    shift_ms: Millis,
    pub utc_offset_secs: i32,
}

impl Clock {
    /// Reads the local offset (call before any thread starts) and `RECALL_NOW`.
    pub fn from_env() -> Result<Clock, CliError> {
        let utc_offset_secs = time::UtcOffset::current_local_offset()
            .map(|o| o.whole_seconds())
            .unwrap_or(0);
        let shift_ms = match std::env::var("RECALL_NOW") {
            Ok(v) if !v.is_empty() => {
                let at = recall::store::parse_timestamp(&v).ok_or_else(|| {
                    CliError::input(anyhow::anyhow!(
                        "RECALL_NOW={v:?} is not a time; expected RFC 3339, e.g. 2026-11-23T10:15:00Z"
                    ))
                })?;
                at - system_ms()
            }
            _ => 0,
        };
        Ok(Clock {
            shift_ms,
            utc_offset_secs,
        })
    }

    pub fn now(&self) -> Millis {
        system_ms() + self.shift_ms
    }
}

fn system_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as Millis)
}

/// Opens decks, config and log for reading; problems in files the user edits exit with 2.
pub fn open_read_only(paths: &Paths, clock: &Clock) -> Result<Opened, CliError> {
    library::open(paths, clock.now(), clock.utc_offset_secs).map_err(open_error)
}

fn open_error(e: OpenError) -> CliError {
    match e {
        OpenError::Store(ref s) if s.is_user_input() => CliError::input(e),
        OpenError::Config { .. } => CliError::input(e),
        other => CliError::from(other),
    }
}

/// [`open_read_only`] for a start that needs only the cards' states: from the snapshot and
/// the log lines after it when they match (`library::open_start`).
pub fn open_start(
    paths: &Paths,
    clock: &Clock,
    writer: bool,
) -> Result<library::Started, CliError> {
    library::open_start(paths, clock.now(), clock.utc_offset_secs, writer).map_err(open_error)
}

/// Tells the user on stderr what was skipped while opening (broken deck files, log lines).
pub fn print_warnings(warnings: &[impl fmt::Display]) {
    for w in warnings {
        errln!("recall: warning: {w}");
    }
}

/// The index of the deck with this id, or a usage error (exit 2) that says where ids are.
pub fn deck_index(decks: &[recall::deck::Deck], id: &str) -> Result<usize, CliError> {
    decks.iter().position(|d| d.id == id).ok_or_else(|| {
        CliError::input(anyhow::anyhow!(
            "no deck {id:?}; `recall decks` lists the deck ids"
        ))
    })
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

    /// Whether the command failed only because its reader went away (`recall cards --json |
    /// head`): not an error to report, the output simply is not wanted any more.
    pub fn is_closed_pipe(&self) -> bool {
        self.inner.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
        })
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
    /// `{:#}` gives the chain of causes, each said once: an error whose message already
    /// includes its cause ("path: the folder is read-only") is not followed by it again.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !f.alternate() {
            return write!(f, "{}", self.inner);
        }
        let mut text = String::new();
        for cause in self.inner.chain() {
            let said = cause.to_string();
            if text.is_empty() {
                text = said;
            } else if !text.contains(&said) {
                text.push_str(": ");
                text.push_str(&said);
            }
        }
        f.write_str(&text)
    }
}

pub type CliResult = Result<ExitCode, CliError>;

/// Leaves a big value (the collection, the log, the browser's search facts) for the process's
/// end to reclaim instead of freeing it piece by piece: at 100,000 cards that is about a
/// million small frees (docs/performance.md, "No destructors at exit"). Only for values
/// whose drop does nothing but free memory (no file to flush, no lock that must be released
/// before exit, no terminal to restore), and only right before a command returns its exit
/// code to `main`.
pub fn leave_at_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Runs one parsed command line.
pub fn run(cli: Cli, clock: &Clock) -> CliResult {
    match cli.command {
        Some(Command::Decks { json }) => decks::run(json),
        Some(Command::Check { paths }) => check::run(&paths),
        Some(Command::Cards { deck, search, json }) => {
            cards::run(deck.as_deref(), search.as_deref(), json, clock)
        }
        Some(Command::Study { search, cram }) => browse::run_study(search.as_deref(), cram, clock),
        Some(Command::Suspend { ids }) => browse::run_op(&ids, Op::Suspend, clock),
        Some(Command::Unsuspend { ids }) => browse::run_op(&ids, Op::Unsuspend, clock),
        Some(Command::Bury { ids }) => browse::run_op(&ids, Op::Bury, clock),
        Some(Command::Unbury { ids }) => browse::run_op(&ids, Op::Unbury, clock),
        Some(Command::Forget { ids }) => browse::run_op(&ids, Op::Forget, clock),
        Some(Command::Reschedule { ids, due }) => {
            let spec = browse::due_spec(&due)?;
            browse::run_op(&ids, Op::SetDue(spec), clock)
        }
        Some(Command::History { id, json }) => browse::run_history(&id, json, clock),
        Some(Command::Paths) => paths::run(),
        Some(Command::Sync) => sync::run(),
        Some(Command::Quiz(args)) => quiz::run(args, clock),
        Some(Command::Import {
            files,
            deck,
            format,
            header,
            separator,
            dry_run,
        }) => import::run_import(
            &files,
            import::Spreadsheet {
                deck,
                header,
                separator,
            },
            format.format(),
            dry_run,
        ),
        Some(Command::Export {
            deck,
            format,
            output,
        }) => import::run_export(&deck, format.format(), output, clock),
        Some(Command::Stats { deck, json }) => stats::run(deck.as_deref(), json, clock),
        Some(Command::Optimize { dry_run }) => optimize::run(dry_run, clock),
        Some(Command::Config(args)) => config::run(args, clock),
        Some(Command::Add(args)) => add::run(args),
        Some(Command::Repair) => repair::run(clock),
        Some(Command::Completions { shell }) => generate::completions(shell),
        Some(Command::Man) => generate::man(),
        None => study::run(clock),
    }
}
