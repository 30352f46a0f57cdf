//! The browser's actions on the marked cards (or the selected one): suspend, bury, forget,
//! set due date, each one batch of events in the log (`recall::browse::ops`), and `u` taking
//! the last one back. Only the rows of the cards changed are read again.

use recall::browse::ops::{self, Applied, DueSpec, Op};
use recall::stats::history::Tee;
use recall::text::count;

use super::BrowseState;
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, Status};

/// One action taken in the browser, as `u` needs it.
pub struct Done {
    pub op: Op,
    pub applied: Applied,
}

impl BrowseState {
    /// `s`, `b`, `f` and `u` in the table.
    pub(super) fn act(&mut self, ctx: &mut Ctx, action: Action) {
        let targets = self.targets();
        let facts = self.index.facts();
        let all = |f: fn(&recall::browse::CardFacts) -> bool| {
            !targets.is_empty() && targets.iter().all(|&i| f(&facts[i as usize]))
        };
        let op = match action {
            Action::Undo => return self.undo(ctx),
            Action::Suspend if all(|f| f.suspended) => Op::Unsuspend,
            Action::Suspend => Op::Suspend,
            Action::Bury if all(|f| f.buried) => Op::Unbury,
            Action::Bury => Op::Bury,
            Action::Forget => Op::Forget,
            _ => return,
        };
        self.apply(ctx, op, &targets);
    }

    /// The due-date prompt's enter: `0`, `3`, `1-7`.
    pub(super) fn set_due(&mut self, ctx: &mut Ctx, text: &str) {
        match text.parse::<DueSpec>() {
            Ok(spec) => {
                let targets = self.targets();
                self.apply(ctx, Op::SetDue(spec), &targets);
            }
            Err(e) => ctx.status = Some(Status::error(e)),
        }
    }

    fn apply(&mut self, ctx: &mut Ctx, op: Op, targets: &[u32]) {
        let entries: Vec<usize> = targets
            .iter()
            .map(|&i| self.index.facts()[i as usize].entry)
            .collect();
        let mut sink = Tee {
            inner: ctx.sink.as_mut(),
            history: &mut ctx.history,
        };
        let result = ops::apply(
            &mut ctx.collection,
            &mut sink,
            &ctx.scheduler,
            op,
            &entries,
            ctx.now,
        );
        match result {
            Ok(applied) if applied.is_empty() => {
                ctx.status = Some(Status::info(format!(
                    "Nothing to change: {} already so.",
                    if entries.len() == 1 {
                        "the card is"
                    } else {
                        "the cards are"
                    }
                )));
            }
            Ok(applied) => {
                let changed: Vec<usize> = applied.changes.iter().map(|c| c.entry).collect();
                ctx.status = Some(Status::info(format!(
                    "{} {}. u undoes.",
                    count(changed.len() as u64, "card"),
                    op.past_tense()
                )));
                self.done.push(Done { op, applied });
                self.after_change(ctx, &changed);
            }
            Err(e) => ctx.status = Some(Status::error(format!("nothing changed: {e}"))),
        }
    }

    fn undo(&mut self, ctx: &mut Ctx) {
        let Some(last) = self.done.pop() else {
            ctx.status = Some(Status::info("Nothing to undo in the browser."));
            return;
        };
        let mut sink = Tee {
            inner: ctx.sink.as_mut(),
            history: &mut ctx.history,
        };
        match ops::undo(&mut ctx.collection, &mut sink, &last.applied, ctx.now) {
            Ok(()) => {
                let changed: Vec<usize> = last.applied.changes.iter().map(|c| c.entry).collect();
                ctx.status = Some(Status::info(format!(
                    "Undone: {} no longer {}.",
                    count(changed.len() as u64, "card"),
                    last.op.past_tense()
                )));
                self.after_change(ctx, &changed);
            }
            Err(e) => {
                ctx.status = Some(Status::error(format!("not undone: {e}")));
                self.done.push(last);
            }
        }
    }

    /// The rows of the changed cards read again and the page refreshed. The rows shown stay
    /// (as in Anki's browser): a card unsuspended under `is:suspended` stays in view, to be
    /// looked at or undone, until the search runs again.
    fn after_change(&mut self, ctx: &Ctx, entries: &[usize]) {
        self.changed = true;
        self.index
            .refresh(&ctx.collection, &ctx.scheduler, ctx.now, entries);
        if let Some(p) = &mut self.page {
            p.refresh(ctx, &self.index);
        }
    }
}
