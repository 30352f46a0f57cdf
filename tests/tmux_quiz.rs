//! The quiz in the real binary in a real terminal (tmux): moving around a 65-question exam.

// This file uses only part of the shared driver.
#[allow(dead_code)]
#[path = "support/tmux.rs"]
mod tmux;
#[path = "support/tools.rs"]
mod tools;

use tmux::Tmux;

#[test]
fn a_quiz_jumps_to_question_40_and_its_answer_shows_in_the_grid() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("quizjump") else {
        return;
    };
    t.line(&format!(
        "RECALL_HOME={} NO_COLOR=1 {} quiz --count=65 --seed=3",
        home.path().display(),
        env!("CARGO_BIN_EXE_recall")
    ));
    let first = t.wait_text("Question 1 of 65");
    assert!(
        first.contains("g/u/F jump"),
        "the footer names the jump keys:\n{first}"
    );
    t.keys(&["g", "4", "0"]);
    t.wait_text("Go to question (1-65): 40");
    t.keys(&["Enter"]);
    t.wait_text("Question 40 of 65");
    t.keys(&["1"]);
    let shown = t.wait_text("answered 1/65");
    assert!(
        shown.contains(" 40●"),
        "question 40 marked answered in the grid:\n{shown}"
    );
    assert!(!shown.contains("  1●"), "and only it:\n{shown}");
    // u goes to the first question still without an answer after it.
    t.keys(&["u"]);
    t.wait_text("Question 41 of 65");
    t.keys(&["q"]);
    t.wait_text("Leave the quiz?");
    t.keys(&["y"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
}
