//! The whole frame at any size and colour: hostile card text made inert, the help overlay,
//! the "too small" notice, and a snapshot of each study screen.

use super::support::*;

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
    // A wrong pick: ✗ beside it, ✓ beside the right option (options are shuffled).
    let wrong = key_of(&app, "S3 Standard");
    press(&mut app, wrong, T0 + 8000);
    insta::assert_snapshot!("choice_answer_80x24", screen_text(&app));
    insta::assert_snapshot!("tiny_20x5", text(&render(&app, 20, 5, Theme::new(true))));
    for _ in 0..3 {
        app.update(Action::Reveal, T0 + 60_000);
        app.update(Action::Rate(Rating::Easy), T0 + 60_000);
    }
    insta::assert_snapshot!("summary_80x24", screen_text(&app));
}
