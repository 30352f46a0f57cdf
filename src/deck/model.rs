//! What a deck is: decks, cards and cloze gaps, with no I/O and no dependency beyond std.
//!
//! Self-contained on purpose: build.rs includes this file (with the TOML parser and the binary
//! codec) to parse and embed the built-in decks at build time, with the very code the program
//! runs.

use std::path::PathBuf;

/// A named set of cards from one source (a built-in file or an imported deck).
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    pub id: String,
    pub title: String,
    /// The notes section a built-in deck comes from; empty for decks that name none.
    pub section: String,
    pub description: Option<String>,
    pub cards: Vec<Card>,
    pub source: DeckSource,
}

/// Where a deck was read from, so the UI can tell a user which file to edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeckSource {
    /// Embedded in the binary; the name is the file under `decks/` in the repository.
    Builtin(&'static str),
    /// A TOML file on disk (imported decks live in the data dir's `decks/`).
    File(PathBuf),
}

impl std::fmt::Display for DeckSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeckSource::Builtin(name) => write!(f, "built-in decks/{name}"),
            DeckSource::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One flashcard; `line` points at its `[[cards]]` header so messages can name it.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: String,
    pub content: CardContent,
    pub tags: Vec<String>,
    /// Extra context shown after the answer (required for built-in choice cards).
    pub explain: Option<String>,
    /// Where the card's facts can be checked (https URLs, e.g. the AWS documentation page).
    pub source: Vec<String>,
    /// Kept with its history but no longer studied (it vanished from an imported source).
    pub archived: bool,
    pub line: usize,
}

/// The three kinds of card, each with exactly the fields it needs.
#[derive(Clone, Debug, PartialEq)]
pub enum CardContent {
    Basic {
        front: String,
        back: String,
    },
    /// An exam-style question; `answer` holds one index, or several for "choose two".
    Choice {
        front: String,
        choices: Vec<String>,
        answer: Vec<usize>,
    },
    /// Text whose `{{...}}` gaps are hidden until the card is revealed.
    Cloze {
        text: String,
    },
}

impl CardContent {
    /// The kind's name as written in deck files.
    pub fn kind(&self) -> &'static str {
        match self {
            CardContent::Basic { .. } => "basic",
            CardContent::Choice { .. } => "choice",
            CardContent::Cloze { .. } => "cloze",
        }
    }

    /// The question side: the front, or the cloze text with each gap shown as its hint
    /// (`[hint]`) or as `[...]`.
    pub fn prompt(&self) -> String {
        match self {
            CardContent::Basic { front, .. } | CardContent::Choice { front, .. } => front.clone(),
            CardContent::Cloze { text } => cloze_render(text, |gap| gap.placeholder()),
        }
    }

    /// The answer side as plain text: the back, the right choice(s), or the filled-in gaps.
    pub fn answer_text(&self) -> String {
        match self {
            CardContent::Basic { back, .. } => back.clone(),
            CardContent::Choice {
                choices, answer, ..
            } => answer
                .iter()
                .filter_map(|&i| choices.get(i).cloned())
                .collect::<Vec<_>>()
                .join("; "),
            CardContent::Cloze { text } => cloze_gaps(text).join("; "),
        }
    }

    /// Whether the options picked on a choice card (in any order) are exactly its right
    /// ones, so study can say right or wrong before the user rates; None for other kinds.
    pub fn picks_right(&self, picked: &[usize]) -> Option<bool> {
        let CardContent::Choice { answer, .. } = self else {
            return None;
        };
        let sorted = |v: &[usize]| {
            let mut v = v.to_vec();
            v.sort_unstable();
            v.dedup();
            v
        };
        Some(sorted(picked) == sorted(answer))
    }
}

impl Deck {
    /// The cards still studied: archived ones keep their history but are no longer counted.
    pub fn active_cards(&self) -> usize {
        self.cards.iter().filter(|c| !c.archived).count()
    }

    /// The global id of one of this deck's cards, as used in the review log.
    pub fn global_id(&self, card: &Card) -> String {
        // Built by hand, not with `format!`: start-up makes one per card.
        let mut id = String::with_capacity(self.id.len() + 1 + card.id.len());
        id.push_str(&self.id);
        id.push('/');
        id.push_str(&card.id);
        id
    }
}

/// One `{{gap}}` of a cloze text: what it hides and, written `{{answer::hint}}` as in Anki,
/// the hint shown in its place until the answer is revealed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap<'a> {
    pub answer: &'a str,
    pub hint: Option<&'a str>,
}

impl<'a> Gap<'a> {
    /// Splits a gap's inside at its first `::` (Anki's rule); an empty hint is no hint.
    pub fn parse(inner: &'a str) -> Self {
        match inner.split_once("::") {
            Some((answer, hint)) => Gap {
                answer,
                hint: Some(hint.trim()).filter(|h| !h.is_empty()),
            },
            None => Gap {
                answer: inner,
                hint: None,
            },
        }
    }

    /// What the question side shows in the gap: `[hint]`, or `[...]` without one.
    pub fn placeholder(&self) -> String {
        match self.hint {
            Some(h) => format!("[{h}]"),
            None => "[...]".to_string(),
        }
    }

