//! Drives the real binary in a real terminal: a tmux session of its own, keys in, screen out.

use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux session on a server of its own (`-L`), so parallel tests never share a server that
/// one of them may be shutting down.
pub struct Tmux {
    session: String,
}

impl Tmux {
    /// A 100x30 tmux session running a plain shell with a clean environment, or None (the
    /// test skips, or fails under CI) when tmux is not installed. Needs `mod tools` beside it.
    pub fn start(name: &str) -> Option<Tmux> {
        if !crate::tools::tmux() {
            return None;
        }
        let t = Tmux {
            session: format!("recall-{name}-{}", std::process::id()),
        };
        let ok = t
            .tmux()
            .args([
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
                "-s",
                &t.session,
            ])
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                "PS1=$ ",
            ])
            .args(["bash", "--norc", "--noprofile"])
            .status()
            .expect("tmux runs");
        assert!(ok.success(), "tmux new-session failed");
        Some(t)
    }

    /// A tmux command aimed at this test's own server.
    fn tmux(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.session]);
        cmd
    }

    pub fn keys(&self, keys: &[&str]) {
        let ok = self
            .tmux()
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(ok.success());
    }

    /// Types a line literally and presses Enter.
    pub fn line(&self, text: &str) {
        let ok = self
            .tmux()
            .args(["send-keys", "-t", &self.session, "-l", text])
            .status()
            .expect("tmux send-keys");
        assert!(ok.success());
        self.keys(&["Enter"]);
    }

    /// Pastes `text` as a terminal paste: bracketed (`ESC [200~ … ESC [201~`) when the program
    /// turned bracketed paste on, as a terminal emulator does.
    #[allow(dead_code)] // not every test file pastes
    pub fn paste(&self, text: &str) {
        let buffer = format!("{}-paste", self.session);
        let ok = self
            .tmux()
            .args(["set-buffer", "-b", &buffer, "--", text])
            .status()
            .expect("tmux set-buffer");
        assert!(ok.success());
        let ok = self
            .tmux()
            .args([
                "paste-buffer",
                "-p",
                "-d",
                "-b",
                &buffer,
                "-t",
                &self.session,
            ])
            .status()
            .expect("tmux paste-buffer");
        assert!(ok.success());
    }

    /// Resizes the terminal to `w` x `h` (recall redraws for the new size).
    pub fn resize(&self, w: u16, h: u16) {
        let ok = self
            .tmux()
            .args(["resize-window", "-t", &self.session])
            .args(["-x", &w.to_string(), "-y", &h.to_string()])
            .status()
            .expect("tmux resize-window");
        assert!(ok.success());
    }

    pub fn capture(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn display(&self, format: &str) -> String {
        let out = self
            .tmux()
            .args(["display-message", "-p", "-t", &self.session, format])
            .output()
            .expect("tmux display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the screen until `pred` holds, or fails after a deadline with the last screen.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// On the study screen with a question shown: reveal it, rate it Good (the session's
    /// first answer), end the session and go back to Home.
    #[allow(dead_code)] // not every test file answers
    pub fn answer_good_then_home(&self) {
        self.keys(&["Space"]);
        self.wait_text("1 Again");
        self.keys(&["3"]);
        self.wait_text("1 answered");
        self.keys(&["q"]);
        self.wait_text("Answers   1");
        self.keys(&["q"]);
        self.wait_text("All decks");
    }
}

impl Tmux {
    /// Closes the terminal under everything running in it (what closing a window does).
    pub fn kill_server(&self) {
        let _ = self.tmux().args(["kill-server"]).status();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.kill_server();
    }
}
