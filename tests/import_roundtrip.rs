//! Property tests: exporting a deck and importing the result gives the same cards, for each
//! export format (what each format can carry; see README "Import and export"), and the
//! importers scale linearly.

use proptest::prelude::*;
use recall::deck::{parse_deck, Card, CardContent, Deck, DeckSource};
use recall::import::export::{export, ExportFormat};
use recall::import::{normalised_front, parse, settle, stable_id, Format};

/// Card text: printable, with the characters formats treat specially, trimmed, never empty.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 .,;:'\"!?()&<>#|\\[\\]\t\né世-]{1,30}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("not empty", |s| !s.is_empty())
}

fn cloze_text() -> impl Strategy<Value = String> {
    (
        text(),
        "[A-Za-z0-9 ]{1,10}",
        text(),
        proptest::option::of("[a-z ]{1,8}"),
        proptest::option::of("[a-z ?]{1,8}"),
    )
        .prop_map(|(a, gap, b, second, hint)| {
            let gap = gap.trim();
            let gap = if gap.is_empty() { "x" } else { gap };
            // `{{c1::hint}}` is Anki's numbered form, refused in a recall deck: such an
            // answer gets a letter before it.
            let numbered = gap.len() > 1
                && gap.starts_with('c')
                && gap[1..].bytes().all(|b| b.is_ascii_digit());
            let gap = if numbered && hint.is_some() {
                format!("x{gap}")
            } else {
                gap.to_string()
            };
            let gap = gap.as_str();
            // A hint (`{{answer::hint}}`, shown in the gap) travels with its gap.
            let gap = match hint.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
                Some(h) => format!("{gap}::{h}"),
                None => gap.to_string(),
            };
            let mut t = format!("{a} {{{{{gap}}}}} {b}");
            if let Some(g2) = second
                .map(|g| g.trim().to_string())
                .filter(|g| !g.is_empty())
            {
                t.push_str(&format!(" and {{{{{g2}}}}}"));
            }
            t
        })
}

fn tags() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[a-z0-9:_-]{1,8}", 0..3)
}

#[derive(Clone, Copy, Debug)]
enum Target {
    Anki,
    Csv,
    Toml,
}

fn card(target: Target) -> impl Strategy<Value = Card> {
    let basic = (text(), text()).prop_map(|(front, back)| CardContent::Basic { front, back });
    let cloze = cloze_text().prop_map(|text| CardContent::Cloze { text });
    let choice =
        (text(), proptest::collection::vec(text(), 2..5)).prop_map(|(front, mut choices)| {
            choices.sort();
            choices.dedup();
            if choices.len() < 2 {
                choices = vec!["yes".into(), "no".into()];
            }
            CardContent::Choice {
                front,
                answer: vec![choices.len() - 1],
                choices,
            }
        });
    let content = match target {
        Target::Toml => prop_oneof![basic, cloze, choice].boxed(),
        _ => prop_oneof![basic, cloze].boxed(),
    };
    (
        content,
        "[a-z0-9][a-z0-9-]{0,11}",
        tags(),
        proptest::option::of(text()),
        any::<bool>(),
        proptest::collection::vec(
            "https://[a-z]{1,8}\\.[a-z]{2,4}/[a-zA-Z0-9/._-]{0,20}",
            0..3,
        ),
    )
        .prop_map(move |(content, id, tags, explain, archived, source)| {
            // The Anki format keeps a basic card's explanation only as part of its back.
            let explain = match (target, &content) {
                (Target::Anki, CardContent::Basic { .. }) => None,
                _ => explain,
            };
            let id = match target {
                Target::Csv => stable_id(&content),
                _ => id,
            };
            Card {
                id,
                content,
                tags,
                explain,
                // Only recall's own TOML has a place for source links.
                source: if matches!(target, Target::Toml) {
                    source
                } else {
                    Vec::new()
                },
                // Exports for other tools leave archived cards out.
                archived: matches!(target, Target::Toml) && archived,
                line: 0,
            }
        })
}

