//! One row per card for the browser: everything a search or a column needs, built once from
//! the replayed collection so that each keypress only reads plain fields.

use std::path::Path;
use std::sync::Arc;

use crate::deck::{CardContent, DeckSource};
use crate::schedule::{Millis, Phase, Scheduler};
use crate::study::{CardEntry, Collection};

/// What the browser knows about one card as of the moment `collect` ran.
#[derive(Clone, Debug, PartialEq)]
pub struct CardFacts {
    /// The card's index in `Collection::cards` (what the ops and the study code take).
    pub entry: usize,
    /// The global id (`deck/card`) the log keys progress by.
    pub id: String,
    /// The deck's index in `Collection::decks`, and its id.
    pub deck_index: usize,
    pub deck: String,
    /// The question side on one line (a cloze shows its gaps as `[...]`).
    pub front: String,
    /// The answer side: the back, the right choice(s), or the filled gaps.
    pub back: String,
    /// The explanation shown after the answer; empty when the card has none.
    pub explain: String,
    pub tags: Vec<String>,
    /// `basic`, `choice` or `cloze`.
    pub kind: &'static str,
    pub phase: Phase,
    /// When the card is due: the exact moment in (re)learning, the start of the due day in
    /// review; None for a new card.
    pub due: Option<Millis>,
    /// The due day counted from today (0 today, negative overdue); None for a new card.
    pub due_days: Option<i32>,
    pub interval_days: u32,
    /// FSRS memory state; None for a card never answered.
    pub stability: Option<f32>,
    pub difficulty: Option<f32>,
    /// Probability of recall now; None for a card never answered.
    pub retrievability: Option<f32>,
    pub lapses: u32,
    pub reps: u32,
    pub suspended: bool,
    /// Buried for today.
    pub buried: bool,
    pub leech: bool,
    pub archived: bool,
    /// The deck file the card is in (None for a built-in deck) and its `[[cards]]` line.
    pub file: Option<Arc<Path>>,
    pub line: usize,
    /// Front, back, choices and explanation, lowercased and accent-folded, for plain words.
    pub(crate) folded_text: String,
    /// The deck id and the tags, lowercased and accent-folded, for `deck:` and `tag:`.
    pub(crate) folded_deck: String,
    pub(crate) folded_tags: Vec<String>,
}

impl CardFacts {
    /// Whether the card takes part in study today (not suspended, buried or archived).
    pub fn is_active(&self) -> bool {
        !self.suspended && !self.buried && !self.archived
    }

    /// Where to look for the card in words: `path:line`, or `built-in decks/x.toml:line`.
    pub fn location(&self, col: &Collection) -> String {
        let source = &col.decks[self.deck_index].source;
        format!("{source}:{}", self.line)
    }
}

/// Lowercase and without accents (`Déjà` -> `deja`): how text and queries are compared.
pub fn fold(text: &str) -> String {
    let mut s = deunicode::deunicode(text);
    s.make_ascii_lowercase();
    s
}

/// Every card of the collection as of `now`, in collection order (one pass).
pub fn collect(col: &Collection, scheduler: &Scheduler, now: Millis) -> Vec<CardFacts> {
    let today = scheduler.day_of(now);
    let files: Vec<Option<Arc<Path>>> = col
        .decks
        .iter()
        .map(|d| match &d.source {
            DeckSource::File(p) => Some(Arc::from(p.as_path())),
            DeckSource::Builtin(_) => None,
        })
        .collect();
    let folded_decks: Vec<String> = col.decks.iter().map(|d| fold(&d.id)).collect();
    col.cards
        .iter()
        .enumerate()
        .map(|(entry, e)| {
            let deck = &col.decks[e.deck];
            let card = &deck.cards[e.card];
            let front = one_line(&card.content.prompt());
            let back = card.content.answer_text();
            let explain = card.explain.clone().unwrap_or_default();
            let mut text = String::with_capacity(front.len() + back.len() + explain.len() + 2);
            text.push_str(&front);
            text.push('\n');
            text.push_str(&back);
            if let CardContent::Choice { choices, .. } = &card.content {
                for c in choices {
                    text.push('\n');
                    text.push_str(c);
                }
            }
            text.push('\n');
            text.push_str(&explain);
            let mut facts = CardFacts {
                entry,
                id: e.global_id.clone(),
                deck_index: e.deck,
                deck: deck.id.clone(),
                front,
                back,
                explain,
                tags: card.tags.clone(),
                kind: card.content.kind(),
                file: files[e.deck].clone(),
                line: card.line,
                folded_text: fold(&text),
                folded_deck: folded_decks[e.deck].clone(),
                folded_tags: card.tags.iter().map(|t| fold(t)).collect(),
                ..CardFacts::placeholder()
            };
            facts.set_schedule(e, scheduler, today, now);
            facts
        })
        .collect()
}

