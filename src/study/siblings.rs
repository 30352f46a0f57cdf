//! Cloze siblings: the cards one note became (`<guid>-c1`, `<guid>-c2`, see `import::cloze`).
//!
//! Studied back to back, the first gives the second away, so today's queue keeps them apart
//! (Anki buries siblings for the day the same way).

/// The note a card id belongs to: the id without a trailing `-c<N>` (N one or more digits),
/// or None for an id without that suffix. Two cards of the same deck with the same stem are
/// siblings. An id too long to keep (imported as `h-<hash>`) has no stem and no siblings.
pub fn sibling_stem(card_id: &str) -> Option<&str> {
    let (stem, n) = card_id.rsplit_once("-c")?;
    let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    (digits && !stem.is_empty()).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::sibling_stem;

    #[test]
    fn the_stem_is_the_id_before_a_trailing_cloze_number() {
        assert_eq!(sibling_stem("a1b2c3-c1"), Some("a1b2c3"));
        assert_eq!(sibling_stem("a1b2c3-c12"), Some("a1b2c3"));
        // Only the last `-c<N>` goes: a guid may itself contain one.
        assert_eq!(sibling_stem("x-c1-c2"), Some("x-c1"));
    }

    #[test]
    fn ids_without_a_cloze_number_have_no_stem() {
        for id in ["plain", "s3-classes", "a-c", "a-c1x", "-c1", "a-C1", "a_c1"] {
            assert_eq!(sibling_stem(id), None, "{id}");
        }
    }
}
