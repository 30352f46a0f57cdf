//! The real binary in a real terminal (tmux), driven as a person would: keys in, screen out.

#[path = "support/tmux.rs"]
mod tmux;
#[path = "support/tools.rs"]
mod tools;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tmux::Tmux;

fn recall_cmd(home: &Path, extra_env: &str) -> String {
    format!(
        "RECALL_HOME={} NO_COLOR=1 {extra_env} {}",
        home.display(),
        env!("CARGO_BIN_EXE_recall")
    )
}

#[test]
fn study_two_cards_quit_restart_and_the_reviews_persisted() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("persist") else {
        return;
    };
    // A fixed time of day: between 03:40 and 04:00 the cards' 10-minute step ended after the
    // day's 04:00 rollover, so they were no longer today's learning cards on restart.
    let at = "RECALL_NOW=2026-11-23T10:00:00Z";
    t.line(&recall_cmd(home.path(), at));
    t.wait_text("All decks");
    t.keys(&["Enter"]);
    t.wait_text("show answer");
    t.keys(&["Space"]);
    t.wait_text("1 Again");
    t.keys(&["3"]);
    t.wait_for("second card", |s| {
        s.contains("1 answered") && s.contains("show answer")
    });
    t.keys(&["Space"]);
    t.wait_text("1 Again");
    t.keys(&["3"]);
    t.wait_text("2 answered");
    t.keys(&["q"]);
    t.wait_text("Answers   2");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));

    t.line(&recall_cmd(home.path(), at));
    // The first deck: 2 of its 20 new cards for today were studied, and wait in learning.
    let screen = t.wait_text("All decks");
    let first_row = screen
        .lines()
        .find(|l| l.contains("Data characteristics"))
        .expect("the first deck's row");
    let numbers: Vec<u32> = first_row
        .split_whitespace()
        .filter_map(|w| w.trim_matches('│').parse().ok())
        .collect();
    assert_eq!(numbers, [18, 2, 0], "first row: {first_row}\n{screen}");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));

    // The answers went to this device's own log, `logs/<device>.jsonl`, named by `device-id`.
    let device = std::fs::read_to_string(home.path().join("device-id")).expect("device id");
    let own = home.path().join(format!("logs/{}.jsonl", device.trim()));
    let log = std::fs::read_to_string(own).expect("log written");
    assert!(!home.path().join("reviews.jsonl").exists());
    assert_eq!(
        log.lines().filter(|l| l.contains("\"rating\":3")).count(),
        2,
        "{log}"
    );
}

