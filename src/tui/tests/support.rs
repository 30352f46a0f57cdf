//! What every TUI test shares: decks as TOML text, in-memory sinks for the review log and
//! the quiz log, an app on them at a fixed time, and the screen drawn as text.
//!
//! Test files import this with `use super::support::*;` (it re-exports the TUI types they
//! use). It may import any TUI module but never a test file.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

pub use ratatui::style::Color;

pub use recall::deck::{parse_deck, DeckSource};
pub use recall::quiz::{Attempt, AttemptSink, QuestionKind, Quiz, QuizMode, QuizSpec, Response};
pub use recall::schedule::{Millis, Phase, Rating, Scheduler, SchedulerConfig};
pub use recall::store::{EventKind, LoadedLog, ReviewLog, StoreError};
pub use recall::study::{Collection, EventSink, Limits};

pub use crate::tui::action::Action;
pub use crate::tui::app::{App, Screen, View};
pub use crate::tui::ctx::{Imported, Importer, QuizEnv};
pub use crate::tui::screens::quiz::take::QuizState;
pub use crate::tui::theme::Theme;

/// 2026-11-23 10:00:00 UTC.
pub const T0: Millis = 1_795_428_000_000;

pub const DECK: &str = r#"
[deck]
id = "demo"
title = "Demo deck"
section = "Tests / Demo"

[[cards]]
id = "basic"
front = "What does **SSE-C** require?"
back = "HTTPS for every request; S3 never stores the key."
explain = "The notes omit this."

[[cards]]
id = "choice"
kind = "choice"
front = "Which class stores data in one AZ?"
choices = ["S3 Standard", "S3 One Zone-IA", "S3 Glacier Deep Archive", "S3 Intelligent-Tiering"]
answer = 1
explain = "One Zone-IA: a single Availability Zone."

[[cards]]
id = "cloze"
kind = "cloze"
text = "A gateway endpoint is a {{route table}} target."

[[cards]]
id = "hostile"
front = "Evil \u001b[2J\u001b]0;pwned\u0007 text 世界 🎉"
back = "inert"
"#;

pub type Events = Rc<RefCell<Vec<(Millis, String, EventKind)>>>;

/// Records events in memory; `fail` makes the next appends fail like a full disk.
#[derive(Clone, Default)]
pub struct MemSink {
    pub events: Events,
    pub fail: Rc<RefCell<bool>>,
}

impl EventSink for MemSink {
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        if *self.fail.borrow() {
            return Err(StoreError::Io {
                path: "reviews.jsonl".into(),
                source: std::io::Error::other("No space left on device"),
            });
        }
        self.events.borrow_mut().push((at, card.to_string(), kind));
        Ok(0)
    }
}

pub fn app_with(sink: MemSink) -> App {
    app_with_deck(DECK, sink)
}

/// An app on one deck given as TOML text, with nothing studied yet.
pub fn app_with_deck(src: &str, sink: MemSink) -> App {
    let deck = parse_deck(src, "demo.toml", DeckSource::Builtin("demo.toml")).expect("valid deck");
    app_on(vec![deck], sink)
}

/// An app on these decks at `T0`, nothing studied yet, fuzz off so intervals are exact, the
/// first-run welcome already closed (as after `esc`): most tests are about what is under it.
pub fn app_on(decks: Vec<recall::deck::Deck>, sink: MemSink) -> App {
    let mut app = first_run_on(decks, sink);
    app.ctx.welcome_closed = true;
    app.set_config(recall::store::Config::default());
    app
}

/// An app on these decks at `T0` as a learner first sees it: nothing answered, the welcome up.
pub fn first_run_on(decks: Vec<recall::deck::Deck>, sink: MemSink) -> App {
    let scheduler = Scheduler::new(SchedulerConfig {
        fuzz: false,
        ..SchedulerConfig::default()
    })
    .expect("default config");
    let col = Collection::replay(decks, &LoadedLog::default(), &scheduler, T0);
    app_from(col, scheduler, sink)
}

/// An app on Home at `T0` over a collection already replayed, with the default limits, an
/// empty history and the default config.
pub fn app_from(col: Collection, scheduler: Scheduler, sink: MemSink) -> App {
    App::new(
        col,
        scheduler,
        Limits::default(),
        Box::new(sink),
        T0,
        Default::default(),
    )
}

pub fn render(app: &App, w: u16, h: u16, theme: Theme) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| f.render_widget(View { app, theme }, f.area()))
        .expect("draw");
    term.backend().buffer().clone()
}

pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            // A wide character covers the next cell too; that cell is not part of the text.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn screen_text(app: &App) -> String {
    text(&render(app, 80, 24, Theme::new(true)))
}

