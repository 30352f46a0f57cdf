//! What the TUI's add-card form needs from the import side, as plain text functions: the
//! deck id a typed name gives, a cloze text written with Anki's numbered deletions, and the
//! options of a choice card typed one per line.

use super::super::{cloze, slug_text};

/// The deck id a typed deck name gives: an id as it is, a name as `recall import` names a
/// deck after a file (`AWS notes` -> `aws-notes`); empty when nothing usable was typed.
pub fn deck_id_from_name(name: &str) -> String {
    slug_text(name.trim())
}

/// A cloze text with Anki's deletions (`{{c1::answer::hint}}`) as recall gaps (`{{answer}}`,
/// hints dropped); other text unchanged. recall hides every gap of a card at once.
pub fn cloze_from_anki(text: &str) -> String {
    if !cloze::has_anki_cloze(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{c") {
        let after = &rest[start + 3..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let body = (digits > 0)
            .then(|| after[digits..].strip_prefix("::"))
            .flatten();
        match body.and_then(|b| b.find("}}").map(|end| (b, end))) {
            Some((body, end)) => {
                let inner = &body[..end];
                let answer = inner.split_once("::").map_or(inner, |(a, _)| a);
                out.push_str(&rest[..start]);
                out.push_str("{{");
                out.push_str(answer);
                out.push_str("}}");
                rest = &body[end + 2..];
            }
            None => {
                out.push_str(&rest[..start + 3]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The options of a choice card typed one per line, the right ones marked with a leading
/// `*`: the options (marks and outer spaces removed, blank lines skipped) and the indexes of
/// the marked ones.
pub fn options(text: &str) -> (Vec<String>, Vec<usize>) {
    let mut choices = Vec::new();
    let mut right = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix('*') {
            Some(marked) => {
                right.push(choices.len());
                choices.push(marked.trim().to_string());
            }
            None => choices.push(line.to_string()),
        }
    }
    (choices, right)
}

/// Tags typed with spaces or commas between them.
pub fn tags(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deck_names_become_ids_as_an_import_names_them() {
        assert_eq!(deck_id_from_name("my-cards"), "my-cards");
        assert_eq!(deck_id_from_name(" AWS notes "), "aws-notes");
        assert_eq!(deck_id_from_name("Ünïcode"), "unicode");
        assert_eq!(deck_id_from_name("!!!"), "");
    }

    #[test]
    fn anki_deletions_become_gaps_and_plain_gaps_stay() {
        assert_eq!(
            cloze_from_anki("EBS is {{c1::block::kind}} storage, {{c2::one AZ}}."),
            "EBS is {{block}} storage, {{one AZ}}."
        );
        assert_eq!(cloze_from_anki("a {{gap}} b"), "a {{gap}} b");
        assert_eq!(cloze_from_anki("{{c::x}} {{c1::y}}"), "{{c::x}} {{y}}");
        assert_eq!(cloze_from_anki("{{c1::open"), "{{c1::open");
    }

    #[test]
    fn options_one_per_line_with_the_right_ones_starred() {
        let (choices, right) = options("S3 Standard\n\n* Deep Archive \n  *One Zone-IA\n");
        assert_eq!(choices, ["S3 Standard", "Deep Archive", "One Zone-IA"]);
        assert_eq!(right, [1, 2]);
    }

    #[test]
    fn tags_split_on_spaces_and_commas() {
        assert_eq!(tags("s3, glacier  exam,"), ["s3", "glacier", "exam"]);
    }
}
