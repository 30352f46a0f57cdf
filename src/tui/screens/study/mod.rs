//! Study: one card at a time, reveal, rate (Anki's four buttons), undo, bury, suspend.
//!
//! `mod.rs` holds the state and its update; `card.rs` measures the card (used by both the
//! update and the view); `view.rs` draws. This file never refers to `view.rs`, and the
//! screen asks for others (the summary, Home) only through `Nav`.

pub mod buttons;
pub mod card;
pub mod view;

use recall::deck::CardContent;
use recall::schedule::{Interval, Millis};
use recall::stats::history::Tee;
use recall::study::{choice_order, Scope, Session};

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
    /// The options picked (ascending indices into the deck file's options, not positions on
    /// screen) on that choice card; emptied when the card changes.
    pub picked: Vec<usize>,
    /// When the pick that showed the answer was made: for half a second after it, rating
    /// keys are ignored, so a digit pressed twice by accident cannot rate the card.
    pub picked_at: Option<Millis>,
    /// Whether the picks that showed the answer were right: the default key (space, enter)
    /// then rates Good after a right pick and Again after a wrong one.
    pub verdict: Option<bool>,
}

/// Said once a run, the first time a button brings a card back in minutes.
pub const LEARNING_NOTE: &str =
    "Why minutes? New cards come back after short steps today, then in days.";
/// The same on a terminal narrower than 72 columns.
pub const LEARNING_NOTE_SHORT: &str = "Minutes: short steps today, then days.";

