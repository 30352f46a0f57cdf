//! Drawing a quiz from decks: which cards, in which order, and each card turned into a question.
//!
//! Everything random comes from one `StdRng` seeded by the caller, so the same decks and seed
//! give the same questions with the same option order.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::shape::{length_ratio, Shape};
use super::{Question, QuestionKind, QuizMode};
use crate::deck::{cloze_gaps, Card, CardContent, Deck};

/// Options of a basic card turned into a question: the back and this many distractors.
const DISTRACTORS: usize = 3;
/// Distractors are drawn at random from this many of the closest candidates.
const NEAREST: usize = 6;

/// What to build: which decks (indexes into the slice given to [`build`]; empty = all), how
/// many questions at most, the seed, and the mode (which kinds of question it asks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizSpec {
    pub decks: Vec<usize>,
    pub count: usize,
    pub seed: u64,
    pub mode: QuizMode,
}

/// Text reduced to what an answer is compared on: lowercase letters and digits only, so case,
/// spaces and punctuation never make a typed answer wrong.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One deck's distinct basic-card backs, for distractors, sorted by their normalised text.
struct Backs(Vec<Back>);

/// A basic card's back as a candidate wrong option: normalised, as written, its shape, and the
/// card's tags.
struct Back {
    key: String,
    text: String,
    shape: Shape,
    tags: Vec<String>,
}

impl Backs {
    fn of(deck: &Deck) -> Backs {
        let mut v: Vec<Back> = deck
            .cards
            .iter()
            .filter(|c| !c.archived)
            .filter_map(|c| match &c.content {
                CardContent::Basic { back, .. } => Some(Back {
                    key: normalise(back),
                    text: back.clone(),
                    shape: Shape::of(back),
                    tags: c.tags.clone(),
                }),
                _ => None,
            })
            .filter(|b| !b.key.is_empty())
            .collect();
        v.sort_by(|a, b| a.key.cmp(&b.key).then(a.text.cmp(&b.text)));
        v.dedup_by(|a, b| a.key == b.key);
        Backs(v)
    }

    /// Backs that differ from `answer` once normalised and have its shape
    /// ([`Shape::alike`]: the same kind, a similar length).
    fn others<'a>(
        &'a self,
        answer: &'a str,
        tags: &'a [String],
    ) -> impl Iterator<Item = &'a str> + 'a {
        let key = normalise(answer);
        let shape = Shape::of(answer);
        self.0
            .iter()
            .filter(move |b| b.key != key && shape.alike(tags, &b.shape, &b.tags))
            .map(|b| b.text.as_str())
    }
}

/// How many questions the chosen decks can give in `mode` (the most a quiz on them can have).
pub fn available(decks: &[Deck], which: &[usize], mode: QuizMode) -> usize {
    chosen(decks, which)
        .map(|d| {
            let backs = Backs::of(d);
            d.cards.iter().filter(|c| askable(c, &backs, mode)).count()
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

/// Whether a card can become a question in `mode`: not archived; a basic card needs enough
/// backs of its shape in its deck for its distractors; a cloze card (typed) only in practice
/// mode, since the real exam never asks for typed answers.
fn askable(card: &Card, backs: &Backs, mode: QuizMode) -> bool {
    if card.archived {
        return false;
    }
    match &card.content {
        CardContent::Choice {
            choices, answer, ..
        } => choices.len() >= 2 && !answer.is_empty(),
        CardContent::Cloze { text } => {
            mode == QuizMode::Practice && !cloze_gaps(text).iter().all(|g| normalise(g).is_empty())
        }
        CardContent::Basic { back, .. } => backs
            .others(back, &card.tags)
            .nth(DISTRACTORS - 1)
            .is_some(),
    }
}

/// Draws up to `spec.count` questions from the chosen decks, in a seeded random order.
/// Practice mode draws from every askable card alike. Exam mode, like the real exam, asks the
/// authored choice questions first: basic cards fill in only when there are too few of them.
pub fn build(decks: &[Deck], spec: &QuizSpec) -> Vec<Question> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(spec.seed);
    let mut pool: Vec<(&Deck, &Card, usize)> = Vec::new();
    let mut backs = Vec::new();
    for deck in chosen(decks, &spec.decks) {
        let b = Backs::of(deck);
        pool.extend(
            deck.cards
                .iter()
                .filter(|c| askable(c, &b, spec.mode))
                .map(|c| (deck, c, backs.len())),
        );
        backs.push(b);
    }
    let n = spec.count.min(pool.len());
    let picked: Vec<(&Deck, &Card, usize)> = match spec.mode {
        QuizMode::Practice => pool.partial_shuffle(&mut rng, n).0.to_vec(),
        QuizMode::Exam => {
            let (mut authored, mut basic): (Vec<_>, Vec<_>) = pool
                .into_iter()
                .partition(|(_, c, _)| matches!(c.content, CardContent::Choice { .. }));
            let from_authored = n.min(authored.len());
            let mut picked = authored.partial_shuffle(&mut rng, from_authored).0.to_vec();
            picked.extend_from_slice(basic.partial_shuffle(&mut rng, n - from_authored).0);
            // The fill-in questions are not all at the end.
            picked.shuffle(&mut rng);
            picked
        }
    };
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
            let mut options = distractors(back, &card.tags, backs, rng);
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
/// normalising), never repeated, always of its shape, drawn from the ones most like it.
fn distractors(answer: &str, tags: &[String], backs: &Backs, rng: &mut impl Rng) -> Vec<String> {
    let mut near: Vec<(f32, &str)> = backs
        .others(answer, tags)
        .map(|t| (unlikeness(answer, t), t))
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    near.truncate(NEAREST.max(DISTRACTORS));
    let (picked, _) = near.partial_shuffle(rng, DISTRACTORS);
    picked.iter().map(|(_, t)| t.to_string()).collect()
}

/// How unlike an answer a candidate of its shape looks: the length ratio on a log scale.
fn unlikeness(answer: &str, candidate: &str) -> f32 {
    length_ratio(answer, candidate).ln()
}
