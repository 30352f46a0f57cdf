//! Spreadsheet exports without header rows: CSV and TSV (RFC 4180 quoting, through the `csv`
//! crate), which also covers Quizlet's export (term TAB definition, one per line).
//!
//! Columns: front, back, then optional tags (space-separated) and an optional explanation.
//! A front with Anki cloze deletions, or with `{{gaps}}` and an empty back, is a cloze card.

use super::comma::unquoted_comma;
use super::{basic_or_cloze, split_tags, ImportError, Parsed, Skip};
use crate::deck::DeckError;

/// One row as the csv crate read it, with the 1-based line it starts on.
pub struct Row {
    pub line: usize,
    pub fields: csv::StringRecord,
}

/// Reads every record of `text` (which starts on line `first_line`), after checking that every
/// quoted field is closed: the csv crate would silently run an unclosed quote to the end.
/// `comment` skips lines starting with it, as Anki does with `#`.
pub fn records(
    text: &str,
    file: &str,
    delimiter: u8,
    comment: Option<u8>,
    first_line: usize,
) -> Result<Vec<Row>, ImportError> {
    check_quotes(text.as_bytes(), delimiter, comment)
        .map_err(|line| unbalanced(file, first_line + line - 1))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment(comment)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(text.as_bytes(), comment);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let byte = record.position().map_or(0, |p| p.byte() as usize);
                let line = lines.line_of_record_at(byte) + first_line - 1;
                rows.push(Row {
                    line,
                    fields: std::mem::take(&mut record),
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize) + first_line - 1;
                return Err(DeckError::at(file, Some(line), None, e.to_string()).into());
            }
        }
    }
    Ok(rows)
}

/// Line numbers from byte offsets, counted incrementally (records come in order, so the whole
/// file is scanned once). The csv crate's own line number points at blank or comment lines
/// before a record, not at the record.
struct LineCounter<'a> {
    bytes: &'a [u8],
    comment: Option<u8>,
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8], comment: Option<u8>) -> Self {
        LineCounter {
            bytes,
            comment,
            at: 0,
            line: 1,
        }
    }

    fn line_of_record_at(&mut self, byte: usize) -> usize {
        let mut b = byte.max(self.at);
        loop {
            match self.bytes.get(b) {
                Some(b'\n' | b'\r') => b += 1,
                Some(c) if Some(*c) == self.comment => {
                    b = memchr::memchr(b'\n', &self.bytes[b..])
                        .map_or(self.bytes.len(), |i| b + i + 1)
                }
                _ => break,
            }
        }
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.at..b]).count();
        self.at = b;
        self.line
    }
}

fn unbalanced(file: &str, line: usize) -> ImportError {
    DeckError::at(
        file,
        Some(line),
        None,
        "unbalanced quotes: the quoted field that starts here is never closed; expected a closing \" (write \"\" for a quote inside a quoted field)",
    )
    .into()
}

/// The csv crate's quoting state machine, only to find a quote that never closes. Returns the
/// 1-based line the unclosed field opened on.
fn check_quotes(bytes: &[u8], delimiter: u8, comment: Option<u8>) -> Result<(), usize> {
    #[derive(PartialEq)]
    enum S {
        RecordStart,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        Comment,
    }
    let mut state = S::RecordStart;
    let mut line = 1;
    let mut opened = 1;
    for &b in bytes {
        if b == b'\n' {
            line += 1;
        }
        state = match state {
            S::Comment if b == b'\n' => S::RecordStart,
            S::Comment => S::Comment,
            S::RecordStart if Some(b) == comment => S::Comment,
            S::RecordStart | S::FieldStart if b == b'"' => {
                opened = line;
                S::Quoted
            }
            S::Quoted if b == b'"' => S::QuoteInQuoted,
            S::Quoted => S::Quoted,
            S::QuoteInQuoted if b == b'"' => S::Quoted,
            _ if b == b'\n' => S::RecordStart,
            _ if b == delimiter => S::FieldStart,
            _ => S::Unquoted,
        };
    }
    if state == S::Quoted {
        Err(opened)
    } else {
        Ok(())
    }
}

/// Which column holds what (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    front: usize,
    back: usize,
    tags: Option<usize>,
    explain: Option<usize>,
}

const DEFAULT_COLUMNS: Columns = Columns {
    front: 0,
    back: 1,
    tags: Some(2),
    explain: Some(3),
};

