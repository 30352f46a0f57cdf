//! The day's queue and a session, driven through the public API with an in-memory log.

use super::*;
use crate::deck::{parse_deck, Deck, DeckSource};
use crate::schedule::{Phase, Rating, Scheduler};
use crate::store::log::parse_log;
use crate::store::{EventKind, LoadedLog, StoreError};

/// 2026-11-23 10:00 UTC (the study day started at 04:00 UTC).
const T0: Millis = 1_795_428_000_000;
const HOUR: Millis = 3_600_000;

fn deck(id: &str, n: usize) -> Deck {
    let mut src = format!("[deck]\nid = \"{id}\"\ntitle = \"{id}\"\n");
    for i in 0..n {
        src.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nfront = \"F{i}\"\nback = \"B{i}\"\n"
        ));
    }
    parse_deck(&src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid")
}

fn scheduler() -> Scheduler {
    Scheduler::new(crate::schedule::SchedulerConfig {
        fuzz: false,
        ..Default::default()
    })
    .expect("defaults")
}

/// Collects events as log lines, so a test can replay exactly what a session wrote.
#[derive(Default)]
struct Lines(String);

impl EventSink for Lines {
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        // Numbered like a device's log, so undos name their target.
        let seq = self.0.matches('\n').count() as u32 + 1;
        crate::store::log::format_numbered_line(&mut self.0, at, card, kind, seq);
        Ok(seq)
    }
}

fn empty() -> LoadedLog {
    LoadedLog::default()
}

fn study_all(
    col: &mut Collection,
    s: &Scheduler,
    rating: Rating,
    now: Millis,
    sink: &mut Lines,
) -> u32 {
    let mut session = Session::start(col, Scope::All, Limits::default(), s, now);
    let mut n = 0;
    while session.current().is_some() && n < 1000 {
        session.reveal();
        session.rate(col, sink, s, rating, now).expect("in memory");
        n += 1;
        // Only take what is due now: learning cards that come back later are not waited for.
        if session
            .current()
            .is_some_and(|e| col.cards[e].state.phase != Phase::New && col.cards[e].state.due > now)
        {
            break;
        }
    }
    n
}

#[test]
fn new_card_limit_holds_per_deck_and_for_all_decks() {
    let s = scheduler();
    let col = Collection::replay(vec![deck("a", 30), deck("b", 30)], &empty(), &s, T0);
    let one = Queue::build(&col, Scope::Deck(0), Limits::default(), &s, T0);
    assert_eq!(one.counts().new, 20);
    let all = Queue::build(&col, Scope::All, Limits::default(), &s, T0);
    assert_eq!(all.counts().new, 20, "the all-decks queue is capped too");
    // In deck order.
    let first: Vec<&str> = all
        .new
        .iter()
        .take(2)
        .map(|&i| col.cards[i].global_id.as_str())
        .collect();
    assert_eq!(first, ["a/c0", "a/c1"]);
}

#[test]
fn limits_are_counted_from_the_log_and_reset_at_four() {
    let s = scheduler();
    let mut sink = Lines::default();
    let mut col = Collection::replay(vec![deck("a", 30)], &empty(), &s, T0);
    assert_eq!(study_all(&mut col, &s, Rating::Easy, T0, &mut sink), 20);
    // Restart the same day: the log says 20 new cards were introduced today.
    let log = parse_log(sink.0.as_bytes(), "r");
    let col = Collection::replay(vec![deck("a", 30)], &log, &s, T0 + HOUR);
    assert_eq!(
        Queue::build(&col, Scope::All, Limits::default(), &s, T0 + HOUR)
            .counts()
            .new,
        0
    );
    // 03:59 next morning is still today; 04:00 is a new day with 10 new cards left.
    let next_day = s.day_start(s.day_of(T0) + 1);
    let col = Collection::replay(vec![deck("a", 30)], &log, &s, next_day - 60_000);
    assert_eq!(
        Queue::build(&col, Scope::All, Limits::default(), &s, next_day - 60_000)
            .counts()
            .new,
        0
    );
    let col = Collection::replay(vec![deck("a", 30)], &log, &s, next_day);
    assert_eq!(
        Queue::build(&col, Scope::All, Limits::default(), &s, next_day)
            .counts()
            .new,
        10
    );
}

