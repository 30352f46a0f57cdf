//! What a key asks for (`Action`) and what a screen asks the router for (`Nav`).
//!
//! Plain data only: this file imports nothing from the TUI, so that keys, screens and the
//! router can all use it without importing each other. A new screen that others can open
//! adds one `Nav` variant here and one arm in `app.rs`.

use recall::quiz::{Quiz, QuizSpec};
use recall::schedule::Rating;
use recall::study::Scope;

/// Everything a key can ask for; `keys` maps keys to these per screen.
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
    /// Study: page a long card down or up (PgDn/PgUp).
    PageDown,
    PageUp,
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
    /// Quiz setup: tick or untick the deck under the cursor (space).
    Toggle,
    /// Quiz: choose option n (0-based); toggles on "choose two" questions.
    Pick(u8),
    Flag,
    /// Quiz: start typing a question number to go to (`g`).
    Jump,
    /// Quiz: go to the next flagged question, or the next one without an answer.
    NextFlagged,
    NextUnanswered,
    Submit,
    /// Answers to a confirmation.
    Yes,
    No,
    /// Typing an answer: a character, and backspace.
    Type(char),
    Erase,
    /// A prompt: clear the line (`ctrl-u`), delete a word (`ctrl-w`), complete a path (`tab`).
    ClearLine,
    EraseWord,
    Complete,
    /// Results: retake only the missed questions; review the mistakes; retry saving.
    Retake,
    Mistakes,
    Save,
    /// Home: ask for a file to import (the prompt then takes Type, Erase and Submit).
    Import,
    /// Home: open the stats screen.
    Stats,
    /// Open the card browser (Home `B`; study `B`: on the card being studied).
    Browse,
    /// Home `/`: open the browser typing a search; browser `/`: edit the search.
    Search,
    /// Browser: the first or last row (`g`/`G`).
    Top,
    Bottom,
    /// Browser: sort by the next column (`o`), or reverse the order (`r`).
    SortNext,
    SortReverse,
    /// Browser: mark every row shown, or clear the marks when all are marked (`a`).
    MarkAll,
    /// Custom study of the cards shown (or marked): `c` due only, `C` cram.
    StudyShown {
        cram: bool,
    },
    /// Browser: forget the cards (back to new, history kept in the log).
    Forget,
    /// Browser: ask for a due date for the cards (Anki's "set due date").
    SetDue,
    /// Browser or card page: open the card in the user's editor.
    Edit,
    /// Home and Stats: open the exam-date prompt (`x`).
    ExamDate,
    /// Home: open the add-card form (`a`).
    AddCard,
    /// The add-card form: a new line in a multi-line field (`enter`), the next or previous
    /// field (`tab`, `shift-tab`), delete the character under the cursor, the line's start or
    /// end (`home`/`ctrl-a`, `end`/`ctrl-e`).
    Newline,
    NextField,
    PrevField,
    Delete,
    LineStart,
    LineEnd,
}

/// Where a screen wants to go next. A screen never builds another screen: it returns one of
/// these from its `update`, and `App` (the router) calls the next screen's constructor.
/// Variants carry core data only (never a screen's state), so this file stays below them.
#[derive(Debug)]
pub enum Nav {
    /// The deck list with fresh counts, the deck last used selected.
    Home,
    /// Study these cards (stays put, with a status line, when nothing is due).
    Study(Scope),
    /// Custom study of a search's cards (indices into the collection): today's queue of
    /// them within the limits, or with `cram` all of them without rescheduling.
    CustomStudy {
        query: String,
        cards: Vec<usize>,
        cram: bool,
    },
    /// Take back the most recent answer of today (`u` on the summary or Home): the card comes
    /// back on the study screen.
    Undo,
    /// The study session on screen ended: its summary, or Home when nothing was answered.
    Summary,
    /// The stats screen for every deck.
    Stats,
    /// The quiz setup form.
    QuizSetup,
    /// Build a quiz and show its first question (stays put when it has no questions).
    StartQuiz(QuizSpec),
    /// Take this already built quiz (a retake of missed questions).
    TakeQuiz { quiz: Box<Quiz>, title: String },
    /// The quiz on screen is over: score it, save it and show the results.
    Submitted,
    /// Out of a quiz or its results: Home, or out of recall when it was started from the shell.
    LeaveQuiz,
    /// The card browser, with `card` (a collection index) selected and, with `page`, its
    /// page open (`e` on the study screen); `search` starts typing a search. Opened from the
    /// study screen, the session comes back when the browser is left.
    Browse {
        card: Option<usize>,
        page: bool,
        search: bool,
    },
    /// Leave the browser: back to the screen it was opened from (`changed`: cards were
    /// suspended, edited...: a study session underneath starts again from the log).
    LeaveBrowse { changed: bool },
    /// The add-card form, on this deck (an index into the collection) when it is one of the
    /// learner's own; it comes back to Home.
    AddCard(Option<usize>),
    /// End recall.
    Quit,
}
