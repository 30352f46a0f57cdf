//! The card browser: every card in a table, searched as you type, sorted by any column, with
//! actions on the marked cards, a page per card, and editing in the user's editor.
//!
//! The rows (`recall::browse::Index`) are built once when the browser opens and again only
//! after something changed the cards (an action, an edit); a keypress in the search box runs
//! one pass over a precomputed order (`Index::search`). `table.rs` measures what update and
//! view share, `view.rs` draws, `page.rs` is the card page, `act.rs` applies the actions.

mod act;
pub mod page;
pub mod table;
pub mod view;

use recall::browse::{collect, parse, Index, Query, QueryError, SortKey};

use crate::tui::action::{Action, Nav};
use crate::tui::ctx::{Ctx, EditRequest, Status};
use crate::tui::keys::Mode;
use crate::tui::prompt::erase_word;

pub use act::Done;
pub use page::PageState;

/// The browser's state: the rows, the search and its last good result, the sort, the
/// selection and the marks, and the card page or due-date prompt when one is open.
pub struct BrowseState {
    pub index: Index,
    /// The search as typed, and whether keys go to it (after `/`).
    pub query: String,
    pub typing: bool,
    /// Why the search as typed does not parse; the table keeps the last good result.
    pub error: Option<QueryError>,
    /// The last search that parsed: what the rows shown answer.
    pub good: Query,
    /// The rows shown (indices into `index.facts()`), in order: the last good search.
    pub shown: Vec<u32>,
    pub sort: SortKey,
    pub descending: bool,
    /// The selected position in `shown`, and the first position in view.
    pub cursor: usize,
    pub offset: usize,
    /// Marked rows by fact index (`space`), and how many are marked.
    pub marked: Vec<bool>,
    pub marks: usize,
    /// The card page (`enter`), drawn instead of the table while open.
    pub page: Option<PageState>,
    /// The due-date prompt (`d`) while open: what was typed.
    pub due_prompt: Option<String>,
    /// The actions taken here, most recent last, for `u`.
    pub done: Vec<Done>,
    /// Whether any card changed (an action or an edit) since the browser opened.
    pub changed: bool,
}

impl BrowseState {
    /// Opens the browser on every card (built once here) with the collection entry `card`
    /// selected and, with `page`, its page open; `search` starts with keys in the search box.
    pub fn open(ctx: &Ctx, card: Option<usize>, page: bool, search: bool) -> BrowseState {
        let index = Index::new(collect(&ctx.collection, &ctx.scheduler, ctx.now));
        let n = index.facts().len();
        let good = parse("").unwrap_or_else(|_| unreachable!("the empty search parses"));
        let mut s = BrowseState {
            index,
            query: String::new(),
            typing: search,
            error: None,
            good,
            shown: Vec::new(),
            sort: SortKey::Deck,
            descending: false,
            cursor: 0,
            offset: 0,
            marked: vec![false; n],
            marks: 0,
            page: None,
            due_prompt: None,
            done: Vec::new(),
            changed: false,
        };
        s.search(ctx);
        if let Some(entry) = card {
            // Facts are in collection order: the entry is its own row.
            if let Some(pos) = s.shown.iter().position(|&i| i as usize == entry) {
                s.cursor = pos;
                s.offset = table::follow(0, pos, table::page_rows(ctx.size));
            }
            if page {
                s.open_page(ctx);
            }
        }
        s
    }

    pub fn mode(&self) -> Mode {
        if self.page.is_some() {
            Mode::BrowsePage
        } else if self.due_prompt.is_some() {
            Mode::BrowseDue
        } else if self.typing {
            Mode::BrowseSearch
        } else {
            Mode::Browse
        }
    }

    /// The fact index of the selected row, if any row is shown.
    pub fn selected(&self) -> Option<u32> {
        self.shown.get(self.cursor).copied()
    }