#[test]
fn a_panic_restores_the_terminal() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("panic") else {
        return;
    };
    t.line(&recall_cmd(home.path(), "RECALL_TEST_PANIC_KEY=!"));
    t.wait_text("All decks");
    assert_eq!(
        t.display("#{alternate_on}"),
        "1",
        "the TUI uses the alternate screen"
    );
    t.keys(&["!"]);
    t.wait_text("panic requested by RECALL_TEST_PANIC_KEY");
    assert_eq!(t.display("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(t.display("#{cursor_flag}"), "1", "cursor shown");
    // Cooked mode: typed text echoes and Enter runs the line.
    t.line("echo typed-$((40+2))");
    t.wait_for("the shell to echo and run the line", |s| {
        s.contains("echo typed-$((40+2))") && s.lines().any(|l| l.trim() == "typed-42")
    });
}

/// The pid a running TUI wrote into its lock file (polled until it is there).
fn lock_holder(home: &Path) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = std::fs::read_to_string(home.join("recall.lock")).unwrap_or_default();
        if let Ok(pid) = text.trim().parse() {
            return pid;
        }
        assert!(Instant::now() < deadline, "no pid in recall.lock: {text:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn send_signal(pid: u32, signal: &str) {
    let ok = Command::new("kill")
        .args(["-s", signal, &pid.to_string()])
        .status()
        .expect("kill(1)");
    assert!(ok.success(), "kill -s {signal} {pid}");
}

/// Polls a tmux format (e.g. `#{alternate_on}`) until it has `value`.
fn wait_display(t: &Tmux, format: &str, value: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while t.display(format) != value {
        assert!(
            Instant::now() < deadline,
            "{format} never became {value}; screen:\n{}",
            t.capture()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn recall_ends_when_its_terminal_is_closed() {
    // Closing the window hangs up the terminal: recall must exit, not spin on a dead pty.
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("hangup") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    let pid = lock_holder(home.path());
    t.kill_server();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break; // exited; only its parent shell has not reaped it yet
        }
        if Instant::now() > deadline {
            send_signal(pid, "KILL");
            panic!("recall (pid {pid}) still runs 10 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal_and_exit_128_plus_the_signal() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("reliability-signal") else {
        return;
    };
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        // The lock file keeps the last pid; remove it so we read this run's.
        let _ = std::fs::remove_file(home.path().join("recall.lock"));
        t.line(&recall_cmd(home.path(), ""));
        t.wait_text("All decks");
        wait_display(&t, "#{alternate_on}", "1");
        send_signal(lock_holder(home.path()), signal);
        wait_display(&t, "#{alternate_on}", "0");
        assert_eq!(
            t.display("#{cursor_flag}"),
            "1",
            "cursor shown after {signal}"
        );
        // Cooked mode again: the typed line echoes and runs, and recall's status is 128+n.
        t.line("echo status-$?-$((40+2))");
        let expected = format!("status-{code}-42");
        t.wait_for(
            &format!("the shell to run the line after SIG{signal}"),
            |s| s.contains("echo status-$?-$((40+2))") && s.lines().any(|l| l.trim() == expected),
        );
        t.line("clear");
        t.wait_for("a cleared screen", |s| !s.contains(&expected));
    }
}

#[test]
fn a_lock_left_by_a_killed_recall_is_recovered() {
    if !tools::script() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("reliability-stale") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    let killed = lock_holder(home.path());
    send_signal(killed, "KILL");
    t.wait_for("the shell after kill -9", |s| s.trim_end().ends_with('$'));
    // The lock file is still there with the dead pid; a new recall takes it over.
    let left = std::fs::read_to_string(home.path().join("recall.lock")).expect("lock file left");
    assert_eq!(left, killed.to_string());
    let out = Command::new("script")
        .args([
            "-qec",
            &recall_cmd(home.path(), "RECALL_EXIT_AFTER_FIRST_FRAME=1"),
            "/dev/null",
        ])
        .output()
        .expect("script(1) runs recall in a pseudo-terminal");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let now = std::fs::read_to_string(home.path().join("recall.lock")).expect("lock file");
    assert_ne!(now, killed.to_string(), "the new recall wrote its own pid");
}

/// Commands that only read; each must work while a TUI holds the writer lock.
const READ_ONLY_COMMANDS: &[&[&str]] = &[
    &["cards", "--json"],
    &["decks", "--json"],
    &["stats", "--json"],
    &["quiz", "--history", "--json"],
];

#[test]
fn read_only_commands_work_while_a_tui_runs() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("reliability-readers") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    lock_holder(home.path());
    for args in READ_ONLY_COMMANDS {
        let out = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(*args)
            .env("RECALL_HOME", home.path())
            .output()
            .expect("recall runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "recall {args:?}: {stderr}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("recall {args:?} printed no JSON ({e}): {stderr}"));
        // No quiz was taken: its history is the one list that may be empty.
        let empty_ok = args[0] == "quiz";
        assert!(
            json.as_array().is_some_and(|a| empty_ok || !a.is_empty())
                || json.as_object().is_some_and(|o| !o.is_empty()),
            "recall {args:?}: {json}"
        );
    }
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
}

#[test]
fn a_second_tui_is_refused_with_the_holders_pid() {
    if !tools::script() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("lock") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    let out = Command::new("script")
        .args(["-qec", &recall_cmd(home.path(), ""), "/dev/null"])
        .output()
        .expect("script(1) runs a second recall in a pseudo-terminal");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("another recall (pid "), "{text}");
    assert!(!out.status.success());
    t.keys(&["q"]);
}

#[test]
fn stats_screen_counts_this_runs_answers_and_recall_stats_reads_meanwhile() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("stats") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    t.keys(&["Enter"]);
    t.wait_text("show answer");
    t.keys(&["Space"]);
    t.wait_text("1 Again");
    t.keys(&["4"]);
    t.wait_text("1 answered · 19 left today");
    t.keys(&["q"]);
    t.wait_text("Answers   1");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["s"]);
    t.wait_text("Retention and readiness");
    // The footer is the frame's last row: once it shows, the capture is not a frame half drawn.
    let screen = t.wait_text("j/k scroll decks");
    assert!(screen.contains("Reviews, 26 weeks: 1 "), "{screen}");
    assert!(screen.contains(" new · 0 learning · 1 review"), "{screen}");
    // The TUI holds the writer lock; stats still read.
    let out = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["stats", "--json"])
        .env("RECALL_HOME", home.path())
        .output()
        .expect("recall stats");
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let total: u64 = v["heatmap"]["reviews"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .sum();
    assert_eq!(total, 1);
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
}