fn deck(target: Target) -> impl Strategy<Value = Deck> {
    (
        proptest::collection::vec(card(target), 1..12),
        "[A-Za-z][A-Za-z0-9 :]{0,20}",
    )
        .prop_map(|(cards, title)| {
            let mut fronts = std::collections::HashSet::new();
            let mut ids = std::collections::HashSet::new();
            let cards = cards
                .into_iter()
                .filter(|c| fronts.insert(normalised_front(&c.content)) && ids.insert(c.id.clone()))
                .collect();
            Deck {
                id: "deck".into(),
                title: title.trim().to_string(),
                section: String::new(),
                description: None,
                cards,
                source: DeckSource::File("deck.toml".into()),
            }
        })
}

type Essence = Vec<(String, CardContent, Vec<String>, Option<String>, bool)>;

fn essence(cards: &[Card]) -> Essence {
    cards
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.content.clone(),
                c.tags.clone(),
                c.explain.clone(),
                c.archived,
            )
        })
        .collect()
}

fn reimport(text: &str, format: Format) -> (Option<String>, Essence) {
    let parsed = parse(format, text, "export").expect("our own export imports");
    let title = parsed.title.clone();
    let (cards, skipped) = settle(vec![("export".into(), parsed)]);
    assert_eq!(skipped, vec![], "nothing skipped");
    (title, essence(&cards))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn anki_export_then_import_is_the_identity(d in deck(Target::Anki)) {
        let text = export(&d, ExportFormat::Anki).expect("export");
        let (title, cards) = reimport(&text, Format::Anki);
        prop_assert_eq!(cards, essence(&d.cards));
        prop_assert_eq!(title, Some(d.title.clone()).filter(|t| !t.is_empty()));
    }

    #[test]
    fn csv_export_then_import_is_the_identity(d in deck(Target::Csv)) {
        let text = export(&d, ExportFormat::Csv).expect("export");
        let (_, cards) = reimport(&text, Format::Csv);
        prop_assert_eq!(cards, essence(&d.cards));
    }

    #[test]
    fn toml_export_then_import_is_the_identity(d in deck(Target::Toml)) {
        let text = export(&d, ExportFormat::Toml).expect("export");
        let (_, cards) = reimport(&text, Format::Toml);
        prop_assert_eq!(cards, essence(&d.cards));
        let back = parse_deck(&text, "t", DeckSource::File("t".into())).expect("valid");
        prop_assert_eq!(back.title, d.title);
    }
}

proptest! {
    /// The TOML writer escapes anything: quotes, backslashes, `"""`, control characters,
    /// leading and trailing line breaks.
    #[test]
    fn toml_writer_keeps_any_text(
        front in "(\\PC|[\"\\\\\n\r\t\u{0}-\u{1f}\u{7f}-\u{9f}]){1,40}",
        back in any::<String>(),
        tag in any::<String>(),
    ) {
        prop_assume!(!front.trim().is_empty() && !back.trim().is_empty());
        let d = Deck {
            id: "deck".into(),
            title: "T \"\"\" \\".into(),
            section: String::new(),
            description: Some("multi\nline\"".into()),
            cards: vec![Card {
                id: "a".into(),
                content: CardContent::Basic { front, back },
                tags: vec![tag],
                explain: Some("\n\"ends with a quote\"".into()),
                source: vec!["https://docs.aws.amazon.com/a\"b".into()],
                archived: true,
                line: 0,
            }],
            source: DeckSource::File("deck.toml".into()),
        };
        let text = export(&d, ExportFormat::Toml).expect("export");
        let back = parse_deck(&text, "t", DeckSource::File("t".into())).expect("valid TOML deck");
        prop_assert_eq!(essence(&back.cards), essence(&d.cards));
        prop_assert_eq!(back.title, d.title);
        prop_assert_eq!(back.description, d.description);
    }
}

// Import time growing linearly with the input (4,000 vs 40,000 rows) is measured by the
// `linear growth` group of `benches/import.rs`, not by a timed test here.
