//! Embeds the built-in decks in the binary: every `decks/*.toml` file's text (so `recall` works
//! from any directory, `recall edit` can copy a file, and a new deck file cannot be forgotten in
//! a hand-written list), and the decks themselves, parsed and validated here by the crate's own
//! parser and stored in the deck cache's binary form, so no start parses their TOML. A problem
//! in a deck file fails the build, naming the file, line and column, and what is wrong.

use std::fmt::Write as _;
use std::path::Path;

// The deck format's code: the very files the crate compiles as `deck::*`. They use std, serde,
// toml, thiserror and memchr (build-dependencies) and reach each other through `super::`, which
// this root provides with the names below, as `src/deck/mod.rs` does in the crate.
#[allow(dead_code)]
#[path = "src/deck/codec.rs"]
mod codec;
#[allow(dead_code)]
#[path = "src/deck/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/deck/model.rs"]
mod model;
#[allow(dead_code, unused_imports)]
#[path = "src/deck/toml_format/mod.rs"]
mod toml_format;

use error::DeckError;
use model::{cloze_gaps, cloze_hint_problem, Card, CardContent, Deck, DeckSource};

/// The source files included above: a change to any of them parses the decks again.
const SHARED_SOURCES: &[&str] = &[
    "src/deck/codec.rs",
    "src/deck/error.rs",
    "src/deck/model.rs",
    "src/deck/toml_format/mod.rs",
    "src/deck/toml_format/validate.rs",
    "src/deck/toml_format/write.rs",
];

fn main() {
    // Read at run time, not with env!(): a build script compiled in another checkout (a
    // copied target/ folder) would otherwise keep embedding that checkout's decks.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let manifest = Path::new(&manifest);
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo:rerun-if-changed=decks");
    for file in SHARED_SOURCES {
        println!("cargo:rerun-if-changed={file}");
    }
    let dir = manifest.join("decks");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();

    let mut code = String::from("/// Every built-in deck file: (file name, contents).\n");
    code.push_str("pub static BUILTIN_FILES: &[(&str, &str)] = &[\n");
    let mut decks = Vec::with_capacity(names.len());
    let mut errors: Vec<DeckError> = Vec::new();
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
        // Named as `recall check` and the tests name them.
        let file = format!("decks/{name}");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                errors.push(DeckError::at(&file, None, None, e.to_string()));
                continue;
            }
        };
        // The source is not part of the binary form: the program gives each deck its file name.
        match toml_format::parse_deck(&text, &file, DeckSource::File(path.clone())) {
            Ok(deck) => decks.push(deck),
            Err(e) => errors.extend(e),
        }
    }
    code.push_str("];\n");
    if !errors.is_empty() {
        // Cargo prints each as `error: recall@VERSION: decks/FILE:LINE:COL: message` and fails
        // the build.
        for e in &errors {
            println!("cargo::error={e}");
        }
        return;
    }
    std::fs::write(out.join("builtin_decks.rs"), code).expect("OUT_DIR is writable");
    std::fs::write(out.join("builtin_decks.bin"), codec::encode_all(&decks))
        .expect("OUT_DIR is writable");
}
