use super::*;
use crate::browse::facts::sample::card;

fn sel(query: &str, cards: &[CardFacts]) -> Vec<String> {
    let q = parse(query).unwrap_or_else(|e| panic!("{query:?}: {e}"));
    cards
        .iter()
        .filter(|c| q.matches(c))
        .map(|c| c.id.clone())
        .collect()
}

fn cards() -> Vec<CardFacts> {
    let mut a = card(
        "a",
        "kms",
        "What does KMS encrypt?",
        "Data keys",
        &["kms", "security"],
    );
    a.lapses = 4;
    a.retrievability = Some(0.7);
    a.due_days = Some(0);
    let mut b = card(
        "b",
        "s3-basics",
        "Which S3 class is cheapest?",
        "Glacier Deep Archive",
        &["s3"],
    );
    b.suspended = true;
    b.due_days = Some(-1);
    let mut c = card(
        "c",
        "s3-security",
        "Café déjà vu: SSE-C needs HTTPS",
        "Yes",
        &["S3::Security"],
    );
    c.phase = Phase::New;
    c.due = None;
    c.due_days = None;
    c.stability = None;
    c.difficulty = None;
    c.retrievability = None;
    c.reps = 0;
    c.interval_days = 0;
    let mut d = card(
        "d",
        "kms",
        "Envelope encryption",
        "s3:GetObject and kms:Decrypt",
        &[],
    );
    d.phase = Phase::Relearning;
    d.leech = true;
    d.lapses = 8;
    d.buried = true;
    d.due_days = Some(2);
    let mut e = card("e", "old", "Archived question", "gone", &[]);
    e.archived = true;
    e.phase = Phase::Learning;
    e.due_days = Some(0);
    vec![a, b, c, d, e]
}

fn ids(list: &[&str]) -> Vec<String> {
    let all = cards();
    list.iter()
        .map(|x| {
            all.iter()
                .find(|c| c.id.ends_with(&format!("/{x}")))
                .expect("id")
                .id
                .clone()
        })
        .collect()
}

#[test]
fn an_empty_or_blank_query_matches_everything() {
    assert_eq!(sel("", &cards()).len(), 5);
    assert_eq!(sel("   ", &cards()).len(), 5);
    assert!(parse("").expect("empty").is_empty());
}

#[test]
fn words_are_anded_case_and_accent_insensitive_over_front_back_and_explain() {
    let mut cs = cards();
    cs[4].explain = "Explained by ÉNVELOPE".into();
    cs[4].folded_text = fold("Archived question\ngone\nExplained by ÉNVELOPE");
    assert_eq!(sel("kms", &cs), ids(&["a", "d"]));
    assert_eq!(sel("KMS data", &cs), ids(&["a"]));
    assert_eq!(sel("cafe DEJA", &cs), ids(&["c"]));
    assert_eq!(sel("glacier", &cs), ids(&["b"]));
    assert_eq!(sel("envelope", &cs), ids(&["d", "e"]));
}

#[test]
fn quoted_phrases_keep_their_spaces_and_colons() {
    assert_eq!(sel("\"deep archive\"", &cards()), ids(&["b"]));
    assert_eq!(sel("\"archive deep\"", &cards()), ids(&[]));
    assert_eq!(sel("\"is:new\"", &cards()), ids(&[]));
    // A word with an unknown field is text: IAM actions are searchable as typed.
    assert_eq!(sel("s3:getobject", &cards()), ids(&["d"]));
}

#[test]
fn deck_and_tag_take_wildcards() {
    assert_eq!(sel("deck:kms", &cards()), ids(&["a", "d"]));
    assert_eq!(sel("deck:s3*", &cards()), ids(&["b", "c"]));
    assert_eq!(sel("deck:*security", &cards()), ids(&["c"]));
    assert_eq!(sel("deck:s*y", &cards()), ids(&["c"]));
    assert_eq!(sel("deck:s3", &cards()), ids(&[]));
    assert_eq!(sel("DECK:KMS", &cards()), ids(&["a", "d"]));
    assert_eq!(sel("tag:kms", &cards()), ids(&["a"]));
    assert_eq!(sel("tag:s3*", &cards()), ids(&["b", "c"]));
    assert_eq!(sel("tag:s3::security", &cards()), ids(&["c"]));
    assert_eq!(sel("tag:sec*", &cards()), ids(&["a"]));
    // A leech carries the `leech` tag as Anki gives it.
    assert_eq!(sel("tag:leech", &cards()), ids(&["d"]));
    assert_eq!(sel("deck:\"kms\"", &cards()), ids(&["a", "d"]));
}

#[test]
fn is_selects_by_phase_and_state() {
    assert_eq!(sel("is:new", &cards()), ids(&["c"]));
    assert_eq!(sel("is:learning", &cards()), ids(&["d", "e"]));
    assert_eq!(sel("is:review", &cards()), ids(&["a", "b", "d"]));
    assert_eq!(sel("is:relearning", &cards()), ids(&["d"]));
    // Due: seen, due today or earlier, and studied today (not suspended, buried, archived).
    assert_eq!(sel("is:due", &cards()), ids(&["a"]));
    assert_eq!(sel("is:suspended", &cards()), ids(&["b"]));
    assert_eq!(sel("is:buried", &cards()), ids(&["d"]));
    assert_eq!(sel("is:leech", &cards()), ids(&["d"]));
    assert_eq!(sel("is:archived", &cards()), ids(&["e"]));
}

