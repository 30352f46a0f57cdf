//! Home with many decks: the list scrolls like the stats table, the selection always in
//! sight, and enter studies the deck that is seen selected.

use super::support::*;

/// `n` decks of one card each, titled "Deck 001" and so on.
fn many_decks(n: usize) -> App {
    let decks = (1..=n)
        .map(|i| {
            let src = format!(
                "[deck]\nid = \"d{i:03}\"\ntitle = \"Deck {i:03}\"\n\n[[cards]]\nid = \"c\"\nfront = \"Front of deck {i:03}\"\nback = \"Back\"\n"
            );
            parse_deck(&src, "deck.toml", DeckSource::Builtin("deck.toml")).expect("valid deck")
        })
        .collect();
    app_on(decks, MemSink::default())
}

fn selected(app: &App) -> usize {
    match &app.screen {
        Screen::Home(h) => h.selected,
        _ => panic!("not on Home"),
    }
}

fn walk(w: u16, h: u16) {
    let mut app = many_decks(100);
    app.update(Action::Resize(w, h), T0);
    let shown = |app: &App| text(&render(app, w, h, Theme::new(true)));
    // Down through every deck and round to the first again, then up past the top.
    for step in 0..=100 {
        let i = selected(&app);
        assert_eq!(i, step % 100);
        let screen = shown(&app);
        assert!(
            screen.contains(&format!("Deck {:03}", i + 1)),
            "{w}x{h}: deck {} selected but not shown:\n{screen}",
            i + 1
        );
        press(&mut app, 'j', T0);
    }
    for _ in 0..3 {
        press(&mut app, 'k', T0);
        let i = selected(&app);
        assert!(shown(&app).contains(&format!("Deck {:03}", i + 1)));
    }
    // Enter studies the deck that is seen selected (deck 99 after wrapping up past the top).
    let i = selected(&app);
    assert_eq!(i, 98);
    press(&mut app, '\n', T0);
    let study = shown(&app);
    assert!(
        study.contains(&format!("Front of deck {:03}", i + 1)),
        "{study}"
    );
}

#[test]
fn a_hundred_decks_scroll_at_80x24() {
    walk(80, 24);
    let mut app = many_decks(100);
    for _ in 0..30 {
        press(&mut app, 'j', T0);
    }
    insta::assert_snapshot!("home_100_decks_80x24", screen_text(&app));
}

#[test]
fn a_hundred_decks_scroll_at_80x12() {
    walk(80, 12);
}

#[test]
fn the_all_decks_limit_is_explained_beside_decks_showing_their_own() {
    let app = many_decks(30);
    let home = screen_text(&app);
    assert!(
        home.contains("All decks: at most 20 new and 200 reviews a day in all"),
        "{home}"
    );
}
