//! The TUI's cost per frame and per key, on TestBackend. Run: `cargo bench --bench tui`.
//! The TUI lives in the binary, so it is included here by path, once: new TUI files need no
//! listing here.

// Built as a bench, the binary's callers of the TUI (cli/) and its tests are absent.
#[allow(dead_code, unused_imports)]
#[path = "../src/tui/mod.rs"]
mod tui;

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use recall::schedule::{Millis, Rating, Scheduler, SchedulerConfig};
use recall::store::{EventKind, LoadedLog, StoreError};
use recall::study::{Collection, EventSink, Limits};
use tui::action::Action;
use tui::app::{App, View};
use tui::theme::Theme;

struct NullSink;

impl EventSink for NullSink {
    fn append(&mut self, _: Millis, _: &str, _: EventKind) -> Result<u32, StoreError> {
        Ok(0)
    }
}

fn app(decks: Vec<recall::deck::Deck>) -> App {
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("defaults");
    let col = Collection::replay(decks, &LoadedLog::default(), &scheduler, support::NOW);
    App::new(
        col,
        scheduler,
        Limits::default(),
        Box::new(NullSink),
        support::NOW,
        Default::default(),
    )
}

fn frames(c: &mut Criterion) {
    let builtin = recall::deck::builtin_decks().expect("valid decks");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    let mut study = app(builtin.clone());
    study.update(Action::Open, support::NOW);
    study.update(Action::Reveal, support::NOW);
    c.bench_function("render a revealed study card, 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    f.render_widget(
                        View {
                            app: &study,
                            theme: Theme::new(true),
                        },
                        f.area(),
                    )
                })
                .expect("draw");
        })
    });
    let home = app(builtin.clone());
    c.bench_function("render Home, 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    f.render_widget(
                        View {
                            app: &home,
                            theme: Theme::new(true),
                        },
                        f.area(),
                    )
                })
                .expect("draw");
        })
    });

    // Each iteration reveals, rates and undoes, so the session never runs out of cards and
    // every update does real work (a finished session would make updates no-ops).
    let decks = support::decks(10, 10_000);
    // The stats copy of the log knows every card, as after a long history.
    let known = recall::store::LoadedLog {
        cards: decks
            .iter()
            .flat_map(|d| d.cards.iter().map(|c| d.global_id(c)))
            .collect(),
        ..Default::default()
    };
    let mut big = app(decks);
    big.ctx.history = recall::stats::history::History::new(known, "bench");
    big.update(Action::Open, support::NOW);
    let mut now = support::NOW;
    c.bench_function("update: reveal + rate + undo (100k cards)", |b| {
        b.iter(|| {
            now += 1000;
            big.update(Action::Reveal, now);
            big.update(Action::Rate(Rating::Good), now);
            big.update(Action::Undo, now);
        })
    });
    assert!(
        matches!(big.screen, tui::app::Screen::Study(_)),
        "still studying"
    );
    assert!(big.ctx.status.as_ref().is_some_and(|s| s.text == "Undone."));
}

/// Returning to Home counts what is due in every deck: linear in decks + cards (30,000
/// one-card decks once took seconds, when each deck's count scanned every card).
fn home_many_decks(c: &mut Criterion) {
    let mut many = app(support::decks(30_000, 1));
    let mut group = c.benchmark_group("home");
    group.sample_size(10);
    group.bench_function("return to Home, 30,000 one-card decks", |b| {
        b.iter(|| tui::screens::home::HomeState::open(&mut many.ctx, 0))
    });
    group.finish();
}

/// The card browser at 100,000 cards: one keypress (update, then the frame drawn), the
/// target being under 16 ms; and opening it, which builds the rows once.
fn browser(c: &mut Criterion) {
    let mut decks = support::decks(10, 10_000);
    for (d, deck) in decks.iter_mut().enumerate() {
        for (i, card) in deck.cards.iter_mut().enumerate() {
            card.tags = vec![format!("topic-{}", i % 50), format!("deck{d}")];
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    let mut big = app(decks);
    big.update(Action::Resize(120, 40), support::NOW);
    let mut group = c.benchmark_group("browser, 100k cards");
    group.sample_size(10);
    group.bench_function("open (rows built once)", |b| {
        b.iter(|| tui::screens::browse::BrowseState::open(&big.ctx, None, false, false))
    });
    big.update(Action::Browse, support::NOW);
    let mut draw = |app: &App| {
        terminal
            .draw(|f| {
                f.render_widget(
                    View {
                        app,
                        theme: Theme::new(true),
                    },
                    f.area(),
                )
            })
            .expect("draw");
    };
    group.bench_function("keypress: j + frame", |b| {
        b.iter(|| {
            big.update(Action::Down, support::NOW);
            draw(&big);
        })
    });
    group.bench_function("keypress: PgDn + frame", |b| {
        b.iter(|| {
            big.update(Action::PageDown, support::NOW);
            draw(&big);
        })
    });
    big.update(Action::Top, support::NOW);
    big.update(Action::Search, support::NOW);
    for ch in "topic-7 ".chars() {
        big.update(Action::Type(ch), support::NOW);
    }
    // A letter typed and erased: two searches over every card, two frames.
    group.bench_function(
        "keypress x2: type a letter, erase it (search + frame each)",
        |b| {
            b.iter(|| {
                big.update(Action::Type('q'), support::NOW);
                draw(&big);
                big.update(Action::Erase, support::NOW);
                draw(&big);
            })
        },
    );
    big.update(Action::Submit, support::NOW);
    group.bench_function("keypress: sort by the next column + frame", |b| {
        b.iter(|| {
            big.update(Action::SortNext, support::NOW);
            draw(&big);
        })
    });
    // Suspend and undo: two log batches, the changed rows read again, two frames.
    group.bench_function("keypress x2: s then u (one card) + frames", |b| {
        b.iter(|| {
            big.update(Action::Suspend, support::NOW);
            draw(&big);
            big.update(Action::Undo, support::NOW);
            draw(&big);
        })
    });
    group.finish();
    assert!(matches!(big.screen, tui::app::Screen::Browse(_)));
}

criterion_group!(benches, frames, home_many_decks, browser);
criterion_main!(benches);
