//! One module per screen, each owning its state, its `update` (which returns a `Nav` when it
//! wants another screen) and its `render`. A screen imports `action`, `ctx`, `keys::Mode`,
//! `layout`, `text` and `theme` from below, never `app.rs` and never another screen.
//!
//! A screen that outgrows one file (about 400 lines) becomes a folder like `study/`: `mod.rs`
//! for state and update, a measuring file both use, and `view.rs`.

pub mod add;
pub mod home;
pub mod quiz;
pub mod stats;
pub mod study;
pub mod summary;
