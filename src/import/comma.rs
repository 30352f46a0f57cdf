//! A CSV row whose answer an unquoted comma cut in two ("Modes?,File, Pipe and FastFile"):
//! told apart from real tags so the row is reported instead of imported wrong. Reads fields only.

/// Words that show a tags column holds a sentence, not tags.
const PROSE_WORDS: [&str; 12] = [
    "and", "or", "the", "a", "an", "of", "to", "in", "is", "with", "for", "but",
];
/// Words that join the parts of a list in a sentence ("Pipe and FastFile").
const JOINING_WORDS: [&str; 3] = ["and", "or", "but"];

/// Why a row looks split by a comma that belonged to the text: more fields than the four
/// columns, or a tags column that reads as prose: after the space a sentence puts behind its
/// comma, more than three words or words like "and" and "the"; or "and"/"or" joining words
/// ("Pipe and FastFile"). A CSV row `Modes?,File, Pipe and FastFile` would otherwise import
/// the back "File". Tags as recall exports them ("s3 storage a") are never flagged.
pub fn unquoted_comma(fields: &csv::StringRecord, delimiter: u8) -> Option<String> {
    if delimiter != b',' {
        return None;
    }
    let tags = fields.get(2)?;
    let words: Vec<String> = tags.split_whitespace().map(str::to_lowercase).collect();
    let after_comma = tags.starts_with(' ')
        && (words.len() > 3 || words.iter().any(|w| PROSE_WORDS.contains(&w.as_str())));
    let joined = words.len() >= 3
        && words[1..words.len() - 1]
            .iter()
            .any(|w| JOINING_WORDS.contains(&w.as_str()));
    if fields.len() <= 4 && !after_comma && !joined {
        return None;
    }
    let back: Vec<&str> = fields
        .iter()
        .skip(1)
        .take(fields.len().min(3) - 1)
        .collect();
    Some(format!(
        "probable unquoted comma: the row has {} fields and the tags column reads {:?}; if the back is {:?}, put it in double quotes",
        fields.len(),
        tags.trim(),
        back.join(",").trim()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::CardContent;
    use crate::import::delimited::parse;

    #[test]
    fn tags_as_recall_exports_them_are_never_flagged_and_tabs_never_are() {
        let tags = csv::StringRecord::from(vec!["G", "H", "s3 a"]);
        assert_eq!(unquoted_comma(&tags, b','), None);
        let split = csv::StringRecord::from(vec!["Modes?", "File", " Pipe and FastFile"]);
        assert!(unquoted_comma(&split, b',').is_some());
        assert_eq!(unquoted_comma(&split, b'\t'), None);
        let extra = csv::StringRecord::from(vec!["a", "b", "c", "d", "e"]);
        assert!(unquoted_comma(&extra, b',').is_some());
    }

    #[test]
    fn a_tags_column_that_reads_as_prose_is_a_probable_unquoted_comma() {
        let text = "S3,Object storage,aws s3
Modes?,File, Pipe and FastFile
\"Modes?\",\"File, Pipe and FastFile\"\nA,B, one two three four\nC,D,t,why,extra\nE,F,t1 t2 t3 t4 t5\nG,H,s3 a\nI?,J,K and L\n";
        let p = parse(text, "m.csv", b',').expect("parses");
        assert_eq!(p.drafts.len(), 4, "{:?}", p.drafts);
        let lines: Vec<usize> = p.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 4, 5, 8]);
        assert_eq!(
            p.skipped[0].to_string(),
            "m.csv:2: probable unquoted comma: the row has 3 fields and the tags column reads \"Pipe and FastFile\"; if the back is \"File, Pipe and FastFile\", put it in double quotes"
        );
        // The quoted row is the card the first one meant.
        assert_eq!(
            p.drafts[1].content,
            CardContent::Basic {
                front: "Modes?".into(),
                back: "File, Pipe and FastFile".into()
            }
        );
        // Tabs never split prose by accident.
        let p = parse("Modes?\tFile\tPipe and FastFile\n", "m.tsv", b'\t').expect("ok");
        assert!(p.skipped.is_empty());
    }
}
