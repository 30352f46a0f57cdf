//! The TOML deck format (see README "Deck format"): parsing, validation and writing.
//!
//! Parsing reads the file into a spanned TOML table, reports and drops unknown keys, turns the
//! header and each card into raw serde structs that keep source spans (a type error costs only
//! that table), then a validation pass checks every field of every card, so `recall check`
//! lists every problem of a file in one run, in file order.

use std::collections::HashMap;

use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use super::error::{line_col, LineIndex};
use super::{Card, CardContent, Deck, DeckError, DeckSource};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    section: String,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCard {
    id: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    front: Option<Spanned<String>>,
    back: Option<Spanned<String>>,
    choices: Option<Spanned<Vec<String>>>,
    answer: Option<Spanned<RawAnswer>>,
    text: Option<Spanned<String>>,
    explain: Option<String>,
    source: Option<Spanned<RawSource>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    archived: bool,
}

/// `source = "https://…"` or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawSource {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawAnswer {
    One(i64),
    Many(Vec<i64>),
}

/// Checks ids the way the log needs them: no `/` (it separates deck and card), no spaces, at
/// most 128 bytes. Deck ids (`allow_upper` false) are lowercase; card ids may also hold
/// uppercase, `_` and `.`. Public so that import produces only ids this parser accepts.
pub fn valid_id(id: &str, allow_upper: bool) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id.chars().all(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || c == '-'
                || (allow_upper && (c.is_ascii_uppercase() || c == '_' || c == '.'))
        })
}

struct Ctx<'a> {
    src: &'a str,
    lines: LineIndex,
    file: &'a str,
    errors: Vec<DeckError>,
}

impl Ctx<'_> {
    fn err(&mut self, offset: usize, message: impl Into<String>) {
        let (line, col) = self.lines.line_col(self.src, offset);
        self.errors
            .push(DeckError::at(self.file, Some(line), Some(col), message));
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line_col(self.src, offset).0
    }

    /// A required, non-empty text field of a card.
    fn text(
        &mut self,
        card_at: usize,
        field: &str,
        kind: &str,
        v: Option<Spanned<String>>,
    ) -> Option<String> {
        match v {
            None => {
                self.err(card_at, format!("{kind} card needs `{field}`"));
                None
            }
            Some(s) if s.get_ref().trim().is_empty() => {
                self.err(s.span().start, format!("`{field}` is empty; expected text"));
                None
            }
            Some(s) => Some(s.into_inner()),
        }
    }

    /// Flags fields that do not belong to the card's kind.
    fn forbid(&mut self, kind: &str, present: &[(&str, Option<usize>)]) {
        for (field, at) in present {
            if let Some(at) = at {
                self.err(
                    *at,
                    format!("`{field}` is not used by {kind} cards; remove it"),
                );
            }
        }
    }
}

fn span_of<T>(v: &Option<Spanned<T>>) -> Option<usize> {
    v.as_ref().map(|s| s.span().start)
}

/// Every key a deck file may hold, per table: keys outside these lists are reported (with the
/// line of the key) and dropped before the typed parse, so that one stray key does not hide
/// the other problems of the file. Must match the `Raw*` structs (`deny_unknown_fields` stays
/// on them as a safety net).
const ROOT_FIELDS: &[&str] = &["deck", "cards"];
const HEADER_FIELDS: &[&str] = &["id", "title", "section", "description"];
const CARD_FIELDS: &[&str] = &[
    "id", "kind", "front", "back", "choices", "answer", "text", "explain", "source", "tags",
    "archived",
];

impl Ctx<'_> {
    /// Reports and removes the keys of `table` that are not in `fields`, with serde's wording.
    fn unknown_keys(&mut self, table: &mut DeTable<'_>, fields: &'static [&'static str]) {
        if table.keys().all(|k| fields.contains(&k.get_ref().as_ref())) {
            return;
        }
        let unknown: Vec<(usize, String)> = table
            .keys()
            .filter(|k| !fields.contains(&k.get_ref().as_ref()))
            .map(|k| (k.span().start, k.get_ref().to_string()))
            .collect();
        for (at, key) in unknown {
            table.remove(key.as_str());
            let e = <toml::de::Error as serde::de::Error>::unknown_field(&key, fields);
            self.err(at, e.message().trim().replace('\n', " "));
        }
    }

    /// Drops unknown keys from `value` if it is a table, then deserializes it; a type error
    /// becomes a problem of this file instead of ending the parse.
    fn typed<T: serde::de::DeserializeOwned>(
        &mut self,
        mut value: Spanned<DeValue<'_>>,
        fields: &'static [&'static str],
    ) -> Option<T> {
        if let DeValue::Table(table) = value.get_mut() {
            self.unknown_keys(table, fields);
        }
        T::deserialize(ValueDeserializer::from(value))
            .map_err(|e| self.errors.push(toml_error(self.src, self.file, &e)))
            .ok()
    }
}

