//! `recall completions`, `recall man` and `recall --help`: generated from the clap
//! definitions, and checked by the tools that read them (bash, man).

#[path = "support/cli.rs"]
mod cli;
#[path = "support/tools.rs"]
mod tools;

use std::io::Write as _;
use std::process::{Command, Stdio};

use cli::recall;

const SUBCOMMANDS: &[&str] = &[
    "decks",
    "check",
    "cards",
    "paths",
    "quiz",
    "import",
    "export",
    "stats",
    "optimize",
    "completions",
    "man",
    "study",
    "suspend",
    "unsuspend",
    "bury",
    "unbury",
    "forget",
    "reschedule",
    "history",
];

fn generated(args: &[&str]) -> String {
    let home = tempfile::tempdir().expect("temp dir");
    let out = recall(home.path())
        .args(args)
        .output()
        .expect("recall runs");
    assert!(out.status.success(), "recall {args:?}: {out:?}");
    assert!(
        std::fs::read_dir(home.path())
            .expect("home")
            .next()
            .is_none(),
        "generating text writes nothing"
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Runs `program args` with `input` on stdin; returns (success, stdout, stderr).
fn pipe(program: &str, args: &[&str], input: &str) -> (bool, String, String) {
    let mut child = Command::new(program)
        .args(args)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("waits");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_shells_completion_knows_every_command_and_format() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let text = generated(&["completions", shell]);
        for sub in SUBCOMMANDS {
            assert!(text.contains(sub), "{shell} completion lacks {sub}");
        }
        // clap_complete offers values only in these shells' scripts.
        if ["bash", "zsh", "fish"].contains(&shell) {
            for value in ["markdown", "toml", "anki"] {
                assert!(
                    text.contains(value),
                    "{shell} completion lacks --format {value}"
                );
            }
        }
    }
}

#[test]
fn the_bash_completion_parses() {
    if !tools::require("bash", "install bash") {
        return;
    }
    let text = generated(&["completions", "bash"]);
    let (ok, _, err) = pipe("bash", &["-n"], &text);
    assert!(ok && err.is_empty(), "bash -n: {err}");
    // Loaded into a shell, it registers a completion for recall.
    let (ok, out, err) = pipe(
        "bash",
        &["-c", "source /dev/stdin; complete -p recall"],
        &text,
    );
    assert!(ok && out.contains("recall"), "{out}{err}");
}

#[test]
fn the_zsh_completion_parses_and_registers() {
    if !tools::require(
        "zsh",
        "apt-get install zsh, dnf install zsh, brew install zsh",
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("_recall"),
        generated(&["completions", "zsh"]),
    )
    .expect("file");
    let script = format!(
        "zsh -n {d}/_recall && fpath=({d} $fpath) && autoload -Uz compinit && compinit -u \
         && print -r -- ${{_comps[recall]}}",
        d = dir.path().display()
    );
    let out = Command::new("zsh")
        .args(["-fc", &script])
        .env("HOME", dir.path())
        .output()
        .expect("zsh runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    assert_eq!(stdout.trim(), "_recall", "{stderr}");
}

#[test]
fn the_fish_completion_loads_and_offers_the_formats() {
    if !tools::require(
        "fish",
        "apt-get install fish, dnf install fish, brew install fish",
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("recall.fish");
    std::fs::write(&file, generated(&["completions", "fish"])).expect("file");
    for (line, want) in [
        ("recall export d --format ", &["anki", "csv", "toml"][..]),
        (
            "recall import x --format ",
            &["auto", "markdown", "tsv"][..],
        ),
        ("recall ", &["decks", "completions", "man"][..]),
    ] {
        let script = format!("source {}; complete -C'{line}'", file.display());
        let out = Command::new("fish")
            .args(["--no-config", "-c", &script])
            .env("HOME", dir.path())
            .output()
            .expect("fish runs");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            out.status.success() && stderr.is_empty(),
            "{line}: {stderr}"
        );
        let offered: Vec<&str> = stdout
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect();
        for w in want {
            assert!(offered.contains(w), "{line:?} offers {offered:?}, not {w}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error_naming_the_shells() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = recall(home.path())
        .args(["completions", "bsh"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bash, elvish, fish, powershell, zsh"), "{err}");
    assert!(err.contains("a similar value exists: 'bash'"), "{err}");
}

#[test]
fn the_man_page_renders_with_every_command_variable_and_exit_code() {
    let page = generated(&["man"]);
    assert!(page.contains("\n.TH recall 1 "), "{page}");
    if !tools::require(
        "man",
        "install man-db and groff: apt-get install man-db groff-base",
    ) {
        return;
    }
    let (ok, text, err) = pipe("man", &["-l", "-"], &page);
    assert!(ok, "man -l - failed: {err}");
    assert!(err.trim().is_empty(), "man -l - warned: {err}");
    for want in [
        "NAME",
        "SYNOPSIS",
        "COMMANDS",
        "ENVIRONMENT",
        "EXIT STATUS",
        "RECALL_HOME",
        "RECALL_NOW",
        "NO_COLOR",
        "128+N",
        "opens it",
    ] {
        assert!(
            text.contains(want),
            "the rendered page lacks {want}:\n{text}"
        );
    }
    for sub in SUBCOMMANDS {
        assert!(
            text.contains(&format!("recall {sub}")),
            "the rendered page lacks recall {sub}:\n{text}"
        );
    }
}

#[test]
fn help_says_no_command_opens_the_study_screen_and_lists_environment_and_exit_codes() {
    let text = generated(&["--help"]);
    assert!(
        text.contains("Run `recall` with no command to open the study screen"),
        "{text}"
    );
    for want in [
        "RECALL_HOME",
        "RECALL_NOW",
        "NO_COLOR",
        "Exit codes:",
        "  2 ",
        "128+N",
    ] {
        assert!(text.contains(want), "--help lacks {want:?}:\n{text}");
    }
}

#[test]
fn format_values_are_listed_and_a_typo_gets_did_you_mean() {
    let help = generated(&["import", "--help"]);
    for value in ["auto", "toml", "anki", "csv", "tsv", "markdown"] {
        assert!(
            help.contains(&format!("- {value}")),
            "import --help: {help}"
        );
    }
    let help = generated(&["export", "--help"]);
    for value in ["anki", "csv", "toml"] {
        assert!(
            help.contains(&format!("- {value}")),
            "export --help: {help}"
        );
    }
    let home = tempfile::tempdir().expect("temp dir");
    for args in [
        &["import", "x.csv", "--format", "csvv"][..],
        &["export", "d", "--format", "tomll"][..],
    ] {
        let out = recall(home.path()).args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("a similar value exists"), "{args:?}: {err}");
    }
    assert!(
        std::fs::read_dir(home.path())
            .expect("home")
            .next()
            .is_none(),
        "a bad --format writes nothing"
    );
}

#[test]
fn format_names_stay_case_insensitive_with_their_aliases() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("cards.txt");
    std::fs::write(&file, "S3\tObject storage\nEBS\tBlock storage\n").expect("file");
    for format in ["TSV", "quizlet"] {
        let home = tempfile::tempdir().expect("temp dir");
        recall(home.path())
            .args(["import", "--dry-run", "--format", format])
            .arg(&file)
            .assert()
            .success()
            .stdout(predicates::str::contains("(tsv)"));
    }
}
