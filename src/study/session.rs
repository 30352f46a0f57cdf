//! A study session: show a card, reveal it, rate it, undo, bury or suspend it.
//!
//! Every change is first appended to the review log; only when the append (write + fsync)
//! succeeded does the in-memory state change. A failed write leaves everything as it was, so
//! the UI can say so and the user can try again.

use super::collection::{count_answer, mark_leech, Collection, DayCounts, Scope};
use super::queue::{DueCounts, Limits, Queue};
use super::EventSink;
use crate::schedule::{CardState, Millis, Outcome, Phase, Rating, Scheduler};
use crate::store::{EventKind, StoreError};

use crate::store::log::MAX_ANSWER_MS;

/// What happened in a session, for the summary screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionStats {
    pub studied: u32,
    /// Answers per rating, Again..Easy.
    pub ratings: [u32; 4],
    pub answer_ms: u64,
}

#[derive(Clone, Debug)]
struct UndoStep {
    entry: usize,
    /// When the event to take back was recorded.
    at: Millis,
    /// The sequence number the log gave the event to take back (0: the sink numbers none).
    seq: u32,
    state: CardState,
    suspended: bool,
    buried_day: Option<i32>,
    leech: bool,
    counts: DayCounts,
    stats: SessionStats,
}

/// The answers, burials and suspensions that `u` can take back, newest last. A session holds
/// it while it runs; the TUI keeps it between sessions (as Anki's undo outlives a deck's
/// study screen), so `u` on the summary or Home still takes back the last answer.
#[derive(Clone, Debug, Default)]
pub struct UndoStack(Vec<UndoStep>);

impl UndoStack {
    /// Whether `u` has anything to take back.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// When the newest step was recorded.
    pub fn last_at(&self) -> Option<Millis> {
        self.0.last().map(|s| s.at)
    }
}

/// What an answer did beyond scheduling the card, for the study screen to say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answered {
    /// This lapse made the card a leech (Anki's leech threshold).
    pub leech: bool,
    /// ... and the leech action suspended it.
    pub suspended: bool,
}

impl Answered {
    /// The sentence the study screen shows, when there is something to say.
    pub fn message(&self) -> Option<&'static str> {
        match (self.leech, self.suspended) {
            (true, true) => Some(
                "This card is now a leech (forgotten many times) and was suspended: rewrite it or split it, then unsuspend it in the browser.",
            ),
            (true, false) => Some(
                "This card is now a leech (forgotten many times): consider rewriting or splitting it (`tag:leech` finds it).",
            ),
            _ => None,
        }
    }
}

/// One sitting of study in one scope.
pub struct Session {
    pub scope: Scope,
    /// A cram session (custom study without rescheduling): answers are logged as `cram`
    /// events and leave every schedule as it was.
    cram: bool,
    pub limits: Limits,
    queue: Queue,
    current: Option<usize>,
    revealed: bool,
    shown_at: Millis,
    undo: UndoStack,
    stats: SessionStats,
    started: Millis,
}

impl Session {
    /// Builds today's queue and shows its first card.
    pub fn start(
        col: &mut Collection,
        scope: Scope,
        limits: Limits,
        scheduler: &Scheduler,
        now: Millis,
    ) -> Session {
        col.roll_day(scheduler.day_of(now));
        let queue = Queue::build(col, scope, limits, scheduler, now);
        Session::with_queue(col, scope, limits, queue, false, now)
    }

    /// Custom study of the cards `selected` holds (indices into `Collection::cards`, e.g. a
    /// search's result): with `cram`, every selected card still in study (not suspended,
    /// buried or archived) in the given order, each answer logged without changing its
    /// schedule, Again showing the card again later; otherwise the normal queue of today
    /// restricted to them, within the day's limits.
    pub fn start_custom(
        col: &mut Collection,
        selected: &[usize],
        cram: bool,
        limits: Limits,
        scheduler: &Scheduler,
        now: Millis,
    ) -> Session {
        col.roll_day(scheduler.day_of(now));
        let queue = if cram {
            Queue::cram(col, selected, scheduler.day_of(now))
        } else {
            Queue::build_among(col, selected, limits, scheduler, now)
        };
        Session::with_queue(col, Scope::All, limits, queue, cram, now)
    }

