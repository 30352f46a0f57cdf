//! The path prompt: editing keys, the selection after an error, and completion on a listing
//! and on a real directory (bounded by `MAX_ENTRIES`).

use super::*;

fn listing(entries: &[(&str, bool)]) -> Listing {
    Listing {
        entries: entries.iter().map(|&(n, d)| (n.to_string(), d)).collect(),
        capped: false,
    }
}

/// A fresh directory under the system's temp dir, removed by the caller.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("recall-prompt-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn typed(text: &str) -> PathPrompt {
    let mut p = PathPrompt::default();
    for c in text.chars() {
        p.update(Action::Type(c));
    }
    p
}

#[test]
fn ctrl_u_clears_and_ctrl_w_deletes_a_word() {
    let mut p = typed("~/decks/aws exam.csv");
    p.update(Action::EraseWord);
    assert_eq!(p.text, "~/decks/aws ");
    p.update(Action::EraseWord);
    assert_eq!(p.text, "~/decks/");
    p.update(Action::EraseWord);
    assert_eq!(p.text, "~/");
    p.update(Action::EraseWord);
    assert_eq!(p.text, "");
    p.update(Action::EraseWord);
    assert_eq!(p.text, "");
    let mut p = typed("/tmp/x.csv");
    p.update(Action::ClearLine);
    assert_eq!(p.text, "");
}

#[test]
fn after_an_error_the_text_is_selected_and_typing_replaces_it() {
    let mut p = typed("nope.csv");
    p.failed();
    assert!(p.selected);
    p.update(Action::Type('c'));
    assert_eq!(p.text, "c");
    assert!(!p.selected);
    let mut p = typed("nope.csv");
    p.failed();
    p.update(Action::Erase);
    assert_eq!(p.text, "", "backspace clears a selection");
    // Any other edit keeps the text and ends the selection.
    let mut p = typed("a/nope.csv");
    p.failed();
    p.update(Action::EraseWord);
    assert_eq!((p.text.as_str(), p.selected), ("a/", false));
}

#[test]
fn tab_completes_as_a_shell_does() {
    let l = listing(&[
        ("cards.csv", false),
        ("cards.tsv", false),
        ("decks", true),
        ("notes.md", false),
        (".hidden.csv", false),
    ]);
    let done = complete_from("in/", "n", &l);
    assert_eq!((done.text.as_str(), done.nothing), ("in/notes.md", false));
    let done = complete_from("in/", "d", &l);
    assert_eq!(done.text, "in/decks/", "a directory gets its '/'");
    let done = complete_from("in/", "c", &l);
    assert_eq!(done.text, "in/cards.", "the common prefix");
    assert_eq!(
        done.choices,
        ["cards.csv", "cards.tsv"],
        "listed when ambiguous"
    );
    let done = complete_from("", "", &l);
    assert_eq!(
        done.choices,
        ["cards.csv", "cards.tsv", "decks/", "notes.md"]
    );
    assert_eq!(done.text, "", "no common prefix: nothing added");
    let done = complete_from("", ".", &l);
    assert_eq!(done.text, ".hidden.csv", "hidden only when asked for");
    let done = complete_from("in/", "zz", &l);
    assert_eq!((done.text.as_str(), done.nothing), ("in/zz", true));
    // Multi-byte names keep whole characters.
    let l = listing(&[("résumé-a.csv", false), ("résumé-b.csv", false)]);
    assert_eq!(complete_from("", "r", &l).text, "résumé-");
}

#[test]
fn tilde_slash_is_the_home_directory() {
    let home = Path::new("/home/me");
    assert_eq!(
        expand_home("~/decks/a.csv", Some(home)),
        "/home/me/decks/a.csv"
    );
    assert_eq!(expand_home("~/", Some(Path::new("/home/me/"))), "/home/me/");
    assert_eq!(expand_home("~user/a", Some(home)), "~user/a");
    assert_eq!(expand_home("~/a", None), "~/a");
}

#[test]
fn tab_on_a_real_directory_completes_and_lists() {
    let dir = scratch("real");
    std::fs::create_dir(dir.join("sub")).expect("mkdir");
    std::fs::write(dir.join("aws-1.csv"), "").expect("write");
    std::fs::write(dir.join("aws-2.csv"), "").expect("write");
    let base = format!("{}/", dir.display());
    let mut p = typed(&format!("{base}s"));
    p.update(Action::Complete);
    assert_eq!(p.text, format!("{base}sub/"));
    let mut p = typed(&format!("{base}a"));
    p.update(Action::Complete);
    assert_eq!(p.text, format!("{base}aws-"));
    assert_eq!(p.choices, ["aws-1.csv", "aws-2.csv"]);
    p.update(Action::Type('2'));
    assert!(p.choices.is_empty(), "typing hides the list");
    p.update(Action::Complete);
    assert_eq!(p.text, format!("{base}aws-2.csv"));
    let mut p = typed(&format!("{base}zz"));
    p.update(Action::Complete);
    assert_eq!(p.note.as_deref(), Some("Nothing here starts with \"zz\"."));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn a_huge_folder_is_read_only_up_to_the_cap() {
    let dir = scratch("huge");
    for i in 0..MAX_ENTRIES + 5 {
        std::fs::write(dir.join(format!("f{i:05}")), "").expect("write");
    }
    let l = list(&dir.display().to_string());
    assert_eq!(l.entries.len(), MAX_ENTRIES);
    assert!(l.capped);
    let mut p = typed(&format!("{}/f", dir.display()));
    p.update(Action::Complete);
    assert_eq!(
        p.note.as_deref(),
        Some("Only the first 1000 entries were read.")
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}
