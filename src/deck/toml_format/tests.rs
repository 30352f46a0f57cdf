//! The TOML deck format: parsing, validation messages and writing.

use super::*;

fn parse(src: &str) -> Result<Deck, Vec<DeckError>> {
    parse_deck(src, "t.toml", DeckSource::Builtin("t.toml"))
}

fn messages(src: &str) -> Vec<String> {
    parse(src)
        .expect_err("deck should be rejected")
        .iter()
        .map(ToString::to_string)
        .collect()
}

const HEADER: &str = "[deck]\nid = \"d\"\ntitle = \"D\"\n";

#[test]
fn a_card_names_its_sources_as_https_urls() {
    let src = format!(
        "{HEADER}[[cards]]\nid = \"a\"\nfront = \"F\"\nback = \"B\"\n\
         source = \"https://docs.aws.amazon.com/s3/\"\n\
         [[cards]]\nid = \"b\"\nfront = \"F\"\nback = \"B\"\n\
         source = [\"https://a.example.com/x\", \"https://b.example.com/y?z#w\"]\n\
         [[cards]]\nid = \"c\"\nfront = \"F\"\nback = \"B\"\n"
    );
    let deck = parse(&src).expect("valid deck");
    assert_eq!(deck.cards[0].source, ["https://docs.aws.amazon.com/s3/"]);
    assert_eq!(
        deck.cards[1].source,
        ["https://a.example.com/x", "https://b.example.com/y?z#w"]
    );
    assert!(deck.cards[2].source.is_empty());
    let again = parse(&to_toml(&deck).expect("toml")).expect("round trip");
    assert_eq!(
        again.cards,
        deck.cards
            .iter()
            .map(|c| Card {
                line: again
                    .cards
                    .iter()
                    .find(|a| a.id == c.id)
                    .map_or(0, |a| a.line),
                ..c.clone()
            })
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_source_that_is_not_an_https_url_is_named_with_its_line() {
    let src = format!(
        "{HEADER}[[cards]]\nid = \"a\"\nfront = \"F\"\nback = \"B\"\nsource = \"http://docs.aws.amazon.com/\"\n\
         [[cards]]\nid = \"b\"\nfront = \"F\"\nback = \"B\"\nsource = [\"https://ok.example.com\", \"docs\"]\n\
         [[cards]]\nid = \"c\"\nfront = \"F\"\nback = \"B\"\nsource = []\n\
         [[cards]]\nid = \"d\"\nfront = \"F\"\nback = \"B\"\nsource = \"https://no host.com\"\n"
    );
    assert_eq!(
        messages(&src),
        [
            "t.toml:8:10: source \"http://docs.aws.amazon.com/\" is not an https URL; expected source = \"https://docs.aws.amazon.com/…\"",
            "t.toml:13:10: source \"docs\" is not an https URL; expected source = \"https://docs.aws.amazon.com/…\"",
            "t.toml:18:10: `source` is empty; expected source = \"https://…\" or a list of them",
            "t.toml:23:10: source \"https://no host.com\" is not an https URL; expected source = \"https://docs.aws.amazon.com/…\"",
        ]
    );
}

#[test]
fn https_urls_need_a_dotted_host() {
    assert!(is_https_url(
        "https://docs.aws.amazon.com/x y".trim_end_matches(" y")
    ));
    assert!(!is_https_url("https://localhost/x"));
    assert!(!is_https_url("https://.com/"));
    assert!(!is_https_url("https://a.com/\u{1b}]0;x"));
    assert!(!is_https_url("ftp://a.com/"));
}

#[test]
fn parses_all_three_kinds() {
    let src = format!(
        "{HEADER}[[cards]]\nid = \"a\"\nfront = \"F\"\nback = \"B\"\ntags = [\"x\"]\n\
         [[cards]]\nid = \"b\"\nkind = \"choice\"\nfront = \"Q\"\nchoices = [\"1\", \"2\"]\nanswer = 1\nexplain = \"E\"\n\
         [[cards]]\nid = \"c\"\nkind = \"cloze\"\ntext = \"a {{{{gap}}}}\"\n"
    );
    let deck = parse(&src).expect("valid deck");
    assert_eq!(deck.cards.len(), 3);
    assert_eq!(deck.cards[0].line, 4);
    assert_eq!(deck.cards[1].content.kind(), "choice");
    assert_eq!(deck.cards[1].explain.as_deref(), Some("E"));
    assert_eq!(deck.cards[2].content.answer_text(), "gap");
}

#[test]
fn duplicate_id_names_both_lines() {
    let src = format!(
        "{HEADER}[[cards]]\nid = \"x\"\nfront = \"F\"\nback = \"B\"\n[[cards]]\nid = \"x\"\nfront = \"G\"\nback = \"C\"\n"
    );
    assert_eq!(
        messages(&src),
        ["t.toml:8:1: duplicate card id \"x\" (first used on line 4)"]
    );
}

#[test]
fn not_toml_gives_parser_line_and_column() {
    let m = messages("[deck]\nid = \"d\"\ntitle = oops\n");
    assert_eq!(m.len(), 1);
    assert!(m[0].starts_with("t.toml:3:9: "), "{m:?}");
}

#[test]
fn every_problem_is_listed_at_once() {
    let src = format!(
        "{HEADER}[[cards]]\nfront = \"F\"\nback = \"B\"\n[[cards]]\nid = \"y\"\nkind = \"cloze\"\ntext = \"no gap\"\n"
    );
    let m = messages(&src);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].contains("card 1 has no `id`"));
    assert!(m[1].contains("no {{...}} gap"));
}