    fn with_queue(
        col: &Collection,
        scope: Scope,
        limits: Limits,
        queue: Queue,
        cram: bool,
        now: Millis,
    ) -> Session {
        let mut s = Session {
            scope,
            cram,
            limits,
            queue,
            current: None,
            revealed: false,
            shown_at: now,
            undo: UndoStack::default(),
            stats: SessionStats::default(),
            started: now,
        };
        s.advance(col, now);
        s
    }

    /// The card on screen (an index into `Collection::cards`), or None when the session is done.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    pub fn is_revealed(&self) -> bool {
        self.revealed
    }

    pub fn stats(&self) -> SessionStats {
        self.stats
    }

    pub fn started(&self) -> Millis {
        self.started
    }

    /// Whether there is anything to undo in this session.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Takes the undo stack out (when the session's screen closes), leaving this one empty.
    pub fn take_undo(&mut self) -> UndoStack {
        std::mem::take(&mut self.undo)
    }

    /// Continues an earlier session's undo stack, so `u` reaches answers given before.
    pub fn adopt_undo(&mut self, undo: UndoStack) {
        self.undo = undo;
    }

    /// Whether the card on screen is a learning card shown before it is due (Anki's
    /// learn-ahead, when nothing else is left): when it is due, if so.
    pub fn early_due(&self, col: &Collection, now: Millis) -> Option<Millis> {
        let e = &col.cards[self.current?];
        let learning = matches!(e.state.phase, Phase::Learning | Phase::Relearning);
        (learning && e.state.due > now).then_some(e.state.due)
    }

    /// Cards left, counting the one on screen.
    pub fn remaining(&self, col: &Collection) -> DueCounts {
        let mut c = self.queue.counts();
        if let Some(e) = self.current {
            match col.cards[e].state.phase {
                Phase::New => c.new += 1,
                Phase::Review => c.review += 1,
                Phase::Learning | Phase::Relearning => c.learning += 1,
            }
        }
        c
    }

    /// When the next learning card comes due, if the session ran out while some wait.
    pub fn next_learning_due(&self, col: &Collection) -> Option<Millis> {
        self.queue.next_learning_due(&col.cards)
    }

    pub fn reveal(&mut self) {
        if self.current.is_some() {
            self.revealed = true;
        }
    }

    /// The four outcomes of the current card, for the rating buttons.
    pub fn preview(
        &self,
        col: &Collection,
        scheduler: &Scheduler,
        now: Millis,
    ) -> Option<[Outcome; 4]> {
        let e = &col.cards[self.current?];
        Some(scheduler.preview(&e.state, now, e.seed))
    }

    /// Whether this is a cram session (answers leave the schedule unchanged).
    pub fn is_cram(&self) -> bool {
        self.cram
    }

    /// Rates the current card. The rating counts only once the log append succeeded. Says
    /// whether the answer made the card a leech.
    pub fn rate(
        &mut self,
        col: &mut Collection,
        sink: &mut dyn EventSink,
        scheduler: &Scheduler,
        rating: Rating,
        now: Millis,
    ) -> Result<Answered, StoreError> {
        let Some(entry) = self.current else {
            return Ok(Answered::default());
        };
        let ms = (now - self.shown_at).clamp(0, Millis::from(MAX_ANSWER_MS)) as u32;
        if self.cram {
            return self.rate_cram(col, sink, entry, rating, ms, now);
        }
        let e = &col.cards[entry];
        let next = scheduler.rate(&e.state, rating, now, e.seed);
        let seq = sink.append(
            now,
            &e.global_id,
            EventKind::Review {
                rating: rating.as_u8(),
                ms,
            },
        )?;
        self.push_undo(col, entry, seq, now);
        col.roll_day(scheduler.day_of(now));
        let deck = col.cards[entry].deck;
        count_answer(&mut col.counts[deck], col.cards[entry].state.phase);
        let lapsed = next.lapses > col.cards[entry].state.lapses;
        col.cards[entry].state = next;
        let mut answered = Answered::default();
        if lapsed && scheduler.is_leech_lapse(next.lapses) {
            mark_leech(&mut col.cards[entry], scheduler);
            answered = Answered {
                leech: true,
                suspended: col.cards[entry].suspended,
            };
        }
        self.count(rating, ms);
        let day_end = scheduler.day_start(scheduler.day_of(now) + 1);
        let learning = matches!(next.phase, Phase::Learning | Phase::Relearning);
        if learning && next.due < day_end && !col.cards[entry].suspended {
            self.queue.insert_learning(&col.cards, entry);
        }
        self.current = None;
        self.advance(col, now);
        Ok(answered)
    }

    /// A cram answer: logged, counted in the session's summary, the schedule untouched;
    /// Again brings the card back at the end of the session.
    fn rate_cram(
        &mut self,
        col: &mut Collection,
        sink: &mut dyn EventSink,
        entry: usize,
        rating: Rating,
        ms: u32,
        now: Millis,
    ) -> Result<Answered, StoreError> {
        let kind = EventKind::Cram {
            rating: rating.as_u8(),
            ms,
        };
        let seq = sink.append(now, &col.cards[entry].global_id, kind)?;
        self.push_undo(col, entry, seq, now);
        self.count(rating, ms);
        if rating == Rating::Again {
            self.queue.reviews.push_back(entry);
        }
        self.current = None;
        self.advance(col, now);
        Ok(Answered::default())
    }

    fn count(&mut self, rating: Rating, ms: u32) {
        self.stats.studied += 1;
        self.stats.ratings[rating as usize - 1] += 1;
        self.stats.answer_ms += u64::from(ms);
    }

    /// Hides the current card until tomorrow.
    pub fn bury(
        &mut self,
        col: &mut Collection,
        sink: &mut dyn EventSink,
        scheduler: &Scheduler,
        now: Millis,
    ) -> Result<(), StoreError> {
        let Some(entry) = self.current else {
            return Ok(());
        };
        let seq = sink.append(now, &col.cards[entry].global_id, EventKind::Bury)?;
        self.push_undo(col, entry, seq, now);
        col.cards[entry].buried_day = Some(scheduler.day_of(now));
        self.current = None;
        self.advance(col, now);
        Ok(())
    }

    /// Takes the current card out of study until it is unsuspended.
    pub fn suspend(
        &mut self,
        col: &mut Collection,
        sink: &mut dyn EventSink,
        now: Millis,
    ) -> Result<(), StoreError> {
        let Some(entry) = self.current else {
            return Ok(());
        };
        let seq = sink.append(now, &col.cards[entry].global_id, EventKind::Suspend)?;
        self.push_undo(col, entry, seq, now);
        col.cards[entry].suspended = true;
        self.current = None;
        self.advance(col, now);
        Ok(())
    }

    /// Takes back the last rating, bury or suspend of this session; the card is shown again.
    /// Returns false when there is nothing to undo.
    pub fn undo(
        &mut self,
        col: &mut Collection,
        sink: &mut dyn EventSink,
        now: Millis,
    ) -> Result<bool, StoreError> {
        let Some(step) = self.undo.0.last() else {
            return Ok(false);
        };
        // Name the event taken back, so the undo keeps its meaning once other devices' events
        // are merged around it.
        let kind = match step.seq {
            0 => EventKind::Undo,
            seq => EventKind::UndoOf(seq),
        };
        sink.append(now, &col.cards[step.entry].global_id, kind)?;
        let Some(step) = self.undo.0.pop() else {
            return Ok(false);
        };
        self.queue.remove(step.entry);
        // The card on screen goes back to its queue, unless it is the very card being undone
        // (a learning card shown again at once): it stays on screen, and queued once only.
        if let Some(shown) = self.current.take().filter(|&c| c != step.entry) {
            self.queue.push_front(&col.cards, shown);
        }
        let e = &mut col.cards[step.entry];
        e.state = step.state;
        e.suspended = step.suspended;
        e.buried_day = step.buried_day;
        e.leech = step.leech;
        let deck = e.deck;
        col.counts[deck] = step.counts;
        self.stats = step.stats;
        self.current = Some(step.entry);
        self.revealed = false;
        self.shown_at = now;
        Ok(true)
    }

    fn push_undo(&mut self, col: &Collection, entry: usize, seq: u32, at: Millis) {
        let e = &col.cards[entry];
        self.undo.0.push(UndoStep {
            entry,
            at,
            seq,
            state: e.state,
            suspended: e.suspended,
            buried_day: e.buried_day,
            leech: e.leech,
            counts: col.counts[e.deck],
            stats: self.stats,
        });
    }

    fn advance(&mut self, col: &Collection, now: Millis) {
        self.current = self
            .queue
            .pop_next(&col.cards, now, self.limits.learn_ahead_ms);
        self.revealed = false;
        self.shown_at = now;
    }

    /// Shows a learning card that has come due while the session waited (call on a tick).
    pub fn poll(&mut self, col: &Collection, now: Millis) {
        if self.current.is_none() {
            self.advance(col, now);
        }
    }
}
