//! The search language's tokens: parentheses, `-`, `or`, and words (a quoted phrase may
//! hold spaces, and quotes may wrap part of a word, as in `deck:"my deck"`), each with the
//! 1-based column it starts at, for error messages.

/// One piece of the query text and the column it starts at.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token {
    Open,
    Close,
    Not,
    Or,
    /// A term; `quoted` when it was all one quoted phrase (never a field or `or`).
    Word {
        text: String,
        quoted: bool,
    },
}

pub(super) fn tokenize(input: &str) -> Result<Vec<(Token, usize)>, (usize, &'static str)> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                out.push((Token::Open, column));
                i += 1;
                continue;
            }
            ')' => {
                out.push((Token::Close, column));
                i += 1;
                continue;
            }
            '-' => {
                out.push((Token::Not, column));
                i += 1;
                continue;
            }
            _ => {}
        }
        let mut text = String::new();
        let mut quoted_whole = c == '"';
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() || c == '(' || c == ')' {
                break;
            }
            if c == '"' {
                let open = i + 1;
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err((open, "this quote is never closed; add a `\"`"));
                        }
                        Some('"') => break,
                        Some(&c) => text.push(c),
                    }
                    i += 1;
                }
                i += 1;
                continue;
            }
            quoted_whole = false;
            text.push(c);
            i += 1;
        }
        let token = if !quoted_whole && text.eq_ignore_ascii_case("or") {
            Token::Or
        } else {
            Token::Word {
                text,
                quoted: quoted_whole,
            }
        };
        out.push((token, column));
    }
    Ok(out)
}
