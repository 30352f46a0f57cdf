//! The browser's actions on the marked cards (or the selected one): suspend, bury, forget,
//! set due date, each appended to the log by `recall::browse::ops`, and `u` taking the last
//! one back. The rows are rebuilt once after each action.

use super::BrowseState;
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, Status};

/// One action taken in the browser, as `u` needs it.
pub struct Done {
    pub what: String,
}

impl BrowseState {
    pub(super) fn act(&mut self, ctx: &mut Ctx, action: Action) {
        let _ = action;
        ctx.status = Some(Status::error("TODO ops"));
    }

    pub(super) fn set_due(&mut self, ctx: &mut Ctx, text: &str) {
        let _ = text;
        ctx.status = Some(Status::error("TODO ops"));
    }
}
