//! The browser's actions: suspend and unsuspend, bury, forget, set due date on the marked
//! cards or the selected one, each in the log and undone with `u`.

use super::support::*;
use crate::tui::screens::browse::BrowseState;

fn browser(app: &App) -> &BrowseState {
    match &app.screen {
        Screen::Browse(b) => b,
        _ => panic!("not on the browser"),
    }
}

fn status(app: &App) -> String {
    app.ctx
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn kinds(events: &Events) -> Vec<(String, EventKind)> {
    events
        .borrow()
        .iter()
        .map(|(_, card, kind)| (card.clone(), *kind))
        .collect()
}

#[test]
fn s_suspends_the_marked_cards_s_again_unsuspends_and_u_undoes() {
    let sink = MemSink::default();
    let events = sink.events.clone();
    let mut app = app_with(sink);
    press(&mut app, 'B', T0);
    press(&mut app, ' ', T0);
    press(&mut app, ' ', T0);
    press(&mut app, 's', T0);
    assert_eq!(status(&app), "2 cards suspended. u undoes.");
    assert_eq!(
        kinds(&events),
        [
            ("demo/basic".to_string(), EventKind::Suspend),
            ("demo/choice".to_string(), EventKind::Suspend)
        ]
    );
    assert!(app.ctx.collection.cards[0].suspended && app.ctx.collection.cards[1].suspended);
    let shown = screen_text(&app);
    assert!(shown.contains("susp"), "{shown}");
    // The search sees the change at once.
    press(&mut app, '/', T0);
    for c in "is:suspended".chars() {
        press(&mut app, c, T0);
    }
    press(&mut app, '\n', T0);
    assert_eq!(browser(&app).shown, vec![0, 1]);
    // All marked are suspended: `s` unsuspends them.
    press(&mut app, 's', T0);
    assert_eq!(status(&app), "2 cards unsuspended. u undoes.");
    assert!(!app.ctx.collection.cards[0].suspended);
    // The rows stay in view (as in Anki) until the search runs again.
    assert_eq!(browser(&app).shown, vec![0, 1]);
    assert!(!browser(&app).index.facts()[0].suspended);
    // `u` takes the unsuspend back, then the suspend.
    press(&mut app, 'u', T0);
    assert!(app.ctx.collection.cards[0].suspended);
    assert!(browser(&app).index.facts()[0].suspended);
    press(&mut app, 'u', T0);
    assert!(!app.ctx.collection.cards[0].suspended);
    assert!(
        status(&app).starts_with("Undone: 2 cards"),
        "{}",
        status(&app)
    );
    let undos = kinds(&events)
        .iter()
        .filter(|(_, k)| matches!(k, EventKind::Undo | EventKind::UndoOf(_)))
        .count();
    assert_eq!(undos, 4, "one undo event per card and action");
    press(&mut app, 'u', T0);
    assert_eq!(status(&app), "Nothing to undo in the browser.");
}

#[test]
fn bury_forget_and_set_due_on_the_selected_card() {
    let sink = MemSink::default();
    let events = sink.events.clone();
    let mut app = app_with(sink);
    // Answer the first card so that forget has something to forget.
    press(&mut app, 'A', T0);
    press(&mut app, ' ', T0);
    press(&mut app, '4', T0);
    press(&mut app, 'q', T0);
    press(&mut app, '\n', T0);
    press(&mut app, 'B', T0);
    press(&mut app, 'b', T0);
    assert_eq!(status(&app), "1 card buried. u undoes.");
    press(&mut app, 'b', T0);
    assert_eq!(status(&app), "1 card unburied. u undoes.");
    press(&mut app, 'd', T0);
    assert_eq!(app.mode(), crate::tui::keys::Mode::BrowseDue);
    for c in "1-7".chars() {
        press(&mut app, c, T0);
    }
    assert!(screen_text(&app).contains("Due in days"));
    press(&mut app, '\n', T0);
    assert_eq!(status(&app), "1 card rescheduled. u undoes.");
    let days = browser(&app).index.facts()[0].due_days.expect("due");
    assert!((1..=7).contains(&days), "{days}");
    press(&mut app, 'f', T0);
    assert_eq!(status(&app), "1 card forgotten (back to new). u undoes.");
    assert_eq!(app.ctx.collection.cards[0].state.phase, Phase::New);
    press(&mut app, 'u', T0);
    assert_ne!(app.ctx.collection.cards[0].state.phase, Phase::New);
    // A bad due date is refused with what was expected; nothing is written.
    let before = events.borrow().len();
    press(&mut app, 'd', T0);
    press(&mut app, '-', T0);
    press(&mut app, '\n', T0);
    assert!(
        status(&app).contains("expected days from today"),
        "{}",
        status(&app)
    );
    assert_eq!(events.borrow().len(), before);
    let kinds: Vec<&str> = events
        .borrow()
        .iter()
        .map(|(_, _, k)| match k {
            EventKind::Bury => "bury",
            EventKind::Unbury => "unbury",
            EventKind::SetDue { .. } => "set-due",
            EventKind::Forget => "forget",
            EventKind::Review { .. } => "review",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["review", "bury", "unbury", "set-due", "forget", "other"]
    );
}

#[test]
fn a_failed_write_changes_nothing_and_says_so() {
    let sink = MemSink::default();
    let fail = sink.fail.clone();
    let mut app = app_with(sink);
    press(&mut app, 'B', T0);
    *fail.borrow_mut() = true;
    press(&mut app, 's', T0);
    assert!(status(&app).contains("nothing changed"), "{}", status(&app));
    assert!(!app.ctx.collection.cards[0].suspended);
    assert!(!browser(&app).index.facts()[0].suspended);
}