#[test]
fn a_five_question_quiz_reaches_its_results_and_the_history_lists_it() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("quiz") else {
        return;
    };
    t.line(&format!(
        "{} quiz --count=5 --seed=3",
        recall_cmd(home.path(), "")
    ));
    let first = t.wait_text("Question 1 of 5");
    assert!(
        first.contains(" 10:00") || first.contains(" 9:5"),
        "a 10-minute countdown:\n{first}"
    );
    for n in 2..=5 {
        t.keys(&["1", "n"]);
        t.wait_text(&format!("Question {n} of 5"));
    }
    t.keys(&["1", "f", "s"]);
    let confirm = t.wait_text("Submit the quiz?");
    assert!(confirm.contains("Flagged: 1 question (no. 5)"), "{confirm}");
    t.keys(&["y"]);
    let results = t.wait_text("Quiz results");
    assert!(results.contains("By section"), "{results}");
    let score = results
        .lines()
        .find(|l| l.contains("Score"))
        .expect("a score line")
        .to_string();
    // `recall quiz` came from the shell: leaving its results goes back there.
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));

    let out = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["quiz", "--history"])
        .env("RECALL_HOME", home.path())
        .output()
        .expect("recall quiz --history runs without a terminal");
    assert!(out.status.success());
    let history = String::from_utf8_lossy(&out.stdout);
    let entry = history
        .lines()
        .find(|l| l.trim_start().starts_with("1. "))
        .unwrap_or_else(|| panic!("an attempt line in\n{history}"));
    // The history shows the same right/total as the results screen did.
    let right_total = score
        .split_whitespace()
        .find(|w| w.ends_with("/5"))
        .unwrap_or_else(|| panic!("a score in {score:?}"));
    assert!(entry.contains(right_total), "{entry} vs {score}");
    assert!(entry.contains("exam"), "{entry}");
}

#[test]
fn import_with_i_shows_the_report_and_the_deck_on_home() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("storage cards.csv");
    std::fs::write(&file, "S3,Object storage\nEBS,\nEFS,NFS file system\n").expect("csv");
    let Some(t) = Tmux::start("import") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    t.keys(&["i"]);
    t.wait_text("Import a deck file");
    t.keys(&["-l", &file.display().to_string()]);
    t.keys(&["Enter"]);
    // The report wraps at the popup's edge: look for its pieces.
    let screen = t.wait_text("storage cards.csv:2: empty back");
    assert!(
        screen.contains("2 added, 0 updated, 0 unchanged, 0 archived"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    let screen = t.wait_for("the deck on Home", |s| {
        s.contains("storage cards") && !s.contains("Imported")
    });
    let row = screen
        .lines()
        .find(|l| l.contains("storage cards"))
        .expect("the imported deck's row");
    let numbers: Vec<u32> = row
        .split_whitespace()
        .filter_map(|w| w.trim_matches('│').parse().ok())
        .collect();
    assert_eq!(numbers, [2, 0, 0], "{row}\n{screen}");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
    assert!(home.path().join("decks/storage-cards.toml").is_file());
}

#[test]
fn a_quiz_on_an_unknown_deck_is_refused_in_a_terminal_with_nothing_written() {
    if !tools::script() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("{} quiz --deck nope", recall_cmd(home.path(), "")),
            "/dev/null",
        ])
        .output()
        .expect("script(1) runs recall in a pseudo-terminal");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("no deck \"nope\""), "{text}");
    assert_eq!(out.status.code(), Some(2), "{text}");
    let left: Vec<_> = std::fs::read_dir(home.path())
        .expect("home")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "bad input wrote {left:?}");
}

