//! The TUI driven headless: actions in, rendered buffers out (TestBackend + insta snapshots).

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::Terminal;
use recall::deck::{parse_deck, DeckSource};
use recall::schedule::{Millis, Phase, Rating, Scheduler, SchedulerConfig};
use recall::store::{EventKind, LoadedLog, ReviewLog, StoreError};
use recall::study::{Collection, EventSink, Limits};

use super::app::{Action, App, Screen};
use super::theme::Theme;
use super::ui::View;

/// 2026-11-23 10:00:00 UTC.
pub(super) const T0: Millis = 1_795_428_000_000;

const DECK: &str = r#"
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

type Events = Rc<RefCell<Vec<(Millis, String, EventKind)>>>;

/// Records events in memory; `fail` makes the next appends fail like a full disk.
#[derive(Clone, Default)]
pub(super) struct MemSink {
    pub(super) events: Events,
    pub(super) fail: Rc<RefCell<bool>>,
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

pub(super) fn app_with(sink: MemSink) -> App {
    app_with_deck(DECK, sink)
}

/// An app on one deck given as TOML text, with nothing studied yet.
fn app_with_deck(src: &str, sink: MemSink) -> App {
    let deck = parse_deck(src, "demo.toml", DeckSource::Builtin("demo.toml")).expect("valid deck");
    app_on(vec![deck], sink)
}

/// An app on these decks at `T0`, nothing studied yet, fuzz off so intervals are exact.
pub(super) fn app_on(decks: Vec<recall::deck::Deck>, sink: MemSink) -> App {
    let scheduler = Scheduler::new(SchedulerConfig {
        fuzz: false,
        ..SchedulerConfig::default()
    })
    .expect("default config");
    let col = Collection::replay(decks, &LoadedLog::default(), &scheduler, T0);
    App::new(col, scheduler, Limits::default(), Box::new(sink), T0)
}

pub(super) fn render(app: &App, w: u16, h: u16, theme: Theme) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| f.render_widget(View { app, theme }, f.area()))
        .expect("draw");
    term.backend().buffer().clone()
}

pub(super) fn text(buf: &Buffer) -> String {
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

pub(super) fn screen_text(app: &App) -> String {
    text(&render(app, 80, 24, Theme::new(true)))
}

#[test]
fn a_whole_session_reveal_rate_undo_bury_finish() {
    let sink = MemSink::default();
    let mut app = app_with(sink.clone());
    let mut now = T0;
    let mut step = |app: &mut App, a: Action| {
        now += 5_000;
        app.update(a, now);
    };
    step(&mut app, Action::Open);
    assert!(matches!(app.screen, Screen::Study(_)));
    assert!(screen_text(&app).contains("What does SSE-C require?"));

    step(&mut app, Action::Rate(Rating::Good));
    assert!(
        sink.events.borrow().is_empty(),
        "rating before reveal must do nothing"
    );

    step(&mut app, Action::Reveal);
    let shown = screen_text(&app);
    assert!(shown.contains("HTTPS for every request"), "{shown}");
    assert!(shown.contains("1 Again 1m"), "{shown}");
    step(&mut app, Action::Rate(Rating::Easy));
    assert_eq!(sink.events.borrow().len(), 1);
    let first = app.collection.find("demo/basic").expect("card");
    assert_eq!(app.collection.cards[first].state.phase, Phase::Review);

    // Undo puts the same card back, unrevealed, in its old state, and logs an undo event.
    step(&mut app, Action::Undo);
    assert_eq!(app.collection.cards[first].state.phase, Phase::New);
    assert_eq!(sink.events.borrow()[1].2, EventKind::Undo);
    assert!(screen_text(&app).contains("What does SSE-C require?"));

    step(&mut app, Action::Reveal);
    step(&mut app, Action::Rate(Rating::Easy));
    // The choice card: bury it.
    assert!(screen_text(&app).contains("2) S3 One Zone-IA"));
    step(&mut app, Action::Bury);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Bury)
    );
    // Cloze shows the gap hidden, then filled.
    assert!(screen_text(&app).contains("A gateway endpoint is a [...] target."));
    step(&mut app, Action::Reveal);
    assert!(screen_text(&app).contains("A gateway endpoint is a route table target."));
    step(&mut app, Action::Rate(Rating::Easy));
    step(&mut app, Action::Suspend);
    assert!(matches!(app.screen, Screen::Summary(_)), "all cards done");
    let summary = screen_text(&app);
    assert!(summary.contains("Answers   2"), "{summary}");
    assert!(summary.contains("Easy 2"), "{summary}");
    step(&mut app, Action::Back);
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn a_failed_write_is_not_counted_and_the_app_keeps_running() {
    let sink = MemSink::default();
    let mut app = app_with(sink.clone());
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0 + 1000);
    *sink.fail.borrow_mut() = true;
    app.update(Action::Rate(Rating::Good), T0 + 2000);
    let status = app.status.clone().expect("an error is shown");
    assert!(
        status.is_error && status.text.contains("Not saved"),
        "{status:?}"
    );
    assert!(screen_text(&app).contains("No space left on device"));
    let e = app.collection.find("demo/basic").expect("card");
    assert_eq!(app.collection.cards[e].state.phase, Phase::New);
    // Space freed: the same rating now goes through.
    *sink.fail.borrow_mut() = false;
    app.update(Action::Rate(Rating::Good), T0 + 3000);
    assert_eq!(sink.events.borrow().len(), 1);
    assert_eq!(app.collection.cards[e].state.phase, Phase::Learning);
}

