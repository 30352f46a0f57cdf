//! Correcting a built-in deck (issue 14): an edited copy imported with `recall import` is
//! stored as the deck's override (same deck and card ids, progress kept), `recall decks`
//! marks it, and deleting the file brings the built-in deck back.

#[path = "support/cli.rs"]
mod cli;

use cli::{json_of, recall};
use recall::deck::BUILTIN_FILES;

#[test]
fn an_edited_copy_of_a_built_in_deck_is_imported_as_its_override_and_removing_it_restores() {
    let home = tempfile::tempdir().expect("temp");
    let (name, src) = BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == "s3-security.toml")
        .expect("the s3-security deck is built in");
    let edited = src.replacen("\nback = \"", "\nback = \"Corrected: ", 1);
    let copy = home.path().join(format!("edited-{name}"));
    std::fs::write(&copy, &edited).expect("copy");
    let before = json_of(recall(home.path()).args(["cards", "--deck", "s3-security", "--json"]));
    recall(home.path())
        .arg("import")
        .arg(&copy)
        .assert()
        .success();
    let file = home.path().join("decks").join("s3-security.toml");
    assert!(file.is_file(), "stored as the override");

    let decks = json_of(recall(home.path()).args(["decks", "--json"]));
    let rows: Vec<&serde_json::Value> = decks
        .as_array()
        .expect("rows")
        .iter()
        .filter(|d| d["id"] == "s3-security")
        .collect();
    assert_eq!(rows.len(), 1, "the override replaces the built-in deck");
    assert_eq!(rows[0]["overrides_builtin"], true);
    assert_eq!(rows[0]["builtin"], false);
    let out = recall(home.path()).arg("decks").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("your corrected copy"), "{text}");

    // Same card ids: every card keeps its place in the log.
    let after = json_of(recall(home.path()).args(["cards", "--deck", "s3-security", "--json"]));
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("cards")
            .iter()
            .map(|c| c["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(ids(&after), ids(&before));

    std::fs::remove_file(&file).expect("remove");
    let decks = json_of(recall(home.path()).args(["decks", "--json"]));
    let row = decks
        .as_array()
        .expect("rows")
        .iter()
        .find(|d| d["id"] == "s3-security")
        .expect("the built-in deck is back");
    assert_eq!(row["builtin"], true);
    assert_eq!(row["overrides_builtin"], false);
}
