//! Every card of the loaded decks with its scheduling state, derived by replaying the log.
//!
//! The log is the source of truth; this is a materialised view of it that can always be
//! rebuilt. Log entries for cards that no loaded deck has (a removed deck) are kept in the log
//! and simply not shown; they come back with the deck.

use hashbrown::HashTable;

use super::undo::effective_events;
use crate::deck::{Card, Deck};
use crate::schedule::{card_seed, CardState, Millis, Phase, Rating, Scheduler};
use crate::store::{EventKind, LoadedLog, LogEvent};

/// One card's place in the collection and its derived state.
#[derive(Clone, Debug)]
pub struct CardEntry {
    pub deck: usize,
    pub card: usize,
    pub global_id: String,
    pub seed: u64,
    pub state: CardState,
    pub suspended: bool,
    /// The study day the card was buried on; it is hidden for the rest of that day.
    pub buried_day: Option<i32>,
    /// Vanished from its imported source: kept with its history, never studied.
    pub archived: bool,
    /// Lapsed `leech_threshold` times (Anki's leech): derived in replay, never written.
    pub leech: bool,
}

impl CardEntry {
    /// Whether the card takes part in today's study.
    pub fn is_active(&self, today: i32) -> bool {
        !self.suspended && !self.archived && self.buried_day != Some(today)
    }
}

/// How many cards of each limited kind were answered on one study day (Anki's daily limits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayCounts {
    /// New cards answered for the first time.
    pub new: u32,
    /// Answers given to cards that were in the review phase.
    pub reviews: u32,
}

/// The decks, their cards' states, and today's counters.
pub struct Collection {
    pub decks: Vec<Deck>,
    pub cards: Vec<CardEntry>,
    /// Entry indexes hashed by each card's `seed` (the FNV-1a hash of its global id, already
    /// computed), compared by global id: no second copy of 100,000 ids at start.
    index: HashTable<u32>,
    /// What each deck (by index) answered on `counts_day`, for the daily limits.
    pub counts: Vec<DayCounts>,
    pub counts_day: i32,
}

/// Which cards an operation is about: one deck, or every deck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Deck(usize),
}

impl Scope {
    pub fn contains(self, entry: &CardEntry) -> bool {
        match self {
            Scope::All => true,
            Scope::Deck(d) => entry.deck == d,
        }
    }
}

/// The index of `cards` by global id. Were an id listed twice, the later entry wins (as a
/// map built from the list would have it).
fn index_of(cards: &[CardEntry]) -> HashTable<u32> {
    let mut index = HashTable::with_capacity(cards.len());
    let seed_of = |&i: &u32| cards[i as usize].seed;
    for (i, c) in cards.iter().enumerate() {
        let found = index.find_mut(c.seed, |&j: &u32| {
            cards[j as usize].global_id == c.global_id
        });
        match found {
            Some(slot) => *slot = i as u32,
            None => {
                index.insert_unique(c.seed, i as u32, seed_of);
            }
        }
    }
    index
}

impl Collection {
    /// Builds the collection from decks and the log, replaying every event as of `now`.
    pub fn replay(decks: Vec<Deck>, log: &LoadedLog, scheduler: &Scheduler, now: Millis) -> Self {
        let today = scheduler.day_of(now);
        let mut col = Collection::unanswered(decks, today);
        let threads = if log.events.len() < 50_000 {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        };
        col.apply_log(log, scheduler, today, threads);
        col
    }

    /// Every card of `decks` as if never answered, with zero counts for day `today`: what a
    /// replay starts from (`study::snapshot` fills in the saved states instead).
    pub(crate) fn unanswered(decks: Vec<Deck>, today: i32) -> Self {
        let mut cards = Vec::with_capacity(decks.iter().map(|d| d.cards.len()).sum());
        for (di, deck) in decks.iter().enumerate() {
            for (ci, card) in deck.cards.iter().enumerate() {
                let global_id = deck.global_id(card);
                cards.push(CardEntry {
                    deck: di,
                    card: ci,
                    seed: card_seed(&global_id),
                    global_id,
                    state: CardState::NEW,
                    suspended: false,
                    buried_day: None,
                    archived: card.archived,
                    leech: false,
                });
            }
        }
        let index = index_of(&cards);
        let counts = vec![DayCounts::default(); decks.len()];
        Collection {
            decks,
            cards,
            index,
            counts,
            counts_day: today,
        }
    }

