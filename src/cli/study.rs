//! `recall` with no subcommand: the study TUI, with the writer lock held.

use std::io::IsTerminal;
use std::process::ExitCode;

use std::path::PathBuf;

use recall::import::add::{AddError, NewCard};
use recall::import::{plan_import, write_import, ImportOptions, Source};
use recall::quiz::QuizLog;
use recall::schedule::Millis;
use recall::store::{logset, Paths, ReviewLog, WriterLock};
use recall::study::limits;

use super::{open_start, CliResult, Clock};
use crate::tui::{
    self, AddFailed, App, CardAdded, EditRequest, Imported, Importer, QuizEnv, Refreshed, Setup,
    Status, Theme,
};

/// Whether the TUI can run: it reads keys from stdin and draws on stdout.
pub fn has_terminal() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

pub fn run(clock: &Clock) -> CliResult {
    run_tui(clock, |_| Ok(()))
}

/// Opens everything the TUI needs (lock, decks, config, both logs), lets `prepare` set up the
/// first screen, and runs the TUI until the user quits.
pub fn run_tui(
    clock: &Clock,
    prepare: impl FnOnce(&mut App) -> Result<(), super::CliError>,
) -> CliResult {
    if !has_terminal() {
        errln!("recall: the study screen needs a terminal (stdin and stdout are not both one).");
        errln!("Commands that work without one:");
        errln!("  recall decks [--json]          list the decks");
        errln!("  recall cards [--deck ID] --json every card's schedule");
        errln!("  recall check PATH...           validate deck files");
        errln!("  recall stats [--json]          reviews, retention, exam readiness");
        errln!("  recall paths                   where recall keeps its files");
        errln!("  recall quiz --history [--json] past quiz attempts and the trend");
        errln!("  recall --help                  everything else");
        return Ok(ExitCode::from(2));
    }
    let paths = Paths::resolve()?;
    let lock = paths.lock_for_writing()?;
    let device = recall::store::device::load_or_create(&paths.device_file)?;
    paths.ensure_log_dirs()?;
    let _ = recall::study::snapshot::make_cache_dir(&paths); // only for speed: may be a file
    recall::trace::mark("writer lock, device id, folders");
    let opened = open_start(&paths, clock, true)?;
    recall::trace::mark("collection open");
    let log = ReviewLog::open_append(&paths.own_log(&device))?;
    let history = opened.log;
    let recent_ms = opened.recent_ms;
    // Whether any answer is in the log: read from the log when it was loaded whole, else (a
    // start from the snapshot, which reads no old lines) from the cards' replayed states.
    let answered_before = match &history {
        Some(log) => log
            .events
            .iter()
            .any(|e| matches!(e.kind, recall::store::EventKind::Review { .. })),
        None => opened
            .collection
            .cards
            .iter()
            .any(|c| c.state.last_review.is_some()),
    };
    let day_limits = limits(
        &opened.config,
        &opened.collection,
        &opened.scheduler,
        clock.now(),
    );
    recall::trace::mark("daily limits");
    // Without a full load at start (a snapshot was used), the stats read the log when opened.
    let history = match history {
        Some(log) => recall::stats::history::History::new(log, &device),
        None => recall::stats::history::History::unread(
            paths.clone(),
            &device,
            recent_ms,
            answered_before,
        ),
    };
    // Home opens once, with the history (its welcome, its estimate) and the config (its plan).
    let setup = Setup {
        history,
        config: opened.config.clone(),
    };
    let mut app = App::new(
        opened.collection,
        opened.scheduler,
        day_limits,
        Box::new(log),
        clock.now(),
        setup,
    )
    .with_quiz(QuizEnv {
        attempts: Some(Box::new(QuizLog::open_append(
            &paths.own_quiz_log(&device),
        )?)),
        pass_mark: opened.config.pass_mark,
        seconds_per_question: opened.config.seconds_per_question,
        minutes: None,
        exit_when_done: false,
    });
    recall::trace::mark("app built, Home counted");
    // The importer holds the writer lock; it is released when the app is dropped.
    let mut importer = TuiImporter {
        paths: paths.clone(),
        utc_offset_secs: clock.utc_offset_secs,
        lock,
        device: device.clone(),
        seen: Vec::new(),
    };
    importer.seen = importer.others();
    app.ctx.importer = Some(Box::new(importer));
    app.ctx.config_store = Some(Box::new(super::tui_config::TuiConfig::new(
        paths.config_file.clone(),
        clock.utc_offset_secs,
    )));
    // The line on why a new card comes back in minutes is for the learner's first session:
    // once any answer is in the log, they have met learning steps before.
    app.ctx.learning_note_shown = answered_before;
    if let Some(first) = opened.warnings.first() {
        let more = opened.warnings.len() - 1;
        app.ctx.status = Some(Status::error(if more == 0 {
            first.clone()
        } else {
            format!("{first} (+{more} more warnings; `recall cards` prints them)")
        }));
    }
    prepare(&mut app)?;
    let own_log = paths.own_log(&device);
    let length = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let before = length(&own_log);
    let exit = tui::run(&mut app, Theme::from_env(), || clock.now())?;
    // After a run that answered something, the snapshot takes in this run's lines, so the
    // next start replays only what comes after (a cache: failing to write it changes
    // nothing but the next start's speed).
    if matches!(exit, tui::Exit::Quit) && length(&own_log) != before {
        let decks = std::mem::take(&mut app.ctx.collection.decks);
        let _ = recall::study::snapshot::checkpoint(&paths, decks, &app.ctx.scheduler, clock.now());
    }
    // The terminal is restored and every answer was synced when it was made: the writer
    // lock is released (with the importer), and the collection and history are left for the
    // process's exit to reclaim.
    app.ctx.importer = None;
    super::leave_at_exit(app);
    Ok(exit.code())
}

