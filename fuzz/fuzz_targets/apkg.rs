//! The Anki package reader on any bytes: zip, zstd, the media list, the SQLite collection and
//! the conversion into cards and history give an error or a package, never a panic or a hang.
//! Limits are small so that a run never holds much memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recall::import::apkg::{read_limited, Limits};

const LIMITS: Limits = Limits {
    entries: 1_000,
    collection: 8 << 20,
    media_file: 1 << 20,
    media_total: 4 << 20,
    small: 1 << 20,
};

fuzz_target!(|data: &[u8]| {
    let _ = read_limited(data, "fuzz.apkg", &LIMITS);
});
