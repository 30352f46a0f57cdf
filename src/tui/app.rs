//! The router: which screen is up, the help overlay, and the one place screens change.
//!
//! `App::update(action, now)` handles the keys every screen shares (resize, help), hands the
//! rest to the screen on top, and turns the `Nav` it returns into the next screen by calling
//! that screen's constructor. `View` draws the frame: the screen's body, the status line, the
//! footer and the help. Nothing here reads the terminal, so every screen runs headless.
//!
//! To add a screen: a module in `screens/`, a `Screen` variant, one arm in `mode`,
//! `update` and `View`, and the `Nav` that opens it (with its arm in `go`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use recall::quiz::QuizSpec;
use recall::schedule::{Millis, Scheduler};
use recall::stats::history::History;
use recall::study::{Collection, EventSink, Limits};

use super::action::{Action, Nav};
use super::ctx::{Ctx, EditRequest, QuizEnv, Status};
use super::help;
use super::keys::hints;
use super::keys::Mode;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::screens::add::{self, AddFormState};
use super::screens::browse::{self, BrowseState};
use super::screens::home::{self, HomeState};
use super::screens::quiz::results::{self, ResultsState};
use super::screens::quiz::setup::{self, QuizSetupState};
use super::screens::quiz::take::{self, QuizState};
use super::screens::stats::{self, StatsState};
use super::screens::study::{self, StudyState};
use super::screens::summary::{self, SummaryState};
use super::settings;
use super::theme::Theme;

/// The screens, each carrying its own state.
pub enum Screen {
    Home(HomeState),
    Study(StudyState),
    Summary(SummaryState),
    QuizSetup(QuizSetupState),
    Quiz(Box<QuizState>),
    Results(Box<ResultsState>),
    Stats(Box<StatsState>),
    Browse(Box<BrowseState>),
    AddCard(Box<AddFormState>),
}

impl Screen {
    /// Which key map the screen is in now (each screen knows; `keys` never looks inside).
    pub fn mode(&self) -> Mode {
        match self {
            Screen::Home(s) => s.mode(),
            Screen::Study(s) => s.mode(),
            Screen::Summary(s) => s.mode(),
            Screen::QuizSetup(s) => s.mode(),
            Screen::Quiz(s) => s.mode(),
            Screen::Results(s) => s.mode(),
            Screen::Stats(s) => s.mode(),
            Screen::Browse(s) => s.mode(),
            Screen::AddCard(s) => s.mode(),
        }
    }
}

pub struct App {
    /// What every screen shares: collection, scheduler, sink, clock, size, status.
    pub ctx: Ctx,
    pub screen: Screen,
    pub show_help: bool,
    /// How far the help overlay is scrolled (j/k), from the top when it opens.
    pub help_scroll: u16,
    pub quit: bool,
    /// The study screen the browser was opened from (`e`, `B`), back when it is left.
    pub behind: Option<Box<Screen>>,
}

/// What Home needs to know before it first opens, besides the collection: the history (the
/// welcome, the answer-time estimate) and the config (the plan). Given to [`App::new`] so a
/// start counts Home once.
#[derive(Default)]
pub struct Setup {
    /// The review history: Home's welcome (shown until anything was answered) and its
    /// seconds-per-answer estimate.
    pub history: History,
    /// The config in force: Home's plan and the exam cap's date.
    pub config: recall::store::Config,
}

impl App {
    /// An app on Home, counted once with `setup`'s history and config (Home walks every card:
    /// at 100,000 cards a second count costs a start some 6 ms).
    pub fn new(
        collection: Collection,
        scheduler: Scheduler,
        limits: Limits,
        sink: Box<dyn EventSink>,
        now: Millis,
        setup: Setup,
    ) -> App {
        let mut ctx = Ctx {
            collection,
            scheduler,
            limits,
            sink,
            history: setup.history,
            now,
            size: (80, 24),
            status: None,
            last_deck: 0,
            undo: Default::default(),
            undo_scope: recall::study::Scope::All,
            quiz_env: QuizEnv::default(),
            importer: None,
            pending_edit: None,
            config: setup.config,
            config_store: None,
            welcome_closed: false,
            learning_note_shown: false,
        };
        let home = HomeState::open(&mut ctx, 0);
        App {
            ctx,
            screen: Screen::Home(home),
            show_help: false,
            help_scroll: 0,
            quit: false,
            behind: None,
        }
    }

    /// Sets the config in force (Home's plan, the exam cap's date) and shows Home again with
    /// it and with the history set since `new`; the scheduler and limits given to `new` must
    /// already follow the config. (The binary gives both to `new`; tests change them after.)
    #[cfg(test)]
    pub fn set_config(&mut self, config: recall::store::Config) {
        self.ctx.config = config;
        let last = self.ctx.last_deck;
        self.screen = Screen::Home(HomeState::open(&mut self.ctx, last));
    }

    /// Sets the quiz rules and where attempts are saved.
    pub fn with_quiz(mut self, env: QuizEnv) -> App {
        self.ctx.quiz_env = env;
        self
    }

