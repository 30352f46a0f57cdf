//! The clock going backwards and the time zone changing between (and within) sessions, with
//! the time injected through the core: never a due date before the answer, never a negative
//! interval, never a panic, and replaying the log gives what the session showed.

use proptest::prelude::*;
use recall::deck::{parse_deck, Deck, DeckSource};
use recall::schedule::{Millis, Phase, Rating, Scheduler, SchedulerConfig};
use recall::store::log::{format_numbered_line, parse_log};
use recall::store::{EventKind, StoreError};
use recall::study::{Collection, EventSink, Limits, Scope, Session};

/// 2026-11-23 10:00 UTC.
const T0: Millis = 1_795_428_000_000;
const MINUTE: Millis = 60_000;

fn deck() -> Deck {
    let mut src = String::from("[deck]\nid = \"t\"\ntitle = \"t\"\n");
    for i in 0..6 {
        src.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nfront = \"F{i}\"\nback = \"B{i}\"\n"
        ));
    }
    parse_deck(&src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid deck")
}

/// The log as text, exactly as the file would hold it.
#[derive(Default)]
struct Lines(String);

impl EventSink for Lines {
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        // Numbered like a device's log, so undos name their target.
        let seq = self.0.matches('\n').count() as u32 + 1;
        format_numbered_line(&mut self.0, at, card, kind, seq);
        Ok(seq)
    }
}

fn scheduler(utc_offset_hours: i32) -> Scheduler {
    Scheduler::new(SchedulerConfig {
        utc_offset_secs: utc_offset_hours * 3600,
        ..SchedulerConfig::default()
    })
    .expect("default config")
}

/// One sitting: the clock jumps by `jump` minutes (maybe backwards) since the last one, the
/// machine is in UTC+`offset_hours`, and each answer is (rating, minutes since the last one).
#[derive(Clone, Debug)]
struct Sitting {
    jump: i64,
    offset_hours: i32,
    answers: Vec<(u8, i64)>,
}

fn sitting() -> impl Strategy<Value = Sitting> {
    (
        -4 * 1440i64..4 * 1440,
        -12i32..=14,
        proptest::collection::vec((1u8..=4, -90i64..600), 1..14),
    )
        .prop_map(|(jump, offset_hours, answers)| Sitting {
            jump,
            offset_hours,
            answers,
        })
}

fn check_card(col: &Collection, s: &Scheduler, e: usize, now: Millis) -> Result<(), TestCaseError> {
    let st = col.cards[e].state;
    if st.phase == Phase::New {
        return Ok(());
    }
    prop_assert!(st.stability.is_finite() && st.stability > 0.0, "{st:?}");
    prop_assert!((1.0..=10.0).contains(&st.difficulty), "{st:?}");
    let r = s.retrievability(&st, now);
    prop_assert!((0.0..=1.0).contains(&r), "R {r} of {st:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn clock_jumps_and_zone_changes_never_give_a_negative_interval(
        sittings in proptest::collection::vec(sitting(), 1..7)
    ) {
        let mut log = Lines::default();
        let mut now = T0;
        for sit in &sittings {
            now += sit.jump * MINUTE;
            let s = scheduler(sit.offset_hours);
            let loaded = parse_log(log.0.as_bytes(), "reviews.jsonl");
            prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            let mut col = Collection::replay(vec![deck()], &loaded, &s, now);
            let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, now);
            for &(rating, minutes) in &sit.answers {
                now += minutes * MINUTE;
                session.poll(&col, now);
                let Some(e) = session.current() else { break };
                let outcomes = session.preview(&col, &s, now).expect("a card is shown");
                for o in &outcomes {
                    prop_assert!(o.state.due > now, "due {} before the answer at {now}: {o:?}", o.state.due);
                    prop_assert!(!o.interval.to_string().starts_with('-'), "{}", o.interval);
                }
                let rating = Rating::from_u8(rating).expect("1-4");
                session.reveal();
                session.rate(&mut col, &mut log, &s, rating, now).expect("in memory");
                prop_assert_eq!(col.cards[e].state, outcomes[rating as usize - 1].state);
                check_card(&col, &s, e, now)?;
            }
            // Reopening with the same clock and zone shows exactly what the session left.
            let again = Collection::replay(
                vec![deck()],
                &parse_log(log.0.as_bytes(), "reviews.jsonl"),
                &s,
                now,
            );
            for (i, (a, b)) in col.cards.iter().zip(&again.cards).enumerate() {
                prop_assert_eq!(a.state, b.state, "{}", a.global_id);
                check_card(&again, &s, i, now)?;
            }
        }
    }
}

#[test]
fn an_answer_dated_before_the_last_review_is_never_a_negative_interval() {
    let s = scheduler(0);
    let mut col = Collection::replay(vec![deck()], &Default::default(), &s, T0);
    let mut log = Lines::default();
    let mut session = Session::start(&mut col, Scope::All, Limits::default(), &s, T0);
    let e = session.current().expect("a card");
    session.reveal();
    session
        .rate(&mut col, &mut log, &s, Rating::Easy, T0)
        .expect("in memory");
    // The clock is set back three days, to before the card was ever seen, and zone jumps +14h.
    let earlier = T0 - 3 * 1440 * MINUTE;
    let s14 = scheduler(14);
    let col = Collection::replay(
        vec![deck()],
        &parse_log(log.0.as_bytes(), "r"),
        &s14,
        earlier,
    );
    let st = col.cards[e].state;
    assert_eq!(st.phase, Phase::Review);
    assert!((0.0..=1.0).contains(&s14.retrievability(&st, earlier)));
    for o in s14.preview(&st, earlier, col.cards[e].seed) {
        assert!(o.state.due > earlier, "{o:?}");
        assert!(!o.interval.to_string().starts_with('-'));
    }
}
