//! The add-card form: typing (multi-byte characters, new lines, paste), moving between
//! fields, the checks in words under each field, cancelling, and saving through the
//! importer with the new card among Home's new cards.

use std::cell::RefCell;
use std::rc::Rc;

use recall::deck::CardContent;
use recall::import::add::NewCard;

use super::support::*;
use crate::tui::ctx::{AddFailed, CardAdded};
use crate::tui::keys::{self, Mode};
use crate::tui::screens::add::{AddFormState, FieldId, Kind};

type Calls = Rc<RefCell<Vec<(String, NewCard)>>>;

/// Stands in for the binary's writer: records each card and gives back the demo deck plus a
/// user deck holding every card added so far; a front "dup" is refused as the deck's own.
struct FakeAdder {
    calls: Calls,
}

impl Importer for FakeAdder {
    fn import(&mut self, _path: &str, _now: Millis) -> Result<Imported, String> {
        Err("not in this test".into())
    }

    fn add_card(
        &mut self,
        deck: &str,
        _title: Option<&str>,
        card: NewCard,
        now: Millis,
    ) -> Result<CardAdded, AddFailed> {
        if matches!(&card.content, CardContent::Basic { front, .. } if front == "dup") {
            return Err(AddFailed::Input(format!(
                "deck \"{deck}\" already has this card (id \"c-1\"); nothing written"
            )));
        }
        self.calls.borrow_mut().push((deck.to_string(), card));
        let mut toml = format!("[deck]\nid = \"{deck}\"\ntitle = \"My cards\"\n");
        for (i, (_, c)) in self.calls.borrow().iter().enumerate() {
            let (front, back) = match &c.content {
                CardContent::Basic { front, back } => (front.clone(), back.clone()),
                _ => (format!("other {i}"), "x".to_string()),
            };
            toml.push_str(&format!(
                "\n[[cards]]\nid = \"c-{i}\"\nfront = {front:?}\nback = {back:?}\n"
            ));
        }
        let mine = parse_deck(
            &toml,
            "mine.toml",
            DeckSource::File("decks/mine.toml".into()),
        )
        .expect("deck");
        let demo = parse_deck(DECK, "demo.toml", DeckSource::Builtin("demo.toml")).expect("deck");
        let scheduler = Scheduler::new(SchedulerConfig::default()).expect("config");
        Ok(CardAdded {
            collection: Collection::replay(
                vec![demo, mine],
                &LoadedLog::default(),
                &scheduler,
                now,
            ),
            deck_id: deck.to_string(),
            card_id: "c-0".into(),
            new_deck: true,
        })
    }
}

fn app_with_adder() -> (App, Calls) {
    let calls = Calls::default();
    let mut app = app_with(MemSink::default());
    app.ctx.importer = Some(Box::new(FakeAdder {
        calls: calls.clone(),
    }));
    (app, calls)
}

fn form(app: &App) -> &AddFormState {
    match &app.screen {
        Screen::AddCard(f) => f,
        _ => panic!("the add-card form is not on screen"),
    }
}

/// Types text as keys would: `\n` is enter, `\t` is tab.
fn type_in(app: &mut App, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        if let Some(a) = keys::map(app.mode(), KeyEvent::new(code, KeyModifiers::NONE)) {
            app.update(a, T0);
        }
    }
}

#[test]
fn a_on_home_opens_the_form_on_my_cards_with_the_cursor_in_the_front() {
    let (mut app, _) = app_with_adder();
    press(&mut app, 'a', T0);
    let f = form(&app);
    assert_eq!(app.mode(), Mode::AddForm);
    assert_eq!(f.deck.text, "my-cards");
    assert_eq!((f.kind, f.focus), (Kind::Basic, FieldId::Front));
    insta::assert_snapshot!("add_form_empty_80x24", screen_text(&app));
}

#[test]
fn typing_new_lines_and_tab_fill_the_fields_in_order() {
    let (mut app, _) = app_with_adder();
    press(&mut app, 'a', T0);
    type_in(
        &mut app,
        "Which SageMaker input mode\nstreams from S3?\tPipe, and FastFile 🎉\tq? é\t",
    );
    let f = form(&app);
    assert_eq!(f.front.text, "Which SageMaker input mode\nstreams from S3?");
    assert_eq!(f.back.text, "Pipe, and FastFile 🎉");
    assert_eq!(f.explain.text, "q? é");
    assert_eq!(f.focus, FieldId::Tags);
    // Enter in a one-line field moves on; shift-tab comes back.
    type_in(&mut app, "sagemaker s3\n");
    assert_eq!(form(&app).focus, FieldId::Deck);
    app.update(Action::PrevField, T0);
    assert_eq!(form(&app).focus, FieldId::Tags);
    insta::assert_snapshot!("add_form_filled_80x24", screen_text(&app));
}

