//! The browser's search language (docs/search.md): words, `deck:`, `tag:`, `is:`, `prop:`,
//! `-` for not, `or`, and parentheses. Parsed once per keypress into a small tree whose
//! matching reads only precomputed, folded fields of `CardFacts`.

use memchr::memmem::Finder;

use super::facts::{fold, CardFacts};
use super::tokens::{tokenize, Token};
use crate::schedule::Phase;

/// A parsed search; `matches` tells whether a card is selected.
#[derive(Clone, Debug)]
pub struct Query {
    root: Node,
    /// The words and phrases to find, folded; `Node::Text` holds an index into this.
    texts: Vec<Finder<'static>>,
}

/// Why a search could not be read: where (1-based character column) and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

#[derive(Clone, Debug)]
enum Node {
    All(Vec<Node>),
    Any(Vec<Node>),
    Not(Box<Node>),
    /// Find `Query::texts[i]` in the card's folded text.
    Text(usize),
    Deck(Glob),
    Tag(Glob),
    Is(State),
    Prop(Prop, Cmp, f64),
}

/// The values `is:` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    New,
    Learning,
    Review,
    Relearning,
    Due,
    Suspended,
    Buried,
    Leech,
    Archived,
}

/// The numbers `prop:` compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prop {
    Lapses,
    Reps,
    Ivl,
    Due,
    R,
    S,
    D,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Cmp {
    fn test(self, a: f64, b: f64) -> bool {
        match self {
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
            Cmp::Eq => a == b,
            Cmp::Ne => a != b,
        }
    }
}

/// A folded pattern where `*` stands for any run of characters.
#[derive(Clone, Debug)]
struct Glob {
    parts: Vec<String>,
}

impl Glob {
    fn new(pattern: &str) -> Glob {
        Glob {
            parts: fold(pattern).split('*').map(str::to_string).collect(),
        }
    }

    /// Whether the whole of `s` (already folded) fits the pattern.
    fn matches(&self, s: &str) -> bool {
        let [first, middle @ .., last] = self.parts.as_slice() else {
            return self.parts.first().is_some_and(|p| p == s);
        };
        let Some(mut rest) = s.strip_prefix(first.as_str()) else {
            return false;
        };
        for part in middle {
            match rest.find(part.as_str()) {
                Some(i) => rest = &rest[i + part.len()..],
                None => return false,
            }
        }
        rest.len() >= last.len() && rest.ends_with(last.as_str())
    }
}

impl Query {
    /// Whether the card is selected; an empty query selects every card.
    pub fn matches(&self, card: &CardFacts) -> bool {
        let text = card.folded_text.as_bytes();
        self.root
            .eval(card, &|i| self.texts[i].find(text).is_some())
    }

    /// The words and phrases the query looks for (folded), so that a caller holding every
    /// card's text in one buffer can find each once (`Index::search`).
    pub(crate) fn texts(&self) -> &[Finder<'static>] {
        &self.texts
    }

    /// Whether the card is selected, given whether it holds each of `texts()`.
    pub(crate) fn matches_with(&self, card: &CardFacts, has_text: &dyn Fn(usize) -> bool) -> bool {
        self.root.eval(card, has_text)
    }

    /// Whether the query is empty (selects everything without looking).
    pub fn is_empty(&self) -> bool {
        is_empty(&self.root)
    }
}

impl Node {
    fn eval(&self, c: &CardFacts, has_text: &dyn Fn(usize) -> bool) -> bool {
        match self {
            Node::All(nodes) => nodes.iter().all(|n| n.eval(c, has_text)),
            Node::Any(nodes) => nodes.iter().any(|n| n.eval(c, has_text)),
            Node::Not(node) => !node.eval(c, has_text),
            Node::Text(i) => has_text(*i),
            Node::Deck(glob) => glob.matches(&c.folded_deck),
            Node::Tag(glob) => {
                c.folded_tags.iter().any(|t| glob.matches(t)) || (c.leech && glob.matches("leech"))
            }
            Node::Is(state) => match state {
                State::New => c.phase == Phase::New,
                State::Learning => matches!(c.phase, Phase::Learning | Phase::Relearning),
                State::Review => matches!(c.phase, Phase::Review | Phase::Relearning),
                State::Relearning => c.phase == Phase::Relearning,
                State::Due => c.is_active() && c.due_days.is_some_and(|d| d <= 0),
                State::Suspended => c.suspended,
                State::Buried => c.buried,
                State::Leech => c.leech,
                State::Archived => c.archived,
            },
            Node::Prop(prop, cmp, value) => {
                let actual = match prop {
                    Prop::Lapses => Some(f64::from(c.lapses)),
                    Prop::Reps => Some(f64::from(c.reps)),
                    Prop::Ivl => Some(f64::from(c.interval_days)),
                    Prop::Due => c.due_days.map(f64::from),
                    Prop::R => c.retrievability.map(f64::from),
                    Prop::S => c.stability.map(f64::from),
                    Prop::D => c.difficulty.map(f64::from),
                };
                actual.is_some_and(|a| cmp.test(a, *value))
            }
        }
    }
}

