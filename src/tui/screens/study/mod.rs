//! Study: one card at a time, reveal, rate (Anki's four buttons), undo, bury, suspend.
//!
//! `mod.rs` holds the state and its update; `card.rs` measures the card (used by both the
//! update and the view); `view.rs` draws. This file never refers to `view.rs`, and the
//! screen asks for others (the summary, Home) only through `Nav`.

pub mod card;
pub mod view;

use recall::deck::CardContent;
use recall::schedule::Interval;
use recall::stats::history::Tee;
use recall::study::{Scope, Session};

use crate::tui::action::{Action, Nav};
use crate::tui::ctx::{Ctx, Status};
use crate::tui::keys::Mode;
use crate::tui::layout;

pub struct StudyState {
    pub session: Session,
    pub title: String,
    /// Lines scrolled down in a card too long for the screen, and the card and side
    /// (front, or revealed) they belong to: another card or side starts at the top again.
    pub scroll: u16,
    pub scrolled: (Option<usize>, bool),
    /// Whether the card on screen is a choice card: its question side takes 1-9 to pick.
    pub choice: bool,
    /// The options picked (ascending) on that choice card; emptied when the card changes.
    pub picked: Vec<usize>,
}

impl StudyState {
    /// Starts a session on `scope`; None (with a status line saying why) when nothing is due.
    pub fn start(ctx: &mut Ctx, scope: Scope) -> Option<StudyState> {
        if let Scope::Deck(d) = scope {
            ctx.last_deck = d;
        }
        let session = Session::start(
            &mut ctx.collection,
            scope,
            ctx.limits,
            &ctx.scheduler,
            ctx.now,
        );
        if session.current().is_none() {
            ctx.status = Some(Status::info(
                match session.next_learning_due(&ctx.collection) {
                    Some(due) => format!(
                        "Nothing due right now; the next learning card is due in {}.",
                        Interval::Minutes((((due - ctx.now).max(0) + 59_999) / 60_000) as u32)
                    ),
                    None => "Nothing left to study here today. Well done!".to_string(),
                },
            ));
            return None;
        }
        let title = match scope {
            Scope::All => "All decks".to_string(),
            Scope::Deck(d) => ctx.collection.decks[d].title.clone(),
        };
        let mut study = StudyState {
            session,
            title,
            scroll: 0,
            scrolled: (None, false),
            choice: false,
            picked: Vec::new(),
        };
        study.note_choice(ctx);
        Some(study)
    }

    /// How far the card on screen is scrolled.
    pub fn scroll(&self) -> u16 {
        let now = (self.session.current(), self.session.is_revealed());
        if self.scrolled == now {
            self.scroll
        } else {
            0
        }
    }

    /// The key map: the answer side rates, a choice card's question side picks.
    pub fn mode(&self) -> Mode {
        if self.session.is_revealed() {
            Mode::Answer
        } else if self.choice {
            Mode::Choice
        } else {
            Mode::Question
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        let now = ctx.now;
        if let Action::Down | Action::Up = action {
            // Scrolling stops at the card's last line, as drawn in the study screen's body.
            let body = layout::body(ctx.size);
            let limit = card::scroll_limit(&ctx.collection, &self.session, &self.picked, body);
            let at = self.scroll();
            self.scrolled = (self.session.current(), self.session.is_revealed());
            self.scroll = layout::scroll(at, limit, action == Action::Down);
            return None;
        }
        let session = &mut self.session;
        let col = &mut ctx.collection;
        let mut tee = Tee {
            inner: ctx.sink.as_mut(),
            history: &mut ctx.history,
        };
        let sink = &mut tee;
        let picked = &mut self.picked;
        let status = &mut ctx.status;
        let changes_card = matches!(
            action,
            Action::Rate(_) | Action::Undo | Action::Bury | Action::Suspend
        );
        let result = match action {
            Action::Reveal => {
                session.reveal();
                Ok(())
            }
            Action::Pick(n) if self.choice && !session.is_revealed() => {
                let n = usize::from(n);
                let entry = session.current()?;
                if let CardContent::Choice {
                    choices, answer, ..
                } = &col.card(entry).1.content
                {
                    if n >= choices.len() {
                        *status = Some(Status::info(format!(
                            "There is no option {}; pick 1-{}.",
                            n + 1,
                            choices.len()
                        )));
                    } else if answer.len() > 1 {
                        // Several right options: picking toggles, enter shows the answer.
                        match picked.binary_search(&n) {
                            Ok(at) => {
                                picked.remove(at);
                            }
                            Err(at) => picked.insert(at, n),
                        }
                    } else {
                        *picked = vec![n];
                        session.reveal();
                    }
                }
                Ok(())
            }
            Action::Rate(r) if session.is_revealed() => {
                session.rate(col, sink, &ctx.scheduler, r, now)
            }
            Action::Rate(_) => {
                *status = Some(Status::info("Reveal the answer first (space)."));
                Ok(())
            }
            Action::Undo => match session.undo(col, sink, now) {
                Ok(true) => {
                    *status = Some(Status::info("Undone."));
                    Ok(())
                }
                Ok(false) => {
                    *status = Some(Status::info("Nothing to undo in this session."));
                    Ok(())
                }
                Err(e) => Err(e),
            },
            Action::Bury => session.bury(col, sink, &ctx.scheduler, now).map(|()| {
                *status = Some(Status::info("Buried until tomorrow. u undoes."));
            }),
            Action::Suspend => session.suspend(col, sink, now).map(|()| {
                *status = Some(Status::info("Suspended. u undoes."));
            }),
            Action::Locate => {
                if let Some(entry) = session.current() {
                    let (deck, card) = col.card(entry);
                    let mut at = format!(
                        "{} · line {} · id {}",
                        deck.source, card.line, col.cards[entry].global_id
                    );
                    for url in &card.source {
                        at.push_str(" · source ");
                        at.push_str(url);
                    }
                    *status = Some(Status::info(at));
                }
                Ok(())
            }
            Action::Tick => {
                session.poll(col, now);
                Ok(())
            }
            Action::Back | Action::Quit => return Some(Nav::Summary),
            _ => Ok(()),
        };
        if let Err(e) = result {
            ctx.status = Some(Status::error(format!(
                "Not saved: {e}. Nothing was recorded; try again."
            )));
            return None;
        }
        if changes_card {
            self.picked.clear();
        }
        self.note_choice(ctx);
        self.session.current().is_none().then_some(Nav::Summary)
    }

    /// Notes whether the card now on screen is a choice card (the keys depend on it).
    fn note_choice(&mut self, ctx: &Ctx) {
        self.choice = self.session.current().is_some_and(|e| {
            matches!(ctx.collection.card(e).1.content, CardContent::Choice { .. })
        });
    }
}