/// Sends a key through the key map of the screen on show, as the event loop does.
pub fn press(app: &mut App, c: char, now: Millis) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let code = match c {
        '\n' => KeyCode::Enter,
        '\u{1b}' => KeyCode::Esc,
        c => KeyCode::Char(c),
    };
    if let Some(action) = crate::tui::keys::map(app.mode(), KeyEvent::new(code, KeyModifiers::NONE))
    {
        app.update(action, now);
    }
}

pub const STORAGE: &str = r#"
[deck]
id = "storage"
title = "Storage"

[[cards]]
id = "onezone"
kind = "choice"
front = "Which class stores data in one AZ?"
choices = ["S3 Standard", "S3 One Zone-IA", "S3 Glacier Deep Archive", "S3 Intelligent-Tiering"]
answer = 1
explain = "One Zone-IA: a single Availability Zone."

[[cards]]
id = "two"
kind = "choice"
front = "Which two are archive classes?"
choices = ["S3 Standard", "S3 Glacier Flexible Retrieval", "S3 Glacier Deep Archive", "S3 One Zone-IA"]
answer = [1, 2]
explain = "Both Glacier classes archive."

[[cards]]
id = "https"
kind = "cloze"
text = "S3 rejects SSE-C requests not made over {{HTTPS}}."
"#;

pub const FACTS: &str = r#"
[deck]
id = "facts"
title = "Facts"

[[cards]]
id = "azs"
front = "How many AZs does S3 Standard use?"
back = "3 or more AZs"
explain = "Standard spreads data over three or more AZs."

[[cards]]
id = "deep"
front = "Deep Archive standard retrieval time?"
back = "12 hours"

[[cards]]
id = "min"
front = "Deep Archive minimum storage duration?"
back = "180 days"

[[cards]]
id = "ia"
front = "Standard-IA minimum storage duration?"
back = "30 days"

[[cards]]
id = "gir"
front = "Glacier Instant Retrieval minimum duration?"
back = "90 days"
"#;

pub type Attempts = Rc<RefCell<Vec<Attempt>>>;

/// Keeps attempts in memory; `fail` makes the next appends fail like a full disk.
#[derive(Clone, Default)]
pub struct MemAttempts {
    pub saved: Attempts,
    pub fail: Rc<RefCell<bool>>,
}

impl AttemptSink for MemAttempts {
    fn append_attempt(&mut self, attempt: &Attempt) -> Result<(), StoreError> {
        if *self.fail.borrow() {
            return Err(StoreError::Io {
                path: "quizzes.jsonl".into(),
                source: std::io::Error::other("No space left on device"),
            });
        }
        self.saved.borrow_mut().push(attempt.clone());
        Ok(())
    }
}

pub fn quiz_app(sink: MemSink, attempts: MemAttempts) -> App {
    quiz_app_with(sink, attempts, &[STORAGE, FACTS])
}

/// A quiz-ready app over the given deck files (TOML text).
pub fn quiz_app_with(sink: MemSink, attempts: MemAttempts, sources: &[&str]) -> App {
    let decks = sources
        .iter()
        .map(|src| parse_deck(src, "deck.toml", DeckSource::Builtin("deck.toml")).expect("valid"))
        .collect();
    app_on(decks, sink).with_quiz(QuizEnv {
        attempts: Some(Box::new(attempts)),
        pass_mark: 0.75,
        seconds_per_question: 60,
        minutes: None,
        exit_when_done: false,
    })
}

/// A quiz in `mode` over `quiz_app`'s decks holding every kind of question, typed ones too
/// (as a practice quiz draws them), so that each screen is tried on each kind in each mode:
/// the screens take any quiz they are given, whatever `build` draws today.
pub fn started(mode: QuizMode) -> (App, MemSink, MemAttempts) {
    let (sink, attempts) = (MemSink::default(), MemAttempts::default());
    let mut app = quiz_app(sink.clone(), attempts.clone());
    let spec = QuizSpec {
        decks: Vec::new(),
        count: 65,
        seed: 7,
        mode: QuizMode::Practice,
    };
    let questions = recall::quiz::build(&app.ctx.collection.decks, &spec);
    let allowed = Quiz::allowed_ms(questions.len(), 60, None);
    let quiz = Quiz::start(questions, mode, 7, app.ctx.now, allowed, 0.75);
    app.screen = Screen::Quiz(Box::new(QuizState::new(quiz, "All decks".into())));
    (app, sink, attempts)
}

pub fn state(app: &App) -> &QuizState {
    match &app.screen {
        Screen::Quiz(q) => q,
        _ => panic!("not on the quiz screen"),
    }
}

