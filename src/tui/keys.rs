//! Which key does what on which screen (Anki's and vim's habits), and the help text for it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use recall::schedule::Rating;

use super::app::{Action, Screen};

/// The screen kinds that have their own key map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Home,
    Question,
    /// The question side of a choice card: digits pick an option.
    Choice,
    Answer,
    Summary,
    Stats,
    Help,
    QuizSetup,
    QuizQuestion,
    /// A question answered by typing (cloze): enter starts typing, there are no options.
    QuizTypedQuestion,
    /// Typing an answer: letters are text, not commands.
    QuizTyping,
    QuizConfirm,
    Results,
    Review,
    /// Home with the import prompt open: keys are text.
    Prompt,
    /// Home showing an import report.
    Report,
}

impl Mode {
    pub fn of(screen: &Screen, show_help: bool) -> Mode {
        if show_help {
            return Mode::Help;
        }
        match screen {
            Screen::Home(h) if h.prompt.is_some() => Mode::Prompt,
            Screen::Home(h) if h.report.is_some() => Mode::Report,
            Screen::Home(_) => Mode::Home,
            Screen::Study(s) if s.session.is_revealed() => Mode::Answer,
            Screen::Study(s) if s.choice => Mode::Choice,
            Screen::Study(_) => Mode::Question,
            Screen::Summary(_) => Mode::Summary,
            Screen::QuizSetup(_) => Mode::QuizSetup,
            Screen::Quiz(q) if q.confirm.is_some() => Mode::QuizConfirm,
            Screen::Quiz(q) if q.input.is_some() => Mode::QuizTyping,
            Screen::Quiz(q) if q.on_typed_question() => Mode::QuizTypedQuestion,
            Screen::Quiz(_) => Mode::QuizQuestion,
            Screen::Results(r) if r.review.is_some() => Mode::Review,
            Screen::Results(_) => Mode::Results,
            Screen::Stats(_) => Mode::Stats,
        }
    }
}

/// Maps a key press to an action for the given mode; None for keys that do nothing there.
pub fn map(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Action::Quit);
    }
    let code = key.code;
    if mode == Mode::Prompt {
        return match code {
            KeyCode::Char(c) => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        };
    }
    if code == KeyCode::Char('?') && mode != Mode::QuizTyping {
        return Some(Action::ToggleHelp);
    }
    match mode {
        Mode::Help => match code {
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            _ => None,
        },
        Mode::Home => match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Char('a') => Some(Action::StudyAll),
            KeyCode::Char('t') => Some(Action::QuizSetup),
            KeyCode::Char('i') => Some(Action::Import),
            KeyCode::Char('s') => Some(Action::Stats),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Mode::Stats => match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        Mode::Question | Mode::Choice | Mode::Answer => match code {
            KeyCode::Char(' ') | KeyCode::Enter if mode != Mode::Answer => Some(Action::Reveal),
            KeyCode::Char(' ') | KeyCode::Enter => Some(Action::Rate(Rating::Good)),
            KeyCode::Char(c @ '1'..='9') if mode == Mode::Choice => {
                Some(Action::Pick(c as u8 - b'1'))
            }
            KeyCode::Char(c @ '1'..='4') => Rating::from_u8(c as u8 - b'0').map(Action::Rate),
            KeyCode::Char('u') => Some(Action::Undo),
            KeyCode::Char('b') => Some(Action::Bury),
            KeyCode::Char('s') => Some(Action::Suspend),
            KeyCode::Char('e') => Some(Action::Locate),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown => Some(Action::Down),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => Some(Action::Up),
            _ => None,
        },
        Mode::Summary | Mode::Report => match code {
            KeyCode::Enter | KeyCode::Char('q') | KeyCode::Esc | KeyCode::Char(' ') => {
                Some(Action::Back)
            }
            _ => None,
        },
        Mode::QuizSetup => match code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => Some(Action::Down),
            KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('-') => Some(Action::Left),
            KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('+') | KeyCode::Char(' ') => {
                Some(Action::Right)
            }
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
            KeyCode::Char('s') => Some(Action::Submit),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown => Some(Action::Down),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => Some(Action::Up),
            _ => None,
        },
        Mode::QuizTyping => match code {
            KeyCode::Char(c) => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        Mode::QuizConfirm => match code {
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
        Mode::Review => match code {
            KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('n') => Some(Action::Right),
            KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('p') => Some(Action::Left),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown => Some(Action::Down),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => Some(Action::Up),
            KeyCode::Char('r') => Some(Action::Retake),
            KeyCode::Char('q') | KeyCode::Esc | KeyCode::Char('m') => Some(Action::Back),
            _ => None,
        },
        Mode::Prompt => None,
    }
}

