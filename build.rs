//! Embeds every `decks/*.toml` in the binary, so `recall` works from any directory and a new
//! deck file cannot be forgotten in a hand-written list.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=decks");
    // Read at run time, not with env!(): a build script compiled in another checkout (a
    // copied target/ folder) would otherwise keep embedding that checkout's decks.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("decks");
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
    // FNV-1a of every file's name and contents: the key of the built-in decks' binary cache
    // (`deck::cache`), so a changed deck is parsed again.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for name in &names {
        let text = std::fs::read(dir.join(name)).expect("deck files are readable");
        for b in name.bytes().chain([0xff]).chain(text).chain([0xff]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut code = format!(
        "/// A hash of every built-in deck file (names and contents), made at build time.\npub const BUILTIN_HASH: u64 = {hash:#x};\n"
    );
    code.push_str("/// Every built-in deck file: (file name, contents).\n");
    code.push_str("pub static BUILTIN_FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_decks.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
