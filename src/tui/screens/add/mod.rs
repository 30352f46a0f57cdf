//! The add-card form (`a` on Home): deck, kind, front, back (or a choice card's options),
//! explanation and tags, typed in place; `ctrl-s` checks the card as the deck loader would
//! and writes it through the binary's `Importer::add_card` (the same write as `recall add`).
//!
//! State and update here, the checks in `check.rs`, one text field in `field.rs`, the view in
//! `view.rs`. It imports no other screen: it returns `Nav::Home` when done. Any screen can
//! open it with `Nav::AddCard` (Home does; the card browser can).

use recall::deck::DeckSource;
use recall::import::add::DEFAULT_DECK;

use crate::tui::action::{Action, Nav};
use crate::tui::ctx::{AddFailed, Ctx, Status};
use crate::tui::keys::Mode;

pub mod check;
pub mod field;
pub mod view;

pub use field::TextField;
pub use view::render;

/// The kinds of card the form writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Basic,
    Cloze,
    Choice,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Basic, Kind::Cloze, Kind::Choice];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Basic => "basic",
            Kind::Cloze => "cloze",
            Kind::Choice => "choice",
        }
    }

    fn step(self, forward: bool) -> Kind {
        let i = Kind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        let n = Kind::ALL.len();
        Kind::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The form's fields, in the order tab walks them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldId {
    Deck,
    Kind,
    #[default]
    Front,
    Back,
    Explain,
    Tags,
}

impl FieldId {
    const ORDER: [FieldId; 6] = [
        FieldId::Deck,
        FieldId::Kind,
        FieldId::Front,
        FieldId::Back,
        FieldId::Explain,
        FieldId::Tags,
    ];

    /// Whether `enter` starts a new line in it (otherwise it moves to the next field).
    pub fn multi_line(self) -> bool {
        matches!(self, FieldId::Front | FieldId::Back | FieldId::Explain)
    }
}

/// One of the learner's own decks, which `↑`/`↓` on the deck field choose from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserDeck {
    pub id: String,
    pub title: String,
}

/// Everything typed so far, where the cursor is, and what the last save attempt found.
#[derive(Clone, Debug, Default)]
pub struct AddFormState {
    pub deck: TextField,
    pub kind: Kind,
    pub front: TextField,
    pub back: TextField,
    pub explain: TextField,
    pub tags: TextField,
    pub focus: FieldId,
    /// The learner's decks (not built in), in collection order.
    pub decks: Vec<UserDeck>,
    /// Ids of the built-in decks, which are never written to.
    pub builtin: Vec<String>,
    /// Problems found by the last save, each shown under its field.
    pub errors: Vec<(FieldId, String)>,
    /// A write that failed (the form keeps everything; save again).
    pub failure: Option<String>,
    /// `esc` with something typed: asking whether to throw it away.
    pub confirm_cancel: bool,
}

impl AddFormState {
    /// The form, on the deck `deck` (a deck index) if that is one of the learner's own decks,
    /// otherwise on "my-cards"; the cursor in the front field.
    pub fn open(ctx: &Ctx, deck: Option<usize>) -> AddFormState {
        let mut decks = Vec::new();
        let mut builtin = Vec::new();
        for d in &ctx.collection.decks {
            match d.source {
                DeckSource::Builtin(_) => builtin.push(d.id.clone()),
                DeckSource::File(_) => decks.push(UserDeck {
                    id: d.id.clone(),
                    title: d.title.clone(),
                }),
            }
        }
        let chosen = deck
            .and_then(|i| ctx.collection.decks.get(i))
            .filter(|d| matches!(d.source, DeckSource::File(_)))
            .map_or(DEFAULT_DECK, |d| d.id.as_str());
        AddFormState {
            deck: TextField::with(chosen),
            decks,
            builtin,
            ..AddFormState::default()
        }
    }

