//! The key table per mode: the keys Anki users expect, and the footer beside them.

use super::hints::footer;
use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn space_reveals_then_rates_good() {
    assert_eq!(
        map(Mode::Question, key(KeyCode::Char(' '))),
        Some(Action::Reveal)
    );
    assert_eq!(
        map(Mode::Answer, key(KeyCode::Char(' '))),
        Some(Action::Rate(Rating::Good))
    );
}

#[test]
fn digits_rate_in_both_study_modes() {
    for (c, r) in ['1', '2', '3', '4'].into_iter().zip(Rating::ALL) {
        assert_eq!(
            map(Mode::Answer, key(KeyCode::Char(c))),
            Some(Action::Rate(r))
        );
    }
    assert_eq!(map(Mode::Answer, key(KeyCode::Char('5'))), None);
}

#[test]
fn digits_pick_on_a_choice_question_and_rate_only_once_revealed() {
    for (c, n) in ('1'..='9').zip(0u8..) {
        assert_eq!(
            map(Mode::Choice, key(KeyCode::Char(c))),
            Some(Action::Pick(n))
        );
    }
    assert_eq!(map(Mode::Choice, key(KeyCode::Enter)), Some(Action::Reveal));
    assert_eq!(
        map(Mode::Choice, key(KeyCode::Char(' '))),
        Some(Action::Reveal)
    );
    // The letters keep their jobs: b buries, s suspends, on every card.
    for mode in [Mode::Question, Mode::Choice, Mode::Answer] {
        assert_eq!(map(mode, key(KeyCode::Char('b'))), Some(Action::Bury));
        assert_eq!(map(mode, key(KeyCode::Char('s'))), Some(Action::Suspend));
        assert_eq!(map(mode, key(KeyCode::Char('u'))), Some(Action::Undo));
    }
    assert_eq!(
        map(Mode::Question, key(KeyCode::Char('2'))),
        Some(Action::Rate(Rating::Hard))
    );
    assert_eq!(
        map(Mode::Answer, key(KeyCode::Char('2'))),
        Some(Action::Rate(Rating::Hard))
    );
    assert_eq!(footer(Mode::Choice)[0], ("1-4", "pick"));
}

#[test]
fn home_keys() {
    assert_eq!(map(Mode::Home, key(KeyCode::Char('j'))), Some(Action::Down));
    assert_eq!(map(Mode::Home, key(KeyCode::Up)), Some(Action::Up));
    assert_eq!(map(Mode::Home, key(KeyCode::Enter)), Some(Action::Open));
    // `a` adds a card, as in Anki; every deck is `A`.
    assert_eq!(
        map(Mode::Home, key(KeyCode::Char('a'))),
        Some(Action::AddCard)
    );
    assert_eq!(
        map(Mode::Home, key(KeyCode::Char('A'))),
        Some(Action::StudyAll)
    );
    assert_eq!(map(Mode::Home, key(KeyCode::Char('q'))), Some(Action::Quit));
    assert_eq!(
        map(Mode::Home, key(KeyCode::Char('i'))),
        Some(Action::Import)
    );
}

#[test]
fn browser_keys_add_a_card_with_a_and_mark_all_with_star_or_ctrl_a() {
    assert_eq!(
        map(Mode::Browse, key(KeyCode::Char('a'))),
        Some(Action::AddCard)
    );
    assert_eq!(
        map(Mode::Browse, key(KeyCode::Char('*'))),
        Some(Action::MarkAll)
    );
    assert_eq!(
        map(
            Mode::Browse,
            KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL)
        ),
        Some(Action::MarkAll)
    );
    assert_eq!(
        map(Mode::Browse, key(KeyCode::Char('C'))),
        Some(Action::StudyShown { cram: true })
    );
}

#[test]
fn prompt_keys_are_text() {
    for c in ['q', '?', 'i', '/', ' '] {
        assert_eq!(
            map(Mode::Prompt, key(KeyCode::Char(c))),
            Some(Action::Type(c))
        );
    }
    assert_eq!(
        map(Mode::Prompt, key(KeyCode::Backspace)),
        Some(Action::Erase)
    );
    assert_eq!(map(Mode::Prompt, key(KeyCode::Enter)), Some(Action::Submit));
    assert_eq!(map(Mode::Prompt, key(KeyCode::Esc)), Some(Action::Back));
    assert_eq!(map(Mode::Report, key(KeyCode::Enter)), Some(Action::Back));
}

