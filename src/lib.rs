//! recall's core: decks, scheduling, storage, quizzes and stats, with no terminal in it.
//!
//! The binary (`src/main.rs`) owns the TUI; nothing below this file may depend on ratatui or
//! crossterm, so every piece of logic here can be tested without a terminal.

pub mod browse;
pub mod dates;
pub mod deck;
pub mod edit;
pub mod fnv;
pub mod import;
pub mod library;
pub mod quiz;
pub mod schedule;
pub mod stats;
pub mod store;
pub mod study;
pub mod sync;
pub mod text;
pub mod timefmt;
pub mod trace;