/// Whether a node is the empty "and" (nothing was written there).
fn is_empty(node: &Node) -> bool {
    matches!(node, Node::All(v) if v.is_empty())
}

fn err(column: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        column,
        message: message.into(),
    }
}

/// Reads a search (docs/search.md). Words are AND-ed; `or` binds looser than that; `-` negates
/// the term or parenthesised group after it. An empty or blank query matches every card.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let tokens = tokenize(input).map_err(|(column, message)| err(column, message))?;
    let mut p = Parser {
        tokens,
        pos: 0,
        end: input.chars().count() + 1,
        texts: Vec::new(),
        depth: 0,
    };
    let root = p.or_expr()?;
    if let Some((_, column)) = p.peek() {
        // Only a `)` stops an expression early.
        return Err(err(column, "this `)` has no `(` before it"));
    }
    Ok(Query {
        root,
        texts: p.texts,
    })
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    pos: usize,
    /// The column just past the input, for "expected more" errors.
    end: usize,
    texts: Vec<Finder<'static>>,
    /// How many `(` and `-` enclose the term being read: capped, so that a hostile query
    /// cannot overflow the stack (parsing, matching and dropping all recurse).
    depth: usize,
}

/// The deepest nesting of `(` and `-` a search may have.
const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<(&Token, usize)> {
        self.tokens.get(self.pos).map(|(t, c)| (t, *c))
    }

    fn or_expr(&mut self) -> Result<Node, QueryError> {
        let mut any = vec![self.and_expr()?];
        while let Some((Token::Or, column)) = self.peek() {
            if is_empty(&any[any.len() - 1]) {
                return Err(err(column, "`or` needs a search term before it"));
            }
            self.pos += 1;
            let next = self.and_expr()?;
            if is_empty(&next) {
                return Err(err(column, "`or` needs a search term after it"));
            }
            any.push(next);
        }
        Ok(if any.len() > 1 {
            Node::Any(any)
        } else {
            any.pop().unwrap_or(Node::All(Vec::new()))
        })
    }

    fn and_expr(&mut self) -> Result<Node, QueryError> {
        let mut all = Vec::new();
        while let Some((token, _)) = self.peek() {
            if matches!(token, Token::Or | Token::Close) {
                break;
            }
            all.push(self.unary()?);
        }
        Ok(if all.len() == 1 {
            all.pop().unwrap_or(Node::All(Vec::new()))
        } else {
            Node::All(all)
        })
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        let Some((token, column)) = self.peek() else {
            return Err(err(self.end, "expected a search term here"));
        };
        let token = token.clone();
        let nests = matches!(token, Token::Not | Token::Open);
        if nests {
            if self.depth == MAX_DEPTH {
                return Err(err(
                    column,
                    format!("nested more than {MAX_DEPTH} deep (`(` and `-`); simplify the search"),
                ));
            }
            self.depth += 1;
        }
        let node = self.unary_inner(token, column);
        if nests {
            self.depth -= 1;
        }
        node
    }

    fn unary_inner(&mut self, token: Token, column: usize) -> Result<Node, QueryError> {
        match token {
            Token::Not => {
                self.pos += 1;
                match self.peek() {
                    Some((Token::Or | Token::Close, _)) | None => {
                        Err(err(column, "`-` needs a search term right after it"))
                    }
                    Some(_) => Ok(Node::Not(Box::new(self.unary()?))),
                }
            }
            Token::Open => {
                self.pos += 1;
                let inner = self.or_expr()?;
                match self.peek() {
                    Some((Token::Close, close)) => {
                        self.pos += 1;
                        if is_empty(&inner) {
                            return Err(err(close, "nothing between `(` and `)`"));
                        }
                        Ok(inner)
                    }
                    _ => Err(err(column, "this `(` is never closed; add a `)`")),
                }
            }
            Token::Word { text, quoted } => {
                self.pos += 1;
                term(&text, quoted, column, &mut self.texts)
            }
            Token::Or | Token::Close => Err(err(column, "expected a search term here")),
        }
    }
}