#[test]
fn a_full_disk_through_the_real_log_loses_nothing_and_keeps_running() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("reviews.jsonl");
    let mut app = app_with(MemSink::default());
    app.sink = Box::new(ReviewLog::open_append(&path).expect("log"));
    app.update(Action::Open, T0);
    for i in 1..=2 {
        app.update(Action::Reveal, T0 + i * 1000);
        app.update(Action::Rate(Rating::Easy), T0 + i * 1000 + 500);
    }
    let before = std::fs::read(&path).expect("log written");
    // The disk fills up: /dev/full fails every write with ENOSPC.
    app.sink = Box::new(ReviewLog::open_append(Path::new("/dev/full")).expect("/dev/full opens"));
    app.update(Action::Reveal, T0 + 5000);
    let shown = screen_text(&app);
    let current = match &app.screen {
        Screen::Study(s) => s.session.current().expect("a card is still shown"),
        _ => panic!("the study screen stays:\n{shown}"),
    };
    app.update(Action::Rate(Rating::Good), T0 + 6000);
    let status = app.status.clone().expect("the failure is shown");
    assert!(status.is_error, "{status:?}");
    let shown = screen_text(&app);
    assert!(
        shown.contains("Not saved: /dev/full: No space left on device"),
        "{shown}"
    );
    assert_eq!(app.collection.cards[current].state.phase, Phase::New);
    assert!(matches!(&app.screen, Screen::Study(s) if s.session.current() == Some(current)));
    // Space again: the same card is rated and joins the two before it.
    app.sink = Box::new(ReviewLog::open_append(&path).expect("log"));
    app.update(Action::Rate(Rating::Good), T0 + 7000);
    assert!(app.status.is_none(), "{:?}", app.status);
    let after = std::fs::read(&path).expect("log");
    assert!(after.starts_with(&before), "earlier ratings untouched");
    let log = ReviewLog::load(&path).expect("loads");
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.events.len(), 3);
}

#[test]
fn learning_card_comes_back_after_its_step() {
    let mut app = app_with(MemSink::default());
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0);
    app.update(Action::Rate(Rating::Again), T0);
    // The other three cards come first; the 1-minute step is not due yet.
    for _ in 0..3 {
        app.update(Action::Reveal, T0);
        app.update(Action::Rate(Rating::Easy), T0);
    }
    // Nothing else left: the learning card is shown ahead (within 20 minutes).
    assert!(screen_text(&app).contains("What does SSE-C require?"));
}

#[test]
fn home_shows_counts_and_moves_selection() {
    let mut app = app_with(MemSink::default());
    let home = screen_text(&app);
    assert!(home.contains("Demo deck"), "{home}");
    assert!(home.contains("Tests / Demo · 4 cards"), "{home}");
    app.update(Action::Down, T0);
    app.update(Action::Up, T0);
    app.update(Action::Quit, T0);
    assert!(app.quit);
}

#[test]
fn control_characters_in_cards_render_inert() {
    let mut app = app_with(MemSink::default());
    app.update(Action::Open, T0);
    for _ in 0..3 {
        app.update(Action::Reveal, T0);
        app.update(Action::Rate(Rating::Easy), T0);
    }
    let buf = render(&app, 80, 24, Theme::new(true));
    let shown = text(&buf);
    assert!(
        shown.contains("Evil ␛[2J␛]0;pwned␇ text 世界 🎉"),
        "{shown}"
    );
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "control character in {:?}",
            cell.symbol()
        );
    }
}

