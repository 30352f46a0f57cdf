//! Home: the deck counts, moving the selection, and the import prompt and report.

use super::support::*;

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

/// Stands in for the binary's importer: "cards.csv" adds a deck, anything else fails.
struct FakeImporter;

impl Importer for FakeImporter {
    fn import(&mut self, path: &str, now: Millis) -> Result<Imported, String> {
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
        Ok(Imported {
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
    app.ctx.importer = Some(Box::new(FakeImporter));
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