    /// Runs the search as typed: a good query replaces the rows shown, a bad one only sets
    /// the error (the rows of the last good query stay).
    fn search(&mut self, ctx: &Ctx) {
        match parse(&self.query) {
            Ok(q) => {
                self.error = None;
                self.good = q;
                self.show(ctx);
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Shows the cards `q` selects in the current order, the selection on the same card if
    /// it is still there.
    fn show(&mut self, ctx: &Ctx) {
        let was = self.selected();
        self.shown = self.index.search(&self.good, self.sort, self.descending);
        self.cursor = was
            .and_then(|w| self.shown.iter().position(|&i| i == w))
            .unwrap_or(0);
        self.offset = table::follow(self.offset, self.cursor, table::page_rows(ctx.size));
    }

    /// Builds the rows again from the collection (after an action or an edit changed the
    /// cards), keeping the search, the sort, the selection and the marks of cards still here.
    pub fn rebuild(&mut self, ctx: &Ctx) {
        let ids: Vec<String> = self
            .index
            .facts()
            .iter()
            .zip(&self.marked)
            .filter(|(_, m)| **m)
            .map(|(f, _)| f.id.clone())
            .collect();
        let page_card = self
            .page
            .as_ref()
            .map(|p| self.index.facts()[p.fact as usize].id.clone());
        let selected = self
            .selected()
            .map(|i| self.index.facts()[i as usize].id.clone());
        self.index = Index::new(collect(&ctx.collection, &ctx.scheduler, ctx.now));
        self.marked = vec![false; self.index.facts().len()];
        self.marks = 0;
        for id in ids {
            if let Some(i) = ctx.collection.find(&id) {
                self.marked[i] = true;
                self.marks += 1;
            }
        }
        // Facts are in collection order: a card's row is its collection entry.
        let selected = selected.and_then(|id| ctx.collection.find(&id));
        self.shown = self.index.search(&self.good, self.sort, self.descending);
        self.cursor = selected
            .and_then(|w| self.shown.iter().position(|&i| i as usize == w))
            .unwrap_or(0)
            .min(self.shown.len().saturating_sub(1));
        self.offset = table::follow(self.offset, self.cursor, table::page_rows(ctx.size));
        match page_card.and_then(|id| ctx.collection.find(&id)) {
            Some(entry) => {
                if let Some(p) = &mut self.page {
                    p.fact = entry as u32;
                    p.refresh(ctx, &self.index);
                }
            }
            None => self.page = None,
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        if self.page.is_some() {
            return self.update_page(ctx, action);
        }
        if self.due_prompt.is_some() {
            self.update_due(ctx, action);
            return None;
        }
        if self.typing {
            match action {
                Action::Type(c) => self.query.push(c),
                Action::Erase => {
                    self.query.pop();
                }
                Action::ClearLine => self.query.clear(),
                Action::EraseWord => erase_word(&mut self.query),
                Action::Submit | Action::Back => {
                    self.typing = false;
                    return None;
                }
                Action::Quit => return Some(Nav::Quit),
                other => return self.update_table(ctx, other),
            }
            self.search(ctx);
            return None;
        }
        self.update_table(ctx, action)
    }

    fn update_table(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        let rows = table::page_rows(ctx.size);
        let last = self.shown.len().saturating_sub(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(rows),
            Action::PageDown => self.cursor = (self.cursor + rows).min(last),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::Search => self.typing = true,
            Action::SortNext | Action::SortReverse => {
                if action == Action::SortNext {
                    let at = SortKey::ALL.iter().position(|&k| k == self.sort);
                    self.sort = SortKey::ALL[at.map_or(0, |i| (i + 1) % SortKey::ALL.len())];
                } else {
                    self.descending = !self.descending;
                }
                self.show(ctx);
            }
            Action::Toggle => {
                if let Some(i) = self.selected() {
                    let m = &mut self.marked[i as usize];
                    *m = !*m;
                    self.marks = if *m { self.marks + 1 } else { self.marks - 1 };
                    self.cursor = (self.cursor + 1).min(last);
                }
            }
            Action::MarkAll => self.mark_all(),
            Action::StudyShown { cram } => return self.study(ctx, cram),
            // The add-card form, on the selected card's deck when it is the learner's.
            Action::AddCard => {
                let deck = self
                    .selected()
                    .map(|i| self.index.facts()[i as usize].deck_index);
                return Some(Nav::AddCard(deck));
            }
            Action::Open => self.open_page(ctx),
            Action::Suspend | Action::Bury | Action::Forget | Action::Undo => self.act(ctx, action),
            Action::SetDue if !self.shown.is_empty() => self.due_prompt = Some(String::new()),
            Action::Edit => self.edit(ctx),
            Action::Back => {
                return Some(Nav::LeaveBrowse {
                    changed: self.changed,
                })
            }
            Action::Quit => return Some(Nav::Quit),
            _ => {}
        }
        self.offset = table::follow(self.offset, self.cursor, rows);
        None
    }

    /// Marks every row shown, or clears every mark when they all are marked already.
    fn mark_all(&mut self) {
        let all = self.shown.iter().all(|&i| self.marked[i as usize]);
        if all {
            self.marked.iter_mut().for_each(|m| *m = false);
            self.marks = 0;
        } else {
            for &i in &self.shown {
                self.marked[i as usize] = true;
            }
            self.marks = self.marked.iter().filter(|m| **m).count();
        }
    }

    /// The cards an action is for: the marked ones, or else the selected one (fact indices).
    /// Custom study (`c` due only, `C` cram) of the marked cards, or of every card shown.
    fn study(&mut self, ctx: &mut Ctx, cram: bool) -> Option<Nav> {
        let rows = if self.marks > 0 {
            self.targets()
        } else {
            self.shown.clone()
        };
        let facts = self.index.facts();
        let cards: Vec<usize> = rows
            .iter()
            .map(|&i| &facts[i as usize])
            .filter(|f| f.is_active())
            .map(|f| f.entry)
            .collect();
        if cards.is_empty() {
            ctx.status = Some(Status::info(
                "No card to study here: search for some first.",
            ));
            return None;
        }
        let query = if self.marks > 0 {
            format!("{} marked", self.marks)
        } else if self.query.trim().is_empty() {
            "every card".to_string()
        } else {
            self.query.trim().to_string()
        };
        Some(Nav::CustomStudy { query, cards, cram })
    }

    pub fn targets(&self) -> Vec<u32> {
        if self.marks > 0 {
            (0..self.marked.len() as u32)
                .filter(|&i| self.marked[i as usize])
                .collect()
        } else {
            self.selected().into_iter().collect()
        }
    }

    fn update_due(&mut self, ctx: &mut Ctx, action: Action) {
        let Some(text) = &mut self.due_prompt else {
            return;
        };
        match action {
            Action::Type(c) if c.is_ascii_digit() || c == '-' => text.push(c),
            Action::Erase => {
                text.pop();
            }
            Action::Back => self.due_prompt = None,
            Action::Submit => {
                let text = self.due_prompt.take().unwrap_or_default();
                self.set_due(ctx, &text);
            }
            _ => {}
        }
    }

    fn open_page(&mut self, ctx: &Ctx) {
        if let Some(i) = self.selected() {
            self.page = Some(PageState::open(ctx, &self.index, i));
        }
    }

    fn update_page(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        match action {
            Action::Back => self.page = None,
            Action::Quit => return Some(Nav::Quit),
            Action::Edit => self.edit(ctx),
            other => {
                if let Some(p) = &mut self.page {
                    p.update(ctx, other);
                }
            }
        }
        None
    }

    /// `e`: asks for the card's file (a built-in deck is copied as an override first) and
    /// leaves the request for the event loop, which runs the editor.
    fn edit(&mut self, ctx: &mut Ctx) {
        let Some(i) = self.page.as_ref().map(|p| p.fact).or(self.selected()) else {
            return;
        };
        let entry = self.index.facts()[i as usize].entry;
        let (deck, card) = ctx.collection.card(entry);
        let deck_id = deck.id.clone();
        let target = match ctx.importer.as_mut() {
            Some(imp) => imp.edit_target(deck, card),
            None => Err("editing needs the data folder, which this screen was not given".into()),
        };
        match target {
            Ok(t) => {
                if t.created_override {
                    ctx.status = Some(Status::info(format!(
                        "Built-in deck {deck_id} copied to {} as your corrected copy (delete it to restore the built-in deck).",
                        t.file.display()
                    )));
                }
                ctx.pending_edit = Some(EditRequest {
                    file: t.file,
                    line: t.line,
                    deck_id,
                });
            }
            Err(e) => ctx.status = Some(Status::error(e)),
        }
    }
}
