//! Importing into the data dir: plan everything first (parse, settle ids, merge with the stored
//! deck), then write each deck as TOML with temp file + rename. Any problem found while
//! planning leaves the data dir untouched; a failed write puts back what was written before.

use std::path::{Path, PathBuf};

use super::apkg::{self, HistoryEvent, MediaFile, PackageSummary};
use super::deck_file::{planned, stored_deck};
use super::names::{check_deck_id, free_path, slug, stem};
use super::{detect, merge, parse_with, settle, Format, ImportError, MergeCounts, Parsed, Skip};
use crate::deck::{builtin_decks, Deck, DeckError, DeckSource};
use crate::library::read_deck_files;
use crate::store::{write_atomically, StoreError, WriterLock};

/// One file to import: the name used in messages, and its bytes.
pub struct Source {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// `recall import` options.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Put every file into this deck (default: each file's own deck id or file name).
    pub deck: Option<String>,
    /// `None` detects each file's format.
    pub format: Option<Format>,
    /// CSV/TSV: the first row names the columns (`--header`).
    pub header: bool,
    /// CSV/TSV: the field separator (`--separator`), instead of the format's own.
    pub separator: Option<u8>,
}

/// One deck an import will write, with its report.
#[derive(Clone, Debug)]
pub struct PlannedDeck {
    pub deck: Deck,
    pub path: PathBuf,
    pub toml: String,
    pub counts: MergeCounts,
    pub skipped: Vec<Skip>,
    /// The files that went into it, each with the format it was read as.
    pub files: Vec<(String, Format)>,
    /// The stored file as it was when planned (None: absent), so a change since is noticed.
    pub before: Option<Vec<u8>>,
    /// Review history from an Anki package, for cards of this deck (card ids in the deck).
    pub history: Vec<HistoryEvent>,
    /// Media files from an Anki package that this deck's cards show.
    pub media: Vec<MediaFile>,
    /// What the Anki package held (on the first deck planned from each package).
    pub package: Option<PackageSummary>,
}

/// What a package adds to its decks beyond cards.
#[derive(Default)]
struct Extras {
    history: Vec<HistoryEvent>,
    media: Vec<MediaFile>,
    package: Option<PackageSummary>,
}

/// One source file read: its name, the format it was read as, and what it holds.
type FileParsed = (String, Format, Parsed);