#[test]
fn backspace_erases_whole_characters_and_arrows_move_over_them() {
    let (mut app, _) = app_with_adder();
    press(&mut app, 'a', T0);
    type_in(&mut app, "世界🎉");
    app.update(Action::Erase, T0);
    app.update(Action::Left, T0);
    type_in(&mut app, "x");
    assert_eq!(form(&app).front.text, "世x界");
}

#[test]
fn a_paste_types_its_lines_into_the_field() {
    let (mut app, _) = app_with_adder();
    press(&mut app, 'a', T0);
    for a in keys::paste(app.mode(), "line one\r\nline two\u{1b}[2J") {
        app.update(a, T0);
    }
    assert_eq!(form(&app).front.text, "line one\nline two[2J");
}

#[test]
fn saving_an_incomplete_card_says_what_is_missing_and_writes_nothing() {
    let (mut app, calls) = app_with_adder();
    press(&mut app, 'a', T0);
    type_in(&mut app, "What does SSE-C require?");
    app.update(Action::Save, T0);
    let f = form(&app);
    assert_eq!(
        f.errors,
        vec![(FieldId::Back, "Type the answer.".to_string())]
    );
    assert_eq!(f.focus, FieldId::Back);
    assert!(calls.borrow().is_empty());
    insta::assert_snapshot!("add_form_error_80x24", screen_text(&app));
    // Typing in the field clears its problem.
    type_in(&mut app, "H");
    assert!(form(&app).errors.is_empty());
}

#[test]
fn cloze_needs_a_gap_and_takes_ankis_deletions() {
    let (mut app, calls) = app_with_adder();
    press(&mut app, 'a', T0);
    app.update(Action::PrevField, T0);
    app.update(Action::Right, T0);
    assert_eq!(form(&app).kind, Kind::Cloze);
    app.update(Action::NextField, T0);
    type_in(&mut app, "EBS is block storage");
    app.update(Action::Save, T0);
    assert!(
        form(&app).errors[0].1.starts_with("No gap"),
        "{:?}",
        form(&app).errors
    );
    // A cloze card has no back: tab goes from the text to the explanation.
    app.update(Action::NextField, T0);
    assert_eq!(form(&app).focus, FieldId::Explain);
    app.update(Action::PrevField, T0);
    app.update(Action::LineStart, T0);
    type_in(&mut app, "{{c1::");
    app.update(Action::LineEnd, T0);
    for _ in 0.." storage".len() {
        app.update(Action::Left, T0);
    }
    type_in(&mut app, "}}");
    assert_eq!(form(&app).front.text, "{{c1::EBS is block}} storage");
    app.update(Action::Save, T0);
    let calls = calls.borrow();
    assert_eq!(
        calls[0].1.content,
        CardContent::Cloze {
            text: "{{EBS is block}} storage".into()
        }
    );
}

#[test]
fn choice_options_one_per_line_with_the_right_one_starred() {
    let (mut app, calls) = app_with_adder();
    press(&mut app, 'a', T0);
    app.update(Action::PrevField, T0);
    type_in(
        &mut app,
        "o\tCheapest class for rarely read data?\tS3 Standard\nS3 Glacier Deep Archive",
    );
    app.update(Action::Save, T0);
    assert_eq!(
        form(&app).errors,
        vec![(
            FieldId::Back,
            "Mark the right option with * at the start of its line.".to_string()
        )]
    );
    app.update(Action::LineStart, T0);
    type_in(&mut app, "*");
    app.update(Action::Save, T0);
    assert_eq!(
        calls.borrow()[0].1.content,
        CardContent::Choice {
            front: "Cheapest class for rarely read data?".into(),
            choices: vec!["S3 Standard".into(), "S3 Glacier Deep Archive".into()],
            answer: vec![1],
        }
    );
}

#[test]
fn a_built_in_deck_is_refused_and_up_down_choose_the_learners_decks() {
    let (mut app, calls) = app_with_adder();
    press(&mut app, 'a', T0);
    app.update(Action::PrevField, T0);
    app.update(Action::PrevField, T0);
    assert_eq!(form(&app).focus, FieldId::Deck);
    app.update(Action::ClearLine, T0);
    type_in(&mut app, "demo\tb\tQ\tA");
    app.update(Action::Save, T0);
    assert_eq!(form(&app).errors[0].0, FieldId::Deck);
    assert!(calls.borrow().is_empty());
    // ↓ on the deck field goes back to the learner's own deck.
    app.update(Action::Down, T0);
    assert_eq!(form(&app).deck.text, "my-cards");
}

