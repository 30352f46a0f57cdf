//! Anki's "Notes in Plain Text" export and text import files: optional header lines
//! (`#separator:`, `#html:`, `#columns:`, `#tags column:`, `#deck column:`,
//! `#notetype column:`, `#guid column:`, `#tags:`, `#deck:`, `#notetype:`), then one note per
//! record with Anki's (RFC 4180) quoting, read the way Anki's own importer reads them.

use super::{cloze, delimited, html_to_text, split_tags, Draft, ImportError, Parsed, Skip};
use crate::deck::{CardContent, DeckError};

/// Anki's separators, by header name, in the order Anki tries them when none is given.
const SEPARATORS: [(&str, u8); 6] = [
    ("tab", b'\t'),
    ("pipe", b'|'),
    ("semicolon", b';'),
    ("colon", b':'),
    ("comma", b','),
    ("space", b' '),
];

/// The header keys Anki understands (a `#` line with one of these is a header).
const KEYS: [&str; 10] = [
    "separator",
    "html",
    "columns",
    "tags column",
    "deck column",
    "notetype column",
    "guid column",
    "tags",
    "deck",
    "notetype",
];

/// Whether the file starts with an Anki header line.
pub fn has_header(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    first.starts_with("tags:")
        || first
            .strip_prefix('#')
            .and_then(|l| l.split_once(':'))
            .is_some_and(|(k, _)| KEYS.contains(&k.trim().to_ascii_lowercase().as_str()))
}

#[derive(Default)]
struct Header {
    separator: Option<u8>,
    html: Option<bool>,
    columns: Vec<String>,
    tags_column: Option<usize>,
    deck_column: Option<usize>,
    notetype_column: Option<usize>,
    guid_column: Option<usize>,
    tags: Vec<String>,
    deck: Option<String>,
    notetype: Option<String>,
}

