//! The validation pass over one card: id, kind and the fields each kind needs, every
//! problem reported with its position.

use toml::Spanned;

use super::{
    cloze_gaps, cloze_hint_problem, span_of, valid_id, Card, CardContent, Ctx, RawAnswer, RawCard,
    RawSource,
};

/// The most options a choice card may have: one per letter A-Z, the labels export and the
/// quiz give them. A cap keeps a hostile file from costing time and memory at every start.
pub const MAX_CHOICES: usize = 26;

/// Checks every field of one card, reporting all its problems; returns its id when the id is
/// valid (so duplicates are found even among broken cards) and the card when all is well.
pub(super) fn validate_card(
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
                super::id_problem("card", id.get_ref(), "letters, digits, '-', '_' or '.'"),
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
            if cloze_gaps(&text).iter().all(|g| g.trim().is_empty()) {
                ctx.err(
                    text_at,
                    "cloze text has no {{...}} gap; expected e.g. \"S3 is {{object}} storage\"",
                );
                return None;
            }
            if let Some(problem) = cloze_hint_problem(&text) {
                ctx.err(text_at, problem);
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
    if list.len() > MAX_CHOICES {
        ctx.err(
            start,
            format!(
                "`choices` has {} options; expected at most {MAX_CHOICES}",
                list.len()
            ),
        );
        return None;
    }
    let mut seen = std::collections::HashSet::with_capacity(list.len());
    if let Some(c) = list.iter().find(|c| !seen.insert(c.as_str())) {
        ctx.err(start, format!("`choices` lists {c:?} twice"));
        return None;
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
