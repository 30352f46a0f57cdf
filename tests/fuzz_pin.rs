//! Pins the fuzz factor of fixed (card, reps) pairs to the values recall has always drawn.
//! Schedules are rebuilt by replaying the log, so if these values moved (a `rand` upgrade, a
//! different generator or seeding), every user's due dates would move on upgrade.

use recall::schedule::{card_seed, fuzz_factor};

#[test]
fn fuzz_factors_of_fixed_cards_never_change() {
    let mut got = Vec::new();
    for card in [
        "s3-storage-classes/glacier-ir",
        "exam-tips/q-tip-sse-kms",
        "a",
        "",
    ] {
        for reps in [0u64, 1, 2, 7, 40] {
            let f = fuzz_factor(card_seed(card).wrapping_add(reps));
            assert!((0.0..1.0).contains(&f), "{card} {reps}: {f}");
            got.push(f.to_bits());
        }
    }
    let want: [u32; 20] = PINNED;
    assert_eq!(
        got, want,
        "fuzz factors changed: every replayed due date would move"
    );
}

/// Seeds at the ends of the range (a card's seed plus its reps wraps around), with the factors
/// `StdRng::seed_from_u64(seed).random_range(0.0f32..1.0)` gave under rand 0.10 before recall
/// computed the one ChaCha block itself.
const EDGE_SEEDS: [(u64, u32); 6] = [
    (0, 1062022254),
    (1, 1062416408),
    (u64::MAX, 1043920248),
    (u64::MAX - 1, 1062714466),
    (1 << 63, 1061802968),
    (u32::MAX as u64, 1057684318),
];

#[test]
fn fuzz_factors_at_the_ends_of_the_seed_range_never_change() {
    for (seed, bits) in EDGE_SEEDS {
        assert_eq!(fuzz_factor(seed).to_bits(), bits, "seed {seed}");
    }
}

/// Recorded with rand 0.9's `StdRng::seed_from_u64(seed).random_range(0.0f32..1.0)`.
const PINNED: [u32; 20] = [
    1018533440, 1062867176, 1064702924, 1063950518, 1017374144, 1059650096, 1050230860, 1058912604,
    1057316938, 1063898732, 1063389996, 1057848178, 1047095440, 1054118928, 1064319456, 1061390904,
    1057692406, 1028960960, 1060151836, 1053700156,
];
