//! The TUI driven headless, one file per screen: actions in through `App::update`, the
//! frame out through `TestBackend` (text and insta snapshots). `support.rs` holds the set-ups.

mod add_form;
mod cloze_hints;
mod exam_date;
mod first_hour;
mod frame;
mod home;
mod home_scroll;
mod quiz_jump;
mod quiz_results;
mod quiz_setup;
mod quiz_take;
mod stats;
mod study;
mod study_loop;
pub mod support;
