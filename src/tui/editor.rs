//! Running the user's editor on a deck file: `$VISUAL`, else `$EDITOR`, else `vi`, opened at
//! the card's line (`+LINE`, which vi, vim, nano, emacs, micro and helix all take). The event
//! loop gives the terminal back before and takes it again after.

use std::path::Path;
use std::process::Command;

/// The editor command from `VISUAL` and `EDITOR` as given (words split on spaces, so
/// `code --wait` works); `vi` when neither is set.
pub fn command(visual: Option<String>, editor: Option<String>) -> Vec<String> {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .find(|words| !words.is_empty())
        .unwrap_or_else(|| vec!["vi".to_string()])
}

/// The editor the environment names.
pub fn from_env() -> Vec<String> {
    command(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok())
}

/// Runs `editor` on `file` at `line` and waits for it; an error says why it did not run or
/// how it failed, in words for the status line.
pub fn run(editor: &[String], file: &Path, line: usize) -> Result<(), String> {
    let Some((program, args)) = editor.split_first() else {
        return Err("no editor: set $VISUAL or $EDITOR".into());
    };
    let status = Command::new(program)
        .args(args)
        .arg(format!("+{line}"))
        .arg(file)
        .status()
        .map_err(|e| format!("could not start the editor {program:?} ($VISUAL / $EDITOR): {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the editor {program:?} ended with {status}; the deck was not read again"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_wins_then_editor_then_vi_and_words_are_split() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(command(s("code --wait"), s("nano")), ["code", "--wait"]);
        assert_eq!(command(None, s("nano")), ["nano"]);
        assert_eq!(command(s("  "), s("nano")), ["nano"]);
        assert_eq!(command(None, None), ["vi"]);
    }

    #[test]
    fn the_editor_gets_the_line_and_the_file_and_a_failure_is_told() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("args");
        let script = dir.path().join("ed.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\necho \"$@\" > '{}'\n", out.display()),
        )
        .expect("script");
        let sh = |s: &Path| vec!["sh".to_string(), s.display().to_string()];
        run(&sh(&script), Path::new("deck.toml"), 12).expect("runs");
        assert_eq!(
            std::fs::read_to_string(&out).expect("args").trim(),
            "+12 deck.toml"
        );
        std::fs::write(&script, "#!/bin/sh\nexit 3\n").expect("script");
        let e = run(&sh(&script), Path::new("deck.toml"), 1).expect_err("fails");
        assert!(e.contains("not read again"), "{e}");
        let e = run(&["/nonexistent/editor".to_string()], Path::new("x"), 1).expect_err("missing");
        assert!(e.contains("could not start"), "{e}");
    }
}