#[test]
fn prop_compares_with_every_operator() {
    assert_eq!(sel("prop:lapses>3", &cards()), ids(&["a", "d"]));
    assert_eq!(sel("prop:lapses>=8", &cards()), ids(&["d"]));
    assert_eq!(sel("prop:lapses<4", &cards()), ids(&["b", "c", "e"]));
    assert_eq!(sel("prop:lapses<=4", &cards()), ids(&["a", "b", "c", "e"]));
    assert_eq!(sel("prop:lapses=4", &cards()), ids(&["a"]));
    assert_eq!(sel("prop:lapses!=0", &cards()), ids(&["a", "d"]));
    assert_eq!(sel("prop:reps=0", &cards()), ids(&["c"]));
    assert_eq!(sel("prop:ivl>=10", &cards()), ids(&["a", "b", "d", "e"]));
    // New cards have no due date, recall or memory: `prop:` on those never selects them.
    assert_eq!(sel("prop:r<0.8", &cards()), ids(&["a"]));
    assert_eq!(sel("prop:due<=0", &cards()), ids(&["a", "b", "e"]));
    assert_eq!(sel("prop:due<0", &cards()), ids(&["b"]));
    assert_eq!(sel("prop:due<=2", &cards()).len(), 4);
    assert_eq!(sel("prop:s>=12", &cards()).len(), 4);
    assert_eq!(sel("prop:d<5", &cards()), ids(&[]));
    assert_eq!(sel("prop:due>-1.5", &cards()), ids(&["a", "b", "d", "e"]));
}

#[test]
fn minus_negates_a_term_or_a_group() {
    assert_eq!(sel("-deck:kms", &cards()), ids(&["b", "c", "e"]));
    assert_eq!(sel("-prop:r<0.8", &cards()), ids(&["b", "c", "d", "e"]));
    assert_eq!(sel("-(deck:kms or deck:s3*)", &cards()), ids(&["e"]));
    assert_eq!(sel("--deck:kms", &cards()), ids(&["a", "d"]));
    assert_eq!(sel("x-ray", &cards()), ids(&[]));
}

#[test]
fn or_binds_looser_than_and_and_parentheses_group() {
    assert_eq!(
        sel("deck:kms or is:suspended", &cards()),
        ids(&["a", "b", "d"])
    );
    assert_eq!(sel("deck:kms OR is:new", &cards()), ids(&["a", "c", "d"]));
    assert_eq!(
        sel("deck:kms is:leech or is:new", &cards()),
        ids(&["c", "d"])
    );
    assert_eq!(sel("deck:kms (is:leech or is:new)", &cards()), ids(&["d"]));
    assert_eq!(sel("(deck:kms)", &cards()), ids(&["a", "d"]));
    // A quoted `or` is a word to find ("Glacier Deep ARchive" has none; "encryption" has).
    assert_eq!(sel("\"ry\" or \"or\"", &cards()), ids(&["a", "d"]));
}

fn error(query: &str) -> QueryError {
    match parse(query) {
        Ok(_) => panic!("{query:?} should not parse"),
        Err(e) => e,
    }
}

#[test]
fn malformed_queries_name_the_column_and_what_was_expected() {
    let cases: &[(&str, usize, &str)] = &[
        ("kms \"open phrase", 5, "never closed"),
        ("(deck:kms", 1, "`(` is never closed"),
        ("deck:kms)", 9, "no `(`"),
        ("a ()", 4, "nothing between"),
        ("or kms", 1, "before it"),
        ("kms or", 5, "after it"),
        ("kms or or s3", 5, "after it"),
        ("kms or s3 (or x)", 12, "before it"),
        ("kms -", 5, "term"),
        ("kms (- )", 6, "`-` needs"),
        ("is:sleeping", 4, "not a card state"),
        ("  prop:lapse>3", 8, "not a property"),
        ("prop:lapses", 12, "needs a comparison"),
        ("prop:lapses=>3", 13, "`>3` is not a number"),
        ("prop:r<", 8, "expected a number"),
        ("prop:r<0.8x", 8, "`0.8x` is not a number"),
        ("prop:r<nan", 8, "not a number"),
        ("deck:", 6, "needs a name"),
        ("tag:", 5, "needs a name"),
        ("kms \"\"", 5, "empty phrase"),
        ("é is:x", 6, "not a card state"),
    ];
    for &(query, column, words) in cases {
        let e = error(query);
        assert_eq!(e.column, column, "{query:?}: {e}");
        assert!(e.message.contains(words), "{query:?}: {e}");
        assert!(e.to_string().starts_with(&format!("column {column}: ")));
    }
}

#[test]
fn a_search_nested_too_deep_is_refused_at_the_column_that_goes_too_deep() {
    // 50,000 parentheses overflowed the stack (a crash) before nesting was capped.
    for hostile in [
        format!("{}a{}", "(".repeat(50_000), ")".repeat(50_000)),
        format!("{}a", "-".repeat(100_000)),
        format!("{}a", "-(".repeat(40_000)),
    ] {
        let e = parse(&hostile).expect_err("refused");
        assert!(e.message.contains("nested more than 64 deep"), "{e}");
        assert_eq!(e.column, 65);
    }
    // 64 deep is still a search.
    let ok = format!("{}kms{}", "(".repeat(64), ")".repeat(64));
    assert!(parse(&ok).is_ok());
    assert!(parse(&format!("{}kms", "-".repeat(64))).is_ok());
}