/// Every terminal-control trick we know of, in a deck's title and a card's both sides.
const HOSTILE_DECK: &str = r#"
[deck]
id = "hostile"
title = "T\u001b[31mitle\u0007\u202Eevil"

[[cards]]
id = "c"
front = "clear\u001b[2J osc\u001b]0;title\u0007 link\u001b]8;;http://x\u001b\\y\u001b]8;;\u001b\\ clip\u001b]52;c;cHduZWQ=\u0007 dcs\u001bP1$r\u001b\\ c1\u009b31m nul\u0000 bs\u0008\u0008 cr\rX bell\u0007 del\u007f"
back = "rlo\u202Edcba\u202C lri\u2066x\u2069 lrm\u200F zw\u200Bs\u2060p\uFEFF sep\u2028next"
"#;

#[test]
fn escape_sequences_bidi_and_zero_width_in_cards_render_inert() {
    let deck = parse_deck(
        HOSTILE_DECK,
        "hostile.toml",
        DeckSource::Builtin("hostile.toml"),
    )
    .expect("a deck may contain any characters");
    let mut app = app_on(vec![deck], MemSink::default());
    let forbidden = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{2060}' | '\u{FEFF}')
    };
    let mut screens = Vec::new();
    for step in [None, Some(Action::Open), Some(Action::Reveal)] {
        if let Some(a) = step {
            app.update(a, T0);
        }
        for (w, h) in [(80, 24), (40, 12), (120, 40)] {
            let buf = render(&app, w, h, Theme::new(true));
            for cell in buf.content() {
                assert!(
                    !cell.symbol().chars().any(forbidden),
                    "{:?} reached the terminal at {w}x{h}",
                    cell.symbol()
                );
            }
            screens.push(text(&buf));
        }
    }
    let all = screens.join("\n");
    // Shown, as visible symbols, where they are in the text.
    for shown in [
        "T␛[31mitle␇�evil",
        "clear␛[2J osc␛]0;title␇",
        "clip␛]52;c;cHduZWQ=␇",
        "nul␀ bs␈␈",
        "rlo�dcba� lri�x� lrm� zwsp sep",
    ] {
        assert!(all.contains(shown), "{shown:?} not on screen:\n{all}");
    }
    assert!(all.contains("next"), "{all}");
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = app_with(MemSink::default());
    for (w, h) in [(1, 1), (2, 1), (10, 3), (39, 9), (40, 10), (200, 60)] {
        render(&app, w, h, Theme::new(true));
    }
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0);
    app.update(Action::ToggleHelp, T0);
    for w in 1..50 {
        for h in [1, 5, 10, 12] {
            render(&app, w, h, Theme::new(true));
        }
    }
    assert!(text(&render(&app, 30, 5, Theme::new(true))).contains("terminal too small"));
}

#[test]
fn no_color_output_carries_no_colour() {
    let mut app = app_with(MemSink::default());
    let check = |app: &App| {
        let buf = render(app, 80, 24, Theme::new(false));
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
    };
    check(&app);
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0);
    check(&app);
    app.update(Action::ToggleHelp, T0);
    check(&app);
}

#[test]
fn snapshots_of_each_screen() {
    let mut app = app_with(MemSink::default());
    insta::assert_snapshot!("home_80x24", screen_text(&app));
    app.update(Action::ToggleHelp, T0);
    insta::assert_snapshot!("help_80x24", screen_text(&app));
    app.update(Action::ToggleHelp, T0);
    app.update(Action::Open, T0);
    insta::assert_snapshot!("question_80x24", screen_text(&app));
    app.update(Action::Reveal, T0);
    insta::assert_snapshot!("answer_80x24", screen_text(&app));
    app.update(Action::Rate(Rating::Easy), T0 + 4000);
    insta::assert_snapshot!("choice_question_80x24", screen_text(&app));
    // A wrong pick: ✗ beside it, ✓ beside the right option.
    app.update(Action::Pick(0), T0 + 8000);
    insta::assert_snapshot!("choice_answer_80x24", screen_text(&app));
    insta::assert_snapshot!("tiny_20x5", text(&render(&app, 20, 5, Theme::new(true))));
    for _ in 0..3 {
        app.update(Action::Reveal, T0 + 60_000);
        app.update(Action::Rate(Rating::Easy), T0 + 60_000);
    }
    insta::assert_snapshot!("summary_80x24", screen_text(&app));
}