/// Reads, checks and merges every source; writes nothing.
pub fn plan_import(
    decks_dir: &Path,
    sources: &[Source],
    opts: &ImportOptions,
) -> Result<Vec<PlannedDeck>, ImportError> {
    // Parsed once per import, not once per source file.
    let builtin_ids: Vec<String> = builtin_decks()
        .map(|decks| decks.into_iter().map(|d| d.id).collect())
        .unwrap_or_default();
    if let Some(id) = &opts.deck {
        check_deck_id(id, "--deck", &builtin_ids)?;
    }
    let mut groups: Vec<(String, Vec<FileParsed>)> = Vec::new();
    let mut extras: std::collections::HashMap<String, Extras> = Default::default();
    for src in sources {
        let name = src.path.display().to_string();
        let is_package = match opts.format {
            Some(f) => f == Format::Apkg,
            None => apkg::is_package(&src.path, &src.bytes),
        };
        if is_package {
            let package =
                apkg::read(&src.bytes, &name).map_err(|e| DeckError::at(&name, None, None, e))?;
            let mut summary = Some(package.summary);
            for deck in package.decks {
                let id = opts.deck.clone().unwrap_or(deck.id);
                check_deck_id(&id, &name, &builtin_ids)?;
                let extra = extras.entry(id.clone()).or_default();
                extra.history.extend(deck.history);
                extra.media.extend(deck.media);
                if extra.package.is_none() {
                    extra.package = summary.take();
                }
                add_to_group(&mut groups, id, (name.clone(), Format::Apkg, deck.parsed));
            }
            continue;
        }
        let text = super::decode(&src.bytes, &name)?;
        let format = match opts.format.or_else(|| detect(&src.path, text)) {
            Some(f) => f,
            None => {
                return Err(DeckError::at(
                    &name,
                    None,
                    None,
                    "cannot tell the format from the name or the content; give --format toml, anki, csv, tsv or markdown",
                )
                .into())
            }
        };
        let mut parsed = parse_with(format, text, &name, opts)?;
        let split = std::mem::take(&mut parsed.split);
        if opts.deck.is_some() {
            for (_, p) in split {
                parsed.drafts.extend(p.drafts);
            }
        } else if !split.is_empty() {
            // Several Anki decks in one file: each its own deck, named like a package's.
            let title = parsed.title.clone().unwrap_or_else(|| stem(&src.path));
            for (deck, p) in std::iter::once((title, parsed)).chain(split) {
                let id = apkg::deck_id(&deck);
                check_deck_id(&id, &name, &builtin_ids)?;
                add_to_group(&mut groups, id, (name.clone(), format, p));
            }
            continue;
        }
        let id = match (&opts.deck, &parsed.deck_id) {
            (Some(id), _) | (None, Some(id)) => id.clone(),
            (None, None) => slug(&src.path),
        };
        // A deck file naming a built-in deck's own id is an edited copy of it: it is stored
        // as that deck's override (same deck and card ids, progress kept; `crate::edit`).
        let own_builtin_id =
            opts.deck.is_none() && parsed.deck_id.is_some() && format == Format::Toml;
        check_deck_id(&id, &name, if own_builtin_id { &[] } else { &builtin_ids })?;
        add_to_group(&mut groups, id, (name, format, parsed));
    }
    let stored = read_deck_files(decks_dir);
    let mut plan: Vec<PlannedDeck> = Vec::with_capacity(groups.len());
    for (id, files) in groups {
        let claimed: Vec<&Path> = plan.iter().map(|p| p.path.as_path()).collect();
        let extra = extras.remove(&id).unwrap_or_default();
        let mut planned = plan_deck(decks_dir, &stored, &claimed, id, files)?;
        // History only for cards the deck kept (a duplicate front was skipped).
        let kept: std::collections::HashSet<&str> =
            planned.deck.cards.iter().map(|c| c.id.as_str()).collect();
        planned.history = extra
            .history
            .into_iter()
            .filter(|e| kept.contains(e.card.as_str()))
            .collect();
        planned.media = extra.media;
        planned.package = extra.package;
        plan.push(planned);
    }
    Ok(plan)
}

fn add_to_group(groups: &mut Vec<(String, Vec<FileParsed>)>, id: String, file: FileParsed) {
    match groups.iter_mut().find(|(g, _)| *g == id) {
        Some((_, files)) => files.push(file),
        None => groups.push((id, vec![file])),
    }
}

fn plan_deck(
    decks_dir: &Path,
    stored: &[(PathBuf, Result<Deck, Vec<DeckError>>)],
    claimed: &[&Path],
    id: String,
    files: Vec<FileParsed>,
) -> Result<PlannedDeck, ImportError> {
    let existing = stored_deck(decks_dir, stored, &id)?;
    let first = &files[0];
    let title = first
        .2
        .title
        .clone()
        .or_else(|| existing.as_ref().map(|(_, d)| d.title.clone()))
        .unwrap_or_else(|| stem(Path::new(&first.0)));
    // A source that names no section or description keeps what the stored deck has.
    let stored_deck = existing.as_ref().map(|(_, d)| *d);
    let section = match (&first.2.section, stored_deck) {
        (s, Some(d)) if s.is_empty() => d.section.clone(),
        (s, _) => s.clone(),
    };
    let description = first
        .2
        .description
        .clone()
        .or_else(|| stored_deck.and_then(|d| d.description.clone()));
    let names: Vec<(String, Format)> = files.iter().map(|(n, f, _)| (n.clone(), *f)).collect();
    let (cards, skipped) = settle(files.into_iter().map(|(n, _, p)| (n, p)).collect());
    if cards.is_empty() {
        let why = skipped.first().map_or(String::new(), |s| {
            format!(" ({} lines skipped; first: {s})", skipped.len())
        });
        return Err(
            DeckError::at(&names[0].0, None, None, format!("no cards to import{why}")).into(),
        );
    }
    let path = match &existing {
        Some((p, _)) => p.clone(),
        None => free_path(decks_dir, &id, claimed),
    };
    let incoming = Deck {
        id,
        title,
        section,
        description,
        cards,
        source: DeckSource::File(path.clone()),
    };
    let (deck, counts) = merge(existing.map(|(_, d)| d), incoming);
    planned(deck, path, counts, skipped, names)
}

