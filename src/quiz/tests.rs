//! Quiz building, checking, scoring, timing, the quiz log and `quiz-miss` replay.

use super::*;
use crate::deck::{builtin_decks, parse_deck, Deck, DeckSource};
use crate::schedule::{Phase, SchedulerConfig};
use crate::store::log::{format_line, parse_log};
use crate::store::{LoadedLog, ReviewLog};
use crate::study::{Limits, Queue, Scope};

/// 2026-11-23 10:00 UTC.
const T0: Millis = 1_795_428_000_000;
const MIN: Millis = 60_000;

fn deck(src: &str) -> Deck {
    parse_deck(src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid deck")
}

fn builtin() -> Vec<Deck> {
    builtin_decks().expect("built-in decks parse")
}

fn spec(count: usize, seed: u64) -> QuizSpec {
    QuizSpec {
        decks: Vec::new(),
        count,
        seed,
    }
}

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig {
        fuzz: false,
        ..Default::default()
    })
    .expect("defaults")
}

const SMALL: &str = r#"
[deck]
id = "d"
title = "Small"

[[cards]]
id = "one"
kind = "choice"
front = "Pick B"
choices = ["a", "b", "c", "d"]
answer = 1

[[cards]]
id = "two"
kind = "choice"
front = "Choose two: B and D"
choices = ["a", "b", "c", "d", "e"]
answer = [1, 3]

[[cards]]
id = "gap"
kind = "cloze"
text = "SSE-C needs {{HTTPS}}."

[[cards]]
id = "gaps"
kind = "cloze"
text = "{{One Zone-IA}} keeps data in {{1 AZ}}."
"#;

fn small_quiz(mode: QuizMode) -> Quiz {
    let decks = vec![deck(SMALL)];
    let qs = build(&decks, &spec(10, 1));
    assert_eq!(qs.len(), 4);
    Quiz::start(qs, mode, 1, T0, 4 * 120_000, 0.75)
}

fn index_of(quiz: &Quiz, card: &str) -> usize {
    quiz.questions
        .iter()
        .position(|q| q.card == card)
        .expect("question present")
}

fn option(q: &Question, text: &str) -> usize {
    match &q.kind {
        QuestionKind::Choice { options, .. } => options
            .iter()
            .position(|o| o == text)
            .expect("option present"),
        QuestionKind::Typed { .. } => panic!("not a choice question"),
    }
}

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

use crate::deck::CardContent;

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

#[test]
fn single_answer_scoring() {
    let mut quiz = small_quiz(QuizMode::Exam);
    let i = index_of(&quiz, "d/one");
    let b = option(&quiz.questions[i], "b");
    let a = option(&quiz.questions[i], "a");
    quiz.toggle_option(i, a);
    assert!(!quiz.submit(T0).outcomes[i].right);
    quiz.toggle_option(i, b);
    assert_eq!(quiz.answers[i], Some(Response::Choice(vec![b])), "switches");
    assert!(quiz.submit(T0).outcomes[i].right);
}

#[test]
fn choose_two_needs_exactly_both() {
    let mut quiz = small_quiz(QuizMode::Exam);
    let i = index_of(&quiz, "d/two");
    let q = quiz.questions[i].clone();
    assert_eq!(q.picks(), 2);
    let (b, d, e) = (option(&q, "b"), option(&q, "d"), option(&q, "e"));
    quiz.toggle_option(i, b);
    assert!(!quiz.is_complete(i), "one of two is not an answer yet");
    assert!(!quiz.submit(T0).outcomes[i].right);
    quiz.toggle_option(i, e);
    assert!(quiz.is_complete(i));
    assert!(!quiz.submit(T0).outcomes[i].right, "one right, one wrong");
    quiz.toggle_option(i, d);
    assert!(
        matches!(&quiz.answers[i], Some(Response::Choice(v)) if v.len() == 2),
        "a third pick is refused"
    );
    quiz.toggle_option(i, e);
    quiz.toggle_option(i, d);
    assert!(quiz.submit(T0).outcomes[i].right);
    assert!(
        q.is_right(&Response::Choice(vec![d, b])),
        "order does not matter"
    );
    assert!(!q.is_right(&Response::Choice(vec![b, d, e])));
}

