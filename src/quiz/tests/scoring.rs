//! Taking and scoring a quiz: single and choose-two answers, typed answers, sections and the
//! pass mark, the timer, practice mode, flags and the retake of missed questions.

use super::support::*;

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
