//! `recall check`: validate deck files before they are imported or committed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use recall::deck::{parse_deck, DeckError, DeckSource};
use recall::text::count;

use super::{CliError, CliResult};

pub fn run(paths: &[PathBuf]) -> CliResult {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files).map_err(CliError::input)?;
    }
    if files.is_empty() {
        return Err(CliError::input(anyhow::anyhow!(
            "no .toml deck files found in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut problems = 0;
    for file in &files {
        match check_file(file) {
            Ok(cards) => outln!("{}: ok, {}", file.display(), count(cards as u64, "card")),
            Err(errors) => {
                problems += errors.len();
                for e in errors {
                    errln!("{e}");
                }
            }
        }
    }
    if problems == 0 {
        Ok(ExitCode::SUCCESS)
    } else {
        errln!(
            "recall: {} in {} checked",
            count(problems as u64, "problem"),
            count(files.len() as u64, "file")
        );
        Ok(ExitCode::from(2))
    }
}

/// Reads and validates one file; unreadable or non-UTF-8 files are problems too.
fn check_file(file: &Path) -> Result<usize, Vec<DeckError>> {
    let name = file.display().to_string();
    if file.extension().is_none_or(|e| e != "toml") {
        return Err(vec![DeckError::at(
            &name,
            None,
            None,
            "not a recall deck (.toml); `recall import --dry-run FILE` checks Anki, CSV, TSV and Markdown files",
        )]);
    }
    let bytes = recall::store::read_regular(file).map_err(|e| {
        vec![DeckError::at(
            &name,
            None,
            None,
            format!("cannot read: {e}"),
        )]
    })?;
    let src = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        vec![DeckError::at(
            &name,
            Some(line),
            Some(col),
            format!("not valid UTF-8 at byte {offset}; expected a UTF-8 text file"),
        )]
    })?;
    let src = src.strip_prefix('\u{feff}').unwrap_or(&src);
    parse_deck(src, &name, DeckSource::File(file.to_path_buf())).map(|d| d.cards.len())
}

/// Adds `path` if it is a file, or every `.toml` below it if it is a folder (sorted).
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, out)?;
        } else if entry.extension().is_some_and(|e| e == "toml") {
            out.push(entry);
        }
    }
    Ok(())
}
