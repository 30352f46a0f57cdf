//! `recall config`: the commented settings with their values, the file's place, and `set` /
//! `unset` that keep the user's comments, refuse bad values (exit 2, nothing written) and
//! wait for no one: a running study screen's lock refuses them.

#[path = "support/cli.rs"]
mod cli;

use cli::recall;
use predicates::prelude::*;

const MINE: &str = "# my settings\nnew_per_day = 10 # fewer, please\n";

#[test]
fn config_prints_the_template_with_the_values_and_its_path() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("config.toml");
    recall(home.path())
        .args(["config", "--path"])
        .assert()
        .success()
        .stdout(format!("{}\n", file.display()));
    let out = recall(home.path()).arg("config").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.starts_with(&format!("# {}\n", file.display())),
        "{text}"
    );
    assert!(text.ends_with(recall::store::Config::TEMPLATE), "{text}");

    std::fs::write(&file, MINE).expect("config");
    recall(home.path())
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\nnew_per_day = 10  # default 20\n",
        ))
        .stdout(predicate::str::contains("\n# exam_date = 2026-12-15\n"));
}

#[test]
fn set_and_unset_keep_the_comments() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("config.toml");
    std::fs::write(&file, MINE).expect("config");
    recall(home.path())
        .args(["config", "set", "exam_date", "2026-12-20"])
        .assert()
        .success()
        .stdout(format!(
            "exam_date = 2026-12-20 (saved to {})\n",
            file.display()
        ));
    recall(home.path())
        .args(["config", "set", "new_per_day", "exam"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "# my settings\nnew_per_day = \"exam\" # fewer, please\nexam_date = 2026-12-20\n"
    );
    // The clock says 2026-11-23: three weeks on is 14 December.
    recall(home.path())
        .args(["config", "set", "exam_date", "in", "3", "weeks"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("exam_date = 2026-12-14 "));
    recall(home.path())
        .args(["config", "unset", "exam_date"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "new_per_day = \"exam\" needs an exam date",
        ));
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "# my settings\nnew_per_day = \"exam\" # fewer, please\n"
    );
    recall(home.path())
        .args(["config", "set", "exam_date", "dec", "20"])
        .assert()
        .success();
    recall(home.path())
        .args(["config", "set", "exam_date", "none"])
        .assert()
        .success();
    assert!(!std::fs::read_to_string(&file)
        .expect("read")
        .contains("exam_date"));
}

#[test]
fn a_bad_value_exits_2_and_writes_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("config.toml");
    std::fs::write(&file, MINE).expect("config");
    for (args, said) in [
        (
            vec!["new_per_day", "lots"],
            "recall: new_per_day = \"lots\": expected a whole number or \"exam\"; nothing written",
        ),
        (
            vec!["exam_date", "2026-01-05"],
            "recall: 2026-01-05 is in the past (today is 2026-11-23)",
        ),
        (vec!["exam_date", "someday"], "is not a date: expected"),
        (vec!["retention", "0.9"], "no setting \"retention\""),
        (vec!["learn_ahead_minutes", "-5"], "expected a whole number"),
    ] {
        recall(home.path())
            .args(["config", "set"])
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(said));
        assert_eq!(std::fs::read_to_string(&file).expect("read"), MINE);
    }
    recall(home.path())
        .args(["config", "unset", "retention"])
        .assert()
        .code(2);
    // A config that is already broken is named, and `set` does not write over it.
    std::fs::write(&file, "new_per_day = \"lots\"\n").expect("config");
    recall(home.path())
        .arg("config")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "config.toml:1:15: new_per_day = \"lots\": expected a whole number or \"exam\"",
        ));
    recall(home.path())
        .args(["config", "set", "fuzz", "false"])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "new_per_day = \"lots\"\n"
    );
}

#[test]
fn set_is_refused_while_a_study_screen_holds_the_lock() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("config.toml");
    std::fs::write(&file, MINE).expect("config");
    let _lock = recall::store::WriterLock::acquire(&home.path().join("recall.lock")).expect("lock");
    recall(home.path())
        .args(["config", "set", "new_per_day", "5"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("another recall")
                .and(predicate::str::contains("close it first")),
        );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), MINE);
}