    /// The key map in force: the help overlay's, or the screen's.
    pub fn mode(&self) -> Mode {
        if self.show_help {
            Mode::Help
        } else {
            self.screen.mode()
        }
    }

    /// Builds a quiz and shows its first question; seeds and time come from the caller.
    pub fn start_quiz(&mut self, spec: QuizSpec) {
        self.go(Nav::StartQuiz(spec));
    }

    /// Opens custom study on a search's cards (`recall study --search`).
    pub fn start_custom_study(&mut self, query: String, cards: Vec<usize>, cram: bool) {
        self.go(Nav::CustomStudy { query, cards, cram });
    }

    /// Applies one action at time `now`.
    pub fn update(&mut self, action: Action, now: Millis) {
        self.ctx.now = now;
        if let Action::Resize(w, h) = action {
            self.ctx.size = (w, h);
            return;
        }
        if action == Action::ToggleHelp {
            self.show_help = !self.show_help;
            self.help_scroll = 0;
            return;
        }
        if self.show_help {
            if matches!(action, Action::Back | Action::Quit) {
                self.show_help = false;
            }
            if let Action::Up | Action::Down = action {
                // The overlay stops at its last line, as drawn over this terminal's frame.
                let (w, h) = self.ctx.size;
                let limit = help::scroll_limit(self.screen.mode(), Rect::new(0, 0, w, h));
                self.help_scroll = layout::scroll(self.help_scroll, limit, action == Action::Down);
            }
            // Clocks keep running under the help (a quiz's deadline).
            if action != Action::Tick {
                return;
            }
        }
        if action != Action::Tick {
            self.ctx.status = None;
        }
        let ctx = &mut self.ctx;
        let nav = match &mut self.screen {
            Screen::Home(s) => s.update(ctx, action),
            Screen::Study(s) => s.update(ctx, action),
            Screen::Summary(s) => s.update(ctx, action),
            Screen::QuizSetup(s) => s.update(ctx, action),
            Screen::Quiz(s) => s.update(ctx, action),
            Screen::Results(s) => s.update(ctx, action),
            Screen::Stats(s) => s.update(ctx, action),
            Screen::Browse(s) => s.update(ctx, action),
            Screen::AddCard(s) => s.update(ctx, action),
        };
        if let Some(nav) = nav {
            self.go(nav);
        }
    }

    /// Opens the screen `nav` asks for. A constructor that finds nothing to show (no card
    /// due, no question) leaves the current screen up with a status line saying why.
    fn go(&mut self, nav: Nav) {
        let ctx = &mut self.ctx;
        match nav {
            Nav::Home => {
                // Another device's answers may have arrived through a sync tool.
                let now = ctx.now;
                match ctx.importer.as_mut().and_then(|i| i.refresh(now)) {
                    Some(Ok(r)) => {
                        // Card positions may change with the new collection.
                        ctx.undo = Default::default();
                        ctx.collection = r.collection;
                        ctx.history = r.history;
                        ctx.status = Some(Status::info(r.message));
                    }
                    Some(Err(e)) => ctx.status = Some(Status::error(e)),
                    None => {}
                }
                // config.toml edited while recall runs: in force now, or said why not.
                if let Some(said) = settings::reload_if_changed(ctx) {
                    ctx.status = Some(match ctx.status.take() {
                        Some(before) => Status {
                            text: format!("{} {}", before.text, said.text),
                            is_error: before.is_error || said.is_error,
                        },
                        None => said,
                    });
                }
                let last = ctx.last_deck;
                self.screen = Screen::Home(HomeState::open(ctx, last));
            }
            Nav::Study(scope) => {
                if let Some(s) = StudyState::start(ctx, scope) {
                    self.screen = Screen::Study(s);
                }
            }
            Nav::CustomStudy { query, cards, cram } => {
                if let Some(s) = StudyState::start_custom(ctx, &query, &cards, cram) {
                    self.screen = Screen::Study(s);
                }
            }
            Nav::Undo => {
                if let Some(s) = StudyState::undo_last(ctx) {
                    self.screen = Screen::Study(s);
                }
            }
            Nav::Summary => {
                let summary = match &mut self.screen {
                    Screen::Study(s) => {
                        // The undo stack outlives the study screen.
                        ctx.undo = s.session.take_undo();
                        ctx.undo_scope = s.session.scope;
                        SummaryState::after(ctx, &s.session, &s.title)
                    }
                    _ => None,
                };
                let last = ctx.last_deck;
                self.screen = match summary {
                    Some(s) => Screen::Summary(s),
                    None => Screen::Home(HomeState::open(ctx, last)),
                };
            }
            Nav::AddCard(deck) => {
                self.screen = Screen::AddCard(Box::new(AddFormState::open(ctx, deck)));
            }
            Nav::Stats => self.screen = Screen::Stats(Box::new(StatsState::open(ctx))),
            Nav::QuizSetup => self.screen = Screen::QuizSetup(QuizSetupState::open(ctx)),
            Nav::StartQuiz(spec) => {
                if let Some(q) = QuizState::start(ctx, spec) {
                    self.screen = Screen::Quiz(Box::new(q));
                }
            }
            Nav::TakeQuiz { quiz, title } => {
                self.screen = Screen::Quiz(Box::new(QuizState::new(*quiz, title)));
            }
            // Only the quiz on screen can be submitted; it moves into its results.
            Nav::Submitted if matches!(self.screen, Screen::Quiz(_)) => {
                let placeholder = Screen::Home(HomeState::default());
                if let Screen::Quiz(q) = std::mem::replace(&mut self.screen, placeholder) {
                    let QuizState { quiz, title, .. } = *q;
                    let results = ResultsState::submit(ctx, quiz, title);
                    self.screen = Screen::Results(Box::new(results));
                }
            }
            Nav::Submitted => {}
            Nav::LeaveQuiz if ctx.quiz_env.exit_when_done => self.quit = true,
            Nav::LeaveQuiz => self.go(Nav::Home),
            Nav::Browse { card, page, search } => {
                let open = BrowseState::open(ctx, card, page, search);
                let under = std::mem::replace(&mut self.screen, Screen::Browse(Box::new(open)));
                if let Screen::Study(_) = under {
                    self.behind = Some(Box::new(under));
                }
            }
            Nav::LeaveBrowse { changed } => match self.behind.take().map(|b| *b) {
                Some(Screen::Study(s)) if !changed => self.screen = Screen::Study(s),
                Some(Screen::Study(mut s)) => {
                    // Cards changed under the session: it starts again from the collection,
                    // its undo carried over as when a session ends.
                    ctx.undo = s.session.take_undo();
                    ctx.undo_scope = s.session.scope;
                    let scope = s.session.scope;
                    match StudyState::start(ctx, scope) {
                        Some(s) => self.screen = Screen::Study(s),
                        None => self.go(Nav::Home),
                    }
                }
                _ => self.go(Nav::Home),
            },
            Nav::Quit => self.quit = true,
        }
    }