/// Parses and validates one deck file; `file` is the name used in error messages.
///
/// Every problem of the file is returned, in file order; only a TOML syntax error (the file
/// cannot be read at all) stops at the first.
pub fn parse_deck(src: &str, file: &str, source: DeckSource) -> Result<Deck, Vec<DeckError>> {
    let mut root = DeTable::parse(src)
        .map_err(|e| vec![toml_error(src, file, &e)])?
        .into_inner();
    let mut ctx = Ctx {
        src,
        lines: LineIndex::new(src),
        file,
        errors: Vec::new(),
    };
    ctx.unknown_keys(&mut root, ROOT_FIELDS);
    let header: Option<Spanned<RawHeader>> = match root.remove("deck") {
        Some(v) => ctx.typed(v, HEADER_FIELDS),
        None => {
            ctx.err(0, "missing field `deck`");
            None
        }
    };
    let mut cards_broken = false;
    let raw_cards: Vec<Option<Spanned<RawCard>>> = match root.remove("cards") {
        None => Vec::new(),
        Some(v) => {
            let span = v.span();
            match v.into_inner() {
                DeValue::Array(items) => items
                    .into_iter()
                    .map(|item| ctx.typed(item, CARD_FIELDS))
                    .collect(),
                // Not a list of tables: serde words the problem.
                other => {
                    ctx.typed::<Vec<Spanned<RawCard>>>(Spanned::new(span, other), &[]);
                    cards_broken = true;
                    Vec::new()
                }
            }
        }
    };

    if let Some(header) = &header {
        let header_at = header.span().start;
        let header = header.get_ref();
        if !valid_id(header.id.get_ref(), false) {
            ctx.err(
                header.id.span().start,
                format!(
                    "deck id {:?} is not valid; expected lowercase letters, digits and '-'",
                    header.id.get_ref()
                ),
            );
        }
        if header.title.get_ref().trim().is_empty() {
            ctx.err(header.title.span().start, "`title` is empty; expected text");
        }
        if raw_cards.is_empty() && !cards_broken {
            ctx.err(
                header_at,
                "the deck has no cards; expected at least one [[cards]] table",
            );
        }
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut cards = Vec::with_capacity(raw_cards.len());
    for (n, spanned) in raw_cards.into_iter().enumerate() {
        let Some(spanned) = spanned else { continue };
        let at = spanned.span().start;
        let line = ctx.line(at);
        let (id, card) = validate_card(&mut ctx, n + 1, at, spanned.into_inner());
        let Some(id) = id else { continue };
        match seen.get(&id) {
            Some(first) => ctx.err(
                at,
                format!("duplicate card id {id:?} (first used on line {first})"),
            ),
            None => {
                seen.insert(id, line);
                if let Some(card) = card {
                    cards.push(Card { line, ..card });
                }
            }
        }
    }

    let header = match header {
        Some(h) if ctx.errors.is_empty() => h.into_inner(),
        _ => {
            let mut errors = ctx.errors;
            errors.sort_by_key(|e| (e.line.unwrap_or(0), e.col.unwrap_or(0)));
            return Err(errors);
        }
    };
    Ok(Deck {
        id: header.id.into_inner(),
        title: header.title.into_inner(),
        section: header.section,
        description: header.description,
        cards,
        source,
    })
}

/// Checks every field of one card, reporting all its problems; returns its id when the id is
/// valid (so duplicates are found even among broken cards) and the card when all is well.
fn validate_card(
    ctx: &mut Ctx,
    n: usize,
    at: usize,
    mut raw: RawCard,
) -> (Option<String>, Option<Card>) {
    let id = match &raw.id {
        None => {
            ctx.err(
                at,
                format!("card {n} has no `id`; expected id = \"some-id\""),
            );
            None
        }
        Some(id) if !valid_id(id.get_ref(), true) => {
            ctx.err(
                id.span().start,
                format!(
                    "card id {:?} is not valid; expected letters, digits, '-', '_' or '.'",
                    id.get_ref()
                ),
            );
            None
        }
        Some(id) => Some(id.get_ref().clone()),
    };

    let content = validate_content(ctx, at, &mut raw);
    let source = validate_source(ctx, raw.source.take());
    let card = content.and_then(|content| {
        Some(Card {
            id: id.clone()?,
            content,
            tags: raw.tags,
            explain: raw.explain.filter(|e| !e.trim().is_empty()),
            source: source?,
            archived: raw.archived,
            line: 0,
        })
    });
    (id, card)
}

/// The card's `source` links, each an https URL; None (after reporting) when one is not.
fn validate_source(ctx: &mut Ctx, raw: Option<Spanned<RawSource>>) -> Option<Vec<String>> {
    let Some(raw) = raw else {
        return Some(Vec::new());
    };
    let at = raw.span().start;
    let urls = match raw.into_inner() {
        RawSource::One(url) => vec![url],
        RawSource::Many(urls) => urls,
    };
    if urls.is_empty() {
        ctx.err(
            at,
            "`source` is empty; expected source = \"https://…\" or a list of them",
        );
        return None;
    }
    let mut ok = true;
    for url in &urls {
        if !is_https_url(url) {
            ctx.err(
                at,
                format!("source {url:?} is not an https URL; expected source = \"https://docs.aws.amazon.com/…\""),
            );
            ok = false;
        }
    }
    ok.then_some(urls)
}

/// An `https://host/…` URL with a dotted host and no spaces or control characters.
pub fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':');
    host_ok && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The card's kind-specific fields (taken out of `raw`), every problem reported.