    /// The gap as written in a deck file: `answer` or `answer::hint` (without the braces).
    pub fn source(&self) -> String {
        match self.hint {
            Some(h) => format!("{}::{h}", self.answer),
            None => self.answer.to_string(),
        }
    }
}

/// The hidden parts of a cloze text (answers, without hints), in order.
pub fn cloze_gaps(text: &str) -> Vec<String> {
    let mut gaps = Vec::new();
    cloze_render(text, |gap| {
        gaps.push(gap.answer.to_string());
        String::new()
    });
    gaps
}

/// Rebuilds a cloze text with each `{{gap}}` replaced by `fill(gap)`; an unclosed `{{` stays as is.
pub fn cloze_render(text: &str, mut fill: impl FnMut(Gap<'_>) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&fill(Gap::parse(&rest[start + 2..start + 2 + len])));
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}

/// What is wrong with a cloze text's hints, if anything: a hint on an empty answer
/// (`{{::hint}}`), or a `}}` inside a hint (the first `}}` ends the gap, so the rest of the
/// hint would show as text).
pub fn cloze_hint_problem(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let len = rest[start + 2..].find("}}")?;
        let gap = Gap::parse(&rest[start + 2..start + 2 + len]);
        rest = &rest[start + 2 + len + 2..];
        let Some(hint) = gap.hint else { continue };
        let answer = gap.answer.trim();
        if answer.len() > 1
            && answer.starts_with('c')
            && answer[1..].bytes().all(|b| b.is_ascii_digit())
        {
            return Some(format!(
                "cloze gap {{{{{}}}}} is Anki's numbered form, which recall's gaps do not use; \
                 expected {{{{answer}}}} or {{{{answer::hint}}}} (`recall import` turns Anki's \
                 deletions into gaps)",
                gap.source()
            ));
        }
        if answer.is_empty() {
            return Some(format!(
                "cloze gap {{{{{}}}}} has a hint but no answer; expected {{{{answer::hint}}}}",
                gap.source()
            ));
        }
        let upto_next = rest.find("{{").map_or(rest, |n| &rest[..n]);
        if hint.contains("{{") || upto_next.contains("}}") {
            return Some(format!(
                "cloze hint {hint:?} is cut short: a hint cannot hold `{{{{` or `}}}}`"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloze_gaps_and_prompt() {
        let c = CardContent::Cloze {
            text: "SSE-C needs {{HTTPS}} and {{your key}}.".into(),
        };
        assert_eq!(c.prompt(), "SSE-C needs [...] and [...].");
        assert_eq!(c.answer_text(), "HTTPS; your key");
        assert_eq!(cloze_gaps("no gaps {{ here"), Vec::<String>::new());
    }

    #[test]
    fn a_gap_hint_shows_in_the_gap_and_is_not_part_of_the_answer() {
        let c = CardContent::Cloze {
            text: "Deep Archive restores within {{12 hours::how long?}} at {{lowest}} cost.".into(),
        };
        assert_eq!(
            c.prompt(),
            "Deep Archive restores within [how long?] at [...] cost."
        );
        assert_eq!(c.answer_text(), "12 hours; lowest");
        assert_eq!(Gap::parse("a:: ").hint, None);
        assert_eq!(Gap::parse("a::b::c").hint, Some("b::c"));
        assert_eq!(cloze_hint_problem("{{a::b}} and {{c}}"), None);
        assert!(cloze_hint_problem("{{::b}}").is_some());
        // `{{c1::x}}` would read as the answer "c1" with the hint "x": Anki's numbered form is
        // named instead (an export to CSV read it back as Anki's deletion "x").
        let anki = cloze_hint_problem("The {{c1::answer}} here").expect("refused");
        assert!(anki.contains("Anki's numbered form"), "{anki}");
        assert_eq!(
            cloze_hint_problem("{{c::b}} and {{c1}} and {{c1x::b}}"),
            None
        );
        assert!(cloze_hint_problem("{{a::b}}c}} d").is_some());
        assert!(cloze_hint_problem("{{a::{{b}}").is_some());
    }

    #[test]
    fn choice_answer_text_lists_every_right_option() {
        let c = CardContent::Choice {
            front: "q".into(),
            choices: vec!["a".into(), "b".into(), "c".into()],
            answer: vec![0, 2],
        };
        assert_eq!(c.answer_text(), "a; c");
    }

    #[test]
    fn picks_are_right_only_as_the_exact_set_of_answers() {
        let c = CardContent::Choice {
            front: "q".into(),
            choices: vec!["a".into(), "b".into(), "c".into()],
            answer: vec![0, 2],
        };
        assert_eq!(c.picks_right(&[2, 0]), Some(true));
        assert_eq!(c.picks_right(&[0]), Some(false));
        assert_eq!(c.picks_right(&[0, 1, 2]), Some(false));
        assert_eq!(c.picks_right(&[]), Some(false));
        let basic = CardContent::Basic {
            front: "f".into(),
            back: "b".into(),
        };
        assert_eq!(basic.picks_right(&[0]), None);
    }
}