#[test]
fn review_limit_and_most_overdue_first() {
    let s = scheduler();
    // Card ci was learnt (Easy: 8 days) 10*i days ago, so c4 is the most overdue.
    let mut lines = String::new();
    for i in 0..5 {
        let at = T0 - i as Millis * 10 * 86_400_000;
        let kind = EventKind::Review { rating: 4, ms: 0 };
        crate::store::log::format_line(&mut lines, at, &format!("a/c{i}"), kind);
    }
    let log = parse_log(lines.as_bytes(), "r");
    let later = T0 + 30 * 86_400_000;
    let col = Collection::replay(vec![deck("a", 5)], &log, &s, later);
    let limits = Limits {
        new_per_day: 20,
        reviews_per_day: 3,
        ..Limits::default()
    };
    let q = Queue::build(&col, Scope::All, limits, &s, later);
    let ids: Vec<&str> = q
        .reviews
        .iter()
        .map(|&i| col.cards[i].global_id.as_str())
        .collect();
    assert_eq!(ids, ["a/c4", "a/c3", "a/c2"]);
}

#[test]
fn undo_restores_exactly_and_replay_agrees() {
    let s = scheduler();
    let mut sink = Lines::default();
    let mut col = Collection::replay(vec![deck("a", 3)], &empty(), &s, T0);
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, T0);
    let first = session.current().expect("a card");
    let before = col.cards[first].state;
    session.reveal();
    session
        .rate(&mut col, &mut sink, &s, Rating::Good, T0)
        .expect("rated");
    session.reveal();
    session
        .rate(&mut col, &mut sink, &s, Rating::Again, T0 + 1000)
        .expect("rated");
    assert!(session
        .undo(&mut col, &mut sink, T0 + 2000)
        .expect("undone"));
    assert!(session
        .undo(&mut col, &mut sink, T0 + 3000)
        .expect("undone"));
    assert!(!session
        .undo(&mut col, &mut sink, T0 + 4000)
        .expect("nothing left"));
    assert_eq!(session.current(), Some(first));
    assert_eq!(col.cards[first].state, before);
    assert_eq!(session.stats().studied, 0);
    assert_eq!(col.counts[0], DayCounts::default());
    // The log (two reviews, two undos) replays to the same state.
    let log = parse_log(sink.0.as_bytes(), "r");
    assert_eq!(log.events.len(), 4);
    let replayed = Collection::replay(vec![deck("a", 3)], &log, &s, T0 + 5000);
    for (a, b) in replayed.cards.iter().zip(&col.cards) {
        assert_eq!(a.state, b.state);
    }
}

#[test]
fn bury_hides_until_tomorrow_and_suspend_until_unsuspended() {
    let s = scheduler();
    let mut sink = Lines::default();
    let mut col = Collection::replay(vec![deck("a", 3)], &empty(), &s, T0);
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, T0);
    session.bury(&mut col, &mut sink, &s, T0).expect("buried");
    session.suspend(&mut col, &mut sink, T0).expect("suspended");
    assert_eq!(session.remaining(&col).new, 1);
    let log = parse_log(sink.0.as_bytes(), "r");
    let col = Collection::replay(vec![deck("a", 3)], &log, &s, T0 + HOUR);
    assert_eq!(
        Queue::build(&col, Scope::All, Limits::default(), &s, T0 + HOUR)
            .counts()
            .new,
        1
    );
    let tomorrow = s.day_start(s.day_of(T0) + 1);
    let col = Collection::replay(vec![deck("a", 3)], &log, &s, tomorrow);
    assert_eq!(
        Queue::build(&col, Scope::All, Limits::default(), &s, tomorrow)
            .counts()
            .new,
        2,
        "the buried card is back, the suspended one is not"
    );
    let mut lines = sink.0.clone();
    crate::store::log::format_line(&mut lines, tomorrow, "a/c1", EventKind::Unsuspend);
    let log = parse_log(lines.as_bytes(), "r");
    let col = Collection::replay(vec![deck("a", 3)], &log, &s, tomorrow);
    assert_eq!(
        Queue::build(&col, Scope::All, Limits::default(), &s, tomorrow)
            .counts()
            .new,
        3
    );
}

#[test]
fn progress_of_a_removed_deck_comes_back_with_it() {
    let s = scheduler();
    let mut sink = Lines::default();
    let mut col = Collection::replay(vec![deck("a", 2), deck("b", 2)], &empty(), &s, T0);
    study_all(&mut col, &s, Rating::Easy, T0, &mut sink);
    let log = parse_log(sink.0.as_bytes(), "r");
    let without_a = Collection::replay(vec![deck("b", 2)], &log, &s, T0 + HOUR);
    assert!(without_a
        .cards
        .iter()
        .all(|c| c.state.phase == Phase::Review));
    let back = Collection::replay(vec![deck("a", 2), deck("b", 2)], &log, &s, T0 + HOUR);
    let a0 = back.find("a/c0").expect("card");
    assert_eq!(back.cards[a0].state, col.cards[a0].state);
}

