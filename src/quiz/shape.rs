//! The shape of an answer, so that the wrong options of a basic card's question look like its
//! right answer: a yes/no answer gets yes/no answers beside it, a number gets numbers, a short
//! term gets terms, a sentence gets sentences of a similar length. Otherwise the odd one out
//! gives itself away ("JSON. It can grant…" among three answers starting "No").

/// What kind of text an answer is, judged from its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Starts with "yes" or "no".
    YesNo,
    /// Starts with a digit: "24", "99.5%", "11 nines", "5 TB".
    Number,
    /// A name or short phrase: at most `TERM_WORDS` words, not ended by a full stop.
    Term,
    /// Anything longer: a sentence or more.
    Sentence,
}

/// The most words a term has ("S3 Glacier Deep Archive" is four).
const TERM_WORDS: usize = 5;
/// How much longer (in characters, either way) a wrong option may be than the answer.
const LENGTH_RATIO: f32 = 2.0;
/// The same, for a wrong option from a card that shares a tag with the question's card.
const TAGGED_LENGTH_RATIO: f32 = 3.0;

/// The kind of `text` (see [`Kind`]).
pub fn kind(text: &str) -> Kind {
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':')
        .filter(|w| !w.is_empty());
    let first = words
        .clone()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if first == "yes" || first == "no" {
        Kind::YesNo
    } else if first.starts_with(|c: char| c.is_ascii_digit()) {
        Kind::Number
    } else if words.by_ref().count() <= TERM_WORDS && !text.trim_end().ends_with('.') {
        Kind::Term
    } else {
        Kind::Sentence
    }
}

/// How many times longer the longer of two texts is (in characters), at least 1.
pub fn length_ratio(a: &str, b: &str) -> f32 {
    let len = |s: &str| s.chars().count().max(1) as f32;
    let (a, b) = (len(a), len(b));
    a.max(b) / a.min(b)
}

/// An answer's kind and length, worked out once per answer (a quiz compares each answer with
/// every other of its deck).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Shape {
    pub kind: Kind,
    /// In characters, at least 1.
    pub len: usize,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        Shape {
            kind: kind(text),
            len: text.chars().count().max(1),
        }
    }

    /// Whether an answer of shape `other` may stand as a wrong option beside one of this
    /// shape: the same [`Kind`], and a length within `LENGTH_RATIO` of it
    /// (`TAGGED_LENGTH_RATIO` when the two cards share a tag).
    pub fn alike(&self, tags: &[String], other: &Shape, other_tags: &[String]) -> bool {
        if self.kind != other.kind {
            return false;
        }
        let shared = tags.iter().any(|t| other_tags.contains(t));
        let limit = if shared {
            TAGGED_LENGTH_RATIO
        } else {
            LENGTH_RATIO
        };
        self.len.max(other.len) as f32 / self.len.min(other.len) as f32 <= limit
    }
}

/// [`Shape::alike`] on two texts.
pub fn alike(answer: &str, answer_tags: &[String], candidate: &str, tags: &[String]) -> bool {
    Shape::of(answer).alike(answer_tags, &Shape::of(candidate), tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_from_the_words() {
        assert_eq!(kind("No, only one type at a time."), Kind::YesNo);
        assert_eq!(kind("Yes."), Kind::YesNo);
        assert_eq!(
            kind("No; the key has to come with each request."),
            Kind::YesNo
        );
        assert_eq!(kind("24"), Kind::Number);
        assert_eq!(kind("99.5%"), Kind::Number);
        assert_eq!(kind("S3 Glacier Deep Archive"), Kind::Term);
        assert_eq!(kind("Amazon Athena"), Kind::Term);
        assert_eq!(
            kind("JSON. It can grant other AWS accounts or IAM principals access."),
            Kind::Sentence
        );
        assert_eq!(kind("Symmetric keys only."), Kind::Sentence);
        // "Now" and "Nothing" are not "no".
        assert_eq!(kind("Nothing"), Kind::Term);
    }

    #[test]
    fn a_yes_no_answer_never_stands_beside_a_statement() {
        let none: &[String] = &[];
        let s3 = &["s3".to_string()];
        let json = "JSON. It can grant other AWS accounts or IAM principals access to the bucket.";
        assert!(!alike("No, only one type at a time.", s3, json, s3));
        assert!(alike(
            "No, only one type at a time.",
            none,
            "No; the key has to come with each request.",
            none
        ));
        // Similar kind but far longer: only with a shared tag, and never past 3 times.
        let short = "Symmetric keys in the same Region.";
        let long = "Dual-layer server-side encryption with KMS keys: two layers of encryption.";
        assert!(!alike(short, none, long, none));
        assert!(alike(short, s3, long, s3));
        assert!(!alike("Amazon EMR", none, "24", none));
    }
}
