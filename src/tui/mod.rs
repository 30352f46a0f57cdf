//! The terminal side: set the terminal up, run draw → key → update, and always put it back.
//!
//! The layers, each importing only from the ones above it in this list:
//! `action`, `ctx`, `layout`, `theme` (plain data and arithmetic) → `text`, `keys`, `help`
//! → `screens/*` (each screen's state, update and view) → `app` (the router and the frame)
//! → this file (the event loop). ARCHITECTURE.md draws the whole crate.

pub mod action;
pub mod app;
pub mod ctx;
pub mod editor;
pub mod glossary;
pub mod help;
pub mod keys;
pub mod layout;
pub mod prompt;
pub mod screens;
pub mod settings;
pub mod text;
pub mod theme;

pub use action::Action;
pub use app::{App, Screen, Setup, View};
pub use ctx::{AddFailed, CardAdded, EditRequest, Imported, Importer, QuizEnv, Refreshed, Status};
pub use screens::quiz::EXAM_QUESTIONS;
pub use theme::Theme;

use std::io::{self, Stdout};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEvent,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Size;
use ratatui::Terminal;
use recall::schedule::Millis;

/// How often the loop wakes without a key, so cards coming due and timers show up.
const TICK: Duration = Duration::from_millis(1000);

/// How often the loop looks at the signal flag while it waits for a key.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Signals that end the TUI cleanly (terminal restored) instead of killing it mid-frame:
/// every signal whose default action ends the process and that can be caught without being
/// a fault (SIGSEGV and friends are not sent by people; SIGKILL cannot be caught).
#[cfg(unix)]
const STOP_SIGNALS: &[i32] = &[
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGIO,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGPWR,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGSTKFLT,
];
/// Elsewhere there is no SIGHUP.
#[cfg(not(unix))]
const STOP_SIGNALS: &[i32] = &[signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];

/// Why the event loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// A stop signal arrived (its number); the terminal has been restored.
    Signal(i32),
}

impl Exit {
    /// The shell's convention: 0 after quitting, 128 + the signal's number after a signal.
    pub fn code(self) -> ExitCode {
        match self {
            Exit::Quit => ExitCode::SUCCESS,
            Exit::Signal(n) => ExitCode::from(u8::try_from(128 + n).unwrap_or(1)),
        }
    }
}

/// How long the loop has to notice a stop signal before a watchdog ends the process itself.
const SIGNAL_GRACE: Duration = Duration::from_secs(1);

/// While alive, the stop signals only set `caught` (to the signal's number); dropping it
/// restores their default action.
///
/// A watchdog thread backs the flag up: when the terminal is hung up (its pty closed),
/// crossterm's reader can spin on a read that returns nothing and never come back to look at
/// the flag. If the loop has not ended `SIGNAL_GRACE` after a signal, the watchdog restores
/// the terminal and exits with 128 + the signal itself. Every rating is already on disk by
/// then (each append is fsynced before it counts), so nothing is lost.
struct StopSignals {
    caught: Arc<AtomicUsize>,
    /// SIGTSTP (`kill -TSTP`, or ctrl-z where the terminal sends it): suspend, not end.
    suspend: Arc<AtomicBool>,
    ids: Vec<signal_hook::SigId>,
    done: Arc<AtomicBool>,
}

impl StopSignals {
    fn register() -> io::Result<StopSignals> {
        let caught = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for &sig in STOP_SIGNALS {
            ids.push(signal_hook::flag::register_usize(
                sig,
                Arc::clone(&caught),
                sig as usize,
            )?);
        }
        let suspend = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        ids.push(signal_hook::flag::register(
            libc::SIGTSTP,
            Arc::clone(&suspend),
        )?);
        let done = Arc::new(AtomicBool::new(false));
        let (flag, finished) = (Arc::clone(&caught), Arc::clone(&done));
        std::thread::spawn(move || watchdog(&flag, &finished));
        Ok(StopSignals {
            caught,
            suspend,
            ids,
            done,
        })
    }

    fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n as i32),
        }
    }
}

/// Waits for a stop signal; ends the process if the event loop does not within the grace.
fn watchdog(caught: &AtomicUsize, done: &AtomicBool) {
    let mut since: Option<(usize, Instant)> = None;
    while !done.load(Ordering::SeqCst) {
        match (caught.load(Ordering::SeqCst), since) {
            (0, _) => {}
            (sig, None) => since = Some((sig, Instant::now())),
            (_, Some((sig, at))) if at.elapsed() >= SIGNAL_GRACE => {
                restore_terminal();
                std::process::exit(128 + i32::try_from(sig).unwrap_or(0));
            }
            _ => {}
        }
        std::thread::sleep(SIGNAL_POLL);
    }
}