#[test]
fn learning_cards_return_within_the_session() {
    let s = scheduler();
    let mut sink = Lines::default();
    let mut col = Collection::replay(vec![deck("a", 1)], &empty(), &s, T0);
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, T0);
    session.reveal();
    session
        .rate(&mut col, &mut sink, &s, Rating::Good, T0)
        .expect("rated");
    // The 10-minute step is within the 20-minute learn-ahead window, so it is shown at once.
    assert!(session.current().is_some());
    session.reveal();
    session
        .rate(&mut col, &mut sink, &s, Rating::Good, T0 + 600_000)
        .expect("rated");
    assert_eq!(session.current(), None, "graduated: nothing left today");
    assert_eq!(col.cards[0].state.phase, Phase::Review);
}

#[test]
fn learn_ahead_follows_the_config() {
    let s = scheduler();
    // The 10-minute step is shown early only when the window reaches it.
    for (minutes, shown) in [(0, false), (9, false), (10, true), (20, true)] {
        let mut sink = Lines::default();
        let mut col = Collection::replay(vec![deck("a", 1)], &empty(), &s, T0);
        let config = crate::store::Config {
            learn_ahead_minutes: minutes,
            ..Default::default()
        };
        let limits = limits(&config, &col, &s, T0);
        assert_eq!(limits.learn_ahead_ms, i64::from(minutes) * 60_000);
        let mut session = Session::start(&mut col, Scope::All, limits, &s, T0);
        session.reveal();
        session
            .rate(&mut col, &mut sink, &s, Rating::Good, T0)
            .expect("rated");
        assert_eq!(session.current().is_some(), shown, "{minutes} minutes");
    }
}

#[test]
fn a_failed_append_changes_nothing() {
    struct Full;
    impl EventSink for Full {
        fn append(&mut self, _: Millis, _: &str, _: EventKind) -> Result<u32, StoreError> {
            Err(StoreError::Io {
                path: "reviews.jsonl".into(),
                source: std::io::Error::other("No space left on device"),
            })
        }
    }
    let s = scheduler();
    let mut col = Collection::replay(vec![deck("a", 2)], &empty(), &s, T0);
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, T0);
    let shown = session.current();
    session.reveal();
    assert!(session
        .rate(&mut col, &mut Full, &s, Rating::Good, T0)
        .is_err());
    assert!(session.bury(&mut col, &mut Full, &s, T0).is_err());
    assert!(session.suspend(&mut col, &mut Full, T0).is_err());
    assert_eq!(session.current(), shown);
    assert!(session.is_revealed());
    assert!(col
        .cards
        .iter()
        .all(|c| c.state.phase == Phase::New && !c.suspended));
    assert_eq!(session.stats().studied, 0);
}

#[test]
fn undoing_a_rating_and_the_one_before_leaves_the_counts_as_they_were() {
    let s = scheduler();
    let mut col = Collection::replay(vec![deck("a", 6)], &empty(), &s, T0);
    let mut sink = Lines::default();
    // Six cards on their second learning step, all due by now.
    study_all(&mut col, &s, Rating::Good, T0, &mut sink);
    let now = T0 + HOUR;
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, now);
    let before = session.remaining(&col);
    assert_eq!((before.new, before.learning, before.review), (0, 6, 0));
    for rating in [Rating::Easy, Rating::Again] {
        session.reveal();
        session
            .rate(&mut col, &mut sink, &s, rating, now)
            .expect("in memory");
    }
    for _ in 0..2 {
        assert!(session.undo(&mut col, &mut sink, now).expect("in memory"));
    }
    assert_eq!(session.remaining(&col), before);
}

#[test]
fn undo_after_learn_ahead_cards_leaves_the_counts_as_they_were() {
    let s = scheduler();
    let mut col = Collection::replay(vec![deck("a", 6)], &empty(), &s, T0);
    let mut sink = Lines::default();
    // Six new cards rated Good a minute apart: on the 10-minute step, due one after another,
    // and studied within the learn-ahead window before any is due.
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, T0);
    for k in 0..6 {
        session.reveal();
        session
            .rate(&mut col, &mut sink, &s, Rating::Good, T0 + k * 60_000)
            .expect("in memory");
    }
    let now = T0 + 6 * 60_000;
    let before = session.remaining(&col);
    assert_eq!((before.new, before.learning, before.review), (0, 6, 0));
    for rating in [Rating::Easy, Rating::Again] {
        session.reveal();
        session
            .rate(&mut col, &mut sink, &s, rating, now)
            .expect("in memory");
    }
    for _ in 0..2 {
        assert!(session.undo(&mut col, &mut sink, now).expect("in memory"));
    }
    assert_eq!(session.remaining(&col), before);
}