/// Writes every planned deck (the writer lock proves nobody else writes meanwhile). A deck
/// file changed since it was planned stops the import before anything is written; if one write
/// fails, the decks already written are put back as they were.
pub fn write_plan(plan: &[PlannedDeck], _lock: &WriterLock) -> Result<(), StoreError> {
    for p in plan {
        if crate::store::read_regular(&p.path).ok() != p.before {
            return Err(StoreError::io(
                &p.path,
                std::io::Error::other("changed while importing; nothing was written, try again"),
            ));
        }
    }
    // Every folder first, so that a failure there happens before anything is written.
    let mut dirs: Vec<&Path> = plan.iter().filter_map(|p| p.path.parent()).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    }
    let mut done: Vec<(&Path, &Option<Vec<u8>>)> = Vec::new();
    for p in plan {
        if let Err(e) = write_atomically(&p.path, p.toml.as_bytes()) {
            let failures: Vec<StoreError> = done
                .into_iter()
                .rev()
                .filter_map(|(path, old)| {
                    match old {
                        Some(bytes) => write_atomically(path, bytes),
                        None => std::fs::remove_file(path).map_err(|e| StoreError::io(path, e)),
                    }
                    .err()
                })
                .collect();
            return Err(with_restore_failures(e, &failures));
        }
        done.push((&p.path, &p.before));
    }
    Ok(())
}

