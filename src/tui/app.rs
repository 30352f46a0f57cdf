//! The TUI's state and the one place it changes: `App::update(Action)`.
//!
//! Nothing here draws or reads the terminal; the event loop feeds actions in (with the time),
//! and the views in `ui/` only read the state. That makes every screen testable headless.

use super::quiz::{QuizEnv, QuizSetupState, QuizState, ResultsState};
use recall::schedule::{Millis, Rating, Scheduler};
use recall::stats::history::{History, Tee};
use recall::stats::Stats;
use recall::study::{
    Collection, DueCounts, EventSink, Limits, Queue, Scope, Session, SessionStats,
};

/// Everything a key can ask for; `keys.rs` maps keys to these per screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    /// Home: study the selected deck.
    Open,
    /// Home: study every deck.
    StudyAll,
    Reveal,
    Rate(Rating),
    Undo,
    Bury,
    Suspend,
    /// Study: show which file and id the card comes from.
    Locate,
    ToggleHelp,
    /// Leave the current screen (Home: quit).
    Back,
    Quit,
    /// Time passed with no key (learning cards may have come due).
    Tick,
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// Home: set up a quiz.
    QuizSetup,
    /// Quiz: previous/next question, or change a setup value.
    Left,
    Right,
    /// Quiz: choose option n (0-based); toggles on "choose two" questions.
    Pick(u8),
    Flag,
    Submit,
    /// Answers to a confirmation.
    Yes,
    No,
    /// Typing an answer: a character, and backspace.
    Type(char),
    Erase,
    /// Results: retake only the missed questions; review the mistakes; retry saving.
    Retake,
    Mistakes,
    Save,
    /// Home: ask for a file to import (the prompt then takes Type, Erase and Submit).
    Import,
    /// Home: open the stats screen.
    Stats,
}

/// One row of the Home table, counted when Home is entered (not on every frame).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeckRow {
    pub title: String,
    pub section: String,
    pub cards: usize,
    pub due: DueCounts,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HomeState {
    pub selected: usize,
    pub rows: Vec<DeckRow>,
    pub total: DueCounts,
    /// The import prompt's text while it is open (`i`).
    pub prompt: Option<String>,
    /// The last import's report, shown until dismissed.
    pub report: Option<Vec<String>>,
}

/// What an import gives the TUI: the report's lines, the reloaded collection, the deck id.
pub struct Imported {
    pub report: Vec<String>,
    pub collection: Collection,
    pub deck_id: String,
}

/// Imports a file into the data dir and reloads the collection (the binary's side does the
/// I/O; tests use a double). An error is a message for the status line.
pub trait Importer {
    fn import(&mut self, path: &str, now: Millis) -> Result<Imported, String>;
}

pub struct StudyState {
    pub session: Session,
    pub title: String,
    /// Lines scrolled down in a card too long for the screen, and the card and side
    /// (front, or revealed) they belong to: another card or side starts at the top again.
    pub scroll: u16,
    pub scrolled: (Option<usize>, bool),
    /// Whether the card on screen is a choice card: its question side takes 1-9 to pick.
    pub choice: bool,
    /// The options picked (ascending) on that choice card; emptied when the card changes.
    pub picked: Vec<usize>,
}

