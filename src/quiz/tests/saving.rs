//! What a quiz leaves behind: the attempt record and history, the quiz log, and `quiz-miss`
//! events that make missed cards due (and replay the same way).

use super::support::*;

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
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        // Numbered like a device's log, so undos name their target.
        let seq = self.0.matches('\n').count() as u32 + 1;
        format_numbered_line(&mut self.0, at, card, kind, seq);
        Ok(seq)
    }
}

struct Failing;

impl EventSink for Failing {
    fn append(&mut self, _: Millis, _: &str, _: EventKind) -> Result<u32, StoreError> {
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
