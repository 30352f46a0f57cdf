//! `recall import` and `recall export`: decks in and out of other tools' formats.

use std::path::PathBuf;
use std::process::ExitCode;

use recall::import::delimited;
use recall::import::export::{export, ExportFormat};
use recall::import::{plan_import, write_plan, Format, ImportOptions, PlannedDeck, Source};
use recall::library::load_decks;
use recall::store::{write_atomically, Paths, WriterLock};
use recall::text::inert;

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
        let bytes = std::fs::read(path).map_err(|e| {
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
        paths.ensure_data_dir()?;
        let lock = WriterLock::acquire(&paths.lock_file)?;
        write_plan(&plan, &lock)?;
    }
    for p in &plan {
        let text = report(p, dry_run);
        match text.strip_suffix(DRY_RUN) {
            Some(head) if dry_run => print!("{head}{}{DRY_RUN}", split_preview(p, &sources)),
            _ => print!("{text}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How many rows of each CSV/TSV file `--dry-run` shows split into fields.
const PREVIEW_ROWS: usize = 5;

/// For each CSV or TSV file of a planned deck: how its first rows were split into fields, so a
/// comma that split an answer shows before anything is written.
fn split_preview(p: &PlannedDeck, sources: &[Source]) -> String {
    let mut out = String::new();
    for (name, format) in &p.files {
        let delimiter = match format {
            Format::Csv => b',',
            Format::Tsv => b'\t',
            _ => continue,
        };
        let Some(src) = sources
            .iter()
            .find(|s| s.path.display().to_string() == *name)
        else {
            continue;
        };
        let Ok(text) = recall::import::decode(&src.bytes, name) else {
            continue;
        };
        if let Ok(rows) = delimited::describe_rows(text, name, delimiter, PREVIEW_ROWS) {
            out.push_str(&format!(
                "how the first {} of {} were split:\n",
                recall::text::count(rows.len() as u64, "row"),
                inert(name)
            ));
            for row in rows {
                out.push_str(&format!("  {}\n", inert(&row)));
            }
        }
    }
    out
}

const DRY_RUN: &str = "dry run: nothing was written\n";

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
        out.push_str(DRY_RUN);
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
    match output {
        Some(path) => write_atomically(&path, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