/// Stands in for the binary's importer: "cards.csv" adds a deck, anything else fails.
struct FakeImporter;

impl super::app::Importer for FakeImporter {
    fn import(&mut self, path: &str, now: Millis) -> Result<super::app::Imported, String> {
        if path != "cards.csv" {
            return Err(format!("{path}: No such file or directory (os error 2)"));
        }
        let demo = parse_deck(DECK, "demo.toml", DeckSource::Builtin("demo.toml")).expect("deck");
        let mine = parse_deck(
            "[deck]\nid = \"cards\"\ntitle = \"cards\"\n\n[[cards]]\nid = \"c-1\"\nfront = \"S3\"\nback = \"Object storage\"\n",
            "cards.toml",
            DeckSource::File("decks/cards.toml".into()),
        )
        .expect("deck");
        let scheduler = Scheduler::new(SchedulerConfig::default()).expect("config");
        let log = LoadedLog::default();
        Ok(super::app::Imported {
            report: vec![
                "imported cards.csv (csv) into deck \"cards\" (decks/cards.toml): 1 added, 0 updated, 0 unchanged, 0 archived, 1 skipped".into(),
                "  skipped cards.csv:2: empty back".into(),
            ],
            collection: Collection::replay(vec![demo, mine], &log, &scheduler, now),
            deck_id: "cards".into(),
        })
    }
}

#[test]
fn import_prompt_then_report_then_the_deck_on_home() {
    let mut app = app_with(MemSink::default());
    app.importer = Some(Box::new(FakeImporter));
    app.update(Action::Import, T0);
    for c in "nope.csv".chars() {
        app.update(Action::Type(c), T0);
    }
    insta::assert_snapshot!("import_prompt_80x24", screen_text(&app));
    app.update(Action::Submit, T0);
    let shown = screen_text(&app);
    assert!(
        shown.contains("nope.csv: No such file or directory"),
        "{shown}"
    );
    assert!(
        shown.contains("> nope.csv"),
        "the prompt stays open: {shown}"
    );

    for _ in 0.."nope.csv".len() {
        app.update(Action::Erase, T0);
    }
    for c in "cards.csv".chars() {
        app.update(Action::Type(c), T0);
    }
    app.update(Action::Submit, T0);
    insta::assert_snapshot!("import_report_80x24", screen_text(&app));
    app.update(Action::Back, T0);
    let Screen::Home(home) = &app.screen else {
        panic!("home");
    };
    assert_eq!(
        home.rows[home.selected].title, "cards",
        "the new deck is selected"
    );
    assert!(screen_text(&app).contains("1 card"));
    // Esc cancels an open prompt without importing.
    app.update(Action::Import, T0);
    app.update(Action::Back, T0);
    assert!(matches!(&app.screen, Screen::Home(h) if h.prompt.is_none()));
    assert!(!app.quit);
}
#[path = "tests_stats.rs"]
mod stats;

#[test]
fn a_card_longer_than_the_screen_scrolls_and_the_next_card_starts_at_the_top() {
    let mut app = app_with(MemSink::default());
    app.update(Action::Resize(40, 10), T0);
    app.update(Action::Open, T0);
    app.update(Action::Reveal, T0);
    let small = |app: &App| text(&render(app, 40, 10, Theme::new(false)));
    let top = small(&app);
    assert!(top.contains("↓ more: j"), "{top}");
    assert!(!top.contains("The notes omit this."), "{top}");
    for _ in 0..20 {
        app.update(Action::Down, T0);
    }
    let bottom = small(&app);
    assert!(bottom.contains("The notes omit this."), "{bottom}");
    assert!(bottom.contains("↑ k"), "at the end: {bottom}");
    app.update(Action::Up, T0);
    assert!(small(&app).contains("↑↓ more"), "one line back up");
    // Scrolling never rates, and the next card is shown from its first line.
    app.update(Action::Rate(Rating::Good), T0);
    let next = small(&app);
    assert!(next.contains("Which class stores"), "{next}");
    // A card that fits shows no hint.
    app.update(Action::Resize(80, 24), T0);
    assert!(!screen_text(&app).contains("more: j"));
}

/// Sends a key through the key map of the screen on show, as the event loop does.
fn press(app: &mut App, c: char, now: Millis) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let code = match c {
        '\n' => KeyCode::Enter,
        c => KeyCode::Char(c),
    };
    let mode = super::keys::Mode::of(&app.screen, app.show_help);
    if let Some(action) = super::keys::map(mode, KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(action, now);
    }
}