fn validate_content(ctx: &mut Ctx, at: usize, raw: &mut RawCard) -> Option<CardContent> {
    let kind = raw.kind.as_ref().map_or("basic", |k| k.get_ref().as_str());
    match kind {
        "basic" => {
            ctx.forbid(
                "basic",
                &[
                    ("choices", span_of(&raw.choices)),
                    ("answer", span_of(&raw.answer)),
                    ("text", span_of(&raw.text)),
                ],
            );
            let front = ctx.text(at, "front", "a basic", raw.front.take());
            let back = ctx.text(at, "back", "a basic", raw.back.take());
            Some(CardContent::Basic {
                front: front?,
                back: back?,
            })
        }
        "choice" => {
            ctx.forbid(
                "choice",
                &[("back", span_of(&raw.back)), ("text", span_of(&raw.text))],
            );
            let front = ctx.text(at, "front", "a choice", raw.front.take());
            // The answer is checked against the number of options even when the options
            // have other problems; with fewer than 2 its range cannot be judged yet.
            let n = raw.choices.as_ref().map(|c| c.get_ref().len());
            let choices = validate_choices(ctx, at, raw.choices.take());
            let answer = match n.filter(|&n| n >= 2) {
                Some(n) => validate_answer(ctx, at, raw.answer.take(), n),
                None => {
                    if raw.answer.is_none() {
                        ctx.err(
                            at,
                            "a choice card needs `answer`, an index into `choices` (counting from 0)",
                        );
                    }
                    None
                }
            };
            Some(CardContent::Choice {
                front: front?,
                choices: choices?,
                answer: answer?,
            })
        }
        "cloze" => {
            ctx.forbid(
                "cloze",
                &[
                    ("front", span_of(&raw.front)),
                    ("back", span_of(&raw.back)),
                    ("choices", span_of(&raw.choices)),
                    ("answer", span_of(&raw.answer)),
                ],
            );
            let text_at = span_of(&raw.text).unwrap_or(at);
            let text = ctx.text(at, "text", "a cloze", raw.text.take())?;
            if super::cloze_gaps(&text).iter().all(|g| g.trim().is_empty()) {
                ctx.err(
                    text_at,
                    "cloze text has no {{...}} gap; expected e.g. \"S3 is {{object}} storage\"",
                );
                return None;
            }
            Some(CardContent::Cloze { text })
        }
        other => {
            let kind_at = span_of(&raw.kind).unwrap_or(at);
            ctx.err(
                kind_at,
                format!("unknown card kind {other:?}; expected \"basic\", \"choice\" or \"cloze\""),
            );
            None
        }
    }
}

