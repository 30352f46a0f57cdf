//! `e` in the browser end to end: a fake `$EDITOR` (a shell script running sed) changes the
//! deck file, the deck is checked and read again with its progress; a broken save keeps
//! the deck as it was; a built-in card is corrected in an override, which removing restores.

use super::*;
use crate::tui::{Action, Screen};
use recall::store::EventKind;
use recall::study::Limits;

const NOW: Millis = 1_795_428_000_000;

const MINE: &str = "[deck]\nid = \"mine\"\ntitle = \"Mine\"\n\n[[cards]]\nid = \"a\"\nfront = \"Old front\"\nback = \"Old back\"\n\n[[cards]]\nid = \"b\"\nfront = \"Other\"\nback = \"Other back\"\n";

/// A data folder with `mine.toml`, one Good answer on `mine/a` and on the first built-in
/// card, and an app on it with the binary's importer (the writer lock held).
fn app_on_data(dir: &std::path::Path) -> (App, Paths, String) {
    let paths = Paths::under(dir);
    paths.ensure_data_dir().expect("data dir");
    std::fs::create_dir_all(&paths.decks_dir).expect("decks");
    std::fs::write(paths.decks_dir.join("mine.toml"), MINE).expect("deck");
    let builtin = recall::deck::builtin_decks().expect("valid")[0].clone();
    let builtin_card = builtin.global_id(&builtin.cards[0]);
    let mut log = ReviewLog::open_append(&paths.reviews).expect("log");
    for card in ["mine/a", builtin_card.as_str()] {
        log.append(
            NOW - 86_400_000,
            card,
            EventKind::Review { rating: 3, ms: 0 },
        )
        .expect("answer");
    }
    let lock = WriterLock::acquire(&paths.lock_file).expect("lock");
    let opened = recall::library::open(&paths, NOW, 0).expect("open");
    let mut app = App::new(
        opened.collection,
        opened.scheduler,
        Limits::default(),
        Box::new(log),
        NOW,
        Default::default(),
    );
    app.ctx.importer = Some(Box::new(TuiImporter {
        paths: paths.clone(),
        utc_offset_secs: 0,
        lock,
        device: "me-00000001".into(),
        seen: Vec::new(),
    }));
    (app, paths, builtin_card)
}

/// A fake `$EDITOR`: `sh script +LINE FILE` runs these sed expressions on FILE.
fn fake_editor(dir: &std::path::Path, name: &str, sed: &[&str]) -> Vec<String> {
    let script = dir.join(name);
    let exprs: Vec<String> = sed.iter().map(|e| format!("-e '{e}'")).collect();
    std::fs::write(
        &script,
        format!("#!/bin/sh\nsed -i {} \"$2\"\n", exprs.join(" ")),
    )
    .expect("script");
    vec!["sh".into(), script.display().to_string()]
}

/// Opens the browser on `card`'s page, presses `e` and runs `editor` as the event loop would.
fn edit_with(app: &mut App, card: &str, editor: &[String]) {
    let entry = app.ctx.collection.find(card).expect("card");
    app.screen = Screen::Browse(Box::new(crate::tui::screens::browse::BrowseState::open(
        &app.ctx,
        Some(entry),
        true,
        false,
    )));
    app.update(Action::Edit, NOW);
    let edit = app.ctx.pending_edit.take().expect("an editor request");
    let ran = crate::tui::editor::run(editor, &edit.file, edit.line);
    app.edited(&edit, ran, NOW);
}

fn card_text(app: &App, id: &str) -> (String, String) {
    let (_, card) = app
        .ctx
        .collection
        .card(app.ctx.collection.find(id).expect("card"));
    (card.content.prompt(), card.content.answer_text())
}

fn status(app: &App) -> (String, bool) {
    let s = app.ctx.status.as_ref().expect("a status line");
    (s.text.clone(), s.is_error)
}