impl Drop for StopSignals {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// What woke the loop.
enum Input {
    Event(Event),
    Tick,
    Signal(i32),
    Suspend,
}

/// Waits up to one `TICK` for a terminal event, looking at the signal flag every
/// `SIGNAL_POLL` so a SIGTERM is answered within a fraction of a second.
fn next_input(signals: &StopSignals) -> io::Result<Input> {
    let deadline = Instant::now() + TICK;
    loop {
        if let Some(sig) = signals.caught() {
            return Ok(Input::Signal(sig));
        }
        if signals.suspend.swap(false, Ordering::SeqCst) {
            return Ok(Input::Suspend);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Input::Tick);
        }
        if event::poll(left.min(SIGNAL_POLL))? {
            return Ok(Input::Event(event::read()?));
        }
    }
}

/// Whether the terminal is in raw mode on the alternate screen (set by `run`).
static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);

/// Leaves raw mode and the alternate screen and shows the cursor, once: leaving the alternate
/// screen a second time would move the cursor back over whatever was printed since.
pub fn restore_terminal() {
    if TERMINAL_TAKEN.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        let _ = execute!(
            io::stdout(),
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
    }
}

/// Takes the terminal: raw mode, the alternate screen, cursor hidden, and bracketed paste (a
/// paste arrives as one event, so pasted text is typed, never taken as keys).
fn take_terminal() -> io::Result<()> {
    TERMINAL_TAKEN.store(true, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Suspends like any terminal program (ctrl-z, `kill -TSTP`): gives the terminal back, stops
/// the process, and when it is continued (`fg`, SIGCONT) takes the terminal again and
/// clears it so the next frame is drawn whole. Returns the size to redraw at.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<Action> {
    #[cfg(unix)]
    {
        restore_terminal();
        // Stops here (the default action of SIGTSTP) until SIGCONT.
        signal_hook::low_level::emulate_default_handler(libc::SIGTSTP)?;
        take_terminal()?;
        terminal.clear()?;
    }
    let size = terminal.size()?;
    Ok(Action::Resize(size.width, size.height))
}

/// Gives the terminal to the user's editor for `edit` and takes it back (cleared, so the
/// next frame is drawn whole); the app then checks and reloads the deck.
fn run_editor(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    edit: &EditRequest,
    clock: &impl Fn() -> Millis,
) -> io::Result<Action> {
    restore_terminal();
    let ran = editor::run(&editor::from_env(), &edit.file, edit.line);
    take_terminal()?;
    terminal.clear()?;
    app.edited(edit, ran, clock());
    let size = terminal.size()?;
    Ok(Action::Resize(size.width, size.height))
}

/// What a key does in the loop itself, before (or instead of) the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyOutcome {
    /// The app handled it (or ignored it).
    Handled,
    /// ctrl-z: suspend.
    Suspend,
    /// ctrl-c on the "too small" notice: quit at once, as the notice says, whatever screen
    /// is behind it (the user cannot see what a quit would ask).
    Quit,
}