#[test]
fn typed_answers_ignore_case_spaces_and_punctuation() {
    let quiz = small_quiz(QuizMode::Exam);
    let one = &quiz.questions[index_of(&quiz, "d/gap")];
    for ok in ["HTTPS", "https", " h t t p s. ", "Https!"] {
        assert!(one.is_right(&Response::Typed(ok.into())), "{ok:?}");
    }
    for bad in ["http", "", "...", "TLS"] {
        assert!(!one.is_right(&Response::Typed(bad.into())), "{bad:?}");
    }
    let two = &quiz.questions[index_of(&quiz, "d/gaps")];
    assert!(two.is_right(&Response::Typed("one zone ia; 1 az".into())));
    assert!(two.is_right(&Response::Typed("One Zone-IA, 1 AZ".into())));
    assert!(
        !two.is_right(&Response::Typed("1 AZ; One Zone-IA".into())),
        "gaps in order"
    );
    assert!(
        !two.is_right(&Response::Typed("One Zone-IA".into())),
        "every gap"
    );
    assert_eq!(normalise("Zone-IA, 99.5%!"), "zoneia995");
}

#[test]
fn score_sections_and_pass_mark() {
    let a = deck(SMALL);
    let b = deck(
        &SMALL
            .replace("id = \"d\"", "id = \"e\"")
            .replace("Small", "Other"),
    );
    let qs = build(&[a, b], &spec(8, 5));
    let mut quiz = Quiz::start(qs, QuizMode::Exam, 5, T0, 8 * 120_000, 0.75);
    // Answer the choice questions of deck d right, everything else unanswered.
    for i in 0..quiz.questions.len() {
        let q = quiz.questions[i].clone();
        if q.section == "d" {
            match &q.kind {
                QuestionKind::Choice { correct, .. } => {
                    quiz.answer(i, Response::Choice(correct.clone()))
                }
                QuestionKind::Typed { answers } => {
                    quiz.answer(i, Response::Typed(answers.join(" ")))
                }
            }
        }
    }
    let r = quiz.submit(T0 + 10 * MIN);
    assert_eq!((r.right, r.total), (4, 8));
    assert!(!r.passed);
    let by: Vec<(&str, usize, usize)> = r
        .sections
        .iter()
        .map(|s| (s.section.as_str(), s.right, s.total))
        .collect();
    assert_eq!(by.len(), 2);
    assert!(
        by.contains(&("d", 4, 4)) && by.contains(&("e", 0, 4)),
        "{by:?}"
    );
    assert_eq!(
        r.sections
            .iter()
            .find(|s| s.section == "e")
            .map(|s| s.title.as_str()),
        Some("Other")
    );
    assert_eq!(r.mistakes().len(), 4);
    assert!(r.outcomes.iter().filter(|o| !o.answered).count() == 4);

    // 6 of 8 = 75%: exactly the pass mark passes.
    let mut done = 0;
    for i in 0..quiz.questions.len() {
        if quiz.questions[i].section == "e" && done < 2 {
            if let QuestionKind::Choice { correct, .. } = quiz.questions[i].kind.clone() {
                quiz.answer(i, Response::Choice(correct));
                done += 1;
            }
        }
    }
    let r = quiz.submit(T0 + 10 * MIN);
    assert_eq!(r.right, 6);
    assert!(r.passed);
    assert!((r.score() - 0.75).abs() < 1e-9);
}

