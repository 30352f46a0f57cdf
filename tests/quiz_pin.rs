//! Pins the questions and option order a quiz seed draws. Every stored attempt keeps its seed
//! (`quizzes.jsonl`) and `recall quiz --seed S` promises the same questions in the same order,
//! so a `rand` upgrade that changed the shuffle would silently break that promise.

use recall::deck::{parse_deck, DeckSource};
use recall::quiz::{build, QuestionKind, QuizMode, QuizSpec};

const DECK: &str = r#"
[deck]
id = "pin"
title = "Pinned"

[[cards]]
id = "c1"
kind = "choice"
front = "One of four"
choices = ["a", "b", "c", "d"]
answer = 1

[[cards]]
id = "c2"
kind = "choice"
front = "Two of five"
choices = ["a", "b", "c", "d", "e"]
answer = [1, 3]

[[cards]]
id = "c3"
kind = "choice"
front = "One of three"
choices = ["x", "y", "z"]
answer = 2

[[cards]]
id = "b1"
front = "Cold archive"
back = "S3 Glacier Deep Archive"

[[cards]]
id = "b2"
front = "Streaming ingest"
back = "Kinesis Data Streams"

[[cards]]
id = "b3"
front = "Serverless ETL"
back = "AWS Glue"

[[cards]]
id = "b4"
front = "Ad-hoc SQL on S3"
back = "Amazon Athena"

[[cards]]
id = "b5"
front = "Managed Spark clusters"
back = "Amazon EMR"

[[cards]]
id = "b6"
front = "Data warehouse"
back = "Amazon Redshift"

[[cards]]
id = "b7"
front = "Hours of retention by default"
back = "24"

[[cards]]
id = "g1"
kind = "cloze"
text = "SSE-C needs {{HTTPS}}."
"#;