#[test]
fn unknown_keys_are_reported_with_the_other_problems() {
    let src = "top = 1\n[deck]\nid = \"d\"\ntitle = \"\"\ncolour = \"red\"\n\
               [[cards]]\nid = \"a\"\nfront = \"F\"\nback = \"\"\nhint = 2\n";
    assert_eq!(
        messages(src),
        [
            "t.toml:1:1: unknown field `top`, expected `deck` or `cards`",
            "t.toml:4:9: `title` is empty; expected text",
            "t.toml:5:1: unknown field `colour`, expected one of `id`, `title`, `section`, `description`",
            "t.toml:9:8: `back` is empty; expected text",
            "t.toml:10:1: unknown field `hint`, expected one of `id`, `kind`, `front`, `back`, `choices`, `answer`, `text`, `explain`, `source`, `tags`, `archived`",
        ]
    );
}

#[test]
fn duplicate_id_and_bad_answer_show_beside_the_cards_other_problems() {
    let src = format!(
        "{HEADER}[[cards]]\nid = \"x\"\nfront = \"F\"\nback = \"B\"\n\
         [[cards]]\nid = \"x\"\nkind = \"choice\"\nfront = \" \"\nchoices = [\"a\", \"a\"]\nanswer = 7\ntext = \"t\"\n"
    );
    assert_eq!(
        messages(&src),
        [
            "t.toml:8:1: duplicate card id \"x\" (first used on line 4)",
            "t.toml:11:9: `front` is empty; expected text",
            "t.toml:12:11: `choices` lists \"a\" twice",
            "t.toml:13:10: `answer` 7 is out of range; expected an index from 0 to 1 (choices count from 0)",
            "t.toml:14:8: `text` is not used by choice cards; remove it",
        ]
    );
}

#[test]
fn a_duplicate_of_a_broken_card_is_still_a_duplicate() {
    let src = format!(
        "{HEADER}[[cards]]\nid = \"x\"\nfront = \"\"\nback = \"B\"\n[[cards]]\nid = \"x\"\nfront = \"G\"\nback = \"C\"\n"
    );
    assert_eq!(
        messages(&src),
        [
            "t.toml:6:9: `front` is empty; expected text",
            "t.toml:8:1: duplicate card id \"x\" (first used on line 4)",
        ]
    );
}

#[test]
fn a_type_error_costs_only_its_card() {
    let src = format!(
        "{HEADER}[[cards]]\nid = \"a\"\nfront = 3\nback = \"B\"\n[[cards]]\nfront = \"F\"\nback = \"B\"\n"
    );
    let m = messages(&src);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        m[0].starts_with("t.toml:6:9: invalid type: integer `3`"),
        "{m:?}"
    );
    assert_eq!(
        m[1],
        "t.toml:8:1: card 2 has no `id`; expected id = \"some-id\""
    );
}

#[test]
fn missing_answer_is_reported_even_when_choices_are_missing() {
    let src = format!("{HEADER}[[cards]]\nid = \"q\"\nkind = \"choice\"\nfront = \"Q\"\n");
    let m = messages(&src);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].contains("needs `choices`"), "{m:?}");
    assert!(m[1].contains("needs `answer`"), "{m:?}");
}

#[test]
fn every_documented_key_is_accepted() {
    let src = "[deck]\nid = \"d\"\ntitle = \"D\"\nsection = \"S\"\ndescription = \"x\"\n\
               [[cards]]\nid = \"a\"\nkind = \"choice\"\nfront = \"Q\"\nchoices = [\"1\", \"2\"]\nanswer = 0\n\
               explain = \"E\"\nsource = \"https://docs.aws.amazon.com/\"\ntags = [\"t\"]\narchived = true\n\
               [[cards]]\nid = \"b\"\nfront = \"F\"\nback = \"B\"\n[[cards]]\nid = \"c\"\nkind = \"cloze\"\ntext = \"{{g}}\"\n";
    let deck = parse(src).expect("every key of the format is known");
    assert_eq!(deck.description.as_deref(), Some("x"));
    assert!(deck.cards[0].archived);
    let keys = |fields: &[&str]| fields.iter().all(|f| src.contains(&format!("\n{f} = ")));
    assert!(
        keys(HEADER_FIELDS) && keys(CARD_FIELDS),
        "test covers every key"
    );
}