/// How many report lines the TUI shows before summing up the rest.
const MAX_REPORT_LINES: usize = 12;

/// `i` on Home: imports under the TUI's writer lock, then reloads decks and log.
struct TuiImporter {
    paths: Paths,
    utc_offset_secs: i32,
    lock: WriterLock,
    /// This machine's device id: its own log is not "news from another device".
    device: String,
    /// Other devices' log files as last read (name, size, modification time).
    seen: Fingerprint,
}

type Fingerprint = Vec<(String, u64, Option<std::time::SystemTime>)>;

impl TuiImporter {
    /// The other devices' log files as they are now.
    fn others(&self) -> Fingerprint {
        let (files, _) = logset::review_log_files(&self.paths);
        let others: Vec<_> = files
            .into_iter()
            .filter(|f| f.name != self.device)
            .collect();
        logset::fingerprint(&others)
    }
}

impl Importer for TuiImporter {
    fn refresh(&mut self, now: Millis) -> Option<Result<Refreshed, String>> {
        let current = self.others();
        if current == self.seen {
            return None;
        }
        let changed: Vec<String> = current
            .iter()
            .filter(|f| !self.seen.contains(f))
            .map(|f| f.0.clone())
            .collect();
        self.seen = current;
        let opened = match recall::library::open(&self.paths, now, self.utc_offset_secs) {
            Ok(o) => o,
            Err(e) => return Some(Err(format!("reading the other devices' logs failed: {e}"))),
        };
        Some(Ok(Refreshed {
            collection: opened.collection,
            history: recall::stats::history::History::new(opened.log, &self.device),
            message: format!("New answers from {} read.", changed.join(", ")),
        }))
    }

    fn edit_target(
        &mut self,
        deck: &recall::deck::Deck,
        card: &recall::deck::Card,
    ) -> Result<recall::edit::Target, String> {
        // Written under the writer lock this importer holds.
        recall::edit::target(&self.paths.decks_dir, deck, card).map_err(|e| e.to_string())
    }

    fn reload_after_edit(&mut self, edit: &EditRequest, now: Millis) -> Result<Refreshed, String> {
        use recall::edit::{check, Checked};
        match check(&edit.file, &edit.deck_id) {
            Checked::Broken(errors) => {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                let more = match errors.len() {
                    0 | 1 => String::new(),
                    n => format!(" (+{} more; `recall check FILE` lists them)", n - 1),
                };
                Err(format!(
                    "{first}{more} — the deck as it was before stays loaded until the file is fixed (e edits it again)"
                ))
            }
            Checked::Good(deck) => {
                let opened = recall::library::open(&self.paths, now, self.utc_offset_secs)
                    .map_err(|e| {
                        format!("the deck is fine, but reading everything again failed: {e}")
                    })?;
                Ok(Refreshed {
                    collection: opened.collection,
                    history: recall::stats::history::History::new(opened.log, &self.device),
                    message: format!(
                        "{}: checked and read again ({} cards); progress kept.",
                        edit.file.display(),
                        deck.cards.len()
                    ),
                })
            }
        }
    }

