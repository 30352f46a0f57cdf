//! Leeches and custom study (a search's cards, "due only" or "cram"), through a session with
//! an in-memory log that a replay then reads back.

use super::*;
use crate::deck::{parse_deck, Deck, DeckSource};
use crate::schedule::{Rating, Scheduler, SchedulerConfig};
use crate::store::log::{format_line, format_numbered_line, parse_log};
use crate::store::{EventKind, LoadedLog, StoreError};

/// 2026-11-23 10:00 UTC (the study day started at 04:00 UTC).
const T0: Millis = 1_795_428_000_000;
const DAY: Millis = 86_400_000;

fn deck(n: usize) -> Deck {
    let mut src = "[deck]\nid = \"d\"\ntitle = \"d\"\n".to_string();
    for i in 0..n {
        src.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nfront = \"F{i}\"\nback = \"B{i}\"\n"
        ));
    }
    parse_deck(&src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid")
}

fn scheduler(leech_suspends: bool) -> Scheduler {
    Scheduler::new(SchedulerConfig {
        fuzz: false,
        leech_suspends,
        ..Default::default()
    })
    .expect("defaults")
}

#[derive(Default)]
struct Lines(String);

impl EventSink for Lines {
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        let seq = self.0.matches('\n').count() as u32 + 1;
        format_numbered_line(&mut self.0, at, card, kind, seq);
        Ok(seq)
    }
}

/// Card c0 made a review card (Easy), then forgotten and relearnt `lapses` times, one day
/// apart; returns the log and the time of its last event.
fn lapsed_log(lapses: u32) -> (String, Millis) {
    let mut text = String::new();
    let mut at = T0;
    format_line(
        &mut text,
        at,
        "d/c0",
        EventKind::Review { rating: 4, ms: 0 },
    );
    for _ in 0..lapses {
        at += DAY;
        format_line(
            &mut text,
            at,
            "d/c0",
            EventKind::Review { rating: 1, ms: 0 },
        );
        at += 3_600_000;
        format_line(
            &mut text,
            at,
            "d/c0",
            EventKind::Review { rating: 3, ms: 0 },
        );
    }
    (text, at)
}

/// Seven lapses replayed, the eighth given in a session: the session says the card is now
/// a leech, and suspends it when `leech_action = "suspend"`; a replay of the log agrees.
fn eighth_lapse(suspends: bool) {
    let s = scheduler(suspends);
    let (mut text, last) = lapsed_log(7);
    let log = parse_log(text.as_bytes(), "r");
    let mut col = Collection::replay(vec![deck(2)], &log, &s, last);
    assert_eq!(col.cards[0].state.lapses, 7);
    assert!(!col.cards[0].leech, "not a leech at 7 lapses");
    let now = col.cards[0].state.due + 3_600_000;
    let mut sink = Lines::default();
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, now);
    assert_eq!(session.current(), Some(0));
    session.reveal();
    let answered = session
        .rate(&mut col, &mut sink, &s, Rating::Again, now)
        .expect("in memory");
    assert_eq!(col.cards[0].state.lapses, 8);
    assert_eq!(
        answered,
        Answered {
            leech: true,
            suspended: suspends
        }
    );
    assert!(answered
        .message()
        .is_some_and(|m| m.contains("now a leech")));
    assert!(col.cards[0].leech);
    assert_eq!(col.cards[0].suspended, suspends);
    // A suspended leech leaves the session; a tagged one comes back for relearning.
    assert_eq!(session.remaining(&col).learning, usize::from(!suspends));
    text.push_str(&sink.0);
    let replayed = Collection::replay(vec![deck(2)], &parse_log(text.as_bytes(), "r"), &s, now);
    assert!(replayed.cards[0].leech);
    assert_eq!(replayed.cards[0].suspended, suspends);
    assert!(!replayed.cards[1].leech);
    // Undo takes the leech back too.
    session.undo(&mut col, &mut sink, now).expect("undo");
    assert!(!col.cards[0].leech && !col.cards[0].suspended);
}

#[test]
fn a_card_becomes_a_leech_at_the_eighth_lapse_tagged() {
    eighth_lapse(false);
}

#[test]
fn a_card_becomes_a_leech_at_the_eighth_lapse_and_is_suspended() {
    eighth_lapse(true);
}

