//! The quiz screens: `setup` (the form), `take` (answering), `results` (score, review,
//! retake), and `question`, which measures a question or a mistake for both `take` and
//! `results` (their updates stop scrolling there, their views draw it).
//!
//! Only `pub mod` lines and the default length live here: no file below imports another
//! screen, and nothing here imports them.

pub mod question;
pub mod results;
pub mod setup;
pub mod take;

/// A full exam's length: the default question count.
pub const EXAM_QUESTIONS: usize = 65;