/// One quiz as text: each question's card and its options in the order shown.
fn drawn(seed: u64, mode: QuizMode) -> String {
    let deck = parse_deck(DECK, "pin.toml", DeckSource::Builtin("pin.toml")).expect("valid deck");
    let spec = QuizSpec {
        decks: Vec::new(),
        count: 8,
        seed,
        mode,
    };
    build(&[deck], &spec)
        .iter()
        .map(|q| match &q.kind {
            QuestionKind::Choice { options, correct } => {
                format!("{} {} {correct:?}", q.card, options.join("|"))
            }
            QuestionKind::Typed { answers } => format!("{} typed {}", q.card, answers.join("|")),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_quiz_seed_draws_the_questions_it_always_drew() {
    for (seed, mode, want) in PINNED {
        assert_eq!(
            drawn(seed, mode),
            want,
            "seed {seed} draws another quiz: `recall quiz --seed` and stored attempts' seeds \
             would no longer redraw what they promise"
        );
    }
}

/// Recorded with rand 0.9 (`StdRng::seed_from_u64`, `partial_shuffle`, `shuffle`); rand 0.10
/// draws the same. Redrawn once, on purpose, when wrong options had to share the answer's
/// shape ("24" is no longer a wrong option beside "AWS Glue") and exam mode began to ask the
/// authored choice questions first and no typed ones: attempts saved before that redraw
/// other questions from their seed.
const PINNED: [(u64, QuizMode, &str); 6] = [
    (
        0,
        QuizMode::Practice,
        "pin/b5 Amazon EMR|Amazon Redshift|Kinesis Data Streams|AWS Glue [0]\n\
         pin/g1 typed HTTPS\n\
         pin/b3 AWS Glue|Amazon Redshift|Amazon Athena|Amazon EMR [0]\n\
         pin/b2 Kinesis Data Streams|S3 Glacier Deep Archive|Amazon Athena|Amazon Redshift [0]\n\
         pin/b4 S3 Glacier Deep Archive|Amazon Athena|AWS Glue|Amazon Redshift [1]\n\
         pin/c1 a|c|d|b [3]\n\
         pin/c3 y|x|z [2]\n\
         pin/c2 c|e|b|d|a [2, 3]",
    ),
    (
        7,
        QuizMode::Practice,
        "pin/c1 d|a|b|c [2]\n\
         pin/b1 Amazon Athena|Kinesis Data Streams|Amazon Redshift|S3 Glacier Deep Archive [3]\n\
         pin/c3 z|y|x [0]\n\
         pin/b6 Amazon Redshift|Kinesis Data Streams|S3 Glacier Deep Archive|AWS Glue [0]\n\
         pin/c2 e|c|a|b|d [3, 4]\n\
         pin/b2 Amazon Redshift|Amazon EMR|S3 Glacier Deep Archive|Kinesis Data Streams [3]\n\
         pin/b3 Amazon Athena|AWS Glue|Amazon EMR|Amazon Redshift [1]\n\
         pin/g1 typed HTTPS",
    ),
    (
        1_795_428_000_000,
        QuizMode::Practice,
        "pin/b2 Kinesis Data Streams|Amazon EMR|Amazon Redshift|Amazon Athena [0]\n\
         pin/b3 Amazon Redshift|AWS Glue|Amazon EMR|Amazon Athena [1]\n\
         pin/c3 x|z|y [1]\n\
         pin/b4 S3 Glacier Deep Archive|AWS Glue|Amazon Athena|Kinesis Data Streams [2]\n\
         pin/b5 AWS Glue|Amazon Athena|Amazon Redshift|Amazon EMR [3]\n\
         pin/b6 Amazon Redshift|Amazon Athena|Amazon EMR|AWS Glue [0]\n\
         pin/c2 b|e|a|d|c [0, 3]\n\
         pin/c1 a|b|d|c [1]",
    ),
    (
        0,
        QuizMode::Exam,
        "pin/c2 d|a|e|c|b [0, 4]\n\
         pin/c1 c|b|d|a [1]\n\
         pin/b3 AWS Glue|Amazon EMR|Amazon Athena|Amazon Redshift [0]\n\
         pin/b5 Amazon Athena|Amazon EMR|Amazon Redshift|AWS Glue [1]\n\
         pin/b4 Kinesis Data Streams|AWS Glue|Amazon Athena|Amazon EMR [2]\n\
         pin/b1 Amazon Athena|Amazon Redshift|Kinesis Data Streams|S3 Glacier Deep Archive [3]\n\
         pin/b2 Amazon EMR|Amazon Athena|Amazon Redshift|Kinesis Data Streams [3]\n\
         pin/c3 z|y|x [0]",
    ),
    (
        7,
        QuizMode::Exam,
        "pin/b2 Amazon EMR|Kinesis Data Streams|Amazon Athena|Amazon Redshift [1]\n\
         pin/b1 Amazon Redshift|Kinesis Data Streams|S3 Glacier Deep Archive|Amazon Athena [2]\n\
         pin/c2 e|a|b|c|d [2, 4]\n\
         pin/b5 Amazon Athena|AWS Glue|Amazon EMR|Amazon Redshift [2]\n\
         pin/b3 Amazon Athena|Amazon EMR|Amazon Redshift|AWS Glue [3]\n\
         pin/b6 Amazon Athena|Amazon Redshift|AWS Glue|Amazon EMR [1]\n\
         pin/c3 z|y|x [0]\n\
         pin/c1 c|d|a|b [3]",
    ),
    (
        1_795_428_000_000,
        QuizMode::Exam,
        "pin/c3 z|x|y [0]\n\
         pin/b3 Amazon Redshift|AWS Glue|Amazon EMR|Amazon Athena [1]\n\
         pin/c1 d|c|b|a [2]\n\
         pin/c2 b|d|c|a|e [0, 1]\n\
         pin/b5 AWS Glue|Amazon Redshift|Amazon EMR|Kinesis Data Streams [2]\n\
         pin/b6 Amazon Athena|AWS Glue|Amazon EMR|Amazon Redshift [3]\n\
         pin/b4 Amazon Athena|Amazon Redshift|Kinesis Data Streams|S3 Glacier Deep Archive [0]\n\
         pin/b2 Amazon Athena|S3 Glacier Deep Archive|Kinesis Data Streams|Amazon EMR [2]",
    ),
];
