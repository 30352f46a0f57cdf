//! Untrusted card text made safe to show: terminal control characters become visible symbols.
//!
//! Imported decks can contain anything. An ESC byte could move the cursor, change colours, set
//! the window title (OSC) or worse; BiDi overrides can make text read differently than it is
//! stored; zero-width characters can hide inside words. Every piece of card text passes
//! through [`inert`] before it reaches a terminal.

use std::borrow::Cow;

/// "1 card", "2 cards": a count with its noun, so no screen says "1 cards".
pub fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Returns `s` with every control character replaced by a visible stand-in: C0 controls by
/// their Unicode "control picture" (ESC shows as `␛`), DEL as `␡`, C1 controls and BiDi
/// overrides/isolates/marks as `�`. Invisible zero-width characters are dropped (the joiners
/// emoji and some scripts need are kept). Newlines are kept, and the Unicode line and paragraph
/// separators become newlines; a tab becomes four spaces.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| needs_replacing(c) || is_invisible(c) || is_separator(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\r' => {}
            c if is_separator(c) => out.push('\n'),
            c if is_invisible(c) => {}
            c if needs_replacing(c) => out.push(stand_in(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text made inert the JSON way: `serde_json` already escapes C0 controls, but DEL, C1
/// controls (U+009B is a one-byte CSI to some terminals) and the BiDi, invisible and
/// separator characters `inert` handles are passed through raw. Each becomes a `\uXXXX`
/// escape, so the JSON means exactly the same and no terminal acts on it. Only valid on
/// serialized JSON: outside strings these characters never occur.
pub fn json_inert(json: &str) -> Cow<'_, str> {
    // Printable ASCII and newlines are all safe: checking bytes first (a fold without an
    // early exit, so many bytes are checked at once) keeps `recall cards --json`, 88 MB at
    // 100,000 cards, from decoding every character.
    let printable = |chunk: &[u8]| {
        !chunk.iter().fold(false, |bad, &b| {
            bad | ((b.wrapping_sub(b' ') > b'~' - b' ') & (b != b'\n'))
        })
    };
    if json.as_bytes().chunks(4096).all(printable) {
        return Cow::Borrowed(json);
    }
    let unsafe_char =
        |c: char| c != '\n' && (needs_replacing(c) || is_invisible(c) || is_separator(c));
    if !json.chars().any(unsafe_char) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `inert`, then emoji put in the one form every terminal draws at the width the TUI
/// computes: variation selectors (❤️ → ❤), skin-tone modifiers and tag characters are
/// dropped, and a zero-width joiner after a pictograph is dropped so a ZWJ sequence shows as
/// its separate emoji (👩‍💻 → 👩💻). Terminals disagree on those sequences (tmux draws ❤️ one
/// cell wide, kitty two; VTE draws 👩‍💻 four cells wide, tmux two); when the screen and the
/// program disagree, letters are left behind on redraw. Each lone emoji is two cells
/// everywhere. Joiners between letters (scripts that need them) are kept.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    let dropped = |c: char| matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0000}'..='\u{E007F}');
    let safe = inert(s);
    if !safe.chars().any(|c| dropped(c) || c == '\u{200D}') {
        return safe;
    }
    let mut out = String::with_capacity(safe.len());
    let mut prev = None;
    for c in safe.chars() {
        if dropped(c) || (c == '\u{200D}' && prev.is_some_and(is_pictograph)) {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// Symbols and pictographs that emoji sequences are built from (an over-approximation of
/// Unicode's Extended_Pictographic, which is all a joiner needs to be judged by).
fn is_pictograph(c: char) -> bool {
    matches!(
        c as u32,
        0xA9 | 0xAE
            | 0x203C
            | 0x2049
            | 0x2122
            | 0x2139
            | 0x2190..=0x2BFF
            | 0x3030
            | 0x303D
            | 0x3297
            | 0x3299
            | 0x1F000..=0x1FAFF
    )
}

fn needs_replacing(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c)
}

/// Overrides, embeddings, isolates and marks: each changes the order text is shown in.
/// U+206A-U+206F are the deprecated shaping/swapping controls; U+FFF9-U+FFFB hide text as an
/// "annotation".
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{206F}'
            | '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Zero-width characters with no visible effect that text needs: zero-width space, word
/// joiner, invisible operators, the byte-order mark, the Mongolian vowel separator.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}'
    )
}

/// Line and paragraph separator: some terminals break the line, some do not.
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

fn stand_in(c: char) -> char {
    match c as u32 {
        n @ 0x00..=0x1F => char::from_u32(0x2400 + n).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_plural_except_for_one() {
        assert_eq!(count(0u32, "card"), "0 cards");
        assert_eq!(count(1u32, "card"), "1 card");
        assert_eq!(count(2u64, "day"), "2 days");
    }

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(inert("héllo 世界 🎉\nnext"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(inert("a\x1b[31mred\x1b]0;title\x07"), "a␛[31mred␛]0;title␇");
        assert_eq!(inert("nul\0del\x7f c1\u{9b}"), "nul␀del␡ c1\u{FFFD}");
        assert_eq!(inert("\u{202E}evil\u{2066}"), "\u{FFFD}evil\u{FFFD}");
        assert_eq!(inert("a\tb\r\n"), "a    b\n");
        assert_eq!(
            inert("\u{200F}x\u{200E}\u{061C}\u{206F}\u{FFF9}"),
            "\u{FFFD}x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"
        );
    }

    #[test]
    fn zero_width_tricks_are_dropped_but_joiners_kept() {
        assert_eq!(
            inert("pa\u{200B}ss\u{2060}wo\u{FEFF}rd\u{180E}"),
            "password"
        );
        // The emoji family is joined by ZWJ; it must survive.
        let family = "👩\u{200D}👩\u{200D}👧";
        assert!(matches!(inert(family), Cow::Borrowed(_)));
        assert_eq!(inert("one\u{2028}two\u{2029}three"), "one\ntwo\nthree");
    }

    proptest::proptest! {
        /// Any text: nothing that steers a terminal or reorders or hides text gets through,
        /// and text with none of it is untouched.
        #[test]
        fn nothing_steering_survives(s in "\\PC*|[\\x00-\\x{3000}]{0,40}|.*[\\x{2000}-\\x{2070}\\x{FEFF}\\x{FFF9}-\\x{FFFB}\\x{180E}\\x{061C}]{1,8}.*") {
            let out = inert(&s);
            for c in out.chars() {
                proptest::prop_assert!(
                    c == '\n' || !(needs_replacing(c) || is_invisible(c) || is_separator(c)),
                    "{c:?} in {out:?}"
                );
            }
            if !s.chars().any(|c| needs_replacing(c) || is_invisible(c) || is_separator(c)) {
                proptest::prop_assert_eq!(out.as_ref(), s.as_str());
            }
        }
    }

    #[test]
    fn json_escapes_what_serde_leaves_raw_and_stays_the_same_json() {
        let text = "a\u{7f}b\u{9b}31m\u{202e}c\u{2028}d\u{200b}e\x1b\n";
        let json = serde_json::to_string(&text).expect("json");
        let safe = json_inert(&json);
        assert!(
            safe.chars().all(|c| !c.is_control() && !is_bidi_control(c)),
            "{safe}"
        );
        let back: String = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, text);
        assert!(matches!(
            json_inert("{\"a\": \"plain\"}\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn emoji_sequences_become_their_plain_emoji() {
        assert_eq!(for_terminal("👩\u{200D}💻"), "👩💻");
        assert_eq!(for_terminal("❤\u{FE0F}"), "❤");
        assert_eq!(for_terminal("👍\u{1F3FD}"), "👍");
        assert_eq!(for_terminal("❤\u{FE0F}\u{200D}🔥"), "❤🔥");
        assert_eq!(for_terminal("🇩🇪"), "🇩🇪");
        // A joiner between letters of a script is kept.
        assert_eq!(for_terminal("क\u{200D}ष"), "क\u{200D}ष");
        assert_eq!(for_terminal("a\x1b[2J"), "a␛[2J");
    }

    #[test]
    fn output_never_contains_controls() {
        let all: String = (0u32..0x300).filter_map(char::from_u32).collect();
        let out = inert(&all);
        assert!(out.chars().all(|c| c == '\n' || !c.is_control()));
    }
}