    /// Replays the live events onto the cards. Cards are independent, so with several
    /// threads the cards are split into ranges with about equal numbers of events, the live
    /// events are sorted into their range's list (one counting sort, log order kept) and each
    /// thread replays only its own list; the per-deck day counts are summed after.
    pub(crate) fn apply_log(
        &mut self,
        log: &LoadedLog,
        scheduler: &Scheduler,
        today: i32,
        threads: usize,
    ) {
        // Map the log's interned card ids onto collection entries (NONE: deck not loaded).
        let target: Vec<u32> = log
            .cards
            .iter()
            .map(|id| self.find(id).map_or(NONE, |i| i as u32))
            .collect();
        let live = effective_events(log);
        let parts = Parts::sort(log, &live, &target, self.cards.len(), threads.max(1));
        let job = Replay {
            log,
            target: &target,
            scheduler,
            today,
            decks: self.decks.len(),
        };
        let counts: Vec<Vec<DayCounts>> = if parts.len() == 1 {
            vec![job.apply(&mut self.cards, 0, parts.events(0))]
        } else {
            std::thread::scope(|s| {
                let mut rest: &mut [CardEntry] = &mut self.cards;
                let handles: Vec<_> = (0..parts.len())
                    .map(|k| {
                        let cards = parts.cards(k);
                        let (part, tail) = std::mem::take(&mut rest).split_at_mut(cards.len());
                        rest = tail;
                        let (job, events) = (&job, parts.events(k));
                        s.spawn(move || job.apply(part, cards.start, events))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        for part in counts {
            for (total, c) in self.counts.iter_mut().zip(part) {
                total.new += c.new;
                total.reviews += c.reviews;
            }
        }
    }

    /// Looks a card up by its global id (`deck/card`).
    pub fn find(&self, global_id: &str) -> Option<usize> {
        let cards = &self.cards;
        self.index
            .find(card_seed(global_id), |&i| {
                cards[i as usize].global_id == global_id
            })
            .map(|&i| i as usize)
    }

    /// The deck and card behind an entry.
    pub fn card(&self, entry: usize) -> (&Deck, &Card) {
        let e = &self.cards[entry];
        let deck = &self.decks[e.deck];
        (deck, &deck.cards[e.card])
    }

    /// Starts a new day's counters when the day has rolled over since they were counted.
    pub fn roll_day(&mut self, today: i32) {
        if today != self.counts_day {
            self.counts
                .iter_mut()
                .for_each(|c| *c = DayCounts::default());
            self.counts_day = today;
        }
    }

    /// The cards of `scope` as a range of `cards`: replay lays the cards out deck by deck, in
    /// deck order, so one deck's cards are found by two binary searches, not a scan.
    pub fn cards_in(&self, scope: Scope) -> std::ops::Range<usize> {
        match scope {
            Scope::All => 0..self.cards.len(),
            Scope::Deck(d) => {
                let start = self.cards.partition_point(|e| e.deck < d);
                let end = self.cards.partition_point(|e| e.deck <= d);
                start..end.max(start)
            }
        }
    }

    /// What was answered today in `scope`, summed over its decks.
    pub fn counts_in(&self, scope: Scope) -> DayCounts {
        if let Scope::Deck(d) = scope {
            return self.counts.get(d).copied().unwrap_or_default();
        }
        let mut total = DayCounts::default();
        for c in &self.counts {
            total.new += c.new;
            total.reviews += c.reviews;
        }
        total
    }
}

const NONE: u32 = u32::MAX;

/// The live events of the collection's cards in `parts` lists, one per range of cards, each
/// in log order: part `k` holds cards `cards[k]..cards[k + 1]` and the events
/// `order[events[k]..events[k + 1]]` (indexes into the log's events). Undone events and
/// events of cards no loaded deck has are left out.
struct Parts {
    cards: Vec<usize>,
    events: Vec<usize>,
    order: Vec<u32>,
}

impl Parts {
    /// A counting sort: one pass counts each card's events (to choose ranges with about equal
    /// numbers), a second places each event in its range's list.
    fn sort(log: &LoadedLog, live: &[bool], target: &[u32], cards: usize, parts: usize) -> Self {
        let entry = |ev: &LogEvent| match target.get(ev.card as usize) {
            Some(&t) if (t as usize) < cards => Some(t as usize),
            _ => None,
        };
        let live_events = || {
            log.events
                .iter()
                .zip(live)
                .enumerate()
                .filter(|(_, (_, &l))| l)
                .filter_map(|(i, (ev, _))| Some((i, entry(ev)?)))
        };
        let mut per_card = vec![0u32; cards];
        for (_, c) in live_events() {
            per_card[c] += 1;
        }
        let total: u64 = per_card.iter().map(|&n| u64::from(n)).sum();
        let (ends, counts) = split(&per_card, total, parts);
        let mut starts = Vec::with_capacity(parts + 1);
        starts.push(0);
        for n in &counts {
            starts.push(starts[starts.len() - 1] + n);
        }
        let mut next = starts[..parts].to_vec();
        let mut order = vec![0u32; total as usize];
        for (i, c) in live_events() {
            let k = ends.partition_point(|&end| end <= c);
            order[next[k]] = i as u32;
            next[k] += 1;
        }
        let mut bounds = Vec::with_capacity(parts + 1);
        bounds.push(0);
        bounds.extend(ends);
        Parts {
            cards: bounds,
            events: starts,
            order,
        }
    }

    fn len(&self) -> usize {
        self.cards.len() - 1
    }

    /// The cards of part `k`, as collection indices.
    fn cards(&self, k: usize) -> std::ops::Range<usize> {
        self.cards[k]..self.cards[k + 1]
    }

    /// The indexes of part `k`'s events, in log order.
    fn events(&self, k: usize) -> &[u32] {
        &self.order[self.events[k]..self.events[k + 1]]
    }
}

/// Where each of `parts` ranges of cards ends (the last at the last card), each ending at the
/// first card with at least its share (`k/parts`) of all `total` events before it, and how
/// many events each range holds.
fn split(per_card: &[u32], total: u64, parts: usize) -> (Vec<usize>, Vec<usize>) {
    let mut ends = Vec::with_capacity(parts);
    let mut counts = vec![0usize; parts];
    let (mut k, mut before) = (0, 0u64);
    for (c, &n) in per_card.iter().enumerate() {
        while k + 1 < parts && before * parts as u64 >= total * (k + 1) as u64 {
            ends.push(c);
            k += 1;
        }
        counts[k] += n as usize;
        before += u64::from(n);
    }
    ends.resize(parts, per_card.len());
    (ends, counts)
}

/// Everything one replay thread reads.
struct Replay<'a> {
    log: &'a LoadedLog,
    target: &'a [u32],
    scheduler: &'a Scheduler,
    today: i32,
    decks: usize,
}

impl Replay<'_> {
    /// Applies `events` (indexes into the log, in log order) to the cards in `part`
    /// (collection indices `base..base + part.len()`, which hold every card `events` names).
    fn apply(&self, part: &mut [CardEntry], base: usize, events: &[u32]) -> Vec<DayCounts> {
        let mut counts = vec![DayCounts::default(); self.decks];
        for &e in events {
            let ev = &self.log.events[e as usize];
            let entry = &mut part[self.target[ev.card as usize] as usize - base];
            apply_event(entry, ev, self.scheduler, self.today, &mut counts);
        }
        counts
    }
}

/// Applies one live event to its card; an answer given on `today` is counted in `counts`
/// (by deck). The order of events matters only within one card.
fn apply_event(
    entry: &mut CardEntry,
    ev: &LogEvent,
    scheduler: &Scheduler,
    today: i32,
    counts: &mut [DayCounts],
) {
    let lapses = entry.state.lapses;
    match ev.kind {
        EventKind::Review { rating, .. } => {
            let Some(rating) = Rating::from_u8(rating) else {
                return;
            };
            if scheduler.day_of(ev.at) == today {
                count_answer(&mut counts[entry.deck], entry.state.phase);
            }
            entry.state = scheduler.rate(&entry.state, rating, ev.at, entry.seed);
        }
        EventKind::Suspend => entry.suspended = true,
        EventKind::Unsuspend => entry.suspended = false,
        EventKind::Bury => entry.buried_day = Some(scheduler.day_of(ev.at)),
        EventKind::Unbury => entry.buried_day = None,
        EventKind::QuizMiss => {
            entry.state = scheduler.rate(&entry.state, Rating::Again, ev.at, entry.seed)
        }
        EventKind::Forget => entry.state = scheduler.forget(&entry.state),
        EventKind::SetDue { days, reset } => {
            entry.state = scheduler.set_due(&entry.state, ev.at, days, reset)
        }
        // A cram answer is on record only: the schedule stays as it was.
        EventKind::Cram { .. } | EventKind::Undo | EventKind::UndoOf(_) => {}
    }
    if entry.state.lapses > lapses && scheduler.is_leech_lapse(entry.state.lapses) {
        mark_leech(entry, scheduler);
    }
}

/// A lapse just made the card a leech (Anki's leech action): it is flagged (the `leech`
/// tag), and suspended when the config says so.
pub(crate) fn mark_leech(entry: &mut CardEntry, scheduler: &Scheduler) {
    entry.leech = true;
    if scheduler.config().leech_suspends {
        entry.suspended = true;
    }
}

/// Counts one answer against the day's limits, by the phase the card was in before it.
pub(crate) fn count_answer(counts: &mut DayCounts, before: Phase) {
    match before {
        Phase::New => counts.new += 1,
        Phase::Review => counts.reviews += 1,
        Phase::Learning | Phase::Relearning => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threaded_replay_equals_single_threaded() {
        use crate::deck::{parse_deck, DeckSource};
        let mut src = "[deck]\nid = \"d\"\ntitle = \"d\"\n".to_string();
        for i in 0..500 {
            src.push_str(&format!(
                "[[cards]]\nid = \"c{i}\"\nfront = \"f\"\nback = \"b\"\n"
            ));
        }
        let deck = parse_deck(&src, "d", DeckSource::Builtin("d")).expect("deck");
        let s = Scheduler::new(Default::default()).expect("defaults");
        let cards: Vec<String> = (0..500).map(|i| format!("d/c{i}")).collect();
        let mut x = 99u64;
        let events = (0..60_000)
            .map(|i| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                let kind = match (x >> 60) % 16 {
                    0 => EventKind::Undo,
                    1 => EventKind::Bury,
                    2 => EventKind::Suspend,
                    3 => EventKind::Unsuspend,
                    r => EventKind::Review {
                        rating: (r % 4) as u8 + 1,
                        ms: 0,
                    },
                };
                LogEvent {
                    at: 1_700_000_000_000 + i * 600_000,
                    card: ((x >> 20) % 500) as u32,
                    kind,
                }
            })
            .collect();
        let log = LoadedLog {
            cards,
            events,
            ..LoadedLog::default()
        };
        let now = 1_700_000_000_000 + 60_000 * 600_000;
        let build = |threads| {
            let mut col = Collection::replay(vec![deck.clone()], &LoadedLog::default(), &s, now);
            col.apply_log(&log, &s, s.day_of(now), threads);
            col
        };
        let one = build(1);
        for threads in [2, 3, 7] {
            let many = build(threads);
            assert_eq!(one.counts, many.counts);
            for (a, b) in one.cards.iter().zip(&many.cards) {
                assert_eq!(
                    (a.state, a.suspended, a.buried_day),
                    (b.state, b.suspended, b.buried_day)
                );
            }
        }
        assert!(one
            .cards
            .iter()
            .any(|c| c.state.phase == crate::schedule::Phase::Review));
    }
}

#[cfg(test)]
#[path = "collection_order_tests.rs"]
mod order_tests;