/// Parses an Anki text file; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Parsed, ImportError> {
    let (header, body, first_line) = header(text, file)?;
    let delimiter = header
        .separator
        .unwrap_or_else(|| guess_separator(&body.as_bytes()[..body.len().min(8192)]));
    let rows = delimited::records(body, file, delimiter, Some(b'#'), first_line)?;
    let html = header.html.unwrap_or_else(|| {
        rows.iter()
            .flat_map(|r| r.fields.iter())
            .any(looks_like_html)
    });
    let col = |n: Option<usize>| n.filter(|&n| n > 0);
    let meta: Vec<usize> = [
        header.guid_column,
        header.notetype_column,
        header.deck_column,
        header.tags_column,
    ]
    .into_iter()
    .filter_map(col)
    .collect();
    let width = rows.iter().map(|r| r.fields.len()).max().unwrap_or(0);
    let width = width
        .max(header.columns.len())
        .max(meta.iter().copied().max().unwrap_or(0));
    let fields: Vec<usize> = (1..=width).filter(|c| !meta.contains(c)).collect();
    let (front_col, back_col) = field_columns(&header.columns, &fields);
    // Anki's fallback: with no tags column given, the column after the fields holds tags.
    let tags_col = col(header.tags_column).or_else(|| {
        let last = back_col?.max(front_col);
        fields.iter().copied().find(|&c| c > last)
    });
    let needed = meta
        .iter()
        .copied()
        .chain([front_col, back_col.unwrap_or(front_col)])
        .max()
        .unwrap_or(1);

    let convert = |s: &str| -> String {
        if html {
            html_to_text(s)
        } else {
            s.trim().to_string()
        }
    };
    let mut parsed = Parsed::default();
    for row in &rows {
        let f = &row.fields;
        if f.len() == 1 && f[0].trim().is_empty() {
            continue;
        }
        if f.len() < needed {
            return Err(DeckError::at(
                file,
                Some(row.line),
                None,
                format!(
                    "too few fields: found {}, expected {needed} separated by {}",
                    f.len(),
                    separator_name(delimiter)
                ),
            )
            .into());
        }
        let get = |c: Option<usize>| c.and_then(|c| f.get(c - 1)).unwrap_or("");
        let deck = get(col(header.deck_column));
        let deck = if deck.is_empty() {
            header.deck.as_deref().unwrap_or("")
        } else {
            deck
        };
        let deck = Some(deck.trim().to_string()).filter(|d| !d.is_empty());
        if parsed.title.is_none() {
            parsed.title = deck.clone();
        }
        // Rows of another deck than the first go to a deck of their own.
        let other = deck.as_ref().filter(|d| Some(*d) != parsed.title.as_ref());
        let mut tags = header.tags.clone();
        tags.extend(split_tags(get(tags_col)));
        let guid = get(col(header.guid_column)).trim();
        let guid = Some(guid)
            .filter(|g| !g.is_empty())
            .map(super::card_id_from_foreign);
        let guid = guid.as_deref();
        let notetype = match get(col(header.notetype_column)) {
            "" => header.notetype.as_deref().unwrap_or(""),
            n => n,
        };
        let front = get(Some(front_col));
        let back = convert(get(back_col));
        let result = if notetype.to_ascii_lowercase().contains("cloze")
            || (notetype.is_empty() && cloze::has_anki_cloze(front))
        {
            let extra = Some(back).filter(|b| !b.is_empty());
            cloze::from_anki(&convert(front), guid, tags, extra, row.line)
        } else {
            basic(convert(front), back, guid, tags, row.line)
        };
        match result {
            Ok(drafts) => match other {
                Some(name) => match parsed.split.iter_mut().find(|(n, _)| n == name) {
                    Some((_, p)) => p.drafts.extend(drafts),
                    None => parsed.split.push((
                        name.clone(),
                        Parsed {
                            title: Some(name.clone()),
                            drafts,
                            ..Parsed::default()
                        },
                    )),
                },
                None => parsed.drafts.extend(drafts),
            },
            Err(reason) => parsed.skipped.push(Skip {
                file: file.to_string(),
                line: row.line,
                reason,
            }),
        }
    }
    Ok(parsed)
}

fn basic(
    front: String,
    back: String,
    guid: Option<&str>,
    tags: Vec<String>,
    line: usize,
) -> Result<Vec<Draft>, String> {
    if front.is_empty() {
        return Err("empty front".into());
    }
    if back.is_empty() {
        return Err("empty back".into());
    }
    Ok(vec![Draft {
        line,
        id: guid.map(str::to_string),
        content: CardContent::Basic { front, back },
        tags,
        explain: None,
        source: Vec::new(),
        archived: false,
    }])
}

/// Reads the header lines; returns them, the rest of the text and the line it starts on.
fn header<'a>(text: &'a str, file: &str) -> Result<(Header, &'a str, usize), ImportError> {
    let mut h = Header::default();
    let mut rest = text;
    let mut line = 1;
    if let Some(first) = rest.strip_prefix("tags:") {
        let (value, after) = first.split_once('\n').unwrap_or((first, ""));
        h.tags = split_tags(value);
        rest = after;
        line += 1;
    }
    while let Some(l) = rest.strip_prefix('#') {
        let (value_line, after) = l.split_once('\n').unwrap_or((l, ""));
        let value_line = value_line.strip_suffix('\r').unwrap_or(value_line);
        if let Some((key, value)) = value_line.split_once(':') {
            let number = || value.trim().parse::<usize>().ok();
            match key.trim().to_ascii_lowercase().as_str() {
                "separator" => h.separator = Some(separator(value, file, line)?),
                "html" => h.html = value.trim().to_ascii_lowercase().parse().ok(),
                // Column names use the file's separator, which may be declared later: keep raw.
                "columns" => h.columns = vec![value.to_string()],
                "tags column" => h.tags_column = number(),
                "deck column" => h.deck_column = number(),
                "notetype column" => h.notetype_column = number(),
                "guid column" => h.guid_column = number(),
                "tags" => h.tags = split_tags(value),
                "deck" => h.deck = Some(value.trim().to_string()),
                "notetype" => h.notetype = Some(value.trim().to_string()),
                _ => {}
            }
        }
        rest = after;
        line += 1;
    }
    if let Some(raw) = h.columns.pop() {
        let sep = h.separator.unwrap_or(b'\t');
        h.columns = raw
            .split(sep as char)
            .map(|c| c.trim().to_string())
            .collect();
    }
    Ok((h, rest, line))
}

