//! Every importer on any bytes: decoding, format detection and parsing give an error or cards,
//! never a panic or a hang. The first byte picks the format (or detection from a file name).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use recall::import::{decode, detect, parse, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = decode(bytes, "fuzz") else {
        return;
    };
    let format = match pick % 6 {
        0 => Format::Anki,
        1 => Format::Csv,
        2 => Format::Tsv,
        3 => Format::Markdown,
        4 => Format::Toml,
        _ => match detect(Path::new("fuzz.txt"), text) {
            Some(f) => f,
            None => return,
        },
    };
    let _ = parse(format, text, "fuzz");
});