impl StudyState {
    /// How far the card on screen is scrolled.
    pub fn scroll(&self) -> u16 {
        let now = (self.session.current(), self.session.is_revealed());
        if self.scrolled == now {
            self.scroll
        } else {
            0
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryState {
    pub title: String,
    pub stats: SessionStats,
    pub elapsed_ms: Millis,
    pub due_tomorrow: usize,
    /// When learning cards wait for later today, when the next one is due.
    pub next_learning: Option<Millis>,
}

/// The stats screen: figures computed when it opened, and how far the deck table scrolled.
pub struct StatsState {
    pub stats: Stats,
    pub scroll: usize,
}

/// The screens, each carrying its own state.
pub enum Screen {
    Home(HomeState),
    Study(StudyState),
    Summary(SummaryState),
    QuizSetup(QuizSetupState),
    Quiz(Box<QuizState>),
    Results(Box<ResultsState>),
    Stats(Box<StatsState>),
}

/// A one-line message under the screen: what just happened, or what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

pub struct App {
    pub collection: Collection,
    pub scheduler: Scheduler,
    pub limits: Limits,
    pub sink: Box<dyn EventSink>,
    pub screen: Screen,
    pub show_help: bool,
    pub status: Option<Status>,
    /// The time of the latest update; views use it for intervals and counts.
    pub now: Millis,
    pub quit: bool,
    /// The terminal's size (columns, rows), so that scrolling knows where a card ends.
    pub size: (u16, u16),
    /// The deck last studied, so Home comes back with it selected.
    pub(super) last_deck: usize,
    pub quiz_env: QuizEnv,
    /// Set by the binary so `i` on Home can import; None hides nothing, it just says so.
    pub importer: Option<Box<dyn Importer>>,
    /// The review log as loaded, plus every event this run appended: what stats read.
    pub history: History,
}

impl App {
    pub fn new(
        collection: Collection,
        scheduler: Scheduler,
        limits: Limits,
        sink: Box<dyn EventSink>,
        now: Millis,
    ) -> App {
        let mut app = App {
            collection,
            scheduler,
            limits,
            sink,
            screen: Screen::Home(HomeState::default()),
            show_help: false,
            status: None,
            now,
            quit: false,
            size: (80, 24),
            last_deck: 0,
            quiz_env: QuizEnv::default(),
            importer: None,
            history: History::default(),
        };
        app.go_home(0);
        app
    }

    /// Applies one action at time `now`.
    pub fn update(&mut self, action: Action, now: Millis) {
        self.now = now;
        if let Action::Resize(w, h) = action {
            self.size = (w, h);
            return;
        }
        if action == Action::ToggleHelp {
            self.show_help = !self.show_help;
            return;
        }
        if self.show_help {
            if matches!(action, Action::Back | Action::Quit) {
                self.show_help = false;
            }
            // Clocks keep running under the help (a quiz's deadline).
            if action != Action::Tick {
                return;
            }
        }
        if action != Action::Tick {
            self.status = None;
        }
        match &mut self.screen {
            Screen::Home(_) => self.update_home(action),
            Screen::Study(_) => self.update_study(action),
            Screen::Summary(_) => {
                if matches!(action, Action::Back | Action::Open | Action::Quit) {
                    self.go_home(self.selected_deck());
                }
            }
            Screen::QuizSetup(_) | Screen::Quiz(_) | Screen::Results(_) => self.update_quiz(action),
            Screen::Stats(st) => match action {
                // The deck table stops at its last row, as drawn in the stats screen's body.
                Action::Up | Action::Down => {
                    let body = ratatui::layout::Rect::new(
                        0,
                        0,
                        self.size.0,
                        self.size.1.saturating_sub(2),
                    );
                    let limit = crate::tui::ui::stats::scroll_limit(st, body);
                    let at = st.scroll.min(limit);
                    st.scroll = if action == Action::Down {
                        (at + 1).min(limit)
                    } else {
                        at.saturating_sub(1)
                    };
                }
                Action::Back | Action::Quit => self.go_home(self.last_deck),
                _ => {}
            },
        }
    }

    fn selected_deck(&self) -> usize {
        match &self.screen {
            Screen::Home(h) => h.selected,
            _ => self.last_deck,
        }
    }

    fn update_home(&mut self, action: Action) {
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        if home.report.is_some() {
            if matches!(
                action,
                Action::Back | Action::Open | Action::Submit | Action::Quit
            ) {
                home.report = None;
            }
            return;
        }
        if let Some(input) = &mut home.prompt {
            match action {
                Action::Type(c) => input.push(c),
                Action::Erase => {
                    input.pop();
                }
                Action::Back => home.prompt = None,
                Action::Quit => self.quit = true,
                Action::Submit => {
                    let path = input.trim().to_string();
                    self.run_import(&path);
                }
                _ => {}
            }
            return;
        }
        let n = home.rows.len();
        match action {
            Action::Up => {
                home.selected = home.selected.checked_sub(1).unwrap_or(n.saturating_sub(1))
            }
            Action::Down => {
                home.selected = if home.selected + 1 >= n {
                    0
                } else {
                    home.selected + 1
                }
            }
            Action::Open if n > 0 => {
                let d = home.selected;
                self.start_study(Scope::Deck(d));
            }
            Action::StudyAll => self.start_study(Scope::All),
            Action::Stats => {
                self.last_deck = home.selected;
                let stats = recall::stats::compute(
                    &self.collection,
                    self.history.log(),
                    &self.scheduler,
                    Scope::All,
                    self.now,
                );
                self.screen = Screen::Stats(Box::new(StatsState { stats, scroll: 0 }));
            }
            Action::QuizSetup => {
                self.last_deck = home.selected;
                self.open_quiz_setup();
            }
            Action::Import => home.prompt = Some(String::new()),
            Action::Back | Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Imports `path` through the importer; success reloads Home with the deck selected and
    /// shows the report, failure keeps the prompt open with the error underneath.
    fn run_import(&mut self, path: &str) {
        if path.is_empty() {
            self.status = Some(Status::error("Type the path of a file to import."));
            return;
        }
        let Some(importer) = self.importer.as_mut() else {
            self.status = Some(Status::error("Importing is not available here."));
            return;
        };
        match importer.import(path, self.now) {
            Ok(imported) => {
                self.collection = imported.collection;
                let selected = self
                    .collection
                    .decks
                    .iter()
                    .position(|d| d.id == imported.deck_id)
                    .unwrap_or(0);
                self.go_home(selected);
                if let Screen::Home(home) = &mut self.screen {
                    home.report = Some(imported.report);
                }
            }
            Err(e) => self.status = Some(Status::error(e)),
        }
    }

    fn update_study(&mut self, action: Action) {
        let now = self.now;
        if let (Action::Down | Action::Up, Screen::Study(study)) = (action, &self.screen) {
            // Scrolling stops at the card's last line, as drawn in the study screen's body.
            let body = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1.saturating_sub(2));
            let limit = crate::tui::ui::study::scroll_limit(self, study, body);
            if let Screen::Study(study) = &mut self.screen {
                let at = study.scroll().min(limit);
                study.scrolled = (study.session.current(), study.session.is_revealed());
                study.scroll = if action == Action::Down {
                    at.saturating_add(1).min(limit)
                } else {
                    at.saturating_sub(1)
                };
            }
            return;
        }
        let Screen::Study(study) = &mut self.screen else {
            return;
        };
        let session = &mut study.session;
        let col = &mut self.collection;
        let mut tee = Tee {
            inner: self.sink.as_mut(),
            history: &mut self.history,
        };
        let sink = &mut tee;
        let picked = &mut study.picked;
        let changes_card = matches!(
            action,
            Action::Rate(_) | Action::Undo | Action::Bury | Action::Suspend
        );
        let result = match action {
            Action::Reveal => {
                session.reveal();
                Ok(())
            }
            Action::Pick(n) if study.choice && !session.is_revealed() => {
                let n = usize::from(n);
                let Some(entry) = session.current() else {
                    return;
                };
                if let recall::deck::CardContent::Choice {
                    choices, answer, ..
                } = &col.card(entry).1.content
                {
                    if n >= choices.len() {
                        self.status = Some(Status::info(format!(
                            "There is no option {}; pick 1-{}.",
                            n + 1,
                            choices.len()
                        )));
                    } else if answer.len() > 1 {
                        // Several right options: picking toggles, enter shows the answer.
                        match picked.binary_search(&n) {
                            Ok(at) => {
                                picked.remove(at);
                            }
                            Err(at) => picked.insert(at, n),
                        }
                    } else {
                        *picked = vec![n];
                        session.reveal();
                    }
                }
                Ok(())
            }
            Action::Rate(r) if session.is_revealed() => {
                session.rate(col, sink, &self.scheduler, r, now)
            }
            Action::Rate(_) => {
                self.status = Some(Status::info("Reveal the answer first (space)."));
                Ok(())
            }
            Action::Undo => match session.undo(col, sink, now) {
                Ok(true) => {
                    self.status = Some(Status::info("Undone."));
                    Ok(())
                }
                Ok(false) => {
                    self.status = Some(Status::info("Nothing to undo in this session."));
                    Ok(())
                }
                Err(e) => Err(e),
            },
            Action::Bury => session.bury(col, sink, &self.scheduler, now).map(|()| {
                self.status = Some(Status::info("Buried until tomorrow. u undoes."));
            }),
            Action::Suspend => session.suspend(col, sink, now).map(|()| {
                self.status = Some(Status::info("Suspended. u undoes."));
            }),
            Action::Locate => {
                if let Some(entry) = session.current() {
                    let (deck, card) = col.card(entry);
                    let mut at = format!(
                        "{} · line {} · id {}",
                        deck.source, card.line, col.cards[entry].global_id
                    );
                    for url in &card.source {
                        at.push_str(" · source ");
                        at.push_str(url);
                    }
                    self.status = Some(Status::info(at));
                }
                Ok(())
            }
            Action::Tick => {
                session.poll(col, now);
                Ok(())
            }
            Action::Back | Action::Quit => {
                self.finish_study();
                return;
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.status = Some(Status::error(format!(
                "Not saved: {e}. Nothing was recorded; try again."
            )));
            return;
        }
        if changes_card {
            study.picked.clear();
        }
        self.note_choice();
        if let Screen::Study(study) = &self.screen {
            if study.session.current().is_none() {
                self.finish_study();
            }
        }
    }

    /// Notes whether the card now on screen is a choice card (the keys depend on it).
    fn note_choice(&mut self) {
        if let Screen::Study(study) = &mut self.screen {
            study.choice = study.session.current().is_some_and(|e| {
                matches!(
                    self.collection.card(e).1.content,
                    recall::deck::CardContent::Choice { .. }
                )
            });
        }
    }

    fn start_study(&mut self, scope: Scope) {
        if let Scope::Deck(d) = scope {
            self.last_deck = d;
        }
        let session = Session::start(
            &mut self.collection,
            scope,
            self.limits,
            &self.scheduler,
            self.now,
        );
        if session.current().is_none() {
            self.status = Some(Status::info(
                match session.next_learning_due(&self.collection) {
                    Some(due) => format!(
                        "Nothing due right now; the next learning card is due in {}.",
                        recall::schedule::Interval::Minutes(
                            (((due - self.now).max(0) + 59_999) / 60_000) as u32
                        )
                    ),
                    None => "Nothing left to study here today. Well done!".to_string(),
                },
            ));
            return;
        }
        let title = match scope {
            Scope::All => "All decks".to_string(),
            Scope::Deck(d) => self.collection.decks[d].title.clone(),
        };
        self.screen = Screen::Study(StudyState {
            session,
            title,
            scroll: 0,
            scrolled: (None, false),
            choice: false,
            picked: Vec::new(),
        });
        self.note_choice();
    }

    fn finish_study(&mut self) {
        let Screen::Study(study) = &self.screen else {
            return;
        };
        let stats = study.session.stats();
        if stats.studied == 0 {
            self.go_home(self.last_deck);
            return;
        }
        let tomorrow = self.scheduler.day_of(self.now) + 1;
        let tomorrow_end = self.scheduler.day_start(tomorrow + 1);
        let due_tomorrow = self
            .collection
            .cards
            .iter()
            .filter(|e| {
                study.session.scope.contains(e)
                    && !e.suspended
                    && !e.archived
                    && e.state.phase != recall::schedule::Phase::New
                    && e.state.due < tomorrow_end
            })
            .count();
        self.screen = Screen::Summary(SummaryState {
            title: study.title.clone(),
            stats,
            elapsed_ms: self.now - study.session.started(),
            due_tomorrow,
            next_learning: study.session.next_learning_due(&self.collection),
        });
    }

    /// Shows Home with fresh counts, keeping `selected` in range.
    pub(super) fn go_home(&mut self, selected: usize) {
        let today = self.scheduler.day_of(self.now);
        self.collection.roll_day(today);
        let rows: Vec<DeckRow> = (0..self.collection.decks.len())
            .map(|d| {
                let deck = &self.collection.decks[d];
                DeckRow {
                    title: deck.title.clone(),
                    section: deck.section.clone(),
                    cards: deck.active_cards(),
                    due: Queue::build(
                        &self.collection,
                        Scope::Deck(d),
                        self.limits,
                        &self.scheduler,
                        self.now,
                    )
                    .counts(),
                }
            })
            .collect();
        let total = Queue::build(
            &self.collection,
            Scope::All,
            self.limits,
            &self.scheduler,
            self.now,
        )
        .counts();
        let selected = selected.min(rows.len().saturating_sub(1));
        self.screen = Screen::Home(HomeState {
            selected,
            rows,
            total,
            prompt: None,
            report: None,
        });
    }
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