/// One word: a field (`deck:`, `tag:`, `is:`, `prop:`) or text to find.
fn term(
    text: &str,
    quoted: bool,
    column: usize,
    texts: &mut Vec<Finder<'static>>,
) -> Result<Node, QueryError> {
    if !quoted {
        if let Some((field, value)) = text.split_once(':') {
            let value_column = column + field.chars().count() + 1;
            match field.to_ascii_lowercase().as_str() {
                "deck" | "tag" if value.is_empty() => {
                    return Err(err(
                        value_column,
                        format!(
                            "`{field}:` needs a name after it (`*` matches any run of characters)"
                        ),
                    ));
                }
                "deck" => return Ok(Node::Deck(Glob::new(value))),
                "tag" => return Ok(Node::Tag(Glob::new(value))),
                "is" => return is_term(value, value_column),
                "prop" => return prop_term(value, value_column),
                _ => {} // `s3:GetObject` is text to find.
            }
        }
    }
    let needle = fold(text);
    if needle.is_empty() {
        return Err(err(
            column,
            "an empty phrase `\"\"` finds nothing; put words in it",
        ));
    }
    texts.push(Finder::new(needle.as_bytes()).into_owned());
    Ok(Node::Text(texts.len() - 1))
}

fn is_term(value: &str, column: usize) -> Result<Node, QueryError> {
    let state = match value.to_ascii_lowercase().as_str() {
        "new" => State::New,
        "learning" | "learn" => State::Learning,
        "review" => State::Review,
        "relearning" => State::Relearning,
        "due" => State::Due,
        "suspended" => State::Suspended,
        "buried" => State::Buried,
        "leech" => State::Leech,
        "archived" => State::Archived,
        _ => {
            return Err(err(
                column,
                format!(
                    "`is:{value}` is not a card state; use new, learning, review, relearning, due, suspended, buried, leech or archived"
                ),
            ))
        }
    };
    Ok(Node::Is(state))
}

fn prop_term(value: &str, column: usize) -> Result<Node, QueryError> {
    let name_len = value
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(value.len());
    let (name, rest) = value.split_at(name_len);
    let prop = match name.to_ascii_lowercase().as_str() {
        "lapses" => Prop::Lapses,
        "reps" => Prop::Reps,
        "ivl" => Prop::Ivl,
        "due" => Prop::Due,
        "r" => Prop::R,
        "s" => Prop::S,
        "d" => Prop::D,
        _ => {
            return Err(err(
                column,
                format!(
                    "`prop:{name}` is not a property; use lapses, reps, ivl, due, r, s or d (e.g. `prop:lapses>3`)"
                ),
            ))
        }
    };
    let op_column = column + name_len;
    let (cmp, number) = [
        ("<=", Cmp::Le),
        (">=", Cmp::Ge),
        ("!=", Cmp::Ne),
        ("<", Cmp::Lt),
        (">", Cmp::Gt),
        ("=", Cmp::Eq),
    ]
    .iter()
    .find_map(|(op, cmp)| rest.strip_prefix(op).map(|n| (*cmp, n)))
    .ok_or_else(|| {
        err(
            op_column,
            format!("`prop:{name}` needs a comparison: < <= > >= = or != and a number"),
        )
    })?;
    let number_column = op_column + (rest.len() - number.len());
    let value: f64 = number
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| {
            err(
                number_column,
                if number.is_empty() {
                    "expected a number after the comparison".to_string()
                } else {
                    format!("`{number}` is not a number")
                },
            )
        })?;
    Ok(Node::Prop(prop, cmp, value))
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
