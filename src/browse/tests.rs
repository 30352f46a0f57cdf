use super::facts::sample::card;
use super::*;

fn index() -> Index {
    let mut cs: Vec<CardFacts> = (0..6)
        .map(|i| {
            let mut c = card(&format!("c{i}"), "d", &format!("front {}", 5 - i), "b", &[]);
            c.entry = i;
            c.lapses = (i % 3) as u32;
            c
        })
        .collect();
    cs[2].stability = None;
    Index::new(cs)
}

fn ids(index: &Index, found: &[u32]) -> Vec<usize> {
    found
        .iter()
        .map(|&i| index.facts()[i as usize].entry)
        .collect()
}

#[test]
fn search_sorts_by_a_column_with_ties_in_collection_order_both_ways() {
    let ix = index();
    let all = parse("").expect("empty");
    assert_eq!(
        ids(&ix, &ix.search(&all, SortKey::Deck, false)),
        [0, 1, 2, 3, 4, 5]
    );
    assert_eq!(
        ids(&ix, &ix.search(&all, SortKey::Front, false)),
        [5, 4, 3, 2, 1, 0]
    );
    assert_eq!(
        ids(&ix, &ix.search(&all, SortKey::Lapses, false)),
        [0, 3, 1, 4, 2, 5]
    );
    assert_eq!(
        ids(&ix, &ix.search(&all, SortKey::Lapses, true)),
        [2, 5, 1, 4, 0, 3]
    );
    // No stability (a new card) sorts first.
    assert_eq!(ids(&ix, &ix.search(&all, SortKey::Stability, false))[0], 2);
    let some = parse("prop:lapses>0").expect("query");
    assert_eq!(
        ids(&ix, &ix.search(&some, SortKey::Lapses, true)),
        [2, 5, 1, 4]
    );
}

/// A small collection replayed from a log: deck `d` with cards a (answered Good, then
/// suspended), b (new) and a cloze card c.
pub(crate) fn collection() -> (crate::study::Collection, crate::schedule::Scheduler, i64) {
    use crate::deck::{parse_deck, DeckSource};
    use crate::store::{EventKind, LoadedLog, LogEvent};
    let src = "[deck]\nid = \"d\"\ntitle = \"D\"\n\n[[cards]]\nid = \"a\"\nfront = \"Qué\\nfront\"\nback = \"Back A\"\nexplain = \"Why\"\ntags = [\"kms\"]\n\n[[cards]]\nid = \"b\"\nfront = \"B?\"\nback = \"B.\"\n\n[[cards]]\nid = \"c\"\nkind = \"cloze\"\ntext = \"SSE-C needs {{HTTPS}}\"\n";
    let deck = parse_deck(src, "d.toml", DeckSource::File("/x/d.toml".into())).expect("deck");
    let s = crate::schedule::Scheduler::new(Default::default()).expect("defaults");
    let t0 = 1_795_428_000_000;
    let log = LoadedLog {
        cards: vec!["d/a".into()],
        events: vec![
            LogEvent {
                at: t0,
                card: 0,
                kind: EventKind::Review { rating: 3, ms: 0 },
            },
            LogEvent {
                at: t0 + 1000,
                card: 0,
                kind: EventKind::Suspend,
            },
        ],
        ..LoadedLog::default()
    };
    let col = crate::study::Collection::replay(vec![deck], &log, &s, t0 + 2000);
    (col, s, t0 + 2000)
}

#[test]
fn collect_gives_one_row_per_card_from_the_replayed_collection() {
    let (col, s, now) = collection();
    let facts = collect(&col, &s, now);
    assert_eq!(facts.len(), 3);
    let a = &facts[0];
    assert_eq!(
        (a.id.as_str(), a.deck.as_str(), a.kind),
        ("d/a", "d", "basic")
    );
    assert_eq!(a.front, "Qué front");
    assert_eq!((a.back.as_str(), a.explain.as_str()), ("Back A", "Why"));
    assert_eq!(a.tags, ["kms"]);
    assert_eq!(a.phase, crate::schedule::Phase::Learning);
    assert!(a.suspended && !a.buried && !a.leech && !a.archived);
    assert_eq!((a.reps, a.due_days), (1, Some(0)));
    assert!(a.stability.is_some() && a.retrievability.is_some());
    assert_eq!(a.file.as_deref(), Some(std::path::Path::new("/x/d.toml")));
    assert_eq!(a.location(&col), "/x/d.toml:5");
    let b = &facts[1];
    assert_eq!(
        (b.phase, b.due, b.stability),
        (crate::schedule::Phase::New, None, None)
    );
    assert_eq!(
        (facts[2].kind, facts[2].front.as_str()),
        ("cloze", "SSE-C needs [...]")
    );
    let q = parse("que tag:kms is:suspended").expect("query");
    assert!(q.matches(a) && !q.matches(b));
    assert!(parse("https").expect("q").matches(&facts[2]));
}

#[test]
fn search_over_the_text_buffer_selects_exactly_what_matches_selects() {
    let mut cs: Vec<CardFacts> = Vec::new();
    for (i, (front, back)) in [
        ("KMS keys", "envelope"),
        ("S3 classes", "Glacier"),
        ("kms grants", "s3 access"),
        ("x", "y"),
        ("Keys and grants", "KMS"),
    ]
    .iter()
    .enumerate()
    {
        let mut c = card(
            &format!("c{i}"),
            if i % 2 == 0 { "kms" } else { "s3" },
            front,
            back,
            &[],
        );
        c.entry = i;
        c.lapses = i as u32;
        cs.push(c);
    }
    let ix = Index::new(cs);
    for text in [
        "kms",
        "grants kms",
        "\"kms grants\"",
        "kms or glacier",
        "-kms",
        "s3 -deck:s3",
        "ys\\nKMS",
        "keys prop:lapses>0",
        "y",
        "\"s x\"",
    ] {
        let q = parse(text).expect("query");
        let want: Vec<u32> = (0..ix.facts().len() as u32)
            .filter(|&i| q.matches(&ix.facts()[i as usize]))
            .collect();
        assert_eq!(ix.search(&q, SortKey::Deck, false), want, "{text}");
        let mut rev = ix.search(&q, SortKey::Deck, true);
        rev.reverse();
        assert_eq!(rev, want, "{text}");
    }
}
