//! The card browser: opened from Home and from study, searched as you type, sorted, scrolled,
//! marked; the card page with its history; `e` handing the editor request to the loop.

use super::support::*;
use crate::tui::ctx::{EditRequest, Refreshed};
use crate::tui::screens::browse::BrowseState;

/// Three decks' worth of cards, two tagged `kms`.
const TAGGED: &str = r#"
[deck]
id = "keys"
title = "Keys"

[[cards]]
id = "sse-kms"
front = "What does SSE-KMS add over SSE-S3?"
back = "Audit in CloudTrail and key policies."
tags = ["kms", "s3"]

[[cards]]
id = "rotation"
front = "How often does KMS rotate a managed key?"
back = "Every year."
tags = ["kms"]

[[cards]]
id = "sse-c"
front = "Where does S3 keep an SSE-C key?"
back = "Nowhere: the caller sends it each time."
tags = ["s3"]
"#;

fn browser_app() -> App {
    let decks = vec![
        parse_deck(DECK, "demo.toml", DeckSource::Builtin("demo.toml")).expect("deck"),
        parse_deck(
            TAGGED,
            "keys.toml",
            DeckSource::File("decks/keys.toml".into()),
        )
        .expect("deck"),
    ];
    app_on(decks, MemSink::default())
}

fn browser(app: &App) -> &BrowseState {
    match &app.screen {
        Screen::Browse(b) => b,
        _ => panic!("not on the browser"),
    }
}

fn wide(app: &App) -> String {
    text(&render(app, 120, 24, Theme::new(false)))
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, c, T0);
    }
}

#[test]
fn b_on_home_lists_every_card_and_slash_searches_as_you_type() {
    let mut app = browser_app();
    press(&mut app, 'B', T0);
    assert_eq!(browser(&app).shown.len(), 7);
    insta::assert_snapshot!("browser_120x24", wide(&app));
    press(&mut app, 'q', T0);
    assert!(matches!(app.screen, Screen::Home(_)));
    // `/` on Home opens it with the keys in the search box.
    press(&mut app, '/', T0);
    typed(&mut app, "tag:kms");
    let b = browser(&app);
    assert!(b.typing && b.error.is_none());
    assert_eq!(b.shown.len(), 2);
    let shown = wide(&app);
    assert!(shown.contains("2 cards of 7"), "{shown}");
    assert!(
        shown.contains("SSE-KMS add") && !shown.contains("SSE-C key"),
        "{shown}"
    );
}

#[test]
fn a_bad_search_shows_its_column_and_keeps_the_last_good_rows() {
    let mut app = browser_app();
    press(&mut app, '/', T0);
    typed(&mut app, "tag:kms (");
    let b = browser(&app);
    let e = b.error.as_ref().expect("an error");
    assert!(e.column > 8, "{e:?}");
    assert_eq!(b.shown.len(), 2, "the last good search's rows stay");
    let shown = wide(&app);
    assert!(shown.contains(&format!("^ column {}", e.column)), "{shown}");
    assert!(shown.contains("showing the last good search"), "{shown}");
    typed(&mut app, "year)");
    assert!(browser(&app).error.is_none());
    assert_eq!(browser(&app).shown.len(), 1);
    typed(&mut app, " nothing-like-this");
    assert_eq!(browser(&app).shown.len(), 0);
    assert!(wide(&app).contains("No card matches this search."));
}

#[test]
fn sorting_cycles_columns_reverses_and_keeps_the_selected_card() {
    let mut app = browser_app();
    press(&mut app, 'B', T0);
    press(&mut app, 'j', T0);
    let picked = browser(&app).selected();
    press(&mut app, 'o', T0);
    let b = browser(&app);
    assert_eq!(b.sort, recall::browse::SortKey::Front);
    assert_eq!(b.selected(), picked, "the selection follows its card");
    let shown = wide(&app);
    assert!(
        shown.contains("sorted by front ▲") && shown.contains("Front▲"),
        "{shown}"
    );
    let ascending = b.shown.clone();
    press(&mut app, 'r', T0);
    let mut descending = browser(&app).shown.clone();
    descending.reverse();
    assert_eq!(descending, ascending);
    assert!(wide(&app).contains("sorted by front ▼"));
}

