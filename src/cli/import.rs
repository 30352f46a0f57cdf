//! `recall import` and `recall export`: decks in and out of other tools' formats.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use recall::import::apkg::export::{media_names, write_package};
use recall::import::delimited;
use recall::import::export::{export, ExportFormat};
use recall::import::{
    plan_import, write_import, Format, ImportOptions, PlannedDeck, Source, Written,
};
use recall::library::load_decks;
use recall::store::Paths;

use super::{CliError, CliResult};

/// `recall import`'s options besides the format: the target deck and how to read a
/// spreadsheet.
pub struct Spreadsheet {
    pub deck: Option<String>,
    pub header: bool,
    pub separator: Option<String>,
}

/// A `--separator` value as the byte to split on.
fn separator_byte(value: &str) -> Result<u8, CliError> {
    Ok(match value.to_ascii_lowercase().as_str() {
        "comma" => b',',
        "semicolon" => b';',
        "tab" | "\\t" => b'\t',
        "pipe" => b'|',
        "colon" => b':',
        v if v.len() == 1 && v.as_bytes()[0].is_ascii() && v != "\"" && v != "\n" => v.as_bytes()[0],
        _ => {
            return Err(CliError::input(anyhow::anyhow!(
                "--separator {value:?}: expected one character, or comma, semicolon, tab, pipe or colon"
            )))
        }
    })
}

/// Reads the files, then (unless `dry_run`) writes the decks under the writer lock.
pub fn run_import(
    files: &[PathBuf],
    options: Spreadsheet,
    format: Option<Format>,
    dry_run: bool,
) -> CliResult {
    let separator = options
        .separator
        .as_deref()
        .map(separator_byte)
        .transpose()?;
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
    let opts = ImportOptions {
        deck: options.deck,
        format,
        header: options.header,
        separator,
    };
    // Plan first: bad input must leave the data dir exactly as it was (not even the lock file
    // is touched). The plan remembers each deck file it read; writing checks they are unchanged.
    let plan = plan_import(&paths.decks_dir, &sources, &opts).map_err(CliError::input)?;
    let mut written = None;
    if !dry_run {
        let lock = paths.lock_for_writing()?;
        written = Some(write_import(&plan, &paths, &lock)?);
    }
    for p in &plan {
        let text = report(p, dry_run);
        match text.strip_suffix(DRY_RUN) {
            Some(head) if dry_run => out!("{head}{}{DRY_RUN}", split_preview(p, &sources)),
            _ => out!("{text}"),
        }
    }
    out!("{}", history_report(&plan, written));
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
                name
            ));
            for row in rows {
                out.push_str(&format!("  {row}\n"));
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

/// What an Anki package brought besides cards: notes, review history, media, and what was
/// left out with the reason; empty for text formats.
pub fn history_report(plan: &[PlannedDeck], written: Option<Written>) -> String {
    let mut out = String::new();
    for s in plan.iter().filter_map(|p| p.package.as_ref()) {
        out.push_str(&format!(
            "anki package: {} notes, {} cards, {} review log entries, {} media files\n",
            s.notes, s.cards, s.revlog, s.media
        ));
        out.push_str(&format!(
            "  history: {} answers as review events; {} cards kept suspended, {} buried\n",
            s.reviews, s.suspended, s.buried
        ));
        let k = s.skips;
        for (n, why) in [
            (
                k.before_reset,
                "answers before the card was reset to new (Anki ignores them too)",
            ),
            (
                k.manual,
                "set-due-date/reschedule/reset entries (not answers; no recall event)",
            ),
            (
                k.cram,
                "cram answers that did not reschedule (Anki ignores them too)",
            ),
            (k.unknown, "entries with an unknown button"),
            (s.media_unused, "media files no card uses"),
        ] {
            if n > 0 {
                out.push_str(&format!("  skipped {n} {why}\n"));
            }
        }
        if k.incomplete_cards > 0 {
            out.push_str(&format!(
                "  note: {} cards' history does not start with learning steps (cut short in Anki); recall replays the answers present, Anki starts from an estimate\n",
                k.incomplete_cards
            ));
        }
    }
    let history: usize = plan.iter().map(|p| p.history.len()).sum();
    let media: usize = plan.iter().map(|p| p.media.len()).sum();
    if history + media == 0 {
        return out;
    }
    match written {
        Some(w) => {
            let older = match w.events_older {
                0 => String::new(),
                n => format!(", {n} older than the card's latest event in recall (skipped)"),
            };
            out.push_str(&format!(
                "review log: {} events added, {} already there{older}; media: {} files written, {} unchanged\n",
                w.events_added, w.events_present, w.media_written, w.media_unchanged
            ))
        }
        None => out.push_str(&format!(
            "would add up to {history} events to the review log and {media} media files\n"
        )),
    }
    out
}

/// Prints (or writes to `output`) one deck in another tool's format.
pub fn run_export(
    deck_id: &str,
    format: ExportFormat,
    output: Option<PathBuf>,
    clock: &super::Clock,
) -> CliResult {
    let paths = Paths::resolve()?;
    if format == ExportFormat::Apkg {
        return export_apkg(&paths, deck_id, output, clock);
    }
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

/// `--format apkg`: the deck and its review history as an Anki package at `output`.
fn export_apkg(
    paths: &Paths,
    deck_id: &str,
    output: Option<PathBuf>,
    clock: &super::Clock,
) -> CliResult {
    let Some(output) = output else {
        return Err(CliError::input(anyhow::anyhow!(
            "an Anki package is a binary file: give -o FILE.apkg"
        )));
    };
    let now = clock.now();
    let opened = super::open_read_only(paths, clock)?;
    let col = &opened.collection;
    let Some(deck) = col.decks.iter().find(|d| d.id == deck_id) else {
        return Err(CliError::input(anyhow::anyhow!(
            "no deck {deck_id:?}; `recall decks` lists them"
        )));
    };
    // The media files the cards show, from where the package import put them.
    let dir = recall::import::media_dir(&paths.data_dir, &deck.id);
    let mut media = Vec::new();
    let mut missing = Vec::new();
    for name in media_names(deck) {
        match recall::store::read_regular(&dir.join(&name)) {
            Ok(bytes) => media.push((name, bytes)),
            Err(_) => missing.push(name),
        }
    }
    let (bytes, done) = write_package(deck, &opened.log, &opened.scheduler, now, &media)
        .map_err(|e| anyhow::anyhow!("cannot write {deck_id}: {e}"))?;
    recall::store::write_target(&output, &bytes)?;
    outln!(
        "{}",
        recall::text::inert(&format!(
            "exported {} notes and {} review log entries to {}",
            done.notes,
            done.revlog,
            output.display()
        ))
    );
    if done.media + missing.len() > 0 {
        outln!(
            "{}",
            recall::text::inert(&format!(
                "media: {} files from {}{}",
                done.media,
                dir.display(),
                if missing.is_empty() {
                    String::new()
                } else {
                    format!("; not found there, left out: {}", missing.join(", "))
                }
            ))
        );
    }
    Ok(ExitCode::SUCCESS)
}
