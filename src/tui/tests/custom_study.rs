//! Custom study (`recall study --search`) on the study screen, and the leech message.

use super::support::*;

/// An app whose card `demo/basic` was made a review card (Easy) 30 days ago, so it is due;
/// `threshold` lapses make a leech, suspended when `suspends`.
fn app_with_review(sink: MemSink, threshold: u32, suspends: bool) -> App {
    let deck = parse_deck(DECK, "demo.toml", DeckSource::Builtin("demo.toml")).expect("deck");
    let scheduler = Scheduler::new(SchedulerConfig {
        fuzz: false,
        leech_threshold: threshold,
        leech_suspends: suspends,
        ..SchedulerConfig::default()
    })
    .expect("config");
    let mut text = String::new();
    recall::store::log::format_line(
        &mut text,
        T0 - 30 * 86_400_000,
        "demo/basic",
        EventKind::Review { rating: 4, ms: 0 },
    );
    let log = recall::store::log::parse_log(text.as_bytes(), "me.jsonl");
    let col = Collection::replay(vec![deck], &log, &scheduler, T0);
    app_from(col, scheduler, sink)
}

#[test]
fn cram_studies_the_selected_cards_and_changes_no_schedule() {
    let sink = MemSink::default();
    let mut app = app_with_review(sink.clone(), 8, false);
    let before: Vec<_> = app.ctx.collection.cards.iter().map(|e| e.state).collect();
    app.start_custom_study("deck:demo".into(), vec![0, 2], true);
    assert!(matches!(app.screen, Screen::Study(_)));
    let shown = screen_text(&app);
    assert!(
        shown.contains("Cram (schedules unchanged): deck:demo"),
        "{shown}"
    );
    assert!(shown.contains("What does SSE-C require?"), "{shown}");
    for n in 1..=2 {
        app.update(Action::Reveal, T0 + n * 1000);
        app.update(Action::Rate(Rating::Good), T0 + n * 1000 + 500);
    }
    let kinds: Vec<EventKind> = sink.events.borrow().iter().map(|e| e.2).collect();
    assert!(
        kinds
            .iter()
            .all(|k| matches!(k, EventKind::Cram { rating: 3, .. })),
        "{kinds:?}"
    );
    assert_eq!(kinds.len(), 2);
    let after: Vec<_> = app.ctx.collection.cards.iter().map(|e| e.state).collect();
    assert_eq!(after, before);
}

#[test]
fn due_only_custom_study_with_nothing_due_says_so_and_stays_home() {
    let mut app = app_with_review(MemSink::default(), 8, false);
    // A search that selected no card: nothing to study; Home stays, with a line saying so.
    app.start_custom_study("is:archived".into(), Vec::new(), false);
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(screen_text(&app).contains("Nothing of this search is due today"));
}

#[test]
fn the_study_screen_says_when_a_card_becomes_a_leech() {
    for suspends in [false, true] {
        let sink = MemSink::default();
        // A threshold of 1: the first lapse makes a leech.
        let mut app = app_with_review(sink.clone(), 1, suspends);
        app.start_custom_study("demo/basic".into(), vec![0], false);
        app.update(Action::Reveal, T0 + 1000);
        app.update(Action::Rate(Rating::Again), T0 + 2000);
        let shown = text(&render(&app, 200, 24, Theme::new(true)));
        assert!(shown.contains("This card is now a leech"), "{shown}");
        assert_eq!(shown.contains("was suspended"), suspends, "{shown}");
        assert!(app.ctx.collection.cards[0].leech);
        assert_eq!(app.ctx.collection.cards[0].suspended, suspends);
    }
}

#[test]
fn c_and_shift_c_in_the_browser_study_the_cards_its_search_shows() {
    let sink = MemSink::default();
    let mut app = app_with_review(sink.clone(), 8, false);
    let before: Vec<_> = app.ctx.collection.cards.iter().map(|e| e.state).collect();
    app.update(Action::Browse, T0);
    app.update(Action::Search, T0);
    for c in "is:review".chars() {
        app.update(Action::Type(c), T0);
    }
    app.update(Action::Submit, T0);
    // `C`: cram what the search shows, schedules unchanged.
    app.update(Action::StudyShown { cram: true }, T0);
    assert!(matches!(app.screen, Screen::Study(_)), "cram opened");
    let shown = screen_text(&app);
    assert!(
        shown.contains("Cram (schedules unchanged): is:review"),
        "{shown}"
    );
    app.update(Action::Reveal, T0 + 1000);
    app.update(Action::Rate(Rating::Again), T0 + 1500);
    let kinds: Vec<EventKind> = sink.events.borrow().iter().map(|e| e.2).collect();
    assert!(
        matches!(kinds[..], [EventKind::Cram { rating: 1, .. }]),
        "{kinds:?}"
    );
    let after: Vec<_> = app.ctx.collection.cards.iter().map(|e| e.state).collect();
    assert_eq!(after, before);

    // `c`: the due card among them, as the normal schedule has it.
    let mut app = app_with_review(MemSink::default(), 8, false);
    app.update(Action::Browse, T0);
    app.update(Action::StudyShown { cram: false }, T0);
    assert!(matches!(app.screen, Screen::Study(_)), "due-only opened");
    let shown = screen_text(&app);
    assert!(shown.contains("every card"), "{shown}");
}
