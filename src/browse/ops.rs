//! What the browser and the CLI do to cards: suspend, unsuspend, bury, unbury, forget and
//! set a due date. Each action on any number of cards is one batch of events appended to
//! the log (one write, one `fdatasync`) and then applied in memory exactly as the replay
//! applies those events; `undo` takes the whole batch back with one `undo` event per event,
//! again in one write.

use crate::schedule::{CardState, Millis, Scheduler};
use crate::store::{EventKind, StoreError};
use crate::study::{Collection, EventSink};

/// An action on the selected cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Suspend,
    Unsuspend,
    /// Hidden until the next study day.
    Bury,
    Unbury,
    /// Back to new; the history stays in the log.
    Forget,
    /// Anki's "set due date".
    SetDue(DueSpec),
}

impl Op {
    /// The verb for messages: "suspended", "set due".
    pub fn past_tense(self) -> &'static str {
        match self {
            Op::Suspend => "suspended",
            Op::Unsuspend => "unsuspended",
            Op::Bury => "buried",
            Op::Unbury => "unburied",
            Op::Forget => "forgotten (back to new)",
            Op::SetDue(_) => "rescheduled",
        }
    }
}

/// Anki's "set due date" input: `0` today, `3` in three days, `1-7` spread at random over
/// that range, a trailing `!` also sets the interval to the new delay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueSpec {
    pub from: u32,
    pub to: u32,
    pub reset: bool,
}

impl std::str::FromStr for DueSpec {
    type Err = String;

    /// Reads `N`, `N-M` or either with `!`; the error says what was expected.
    fn from_str(text: &str) -> Result<DueSpec, String> {
        let t = text.trim();
        let (t, reset) = match t.strip_suffix('!') {
            Some(rest) => (rest, true),
            None => (t, false),
        };
        let expected = || {
            format!(
                "{text:?} is not a due date: expected days from today like `0` (today), `3`, a range `1-7` (spread at random), optionally with `!` to also set the interval"
            )
        };
        let days = |s: &str| -> Result<u32, String> {
            let s = s.trim();
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(expected());
            }
            s.parse::<u32>()
                .ok()
                .filter(|&d| d <= crate::store::log::MAX_SET_DUE_DAYS)
                .ok_or_else(|| {
                    format!(
                        "{text:?}: at most {} days",
                        crate::store::log::MAX_SET_DUE_DAYS
                    )
                })
        };
        let (from, to) = match t.split_once('-') {
            Some((a, b)) => (days(a)?, days(b)?),
            None => {
                let d = days(t)?;
                (d, d)
            }
        };
        if from > to {
            return Err(format!(
                "{text:?}: the range must go from the smaller number of days to the larger"
            ));
        }
        Ok(DueSpec { from, to, reset })
    }
}

impl DueSpec {
    /// The days for one card: `from` itself, or a number of the range picked from `salt`.
    fn days(self, salt: u64) -> u32 {
        let span = u64::from(self.to - self.from) + 1;
        self.from + (mix(salt) % span) as u32
    }
}

/// SplitMix64's finaliser: spreads consecutive salts over the range.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// One card an action changed: the event written and what the card was before, so undo can
/// restore it without a replay.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub entry: usize,
    pub seq: u32,
    pub kind: EventKind,
    before: Before,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Before {
    state: CardState,
    suspended: bool,
    buried_day: Option<i32>,
}

/// What one action did: one change per card it changed (cards already in the asked-for
/// state are left alone and get no event).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    pub changes: Vec<Change>,
    /// When the events were written.
    pub at: Millis,
}

impl Applied {
    /// How many cards changed.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// The event `op` writes for one card, or None when the card is already so.
fn event_for(op: Op, col: &Collection, entry: usize, today: i32, now: Millis) -> Option<EventKind> {
    let e = &col.cards[entry];
    match op {
        Op::Suspend => (!e.suspended).then_some(EventKind::Suspend),
        Op::Unsuspend => e.suspended.then_some(EventKind::Unsuspend),
        Op::Bury => (e.buried_day != Some(today)).then_some(EventKind::Bury),
        Op::Unbury => (e.buried_day == Some(today)).then_some(EventKind::Unbury),
        Op::Forget => (e.state.phase != crate::schedule::Phase::New).then_some(EventKind::Forget),
        Op::SetDue(spec) => Some(EventKind::SetDue {
            days: spec.days(e.seed ^ now as u64 ^ entry as u64),
            reset: spec.reset,
        }),
    }
}

/// Applies `op` to the cards `entries` (indices into `Collection::cards`): appends one event
/// per card that changes, in one batch, and only once that is on disk changes them in
/// memory as the replay would. On error nothing changed.
pub fn apply(
    col: &mut Collection,
    sink: &mut dyn EventSink,
    scheduler: &Scheduler,
    op: Op,
    entries: &[usize],
    now: Millis,
) -> Result<Applied, StoreError> {
    let today = scheduler.day_of(now);
    let mut seen = std::collections::HashSet::new();
    let planned: Vec<(usize, EventKind)> = entries
        .iter()
        .copied()
        .filter(|&i| i < col.cards.len() && seen.insert(i))
        .filter_map(|i| event_for(op, col, i, today, now).map(|k| (i, k)))
        .collect();
    let events: Vec<(Millis, &str, EventKind)> = planned
        .iter()
        .map(|&(i, k)| (now, col.cards[i].global_id.as_str(), k))
        .collect();
    let seqs = sink.append_batch(&events)?;
    let mut changes = Vec::with_capacity(planned.len());
    for (&(entry, kind), seq) in planned.iter().zip(seqs) {
        let e = &mut col.cards[entry];
        let before = Before {
            state: e.state,
            suspended: e.suspended,
            buried_day: e.buried_day,
        };
        match kind {
            EventKind::Suspend => e.suspended = true,
            EventKind::Unsuspend => e.suspended = false,
            EventKind::Bury => e.buried_day = Some(today),
            EventKind::Unbury => e.buried_day = None,
            EventKind::Forget => e.state = scheduler.forget(&e.state),
            EventKind::SetDue { days, reset } => {
                e.state = scheduler.set_due(&e.state, now, days, reset)
            }
            _ => {}
        }
        changes.push(Change {
            entry,
            seq,
            kind,
            before,
        });
    }
    Ok(Applied { changes, at: now })
}

/// Takes back everything `applied` did: one `undo` event naming each event (in one write),
/// then each card as it was before. The sink must be the one `apply` wrote to.
pub fn undo(
    col: &mut Collection,
    sink: &mut dyn EventSink,
    applied: &Applied,
    now: Millis,
) -> Result<(), StoreError> {
    let events: Vec<(Millis, &str, EventKind)> = applied
        .changes
        .iter()
        .map(|c| {
            let kind = match c.seq {
                0 => EventKind::Undo,
                seq => EventKind::UndoOf(seq),
            };
            (now, col.cards[c.entry].global_id.as_str(), kind)
        })
        .collect();
    sink.append_batch(&events)?;
    for c in applied.changes.iter().rev() {
        let e = &mut col.cards[c.entry];
        e.state = c.before.state;
        e.suspended = c.before.suspended;
        e.buried_day = c.before.buried_day;
    }
    Ok(())
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