fn validate_choices(
    ctx: &mut Ctx,
    at: usize,
    choices: Option<Spanned<Vec<String>>>,
) -> Option<Vec<String>> {
    let Some(choices) = choices else {
        ctx.err(
            at,
            "a choice card needs `choices`, a list of at least 2 options",
        );
        return None;
    };
    let start = choices.span().start;
    let list = choices.into_inner();
    if list.len() < 2 {
        ctx.err(
            start,
            format!(
                "`choices` has {} option(s); expected at least 2",
                list.len()
            ),
        );
        return None;
    }
    if list.iter().any(|c| c.trim().is_empty()) {
        ctx.err(
            start,
            "`choices` has an empty option; expected text in each",
        );
        return None;
    }
    for (i, c) in list.iter().enumerate() {
        if list[..i].contains(c) {
            ctx.err(start, format!("`choices` lists {c:?} twice"));
            return None;
        }
    }
    Some(list)
}

fn validate_answer(
    ctx: &mut Ctx,
    at: usize,
    answer: Option<Spanned<RawAnswer>>,
    n: usize,
) -> Option<Vec<usize>> {
    let Some(answer) = answer else {
        ctx.err(
            at,
            format!("a choice card needs `answer`, an index from 0 to {}", n - 1),
        );
        return None;
    };
    let start = answer.span().start;
    let list = match answer.into_inner() {
        RawAnswer::One(i) => vec![i],
        RawAnswer::Many(v) => v,
    };
    if list.is_empty() {
        ctx.err(
            start,
            "`answer` is an empty list; expected at least one index",
        );
        return None;
    }
    let mut out = Vec::with_capacity(list.len());
    for i in list {
        match usize::try_from(i).ok().filter(|&i| i < n) {
            Some(i) if out.contains(&i) => {
                ctx.err(start, format!("`answer` lists {i} twice"));
                return None;
            }
            Some(i) => out.push(i),
            None => {
                ctx.err(
                    start,
                    format!(
                        "`answer` {i} is out of range; expected an index from 0 to {} (choices count from 0)",
                        n - 1
                    ),
                );
                return None;
            }
        }
    }
    if out.len() >= n {
        ctx.err(
            start,
            "`answer` marks every option as right; expected fewer",
        );
        return None;
    }
    Some(out)
}