    fn add_card(
        &mut self,
        deck: &str,
        title: Option<&str>,
        card: NewCard,
        now: Millis,
    ) -> Result<CardAdded, AddFailed> {
        let added = recall::import::add::add_card_titled(
            &self.paths.decks_dir,
            deck,
            title,
            card,
            &self.lock,
        )
        .map_err(|e| match e {
            AddError::Input(message) => AddFailed::Input(message),
            AddError::Store(e) => AddFailed::Write(e.to_string()),
        })?;
        let opened =
            recall::library::open(&self.paths, now, self.utc_offset_secs).map_err(|e| {
                AddFailed::Write(format!(
                    "the card was written, but reading the decks again failed: {e}"
                ))
            })?;
        Ok(CardAdded {
            collection: opened.collection,
            deck_id: added.deck_id,
            card_id: added.card_id,
            new_deck: added.new_deck,
        })
    }

    fn import(&mut self, path: &str, now: Millis) -> Result<Imported, String> {
        let path = match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
            _ => PathBuf::from(path),
        };
        // Non-blocking open and the regular-file check: a FIFO or a device named here is
        // refused at once instead of freezing the screen.
        let bytes =
            recall::store::read_regular(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let sources = [Source { path, bytes }];
        let plan = plan_import(&self.paths.decks_dir, &sources, &ImportOptions::default())
            .map_err(|e| e.to_string().replace('\n', "; "))?;
        let written = write_import(&plan, &self.paths, &self.lock).map_err(|e| e.to_string())?;
        let opened = recall::library::open(&self.paths, now, self.utc_offset_secs)
            .map_err(|e| format!("imported, but reloading failed: {e}"))?;
        // The popup has room for a screenful; the command line lists every skip.
        let mut report: Vec<String> = plan
            .iter()
            .flat_map(|p| {
                super::import::report(p, false)
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        report.extend(
            super::import::history_report(&plan, Some(written))
                .lines()
                .map(str::to_string),
        );
        if report.len() > MAX_REPORT_LINES {
            let more = report.len() - MAX_REPORT_LINES;
            report.truncate(MAX_REPORT_LINES);
            report.push(format!(
                "  … and {more} more lines (`recall import --dry-run FILE` lists them all)"
            ));
        }
        Ok(Imported {
            report,
            collection: opened.collection,
            deck_id: plan.first().map(|p| p.deck.id.clone()).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::{Action, Screen};
    use recall::study::Limits;

    #[test]
    fn i_on_home_imports_writes_the_deck_and_reloads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::under(dir.path());
        paths.ensure_data_dir().expect("data dir");
        let csv = dir.path().join("my cards.csv");
        std::fs::write(&csv, "S3,Object storage\nEBS,\n").expect("csv");
        let lock = WriterLock::acquire(&paths.lock_file).expect("lock");
        let now = 1_795_428_000_000;
        let opened = recall::library::open(&paths, now, 0).expect("open");
        let before = opened.collection.decks.len();
        let log = ReviewLog::open_append(&paths.reviews).expect("log");
        let mut app = App::new(
            opened.collection,
            opened.scheduler,
            Limits::default(),
            Box::new(log),
            now,
            Default::default(),
        );
        app.ctx.importer = Some(Box::new(TuiImporter {
            paths: paths.clone(),
            utc_offset_secs: 0,
            lock,
            device: "me-00000001".into(),
            seen: Vec::new(),
        }));
        app.update(Action::Import, now);
        for c in csv.display().to_string().chars() {
            app.update(Action::Type(c), now);
        }
        app.update(Action::Submit, now);
        let Screen::Home(home) = &app.screen else {
            panic!("home");
        };
        let report = home.report.clone().expect("report shown");
        assert_eq!(
            report,
            vec![
                format!(
                    "imported {} (csv) into deck \"my-cards\" ({}): 1 added, 0 updated, 0 unchanged, 0 archived, 1 skipped",
                    csv.display(),
                    paths.decks_dir.join("my-cards.toml").display()
                ),
                format!("  skipped {}:2: empty back", csv.display()),
            ]
        );
        assert_eq!(app.ctx.collection.decks.len(), before + 1);
        assert_eq!(app.ctx.collection.decks[home.selected].id, "my-cards");
        assert!(paths.decks_dir.join("my-cards.toml").is_file());

        // A long report is cut to a screenful, saying how much more there is.
        let many = dir.path().join("many.csv");
        let rows: String = (0..20).map(|i| format!("front {i},\n")).collect();
        std::fs::write(&many, format!("S3,Object storage\n{rows}")).expect("csv");
        app.update(Action::Back, now);
        app.update(Action::Import, now);
        for c in many.display().to_string().chars() {
            app.update(Action::Type(c), now);
        }
        app.update(Action::Submit, now);
        let Screen::Home(home) = &app.screen else {
            panic!("home");
        };
        let report = home.report.clone().expect("report shown");
        assert_eq!(report.len(), MAX_REPORT_LINES + 1);
        assert_eq!(
            report[MAX_REPORT_LINES],
            "  … and 9 more lines (`recall import --dry-run FILE` lists them all)"
        );
    }

    /// `i` given a FIFO or a device must answer at once: the TUI's loop waits on it, and a
    /// blocked loop ignores esc, q and ctrl-c.
    #[test]
    fn the_import_prompt_refuses_a_fifo_or_device_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::under(dir.path());
        paths.ensure_data_dir().expect("data dir");
        let fifo = dir.path().join("cards.csv");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo(1)");
        assert!(ok.success());
        let lock = WriterLock::acquire(&paths.lock_file).expect("lock");
        let mut importer = TuiImporter {
            paths,
            utc_offset_secs: 0,
            lock,
            device: "me-00000001".into(),
            seen: Vec::new(),
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.display().to_string();
        std::thread::spawn(move || {
            let results = [path.as_str(), "/dev/zero"].map(|p| importer.import(p, 0).err());
            let _ = tx.send(results);
        });
        let results = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("answered instead of blocking");
        for err in results {
            let err = err.expect("refused");
            assert!(err.ends_with("not a regular file"), "{err}");
        }
    }

    #[test]
    fn home_reads_another_devices_new_answers_and_only_when_they_changed() {
        use recall::store::EventKind;
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::under(dir.path());
        paths.ensure_data_dir().expect("data dir");
        paths.ensure_log_dirs().expect("log dirs");
        let lock = WriterLock::acquire(&paths.lock_file).expect("lock");
        let now = 1_795_428_000_000;
        let opened = recall::library::open(&paths, now, 0).expect("open");
        let own = ReviewLog::open_append(&paths.own_log("me-00000001")).expect("own log");
        let mut app = App::new(
            opened.collection,
            opened.scheduler,
            Limits::default(),
            Box::new(own),
            now,
            Default::default(),
        );
        let mut importer = TuiImporter {
            paths: paths.clone(),
            utc_offset_secs: 0,
            lock,
            device: "me-00000001".into(),
            seen: Vec::new(),
        };
        importer.seen = importer.others();
        app.ctx.importer = Some(Box::new(importer));
        let card = "s3-security/sse-options";
        let reps = |app: &App| {
            let i = app.ctx.collection.find(card).expect("card");
            app.ctx.collection.cards[i].state.reps
        };
        // Nothing changed: Home keeps the collection it has.
        app.update(Action::Stats, now);
        app.update(Action::Back, now);
        assert_eq!(reps(&app), 0);
        assert_eq!(app.ctx.status, None);
        // A sync tool brings the laptop's answer; the next time Home is shown it counts.
        let mut other =
            ReviewLog::open_append(&paths.own_log("laptop-0000aaaa")).expect("other log");
        other
            .append(
                now - 3_600_000,
                card,
                EventKind::Review {
                    rating: 3,
                    ms: 2000,
                },
            )
            .expect("append");
        app.update(Action::Stats, now);
        app.update(Action::Back, now);
        assert_eq!(reps(&app), 1);
        let status = app.ctx.status.clone().expect("said so").text;
        assert!(status.contains("laptop-0000aaaa"), "{status}");
    }
}

#[cfg(test)]
#[path = "study_edit_tests.rs"]
mod edit_tests;
