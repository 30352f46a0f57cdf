//! Raw bytes to text, refusing what is not a UTF-8 text file with the byte offset of the
//! problem: a UTF-16/32 byte-order mark, NUL bytes (binary data), invalid UTF-8, no content.

use crate::deck::DeckError;

/// Checks `bytes` are UTF-8 text and returns them without a UTF-8 byte-order mark.
pub fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, DeckError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DeckError::at(
            file,
            Some(1),
            None,
            "starts with a UTF-16 byte-order mark (byte 0); save the file as UTF-8 and import it again",
        ));
    }
    let (skip, body) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    if let Some(nul) = memchr::memchr(0, body) {
        let offset = skip + nul;
        return Err(DeckError::at(
            file,
            Some(line_of(bytes, offset)),
            None,
            format!("binary data (a NUL byte) at byte {offset}; expected a text file"),
        ));
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        let offset = skip + e.valid_up_to();
        DeckError::at(
            file,
            Some(line_of(bytes, offset)),
            None,
            format!("not valid UTF-8 at byte {offset}; expected a UTF-8 text file"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(DeckError::at(
            file,
            None,
            None,
            "the file is empty; expected cards",
        ));
    }
    Ok(text)
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> String {
        decode(bytes, "f.csv").expect_err("rejected").to_string()
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b\n", "f").ok(), Some("a,b\n"));
    }

    #[test]
    fn bad_bytes_name_line_and_offset() {
        assert_eq!(
            err(b"\xFF\xFEa\0,\0"),
            "f.csv:1: starts with a UTF-16 byte-order mark (byte 0); save the file as UTF-8 and import it again"
        );
        assert_eq!(
            err(b"a,b\nc,\xC3("),
            "f.csv:2: not valid UTF-8 at byte 6; expected a UTF-8 text file"
        );
        assert_eq!(
            err(b"\xEF\xBB\xBFa,b\n\x00\x01\x02"),
            "f.csv:2: binary data (a NUL byte) at byte 7; expected a text file"
        );
        assert_eq!(err(b""), "f.csv: the file is empty; expected cards");
        assert_eq!(
            err(b"\xEF\xBB\xBF \n\n"),
            "f.csv: the file is empty; expected cards"
        );
    }
}