    /// The editor the event loop ran for `edit` has closed (`ran`: why it could not run).
    /// The deck file is checked and, when good, everything is read again; when broken, the
    /// cards on screen stay as they were and the status line names the problem.
    pub fn edited(&mut self, edit: &EditRequest, ran: Result<(), String>, now: Millis) {
        let ctx = &mut self.ctx;
        ctx.now = now;
        if let Err(e) = ran {
            ctx.status = Some(Status::error(e));
            return;
        }
        let result = match ctx.importer.as_mut() {
            Some(i) => i.reload_after_edit(edit, now),
            None => Err("editing needs the data folder, which this screen was not given".into()),
        };
        match result {
            Ok(r) => {
                // Card positions may change with the new collection: undo stacks and a
                // study session waiting under the browser name old positions.
                ctx.undo = Default::default();
                self.behind = None;
                ctx.collection = r.collection;
                ctx.history = r.history;
                ctx.status = Some(Status::info(r.message));
                if let Screen::Browse(b) = &mut self.screen {
                    // Undo in the browser names collection entries of the old collection.
                    b.done.clear();
                    b.changed = true;
                    b.rebuild(ctx);
                }
            }
            Err(e) => ctx.status = Some(Status::error(e)),
        }
    }
}

/// The app together with the theme it is drawn in.
pub struct View<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if !layout::fits(area.width, area.height) {
            Paragraph::new(format!(
                "terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}; keys wait until it is larger (ctrl-c quits)",
                area.width, area.height
            ))
            .wrap(Wrap { trim: true })
            .render(area, buf);
            return;
        }
        let [body, status, footer] = layout::frame(area);
        let (app, theme) = (self.app, self.theme);
        let ctx = &app.ctx;
        match &app.screen {
            Screen::Home(s) => home::render(s, ctx, theme, body, buf),
            Screen::Study(s) => study::view::render(s, ctx, theme, body, buf),
            Screen::Summary(s) => summary::render(s, ctx, theme, body, buf),
            Screen::QuizSetup(s) => setup::render(s, ctx, theme, body, buf),
            Screen::Quiz(s) => take::render(s, ctx, theme, body, buf),
            Screen::Results(s) => results::render(s, ctx, theme, body, buf),
            Screen::Stats(s) => stats::render(s, ctx, theme, body, buf),
            Screen::Browse(s) => browse::view::render(s, ctx, theme, body, buf),
            Screen::AddCard(s) => add::render(s, ctx, theme, body, buf),
        }
        if let Some(st) = &ctx.status {
            let style = if st.is_error {
                theme.error()
            } else {
                theme.dim()
            };
            Paragraph::new(Line::from(Span::styled(
                recall::text::for_terminal(&st.text).into_owned(),
                style,
            )))
            .render(status, buf);
        }
        let mode = app.screen.mode();
        help::footer_line(hints::footer(mode), theme).render(footer, buf);
        if app.show_help {
            help::render(mode, app.help_scroll, theme, area, buf);
        }
    }
}
