//! One editable text of the add-card form: the text and a cursor that always sits on a
//! character boundary, so multi-byte characters (é, 世, 🎉) move and erase as one.
//!
//! Plain string arithmetic, no terminal: the form's update edits it, its view draws it.

/// A text being typed, with the cursor as a byte offset on a character boundary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextField {
    pub text: String,
    pub cursor: usize,
}

impl TextField {
    /// A field holding `text`, the cursor at its end.
    pub fn with(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    /// Whether nothing but spaces was typed.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Inserts one character at the cursor.
    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Deletes the character before the cursor (backspace).
    pub fn erase(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the character under the cursor (delete).
    pub fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    /// The start of the cursor's line.
    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The end of the cursor's line (before its newline).
    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// To the start of the line (home, ctrl-a).
    pub fn home(&mut self) {
        self.cursor = self.line_start();
    }

    /// To the end of the line (end, ctrl-e).
    pub fn end(&mut self) {
        self.cursor = self.line_end();
    }

    /// Deletes from the start of the line to the cursor (ctrl-u).
    pub fn clear_to_start(&mut self) {
        let start = self.line_start();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Up a line, keeping the column (in characters) where the line is long enough; false on
    /// the first line.
    pub fn up(&mut self) -> bool {
        let start = self.line_start();
        if start == 0 {
            return false;
        }
        let column = self.text[start..self.cursor].chars().count();
        let prev_start = self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        self.cursor = at_column(&self.text, prev_start, start - 1, column);
        true
    }

    /// Down a line, keeping the column; false on the last line.
    pub fn down(&mut self) -> bool {
        let end = self.line_end();
        if end == self.text.len() {
            return false;
        }
        let column = self.text[self.line_start()..self.cursor].chars().count();
        let next_start = end + 1;
        let next_end = self.text[next_start..]
            .find('\n')
            .map_or(self.text.len(), |i| next_start + i);
        self.cursor = at_column(&self.text, next_start, next_end, column);
        true
    }

    /// The cursor's line (from 0) and column (in characters) for the view.
    pub fn line_and_column(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count();
        let column = before[self.line_start()..].chars().count();
        (line, column)
    }
}

/// The byte offset of character `column` of the line `start..end`, or its end.
fn at_column(text: &str, start: usize, end: usize, column: usize) -> usize {
    text[start..end]
        .char_indices()
        .nth(column)
        .map_or(end, |(i, _)| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> TextField {
        let mut f = TextField::default();
        s.chars().for_each(|c| f.insert(c));
        f
    }

    #[test]
    fn multi_byte_characters_move_and_erase_as_one() {
        let mut f = typed("é世🎉");
        assert_eq!(f.cursor, f.text.len());
        f.left();
        assert_eq!(&f.text[f.cursor..], "🎉");
        f.insert('x');
        assert_eq!(f.text, "é世x🎉");
        f.erase();
        f.erase();
        assert_eq!(f.text, "é🎉");
        f.home();
        f.delete();
        assert_eq!(f.text, "🎉");
        f.right();
        f.right();
        assert_eq!(f.cursor, f.text.len());
        f.erase();
        f.erase();
        assert_eq!(f, TextField::default());
    }

    #[test]
    fn up_and_down_keep_the_column_on_lines_long_enough() {
        let mut f = typed("ab世d\nx\nhello");
        assert_eq!(f.line_and_column(), (2, 5));
        assert!(f.up());
        assert_eq!(f.line_and_column(), (1, 1));
        assert!(f.up());
        assert_eq!(f.line_and_column(), (0, 1));
        f.right();
        f.right();
        assert_eq!(&f.text[f.cursor..f.cursor + 1], "d");
        assert!(!f.up());
        assert!(f.down());
        assert!(f.down());
        assert_eq!(f.line_and_column(), (2, 1));
        assert!(!f.down());
    }

    #[test]
    fn ctrl_u_clears_only_the_cursors_line_up_to_the_cursor() {
        let mut f = typed("one\ntwo three");
        f.left();
        f.clear_to_start();
        assert_eq!(f.text, "one\ne");
        assert_eq!(f.line_and_column(), (1, 0));
    }
}
