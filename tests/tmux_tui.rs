//! The real binary in a real terminal (tmux), driven as a person would: keys in, screen out.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    session: String,
}

impl Tmux {
    /// A 100x30 tmux session running a plain shell in `home`'s parent.
    fn start(name: &str) -> Tmux {
        let session = format!("recall-{name}-{}", std::process::id());
        let ok = Command::new("tmux")
            .args(["new-session", "-d", "-x", "100", "-y", "30", "-s", &session])
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                "PS1=$ ",
            ])
            .args(["bash", "--norc", "--noprofile"])
            .status()
            .expect("tmux is installed (the test suite needs it)");
        assert!(ok.success(), "tmux new-session failed");
        Tmux { session }
    }

    fn keys(&self, keys: &[&str]) {
        let ok = Command::new("tmux")
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(ok.success());
    }

    /// Types a line literally and presses Enter.
    fn line(&self, text: &str) {
        let ok = Command::new("tmux")
            .args(["send-keys", "-t", &self.session, "-l", text])
            .status()
            .expect("tmux send-keys");
        assert!(ok.success());
        self.keys(&["Enter"]);
    }

    fn capture(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        let out = Command::new("tmux")
            .args(["display-message", "-p", "-t", &self.session, format])
            .output()
            .expect("tmux display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the screen until `pred` holds, or fails after a deadline with the last screen.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

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
    let t = Tmux::start("persist");
    t.line(&recall_cmd(home.path(), ""));
    t.wait_text("All decks");
    t.keys(&["Enter"]);
    t.wait_text("show answer");
    t.keys(&["Space"]);
    t.wait_text("1 Again");
    t.keys(&["3"]);
    t.wait_for("second card", |s| {
        s.contains("1/") && s.contains("show answer")
    });
    t.keys(&["Space"]);
    t.wait_text("1 Again");
    t.keys(&["3"]);
    t.wait_text("2/");
    t.keys(&["q"]);
    t.wait_text("Studied   2 cards");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));

    t.line(&recall_cmd(home.path(), ""));
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

    let log = std::fs::read_to_string(home.path().join("reviews.jsonl")).expect("log written");
    assert_eq!(
        log.lines().filter(|l| l.contains("\"rating\":3")).count(),
        2,
        "{log}"
    );
}

#[test]
fn a_panic_restores_the_terminal() {
    let home = tempfile::tempdir().expect("temp dir");
    let t = Tmux::start("panic");
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
fn sigterm_sighup_and_sigint_restore_the_terminal_and_exit_128_plus_the_signal() {
    let home = tempfile::tempdir().expect("temp dir");
    let t = Tmux::start("reliability-signal");
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
    let home = tempfile::tempdir().expect("temp dir");
    let t = Tmux::start("reliability-stale");
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
const READ_ONLY_COMMANDS: &[&[&str]] = &[&["cards", "--json"], &["decks", "--json"]];

#[test]
fn read_only_commands_work_while_a_tui_runs() {
    let home = tempfile::tempdir().expect("temp dir");
    let t = Tmux::start("reliability-readers");
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
        assert!(
            json.as_array().is_some_and(|a| !a.is_empty()),
            "recall {args:?}"
        );
    }
    t.wait_text("All decks");
    t.keys(&["q"]);
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
}

#[test]
fn a_second_tui_is_refused_with_the_holders_pid() {
    let home = tempfile::tempdir().expect("temp dir");
    let t = Tmux::start("lock");
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