/// The columns a row of names gives, when it names at least a front and a back.
fn named_columns(row: &csv::StringRecord) -> Option<Columns> {
    let mut c = Columns {
        front: usize::MAX,
        back: usize::MAX,
        tags: None,
        explain: None,
    };
    for (i, name) in row.iter().enumerate() {
        match name.trim().to_ascii_lowercase().as_str() {
            "front" | "question" | "term" | "q" => c.front = i,
            "back" | "answer" | "definition" | "a" => c.back = i,
            "tags" | "tag" => c.tags = Some(i),
            "explain" | "explanation" | "notes" | "extra" => c.explain = Some(i),
            _ => {}
        }
    }
    if c.front == usize::MAX || c.back == usize::MAX {
        return None;
    }
    // Columns the row does not name keep their places after front and back.
    let after = c.front.max(c.back) + 1;
    let named = row.len();
    if c.tags.is_none() && after >= named {
        c.tags = Some(after);
    }
    if c.explain.is_none() && after + 1 >= named {
        c.explain = Some(after + 1).filter(|&e| Some(e) != c.tags);
    }
    Some(c)
}

/// Parses a CSV (`,`) or TSV (`\t`) file without a header row (a first row that names the
/// columns, such as `Front,Back`, is recognised, used, and reported).
pub fn parse(text: &str, file: &str, delimiter: u8) -> Result<Parsed, ImportError> {
    parse_with(text, file, delimiter, false)
}

/// [`parse`], with `header` set: the first row names the columns (`--header`).
pub fn parse_with(
    text: &str,
    file: &str,
    delimiter: u8,
    header: bool,
) -> Result<Parsed, ImportError> {
    let mut rows = records(text, file, delimiter, None, 1)?;
    let mut parsed = Parsed::default();
    let mut columns = DEFAULT_COLUMNS;
    let first = rows
        .iter()
        .position(|r| !(r.fields.len() == 1 && r.fields[0].trim().is_empty()));
    if let Some(at) = first {
        let named = named_columns(&rows[at].fields);
        match (named, header) {
            (Some(c), _) => {
                columns = c;
                let row = rows.remove(at);
                parsed.skipped.push(Skip {
                    file: file.to_string(),
                    line: row.line,
                    reason: format!(
                        "header row ({}) names the columns",
                        row.fields.iter().collect::<Vec<_>>().join(", ")
                    ),
                });
            }
            (None, true) => {
                return Err(DeckError::at(
                    file,
                    Some(rows[at].line),
                    None,
                    "--header: the first row names no front and back columns; expected Front and Back (or Question and Answer, Term and Definition), optionally Tags and Explanation",
                )
                .into())
            }
            (None, false) => {}
        }
    }
    let needed = columns.front.max(columns.back) + 1;
    for row in rows {
        let f = &row.fields;
        if f.len() == 1 && f[0].trim().is_empty() {
            continue;
        }
        if f.len() < needed {
            let sep = match delimiter {
                b'\t' => "a tab".to_string(),
                b',' => "a comma".to_string(),
                other => format!("{:?}", char::from(other)),
            };
            return Err(DeckError::at(
                file,
                Some(row.line),
                None,
                format!(
                    "too few fields: found {}, expected front and back separated by {sep} (then optional tags and explanation)",
                    f.len()
                ),
            )
            .into());
        }
        // Without named columns, an answer split by an unquoted comma shows as extra fields or
        // prose in the tags column.
        let unnamed = columns.tags == DEFAULT_COLUMNS.tags && columns.back == DEFAULT_COLUMNS.back;
        if let Some(reason) = unquoted_comma(f, delimiter).filter(|_| unnamed) {
            parsed.skipped.push(Skip {
                file: file.to_string(),
                line: row.line,
                reason,
            });
            continue;
        }
        let tags = columns
            .tags
            .and_then(|c| f.get(c))
            .map(split_tags)
            .unwrap_or_default();
        let explain = columns
            .explain
            .and_then(|c| f.get(c))
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_string);
        match basic_or_cloze(&f[columns.front], &f[columns.back], tags, explain, row.line) {
            Ok(drafts) => parsed.drafts.extend(drafts),
            Err(reason) => parsed.skipped.push(Skip {
                file: file.to_string(),
                line: row.line,
                reason,
            }),
        }
    }
    Ok(parsed)
}

