//! `recall config`: the settings as a commented file with the current values, where that file
//! lives, and `set`/`unset` of one key (comments kept, checked as loading checks, written
//! under the writer lock like `recall optimize`).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use recall::store::config_edit::{self, Setting};
use recall::store::config_keys;
use recall::store::{Config, NewPerDay, Paths, StoreError, WriterLock};
use recall::text::inert;

use super::{CliError, CliResult, Clock};

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print only where config.toml lives.
    #[arg(long)]
    path: bool,
    #[command(subcommand)]
    action: Option<ConfigAction>,
}

#[derive(Debug, Subcommand)]
enum ConfigAction {
    /// Set one key, keeping the file's comments: `recall config set exam_date 2026-12-20`
    /// (also "in 3 weeks", "dec 20", "none"), `recall config set new_per_day exam`.
    Set {
        key: String,
        /// The value; several words are joined ("in 3 weeks", "1m 10m").
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
        value: Vec<String>,
    },
    /// Remove one key, so its default applies again.
    Unset { key: String },
}

pub fn run(args: ConfigArgs, clock: &Clock) -> CliResult {
    let paths = Paths::resolve()?;
    let file = &paths.config_file;
    if args.path {
        outln!("{}", inert(&file.display().to_string()));
        return Ok(ExitCode::SUCCESS);
    }
    let (key, setting) = match args.action {
        None => {
            let config = Config::load(file).map_err(input)?;
            outln!("# {}", inert(&file.display().to_string()));
            out!("{}", inert(&config_edit::show(&config)));
            print_notes(&config);
            return Ok(ExitCode::SUCCESS);
        }
        Some(ConfigAction::Unset { key }) => {
            if config_keys::expected(&key).is_none() {
                // The same "no setting" message as `set`.
                config_edit::setting(&key, "", today(clock)).map_err(refused)?;
            }
            (key, Setting::Unset)
        }
        Some(ConfigAction::Set { key, value }) => {
            let setting =
                config_edit::setting(&key, &value.join(" "), today(clock)).map_err(refused)?;
            (key, setting)
        }
    };
    paths.ensure_data_dir()?;
    let _lock = WriterLock::acquire(&paths.lock_file)?;
    let config = config_edit::set_key(file, &key, setting).map_err(refused)?;
    let now = config_edit::show(&config)
        .lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .map(|l| l.split("  #").next().unwrap_or(l).to_string())
        .unwrap_or_else(|| format!("{key} removed: the default applies"));
    outln!(
        "{} (saved to {})",
        inert(&now),
        inert(&file.display().to_string())
    );
    print_notes(&config);
    Ok(ExitCode::SUCCESS)
}

/// What the settings mean together that one key alone does not say.
fn print_notes(config: &Config) {
    if config.new_per_day == NewPerDay::Exam && config.exam_date.is_none() {
        errln!(
            "recall: note: new_per_day = \"exam\" needs an exam date; until one is set, 20 new cards a day (Anki's default)"
        );
    }
}

/// Today's local calendar date (for "in 3 weeks", "dec 20").
fn today(clock: &Clock) -> time::Date {
    let offset =
        time::UtcOffset::from_whole_seconds(clock.utc_offset_secs).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::from_unix_timestamp(clock.now().div_euclid(1000))
        .map(|t| t.to_offset(offset).date())
        .unwrap_or(time::Date::MIN)
}

fn input(e: StoreError) -> CliError {
    match e {
        e @ StoreError::Config { .. } => CliError::input(e),
        other => CliError::from(other),
    }
}

/// A refused change: exit 2 for a bad value, saying the file was left as it was.
fn refused(e: StoreError) -> CliError {
    let user = e.is_user_input();
    let text = match &e {
        StoreError::Config { file, message } if file == config_edit::TYPED => message.clone(),
        other => other.to_string(),
    };
    let e = anyhow::anyhow!("{}; nothing written", inert(&text));
    if user {
        CliError::input(e)
    } else {
        CliError::from(e)
    }
}
