//! `recall import` and `recall export`: decks in and out of other tools' formats.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use recall::import::export::{export, ExportFormat};
use recall::import::{plan_import, write_plan, Format, ImportOptions, PlannedDeck, Source};
use recall::library::load_decks;
use recall::store::Paths;

use super::{CliError, CliResult};

/// Reads the files, then (unless `dry_run`) writes the decks under the writer lock.
pub fn run_import(
    files: &[PathBuf],
    deck: Option<String>,
    format: Option<Format>,
    dry_run: bool,
) -> CliResult {
    let mut sources = Vec::with_capacity(files.len());
    for path in files {
        let bytes = recall::store::read_regular(path).map_err(|e| {
            CliError::input(anyhow::anyhow!("{}: cannot read: {e}", path.display()))
        })?;
        sources.push(Source {
            path: path.clone(),
            bytes,
        });
    }
    let paths = Paths::resolve()?;
    let opts = ImportOptions { deck, format };
    // Plan first: bad input must leave the data dir exactly as it was (not even the lock file
    // is touched). The plan remembers each deck file it read; writing checks they are unchanged.
    let plan = plan_import(&paths.decks_dir, &sources, &opts).map_err(CliError::input)?;
    if !dry_run {
        let lock = paths.lock_for_writing()?;
        write_plan(&plan, &lock)?;
    }
    for p in &plan {
        out!("{}", report(p, dry_run));
    }
    Ok(ExitCode::SUCCESS)
}

/// The import report: one summary line per deck, then each skipped line.
pub fn report(p: &PlannedDeck, dry_run: bool) -> String {
    let c = p.counts;
    let files: Vec<String> = p
        .files
        .iter()
        .map(|(name, f)| format!("{name} ({})", f.name()))
        .collect();
    let mut out = format!(
        "{} {} into deck {:?} ({}): {} added, {} updated, {} unchanged, {} archived, {} skipped\n",
        if dry_run { "would import" } else { "imported" },
        files.join(", "),
        p.deck.id,
        p.path.display(),
        c.added,
        c.updated,
        c.unchanged,
        c.archived,
        p.skipped.len()
    );
    for s in &p.skipped {
        out.push_str(&format!("  skipped {s}\n"));
    }
    if dry_run {
        out.push_str("dry run: nothing was written\n");
    }
    out
}

/// Prints (or writes to `output`) one deck in another tool's format.
pub fn run_export(deck_id: &str, format: ExportFormat, output: Option<PathBuf>) -> CliResult {
    let paths = Paths::resolve()?;
    let (decks, _warnings) = load_decks(&paths.decks_dir)?;
    let Some(deck) = decks.iter().find(|d| d.id == deck_id) else {
        return Err(CliError::input(anyhow::anyhow!(
            "no deck {deck_id:?}; `recall decks` lists them"
        )));
    };
    let text = export(deck, format).map_err(|e| anyhow::anyhow!("cannot write {deck_id}: {e}"))?;
    match output.filter(|p| p.as_os_str() != "-") {
        Some(path) => recall::store::write_target(&path, text.as_bytes())?,
        // On a terminal the deck's text is shown inert; piped, it is data and goes as it is.
        None if std::io::stdout().is_terminal() => super::output::out(&text),
        None => super::output::write_stdout(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