/// The write error, plus every deck that could not be put back (the user must know which
/// files now hold what the import half did).
fn with_restore_failures(e: StoreError, failures: &[StoreError]) -> StoreError {
    if failures.is_empty() {
        return e;
    }
    let list: Vec<String> = failures.iter().map(ToString::to_string).collect();
    let (path, source) = match e {
        StoreError::Io { path, source } => (path, source.to_string()),
        other => (PathBuf::new(), other.to_string()),
    };
    StoreError::Io {
        path,
        source: std::io::Error::other(format!(
            "{source}; putting back the decks written before it failed too: {}",
            list.join("; ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::deck_file::loads_back;
    use super::*;

    fn deck_toml(id: &str, front: &str) -> String {
        format!("[deck]\nid = \"{id}\"\ntitle = \"T\"\n\n[[cards]]\nid = \"a\"\nfront = \"{front}\"\nback = \"B\"\n")
    }

    fn csv(name: &str) -> Source {
        Source {
            path: PathBuf::from(name),
            bytes: b"New?,Yes\n".to_vec(),
        }
    }

    #[test]
    fn two_files_with_one_id_update_the_first_like_the_library_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.toml"), deck_toml("dup", "First")).expect("write");
        std::fs::write(dir.path().join("b.toml"), deck_toml("dup", "Second")).expect("write");
        let plan =
            plan_import(dir.path(), &[csv("dup.csv")], &ImportOptions::default()).expect("plans");
        assert_eq!(plan[0].path, dir.path().join("a.toml"));
        let fronts: Vec<String> = plan[0]
            .deck
            .cards
            .iter()
            .map(|c| c.content.prompt())
            .collect();
        assert!(fronts.contains(&"First".to_string()), "{fronts:?}");
    }

    #[test]
    fn a_new_deck_never_replaces_a_file_holding_another_deck() {
        let dir = tempfile::tempdir().expect("temp dir");
        // foo.toml's id was changed by hand to "bar"; foo-2.toml is taken too.
        std::fs::write(dir.path().join("foo.toml"), deck_toml("bar", "Bar")).expect("write");
        std::fs::write(dir.path().join("foo-2.toml"), "not a deck").expect("write");
        let sources = [csv("foo.csv"), csv("Foo 3.csv")];
        let plan = plan_import(dir.path(), &sources, &ImportOptions::default()).expect("plans");
        assert_eq!(plan[0].deck.id, "foo");
        assert_eq!(plan[0].path, dir.path().join("foo-3.toml"));
        assert_eq!(plan[0].before, None);
        // Deck "foo-3" would have had foo-3.toml, which this import gave to "foo".
        assert_eq!(plan[1].deck.id, "foo-3");
        assert_eq!(plan[1].path, dir.path().join("foo-3-2.toml"));
        let lock_dir = tempfile::tempdir().expect("temp dir");
        let lock = WriterLock::acquire(&lock_dir.path().join("lock")).expect("lock");
        write_plan(&plan, &lock).expect("writes");
        let (decks, warnings) = crate::library::load_decks(dir.path()).expect("loads");
        assert!(decks.iter().any(|d| d.id == "bar"), "{warnings:?}");
        assert!(decks.iter().any(|d| d.id == "foo") && decks.iter().any(|d| d.id == "foo-3"));
        // Importing foo.csv again updates the deck where it now lives.
        let again =
            plan_import(dir.path(), &[csv("foo.csv")], &ImportOptions::default()).expect("plans");
        assert_eq!(again[0].path, dir.path().join("foo-3.toml"));
    }

    #[test]
    fn over_long_foreign_ids_become_ids_recall_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let long = "g".repeat(128);
        let spaced = format!("{} x", "s".repeat(70));
        let text = format!(
            "#separator:tab\n#notetype column:1\n#guid column:2\n\
             Cloze\t{long}\t{{{{c1::a}}}} and {{{{c2::b}}}}\t\n\
             Basic\t{spaced}\tFront?\tBack\n"
        );
        let source = Source {
            path: PathBuf::from("long.txt"),
            bytes: text.into_bytes(),
        };
        let plan = plan_import(dir.path(), &[source], &ImportOptions::default()).expect("plans");
        assert_eq!(plan[0].deck.cards.len(), 3);
        assert!(plan[0].deck.cards.iter().all(|c| c.id.len() <= 128));
        let lock_dir = tempfile::tempdir().expect("temp dir");
        let lock = WriterLock::acquire(&lock_dir.path().join("lock")).expect("lock");
        write_plan(&plan, &lock).expect("writes");
        let (decks, warnings) = crate::library::load_decks(dir.path()).expect("loads");
        assert!(warnings.is_empty(), "{warnings:?}");
        let deck = decks.iter().find(|d| d.id == "long").expect("loaded");
        assert_eq!(deck.cards.len(), 3);
    }

    #[test]
    fn a_deck_that_would_not_load_is_refused_before_writing() {
        let e = loads_back("[deck]\nid = \"x\"\n", Path::new("d/x.toml")).expect_err("no title");
        assert!(e.to_string().contains("d/x.toml"), "{e}");
        assert!(e.to_string().contains("nothing was written"), "{e}");
        let ok = "[deck]\nid = \"x\"\ntitle = \"X\"\n\n[[cards]]\nid = \"a\"\nfront = \"A\"\nback = \"B\"\n";
        loads_back(ok, Path::new("d/x.toml")).expect("loads");
    }

    fn lock() -> (tempfile::TempDir, WriterLock) {
        let dir = tempfile::tempdir().expect("temp dir");
        let lock = WriterLock::acquire(&dir.path().join("lock")).expect("lock");
        (dir, lock)
    }

    #[test]
    fn a_failed_write_puts_back_the_decks_written_before() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = deck_toml("a", "Old");
        std::fs::write(dir.path().join("a.toml"), &old).expect("write");
        let sources = [csv("a.csv"), csv("b.csv"), csv("c.csv")];
        let plan = plan_import(dir.path(), &sources, &ImportOptions::default()).expect("plans");
        // A folder where c.toml should go: renaming onto it fails, even for root.
        std::fs::create_dir(dir.path().join("c.toml")).expect("dir");
        let (_l, lock) = lock();
        let e = write_plan(&plan, &lock).expect_err("c.toml cannot be written");
        assert!(e.to_string().contains("c.toml"), "{e}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.toml")).expect("a"),
            old
        );
        assert!(!dir.path().join("b.toml").exists());
    }

    #[test]
    fn a_decks_folder_that_cannot_be_made_writes_nothing() {
        let home = tempfile::tempdir().expect("temp dir");
        std::fs::write(home.path().join("file"), "a regular file").expect("write");
        let decks = home.path().join("file").join("decks");
        let plan = plan_import(&decks, &[csv("a.csv")], &ImportOptions::default()).expect("plans");
        let (_l, lock) = lock();
        let e = write_plan(&plan, &lock).expect_err("no folder");
        assert!(e.to_string().contains("decks"), "{e}");
    }

    #[test]
    fn restore_failures_are_reported_with_the_write_error() {
        let e = StoreError::io(Path::new("d/c.toml"), std::io::Error::other("disk full"));
        let failures = [StoreError::io(
            Path::new("d/a.toml"),
            std::io::Error::other("read-only"),
        )];
        assert_eq!(
            with_restore_failures(e, &failures).to_string(),
            "d/c.toml: disk full; putting back the decks written before it failed too: d/a.toml: read-only"
        );
        let e = StoreError::io(Path::new("d/c.toml"), std::io::Error::other("disk full"));
        assert_eq!(
            with_restore_failures(e, &[]).to_string(),
            "d/c.toml: disk full"
        );
    }

    #[test]
    fn an_edited_copy_of_a_built_in_deck_is_planned_as_its_override() {
        let dir = tempfile::tempdir().expect("temp dir");
        let builtin = builtin_decks().expect("valid")[0].clone();
        let toml = Source {
            path: PathBuf::from("mine.toml"),
            bytes: crate::deck::BUILTIN_FILES
                .iter()
                .find(|(n, _)| DeckSource::Builtin(n) == builtin.source)
                .expect("embedded")
                .1
                .replacen("\nback = \"", "\nback = \"Corrected: ", 1)
                .into_bytes(),
        };
        let plan = plan_import(dir.path(), &[toml], &ImportOptions::default()).expect("plans");
        assert_eq!(plan[0].deck.id, builtin.id);
        assert_eq!(
            plan[0].path,
            dir.path().join(format!("{}.toml", builtin.id))
        );
        let ids = |d: &Deck| d.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&plan[0].deck), ids(&builtin), "card ids kept");
    }

    #[test]
    fn a_source_put_into_a_built_in_deck_id_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let builtin = builtin_decks().expect("valid")[0].id.clone();
        let csv_named = Source {
            path: PathBuf::from(format!("{builtin}.csv")),
            bytes: b"New?,Yes\n".to_vec(),
        };
        let e = plan_import(
            dir.path(),
            &[csv("ok.csv"), csv_named],
            &ImportOptions::default(),
        )
        .expect_err("built-in id");
        assert!(e.to_string().contains(&format!("{builtin}.csv")), "{e}");
        assert!(e.to_string().contains("belongs to a built-in deck"), "{e}");
    }
}