    /// The deck id the deck field names: one of the learner's decks by its id or its title,
    /// otherwise the id a new deck of that name gets (`AWS notes` -> `aws-notes`).
    pub fn deck_id(&self) -> String {
        let typed = self.deck.text.trim();
        match self
            .decks
            .iter()
            .find(|d| d.title.eq_ignore_ascii_case(typed))
        {
            Some(d) => d.id.clone(),
            None => recall::import::add::form::deck_id_from_name(typed),
        }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn focus(&self) -> FieldId {
        self.focus
    }

    pub fn mode(&self) -> Mode {
        if self.confirm_cancel {
            Mode::AddConfirm
        } else {
            Mode::AddForm
        }
    }

    /// The text field `id` (None for the kind, which is a choice, not text).
    pub fn field(&self, id: FieldId) -> Option<&TextField> {
        match id {
            FieldId::Deck => Some(&self.deck),
            FieldId::Kind => None,
            FieldId::Front => Some(&self.front),
            FieldId::Back => Some(&self.back),
            FieldId::Explain => Some(&self.explain),
            FieldId::Tags => Some(&self.tags),
        }
    }

    fn field_mut(&mut self, id: FieldId) -> Option<&mut TextField> {
        match id {
            FieldId::Deck => Some(&mut self.deck),
            FieldId::Kind => None,
            FieldId::Front => Some(&mut self.front),
            FieldId::Back => Some(&mut self.back),
            FieldId::Explain => Some(&mut self.explain),
            FieldId::Tags => Some(&mut self.tags),
        }
    }

    /// The fields this kind of card has (a cloze card has no back).
    pub fn fields(&self) -> Vec<FieldId> {
        FieldId::ORDER
            .into_iter()
            .filter(|f| !(*f == FieldId::Back && self.kind() == Kind::Cloze))
            .collect()
    }

    /// Whether leaving would throw away something the learner typed.
    pub fn has_typing(&self) -> bool {
        [&self.front, &self.back, &self.explain, &self.tags]
            .iter()
            .any(|f| !f.is_blank())
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.focus()).unwrap_or(0);
        let n = fields.len();
        self.focus = fields[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    /// `↑`/`↓` on the deck field: the next or previous of the learner's decks, then "my-cards".
    fn cycle_deck(&mut self, forward: bool) {
        let mut ids: Vec<&str> = self.decks.iter().map(|d| d.id.as_str()).collect();
        if !ids.contains(&DEFAULT_DECK) {
            ids.push(DEFAULT_DECK);
        }
        let typed = self.deck.text.trim();
        let next = match ids.iter().position(|id| *id == typed) {
            Some(i) if forward => ids[(i + 1) % ids.len()],
            Some(i) => ids[(i + ids.len() - 1) % ids.len()],
            None => ids[0],
        };
        self.deck = TextField::with(next);
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        if self.confirm_cancel {
            match action {
                Action::Yes => return Some(Nav::Home),
                Action::No | Action::Back => self.confirm_cancel = false,
                _ => {}
            }
            return None;
        }
        let focus = self.focus();
        match action {
            Action::Save => return self.save(ctx),
            Action::Back => {
                if self.has_typing() {
                    self.confirm_cancel = true;
                    return None;
                }
                return Some(Nav::Home);
            }
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Newline if focus.multi_line() => self.edit(|f| f.insert('\n')),
            Action::Newline => self.move_focus(true),
            Action::Type(c) if focus == FieldId::Kind => match c {
                'b' => self.kind = Kind::Basic,
                'c' => self.kind = Kind::Cloze,
                'o' | 'm' => self.kind = Kind::Choice,
                ' ' => self.kind = self.kind.step(true),
                _ => {}
            },
            Action::Left | Action::Right if focus == FieldId::Kind => {
                self.kind = self.kind.step(action == Action::Right);
            }
            Action::Up | Action::Down if focus == FieldId::Kind => {
                self.kind = self.kind.step(action == Action::Down);
            }
            Action::Up | Action::Down if focus == FieldId::Deck => {
                self.cycle_deck(action == Action::Down);
            }
            Action::Type(c) => self.edit(|f| f.insert(c)),
            Action::Erase => self.edit(TextField::erase),
            Action::Delete => self.edit(TextField::delete),
            Action::ClearLine => self.edit(TextField::clear_to_start),
            Action::Left => self.edit(TextField::left),
            Action::Right => self.edit(TextField::right),
            Action::LineStart => self.edit(TextField::home),
            Action::LineEnd => self.edit(TextField::end),
            Action::Up => self.edit(|f| {
                f.up();
            }),
            Action::Down => self.edit(|f| {
                f.down();
            }),
            Action::Quit => return Some(Nav::Quit),
            _ => {}
        }
        None
    }

    /// Applies `change` to the focused text field; a change clears that field's problems.
    fn edit(&mut self, change: impl FnOnce(&mut TextField)) {
        let focus = self.focus();
        if let Some(f) = self.field_mut(focus) {
            let before = f.text.len();
            change(f);
            if f.text.len() != before {
                self.errors.retain(|(id, _)| *id != focus);
            }
        }
    }

    /// Checks the card; writes it if it is fine, then back to Home with the card's deck
    /// selected and its count grown. On a problem nothing is written and the form stays.
    fn save(&mut self, ctx: &mut Ctx) -> Option<Nav> {
        self.failure = None;
        let (deck_id, card) = match check::card(self) {
            Ok(ok) => ok,
            Err(errors) => {
                self.focus = errors.first().map_or(self.focus, |(f, _)| *f);
                self.errors = errors;
                return None;
            }
        };
        self.errors.clear();
        let now = ctx.now;
        let Some(importer) = ctx.importer.as_mut() else {
            self.failure =
                Some("adding a card needs the data folder, which this run has not opened".into());
            return None;
        };
        // A typed name that is not an id as it stands titles the new deck ("AWS notes").
        let typed = self.deck.text.trim();
        let title = (typed != deck_id).then_some(typed);
        match importer.add_card(&deck_id, title, card, now) {
            Ok(added) => {
                // Card positions may change with the new collection.
                ctx.undo = Default::default();
                ctx.collection = added.collection;
                if let Some(i) = ctx
                    .collection
                    .decks
                    .iter()
                    .position(|d| d.id == added.deck_id)
                {
                    ctx.last_deck = i;
                }
                let title = ctx
                    .collection
                    .decks
                    .get(ctx.last_deck)
                    .map_or(added.deck_id.clone(), |d| d.title.clone());
                ctx.status = Some(Status::info(format!(
                    "Card {} added to {title}{}: it is one of today's new cards.",
                    added.card_id,
                    if added.new_deck { " (a new deck)" } else { "" }
                )));
                Some(Nav::Home)
            }
            Err(AddFailed::Input(message)) => {
                let field = check::field_of(&message);
                self.focus = field;
                self.errors = vec![(field, message)];
                None
            }
            Err(AddFailed::Write(message)) => {
                self.failure = Some(message);
                None
            }
        }
    }
}