/// A deck of basic cards with the given ids (cloze siblings are named like imported ones).
fn deck_of(id: &str, card_ids: &[&str]) -> Deck {
    let mut src = format!("[deck]\nid = \"{id}\"\ntitle = \"{id}\"\n");
    for c in card_ids {
        src.push_str(&format!(
            "[[cards]]\nid = \"{c}\"\nfront = \"F {c}\"\nback = \"B {c}\"\n"
        ));
    }
    parse_deck(&src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid")
}

fn new_ids(col: &Collection, q: &Queue) -> Vec<String> {
    q.new
        .iter()
        .map(|&i| col.cards[i].global_id.clone())
        .collect()
}

#[test]
fn cloze_siblings_are_not_studied_on_the_same_day() {
    let s = scheduler();
    let ids = [
        "n1-c1", "n1-c2", "n1-c3", "n2-c1", "n2-c2", "plain", "other-c1",
    ];
    let decks = || vec![deck_of("a", &ids), deck_of("b", &["n1-c2"])];
    let col = Collection::replay(decks(), &empty(), &s, T0);
    // One card per note today; another deck's card with the same id is no sibling.
    let q = Queue::build(&col, Scope::All, Limits::default(), &s, T0);
    assert_eq!(
        new_ids(&col, &q),
        ["a/n1-c1", "a/n2-c1", "a/plain", "a/other-c1", "b/n1-c2"]
    );
    // Study everything on offer today: no sibling of an answered card turns up.
    let mut sink = Lines::default();
    let mut col = Collection::replay(decks(), &empty(), &s, T0);
    let mut seen = Vec::new();
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, T0);
    while let Some(e) = session.current() {
        seen.push(col.cards[e].global_id.clone());
        session.reveal();
        session
            .rate(&mut col, &mut sink, &s, Rating::Easy, T0)
            .expect("in memory");
    }
    assert_eq!(
        seen,
        ["a/n1-c1", "a/n2-c1", "a/plain", "a/other-c1", "b/n1-c2"]
    );
    // Restarted later the same day, the answered note's siblings still wait.
    let log = parse_log(sink.0.as_bytes(), "r");
    let col = Collection::replay(decks(), &log, &s, T0 + HOUR);
    let q = Queue::build(&col, Scope::Deck(0), Limits::default(), &s, T0 + HOUR);
    assert!(new_ids(&col, &q).is_empty(), "{:?}", new_ids(&col, &q));
    // The next day the next sibling of each note comes.
    let tomorrow = s.day_start(s.day_of(T0) + 1);
    let col = Collection::replay(decks(), &log, &s, tomorrow);
    let q = Queue::build(&col, Scope::Deck(0), Limits::default(), &s, tomorrow);
    assert_eq!(new_ids(&col, &q), ["a/n1-c2", "a/n2-c2"]);
}

#[test]
fn a_skipped_sibling_leaves_room_for_another_new_card() {
    let s = scheduler();
    let col = Collection::replay(
        vec![deck_of("a", &["n-c1", "n-c2", "x", "y"])],
        &empty(),
        &s,
        T0,
    );
    let limits = Limits {
        new_per_day: 2,
        reviews_per_day: 200,
        ..Limits::default()
    };
    let q = Queue::build(&col, Scope::All, limits, &s, T0);
    assert_eq!(new_ids(&col, &q), ["a/n-c1", "a/x"]);
}

#[test]
fn one_decks_cards_are_found_by_range_and_its_queue_matches_a_full_scan() {
    // A deck left without cards (all archived away, say) sits between two others.
    let mut none = deck("empty", 1);
    none.cards.clear();
    let decks = vec![deck("a", 3), none, deck("b", 25), deck("c", 1)];
    let s = scheduler();
    let mut col = Collection::replay(decks, &empty(), &s, T0);
    // Some answers first, so the daily counts and learning cards take part.
    let mut sink = Lines::default();
    let mut session = Session::start(&mut col, Scope::Deck(2), Limits::default(), &s, T0);
    for _ in 0..5 {
        session.reveal();
        session
            .rate(&mut col, &mut sink, &s, Rating::Again, T0)
            .expect("in memory");
    }
    for d in 0..5 {
        let range = col.cards_in(Scope::Deck(d));
        let scanned: Vec<usize> = (0..col.cards.len())
            .filter(|&i| col.cards[i].deck == d)
            .collect();
        assert_eq!(range.collect::<Vec<_>>(), scanned, "deck {d}");
    }
    // Every deck's queue on its own adds up to the decks' share of the all-decks queue.
    let per_deck: usize = (0..4)
        .map(|d| Queue::build(&col, Scope::Deck(d), Limits::default(), &s, T0).counts())
        .map(|c| c.learning + c.review)
        .sum();
    let all = Queue::build(&col, Scope::All, Limits::default(), &s, T0).counts();
    assert_eq!(per_deck, all.learning + all.review);
    let b = Queue::build(&col, Scope::Deck(2), Limits::default(), &s, T0).counts();
    assert_eq!((b.new, b.learning), (15, 5), "{b:?}");
}