#[test]
fn round_trips_through_to_toml() {
    let src = format!(
        "{HEADER}section = \"S\"\n[[cards]]\nid = \"a\"\nfront = \"F \\\"q\\\"\\nline\"\nback = \"B\"\n\
         [[cards]]\nid = \"b\"\nkind = \"choice\"\nfront = \"Q\"\nchoices = [\"1\", \"2\", \"3\"]\nanswer = [0, 2]\n\
         [[cards]]\nid = \"c\"\nkind = \"cloze\"\ntext = \"a {{{{gap}}}}\"\nexplain = \"e\"\narchived = true\n"
    );
    let deck = parse(&src).expect("valid");
    let again = parse(&to_toml(&deck).expect("serialises")).expect("re-parses");
    let strip = |d: &Deck| {
        d.cards
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.content.clone(),
                    c.explain.clone(),
                    c.archived,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&deck), strip(&again));
    assert_eq!(deck.section, again.section);
}

#[test]
fn ids_over_the_length_limit_name_the_limit() {
    let long = "x".repeat(129);
    let m = messages(&format!(
        "[deck]\nid = \"{long}\"\ntitle = \"D\"\n[[cards]]\nid = \"{long}\"\nfront = \"f\"\nback = \"b\"\n"
    ));
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        m[0].contains("deck id") && m[0].contains("at most 128"),
        "{m:?}"
    );
    assert!(
        m[1].contains("card id") && m[1].contains("at most 128"),
        "{m:?}"
    );
}

#[test]
fn too_many_choices_is_one_clear_error() {
    let choices: Vec<String> = (0..200_000).map(|i| format!("\"o{i}\"")).collect();
    let src = format!(
        "{HEADER}[[cards]]\nid = \"c\"\nkind = \"choice\"\nfront = \"Q\"\nchoices = [{}]\nanswer = 0\n",
        choices.join(", ")
    );
    let m = messages(&src);
    assert_eq!(
        m,
        [format!(
            "t.toml:8:11: `choices` has 200000 options; expected at most {MAX_CHOICES}"
        )]
    );
    // At the cap, a duplicate is still found (with a set, not by comparing every pair).
    let mut many: Vec<String> = (0..MAX_CHOICES).map(|i| format!("\"o{i}\"")).collect();
    many[MAX_CHOICES - 1] = "\"o3\"".into();
    let m = messages(&format!(
        "{HEADER}[[cards]]\nid = \"c\"\nkind = \"choice\"\nfront = \"Q\"\nchoices = [{}]\nanswer = 0\n",
        many.join(", ")
    ));
    assert_eq!(m, ["t.toml:8:11: `choices` lists \"o3\" twice"]);
}

#[test]
fn cloze_hints_round_trip_through_to_toml() {
    let src = format!(
        "{HEADER}[[cards]]\nid = \"c\"\nkind = \"cloze\"\n\
         text = \"Deep Archive: {{{{12 hours::how long?}}}}, {{{{lowest}}}} cost, {{{{180::days}}}}\"\n"
    );
    let deck = parse(&src).expect("valid");
    let again = parse(&to_toml(&deck).expect("serialises")).expect("re-parses");
    assert_eq!(deck.cards[0].content, again.cards[0].content);
    assert_eq!(
        again.cards[0].content.prompt(),
        "Deep Archive: [how long?], [...] cost, [days]"
    );
    assert_eq!(
        again.cards[0].content.answer_text(),
        "12 hours; lowest; 180"
    );
}

#[test]
fn a_hint_without_an_answer_or_with_braces_is_named_with_its_line() {
    let m = messages(&format!(
        "{HEADER}[[cards]]\nid = \"c\"\nkind = \"cloze\"\ntext = \"a {{{{::hint}}}} b {{{{x}}}}\"\n"
    ));
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("t.toml:7"), "{m:?}");
    assert!(m[0].contains("has a hint but no answer"), "{m:?}");
    let m = messages(&format!(
        "{HEADER}[[cards]]\nid = \"c\"\nkind = \"cloze\"\ntext = \"a {{{{x::see }}}} here}}}}\"\n"
    ));
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("t.toml:7"), "{m:?}");
    assert!(m[0].contains("cannot hold"), "{m:?}");
}
