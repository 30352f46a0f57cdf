//! FNV-1a: a fast, stable hash for short keys like card ids (never `DefaultHasher`, whose
//! output may change between Rust versions).

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a 64-bit.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { OFFSET } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
        self.0 = h;
    }
}

/// For `HashMap<_, _, FnvBuildHasher>` keyed by card ids.
pub type FnvBuildHasher = BuildHasherDefault<Fnv>;

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// The FNV-1a hash of a string: stable across versions and platforms.
pub fn fnv1a(s: &str) -> u64 {
    s.bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// The FNV-1a hash of raw bytes (the snapshot's hash of a log's bytes before its mark).
pub fn fnv1a_bytes(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}
