//! Which key does what in which `Mode` (Anki's and vim's habits); the footer and help text
//! for each mode are in `hints.rs`.
//!
//! Each screen says which mode it is in (`mode()` on its state), so this table never imports
//! a screen: a new screen adds a `Mode` variant here, its keys in `map`, and its hints.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use recall::schedule::Rating;

use super::action::Action;

pub mod hints;

/// The screen kinds that have their own key map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Home,
    Question,
    /// The question side of a choice card: digits pick an option.
    Choice,
    Answer,
    /// The answer side after a right pick: the default key (space, enter) rates Good.
    PickedRight,
    /// The answer side after a wrong pick: the default key rates Again.
    PickedWrong,
    Summary,
    Stats,
    Help,
    QuizSetup,
    QuizQuestion,
    /// A question answered by typing (cloze): enter starts typing, there are no options.
    QuizTypedQuestion,
    /// Typing an answer: letters are text, not commands.
    QuizTyping,
    /// Typing the number of a question to go to (`g`).
    QuizJump,
    QuizConfirm,
    Results,
    /// The results of a quiz without a mistake: nothing to review or retake.
    ResultsAllRight,
    Review,
    /// Home with the import prompt open: keys are text.
    Prompt,
    /// Home showing an import report.
    Report,
    /// The card browser's table.
    Browse,
    /// Typing in the browser's search box: keys are text, arrows still move.
    BrowseSearch,
    /// Typing a due date for the marked cards (`0`, `3`, `1-7`).
    BrowseDue,
    /// A card's page in the browser.
    BrowsePage,
    /// Home's first-run welcome (until the first answer).
    Welcome,
    /// The exam-date prompt (`x` on Home or Stats): keys are text, no path completion.
    DatePrompt,
    /// The add-card form: keys are text; tab moves between fields.
    AddForm,
    /// The add-card form asking whether to throw away what was typed.
    AddConfirm,
}

