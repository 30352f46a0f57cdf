//! Untrusted card text made safe to show: terminal control characters become visible symbols.
//!
//! Imported decks can contain anything. An ESC byte could move the cursor, change colours, set
//! the window title (OSC) or worse; BiDi overrides can make text read differently than it is
//! stored. Every piece of card text passes through [`inert`] before it reaches a terminal.

use std::borrow::Cow;

/// Returns `s` with every control character replaced by a visible stand-in: C0 controls by
/// their Unicode "control picture" (ESC shows as `␛`), DEL as `␡`, C1 controls and BiDi
/// overrides/isolates as `�`. Newlines are kept; a tab becomes four spaces.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\r' => {}
            c if needs_replacing(c) => out.push(stand_in(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_replacing(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
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
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(inert("héllo 世界 🎉\nnext"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(inert("a\x1b[31mred\x1b]0;title\x07"), "a␛[31mred␛]0;title␇");
        assert_eq!(inert("nul\0del\x7f c1\u{9b}"), "nul␀del␡ c1\u{FFFD}");
        assert_eq!(inert("\u{202E}evil\u{2066}"), "\u{FFFD}evil\u{FFFD}");
        assert_eq!(inert("a\tb\r\n"), "a    b\n");
    }

    #[test]
    fn output_never_contains_controls() {
        let all: String = (0u32..0x300).filter_map(char::from_u32).collect();
        let out = inert(&all);
        assert!(out.chars().all(|c| c == '\n' || !c.is_control()));
    }
}
