//! The order a choice card's options are shown in while studying: shuffled per review, so the
//! position is not learnt instead of the fact, and seeded by the card's seed and its number of
//! reviews, so a replay of the log and an undo show the same order again.

/// The options' order for a card with `seed` reviewed `reps` times: position on screen ->
/// index of the option in the deck file. A permutation of `0..n`.
pub fn choice_order(seed: u64, reps: u32, n: usize) -> Vec<usize> {
    let mut state = seed ^ u64::from(reps).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut next = move || {
        // SplitMix64: small, stable across versions and platforms.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..n).collect();
    // Fisher-Yates, from the end.
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_reps_give_the_same_permutation() {
        let a = choice_order(42, 3, 4);
        assert_eq!(a, choice_order(42, 3, 4));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3]);
    }

    #[test]
    fn orders_change_with_the_review_and_spread_over_positions() {
        // Over many reviews of one card, the first option lands in every position.
        let mut seen = [0u32; 4];
        for reps in 0..400 {
            let order = choice_order(7, reps, 4);
            let at = order.iter().position(|&o| o == 0).expect("a permutation");
            seen[at] += 1;
        }
        assert!(seen.iter().all(|&s| s > 60), "{seen:?}");
        assert_ne!(
            (0..8).map(|r| choice_order(7, r, 4)).collect::<Vec<_>>(),
            vec![choice_order(7, 0, 4); 8]
        );
    }
}