#[test]
fn the_timer_runs_out_through_an_injected_clock() {
    let decks = builtin();
    let qs = build(&decks, &spec(5, 7));
    let allowed = Quiz::allowed_ms(qs.len(), 120, None);
    assert_eq!(allowed, 10 * MIN);
    assert_eq!(Quiz::allowed_ms(65, 120, Some(90)), 90 * MIN);
    let quiz = Quiz::start(qs.clone(), QuizMode::Exam, 7, T0, allowed, 0.75);
    assert_eq!(quiz.deadline, Some(T0 + 10 * MIN));
    assert_eq!(quiz.remaining(T0 + 4 * MIN), Some(6 * MIN));
    assert!(!quiz.expired(T0 + 10 * MIN - 1));
    assert!(quiz.expired(T0 + 10 * MIN));
    assert_eq!(quiz.remaining(T0 + 11 * MIN), Some(0));
    let r = quiz.submit(T0 + 10 * MIN + 900);
    assert!(r.timed_out);
    assert_eq!(r.used_ms, 10 * MIN, "time used stops at the deadline");
    assert_eq!(r.allowed_ms, Some(10 * MIN));
    let early = quiz.submit(T0 + 3 * MIN);
    assert!(!early.timed_out);
    assert_eq!(early.used_ms, 3 * MIN);

    let practice = Quiz::start(qs, QuizMode::Practice, 7, T0, allowed, 0.75);
    assert_eq!(practice.deadline, None);
    assert!(!practice.expired(T0 + 1000 * MIN));
    assert!(!practice.submit(T0 + 1000 * MIN).timed_out);
}

#[test]
fn practice_mode_keeps_the_first_complete_answer() {
    let mut quiz = small_quiz(QuizMode::Practice);
    let i = index_of(&quiz, "d/one");
    quiz.toggle_option(i, 0);
    assert!(quiz.is_locked(i));
    quiz.toggle_option(i, 1);
    assert_eq!(quiz.answers[i], Some(Response::Choice(vec![0])));
    let t = index_of(&quiz, "d/gap");
    quiz.answer(t, Response::Typed("   ".into()));
    assert!(!quiz.is_complete(t), "blank is no answer");
}

#[test]
fn flags_unanswered_and_retake_of_the_missed_only() {
    let mut quiz = small_quiz(QuizMode::Exam);
    quiz.toggle_flag(2);
    quiz.toggle_flag(3);
    quiz.toggle_flag(3);
    assert_eq!(quiz.flagged_list(), [2]);
    let one = index_of(&quiz, "d/one");
    let b = option(&quiz.questions[one], "b");
    quiz.toggle_option(one, b);
    let mut un = quiz.unanswered();
    un.sort_unstable();
    assert_eq!(un.len(), 3);
    assert!(!un.contains(&one));
    let r = quiz.submit(T0 + MIN);
    let again = quiz.retake_missed(&r, T0 + 2 * MIN, 3 * 120_000);
    assert!(again.retake);
    assert_eq!(again.questions.len(), 3);
    assert!(again.questions.iter().all(|q| q.card != "d/one"));
    assert!(again.answers.iter().all(Option::is_none));
    assert_eq!(again.deadline, Some(T0 + 2 * MIN + 3 * 120_000));
    let mut missed = quiz.missed_cards(&r);
    missed.sort();
    assert_eq!(missed, ["d/gap", "d/gaps", "d/two"]);
}

#[test]
fn attempt_record_and_history() {
    let mut quiz = small_quiz(QuizMode::Exam);
    quiz.toggle_flag(0);
    let one = index_of(&quiz, "d/one");
    let b = option(&quiz.questions[one], "b");
    quiz.toggle_option(one, b);
    let r = quiz.submit(T0 + 95_000);
    let a = Attempt::new(&quiz, &r);
    assert_eq!(a.at, "2026-11-23T10:01:35.000Z");
    assert_eq!(
        (a.right, a.questions, a.score, a.passed),
        (1, 4, 0.25, false)
    );
    assert_eq!(a.pass_mark, 0.75);
    assert_eq!(a.seconds_used, 95);
    assert_eq!(a.seconds_allowed, Some(480));
    assert_eq!(
        a.sections,
        [AttemptSection {
            deck: "d".into(),
            right: 1,
            total: 4
        }]
    );
    assert_eq!(a.missed.len(), 3);
    assert_eq!(a.flagged, [quiz.questions[0].card.clone()]);
    let line = a.to_line();
    assert!(line.ends_with("}\n") && line.matches('\n').count() == 1);
    let back: Attempt = serde_json::from_str(&line).expect("reads back");
    assert_eq!(back, a);

    let mut better = a.clone();
    better.right = 4;
    better.score = 1.0;
    better.passed = true;
    let mut retake = a.clone();
    retake.retake = true;
    retake.score = 0.5;
    let all = [a, retake, better];
    assert_eq!(trend(&all), [25, 100], "retakes are not part of the trend");
    let text = history_text(&all, 3600);
    assert!(text.contains("  1. 2026-11-23 11:01  exam"), "{text}");
    assert!(text.contains("exam retake"), "{text}");
    assert!(text.contains("  1/4    25%  FAIL  1m 35s"), "{text}");
    assert!(text.contains("d 1/4 25%"), "{text}");
    assert!(
        text.contains("Trend: 25% → 100%  (+75 points over 2 attempts)"),
        "{text}"
    );
    assert!(history_text(&[], 0).starts_with("No quiz attempts yet"));

    // A hand-edited file: control sequences are shown inert, huge numbers do not overflow.
    let mut odd = all[0].clone();
    odd.at = "\x1b[2Jnot a time".into();
    odd.mode = "exam\x1b]0;title\x07".into();
    odd.sections[0].deck = "d\x1b[31m".into();
    odd.sections[0].right = usize::MAX;
    let text = history_text(&[odd], 0);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("not a time"), "{text}");
}