impl CardFacts {
    /// Sets the fields a card's schedule decides, from its entry as of `now`: what `collect`
    /// puts in a row and `Index::refresh` puts back after an action, so the two agree.
    pub(super) fn set_schedule(
        &mut self,
        e: &CardEntry,
        scheduler: &Scheduler,
        today: i32,
        now: Millis,
    ) {
        let seen = e.state.phase != Phase::New;
        // A card given a due date before any answer has no memory state yet.
        let memory = seen && e.state.stability > 0.0;
        self.phase = e.state.phase;
        self.due = seen.then_some(e.state.due);
        self.due_days = seen.then(|| scheduler.day_of(e.state.due) - today);
        self.interval_days = e.state.interval_days;
        self.stability = memory.then_some(e.state.stability);
        self.difficulty = memory.then_some(e.state.difficulty);
        self.retrievability = memory.then(|| scheduler.retrievability(&e.state, now));
        self.lapses = e.state.lapses;
        self.reps = e.state.reps;
        self.suspended = e.suspended;
        self.buried = e.buried_day == Some(today);
        self.leech = e.leech;
        self.archived = e.archived;
    }

    /// An empty row, only ever swapped in for a moment while a row is rebuilt.
    fn placeholder() -> CardFacts {
        CardFacts {
            entry: 0,
            id: String::new(),
            deck_index: 0,
            deck: String::new(),
            front: String::new(),
            back: String::new(),
            explain: String::new(),
            tags: Vec::new(),
            kind: "",
            phase: Phase::New,
            due: None,
            due_days: None,
            interval_days: 0,
            stability: None,
            difficulty: None,
            retrievability: None,
            lapses: 0,
            reps: 0,
            suspended: false,
            buried: false,
            leech: false,
            archived: false,
            file: None,
            line: 0,
            folded_text: String::new(),
            folded_deck: String::new(),
            folded_tags: Vec::new(),
        }
    }
}

/// Line breaks and tabs as spaces, so a front fits one table row.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
pub(crate) mod sample {
    //! Hand-made facts for the query and sort tests.
    use super::*;

    /// A review card with the given text, deck and tags; tests change the other fields.
    pub fn card(id: &str, deck: &str, front: &str, back: &str, tags: &[&str]) -> CardFacts {
        let explain = String::new();
        CardFacts {
            entry: 0,
            id: format!("{deck}/{id}"),
            deck_index: 0,
            deck: deck.into(),
            front: front.into(),
            back: back.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            kind: "basic",
            phase: Phase::Review,
            due: Some(0),
            due_days: Some(5),
            interval_days: 10,
            stability: Some(12.0),
            difficulty: Some(5.0),
            retrievability: Some(0.9),
            lapses: 0,
            reps: 3,
            suspended: false,
            buried: false,
            leech: false,
            archived: false,
            file: None,
            line: 1,
            folded_text: fold(&format!("{front}\n{back}\n{explain}")),
            folded_deck: fold(deck),
            folded_tags: tags.iter().map(|t| fold(t)).collect(),
            explain,
        }
    }
}
