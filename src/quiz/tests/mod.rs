//! Quiz building, checking, scoring, timing, the quiz log and `quiz-miss` replay, one file
//! per concern; `support.rs` holds the shared set-ups.

mod build;
mod saving;
mod scoring;
mod support;
