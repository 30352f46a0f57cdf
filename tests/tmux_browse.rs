//! The card browser in a real terminal (tmux): open it, search `tag:kms`, suspend a card,
//! quit; start again, find it with `is:suspended`, unsuspend it, open its page, quit; the
//! log holds both events, for the same card.

// This file uses only part of the shared driver.
#[allow(dead_code)]
#[path = "support/tmux.rs"]
mod tmux;
#[path = "support/tools.rs"]
mod tools;

use std::path::Path;

use tmux::Tmux;

fn recall_cmd(home: &Path) -> String {
    format!(
        "RECALL_HOME={} NO_COLOR=1 {}",
        home.display(),
        env!("CARGO_BIN_EXE_recall")
    )
}

fn shell_prompt(t: &Tmux) {
    t.wait_for("the shell prompt", |s| s.trim_end().ends_with('$'));
}

#[test]
fn search_tag_kms_suspend_then_unsuspend_from_the_browser_and_open_the_page() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(t) = Tmux::start("browse") else {
        return;
    };
    t.resize(120, 30);
    t.line(&recall_cmd(home.path()));
    t.wait_text("All decks");
    // `/` on Home: the browser with the keys in its search box.
    t.keys(&["/"]);
    t.wait_text("Search:");
    t.keys(&["-l", "tag:kms"]);
    t.wait_text("26 cards of");
    t.keys(&["Enter"]);
    t.keys(&["s"]);
    t.wait_text("1 card suspended. u undoes.");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    shell_prompt(&t);

    t.line(&recall_cmd(home.path()));
    t.wait_text("All decks");
    t.keys(&["B"]);
    t.wait_text("sorted by deck");
    t.keys(&["/"]);
    t.keys(&["-l", "tag:kms is:suspended"]);
    let screen = t.wait_text("1 card of");
    assert!(screen.contains("susp"), "{screen}");
    t.keys(&["Enter"]);
    t.keys(&["s"]);
    t.wait_text("1 card unsuspended. u undoes.");
    t.keys(&["Enter"]);
    let page = t.wait_text("History (2 events");
    assert!(
        page.contains("suspend") && page.contains("unsuspend"),
        "{page}"
    );
    assert!(page.contains("built-in decks/"), "{page}");
    t.keys(&["q"]);
    t.wait_text("Search:");
    t.keys(&["q"]);
    t.wait_text("All decks");
    t.keys(&["q"]);
    shell_prompt(&t);

    let device = std::fs::read_to_string(home.path().join("device-id")).expect("device id");
    let log = std::fs::read_to_string(home.path().join(format!("logs/{}.jsonl", device.trim())))
        .expect("log written");
    let card = |event: &str| -> Vec<String> {
        log.lines()
            .filter(|l| l.contains(&format!("\"event\":\"{event}\"")))
            .filter_map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).ok()?;
                Some(v["card"].as_str()?.to_string())
            })
            .collect()
    };
    let (suspended, unsuspended) = (card("suspend"), card("unsuspend"));
    assert_eq!(suspended.len(), 1, "{log}");
    assert_eq!(suspended, unsuspended, "{log}");
}