/// The log of this device in `home` (`logs/<device>.jsonl`, named by `device-id`).
fn own_log(home: &Path) -> String {
    let device = std::fs::read_to_string(home.join("device-id")).expect("device id");
    std::fs::read_to_string(home.join(format!("logs/{}.jsonl", device.trim()))).expect("log")
}

#[test]
fn a_wrong_pick_then_space_is_again_and_u_on_the_summary_brings_the_card_back() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("decks")).expect("decks dir");
    std::fs::write(
        home.path().join("decks/zz-pick.toml"),
        r#"[deck]
id = "zz-pick"
title = "Pick deck"

[[cards]]
id = "one"
kind = "choice"
front = "Which class stores data in one AZ?"
choices = ["S3 Standard", "S3 One Zone-IA", "S3 Glacier", "S3 Intelligent-Tiering"]
answer = 1
"#,
    )
    .expect("deck file");
    let Some(t) = Tmux::start("pick") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    // The imported deck comes after the built-in ones: up from the first wraps to it.
    t.keys(&["k", "Enter"]);
    let screen = t.wait_text("Which class stores data in one AZ?");
    // Options are shuffled: find the key of a wrong one by its text.
    let line = screen
        .lines()
        .find(|l| l.contains(") S3 Standard"))
        .expect("the option on screen");
    let at = line.find(") S3 Standard").expect("found");
    let key = line[..at].chars().last().expect("its number").to_string();
    t.keys(&[&key]);
    t.wait_text("space again (wrong pick)");
    // A deliberate key, not a double press: after the half second a pick waits for.
    std::thread::sleep(Duration::from_millis(700));
    t.keys(&["Space"]);
    // Again: the card is back in learning, shown early as nothing else is left.
    t.wait_text("early, due in 1 min");
    t.keys(&["q"]);
    t.wait_text("Answers   1");
    let log = own_log(home.path());
    assert!(log.contains("\"rating\":1"), "{log}");
    assert!(!log.contains("\"rating\":3"), "{log}");

    t.keys(&["u"]);
    t.wait_text("Which class stores data in one AZ?");
    t.wait_text("Undone.");
    let log = own_log(home.path());
    assert!(log.contains("undo"), "{log}");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
}

#[test]
fn a_hundred_decks_scroll_at_80x24_and_enter_studies_the_one_seen() {
    let home = tempfile::tempdir().expect("temp dir");
    let decks = home.path().join("decks");
    std::fs::create_dir_all(&decks).expect("decks dir");
    for i in 1..=100 {
        std::fs::write(
            decks.join(format!("zz-{i:03}.toml")),
            format!(
                "[deck]\nid = \"zz-{i:03}\"\ntitle = \"Many {i:03}\"\n\n[[cards]]\nid = \"c\"\nfront = \"Front of many {i:03}\"\nback = \"Back\"\n"
            ),
        )
        .expect("deck file");
    }
    let Some(t) = Tmux::start("many") else {
        return;
    };
    t.resize(80, 24);
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    // Up from the first deck wraps to the last one, which comes into view.
    t.keys(&["k"]);
    t.wait_text("Many 100");
    for _ in 0..50 {
        t.keys(&["k"]);
    }
    t.wait_text("Many 050");
    t.keys(&["Enter"]);
    t.wait_text("Front of many 050");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
}