/// Applies one key: ctrl-z suspends on every screen; otherwise `key_action`, and on the
/// "too small" notice its ctrl-c quits with one press.
fn handle_key(app: &mut App, key: KeyEvent, size: Size, now: Millis) -> KeyOutcome {
    let ctrl = key
        .modifiers
        .contains(crossterm::event::KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('z') {
        return KeyOutcome::Suspend;
    }
    match key_action(app, key, size) {
        Some(Action::Quit) if !layout::fits(size.width, size.height) => KeyOutcome::Quit,
        Some(action) => {
            app.update(action, now);
            KeyOutcome::Handled
        }
        None => KeyOutcome::Handled,
    }
}

/// Makes a panic anywhere restore the terminal before the message is printed, so the user is
/// never left in raw mode in the alternate screen.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Restores the terminal when dropped, on every way out of `run` (return, `?`, unwind).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Runs the TUI until the user quits or a stop signal arrives; `clock` gives the current time
/// for each update. The terminal is restored on every way out.
pub fn run(app: &mut App, theme: Theme, clock: impl Fn() -> Millis) -> io::Result<Exit> {
    install_panic_hook();
    let signals = StopSignals::register()?;
    let _restore = Restore;
    take_terminal()?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let panic_key = test_panic_key();
    // For measuring start-up: draw one frame, then leave (see docs/performance.md).
    let exit_after_first_frame = std::env::var_os("RECALL_EXIT_AFTER_FIRST_FRAME").is_some();
    let size = terminal.size()?;
    recall::trace::mark("terminal taken");
    app.update(Action::Resize(size.width, size.height), clock());
    let mut drawn = false;
    loop {
        terminal.draw(|f| f.render_widget(View { app: &*app, theme }, f.area()))?;
        if !drawn {
            recall::trace::mark("first frame drawn");
            drawn = true;
        }
        if app.quit || exit_after_first_frame {
            return Ok(Exit::Quit);
        }
        let action = match next_input(&signals)? {
            Input::Signal(sig) => return Ok(Exit::Signal(sig)),
            Input::Suspend => Some(suspend(&mut terminal)?),
            Input::Tick => Some(Action::Tick),
            Input::Event(event) => match event {
                Event::Key(key) => {
                    if panic_key.is_some() && key.code == KeyCode::Char(panic_key.unwrap_or(' ')) {
                        panic!("panic requested by RECALL_TEST_PANIC_KEY (debug builds only)");
                    }
                    match handle_key(app, key, terminal.size()?, clock()) {
                        KeyOutcome::Handled => None,
                        KeyOutcome::Quit => return Ok(Exit::Quit),
                        KeyOutcome::Suspend => Some(suspend(&mut terminal)?),
                    }
                }
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                Event::Paste(text) => {
                    let now = clock();
                    for action in keys::paste(app.mode(), &text) {
                        app.update(action, now);
                    }
                    None
                }
                _ => None,
            },
        };
        if let Some(action) = action {
            app.update(action, clock());
        }
        if let Some(edit) = app.ctx.pending_edit.take() {
            let resize = run_editor(&mut terminal, app, &edit, &clock)?;
            app.update(resize, clock());
        }
    }
}

/// What a key does on the screen as it is drawn now: on the "too small" notice nothing but
/// ctrl-c, since the user cannot see what a key would rate or choose.
fn key_action(app: &App, key: KeyEvent, size: Size) -> Option<Action> {
    if layout::fits(size.width, size.height) {
        keys::map(app.mode(), key)
    } else {
        keys::map_when_too_small(key)
    }
}

/// In debug builds, `RECALL_TEST_PANIC_KEY=!` makes that key panic, so tests can prove the
/// terminal is restored after a panic. Release builds ignore it.
fn test_panic_key() -> Option<char> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var("RECALL_TEST_PANIC_KEY")
        .ok()
        .and_then(|v| v.chars().next())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod size_tests {
    use crossterm::event::{KeyEvent, KeyModifiers};

    use super::*;

    #[test]
    fn on_the_too_small_notice_only_ctrl_c_acts() {
        let app = tests::support::app_with(tests::support::MemSink::default());
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let tiny = Size::new(20, 6);
        for c in ['3', ' ', 'q', 'a', '?', 'u', 'b', 's'] {
            assert_eq!(key_action(&app, key(c), tiny), None, "{c:?}");
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(key_action(&app, ctrl_c, tiny), Some(Action::Quit));
        let fine = Size::new(layout::MIN_WIDTH, layout::MIN_HEIGHT);
        assert_eq!(key_action(&app, key('A'), fine), Some(Action::StudyAll));
    }

    #[test]
    fn on_the_too_small_notice_one_ctrl_c_quits_even_from_study() {
        let mut app = tests::support::app_with(tests::support::MemSink::default());
        let fine = Size::new(layout::MIN_WIDTH, layout::MIN_HEIGHT);
        let a = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::NONE);
        assert_eq!(handle_key(&mut app, a, fine, 0), KeyOutcome::Handled);
        assert!(matches!(app.screen, Screen::Study(_)));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            handle_key(&mut app, ctrl_c, Size::new(20, 6), 0),
            KeyOutcome::Quit
        );
    }

    #[test]
    fn ctrl_z_suspends_on_every_screen_and_any_size() {
        let mut app = tests::support::app_with(tests::support::MemSink::default());
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for size in [
            Size::new(20, 6),
            Size::new(layout::MIN_WIDTH, layout::MIN_HEIGHT),
        ] {
            assert_eq!(handle_key(&mut app, ctrl_z, size, 0), KeyOutcome::Suspend);
        }
    }
}