fn toml_error(src: &str, file: &str, e: &toml::de::Error) -> DeckError {
    let (line, col) = match e.span() {
        Some(span) => {
            let (l, c) = line_col(src, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    DeckError::at(file, line, col, e.message().trim().replace('\n', " "))
}

/// Writes a deck in the TOML format so that `parse_deck(to_toml(d))` gives `d` back.
///
/// Written directly rather than through serde: an imported 10,000-card deck is written on every
/// re-import, and the generic serializer took most of that time. Text with line breaks uses
/// multi-line strings so the file stays easy to edit by hand.
pub fn to_toml(deck: &Deck) -> Result<String, toml::ser::Error> {
    let mut out = String::with_capacity(256 + deck.cards.len() * 256);
    out.push_str("[deck]\n");
    field(&mut out, "id", &deck.id);
    field(&mut out, "title", &deck.title);
    if !deck.section.is_empty() {
        field(&mut out, "section", &deck.section);
    }
    if let Some(d) = &deck.description {
        field(&mut out, "description", d);
    }
    for c in &deck.cards {
        out.push_str("\n[[cards]]\n");
        field(&mut out, "id", &c.id);
        match &c.content {
            CardContent::Basic { front, back } => {
                field(&mut out, "front", front);
                field(&mut out, "back", back);
            }
            CardContent::Choice {
                front,
                choices,
                answer,
            } => {
                field(&mut out, "kind", "choice");
                field(&mut out, "front", front);
                list(&mut out, "choices", choices);
                match answer.as_slice() {
                    [one] => out.push_str(&format!("answer = {one}\n")),
                    many => out.push_str(&format!(
                        "answer = [{}]\n",
                        many.iter()
                            .map(usize::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
            }
            CardContent::Cloze { text } => {
                field(&mut out, "kind", "cloze");
                field(&mut out, "text", text);
            }
        }
        if let Some(e) = &c.explain {
            field(&mut out, "explain", e);
        }
        match c.source.as_slice() {
            [] => {}
            [one] => field(&mut out, "source", one),
            many => list(&mut out, "source", many),
        }
        if !c.tags.is_empty() {
            list(&mut out, "tags", &c.tags);
        }
        if c.archived {
            out.push_str("archived = true\n");
        }
    }
    Ok(out)
}

fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    string(out, value);
    out.push('\n');
}

fn list(out: &mut String, key: &str, values: &[String]) {
    out.push_str(key);
    out.push_str(" = [");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, v);
    }
    out.push_str("]\n");
}

/// A TOML basic string, multi-line (`"""`) when the text has line breaks; every quote,
/// backslash and control character other than the line break is escaped.
fn string(out: &mut String, s: &str) {
    let multi = s.contains('\n');
    out.push_str(if multi { "\"\"\"\n" } else { "\"" });
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multi => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str(if multi { "\"\"\"" } else { "\"" });
}

#[cfg(test)]
mod tests {
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
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const VALID: &str = include_str!("../../tests/fixtures/decks/valid.toml");

    /// Lines and values that make a deck wrong in every way the validator knows, and some it
    /// does not (odd types, tables where values go, huge numbers, non-ASCII keys).
    const SNIPPETS: &[&str] = &[
        "[[cards]]",
        "[deck]",
        "[cards]",
        "colour = \"red\"",
        "id = \"basic-1\"",
        "kind = \"cloze\"",
        "kind = \"choice\"",
        "kind = 3",
        "answer = 99",
        "answer = [-1, 0]",
        "answer = []",
        "choices = []",
        "choices = [\"A\", \"A\"]",
        "front = \"\"",
        "text = \"{{}}\"",
        "\"\"",
        "3",
        "[1, \"x\"]",
        "{ a = 1 }",
        "true",
        "99999999999999999999",
        "-0",
        "1979-05-27T07:32:00Z",
        "\"é {{ü}}\"",
        "ключ = 1",
        "cards = 1",
        "deck = \"x\"",
        "",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any bytes at all: an error or a deck, never a panic.
        #[test]
        fn never_panics_on_random_text(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let src = String::from_utf8_lossy(&bytes);
            let _ = parse_deck(&src, "f.toml", DeckSource::Builtin("f.toml"));
        }

        /// A valid deck with lines deleted, doubled, swapped or replaced by snippets of deck
        /// syntax: never a panic, problems in file order on lines that exist, and whatever
        /// parses round-trips through `to_toml`.
        #[test]
        fn never_panics_on_mutated_valid_deck(
            edits in proptest::collection::vec((0u8..5, any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0..SNIPPETS.len()), 1..8),
        ) {
            let mut lines: Vec<String> = VALID.lines().map(str::to_string).collect();
            for (op, a, b, snip) in edits {
                if lines.is_empty() {
                    lines.push(SNIPPETS[snip].to_string());
                    continue;
                }
                let (i, j) = (a.index(lines.len()), b.index(lines.len()));
                match op {
                    0 => { lines.remove(i); }
                    1 => { let l = lines[i].clone(); lines.insert(j, l); }
                    2 => lines.swap(i, j),
                    3 => lines.insert(i, SNIPPETS[snip].to_string()),
                    _ => {
                        // Keep the key, replace the value.
                        let key = lines[i].split('=').next().unwrap_or("").to_string();
                        lines[i] = format!("{key}= {}", SNIPPETS[snip]);
                    }
                }
            }
            let src = lines.join("\n");
            match parse_deck(&src, "f.toml", DeckSource::Builtin("f.toml")) {
                Ok(deck) => {
                    prop_assert!(!deck.cards.is_empty());
                    let again = to_toml(&deck).expect("serialises");
                    let back = parse_deck(&again, "g.toml", DeckSource::Builtin("g.toml"));
                    prop_assert!(back.is_ok(), "{again}");
                }
                Err(errors) => {
                    prop_assert!(!errors.is_empty());
                    let at: Vec<_> = errors.iter().map(|e| (e.line.unwrap_or(0), e.col.unwrap_or(0))).collect();
                    prop_assert!(at.windows(2).all(|w| w[0] <= w[1]), "{errors:?}");
                    prop_assert!(at.iter().all(|&(l, _)| l <= lines.len() + 1), "{errors:?}");
                }
            }
        }

        /// Valid-looking decks with random field values: still never a panic.
        #[test]
        fn never_panics_on_deck_shaped_text(
            id in ".{0,12}", kind in "(basic|choice|cloze|x)", front in ".{0,20}",
            choices in proptest::collection::vec(".{0,6}", 0..5), answer in -3i64..8,
            text in ".{0,30}",
        ) {
            let src = format!(
                "[deck]\nid = {id:?}\ntitle = \"t\"\n[[cards]]\nid = {id:?}\nkind = {kind:?}\nfront = {front:?}\nchoices = {choices:?}\nanswer = {answer}\ntext = {text:?}\n"
            );
            let _ = parse_deck(&src, "f.toml", DeckSource::Builtin("f.toml"));
        }
    }
}
