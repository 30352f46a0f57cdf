//! Anki's interval fuzz (`rslib/src/scheduler/states/fuzz.rs`) and its per-answer factor
//! (`answering/mod.rs`, `get_fuzz_factor`), plus the card seed it is drawn from.
//!
//! Ranges and factors only: which interval gets fuzzed, and the limits around it, are decided
//! in `intervals.rs` and `steps.rs`. Nothing here reads the configuration or the clock.

/// The fuzz range around an interval (Anki's `fuzz_bounds`; no fuzz below 2.5 days).
pub(super) fn fuzz_bounds(interval: f32) -> (u32, u32) {
    let delta = if interval < 2.5 {
        0.0
    } else {
        1.0 + 0.15 * (interval.min(7.0) - 2.5).max(0.0)
            + 0.10 * (interval.min(20.0) - 7.0).max(0.0)
            + 0.05 * (interval - 20.0).max(0.0)
    };
    (
        (interval - delta).round().max(0.0) as u32,
        (interval + delta).round().max(0.0) as u32,
    )
}

/// Anki's `constrained_fuzz_bounds`: the fuzz range of an interval clamped into
/// [minimum, maximum], at least two days wide above 2 days when there is room.
pub(super) fn constrained_fuzz_bounds(interval: f32, minimum: u32, maximum: u32) -> (u32, u32) {
    let minimum = minimum.min(maximum);
    let interval = interval.clamp(minimum as f32, maximum as f32);
    let (lower, upper) = fuzz_bounds(interval);
    let lower = lower.clamp(minimum, maximum);
    let mut upper = upper.clamp(minimum, maximum);
    if upper == lower && upper > 2 && upper < maximum {
        upper = lower + 1;
    }
    (lower, upper)
}

/// Anki's `with_review_fuzz` (without its load balancer): a day count in
/// [minimum, maximum], fuzzed uniformly over `constrained_fuzz_bounds` when fuzz is on.
pub(super) fn with_review_fuzz(fuzz: &Fuzz, interval: f32, minimum: u32, maximum: u32) -> u32 {
    match fuzz.factor() {
        Some(f) => {
            let (lower, upper) = constrained_fuzz_bounds(interval, minimum, maximum);
            // f < 1, so this never passes `upper`.
            ((lower as f32 + f * (1 + upper - lower) as f32).floor() as u32).min(upper)
        }
        None => (interval.round().max(0.0) as u32).clamp(minimum.min(maximum), maximum),
    }
}

/// Anki's `minimum_review_fuzz_interval`: a passing review does not go below the previous
/// interval + 1 when FSRS says it grows, nor below the previous interval while that is still
/// within the fuzz range; 0 means no such floor.
pub(super) fn minimum_review_fuzz_interval(interval: f32, previous: u32, maximum: u32) -> u32 {
    let rounded = interval.round() as u32;
    let (_, upper) = constrained_fuzz_bounds(interval, 1, maximum);
    if rounded > previous {
        previous + 1
    } else if previous <= upper {
        previous
    } else {
        0
    }
}

/// Anki's per-answer fuzz factor: the same seed always gives the same factor. Public so a test
/// can pin its values: every due date is derived by replay, so a changed generator (a `rand`
/// upgrade) would move every user's schedule.
///
/// Anki draws it with `StdRng::seed_from_u64(seed).random_range(0.0f32..1.0)`: ChaCha12 keyed
/// by eight PCG32 outputs of the seed, nonce and counter 0, whose first output word `w` gives
/// `f32::from_bits(0x3f80_0000 | w >> 9) - 1.0`. `rand` fills 256 bytes (four blocks) to hand
/// out those 4; this computes the one block's first word and nothing else. The same bits:
/// a test compares it with `StdRng` over many seeds, and `tests/fuzz_pin.rs` pins the values.
pub fn fuzz_factor(seed: u64) -> f32 {
    let word = chacha12_first_word(&pcg32_key(seed));
    f32::from_bits(0x3f80_0000 | (word >> 9)) - 1.0
}

/// The 32-byte key `rand_core`'s `seed_from_u64` makes of a u64: eight PCG32 (XSH RR) outputs,
/// each little-endian, read back here as the eight little-endian key words.
fn pcg32_key(mut state: u64) -> [u32; 8] {
    const MUL: u64 = 0x5851_f42d_4c95_7f2d;
    const INC: u64 = 0xa176_54e4_6fbe_17f3;
    std::array::from_fn(|_| {
        state = state.wrapping_mul(MUL).wrapping_add(INC);
        let xorshifted = (((state >> 18) ^ state) >> 27) as u32;
        xorshifted.rotate_right((state >> 59) as u32)
    })
}