/// How long after a pick rating keys are ignored.
pub const PICK_PAUSE_MS: Millis = 500;

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
                            .words()
                    ),
                    None => "Nothing left to study here today. Well done!".to_string(),
                },
            ));
            return None;
        }
        // `u` reaches answers given before this screen opened (Anki's undo is not per deck).
        let mut session = session;
        session.adopt_undo(std::mem::take(&mut ctx.undo));
        let mut study = StudyState::new(ctx, scope, session);
        study.note_choice(ctx);
        Some(study)
    }

    fn new(ctx: &Ctx, scope: Scope, session: Session) -> StudyState {
        let title = match scope {
            Scope::All => "All decks".to_string(),
            Scope::Deck(d) => ctx
                .collection
                .decks
                .get(d)
                .map_or_else(String::new, |deck| deck.title.clone()),
        };
        StudyState {
            session,
            title,
            scroll: 0,
            scrolled: (None, false),
            choice: false,
            picked: Vec::new(),
            picked_at: None,
            verdict: None,
        }
    }

    /// `u` on the summary or Home: takes back the most recent answer of today and shows its
    /// card again in a session on the scope it was studied in. None (with a status line)
    /// when there is nothing to undo today or the log cannot be written.
    pub fn undo_last(ctx: &mut Ctx) -> Option<StudyState> {
        let today = ctx.scheduler.day_of(ctx.now);
        let todays = ctx
            .undo
            .last_at()
            .is_some_and(|at| ctx.scheduler.day_of(at) == today);
        if !todays {
            ctx.status = Some(Status::info("Nothing to undo today."));
            return None;
        }
        let scope = ctx.undo_scope;
        let mut session = Session::start(
            &mut ctx.collection,
            scope,
            ctx.limits,
            &ctx.scheduler,
            ctx.now,
        );
        session.adopt_undo(std::mem::take(&mut ctx.undo));
        let mut tee = Tee {
            inner: ctx.sink.as_mut(),
            history: &mut ctx.history,
        };
        match session.undo(&mut ctx.collection, &mut tee, ctx.now) {
            Ok(true) => ctx.status = Some(Status::info("Undone.")),
            Ok(false) => {
                ctx.status = Some(Status::info("Nothing to undo today."));
                return None;
            }
            Err(e) => {
                ctx.undo = session.take_undo();
                ctx.status = Some(Status::error(format!(
                    "Not undone: {e}. Nothing was recorded; try again."
                )));
                return None;
            }
        }
        let mut study = StudyState::new(ctx, scope, session);
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
            match self.verdict {
                Some(true) => Mode::PickedRight,
                Some(false) => Mode::PickedWrong,
                None => Mode::Answer,
            }
        } else if self.choice {
            Mode::Choice
        } else {
            Mode::Question
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        let now = ctx.now;
        if let Action::Down | Action::Up | Action::PageDown | Action::PageUp = action {
            // Scrolling stops at the card's last line, as drawn in the study screen's body.
            let body = layout::body(ctx.size);
            let limit = card::scroll_limit(&ctx.collection, &self.session, &self.picked, body);
            let at = self.scroll();
            self.scrolled = (self.session.current(), self.session.is_revealed());
            let page = card::page(body);
            self.scroll = match action {
                Action::PageDown => at.min(limit).saturating_add(page).min(limit),
                Action::PageUp => at.min(limit).saturating_sub(page),
                _ => layout::scroll(at, limit, action == Action::Down),
            };
            return None;
        }
        if let Action::Rate(_) = action {
            if self.session.is_revealed()
                && self.picked_at.is_some_and(|at| now - at < PICK_PAUSE_MS)
            {
                ctx.status = Some(Status::info(
                    "Not rated: a key right after a pick is taken as a slip. Rate again.",
                ));
                return None;
            }
        }
        let was_revealed = self.session.is_revealed();
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
                let shown = usize::from(n);
                let entry = session.current()?;
                let e = &col.cards[entry];
                let (seed, reps) = (e.seed, e.state.reps);
                if let CardContent::Choice {
                    choices, answer, ..
                } = &col.card(entry).1.content
                {
                    // Options are shown shuffled: position `shown` holds option `n`.
                    let order = choice_order(seed, reps, choices.len());
                    let n = order.get(shown).copied().unwrap_or(shown);
                    if shown >= choices.len() {
                        *status = Some(Status::info(format!(
                            "There is no option {}; pick 1-{}.",
                            shown + 1,
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
                        self.picked_at = Some(now);
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
            self.picked_at = None;
            self.verdict = None;
        }
        if self.session.is_revealed() && !was_revealed {
            self.on_reveal(ctx);
        }
        self.note_choice(ctx);
        self.session.current().is_none().then_some(Nav::Summary)
    }

    /// The answer has just been shown: judge the picks (the default key follows them), and
    /// scroll a long card so that the answer is in view.
    fn on_reveal(&mut self, ctx: &mut Ctx) {
        let Some(entry) = self.session.current() else {
            return;
        };
        // The first time in a run that a button brings a card back in minutes, say why.
        let in_minutes = || {
            self.session
                .preview(&ctx.collection, &ctx.scheduler, ctx.now)
                .is_some_and(|o| o.iter().any(|o| matches!(o.interval, Interval::Minutes(_))))
        };
        if !ctx.learning_note_shown && ctx.status.is_none() && in_minutes() {
            ctx.learning_note_shown = true;
            // The status line is one row: the short form on a narrow terminal.
            let note = if ctx.size.0 >= 72 {
                LEARNING_NOTE
            } else {
                LEARNING_NOTE_SHORT
            };
            ctx.status = Some(Status::info(note));
        }
        self.verdict = if self.choice && !self.picked.is_empty() {
            ctx.collection
                .card(entry)
                .1
                .content
                .picks_right(&self.picked)
        } else {
            None
        };
        let body = layout::body(ctx.size);
        let col = &ctx.collection;
        let limit = card::scroll_limit(col, &self.session, &self.picked, body);
        let answer = card::answer_line(col, &self.session, &self.picked, body);
        self.scrolled = (Some(entry), true);
        self.scroll = if answer + 2 <= card::inner_height(body) {
            0
        } else {
            answer.min(limit)
        };
    }

    /// Notes whether the card now on screen is a choice card (the keys depend on it).
    fn note_choice(&mut self, ctx: &Ctx) {
        self.choice = self.session.current().is_some_and(|e| {
            matches!(ctx.collection.card(e).1.content, CardContent::Choice { .. })
        });
    }
}
