//! Drawing a quiz from decks: which cards, in which order, and each card turned into a question.
//!
//! Everything random comes from one `StdRng` seeded by the caller, so the same decks and seed
//! give the same questions with the same option order.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::{Question, QuestionKind};
use crate::deck::{cloze_gaps, Card, CardContent, Deck};

/// Options of a basic card turned into a question: the back and this many distractors.
const DISTRACTORS: usize = 3;
/// Distractors are drawn at random from this many of the closest candidates.
const NEAREST: usize = 6;

/// What to build: which decks (indexes into the slice given to [`build`]; empty = all), how
/// many questions at most, and the seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizSpec {
    pub decks: Vec<usize>,
    pub count: usize,
    pub seed: u64,
}

/// Text reduced to what an answer is compared on: lowercase letters and digits only, so case,
/// spaces and punctuation never make a typed answer wrong.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One deck's distinct basic-card backs, for distractors: (normalised, text), sorted.
struct Backs(Vec<(String, String)>);

impl Backs {
    fn of(deck: &Deck) -> Backs {
        let mut v: Vec<(String, String)> = deck
            .cards
            .iter()
            .filter(|c| !c.archived)
            .filter_map(|c| match &c.content {
                CardContent::Basic { back, .. } => Some((normalise(back), back.clone())),
                _ => None,
            })
            .filter(|(n, _)| !n.is_empty())
            .collect();
        v.sort();
        v.dedup_by(|a, b| a.0 == b.0);
        Backs(v)
    }

    /// Backs that differ from `answer` once normalised.
    fn others<'a>(&'a self, answer: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let n = normalise(answer);
        self.0
            .iter()
            .filter(move |(k, _)| *k != n)
            .map(|(_, t)| t.as_str())
    }
}

/// How many questions the chosen decks can give (the most a quiz on them can have).
pub fn available(decks: &[Deck], which: &[usize]) -> usize {
    chosen(decks, which)
        .map(|d| {
            let backs = Backs::of(d);
            d.cards.iter().filter(|c| askable(c, &backs)).count()
        })
        .sum()
}

fn chosen<'a>(decks: &'a [Deck], which: &'a [usize]) -> impl Iterator<Item = &'a Deck> + 'a {
    decks
        .iter()
        .enumerate()
        .filter(move |(i, _)| which.is_empty() || which.contains(i))
        .map(|(_, d)| d)
}

/// Whether a card can become a question: not archived, and a basic card needs enough
/// different backs in its deck for its distractors.
fn askable(card: &Card, backs: &Backs) -> bool {
    if card.archived {
        return false;
    }
    match &card.content {
        CardContent::Choice {
            choices, answer, ..
        } => choices.len() >= 2 && !answer.is_empty(),
        CardContent::Cloze { text } => !cloze_gaps(text).iter().all(|g| normalise(g).is_empty()),
        CardContent::Basic { back, .. } => backs.others(back).nth(DISTRACTORS - 1).is_some(),
    }
}

/// Draws up to `spec.count` questions from the chosen decks, in a seeded random order.
pub fn build(decks: &[Deck], spec: &QuizSpec) -> Vec<Question> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(spec.seed);
    let mut pool: Vec<(&Deck, &Card, usize)> = Vec::new();
    let mut backs = Vec::new();
    for deck in chosen(decks, &spec.decks) {
        let b = Backs::of(deck);
        pool.extend(
            deck.cards
                .iter()
                .filter(|c| askable(c, &b))
                .map(|c| (deck, c, backs.len())),
        );
        backs.push(b);
    }
    let n = spec.count.min(pool.len());
    let (picked, _) = pool.partial_shuffle(&mut rng, n);
    picked
        .iter()
        .map(|&(deck, card, b)| question(deck, card, &backs[b], &mut rng))
        .collect()
}

fn question(deck: &Deck, card: &Card, backs: &Backs, rng: &mut impl Rng) -> Question {
    let kind = match &card.content {
        CardContent::Choice {
            choices, answer, ..
        } => {
            let mut order: Vec<usize> = (0..choices.len()).collect();
            order.shuffle(rng);
            let mut correct: Vec<usize> = (0..order.len())
                .filter(|&k| answer.contains(&order[k]))
                .collect();
            correct.sort_unstable();
            QuestionKind::Choice {
                options: order.iter().map(|&i| choices[i].clone()).collect(),
                correct,
            }
        }
        CardContent::Basic { back, .. } => {
            let mut options = distractors(back, backs, rng);
            options.push(back.clone());
            options.shuffle(rng);
            let correct = options
                .iter()
                .position(|o| o == back)
                .map_or(vec![], |i| vec![i]);
            QuestionKind::Choice { options, correct }
        }
        CardContent::Cloze { text } => QuestionKind::Typed {
            answers: cloze_gaps(text),
        },
    };
    Question {
        card: deck.global_id(card),
        section: deck.id.clone(),
        section_title: deck.title.clone(),
        prompt: card.content.prompt(),
        kind,
        explain: card.explain.clone(),
    }
}

/// Three other backs of the deck for a basic card: never equal to the answer (after
/// normalising), never repeated, drawn from the ones most like it in kind and length.
fn distractors(answer: &str, backs: &Backs, rng: &mut impl Rng) -> Vec<String> {
    let mut near: Vec<(f32, &str)> = backs
        .others(answer)
        .map(|t| (unlikeness(answer, t), t))
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    near.truncate(NEAREST.max(DISTRACTORS));
    let (picked, _) = near.partial_shuffle(rng, DISTRACTORS);
    picked.iter().map(|(_, t)| t.to_string()).collect()
}

/// How unlike an answer a candidate looks: the length ratio (log scale), plus a penalty when
/// one is a number or a yes/no and the other is not, so a distractor is never a giveaway.
fn unlikeness(answer: &str, candidate: &str) -> f32 {
    let len = |s: &str| s.chars().count().max(1) as f32;
    let ratio = (len(candidate) / len(answer)).ln().abs();
    let kind = |s: &str| {
        let first = s
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        if first.starts_with(|c: char| c.is_ascii_digit()) {
            1
        } else if first == "yes" || first == "no" {
            2
        } else {
            0
        }
    };
    ratio
        + if kind(answer) == kind(candidate) {
            0.0
        } else {
            1.0
        }
}