#[test]
fn sigquit_sigusr1_and_sigalrm_restore_the_terminal_too() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("reliability-more-signals") else {
        return;
    };
    for (signal, code) in [("QUIT", 131), ("USR1", 138), ("ALRM", 142)] {
        let _ = std::fs::remove_file(home.path().join("recall.lock"));
        t.line(&recall_cmd(home.path(), ""));
        t.wait_text("All decks");
        wait_display(&t, "#{alternate_on}", "1");
        send_signal(lock_holder(home.path()), signal);
        wait_display(&t, "#{alternate_on}", "0");
        assert_eq!(
            t.display("#{cursor_flag}"),
            "1",
            "cursor shown after {signal}"
        );
        t.line("echo status-$?-$((40+2))");
        let expected = format!("status-{code}-42");
        t.wait_for(&format!("the shell after SIG{signal}"), |s| {
            s.lines().any(|l| l.trim() == expected)
        });
        t.line("clear");
        t.wait_for("a cleared screen", |s| !s.contains(&expected));
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_redraws() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("suspend") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    wait_display(&t, "#{alternate_on}", "1");
    let pid = lock_holder(home.path());
    for how in ["key", "signal"] {
        if how == "key" {
            t.keys(&["C-z"]);
        } else {
            send_signal(pid, "TSTP");
        }
        wait_display(&t, "#{alternate_on}", "0");
        assert_eq!(t.display("#{cursor_flag}"), "1", "cursor shown ({how})");
        t.wait_text("Stopped");
        // The shell is usable: a typed line echoes and runs.
        t.line("echo suspended-$((40+2))");
        t.wait_for("the shell to run a line", |s| {
            s.lines().any(|l| l.trim() == "suspended-42")
        });
        t.line("fg");
        wait_display(&t, "#{alternate_on}", "1");
        t.wait_for("the home screen redrawn whole", |s| {
            s.contains("All decks") && !s.contains("suspended-42")
        });
    }
    t.keys(&["q"]);
    wait_display(&t, "#{alternate_on}", "0");
}

/// Quitting after answering saves the snapshot of the replayed state with this run's answers
/// in it, and what recall shows from it equals a full replay's.
#[test]
fn quitting_saves_a_snapshot_that_equals_a_full_replay() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("snapshot") else {
        return;
    };
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    t.keys(&["Enter"]);
    t.wait_text("show answer");
    t.answer_good_then_home();
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));

    let device = std::fs::read_to_string(home.path().join("device-id")).expect("device id");
    let own = home.path().join(format!("logs/{}.jsonl", device.trim()));
    let log_len = std::fs::metadata(own).expect("log written").len();
    let state = home.path().join("cache/state.bin");
    let snap = recall::study::snapshot::decode(&std::fs::read(&state).expect("snapshot saved"))
        .expect("a whole snapshot");
    let mark = snap
        .files
        .iter()
        .find(|m| m.name == device.trim())
        .expect("the own log is marked");
    assert_eq!(mark.offset, log_len, "the snapshot holds this run's answer");

    // Every card's state; what depends on the running clock (retrievability, what each
    // button would do) is left out, as the clock moves between the two runs.
    let cards = || {
        let out = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(["cards", "--json"])
            .env("RECALL_HOME", home.path())
            .env("RECALL_NOW", "2030-01-01T12:00:00Z")
            .output()
            .expect("runs");
        assert!(out.status.success());
        let mut cards: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_slice(&out.stdout).expect("json");
        for c in &mut cards {
            c.remove("next");
            c.remove("retrievability");
        }
        cards
    };
    let from_snapshot = cards();
    std::fs::remove_dir_all(home.path().join("cache")).expect("cache deleted");
    let full = cards();
    assert_eq!(from_snapshot, full);
    assert_eq!(
        full.iter().filter(|c| c["reps"] == 1).count(),
        1,
        "one card answered once"
    );
}