/// Answers the question on screen right (`true`) or wrong, through key actions.
pub fn answer(app: &mut App, right: bool, now: i64) {
    let st = state(app);
    let q = st.quiz.questions[st.current].clone();
    match &q.kind {
        QuestionKind::Choice { options, correct } => {
            let picks: Vec<usize> = if right {
                correct.clone()
            } else {
                (0..options.len())
                    .filter(|k| !correct.contains(k))
                    .take(correct.len())
                    .collect()
            };
            for k in picks {
                app.update(Action::Pick(k as u8), now);
            }
        }
        QuestionKind::Typed { answers } => {
            app.update(Action::Open, now);
            let text = if right {
                answers.join(" ").to_lowercase() + "."
            } else {
                "no idea".to_string()
            };
            for c in text.chars() {
                app.update(Action::Type(c), now);
            }
            app.update(Action::Open, now);
        }
    }
}

/// One choice card whose question, options and explanation are each several lines long at
/// 80 columns.
pub const LONG: &str = r#"
[deck]
id = "long"
title = "Long"

[[cards]]
id = "pipeline"
kind = "choice"
front = """
A team ingests clickstream data from several hundred web servers into Amazon S3 and wants to \
train a model every night on the last thirty days of data. The data arrives as many small JSON \
files, training jobs read it slowly, and costs keep rising. The data scientists also need to \
query the raw events ad hoc with SQL without moving them to another store first.

Which change makes the nightly training faster and cheaper while keeping ad hoc SQL possible?"""
choices = [
  "Use Amazon Kinesis Data Firehose to convert the records to Apache Parquet, partition them by date in S3, and query them with Amazon Athena while training reads only the needed partitions",
  "Copy every night's data into Amazon RDS for PostgreSQL and let the training job read it through a JDBC connection opened by each worker node",
  "Move the JSON files to Amazon EFS and mount the file system on the training instances so that they read the small files over NFS instead of S3",
  "Keep the small JSON files as they are but turn on S3 Transfer Acceleration for the bucket so that the training job downloads them faster each night",
]
answer = 0
explain = """
Firehose can convert JSON to Parquet on the way in and write date partitions, so training reads \
fewer, larger, columnar files. Athena queries Parquet in place with SQL. RDS adds a database to \
run and a slow JDBC path; EFS does not fix small files; Transfer Acceleration speeds uploads \
from far away, not reads inside the Region. THE-END-OF-THE-EXPLANATION"""
"#;

pub fn long_quiz(mode: QuizMode) -> App {
    let mut app = quiz_app_with(MemSink::default(), MemAttempts::default(), &[LONG]);
    app.start_quiz(QuizSpec {
        decks: Vec::new(),
        count: 1,
        seed: 7,
        mode,
    });
    app
}

/// The quiz's own scroll offsets: the question's, and the mistake review's.
pub fn scrolls(app: &App) -> (u16, u16) {
    match &app.screen {
        Screen::Quiz(q) => (q.scroll, 0),
        Screen::Results(r) => (0, r.review_scroll),
        _ => (0, 0),
    }
}

/// The key (position on screen, 1-based) of the option reading `option` on the card shown:
/// options are shuffled per review, so tests find them by their text.
pub fn key_of(app: &App, option: &str) -> char {
    let screen = screen_text(app);
    let line = screen
        .lines()
        .find(|l| l.contains(&format!(") {option}")))
        .unwrap_or_else(|| panic!("no option {option} on screen: {screen}"));
    let before = &line[..line.find(&format!(") {option}")).expect("found")];
    before.chars().last().expect("a digit before ')'")
}

/// config.toml in memory for `x` and the reload on Home: `set` edits the text exactly as the
/// binary does (through `config_edit`), `next_change` is what the next look at the file finds.
#[derive(Clone, Default)]
pub struct MemConfig {
    pub text: Rc<RefCell<String>>,
    pub next_change: Rc<RefCell<Option<Result<recall::store::Config, String>>>>,
}

impl crate::tui::ctx::ConfigStore for MemConfig {
    fn set(&mut self, key: &str, raw: &str, now: Millis) -> Result<recall::store::Config, String> {
        use recall::store::config_edit::{apply, edit_text, setting};
        let today = recall::dates::date_of_day(now.div_euclid(86_400_000) as i32);
        let words = |e: StoreError| match e {
            StoreError::Config { message, .. } => message,
            other => other.to_string(),
        };
        let s = setting(key, raw, today).map_err(words)?;
        let src = self.text.borrow().clone();
        let (text, config) =
            edit_text(&src, "config.toml", |doc| apply(doc, key, s)).map_err(words)?;
        *self.text.borrow_mut() = text;
        Ok(config)
    }

    fn changed(&mut self) -> Option<Result<recall::store::Config, String>> {
        self.next_change.borrow_mut().take()
    }
}

/// Types `s` into an open prompt and presses enter.
pub fn type_and_enter(app: &mut App, s: &str, now: Millis) {
    for c in s.chars() {
        app.update(Action::Type(c), now);
    }
    app.update(Action::Submit, now);
}