#[test]
fn a_front_and_back_changed_in_the_editor_are_read_again_with_progress_kept() {
    let dir = tempfile::tempdir().expect("temp");
    let (mut app, paths, _) = app_on_data(dir.path());
    let reps = |app: &App| {
        app.ctx.collection.cards[app.ctx.collection.find("mine/a").expect("a")]
            .state
            .reps
    };
    assert_eq!(reps(&app), 1);
    let editor = fake_editor(
        dir.path(),
        "fix.sh",
        &[
            "s/^front = \"Old front\"/front = \"New front\"/",
            "s/^back = \"Old back\"/back = \"New back\"/",
        ],
    );
    edit_with(&mut app, "mine/a", &editor);
    let (text, is_error) = status(&app);
    assert!(
        !is_error && text.contains("checked and read again"),
        "{text}"
    );
    assert_eq!(
        card_text(&app, "mine/a"),
        ("New front".into(), "New back".into())
    );
    assert_eq!(reps(&app), 1, "progress kept: ids did not change");
    let Screen::Browse(b) = &app.screen else {
        panic!("the browser");
    };
    let page = b.page.as_ref().expect("still on the card's page");
    assert_eq!(b.index.facts()[page.fact as usize].front, "New front");

    // A save that breaks the file: the problem is shown, the deck stays as it was.
    let breaker = fake_editor(
        dir.path(),
        "break.sh",
        &["s/^front = \"New front\"/front = \"unclosed/"],
    );
    edit_with(&mut app, "mine/a", &breaker);
    let (text, is_error) = status(&app);
    assert!(is_error, "{text}");
    assert!(
        text.contains("mine.toml") && text.contains("stays loaded"),
        "{text}"
    );
    assert_eq!(
        card_text(&app, "mine/a"),
        ("New front".into(), "New back".into())
    );
    assert_eq!(reps(&app), 1);
    let on_disk = std::fs::read_to_string(paths.decks_dir.join("mine.toml")).expect("read");
    assert!(
        on_disk.contains("front = \"unclosed"),
        "the user's file is left as saved"
    );
}

#[test]
fn a_built_in_card_is_corrected_in_an_override_with_progress_and_removing_it_restores() {
    let dir = tempfile::tempdir().expect("temp");
    let (mut app, paths, card) = app_on_data(dir.path());
    let deck_id = card.split('/').next().expect("deck id").to_string();
    let before = card_text(&app, &card);
    let editor = fake_editor(
        dir.path(),
        "fix.sh",
        &["0,/^back = \"/s//back = \"Corrected: /"],
    );
    edit_with(&mut app, &card, &editor);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    let file = paths.decks_dir.join(format!("{deck_id}.toml"));
    assert!(file.is_file(), "the override is in the decks folder");
    let (front, back) = card_text(&app, &card);
    assert_eq!(front, before.0);
    assert_eq!(back, format!("Corrected: {}", before.1));
    let entry = app.ctx.collection.find(&card).expect("card");
    assert_eq!(
        app.ctx.collection.cards[entry].state.reps, 1,
        "progress kept"
    );
    let deck = &app.ctx.collection.decks[app.ctx.collection.cards[entry].deck];
    assert_eq!(deck.source, recall::deck::DeckSource::File(file.clone()));
    assert_eq!(
        app.ctx
            .collection
            .decks
            .iter()
            .filter(|d| d.id == deck_id)
            .count(),
        1
    );
    // Removing the override restores the built-in deck, progress still there.
    std::fs::remove_file(&file).expect("remove");
    let opened = recall::library::open(&paths, NOW, 0).expect("open");
    let entry = opened.collection.find(&card).expect("card");
    let (deck, c) = opened.collection.card(entry);
    assert!(matches!(deck.source, recall::deck::DeckSource::Builtin(_)));
    assert_eq!(c.content.answer_text(), before.1);
    assert_eq!(opened.collection.cards[entry].state.reps, 1);
}