/// Word 0 of ChaCha block 0 (RFC 8439's block function with 12 rounds, counter and nonce 0).
/// The state is kept as four rows of four words, so each step works on a whole row (the
/// compiler makes them vector instructions); the diagonal rounds rotate rows b, c and d.
fn chacha12_first_word(key: &[u32; 8]) -> u32 {
    type Row = [u32; 4];
    const SIGMA: Row = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];
    fn add(x: Row, y: Row) -> Row {
        std::array::from_fn(|i| x[i].wrapping_add(y[i]))
    }
    fn xor_rotate(x: Row, y: Row, bits: u32) -> Row {
        std::array::from_fn(|i| (x[i] ^ y[i]).rotate_left(bits))
    }
    fn turn(x: Row, by: usize) -> Row {
        std::array::from_fn(|i| x[(i + by) % 4])
    }
    fn quarter_rounds(a: &mut Row, b: &mut Row, c: &mut Row, d: &mut Row) {
        *a = add(*a, *b);
        *d = xor_rotate(*d, *a, 16);
        *c = add(*c, *d);
        *b = xor_rotate(*b, *c, 12);
        *a = add(*a, *b);
        *d = xor_rotate(*d, *a, 8);
        *c = add(*c, *d);
        *b = xor_rotate(*b, *c, 7);
    }
    let mut a = SIGMA;
    let mut b: Row = [key[0], key[1], key[2], key[3]];
    let mut c: Row = [key[4], key[5], key[6], key[7]];
    let mut d: Row = [0; 4];
    for _ in 0..6 {
        // Columns: (0,4,8,12), (1,5,9,13), ...
        quarter_rounds(&mut a, &mut b, &mut c, &mut d);
        // Diagonals: (0,5,10,15), (1,6,11,12), ...: line them up as columns and back.
        (b, c, d) = (turn(b, 1), turn(c, 2), turn(d, 3));
        quarter_rounds(&mut a, &mut b, &mut c, &mut d);
        (b, c, d) = (turn(b, 3), turn(c, 2), turn(d, 1));
    }
    a[0].wrapping_add(SIGMA[0])
}

/// One answer's fuzz factor, drawn only if an interval actually needs it (the RNG is the
/// most expensive part of replaying an answer).
pub(super) struct Fuzz {
    pub(super) enabled: bool,
    seed: u64,
    factor: std::cell::OnceCell<f32>,
}

impl Fuzz {
    pub(super) fn new(enabled: bool, seed: u64) -> Fuzz {
        Fuzz {
            enabled,
            seed,
            factor: std::cell::OnceCell::new(),
        }
    }

    /// A fuzz with a chosen factor, for tests of the ends of a range.
    #[cfg(test)]
    pub(super) fn with_factor(factor: f32) -> Fuzz {
        let fuzz = Fuzz::new(true, 0);
        let _ = fuzz.factor.set(factor);
        fuzz
    }

    /// The factor in [0, 1), or None when fuzz is off.
    pub(super) fn factor(&self) -> Option<f32> {
        self.enabled
            .then(|| *self.factor.get_or_init(|| fuzz_factor(self.seed)))
    }
}

/// Stable 64-bit fuzz seed of a card's global id: FNV-1a, never `DefaultHasher`.
pub fn card_seed(global_id: &str) -> u64 {
    crate::fnv::fnv1a(global_id)
}

#[cfg(test)]
mod tests {
    use rand::{RngExt, SeedableRng};

    /// What Anki calls, through `rand` itself.
    fn std_rng_factor(seed: u64) -> f32 {
        rand::rngs::StdRng::seed_from_u64(seed).random_range(0.0f32..1.0)
    }

    #[test]
    fn one_block_gives_the_same_bits_as_std_rng() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let edges = [
            0,
            1,
            2,
            u64::MAX,
            u64::MAX - 1,
            1 << 63,
            1 << 32,
            u32::MAX as u64,
        ];
        for s in edges.into_iter().chain((0..20_000).map(|_| {
            // splitmix64 steps: seeds spread over the whole range.
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        })) {
            let card = super::card_seed(&format!("deck/{s}"));
            for seed in [s, card, card.wrapping_add(7)] {
                assert_eq!(
                    super::fuzz_factor(seed).to_bits(),
                    std_rng_factor(seed).to_bits(),
                    "seed {seed}"
                );
            }
        }
    }
}