fn separator(value: &str, file: &str, line: usize) -> Result<u8, DeckError> {
    let lower = value.to_ascii_lowercase();
    SEPARATORS
        .iter()
        .find(|(name, byte)| lower.trim() == *name || lower.as_bytes() == [*byte])
        .map(|&(_, b)| b)
        .ok_or_else(|| {
            DeckError::at(
                file,
                Some(line),
                None,
                format!(
                    "unknown separator {value:?}; expected Tab, Comma, Semicolon, Pipe, Space or Colon (or the character itself)"
                ),
            )
        })
}

fn separator_name(byte: u8) -> &'static str {
    match byte {
        b'\t' => "tabs",
        b'|' => "pipes",
        b';' => "semicolons",
        b':' => "colons",
        b',' => "commas",
        _ => "spaces",
    }
}

/// Anki's guess when no `#separator:` is given: the first of its separators the text has.
fn guess_separator(sample: &[u8]) -> u8 {
    SEPARATORS
        .iter()
        .find(|(_, b)| sample.contains(b))
        .map_or(b' ', |&(_, b)| b)
}

/// The tags that make a header-less file count as HTML (Anki exports use these).
const HTML_TAGS: [&str; 23] = [
    "br", "div", "p", "b", "i", "u", "span", "img", "a", "ul", "ol", "li", "sup", "sub", "font",
    "strong", "em", "hr", "table", "tr", "td", "pre", "code",
];

/// Whether a field holds a known HTML tag (`<br>`, `</div>`, `<img src=...>`) or entity, so
/// that text like `List<String>` or `a<b` is never taken for HTML.
fn looks_like_html(field: &str) -> bool {
    let b = field.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        let start = i + 1 + usize::from(b.get(i + 1) == Some(&b'/'));
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &b[start..start + len];
        let known = HTML_TAGS
            .iter()
            .any(|t| t.as_bytes().eq_ignore_ascii_case(name));
        // The tag must end: `>` right after the name, or after its attributes.
        let rest = &b[start + len..];
        known
            && match rest.first() {
                Some(b'>') => true,
                Some(c) if c.is_ascii_whitespace() || *c == b'/' => rest
                    .iter()
                    .find(|&&c| c == b'<' || c == b'>')
                    .is_some_and(|&c| c == b'>'),
                _ => false,
            }
    }) || field.contains("&amp;")
        || field.contains("&nbsp;")
}