/// Maps a key press to an action for the given mode; None for keys that do nothing there.
pub fn map(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match (mode, key.code) {
            (_, KeyCode::Char('c')) => Some(Action::Quit),
            (Mode::Browse, KeyCode::Char('a')) => Some(Action::MarkAll),
            (Mode::Prompt | Mode::DatePrompt | Mode::BrowseSearch, KeyCode::Char('u')) => {
                Some(Action::ClearLine)
            }
            (Mode::Prompt | Mode::DatePrompt | Mode::BrowseSearch, KeyCode::Char('w')) => {
                Some(Action::EraseWord)
            }
            (Mode::AddForm, KeyCode::Char('s')) => Some(Action::Save),
            (Mode::AddForm, KeyCode::Char('u')) => Some(Action::ClearLine),
            (Mode::AddForm, KeyCode::Char('a')) => Some(Action::LineStart),
            (Mode::AddForm, KeyCode::Char('e')) => Some(Action::LineEnd),
            _ => None,
        };
    }
    if mode == Mode::AddForm {
        return match key.code {
            KeyCode::Char(c) => Some(Action::Type(c)),
            KeyCode::Enter => Some(Action::Newline),
            KeyCode::Tab => Some(Action::NextField),
            KeyCode::BackTab => Some(Action::PrevField),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Delete => Some(Action::Delete),
            KeyCode::Left => Some(Action::Left),
            KeyCode::Right => Some(Action::Right),
            KeyCode::Up => Some(Action::Up),
            KeyCode::Down => Some(Action::Down),
            KeyCode::Home => Some(Action::LineStart),
            KeyCode::F(1) => Some(Action::ToggleHelp),
            KeyCode::End => Some(Action::LineEnd),
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        };
    }
    let code = key.code;
    if matches!(mode, Mode::Prompt | Mode::DatePrompt) {
        return match code {
            KeyCode::Char(c) => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Tab if mode == Mode::Prompt => Some(Action::Complete),
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        };
    }
    if mode == Mode::BrowseSearch {
        return match code {
            KeyCode::Char(c) => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Up => Some(Action::Up),
            KeyCode::Down => Some(Action::Down),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown => Some(Action::PageDown),
            _ => None,
        };
    }
    if code == KeyCode::Char('?') && mode != Mode::QuizTyping {
        return Some(Action::ToggleHelp);
    }
    match mode {
        Mode::Help => match code {
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown => Some(Action::Down),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => Some(Action::Up),
            _ => None,
        },
        // The welcome is over Home and takes Home's keys; only esc closes it, not recall.
        Mode::Welcome => match code {
            KeyCode::Esc => Some(Action::Back),
            _ => map(Mode::Home, key),
        },
        Mode::Home => match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Char('A') => Some(Action::StudyAll),
            KeyCode::Char('a') => Some(Action::AddCard),
            KeyCode::Char('t') => Some(Action::QuizSetup),
            KeyCode::Char('i') => Some(Action::Import),
            KeyCode::Char('s') => Some(Action::Stats),
            KeyCode::Char('u') => Some(Action::Undo),
            KeyCode::Char('B') => Some(Action::Browse),
            KeyCode::Char('/') => Some(Action::Search),
            KeyCode::Char('x') => Some(Action::ExamDate),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Mode::Browse => match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::Top),
            KeyCode::End | KeyCode::Char('G') => Some(Action::Bottom),
            KeyCode::Char('/') => Some(Action::Search),
            KeyCode::Char('o') => Some(Action::SortNext),
            KeyCode::Char('r') => Some(Action::SortReverse),
            KeyCode::Char(' ') => Some(Action::Toggle),
            KeyCode::Char('*') => Some(Action::MarkAll),
            KeyCode::Char('a') => Some(Action::AddCard),
            KeyCode::Char('c') => Some(Action::StudyShown { cram: false }),
            KeyCode::Char('C') => Some(Action::StudyShown { cram: true }),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Char('s') | KeyCode::Char('@') => Some(Action::Suspend),
            KeyCode::Char('b') | KeyCode::Char('-') => Some(Action::Bury),
            KeyCode::Char('f') => Some(Action::Forget),
            KeyCode::Char('d') => Some(Action::SetDue),
            KeyCode::Char('u') => Some(Action::Undo),
            KeyCode::Char('e') => Some(Action::Edit),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        Mode::BrowseDue => match code {
            KeyCode::Char(c @ ('0'..='9' | '-')) => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            _ => None,
        },
        Mode::BrowsePage => match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::Top),
            KeyCode::Char('e') => Some(Action::Edit),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        Mode::Stats => match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('x') => Some(Action::ExamDate),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        Mode::Question | Mode::Choice | Mode::Answer | Mode::PickedRight | Mode::PickedWrong => {
            let revealed = matches!(mode, Mode::Answer | Mode::PickedRight | Mode::PickedWrong);
            match code {
                KeyCode::Char(' ') | KeyCode::Enter if !revealed => Some(Action::Reveal),
                // After a pick the default follows it: a wrong pick is Again, a right one Good.
                KeyCode::Char(' ') | KeyCode::Enter if mode == Mode::PickedWrong => {
                    Some(Action::Rate(Rating::Again))
                }
                KeyCode::Char(' ') | KeyCode::Enter => Some(Action::Rate(Rating::Good)),
                KeyCode::Char(c @ '1'..='9') if mode == Mode::Choice => {
                    Some(Action::Pick(c as u8 - b'1'))
                }
                KeyCode::Char(c @ '1'..='4') => Rating::from_u8(c as u8 - b'0').map(Action::Rate),
                KeyCode::Char('u') => Some(Action::Undo),
                // Anki's own keys too: `-` buries, `@` suspends.
                KeyCode::Char('b') | KeyCode::Char('-') => Some(Action::Bury),
                KeyCode::Char('s') | KeyCode::Char('@') => Some(Action::Suspend),
                KeyCode::Char('e') => Some(Action::Edit),
                KeyCode::Char('E') => Some(Action::Locate),
                KeyCode::Char('B') => Some(Action::Browse),
                KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
                KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
                KeyCode::PageDown => Some(Action::PageDown),
                KeyCode::PageUp => Some(Action::PageUp),
                _ => None,
            }
        }
        Mode::Summary => match code {
            KeyCode::Enter | KeyCode::Char('q') | KeyCode::Esc | KeyCode::Char(' ') => {
                Some(Action::Back)
            }
            KeyCode::Char('u') => Some(Action::Undo),
            _ => None,
        },
        Mode::Report => match code {
            KeyCode::Enter | KeyCode::Char('q') | KeyCode::Esc | KeyCode::Char(' ') => {
                Some(Action::Back)
            }
            _ => None,
        },
        Mode::QuizSetup => match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => Some(Action::Down),
            KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('-') => Some(Action::Left),
            KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('+') => Some(Action::Right),
            KeyCode::Char(' ') => Some(Action::Toggle),
            KeyCode::Char('a') => Some(Action::StudyAll),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        Mode::QuizQuestion | Mode::QuizTypedQuestion => match code {
            KeyCode::Char(c @ '1'..='9') => Some(Action::Pick(c as u8 - b'1')),
            KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('n') => Some(Action::Right),
            KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('p') => Some(Action::Left),
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Open),
            KeyCode::Char('f') => Some(Action::Flag),
            KeyCode::Char('F') => Some(Action::NextFlagged),
            KeyCode::Char('u') => Some(Action::NextUnanswered),
            KeyCode::Char('g') => Some(Action::Jump),
            KeyCode::Char('s') => Some(Action::Submit),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown => Some(Action::Down),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => Some(Action::Up),
            _ => None,
        },
        Mode::QuizJump => match code {
            KeyCode::Char(c @ '0'..='9') => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            _ => None,
        },
        Mode::QuizTyping => match code {
            KeyCode::Char(c) => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        Mode::QuizConfirm | Mode::AddConfirm => match code {
            KeyCode::Char('y') | KeyCode::Enter => Some(Action::Yes),
            KeyCode::Char('n') | KeyCode::Esc | KeyCode::Char('q') => Some(Action::No),
            _ => None,
        },
        Mode::Results => match code {
            KeyCode::Char('m') | KeyCode::Enter => Some(Action::Mistakes),
            KeyCode::Char('r') => Some(Action::Retake),
            KeyCode::Char('s') => Some(Action::Save),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        Mode::ResultsAllRight => match code {
            KeyCode::Char('s') => Some(Action::Save),
            KeyCode::Char('q') | KeyCode::Esc | KeyCode::Enter => Some(Action::Back),
            _ => None,
        },
        Mode::Review => match code {
            KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('n') => Some(Action::Right),
            KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('p') => Some(Action::Left),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown => Some(Action::Down),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => Some(Action::Up),
            KeyCode::Char('r') => Some(Action::Retake),
            KeyCode::Char('q') | KeyCode::Esc | KeyCode::Char('m') => Some(Action::Back),
            _ => None,
        },
        Mode::Prompt | Mode::DatePrompt | Mode::AddForm | Mode::BrowseSearch => None,
    }
}

/// A paste (the terminal's bracketed paste) as the actions typing it would give, in the
/// modes where keys are text; nothing elsewhere, so a paste never rates or quits. Control
/// characters are dropped, a tab is a space; a line break is a new line in the add-card form
/// and ends the paste in a one-line prompt.
pub fn paste(mode: Mode, text: &str) -> Vec<Action> {
    let multi_line = match mode {
        Mode::AddForm => true,
        Mode::Prompt | Mode::QuizTyping => false,
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for c in text.replace("\r\n", "\n").chars() {
        match c {
            '\n' | '\r' if multi_line => out.push(Action::Newline),
            '\n' | '\r' => break,
            '\t' => out.push(Action::Type(' ')),
            c if c.is_control() => {}
            c => out.push(Action::Type(c)),
        }
    }
    out
}

/// Keys while the terminal is too small to draw the screen: only ctrl-c (quit) acts.
pub fn map_when_too_small(key: KeyEvent) -> Option<Action> {
    let ctrl_c = key.kind != KeyEventKind::Release
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && key.code == KeyCode::Char('c');
    ctrl_c.then_some(Action::Quit)
}

#[cfg(test)]
mod tests;
