//! The words recall shows, explained once: the glossary every screen's `?` help ends with,
//! and the first-run welcome (Home shows it until the first answer; Home's `?` repeats it).
//!
//! Plain text only, so that the help overlay, Home and the tests all read the same words.

/// Each word recall shows, with what it means in plain words.
pub const GLOSSARY: &[(&str, &str)] = &[
    (
        "new",
        "a card you have not studied yet; a few are added each day",
    ),
    (
        "learning",
        "a new card being fixed in memory: it comes back after short steps (1 min, 10 min) today",
    ),
    ("due", "a card learnt before whose next review is today"),
    (
        "relearning",
        "a learnt card you forgot, going through the short steps again",
    ),
    (
        "lapse",
        "a time you forgot a learnt card (Again on a review)",
    ),
    (
        "retention",
        "the share of cards you still remember when they come back; recall aims at 90%",
    ),
    (
        "interval",
        "how long until a card comes back: 10 min, 6 days, 1.2 months",
    ),
    (
        "suspend",
        "take a card out of study until you bring it back (s or @)",
    ),
    ("bury", "put a card aside until tomorrow (b or -)"),
    (
        "cloze",
        "a card with a gap to fill: [...] hides part of a sentence",
    ),
    (
        "exam cap",
        "with an exam date set, no card is scheduled after the exam: intervals stop at exam day",
    ),
];

/// One part of the welcome: plain text, or a count's name (in its colour) with its meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Text(&'static str),
    /// "New", "Learn", "Due" as Home's table heads them.
    Count(&'static str, &'static str),
    Blank,
}

/// The welcome, paragraph by paragraph.
pub const WELCOME: &[Part] = &[
    Part::Text(
        "recall shows each card again just before you would forget it. Each day, answer \
         the cards it brings, rate how well you remembered, and stop: that is all.",
    ),
    Part::Blank,
    Part::Count("New", "cards not seen yet: a few each day"),
    Part::Count("Learn", "cards being learnt: back in minutes"),
    Part::Count("Due", "cards learnt before, back today"),
    Part::Blank,
    Part::Text("Press enter to learn today's new cards, then come back tomorrow."),
    Part::Text(
        "Exam date: press x and type it (2026-12-20, in 3 weeks, dec 20); Home then \
         counts down to it and says what each day takes.",
    ),
];