/// The front and back columns: by name when `#columns:` names them, else the first two.
fn field_columns(labels: &[String], fields: &[usize]) -> (usize, Option<usize>) {
    let named = |names: &[&str]| {
        labels
            .iter()
            .position(|l| names.iter().any(|n| l.eq_ignore_ascii_case(n)))
            .map(|i| i + 1)
            .filter(|c| fields.contains(c))
    };
    let front = named(&["front", "text", "question"]).or(fields.first().copied());
    let back = named(&["back", "back extra", "answer", "extra"])
        .or_else(|| fields.iter().copied().find(|&c| Some(c) != front));
    (front.unwrap_or(1), back)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(text: &str) -> Vec<(Option<String>, CardContent, Vec<String>)> {
        parse(text, "a.txt")
            .expect("parses")
            .drafts
            .into_iter()
            .map(|d| (d.id, d.content, d.tags))
            .collect()
    }

    fn basic(f: &str, b: &str) -> CardContent {
        CardContent::Basic {
            front: f.into(),
            back: b.into(),
        }
    }

    #[test]
    fn headers_map_columns() {
        let text =
            "#separator:Pipe\n#html:false\n#guid column:3\n#tags column:1\nt1 t2|<b>F</b>|g1|B\n";
        assert_eq!(
            cards(text),
            vec![(
                Some("g1".into()),
                basic("<b>F</b>", "B"),
                vec!["t1".into(), "t2".into()]
            )]
        );
    }

    #[test]
    fn named_columns_and_literal_separator() {
        let text = "#separator:;\n#columns:Back;Front\nb1;f1\n";
        assert_eq!(cards(text), vec![(None, basic("f1", "b1"), vec![])]);
    }

    #[test]
    fn without_headers_guesses_like_anki() {
        let text = "a<br>b\tc &amp; d\ttag\n";
        assert_eq!(
            cards(text),
            vec![(None, basic("a\nb", "c & d"), vec!["tag".into()])]
        );
    }

    #[test]
    fn global_tags_and_notetype() {
        let text = "tags:g\n#notetype:Cloze\n#separator:comma\n{{c1::x}} y,extra\n";
        let got = parse(text, "a.txt").expect("ok");
        assert_eq!(
            got.drafts[0].content,
            CardContent::Cloze {
                text: "{{x}} y".into()
            }
        );
        assert_eq!(got.drafts[0].explain.as_deref(), Some("extra"));
        assert_eq!(got.drafts[0].tags, vec!["g"]);
        assert_eq!(got.drafts[0].line, 4);
    }

    #[test]
    fn a_multi_byte_char_at_the_separator_sample_end_does_not_panic() {
        // The separator guess looks at the first 8 KiB; a 'é' straddles byte 8192.
        let mut text = String::from("front\tback\ny\t");
        text.push_str(&"x".repeat(8191 - text.len()));
        text.push_str("é\n");
        assert_eq!(text.as_bytes()[8191..8193], *"é".as_bytes());
        let got = parse(&text, "a.txt").expect("parses");
        assert_eq!(got.drafts[0].content, basic("front", "back"));
    }

    #[test]
    fn only_known_tags_make_a_file_html() {
        // Angle brackets in code are text, not tags: nothing is deleted.
        let text = "List<String>\tA generic <T> type; if a<b then x\n";
        assert_eq!(
            cards(text),
            vec![(
                None,
                basic("List<String>", "A generic <T> type; if a<b then x"),
                vec![]
            )]
        );
        let text = "x<DIV class=\"q\">y</div>\tz<br/>w\n";
        assert_eq!(cards(text), vec![(None, basic("x\ny", "z\nw"), vec![])]);
        // The header decides when there is one.
        let text = "#html:false\na<br>b\tc\n";
        assert_eq!(cards(text), vec![(None, basic("a<br>b", "c"), vec![])]);
        let text = "#html:true\nList<String>\tc\n";
        assert_eq!(cards(text), vec![(None, basic("List", "c"), vec![])]);
    }

    // Hostile fields (runs of `<`, `<a`, `<script>`, `[sound:`, `{{c1::`) importing in linear
    // time is measured by the `linear growth` group of `benches/import.rs` (128 KB vs 1 MB),
    // not by a timed test here.

    #[test]
    fn bad_headers_and_rows() {
        let e = parse("#separator:tilde\na~b\n", "a.txt").expect_err("unknown");
        assert!(
            e.to_string()
                .starts_with("a.txt:1: unknown separator \"tilde\""),
            "{e}"
        );
        let e =
            parse("#separator:tab\n#guid column:1\ng\tf\tb\ng2\tf2\n", "a.txt").expect_err("short");
        assert_eq!(
            e.to_string(),
            "a.txt:4: too few fields: found 2, expected 3 separated by tabs"
        );
    }
}