#[test]
fn help_and_ctrl_c_work_everywhere() {
    for mode in [
        Mode::Home,
        Mode::Question,
        Mode::Answer,
        Mode::Summary,
        Mode::Help,
    ] {
        assert_eq!(map(mode, key(KeyCode::Char('?'))), Some(Action::ToggleHelp));
        assert_eq!(
            map(
                mode,
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
    }
}

#[test]
fn study_keys() {
    assert_eq!(
        map(Mode::Question, key(KeyCode::Char('u'))),
        Some(Action::Undo)
    );
    assert_eq!(
        map(Mode::Question, key(KeyCode::Char('b'))),
        Some(Action::Bury)
    );
    assert_eq!(
        map(Mode::Question, key(KeyCode::Char('s'))),
        Some(Action::Suspend)
    );
    // Issue 14: `e` opens the card's page (where it lives, its history; `e` there edits),
    // the one-line location moved to `E`.
    assert_eq!(
        map(Mode::Question, key(KeyCode::Char('e'))),
        Some(Action::Edit)
    );
    assert_eq!(
        map(Mode::Question, key(KeyCode::Char('E'))),
        Some(Action::Locate)
    );
    assert_eq!(
        map(Mode::Question, key(KeyCode::Char('B'))),
        Some(Action::Browse)
    );
    assert_eq!(map(Mode::Question, key(KeyCode::Esc)), Some(Action::Back));
}

#[test]
fn quiz_keys() {
    let q = Mode::QuizQuestion;
    assert_eq!(map(q, key(KeyCode::Char('1'))), Some(Action::Pick(0)));
    assert_eq!(map(q, key(KeyCode::Char('9'))), Some(Action::Pick(8)));
    assert_eq!(map(q, key(KeyCode::Char('f'))), Some(Action::Flag));
    assert_eq!(map(q, key(KeyCode::Char('n'))), Some(Action::Right));
    assert_eq!(map(q, key(KeyCode::Char('p'))), Some(Action::Left));
    assert_eq!(map(q, key(KeyCode::Char('s'))), Some(Action::Submit));
    assert_eq!(map(q, key(KeyCode::Char('q'))), Some(Action::Back));
    assert_eq!(
        map(Mode::Home, key(KeyCode::Char('t'))),
        Some(Action::QuizSetup)
    );
    assert_eq!(
        map(Mode::Results, key(KeyCode::Char('r'))),
        Some(Action::Retake)
    );
    assert_eq!(
        map(Mode::Review, key(KeyCode::Char('r'))),
        Some(Action::Retake)
    );
    assert_eq!(
        map(Mode::QuizConfirm, key(KeyCode::Char('y'))),
        Some(Action::Yes)
    );
    assert_eq!(map(Mode::QuizConfirm, key(KeyCode::Esc)), Some(Action::No));
}

#[test]
fn typing_mode_takes_every_character_as_text() {
    let t = Mode::QuizTyping;
    for c in ['f', 's', 'q', '?', '1', ' '] {
        assert_eq!(map(t, key(KeyCode::Char(c))), Some(Action::Type(c)));
    }
    assert_eq!(map(t, key(KeyCode::Backspace)), Some(Action::Erase));
    assert_eq!(map(t, key(KeyCode::Enter)), Some(Action::Open));
    assert_eq!(map(t, key(KeyCode::Esc)), Some(Action::Back));
    assert_eq!(
        map(t, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
}

#[test]
fn release_events_are_ignored() {
    let mut k = key(KeyCode::Char('q'));
    k.kind = KeyEventKind::Release;
    assert_eq!(map(Mode::Home, k), None);
}

#[test]
fn add_form_keys_are_text_and_tab_moves() {
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    for c in ['q', '?', 'a', 's', 'é', '世'] {
        assert_eq!(
            map(Mode::AddForm, key(KeyCode::Char(c))),
            Some(Action::Type(c))
        );
    }
    assert_eq!(
        map(Mode::AddForm, key(KeyCode::Enter)),
        Some(Action::Newline)
    );
    assert_eq!(
        map(Mode::AddForm, key(KeyCode::Tab)),
        Some(Action::NextField)
    );
    assert_eq!(
        map(Mode::AddForm, key(KeyCode::BackTab)),
        Some(Action::PrevField)
    );
    assert_eq!(map(Mode::AddForm, ctrl('s')), Some(Action::Save));
    assert_eq!(map(Mode::AddForm, ctrl('c')), Some(Action::Quit));
    assert_eq!(map(Mode::AddForm, key(KeyCode::Esc)), Some(Action::Back));
    assert_eq!(
        map(Mode::AddConfirm, key(KeyCode::Char('y'))),
        Some(Action::Yes)
    );
    assert_eq!(map(Mode::AddConfirm, key(KeyCode::Esc)), Some(Action::No));
}

#[test]
fn a_paste_is_typed_only_where_keys_are_text() {
    use super::paste;
    assert_eq!(
        paste(Mode::AddForm, "a\r\nb\u{1b}\tc"),
        vec![
            Action::Type('a'),
            Action::Newline,
            Action::Type('b'),
            Action::Type(' '),
            Action::Type('c')
        ]
    );
    assert_eq!(
        paste(Mode::Prompt, "~/x.csv\nrm"),
        "~/x.csv".chars().map(Action::Type).collect::<Vec<_>>()
    );
    assert!(paste(Mode::Answer, "3333").is_empty());
    assert!(paste(Mode::Home, "q").is_empty());
}