#[test]
fn the_quiz_log_appends_durably_and_reads_back_past_damage() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("quizzes.jsonl");
    let quiz = small_quiz(QuizMode::Exam);
    let a = Attempt::new(&quiz, &quiz.submit(T0 + MIN));
    let mut log = QuizLog::open_append(&path).expect("opens");
    log.append_attempt(&a).expect("appends");
    drop(log);
    // A crash mid-write leaves a torn line; the next attempt starts on a fresh line.
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str("{\"v\":1,\"at\":\"2026");
    std::fs::write(&path, &text).expect("write");
    let loaded = QuizLog::load(&path).expect("loads");
    assert_eq!(loaded.attempts, std::slice::from_ref(&a));
    assert_eq!(loaded.warnings.len(), 1);
    assert!(loaded.warnings[0]
        .to_string()
        .starts_with("quizzes.jsonl:2: incomplete last line"));
    let mut log = QuizLog::open_append(&path).expect("opens");
    log.append_attempt(&a).expect("appends");
    let loaded = QuizLog::load(&path).expect("loads");
    assert_eq!(loaded.attempts.len(), 2);
    assert_eq!(
        loaded.warnings.len(),
        1,
        "the torn line is reported, never deleted"
    );
    assert!(loaded.warnings[0]
        .to_string()
        .contains("quizzes.jsonl:2: corrupt line skipped"));
    assert!(std::fs::read_to_string(&path)
        .expect("read")
        .starts_with(&text));
    assert!(QuizLog::load(&dir.path().join("none.jsonl"))
        .expect("missing is empty")
        .attempts
        .is_empty());
}

/// Records events as log lines, so the replay can be compared with the in-memory update.
#[derive(Default)]
struct Lines(String);

impl EventSink for Lines {
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<(), StoreError> {
        format_line(&mut self.0, at, card, kind);
        Ok(())
    }
}

struct Failing;

impl EventSink for Failing {
    fn append(&mut self, _: Millis, _: &str, _: EventKind) -> Result<(), StoreError> {
        Err(StoreError::Config {
            file: "reviews.jsonl".into(),
            message: "disk full".into(),
        })
    }
}

