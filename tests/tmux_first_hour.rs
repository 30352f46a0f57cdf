//! Issue 23's first hour on the real binary in a real terminal (tmux): a fresh home shows the
//! welcome, `x` sets the exam date in words (config.toml then holds it), Home shows the
//! countdown and the plan, a hand edit of config.toml is picked up on Home, and the rating
//! row shows words and readable units at 80 and at 40 columns, and the line on learning
//! steps is for the first session only.

#[path = "support/tmux.rs"]
mod tmux;
#[path = "support/tools.rs"]
mod tools;

use tmux::Tmux;

#[test]
fn fresh_home_welcome_exam_date_plan_and_rating_row_at_80_and_40_columns() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("first-hour") else {
        return;
    };
    let cmd = format!(
        "RECALL_HOME={} RECALL_NOW=2026-11-30T10:00:00Z NO_COLOR=1 {}",
        home.path().display(),
        env!("CARGO_BIN_EXE_recall")
    );
    t.line(&cmd);
    let words = [
        "Welcome to recall",
        "Press enter to learn today's new cards, then come back tomorrow.",
        "New   cards not seen yet",
        "x: set your exam date",
    ];
    // All of them at once: a capture can catch the first frame half drawn.
    let screen = t.wait_for("the welcome", |s| words.iter().all(|w| s.contains(w)));
    for words in words {
        assert!(screen.contains(words), "{words}:\n{screen}");
    }

    // x, then the date in words.
    t.keys(&["x"]);
    t.wait_text("empty or none clears it");
    t.line("someday");
    t.wait_text("\"someday\" is not a date");
    t.keys(&["C-u"]);
    t.line("in 3 weeks");
    let screen = t.wait_text("Exam date set: 2026-12-21 (in 21 days)");
    assert!(screen.contains("Exam in 21 days · today: "), "{screen}");
    assert!(screen.contains(" new ≈ "), "{screen}");
    let config = std::fs::read_to_string(home.path().join("config.toml")).expect("config");
    assert!(config.contains("exam_date = 2026-12-21"), "{config}");

    // config.toml edited by hand while recall runs: in force when Home is shown again.
    std::fs::write(
        home.path().join("config.toml"),
        format!("{config}new_per_day = \"exam\"\n"),
    )
    .expect("edit");
    t.keys(&["s"]);
    t.wait_text("2026-12-21, in 21 days");
    t.keys(&["q"]);
    let screen = t.wait_text("config.toml changed: the new settings are in force.");
    assert!(
        screen.contains("New cards follow the exam: ") && screen.contains(", the last one on "),
        "{screen}"
    );
    assert!(screen.contains("Exam in 21 days"), "{screen}");

    // Study: the rating row in words at 80 columns.
    t.resize(80, 30);
    assert_eq!(t.display("#{window_width}"), "80");
    t.keys(&["Enter"]);
    t.wait_text("show answer");
    t.keys(&["Space"]);
    let screen = t.wait_text("1 Again");
    for words in [
        "1 Again  1 min",
        "2 Hard  6 min",
        "3 Good  10 min",
        "4 Easy  ",
        "forgot",
        "with effort",
        "too easy",
        "Why minutes?",
        "0 answered ·",
    ] {
        assert!(screen.contains(words), "{words}:\n{screen}");
    }
    assert!(
        !screen.contains("10m ") && !screen.contains("1m "),
        "{screen}"
    );

    // At 40 columns: two by two, the units still in words.
    t.resize(40, 30);
    assert_eq!(t.display("#{window_width}"), "40");
    let screen = t.wait_for("the rating row at 40 columns", |s| {
        s.lines().any(|l| l.starts_with(" 3 Good  10 min"))
    });
    assert!(
        screen.contains(" 1 Again  1 min     2 Hard  6 min"),
        "{screen}"
    );
    assert!(
        screen.contains("4 Easy  ") && screen.contains(" days"),
        "{screen}"
    );
    assert!(screen.lines().all(|l| l.chars().count() <= 40), "{screen}");

    t.keys(&["3"]);
    t.wait_text("1 answered");
    t.keys(&["q"]);
    t.wait_text("Answers");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));

    // The next run: the log holds an answer, so the learning-step line has been seen and a
    // new card's minutes come without it.
    t.line("clear");
    t.line(&cmd);
    t.wait_text("All decks");
    t.keys(&["Enter"]);
    t.wait_text("show answer");
    t.keys(&["Space"]);
    let screen = t.wait_text("1 Again");
    assert!(screen.contains(" min"), "{screen}");
    assert!(
        !screen.contains("Why minutes?") && !screen.contains("Minutes: short steps"),
        "{screen}"
    );
    // Nothing answered in this session: `q` goes straight back to Home.
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
}
