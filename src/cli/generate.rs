//! `recall completions SHELL`, `recall man`, and the end of `recall --help`: generated from the
//! clap definitions and one table of environment variables and exit codes, so the help, the
//! manual and the binary never disagree.

use std::io::Write as _;
use std::process::ExitCode;

use clap::CommandFactory;
use roff::{bold, roman, Roff};

use super::{Cli, CliResult};

/// What `recall` does with no command.
const NO_COMMAND: &str =
    "Run `recall` with no command to open the study screen (the TUI); only `study` also opens it.";

/// The environment variables recall reads, and what each does.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "RECALL_HOME",
        "keep config, review log and imported decks in this folder instead of the system's \
         standard ones (`recall paths` shows where they are)",
    ),
    (
        "RECALL_NOW",
        "start the clock at this RFC 3339 time, e.g. 2026-11-23T10:15:00Z, to try out a later \
         day; time runs on from there",
    ),
    (
        "NO_COLOR",
        "any non-empty value turns colours off; bold and reverse remain",
    ),
];

/// Every exit status recall ends with.
const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "failure: a file could not be read or written, another recall is using the data \
         folder, or another error",
    ),
    (
        "2",
        "bad input or usage: a deck, config, argument or file recall cannot accept (nothing \
         is written), `recall check` found a problem, or no terminal for the study screen",
    ),
    (
        "128+N",
        "the study screen was ended by signal N (129 HUP, 130 INT, 143 TERM); the terminal \
         is restored first",
    ),
];

/// The text after the command list in `recall --help`, wrapped to 100 columns.
pub fn after_help() -> String {
    let mut out = format!("{NO_COMMAND}\n\nEnvironment:\n");
    table(&mut out, ENVIRONMENT);
    out.push_str("\nExit codes:\n");
    table(&mut out, EXIT_CODES);
    out.truncate(out.trim_end().len());
    out
}

/// Two columns: the name, then its text wrapped and indented under itself.
fn table(out: &mut String, rows: &[(&str, &str)]) {
    let indent = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 4;
    for (key, text) in rows {
        let mut line = format!("  {key:<w$}", w = indent - 2);
        for word in text.split(' ') {
            if line.len() + 1 + word.len() > 98 && line.trim().len() > key.len() {
                out.push_str(line.trim_end());
                out.push('\n');
                line = " ".repeat(indent);
            } else if !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
}

/// Prints the completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> CliResult {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "recall", &mut out);
    write_stdout(&out)
}

/// Prints the manual page (roff) on stdout: one page with every command and its options.
pub fn man() -> CliResult {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    roff.text([roman(NO_COMMAND)]);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        commands_entry(&mut roff, sub);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, text) in ENVIRONMENT {
        roff.control("TP", [])
            .text([bold(*name)])
            .text([roman(*text)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, text) in EXIT_CODES {
        roff.control("TP", [])
            .text([bold(*code)])
            .text([roman(*text)]);
    }
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    write_stdout(&out)
}

/// One command in the manual: its usage, what it does, and each option with its values.
fn commands_entry(roff: &mut Roff, sub: &clap::Command) {
    let usage = sub.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ").trim();
    roff.control("TP", []).text([bold(usage)]);
    if let Some(about) = sub.get_about() {
        roff.text([roman(about.to_string())]);
    }
    for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
        if arg.get_id() == "help" {
            continue;
        }
        let long = match (arg.get_long(), arg.get_value_names()) {
            (Some(long), Some(v)) if arg.get_num_args().is_some_and(|n| n.takes_values()) => {
                format!("--{long} <{}>", v.join(" "))
            }
            (Some(long), _) => format!("--{long}"),
            (None, Some(v)) => format!("<{}>", v.join(" ")),
            (None, None) => arg.get_id().to_string(),
        };
        let name = match arg.get_short() {
            Some(short) => format!("-{short}, {long}"),
            None => long,
        };
        let mut text = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            text.push_str(&format!(" (one of: {})", values.join(", ")));
        }
        roff.control("RS", [])
            .control("TP", [])
            .text([bold(name)])
            .text([roman(text)])
            .control("RE", []);
    }
}

/// One write of the whole text; a closed pipe (`| head`) is an error, not a panic.
fn write_stdout(bytes: &[u8]) -> CliResult {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_tail_names_every_variable_and_exit_code_within_100_columns() {
        let text = after_help();
        for (name, _) in ENVIRONMENT.iter().chain(EXIT_CODES) {
            assert!(
                text.contains(&format!("  {name} ")),
                "{name} missing:\n{text}"
            );
        }
        assert!(text.contains("no command"), "{text}");
        for line in text.lines() {
            assert!(line.chars().count() <= 100, "too wide: {line:?}");
        }
    }
}
