//! Deck ids and files for an import: the id a file name gives, the checks an id must pass,
//! and the free file a new deck goes to.

use std::path::{Path, PathBuf};

use super::ImportError;
use crate::deck::{valid_id, CardContent, DeckError};
use crate::fnv::fnv1a;

/// The file for a deck new to the data dir: `{id}.toml`, or `{id}-2.toml`, `{id}-3.toml`, ...
/// when that name is taken (a file whose `[deck] id` was changed by hand keeps its name) or
/// already chosen for another deck of this import. Never replaces another deck's file.
pub(super) fn free_path(decks_dir: &Path, id: &str, claimed: &[&Path]) -> PathBuf {
    (1..)
        .map(|n| match n {
            1 => decks_dir.join(format!("{id}.toml")),
            n => decks_dir.join(format!("{id}-{n}.toml")),
        })
        .find(|p| !claimed.contains(&p.as_path()) && std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| decks_dir.join(format!("{id}.toml")))
}

pub(super) fn check_deck_id(
    id: &str,
    what: &str,
    builtin_ids: &[String],
) -> Result<(), ImportError> {
    if !valid_id(id, false) {
        return Err(DeckError::at(
            what,
            None,
            None,
            format!("deck id {id:?} is not valid; expected lowercase letters, digits and '-'"),
        )
        .into());
    }
    if builtin_ids.iter().any(|b| b == id) {
        return Err(DeckError::at(
            what,
            None,
            None,
            format!("deck id {id:?} belongs to a built-in deck; choose another with --deck"),
        )
        .into());
    }
    Ok(())
}

pub(super) fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "imported".to_string())
}

/// A deck id from a file name: transliterated to ASCII letters and digits, other runs become
/// '-'; a name with nothing left (`___.csv`) is `imported`.
pub(super) fn slug(path: &Path) -> String {
    let stem = stem(path);
    let out = super::slug_text(&stem);
    let out: String = out.chars().take(64).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "imported".to_string()
    } else {
        out.to_string()
    }
}

/// A name as deck-id text: transliterated to ASCII (`日本語` reads `ri ben yu`, `é` reads
/// `e`), lowercase letters and digits, other runs as one `-`; empty when nothing is left.
pub fn slug_text(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The text that makes two cards "the same card": the front (or cloze text), trimmed,
/// lower-cased, with runs of whitespace collapsed.
pub fn normalised_front(content: &CardContent) -> String {
    let front = match content {
        CardContent::Basic { front, .. } | CardContent::Choice { front, .. } => front,
        CardContent::Cloze { text } => text,
    };
    let mut out = String::with_capacity(front.len());
    for word in front.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.push_str(word);
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out.make_ascii_lowercase();
    out
}

/// A card id derived from the normalised front: FNV-1a, so it never changes between versions.
pub fn stable_id(content: &CardContent) -> String {
    format!("c-{:016x}", fnv1a(&normalised_front(content)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_file_names() {
        assert_eq!(slug(Path::new("/x/My AWS Deck (v2).csv")), "my-aws-deck-v2");
        assert_eq!(slug(Path::new("Ünïcode.txt")), "unicode");
        // Names without ASCII letters still give distinct decks.
        assert_eq!(slug(Path::new("日本語.csv")), "ri-ben-yu");
        assert_eq!(slug(Path::new("中文.csv")), "zhong-wen");
        assert_eq!(slug(Path::new("___.csv")), "imported");
    }
    #[test]
    fn stable_id_ignores_case_and_spacing() {
        let a = CardContent::Basic {
            front: "  What is S3?\n".into(),
            back: "x".into(),
        };
        let b = CardContent::Basic {
            front: "what   IS s3?".into(),
            back: "y".into(),
        };
        assert_eq!(stable_id(&a), stable_id(&b));
        assert_eq!(stable_id(&a), format!("c-{:016x}", fnv1a("what is s3?")));
    }
}