/// How the first `n` rows are split into fields, one line each ("f.csv:2: front \"S3\" ·
/// back \"Object storage\""), for `recall import --dry-run`.
pub fn describe_rows(
    text: &str,
    file: &str,
    delimiter: u8,
    n: usize,
) -> Result<Vec<String>, ImportError> {
    const NAMES: [&str; 4] = ["front", "back", "tags", "explanation"];
    let rows = records(text, file, delimiter, None, 1)?;
    Ok(rows
        .iter()
        .filter(|r| !(r.fields.len() == 1 && r.fields[0].trim().is_empty()))
        .take(n)
        .map(|r| {
            let fields: Vec<String> = r
                .fields
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let name = NAMES.get(i).copied().unwrap_or("ignored");
                    format!("{name} {f:?}")
                })
                .collect();
            format!("{file}:{}: {}", r.line, fields.join(" · "))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::CardContent;

    #[test]
    fn rfc4180_quoting_and_optional_columns() {
        let text =
            "front,back\n\"a, with comma\",\"multi\nline \"\"quoted\"\"\",t1 t2,why\n\nq,,\n";
        let p = parse(text, "f.csv", b',').expect("parses");
        assert_eq!(p.drafts.len(), 1);
        assert_eq!(
            p.drafts[0].content,
            CardContent::Basic {
                front: "a, with comma".into(),
                back: "multi\nline \"quoted\"".into()
            }
        );
        assert_eq!(p.drafts[0].line, 2);
        assert_eq!(p.drafts[0].tags, vec!["t1", "t2"]);
        assert_eq!(p.drafts[0].explain.as_deref(), Some("why"));
        assert_eq!(
            p.skipped,
            vec![
                Skip {
                    file: "f.csv".into(),
                    line: 1,
                    reason: "header row (front, back) names the columns".into()
                },
                Skip {
                    file: "f.csv".into(),
                    line: 5,
                    reason: "empty back".into()
                }
            ]
        );
    }

    #[test]
    fn header_rows_name_the_columns() {
        let text = "Tags;Answer;Question\naws;Object storage;S3?\n";
        let p = parse_with(text, "f.csv", b';', true).expect("parses");
        assert_eq!(
            p.drafts[0].content,
            CardContent::Basic {
                front: "S3?".into(),
                back: "Object storage".into()
            }
        );
        assert_eq!(p.drafts[0].tags, vec!["aws"]);
        let e = parse_with("one;two\nx;y\n", "f.csv", b';', true).expect_err("no names");
        assert!(e.to_string().contains("--header"), "{e}");
        // Without --header an unnamed first row is a card.
        assert_eq!(
            parse("one,two\n", "f.csv", b',')
                .expect("parses")
                .drafts
                .len(),
            1
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("a,b\nc,d\n\"open,x\ne,f\n", "f.csv", b',').expect_err("unbalanced");
        assert!(
            e.to_string().starts_with("f.csv:3: unbalanced quotes"),
            "{e}"
        );
        let e = parse("a\tb\nlonely\n", "f.tsv", b'\t').expect_err("too few");
        assert_eq!(
            e.to_string(),
            "f.tsv:2: too few fields: found 1, expected front and back separated by a tab (then optional tags and explanation)"
        );
    }

    #[test]
    fn quizlet_term_tab_definition() {
        let p = parse("S3\tObject storage\nEBS\tBlock storage\n", "q.txt", b'\t').expect("ok");
        assert_eq!(p.drafts.len(), 2);
        assert!(p.skipped.is_empty());
    }

    #[test]
    fn cloze_rows() {
        let p = parse(
            "S3 is {{object}} storage,\n{{c1::EFS}} is NFS,extra\n",
            "c.csv",
            b',',
        )
        .expect("ok");
        assert_eq!(
            p.drafts
                .iter()
                .map(|d| d.content.kind())
                .collect::<Vec<_>>(),
            ["cloze", "cloze"]
        );
        assert_eq!(p.drafts[1].explain.as_deref(), Some("extra"));
    }

    #[test]
    fn describe_rows_shows_the_split_of_the_first_rows() {
        let text = "S3,Object storage\n\nModes?,File, Pipe and FastFile\nb,c\nd,e\nf,g\nh,i\n";
        let rows = describe_rows(text, "m.csv", b',', 5).expect("ok");
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[0], "m.csv:1: front \"S3\" · back \"Object storage\"");
        assert_eq!(
            rows[1],
            "m.csv:3: front \"Modes?\" · back \"File\" · tags \" Pipe and FastFile\""
        );
        assert_eq!(
            describe_rows("a,b,c,d,e\n", "x.csv", b',', 5).expect("ok")[0],
            "x.csv:1: front \"a\" · back \"b\" · tags \"c\" · explanation \"d\" · ignored \"e\""
        );
    }
}
