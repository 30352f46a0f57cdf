//! Re-importing into a stored deck: cards are matched by id, so progress (keyed by id in the
//! review log) is kept; cards that vanished from the source are archived, never deleted.

use crate::deck::{Card, Deck};

/// How an import changed the stored deck.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Cards newly archived because the source no longer has them.
    pub archived: usize,
}

fn same(a: &Card, b: &Card) -> bool {
    a.content == b.content
        && a.tags == b.tags
        && a.explain == b.explain
        && a.source == b.source
        && a.archived == b.archived
}

/// The deck after importing `incoming` over `stored`: the source's cards in source order, then
/// the stored cards the source no longer has, archived.
pub fn merge(stored: Option<&Deck>, mut incoming: Deck) -> (Deck, MergeCounts) {
    let mut counts = MergeCounts::default();
    let Some(stored) = stored else {
        counts.added = incoming.cards.len();
        return (incoming, counts);
    };
    let old: std::collections::HashMap<&str, &Card> =
        stored.cards.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut seen = std::collections::HashSet::with_capacity(incoming.cards.len());
    for card in &incoming.cards {
        seen.insert(card.id.clone());
        match old.get(card.id.as_str()) {
            None => counts.added += 1,
            Some(o) if same(o, card) => counts.unchanged += 1,
            Some(_) => counts.updated += 1,
        }
    }
    for card in &stored.cards {
        if !seen.contains(&card.id) {
            if !card.archived {
                counts.archived += 1;
            }
            incoming.cards.push(Card {
                archived: true,
                ..card.clone()
            });
        }
    }
    (incoming, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{CardContent, DeckSource};

    fn card(id: &str, back: &str) -> Card {
        Card {
            id: id.into(),
            content: CardContent::Basic {
                front: format!("{id}?"),
                back: back.into(),
            },
            tags: vec![],
            explain: None,
            source: Vec::new(),
            archived: false,
            line: 1,
        }
    }

    fn deck(cards: Vec<Card>) -> Deck {
        Deck {
            id: "d".into(),
            title: "D".into(),
            section: String::new(),
            description: None,
            cards,
            source: DeckSource::File("d.toml".into()),
        }
    }

    #[test]
    fn counts_each_kind_of_change() {
        let stored = deck(vec![
            card("a", "1"),
            card("b", "2"),
            card("c", "3"),
            Card {
                archived: true,
                ..card("z", "0")
            },
        ]);
        let incoming = deck(vec![card("b", "2"), card("a", "changed"), card("new", "4")]);
        let (merged, counts) = merge(Some(&stored), incoming);
        assert_eq!(
            counts,
            MergeCounts {
                added: 1,
                updated: 1,
                unchanged: 1,
                archived: 1
            }
        );
        let ids: Vec<_> = merged
            .cards
            .iter()
            .map(|c| (c.id.as_str(), c.archived))
            .collect();
        assert_eq!(
            ids,
            [
                ("b", false),
                ("a", false),
                ("new", false),
                ("c", true),
                ("z", true)
            ]
        );
    }

    #[test]
    fn an_archived_card_that_returns_is_updated() {
        let stored = deck(vec![Card {
            archived: true,
            ..card("a", "1")
        }]);
        let (merged, counts) = merge(Some(&stored), deck(vec![card("a", "1")]));
        assert_eq!(counts.updated, 1);
        assert!(!merged.cards[0].archived);
    }
}