#[test]
fn leech_lapses_follow_ankis_threshold_then_every_half() {
    let s = scheduler(false);
    let at: Vec<u32> = (0..=20).filter(|&l| s.is_leech_lapse(l)).collect();
    assert_eq!(at, [8, 12, 16, 20]);
    let odd = Scheduler::new(SchedulerConfig {
        leech_threshold: 3,
        ..Default::default()
    })
    .expect("ok");
    assert_eq!(
        (0..=8)
            .filter(|&l| odd.is_leech_lapse(l))
            .collect::<Vec<_>>(),
        [3, 5, 7]
    );
    let never = Scheduler::new(SchedulerConfig {
        leech_threshold: 0,
        ..Default::default()
    })
    .expect("ok");
    assert!(!(0..100).any(|l| never.is_leech_lapse(l)));
    // Unsuspended after the 8th lapse, a leech with action "suspend" is suspended again at the 12th.
    let s = scheduler(true);
    let (mut text, last) = lapsed_log(8);
    format_line(&mut text, last + 1, "d/c0", EventKind::Unsuspend);
    let col = Collection::replay(
        vec![deck(1)],
        &parse_log(text.as_bytes(), "r"),
        &s,
        last + 2,
    );
    assert!(col.cards[0].leech && !col.cards[0].suspended);
    let (text, last) = lapsed_log(12);
    let col = Collection::replay(
        vec![deck(1)],
        &parse_log(text.as_bytes(), "r"),
        &s,
        last + 2,
    );
    assert!(col.cards[0].suspended);
}

fn schedules(col: &Collection) -> Vec<(crate::schedule::CardState, bool)> {
    col.cards.iter().map(|e| (e.state, e.suspended)).collect()
}

#[test]
fn cram_shows_every_selected_card_and_leaves_every_schedule_unchanged() {
    let s = scheduler(false);
    // c0 is a review card due in weeks; c1..c4 are new; c5 is suspended.
    let mut text = String::new();
    format_line(
        &mut text,
        T0,
        "d/c0",
        EventKind::Review { rating: 4, ms: 0 },
    );
    format_line(&mut text, T0, "d/c5", EventKind::Suspend);
    let now = T0 + 3_600_000;
    let log: LoadedLog = parse_log(text.as_bytes(), "r");
    let mut col = Collection::replay(vec![deck(6)], &log, &s, now);
    let before = schedules(&col);
    let counts_before = col.counts.clone();
    let selected = [0, 2, 4, 5];
    let mut sink = Lines::default();
    let mut session = Session::start_custom(&mut col, &selected, true, Limits::default(), &s, now);
    assert!(session.is_cram());
    let mut shown = Vec::new();
    let mut first = true;
    while let Some(e) = session.current() {
        shown.push(e);
        session.reveal();
        // Again on the first card: it comes back at the end.
        let rating = if std::mem::take(&mut first) {
            Rating::Again
        } else {
            Rating::Good
        };
        session
            .rate(&mut col, &mut sink, &s, rating, now)
            .expect("in memory");
        assert!(shown.len() < 10);
    }
    assert_eq!(shown, [0, 2, 4, 0]);
    assert_eq!(session.stats().studied, 4);
    assert_eq!(schedules(&col), before);
    assert_eq!(col.counts, counts_before);
    assert_eq!(sink.0.matches("\"event\":\"cram\"").count(), 4);
    text.push_str(&sink.0);
    let replayed = Collection::replay(vec![deck(6)], &parse_log(text.as_bytes(), "r"), &s, now);
    assert_eq!(schedules(&replayed), before);
    assert_eq!(replayed.counts, counts_before);
}

#[test]
fn due_only_custom_study_is_the_normal_queue_of_the_selected_cards_within_the_limits() {
    let s = scheduler(false);
    // Ten review cards due today (answered Easy a while ago), twenty new ones.
    let mut text = String::new();
    for i in 0..10 {
        format_line(
            &mut text,
            T0 - 30 * DAY,
            &format!("d/c{i}"),
            EventKind::Review { rating: 4, ms: 0 },
        );
    }
    let now = T0 + 3_600_000;
    let log = parse_log(text.as_bytes(), "r");
    let mut col = Collection::replay(vec![deck(30)], &log, &s, now);
    assert!(col.cards[..10].iter().all(|e| e.state.due <= now));
    let limits = Limits {
        new_per_day: 3,
        reviews_per_day: 4,
        learn_ahead_ms: 0,
    };
    // Select the even cards: five due reviews, ten new cards.
    let selected: Vec<usize> = (0..30).step_by(2).collect();
    let session = Session::start_custom(&mut col, &selected, false, limits, &s, now);
    assert!(!session.is_cram());
    let left = session.remaining(&col);
    assert_eq!((left.review, left.new, left.learning), (4, 3, 0));
    let q = Queue::build_among(&col, &selected, limits, &s, now);
    assert!(q.reviews.iter().chain(&q.new).all(|i| i % 2 == 0));
    // What was answered today counts against the same limits.
    let mut sink = Lines::default();
    let mut session = Session::start(&mut col, Scope::All, limits, &s, now);
    for _ in 0..2 {
        session.reveal();
        session
            .rate(&mut col, &mut sink, &s, Rating::Good, now)
            .expect("in memory");
    }
    let q = Queue::build_among(&col, &selected, limits, &s, now);
    assert_eq!(q.reviews.len(), 2);
}