/// Keys while the terminal is too small to draw the screen: only ctrl-c (quit) acts.
pub fn map_when_too_small(key: KeyEvent) -> Option<Action> {
    let ctrl_c = key.kind != KeyEventKind::Release
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && key.code == KeyCode::Char('c');
    ctrl_c.then_some(Action::Quit)
}

/// The main keys of a mode in a few words, for the footer line.
pub fn footer(mode: Mode) -> &'static [(&'static str, &'static str)] {
    match mode {
        Mode::Home => &[
            ("enter", "study"),
            ("a", "all decks"),
            ("t", "quiz"),
            ("i", "import"),
            ("s", "stats"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Question => &[
            ("space", "show answer"),
            ("u", "undo"),
            ("b", "bury"),
            ("s", "suspend"),
            ("e", "where"),
            ("?", "help"),
            ("q", "back"),
        ],
        Mode::Choice => &[
            ("1-4", "pick"),
            ("space", "show answer"),
            ("u", "undo"),
            ("b", "bury"),
            ("s", "suspend"),
            ("?", "help"),
            ("q", "back"),
        ],
        Mode::Answer => &[
            ("1-4", "rate"),
            ("space", "good"),
            ("u", "undo"),
            ("b", "bury"),
            ("s", "suspend"),
            ("?", "help"),
            ("q", "back"),
        ],
        Mode::Summary => &[("enter", "back to decks"), ("?", "help")],
        Mode::Stats => &[("j/k", "scroll decks"), ("?", "help"), ("q", "back")],
        Mode::Help => &[("esc", "close help")],
        Mode::QuizSetup => &[
            ("j/k", "move"),
            ("space h/l", "toggle/change"),
            ("enter", "start"),
            ("q", "back"),
        ],
        Mode::QuizQuestion => &[
            ("1-9", "choose"),
            ("n/p", "next/prev"),
            ("f", "flag"),
            ("s", "submit"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::QuizTypedQuestion => &[
            ("enter", "type answer"),
            ("n/p", "next/prev"),
            ("f", "flag"),
            ("s", "submit"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::QuizTyping => &[("enter", "done"), ("esc", "cancel")],
        Mode::QuizConfirm => &[("y", "yes"), ("n", "no")],
        Mode::Results => &[
            ("m", "mistakes"),
            ("r", "retake missed"),
            ("?", "help"),
            ("q", "back to decks"),
        ],
        Mode::Review => &[
            ("j/k", "scroll"),
            ("n/p", "next/prev mistake"),
            ("r", "retake missed"),
            ("?", "help"),
            ("q", "results"),
        ],
        Mode::Prompt => &[("enter", "import"), ("esc", "cancel")],
        Mode::Report => &[("enter", "back to decks")],
    }
}

/// Every key of a mode with what it does, for the help overlay (the footer shows the first few).
pub fn help(mode: Mode) -> &'static [(&'static str, &'static str)] {
    match mode {
        Mode::Home => &[
            ("enter", "study the selected deck"),
            ("a", "study all decks"),
            ("t", "take a quiz (exam simulation)"),
            ("i", "import a deck file (Anki, CSV, TSV, Markdown, TOML)"),
            ("s", "stats and exam readiness"),
            ("j/k ↑/↓", "move"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Question => &[
            ("space", "show the answer"),
            ("u", "undo the last answer"),
            ("b", "bury until tomorrow"),
            ("s", "suspend the card"),
            ("e", "where the card lives"),
            ("j/k ↑/↓", "scroll a card longer than the screen"),
            ("?", "help"),
            ("q", "back to decks"),
        ],
        Mode::Choice => &[
            ("1-9", "pick an option and see if it is right"),
            ("1-9 enter", "several right options: toggle each, then show"),
            ("space", "show the answer without picking"),
            ("u", "undo the last answer"),
            ("b", "bury until tomorrow"),
            ("s", "suspend the card"),
            ("e", "where the card lives"),
            ("j/k ↑/↓", "scroll a card longer than the screen"),
            ("?", "help"),
            ("q", "back to decks"),
        ],
        Mode::Answer => &[
            ("1-4", "Again / Hard / Good / Easy"),
            ("space", "Good"),
            ("u", "undo the last answer"),
            ("b", "bury until tomorrow"),
            ("s", "suspend the card"),
            ("e", "where the card lives"),
            ("j/k ↑/↓", "scroll a card longer than the screen"),
            ("?", "help"),
            ("q", "back to decks"),
        ],
        Mode::Summary => &[("enter", "back to decks"), ("?", "help"), ("q", "back")],
        Mode::Stats => &[
            ("j/k ↑/↓", "scroll the deck table"),
            ("?", "help"),
            ("q", "back to decks"),
        ],
        Mode::Help => &[("esc", "close help"), ("?", "close help")],
        Mode::QuizSetup => &[
            ("j/k ↑/↓", "move between decks, questions, mode"),
            ("space h/l", "toggle a deck; change the count or mode"),
            ("a", "all decks / none"),
            ("enter", "start the quiz"),
            ("q", "back to decks"),
        ],
        Mode::QuizQuestion => &[
            ("1-9", "choose an option (choose-two: toggle)"),
            ("enter/space", "next question"),
            ("n/l →", "next question"),
            ("p/h ←", "previous question"),
            ("j/k ↑/↓", "scroll a long question (also PgDn/PgUp)"),
            ("f", "flag for another look"),
            ("s", "submit (asks first)"),
            ("q", "leave the quiz (asks; saves nothing)"),
        ],
        Mode::QuizTypedQuestion => &[
            ("enter", "type the answer (then enter keeps it)"),
            ("n/l →", "next question"),
            ("p/h ←", "previous question"),
            ("j/k ↑/↓", "scroll a long question (also PgDn/PgUp)"),
            ("f", "flag for another look"),
            ("s", "submit (asks first)"),
            ("q", "leave the quiz (asks; saves nothing)"),
        ],
        Mode::QuizTyping => &[("enter", "keep the answer"), ("esc", "cancel")],
        Mode::QuizConfirm => &[("y/enter", "yes"), ("n/esc", "no")],
        Mode::Results => &[
            ("m/enter", "review the mistakes"),
            ("r", "retake only the missed questions"),
            ("s", "try saving again (after an error)"),
            ("q", "back to decks"),
        ],
        Mode::Review => &[
            ("j/k ↑/↓", "scroll a long mistake (also PgDn/PgUp)"),
            ("n/l →", "next mistake"),
            ("p/h ←", "previous mistake"),
            ("r", "retake only the missed questions"),
            ("q", "back to the results"),
        ],
        Mode::Prompt => &[("enter", "import the file"), ("esc", "cancel")],
        Mode::Report => &[("enter", "back to decks")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn space_reveals_then_rates_good() {
        assert_eq!(
            map(Mode::Question, key(KeyCode::Char(' '))),
            Some(Action::Reveal)
        );
        assert_eq!(
            map(Mode::Answer, key(KeyCode::Char(' '))),
            Some(Action::Rate(Rating::Good))
        );
    }

    #[test]
    fn digits_rate_in_both_study_modes() {
        for (c, r) in ['1', '2', '3', '4'].into_iter().zip(Rating::ALL) {
            assert_eq!(
                map(Mode::Answer, key(KeyCode::Char(c))),
                Some(Action::Rate(r))
            );
        }
        assert_eq!(map(Mode::Answer, key(KeyCode::Char('5'))), None);
    }

    #[test]
    fn digits_pick_on_a_choice_question_and_rate_only_once_revealed() {
        for (c, n) in ('1'..='9').zip(0u8..) {
            assert_eq!(
                map(Mode::Choice, key(KeyCode::Char(c))),
                Some(Action::Pick(n))
            );
        }
        assert_eq!(map(Mode::Choice, key(KeyCode::Enter)), Some(Action::Reveal));
        assert_eq!(
            map(Mode::Choice, key(KeyCode::Char(' '))),
            Some(Action::Reveal)
        );
        // The letters keep their jobs: b buries, s suspends, on every card.
        for mode in [Mode::Question, Mode::Choice, Mode::Answer] {
            assert_eq!(map(mode, key(KeyCode::Char('b'))), Some(Action::Bury));
            assert_eq!(map(mode, key(KeyCode::Char('s'))), Some(Action::Suspend));
            assert_eq!(map(mode, key(KeyCode::Char('u'))), Some(Action::Undo));
        }
        assert_eq!(
            map(Mode::Question, key(KeyCode::Char('2'))),
            Some(Action::Rate(Rating::Hard))
        );
        assert_eq!(
            map(Mode::Answer, key(KeyCode::Char('2'))),
            Some(Action::Rate(Rating::Hard))
        );
        assert_eq!(footer(Mode::Choice)[0], ("1-4", "pick"));
    }

    #[test]
    fn home_keys() {
        assert_eq!(map(Mode::Home, key(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(map(Mode::Home, key(KeyCode::Up)), Some(Action::Up));
        assert_eq!(map(Mode::Home, key(KeyCode::Enter)), Some(Action::Open));
        assert_eq!(
            map(Mode::Home, key(KeyCode::Char('a'))),
            Some(Action::StudyAll)
        );
        assert_eq!(map(Mode::Home, key(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(
            map(Mode::Home, key(KeyCode::Char('i'))),
            Some(Action::Import)
        );
    }

    #[test]
    fn prompt_keys_are_text() {
        for c in ['q', '?', 'i', '/', ' '] {
            assert_eq!(
                map(Mode::Prompt, key(KeyCode::Char(c))),
                Some(Action::Type(c))
            );
        }
        assert_eq!(
            map(Mode::Prompt, key(KeyCode::Backspace)),
            Some(Action::Erase)
        );
        assert_eq!(map(Mode::Prompt, key(KeyCode::Enter)), Some(Action::Submit));
        assert_eq!(map(Mode::Prompt, key(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(map(Mode::Report, key(KeyCode::Enter)), Some(Action::Back));
    }

    #[test]
    fn help_and_ctrl_c_work_everywhere() {
        for mode in [
            Mode::Home,
            Mode::Question,
            Mode::Answer,
            Mode::Summary,
            Mode::Help,
        ] {
            assert_eq!(map(mode, key(KeyCode::Char('?'))), Some(Action::ToggleHelp));
            assert_eq!(
                map(
                    mode,
                    KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
                ),
                Some(Action::Quit)
            );
        }
    }

    #[test]
    fn study_keys() {
        assert_eq!(
            map(Mode::Question, key(KeyCode::Char('u'))),
            Some(Action::Undo)
        );
        assert_eq!(
            map(Mode::Question, key(KeyCode::Char('b'))),
            Some(Action::Bury)
        );
        assert_eq!(
            map(Mode::Question, key(KeyCode::Char('s'))),
            Some(Action::Suspend)
        );
        assert_eq!(
            map(Mode::Question, key(KeyCode::Char('e'))),
            Some(Action::Locate)
        );
        assert_eq!(map(Mode::Question, key(KeyCode::Esc)), Some(Action::Back));
    }

    #[test]
    fn quiz_keys() {
        let q = Mode::QuizQuestion;
        assert_eq!(map(q, key(KeyCode::Char('1'))), Some(Action::Pick(0)));
        assert_eq!(map(q, key(KeyCode::Char('9'))), Some(Action::Pick(8)));
        assert_eq!(map(q, key(KeyCode::Char('f'))), Some(Action::Flag));
        assert_eq!(map(q, key(KeyCode::Char('n'))), Some(Action::Right));
        assert_eq!(map(q, key(KeyCode::Char('p'))), Some(Action::Left));
        assert_eq!(map(q, key(KeyCode::Char('s'))), Some(Action::Submit));
        assert_eq!(map(q, key(KeyCode::Char('q'))), Some(Action::Back));
        assert_eq!(
            map(Mode::Home, key(KeyCode::Char('t'))),
            Some(Action::QuizSetup)
        );
        assert_eq!(
            map(Mode::Results, key(KeyCode::Char('r'))),
            Some(Action::Retake)
        );
        assert_eq!(
            map(Mode::Review, key(KeyCode::Char('r'))),
            Some(Action::Retake)
        );
        assert_eq!(
            map(Mode::QuizConfirm, key(KeyCode::Char('y'))),
            Some(Action::Yes)
        );
        assert_eq!(map(Mode::QuizConfirm, key(KeyCode::Esc)), Some(Action::No));
    }

    #[test]
    fn typing_mode_takes_every_character_as_text() {
        let t = Mode::QuizTyping;
        for c in ['f', 's', 'q', '?', '1', ' '] {
            assert_eq!(map(t, key(KeyCode::Char(c))), Some(Action::Type(c)));
        }
        assert_eq!(map(t, key(KeyCode::Backspace)), Some(Action::Erase));
        assert_eq!(map(t, key(KeyCode::Enter)), Some(Action::Open));
        assert_eq!(map(t, key(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(
            map(t, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn release_events_are_ignored() {
        let mut k = key(KeyCode::Char('q'));
        k.kind = KeyEventKind::Release;
        assert_eq!(map(Mode::Home, k), None);
    }
}
