//! Exam realism: exam mode asks the authored choice questions first and never a typed one;
//! a basic card's wrong options have the shape of its answer; a cloze gap's listed
//! alternatives are each accepted (practice mode).

use super::support::*;
use crate::quiz::shape::{kind, length_ratio, Kind};

fn card_of<'a>(decks: &'a [Deck], q: &Question) -> &'a crate::deck::Card {
    let (deck_id, card_id) = q.card.split_once('/').expect("global id");
    let d = decks.iter().find(|d| d.id == deck_id).expect("deck");
    d.cards.iter().find(|c| c.id == card_id).expect("card")
}

#[test]
fn exam_mode_asks_choice_questions_first_and_never_typed_ones() {
    let decks = builtin();
    let authored: usize = decks
        .iter()
        .flat_map(|d| &d.cards)
        .filter(|c| !c.archived && matches!(c.content, CardContent::Choice { .. }))
        .count();
    assert!(
        authored >= 65,
        "the built-in decks have {authored} choice cards"
    );
    for seed in 0..40 {
        let qs = build(&decks, &exam_spec(Vec::new(), 65, seed));
        assert_eq!(qs.len(), 65);
        for q in &qs {
            assert!(
                matches!(card_of(&decks, q).content, CardContent::Choice { .. }),
                "seed {seed}: {} is not an authored choice question though there are enough",
                q.card
            );
        }
    }
    // One deck has too few choice cards for 20 questions: all of them, then basic cards.
    for (d, deck) in decks.iter().enumerate() {
        let choice = deck
            .cards
            .iter()
            .filter(|c| !c.archived && matches!(c.content, CardContent::Choice { .. }))
            .count();
        for seed in 0..10 {
            let qs = build(&decks, &exam_spec(vec![d], 20, seed));
            let asked_choice = qs
                .iter()
                .filter(|q| matches!(card_of(&decks, q).content, CardContent::Choice { .. }))
                .count();
            assert_eq!(
                asked_choice,
                choice.min(20),
                "{}: every choice card first",
                deck.id
            );
            assert!(
                qs.iter()
                    .all(|q| matches!(q.kind, QuestionKind::Choice { .. })),
                "{}: no typed question in exam mode",
                deck.id
            );
        }
        assert!(
            available(&decks, &[d], QuizMode::Exam) < available(&decks, &[d], QuizMode::Practice)
                || !deck
                    .cards
                    .iter()
                    .any(|c| matches!(c.content, CardContent::Cloze { .. })),
            "{}: cloze cards count only in practice mode",
            deck.id
        );
    }
}

#[test]
fn practice_mode_still_asks_typed_questions() {
    let decks = builtin();
    let qs = build(&decks, &spec(500, 3));
    assert!(qs
        .iter()
        .any(|q| matches!(q.kind, QuestionKind::Typed { .. })));
}

/// The first word, lowercased, without punctuation: "no" for "No, only one type at a time.".
fn first_word(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

#[test]
fn wrong_options_of_a_basic_card_have_the_shape_of_its_answer() {
    let decks = builtin();
    let mut checked = 0;
    let mut specs: Vec<QuizSpec> = Vec::new();
    for seed in 0..150 {
        specs.push(spec(300, seed));
        specs.push(exam_spec(vec![seed as usize % decks.len()], 60, seed));
    }
    for s in &specs {
        for q in build(&decks, s) {
            let CardContent::Basic { back, .. } = &card_of(&decks, &q).content else {
                continue;
            };
            let QuestionKind::Choice { options, correct } = &q.kind else {
                panic!("a basic card is a choice question");
            };
            assert_eq!(options.len(), 4);
            let yes_no = |t: &str| matches!(first_word(t).as_str(), "yes" | "no");
            let number = |t: &str| first_word(t).starts_with(|c: char| c.is_ascii_digit());
            for (i, o) in options.iter().enumerate() {
                if i == correct[0] {
                    continue;
                }
                checked += 1;
                let why = format!("seed {}: {back:?} beside {o:?}", s.seed);
                assert_eq!(yes_no(back), yes_no(o), "yes/no: {why}");
                assert_eq!(number(back), number(o), "number: {why}");
                assert_eq!(kind(back), kind(o), "kind: {why}");
                assert!(length_ratio(back, o) <= 3.0, "length: {why}");
            }
        }
    }
    assert!(checked > 3000, "{checked} wrong options checked");
}

#[test]
fn the_json_answer_is_never_a_wrong_option_of_a_yes_no_question() {
    let decks = builtin();
    let security = decks
        .iter()
        .position(|d| d.id == "s3-security")
        .expect("deck");
    let mut yes_no_questions = 0;
    for seed in 0..300 {
        for q in build(&decks, &exam_spec(vec![security], 38, seed)) {
            let QuestionKind::Choice { options, correct } = &q.kind else {
                continue;
            };
            if kind(&options[correct[0]]) != Kind::YesNo {
                continue;
            }
            yes_no_questions += 1;
            assert!(
                options.iter().all(|o| kind(o) == Kind::YesNo),
                "seed {seed}: {options:?}"
            );
            assert!(!options.iter().any(|o| o.starts_with("JSON.")));
        }
    }
    assert!(yes_no_questions > 0, "the deck has yes/no questions");
}

#[test]
fn a_gap_listing_alternatives_accepts_each_one_and_the_whole() {
    let d = deck(
        "[deck]\nid = \"d\"\ntitle = \"D\"\n\
         [[cards]]\nid = \"or\"\nkind = \"cloze\"\ntext = \"Latency in {{seconds or milliseconds}}.\"\n\
         [[cards]]\nid = \"slash\"\nkind = \"cloze\"\ntext = \"{{SSE-S3 / SSE-KMS}} then {{HTTPS}}.\"\n\
         [[cards]]\nid = \"word\"\nkind = \"cloze\"\ntext = \"{{TCP/IP}} and {{Oracle}}.\"\n",
    );
    let qs = build(&[d], &spec(10, 1));
    let q = |id: &str| qs.iter().find(|q| q.card == id).expect("asked");
    let right = |id: &str, t: &str| q(id).is_right(&Response::Typed(t.into()));
    for ok in ["seconds", "Milliseconds", "seconds or milliseconds"] {
        assert!(right("d/or", ok), "{ok:?}");
    }
    assert!(!right("d/or", "minutes"));
    assert!(!right("d/or", "or"), "the separator alone is not an answer");
    for ok in ["sse-s3, https", "SSE-KMS HTTPS", "SSE-S3 / SSE-KMS; HTTPS"] {
        assert!(right("d/slash", ok), "{ok:?}");
    }
    assert!(!right("d/slash", "SSE-KMS"), "every gap still needed");
    assert!(!right("d/slash", "HTTPS SSE-S3"), "gaps in order");
    // A slash without spaces is part of a word; "or" inside a word is no separator.
    assert!(right("d/word", "TCP/IP, Oracle"));
    assert!(!right("d/word", "TCP Oracle"));
    assert!(!right("d/word", "TCP/IP Acle"));
    assert_eq!(gap_alternatives("A / B or C"), ["aborc", "a", "b", "c"]);
}