#[test]
fn moving_scrolls_the_table_and_keeps_the_selection_in_view() {
    let mut src = "[deck]\nid = \"many\"\ntitle = \"Many\"\n".to_string();
    for i in 0..200 {
        src.push_str(&format!(
            "\n[[cards]]\nid = \"c{i:03}\"\nfront = \"Card number {i:03}\"\nback = \"b\"\n"
        ));
    }
    let deck = parse_deck(&src, "many.toml", DeckSource::Builtin("many.toml")).expect("deck");
    let mut app = app_on(vec![deck], MemSink::default());
    press(&mut app, 'B', T0);
    // 24 rows: 22 for the body, 3 of them above the table.
    let rows = 19;
    for _ in 0..rows {
        press(&mut app, 'j', T0);
    }
    assert_eq!(browser(&app).cursor, rows);
    assert_eq!(browser(&app).offset, 1);
    assert!(screen_text(&app).contains("Card number 019"));
    app.update(Action::PageDown, T0);
    assert_eq!(browser(&app).cursor, 2 * rows);
    press(&mut app, 'G', T0);
    assert_eq!(browser(&app).cursor, 199);
    assert!(screen_text(&app).contains("Card number 199"));
    press(&mut app, 'g', T0);
    assert_eq!((browser(&app).cursor, browser(&app).offset), (0, 0));
    press(&mut app, 'k', T0);
    assert_eq!(browser(&app).cursor, 0, "stops at the top");
}

#[test]
fn space_marks_rows_and_a_marks_every_row_shown() {
    let mut app = browser_app();
    press(&mut app, 'B', T0);
    press(&mut app, ' ', T0);
    press(&mut app, ' ', T0);
    let b = browser(&app);
    assert_eq!(b.marks, 2);
    assert_eq!(b.targets(), vec![0, 1]);
    assert!(wide(&app).contains("2 marked"));
    press(&mut app, '*', T0);
    assert_eq!(browser(&app).marks, 7);
    press(&mut app, '*', T0);
    assert_eq!(browser(&app).marks, 0);
    assert_eq!(browser(&app).targets().len(), 1, "the selected card");
}

#[test]
fn the_card_page_shows_file_history_with_undone_answers_struck_and_the_recall_curve() {
    let mut app = browser_app();
    // Answer the first card Good, undo that, answer it Good again.
    press(&mut app, 'A', T0);
    let first = match &app.screen {
        Screen::Study(s) => s.session.current().expect("a card"),
        _ => panic!("not studying"),
    };
    press(&mut app, ' ', T0);
    press(&mut app, '3', T0);
    press(&mut app, 'u', T0);
    // `e` on the study screen: this card's page.
    press(&mut app, 'e', T0);
    assert_eq!(
        browser(&app).page.as_ref().map(|p| p.history.len()),
        Some(1)
    );
    press(&mut app, 'q', T0);
    press(&mut app, 'q', T0);
    let later = T0 + 60_000;
    press(&mut app, ' ', later);
    press(&mut app, '3', later);
    // `B`: the browser; the card answered is the first row.
    press(&mut app, 'B', later);
    press(&mut app, 'g', later);
    assert_eq!(browser(&app).selected(), Some(first as u32));
    press(&mut app, '\n', later);
    let b = browser(&app);
    let page = b.page.as_ref().expect("the card's page");
    assert_eq!(page.history.len(), 2, "{:?}", page.history);
    assert!(page.history[0].undone && !page.history[1].undone);
    assert_eq!(page.curve.len(), 91);
    let buf = render(&app, 100, 30, Theme::new(false));
    let shown = text(&buf);
    assert!(shown.contains("built-in decks/demo.toml:"), "{shown}");
    assert!(shown.contains("History (2 events"), "{shown}");
    assert!(
        shown.contains("Predicted recall if not reviewed"),
        "{shown}"
    );
    let struck: Vec<u16> = (0..buf.area.height)
        .filter(|&y| {
            (0..buf.area.width).any(|x| {
                buf[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::CROSSED_OUT)
            })
        })
        .collect();
    assert_eq!(
        struck.len(),
        1,
        "one undone answer struck through:\n{shown}"
    );
    insta::assert_snapshot!("card_page_100x30", shown);
    // Back to the table, then back to the very same study session.
    press(&mut app, 'q', later);
    assert!(browser(&app).page.is_none());
    press(&mut app, 'q', later);
    match &app.screen {
        Screen::Study(s) => assert_eq!(s.session.stats().studied, 1),
        _ => panic!("not back on the study screen"),
    }
}

