//! Anki's HTML fields as plain text: line breaks kept, tags dropped, entities decoded, media
//! shown by name (`[sound: x.mp3]`, `[image: x.png]`). One pass, linear in the input.

/// Converts one HTML field to the plain text recall shows (trimmed).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut gt = NextByte::new(b'>');
    let mut bracket = NextByte::new(b']');
    let mut pos = 0;
    while let Some(i) = html[pos..].find(['<', '&', '[']) {
        out.push_str(&html[pos..pos + i]);
        pos += i;
        let rest = &html[pos..];
        let consumed = match rest.as_bytes()[0] {
            b'<' => tag(rest, gt.after(html, pos), &mut out),
            b'&' => entity(rest, &mut out),
            _ => sound(rest, bracket.after(html, pos), &mut out),
        };
        match consumed {
            Some(n) => pos += n,
            None => {
                let c = rest.chars().next().unwrap_or('<');
                out.push(c);
                pos += c.len_utf8();
            }
        }
    }
    out.push_str(&html[pos..]);
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// Where one byte next occurs, for a position that only moves forward: each byte is scanned
/// once, however many `<` lack their `>` (hostile input stays linear, not quadratic).
struct NextByte {
    byte: u8,
    /// The answer to the last question: `None` not asked yet, `Some(None)` no more of them.
    found: Option<Option<usize>>,
}

impl NextByte {
    fn new(byte: u8) -> NextByte {
        NextByte { byte, found: None }
    }

    /// The offset from `pos` of the next `byte` in `text` at or after `pos`.
    fn after(&mut self, text: &str, pos: usize) -> Option<usize> {
        let at = match self.found {
            Some(Some(at)) if at >= pos => Some(at),
            Some(None) => None,
            _ => {
                let at = memchr::memchr(self.byte, &text.as_bytes()[pos..]).map(|i| pos + i);
                self.found = Some(at);
                at
            }
        };
        at.map(|at| at - pos)
    }
}

/// Handles a tag at the start of `s` (`gt`: where its next `>` is); returns the bytes
/// consumed, or None if `<` is text.
fn tag(s: &str, gt: Option<usize>, out: &mut String) -> Option<usize> {
    let bytes = s.as_bytes();
    let second = *bytes.get(1)?;
    if !(second.is_ascii_alphabetic() || second == b'/' || second == b'!') {
        return None;
    }
    if s.starts_with("<!--") {
        return Some(s.find("-->").map_or(s.len(), |e| e + 3));
    }
    let end = gt? + 1;
    let inner = &s[1..end - 1];
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match (name.as_str(), closing) {
        ("br", _) => out.push('\n'),
        // recall's own emphasis marks (shown styled, see README "Importing").
        ("b" | "strong", _) => out.push_str("**"),
        ("i" | "em", _) => out.push('*'),
        ("div" | "p" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6", _)
            if !out.is_empty() && !out.ends_with('\n') =>
        {
            out.push('\n')
        }
        ("img", false) => {
            if let Some(src) = attribute(inner, "src") {
                out.push_str("[image: ");
                out.push_str(&html_to_text(src));
                out.push(']');
            }
        }
        ("script" | "style", false) => {
            let close = format!("</{name}");
            let body = &s[end..];
            let stop = find_ignore_ascii_case(body, &close)
                .map_or(body.len(), |i| i + body[i..].find('>').map_or(0, |e| e + 1));
            return Some(end + stop);
        }
        _ => {}
    }
    Some(end)
}

/// Where `needle` (which starts with `<`) first occurs in `hay`, ignoring ASCII case, without
/// copying `hay`; scans only up to the match.
fn find_ignore_ascii_case(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    memchr::memchr_iter(needle[0], hay).find(|&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(needle))
    })
}

/// The value of `name=` in a tag's inside, quoted with either quote or bare.
fn attribute<'a>(inner: &'a str, name: &str) -> Option<&'a str> {
    let lower = inner.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let after = inner[from..].trim_start();
        if let (true, Some(v)) = (before_ok, after.strip_prefix('=')) {
            let v = v.trim_start();
            return Some(match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or(""),
            });
        }
    }
    None
}

/// Decodes an entity at the start of `s` (every HTML5 named entity, decimal and hex
/// references, via `htmlize`); None leaves the `&` as text.
fn entity(s: &str, out: &mut String) -> Option<usize> {
    // The longest HTML5 entity name is 31 characters (`&CounterClockwiseContourIntegral;`).
    let end = s.as_bytes().iter().take(40).position(|&b| b == b';')?;
    let reference = &s[..=end];
    let decoded = htmlize::unescape(reference);
    if decoded == reference {
        return None;
    }
    // A non-breaking space reads as a space in recall.
    out.push_str(&decoded.replace('\u{a0}', " "));
    Some(end + 1)
}

/// `[sound:name]` becomes `[sound: name]` (`bracket`: where the next `]` of `s` is).
fn sound(s: &str, bracket: Option<usize>, out: &mut String) -> Option<usize> {
    let body = s.strip_prefix("[sound:")?;
    let end = bracket? - "[sound:".len();
    out.push_str("[sound: ");
    out.push_str(body[..end].trim());
    out.push(']');
    Some("[sound:".len() + end + 1)
}

/// Escapes plain text for an HTML field so that [`html_to_text`] gives it back exactly.
pub fn text_to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' => out.push_str("&#91;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_html_becomes_plain_text() {
        assert_eq!(
            html_to_text("How many AZs does <b>S3 One Zone-IA</b> use?"),
            "How many AZs does **S3 One Zone-IA** use?"
        );
        assert_eq!(
            html_to_text("<i>caf&eacute;</i>, <strong>na&iuml;ve</strong> &euro;5 &hearts;"),
            "*café*, **naïve** €5 ♥"
        );
        assert_eq!(
            html_to_text("One.<br>Data<br/>is<BR />lost"),
            "One.\nData\nis\nlost"
        );
        assert_eq!(
            html_to_text("<div>line one</div><div>line two</div>"),
            "line one\nline two"
        );
        assert_eq!(
            html_to_text("a &amp; b &lt;c&gt; &#39;d&#x27; &nbsp;e &bogus; &amp;é &"),
            "a & b <c> 'd'  e &bogus; &é &"
        );
        assert_eq!(
            html_to_text("[sound:polly.mp3] Amazon Polly <img src=\"polly.png\">"),
            "[sound: polly.mp3] Amazon Polly [image: polly.png]"
        );
        assert_eq!(
            html_to_text("<img alt='x' src='a b.jpg'/>"),
            "[image: a b.jpg]"
        );
        assert_eq!(html_to_text("1 < 2 and x<y"), "1 < 2 and x<y");
        assert_eq!(
            html_to_text("a<script>alert(1)</script>b<!-- c -->d"),
            "abd"
        );
        assert_eq!(
            html_to_text("[not sound] [sound:open"),
            "[not sound] [sound:open"
        );
    }

    #[test]
    fn escaping_round_trips() {
        for s in [
            "a < b & c > d",
            "two\nlines",
            "[sound:x] stays text",
            "&amp; literal",
            "é 世界",
        ] {
            assert_eq!(html_to_text(&text_to_html(s)), s);
        }
    }
}