const CHOICES: &str = r#"
[deck]
id = "pick"
title = "Pick deck"

[[cards]]
id = "one"
kind = "choice"
front = "Which class stores data in one AZ?"
choices = ["S3 Standard", "S3 One Zone-IA", "S3 Glacier", "S3 Intelligent-Tiering"]
answer = 1

[[cards]]
id = "two"
kind = "choice"
front = "Which two are serverless?"
choices = ["EC2", "Lambda", "Fargate", "EBS"]
answer = [1, 2]

[[cards]]
id = "plain"
front = "Basic front"
back = "Basic back"
"#;

fn choice_app(sink: MemSink) -> App {
    app_with_deck(CHOICES, sink)
}

#[test]
fn a_choice_card_is_answered_with_digits_and_marked_right_or_wrong() {
    let sink = MemSink::default();
    let mut app = choice_app(sink.clone());
    app.update(Action::Open, T0);
    let question = screen_text(&app);
    assert!(question.contains("1) S3 Standard"), "{question}");
    assert!(question.contains("1-4 pick"), "{question}");
    // `b` on the question of a choice card still buries; the digits answer instead.
    press(&mut app, '1', T0 + 1000);
    assert!(sink.events.borrow().is_empty(), "a pick logs nothing");
    let Screen::Study(s) = &app.screen else {
        panic!("still studying")
    };
    assert!(s.session.is_revealed(), "a pick shows the answer");
    let shown = screen_text(&app);
    assert!(shown.contains("✗ 1) S3 Standard"), "{shown}");
    assert!(shown.contains("✓ 2) S3 One Zone-IA"), "{shown}");
    assert!(shown.contains("wrong; the answer is 2"), "{shown}");
    // A wrong pick still offers every rating: the user rates honestly.
    assert!(
        shown.contains("1 Again") && shown.contains("4 Easy"),
        "{shown}"
    );
    press(&mut app, '1', T0 + 2000);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Review {
            rating: 1,
            ms: 2000
        })
    );

    // Two right options: digits toggle, enter shows the answer.
    let multi = screen_text(&app);
    assert!(multi.contains("Which two are serverless?"), "{multi}");
    assert!(!multi.contains("You picked"), "picks start empty: {multi}");
    for c in ['2', '4', '4', '3'] {
        press(&mut app, c, T0 + 3000);
    }
    let Screen::Study(s) = &app.screen else {
        panic!("still studying")
    };
    assert!(!s.session.is_revealed(), "toggling does not reveal");
    assert!(screen_text(&app).contains("▸ 2) Lambda"));
    press(&mut app, '\n', T0 + 4000);
    let shown = screen_text(&app);
    assert!(shown.contains("You picked 2, 3: right."), "{shown}");
    assert!(shown.contains("✓ 3) Fargate"), "{shown}");
    assert!(!shown.contains('✗'), "{shown}");
    press(&mut app, '3', T0 + 5000);

    // A basic card keeps its keys: digits before the reveal rate nothing.
    assert!(screen_text(&app).contains("Basic front"));
    press(&mut app, '3', T0 + 6000);
    assert_eq!(sink.events.borrow().len(), 2);
    assert!(!screen_text(&app).contains("1-4 pick"));
    press(&mut app, ' ', T0 + 7000);
    press(&mut app, '3', T0 + 8000);
    assert_eq!(sink.events.borrow().len(), 3);
}

#[test]
fn a_pick_past_the_last_option_says_so_and_letters_still_bury_and_suspend() {
    let sink = MemSink::default();
    let mut app = choice_app(sink.clone());
    app.update(Action::Open, T0);
    let help = {
        press(&mut app, '?', T0);
        let h = screen_text(&app);
        press(&mut app, '?', T0);
        h
    };
    assert!(
        help.contains("pick an option and see if it is right"),
        "{help}"
    );
    press(&mut app, '7', T0);
    let shown = screen_text(&app);
    assert!(shown.contains("There is no option 7; pick 1-4."), "{shown}");
    press(&mut app, 'b', T0);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Bury)
    );
    press(&mut app, 's', T0);
    assert_eq!(
        sink.events.borrow().last().map(|e| e.2),
        Some(EventKind::Suspend)
    );
    // Undo brings the multi-answer card back with nothing picked.
    press(&mut app, 'u', T0);
    assert!(screen_text(&app).contains("Which two are serverless?"));
    let Screen::Study(s) = &app.screen else {
        panic!("still studying")
    };
    assert!(s.picked.is_empty() && s.choice);
}