/// Stands in for the binary: edit targets and reloads without files.
struct FakeEditing {
    broken: bool,
}

impl Importer for FakeEditing {
    fn import(&mut self, _: &str, _: Millis) -> Result<Imported, String> {
        Err("not here".into())
    }

    fn edit_target(
        &mut self,
        deck: &recall::deck::Deck,
        card: &recall::deck::Card,
    ) -> Result<recall::edit::Target, String> {
        Ok(recall::edit::Target {
            file: format!("decks/{}.toml", deck.id).into(),
            line: card.line,
            created_override: false,
        })
    }

    fn reload_after_edit(&mut self, _: &EditRequest, now: Millis) -> Result<Refreshed, String> {
        if self.broken {
            return Err(
                "decks/keys.toml:6:9: expected a string — the deck as it was before stays loaded"
                    .into(),
            );
        }
        let edited = TAGGED.replace("Every year.", "Every year, automatically.");
        let decks = vec![
            parse_deck(DECK, "demo.toml", DeckSource::Builtin("demo.toml")).expect("deck"),
            parse_deck(
                &edited,
                "keys.toml",
                DeckSource::File("decks/keys.toml".into()),
            )
            .expect("deck"),
        ];
        let scheduler = Scheduler::new(SchedulerConfig::default()).expect("config");
        Ok(Refreshed {
            collection: Collection::replay(decks, &LoadedLog::default(), &scheduler, now),
            history: Default::default(),
            message: "decks/keys.toml: checked and read again".into(),
        })
    }
}

#[test]
fn e_asks_the_loop_for_the_editor_and_a_good_save_is_shown_a_broken_one_keeps_the_cards() {
    let mut app = browser_app();
    app.ctx.importer = Some(Box::new(FakeEditing { broken: true }));
    press(&mut app, '/', T0);
    typed(&mut app, "rotate");
    press(&mut app, '\n', T0);
    press(&mut app, 'e', T0);
    let edit = app.ctx.pending_edit.take().expect("an editor request");
    assert_eq!(edit.file, std::path::PathBuf::from("decks/keys.toml"));
    assert_eq!((edit.line, edit.deck_id.as_str()), (12, "keys"));
    app.edited(&edit, Ok(()), T0);
    assert!(app.ctx.status.as_ref().is_some_and(|s| s.is_error));
    assert!(wide(&app).contains("stays loaded"));
    assert_eq!(browser(&app).shown.len(), 1, "the old cards stay");
    app.ctx.importer = Some(Box::new(FakeEditing { broken: false }));
    press(&mut app, '\n', T0);
    press(&mut app, 'e', T0);
    let edit = app.ctx.pending_edit.take().expect("an editor request");
    app.edited(&edit, Ok(()), T0);
    let b = browser(&app);
    assert!(b.changed);
    let page = b.page.as_ref().expect("still on the page");
    assert_eq!(b.index.facts()[page.fact as usize].id, "keys/rotation");
    let shown = wide(&app);
    assert!(shown.contains("Every year, automatically."), "{shown}");
    // An editor that could not run says so and reloads nothing.
    app.edited(&edit, Err("could not start the editor".into()), T0);
    assert!(wide(&app).contains("could not start the editor"));
}

#[test]
fn after_an_edit_reloaded_the_cards_the_study_session_underneath_is_not_resumed() {
    let mut app = browser_app();
    app.ctx.importer = Some(Box::new(FakeEditing { broken: false }));
    press(&mut app, 'A', T0);
    press(&mut app, 'e', T0);
    press(&mut app, 'e', T0);
    let edit = app.ctx.pending_edit.take().expect("an editor request");
    app.edited(&edit, Ok(()), T0);
    assert!(
        app.behind.is_none(),
        "its card positions belong to the old collection"
    );
    press(&mut app, 'q', T0);
    press(&mut app, 'q', T0);
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn a_in_the_browser_opens_the_add_card_form() {
    let mut app = browser_app();
    press(&mut app, 'B', T0);
    press(&mut app, 'a', T0);
    assert!(matches!(app.screen, Screen::AddCard(_)), "the form is open");
}
