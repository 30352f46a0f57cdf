//! Deck errors that point at the exact place in the file a person has to fix.

/// One problem in a deck file, printed as `FILE:LINE:COL: message` (ripgrep/compiler style).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.location_prefix() + &self.message)]
pub struct DeckError {
    pub file: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
}

impl DeckError {
    /// An error at a known place in `file`.
    pub fn at(
        file: &str,
        line: Option<usize>,
        col: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        DeckError {
            file: file.to_string(),
            line,
            col,
            message: message.into(),
        }
    }

    fn location_prefix(&self) -> String {
        match (self.line, self.col) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}: ", self.file),
            (Some(l), None) => format!("{}:{l}: ", self.file),
            _ => format!("{}: ", self.file),
        }
    }
}

/// Converts a byte offset into a 1-based (line, column) pair; columns count characters.
///
/// Scans the text once; for many look-ups in the same text use [`LineIndex`].
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(src).line_col(src, offset)
}

/// Where each line starts, so that positions of many cards in a large file cost a binary
/// search each instead of a scan from the top (which made parsing quadratic).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based (line, column) of a byte offset in the text this index was built from.
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(src.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = src
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let e = DeckError::at("a.toml", Some(3), Some(7), "expected a string");
        assert_eq!(e.to_string(), "a.toml:3:7: expected a string");
        let e = DeckError::at("a.toml", Some(3), None, "x");
        assert_eq!(e.to_string(), "a.toml:3: x");
        let e = DeckError::at("a.toml", None, None, "x");
        assert_eq!(e.to_string(), "a.toml: x");
    }

    #[test]
    fn line_col_counts_from_one() {
        let src = "ab\ncdé\nf";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 7), (2, 4));
        assert_eq!(line_col(src, 999), (3, 2));
        let idx = LineIndex::new(src);
        let boundaries = (0..=src.len()).filter(|&o| src.is_char_boundary(o));
        for offset in boundaries.chain([src.len() + 2]) {
            let by_scan = {
                let o = offset.min(src.len());
                let before = &src[..o];
                let line = before.matches('\n').count() + 1;
                let start = before.rfind('\n').map_or(0, |i| i + 1);
                (line, before[start..].chars().count() + 1)
            };
            assert_eq!(idx.line_col(src, offset), by_scan, "offset {offset}");
        }
    }
}
