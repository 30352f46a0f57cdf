//! `Ctx`: what every screen shares (the collection, scheduler, log sink, clock, terminal
//! size, status line), and the few types that travel with it.
//!
//! Screens take `&mut Ctx` in their update and `&Ctx` in their view. This file sits below
//! every screen and the router: it imports no screen, no view and not `app.rs`.

use recall::import::add::NewCard;
use recall::quiz::AttemptSink;
use recall::schedule::{Millis, Scheduler};
use recall::stats::history::History;
use recall::store::Config;
use recall::study::{Collection, EventSink, Limits, Scope, UndoStack};

/// The state shared by all screens. Fields are public so that an update can borrow the
/// collection and the sink apart, as answering a card needs.
pub struct Ctx {
    pub collection: Collection,
    pub scheduler: Scheduler,
    pub limits: Limits,
    pub sink: Box<dyn EventSink>,
    /// The review log as loaded, plus every event this run appended: what stats read.
    pub history: History,
    /// The time of the latest update; views use it for intervals and counts.
    pub now: Millis,
    /// The terminal's size (columns, rows), so that scrolling knows where a text ends.
    pub size: (u16, u16),
    pub status: Option<Status>,
    /// The deck last studied, so Home comes back with it selected.
    pub last_deck: usize,
    /// What `u` can take back once a study screen closed (Anki's undo outlives the screen):
    /// the next session continues it, and `u` on the summary or Home reopens the card.
    pub undo: UndoStack,
    /// The scope of the session that left `undo`: an undo from Home studies there again.
    pub undo_scope: Scope,
    pub quiz_env: QuizEnv,
    /// Set by the binary so `i` on Home can import; None hides nothing, it just says so.
    pub importer: Option<Box<dyn Importer>>,
    /// The settings in force: Home's plan reads them; `x` and a changed config.toml replace
    /// them (with the scheduler, limits and quiz rules) through `settings::apply`.
    pub config: Config,
    /// Set by the binary so `x` can write the exam date and Home can notice a config.toml
    /// changed by hand; None (tests) says so instead.
    pub config_store: Option<Box<dyn ConfigStore>>,
    /// The first-run welcome was closed in this run (`?` on Home still shows it).
    pub welcome_closed: bool,
    /// The line on why a new card comes back in minutes was shown, or is not needed: it is
    /// shown once, in the first session (the binary sets this when the log already holds
    /// answers at start).
    pub learning_note_shown: bool,
}

/// config.toml as the running TUI sees it (the binary's side does the I/O; tests use a
/// double). Errors are messages in words for the screen.
pub trait ConfigStore {
    /// Sets one key from what was typed (for `exam_date`: "", "none" clears it), keeping the
    /// file's comments, under the writer lock the TUI holds; nothing is written on an error.
    /// Returns the config now in the file.
    fn set(&mut self, key: &str, raw: &str, now: Millis) -> Result<Config, String>;

    /// config.toml read again when its size or modification time changed since it was last
    /// read (one `stat` otherwise); None when unchanged.
    fn changed(&mut self) -> Option<Result<Config, String>>;
}

/// A one-line message under the screen: what just happened, or what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            is_error: false,
        }
    }

    pub fn error(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            is_error: true,
        }
    }
}

/// What an import gives the TUI: the report's lines, the reloaded collection, the deck id.
pub struct Imported {
    pub report: Vec<String>,
    pub collection: Collection,
    pub deck_id: String,
}

/// The collection read again because another device's log changed (a sync brought new lines).
pub struct Refreshed {
    pub collection: Collection,
    pub history: History,
    /// What to tell the user, e.g. which devices' answers came in.
    pub message: String,
}

/// Imports a file into the data dir and reloads the collection (the binary's side does the
/// I/O; tests use a double). An error is a message for the status line.
pub trait Importer {
    fn import(&mut self, path: &str, now: Millis) -> Result<Imported, String>;

    /// Called when Home is shown: reads the collection again if another device's log changed
    /// since it was last read (a cheap look at file sizes and times otherwise); None when
    /// nothing changed.
    fn refresh(&mut self, _now: Millis) -> Option<Result<Refreshed, String>> {
        None
    }

    /// The add-card form's save: writes the card to `deck` (as `recall add` does, under the
    /// lock this run holds) and reads the collection again so the card can be studied.
    fn add_card(
        &mut self,
        _deck: &str,
        _title: Option<&str>,
        _card: NewCard,
        _now: Millis,
    ) -> Result<CardAdded, AddFailed> {
        Err(AddFailed::Write(
            "adding a card needs the data folder, which this run has not opened".into(),
        ))
    }
}

/// A card the add-card form wrote, and the collection read again with it in.
pub struct CardAdded {
    pub collection: Collection,
    pub deck_id: String,
    pub card_id: String,
    /// Whether its deck was created for it.
    pub new_deck: bool,
}

/// Why the add-card form's card was not written: something to fix in the form (the deck
/// already has the card, a bad deck name), or a failed write (the form stays, nothing lost).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddFailed {
    Input(String),
    Write(String),
}

/// What the quiz needs beyond the collection: where attempts go and the config's rules.
pub struct QuizEnv {
    /// `quizzes.jsonl`; None when nothing was opened (attempts then cannot be saved).
    pub attempts: Option<Box<dyn AttemptSink>>,
    pub pass_mark: f32,
    pub seconds_per_question: u32,
    /// `recall quiz --minutes`: the whole quiz's time, replacing seconds per question.
    pub minutes: Option<u32>,
    /// Started by `recall quiz` from the shell: leaving the quiz or its results ends recall
    /// (back to the shell the user came from) instead of opening the deck list.
    pub exit_when_done: bool,
}

impl Default for QuizEnv {
    fn default() -> Self {
        let c = Config::default();
        QuizEnv {
            attempts: None,
            pass_mark: c.pass_mark,
            seconds_per_question: c.seconds_per_question,
            minutes: None,
            exit_when_done: false,
        }
    }
}