#[test]
fn a_missed_card_is_due_next_session_and_the_replay_agrees() {
    let s = scheduler();
    let decks = vec![deck(SMALL)];
    // "one" graduated to review days ago; "gap" is new; "two" is left alone.
    let day = 86_400_000;
    let mut history = String::new();
    format_line(
        &mut history,
        T0 - 2 * day,
        "d/one",
        EventKind::Review { rating: 4, ms: 0 },
    );
    let log = parse_log(history.as_bytes(), "reviews.jsonl");
    let mut col = Collection::replay(decks.clone(), &log, &s, T0);
    let one = col.find("d/one").expect("card");
    assert_eq!(col.cards[one].state.phase, Phase::Review);
    assert!(
        col.cards[one].state.due > T0 + day,
        "not due before the quiz"
    );
    let lapses = col.cards[one].state.lapses;

    let mut sink = Lines::default();
    let missed = [
        "d/one".to_string(),
        "d/gone".to_string(),
        "d/gap".to_string(),
    ];
    let (done, res) = log_misses(&mut col, &mut sink, &s, &missed, T0);
    res.expect("in memory");
    assert_eq!(done, 3);
    assert_eq!(
        sink.0.matches("\"event\":\"quiz-miss\"").count(),
        2,
        "the gone card is skipped"
    );
    assert_eq!(col.cards[one].state.phase, Phase::Relearning);
    assert_eq!(col.cards[one].state.lapses, lapses + 1, "a lapse");
    let gap = col.find("d/gap").expect("card");
    assert_eq!(col.cards[gap].state.phase, Phase::Learning);

    // Replaying the log with the new events gives the same state.
    let full = format!("{history}{}", sink.0);
    let relog = parse_log(full.as_bytes(), "reviews.jsonl");
    assert!(relog.warnings.is_empty(), "{:?}", relog.warnings);
    let replayed = Collection::replay(decks, &relog, &s, T0 + MIN);
    for c in ["d/one", "d/gap", "d/two"] {
        let (a, b) = (col.find(c).expect("c"), replayed.find(c).expect("c"));
        assert_eq!(col.cards[a].state, replayed.cards[b].state, "{c}");
    }
    // Both missed cards are in the next session's queue, ahead of anything new; the misses
    // did not use up the day's new-card allowance.
    let q = Queue::build(&replayed, Scope::All, Limits::default(), &s, T0 + 30 * MIN);
    assert!(
        q.learning.contains(&one) && q.learning.contains(&gap),
        "{q:?}"
    );
    assert_eq!(replayed.counts_in(Scope::All).new, 0);
}

#[test]
fn a_failed_miss_write_stops_and_can_resume() {
    let s = scheduler();
    let mut col = Collection::replay(vec![deck(SMALL)], &LoadedLog::default(), &s, T0);
    let missed = ["d/one".to_string(), "d/gap".to_string()];
    let (done, res) = log_misses(&mut col, &mut Failing, &s, &missed, T0);
    assert_eq!(done, 0);
    assert!(res.is_err());
    let one = col.find("d/one").expect("card");
    assert_eq!(col.cards[one].state.phase, Phase::New, "nothing applied");
    let (done, res) = log_misses(&mut col, &mut Lines::default(), &s, &missed[done..], T0);
    assert!(res.is_ok());
    assert_eq!(done, 2);
}

#[test]
fn quiz_miss_lines_round_trip_through_the_log() {
    let mut l = String::new();
    format_line(&mut l, T0, "d/one", EventKind::QuizMiss);
    assert_eq!(
        l,
        "{\"v\":1,\"at\":\"2026-11-23T10:00:00.000Z\",\"card\":\"d/one\",\"event\":\"quiz-miss\"}\n"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("reviews.jsonl");
    let mut w = ReviewLog::open_append(&path).expect("opens");
    w.append(T0, "d/one", EventKind::QuizMiss).expect("appends");
    let log = ReviewLog::load(&path).expect("loads");
    assert_eq!(log.events[0].kind, EventKind::QuizMiss);
    let slow = parse_log(
        b"{\"event\":\"quiz-miss\",\"card\":\"d/one\",\"v\":1,\"at\":\"2026-11-23T10:00:00Z\"}\n",
        "r",
    );
    assert_eq!(slow.events[0].kind, EventKind::QuizMiss);
}

#[test]
fn the_quiz_log_must_be_a_regular_file_to_append_to() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("quizzes.jsonl");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo(1)");
    assert!(ok.success());
    let err = QuizLog::open_append(&fifo)
        .err()
        .expect("a FIFO is refused");
    assert!(err.to_string().ends_with("not a regular file"), "{err}");
    let err = QuizLog::open_append(std::path::Path::new("/dev/zero"))
        .err()
        .expect("a device is refused");
    assert!(err.to_string().ends_with("not a regular file"), "{err}");
}
