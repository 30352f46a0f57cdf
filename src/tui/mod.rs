//! The terminal side: set the terminal up, run draw → key → update, and always put it back.

pub mod app;
pub mod keys;
pub mod quiz;
pub mod theme;
pub mod ui;

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use recall::schedule::Millis;

use app::App;
use keys::Mode;
use theme::Theme;
use ui::View;

/// How often the loop wakes without a key, so cards coming due and timers show up.
const TICK: Duration = Duration::from_millis(1000);

/// Whether the terminal is in raw mode on the alternate screen (set by `run`).
static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);

/// Leaves raw mode and the alternate screen and shows the cursor, once: leaving the alternate
/// screen a second time would move the cursor back over whatever was printed since.
pub fn restore_terminal() {
    if TERMINAL_TAKEN.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
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

/// Runs the TUI until the user quits; `clock` gives the current time for each update.
pub fn run(mut app: App, theme: Theme, clock: impl Fn() -> Millis) -> io::Result<()> {
    install_panic_hook();
    TERMINAL_TAKEN.store(true, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    let _restore = Restore;
    execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let panic_key = test_panic_key();
    // For measuring start-up: draw one frame, then leave (see README "Performance").
    let exit_after_first_frame = std::env::var_os("RECALL_EXIT_AFTER_FIRST_FRAME").is_some();
    loop {
        terminal.draw(|f| f.render_widget(View { app: &app, theme }, f.area()))?;
        if app.quit || exit_after_first_frame {
            return Ok(());
        }
        let action = if event::poll(TICK)? {
            match event::read()? {
                Event::Key(key) => {
                    if panic_key.is_some() && key.code == KeyCode::Char(panic_key.unwrap_or(' ')) {
                        panic!("panic requested by RECALL_TEST_PANIC_KEY (debug builds only)");
                    }
                    keys::map(Mode::of(&app.screen, app.show_help), key)
                }
                // A resize only needs the redraw at the top of the loop.
                _ => None,
            }
        } else {
            Some(app::Action::Tick)
        };
        if let Some(action) = action {
            app.update(action, clock());
        }
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
mod quiz_tests;
#[cfg(test)]
mod tests;