#[test]
fn esc_asks_before_throwing_away_typing_and_not_when_empty() {
    let (mut app, _) = app_with_adder();
    press(&mut app, 'a', T0);
    app.update(Action::Back, T0);
    assert!(matches!(app.screen, Screen::Home(_)));
    press(&mut app, 'a', T0);
    type_in(&mut app, "half a question");
    app.update(Action::Back, T0);
    assert_eq!(app.mode(), Mode::AddConfirm);
    assert!(screen_text(&app).contains("Throw away this card?"));
    press(&mut app, 'n', T0);
    assert_eq!(form(&app).front.text, "half a question");
    app.update(Action::Back, T0);
    press(&mut app, 'y', T0);
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn saving_writes_the_card_and_home_counts_it_among_todays_new_cards() {
    let (mut app, calls) = app_with_adder();
    press(&mut app, 'a', T0);
    type_in(&mut app, "dup\tx");
    app.update(Action::Save, T0);
    assert!(form(&app).errors[0].1.contains("already has this card"));
    assert_eq!(form(&app).errors[0].0, FieldId::Front);
    for _ in 0..3 {
        app.update(Action::Erase, T0);
    }
    type_in(&mut app, "Which mode streams from S3?\t");
    app.update(Action::ClearLine, T0);
    type_in(&mut app, "Pipe mode\t\ts3, sagemaker");
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let save = keys::map(app.mode(), ctrl_s).expect("ctrl-s saves");
    app.update(save, T0);
    let Screen::Home(home) = &app.screen else {
        panic!("back on Home after saving");
    };
    let (deck, card) = calls.borrow()[0].clone();
    assert_eq!(deck, "my-cards");
    assert_eq!(card.tags, ["s3", "sagemaker"]);
    assert_eq!(card.explain, None);
    assert_eq!(app.ctx.collection.decks[home.selected].id, "my-cards");
    let shown = screen_text(&app);
    assert!(
        shown.contains("Card c-0 added to My cards (a new deck)"),
        "{shown}"
    );
    assert!(shown.contains("My cards"), "{shown}");
}

#[test]
fn every_size_draws_the_form_and_typed_control_characters_draw_inert() {
    let (mut app, _) = app_with_adder();
    press(&mut app, 'a', T0);
    for c in "Evil \u{1b}[2J\u{7} 世界🎉 and a line far longer than any terminal is wide, on and on and on".chars() {
        app.update(Action::Type(c), T0);
    }
    for _ in 0..8 {
        app.update(Action::Newline, T0);
        app.update(Action::Type('x'), T0);
    }
    app.update(Action::Save, T0);
    for w in 40..120 {
        for h in [10, 12, 24, 40] {
            let buf = render(&app, w, h, Theme::new(true));
            let shown = text(&buf);
            assert!(
                !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
                "{shown}"
            );
        }
    }
    // The cursor's line scrolls sideways: its end, where the cursor is, stays in view.
    app.update(Action::PrevField, T0);
    assert_eq!(form(&app).focus, FieldId::Front);
    for _ in 0..8 {
        app.update(Action::Up, T0);
    }
    app.update(Action::LineEnd, T0);
    let shown = text(&render(&app, 60, 24, Theme::new(true)));
    assert!(shown.contains("on and on and on"), "{shown}");
    app.update(Action::LineStart, T0);
    let shown = text(&render(&app, 60, 24, Theme::new(true)));
    assert!(shown.contains("Evil ␛[2J␇"), "{shown}");
    app.update(Action::Back, T0);
    for (w, h) in [(40, 10), (80, 24)] {
        assert!(text(&render(&app, w, h, Theme::new(true))).contains("Throw away"));
    }
}

#[test]
fn a_deck_is_found_by_its_title_too() {
    let (mut app, calls) = app_with_adder();
    press(&mut app, 'a', T0);
    app.update(Action::PrevField, T0);
    app.update(Action::PrevField, T0);
    app.update(Action::ClearLine, T0);
    type_in(&mut app, "mine\t\tQ1\tA1");
    app.update(Action::Save, T0);
    // The fake titles every deck "My cards": typing that title finds the deck "mine".
    press(&mut app, 'a', T0);
    assert_eq!(
        form(&app).deck.text,
        "mine",
        "the selected deck, the one just added to"
    );
    app.update(Action::PrevField, T0);
    app.update(Action::PrevField, T0);
    app.update(Action::ClearLine, T0);
    type_in(&mut app, "my CARDS");
    assert_eq!(form(&app).deck_id(), "mine");
    type_in(&mut app, "\t\tQ2\tA2");
    app.update(Action::Save, T0);
    let decks: Vec<String> = calls.borrow().iter().map(|(d, _)| d.clone()).collect();
    assert_eq!(decks, ["mine", "mine"]);
}
