//! Building a quiz: the same seed gives the same quiz, options shuffle, distractors are
//! other backs of similar length, and the count is capped by what the decks have.

use super::support::*;

#[test]
fn the_same_seed_gives_the_same_questions_and_option_order() {
    let decks = builtin();
    let a = build(&decks, &spec(65, 42));
    let b = build(&decks, &spec(65, 42));
    assert_eq!(a.len(), 65);
    assert_eq!(a, b);
    let c = build(&decks, &spec(65, 43));
    assert_ne!(
        a.iter().map(|q| &q.card).collect::<Vec<_>>(),
        c.iter().map(|q| &q.card).collect::<Vec<_>>(),
        "another seed draws another quiz"
    );
    // Every card at most once.
    let mut ids: Vec<&str> = a.iter().map(|q| q.card.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 65);
}

#[test]
fn options_are_shuffled_and_the_right_answer_follows() {
    let decks = builtin();
    let mut moved = 0;
    for seed in 0..20 {
        for q in build(&decks, &spec(65, seed)) {
            let (deck_id, card_id) = q.card.split_once('/').expect("global id");
            let d = decks.iter().find(|d| d.id == deck_id).expect("deck");
            let card = d.cards.iter().find(|c| c.id == card_id).expect("card");
            match (&card.content, &q.kind) {
                (
                    CardContent::Choice {
                        choices, answer, ..
                    },
                    QuestionKind::Choice { options, correct },
                ) => {
                    let mut sorted = options.clone();
                    sorted.sort();
                    let mut orig = choices.clone();
                    orig.sort();
                    assert_eq!(sorted, orig, "same options, reordered");
                    let right: Vec<&String> = correct.iter().map(|&i| &options[i]).collect();
                    let want: Vec<&String> = answer.iter().map(|&i| &choices[i]).collect();
                    assert_eq!(right.len(), want.len());
                    assert!(right.iter().all(|r| want.contains(r)));
                    moved += usize::from(options != choices);
                }
                (CardContent::Cloze { text }, QuestionKind::Typed { answers }) => {
                    assert_eq!(*answers, crate::deck::cloze_gaps(text));
                    assert!(q.prompt.contains("[...]"));
                }
                (CardContent::Basic { back, .. }, QuestionKind::Choice { options, correct }) => {
                    assert_eq!(correct.len(), 1);
                    assert_eq!(&options[correct[0]], back);
                }
                other => panic!("unexpected question for {}: {other:?}", q.card),
            }
        }
    }
    assert!(moved > 100, "options are shuffled ({moved} moved)");
}

#[test]
fn distractors_are_other_backs_never_the_answer_never_repeated() {
    let decks = builtin();
    let mut basic = 0;
    for seed in 0..30 {
        for q in build(&decks, &spec(65, seed)) {
            let (deck_id, card_id) = q.card.split_once('/').expect("global id");
            let d = decks.iter().find(|d| d.id == deck_id).expect("deck");
            let card = d.cards.iter().find(|c| c.id == card_id).expect("card");
            let CardContent::Basic { back, .. } = &card.content else {
                continue;
            };
            basic += 1;
            let QuestionKind::Choice { options, correct } = &q.kind else {
                panic!("basic cards become choice questions");
            };
            assert_eq!(options.len(), 4);
            let mut norm: Vec<String> = options.iter().map(|o| normalise(o)).collect();
            norm.sort();
            norm.dedup();
            assert_eq!(norm.len(), 4, "no duplicates: {options:?}");
            for (i, o) in options.iter().enumerate() {
                if i == correct[0] {
                    continue;
                }
                assert_ne!(normalise(o), normalise(back));
                let from_same_deck = d.cards.iter().any(|c| {
                    c.id != card.id
                        && matches!(&c.content, CardContent::Basic { back: b, .. } if b == o)
                });
                assert!(from_same_deck, "{o:?} is another card's back in {deck_id}");
            }
        }
    }
    assert!(basic > 500, "{basic} basic questions checked");
}

#[test]
fn distractors_prefer_similar_length_and_skip_equal_answers() {
    let mut src = "[deck]\nid = \"d\"\ntitle = \"D\"\n".to_string();
    let card = |id: &str, back: &str| {
        format!("[[cards]]\nid = \"{id}\"\nfront = \"q {id}\"\nback = \"{back}\"\n")
    };
    src.push_str(&card("q", "Yes, always"));
    // The same answer written differently: never a distractor.
    src.push_str(&card("same", "yes -- ALWAYS!"));
    for (i, b) in [
        "No, never",
        "Yes, sometimes",
        "No, rarely",
        "Yes, usually",
        "Yes, on Mondays",
        "No, not today",
    ]
    .iter()
    .enumerate()
    {
        src.push_str(&card(&format!("short{i}"), b));
    }
    for i in 0..10 {
        src.push_str(&card(
            &format!("long{i}"),
            &format!("A much longer answer number {i} that explains a great deal about nothing in particular"),
        ));
    }
    let decks = vec![deck(&src)];
    for seed in 0..50 {
        let qs = build(&decks, &spec(100, seed));
        let q = qs.iter().find(|q| q.card == "d/q").expect("asked");
        let QuestionKind::Choice { options, correct } = &q.kind else {
            panic!("choice");
        };
        assert_eq!(options[correct[0]], "Yes, always");
        for (i, o) in options.iter().enumerate() {
            if i != correct[0] {
                assert!(!o.starts_with("A much longer"), "seed {seed}: {options:?}");
                assert_ne!(o, "yes -- ALWAYS!");
            }
        }
    }
}

#[test]
fn a_basic_card_without_enough_other_backs_is_not_asked() {
    let d = deck(
        "[deck]\nid = \"d\"\ntitle = \"D\"\n\
         [[cards]]\nid = \"a\"\nfront = \"A\"\nback = \"x\"\n\
         [[cards]]\nid = \"b\"\nfront = \"B\"\nback = \"y\"\n\
         [[cards]]\nid = \"c\"\nfront = \"C\"\nback = \"Y!\"\n\
         [[cards]]\nid = \"e\"\nfront = \"E\"\nback = \"z\"\n\
         [[cards]]\nid = \"g\"\nkind = \"cloze\"\ntext = \"{{gap}}\"\n",
    );
    // Distinct backs: x, y, z. Each basic card has only 2 others: not enough for 3 distractors.
    assert_eq!(available(std::slice::from_ref(&d), &[]), 1);
    let qs = build(&[d], &spec(10, 3));
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0].card, "d/g");
}

#[test]
fn count_is_capped_by_what_the_decks_have_and_decks_filter() {
    let decks = builtin();
    let total = available(&decks, &[]);
    let cards: usize = decks.iter().map(|d| d.cards.len()).sum();
    assert!(total > 200 && total <= cards, "{total} of {cards}");
    assert_eq!(build(&decks, &spec(10_000, 1)).len(), total);
    let only = QuizSpec {
        decks: vec![2],
        count: 65,
        seed: 9,
    };
    let qs = build(&decks, &only);
    assert_eq!(qs.len(), available(&decks, &[2]));
    assert!(qs.iter().all(|q| q.section == decks[2].id));
}
