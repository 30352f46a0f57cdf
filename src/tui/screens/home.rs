//! Home: the decks with what is due today, today's plan and the exam countdown, the
//! first-run welcome, the exam-date prompt (`x`), and the import prompt and its report.
//!
//! Owns `HomeState` (its rows and plan are counted when Home opens, never per frame), its
//! update and its view. It asks for other screens only through `Nav`; it imports no other
//! screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, Widget, Wrap};
use recall::study::plan;
use recall::study::{due_counts, DueCounts, Scope};
use recall::text::{count, for_terminal as inert};

use crate::tui::action::{Action, Nav};
use crate::tui::ctx::{Ctx, Status};
use crate::tui::keys::Mode;
use crate::tui::layout::{self, centered};
use crate::tui::prompt::{self, PathPrompt};
use crate::tui::settings::{self, EXAM_HINT, EXAM_TITLE};
use crate::tui::theme::Theme;

mod plan_lines;
mod welcome;

pub use plan_lines::PlanLines;

/// One row of the Home table, counted when Home is entered (not on every frame).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeckRow {
    pub title: String,
    pub section: String,
    pub cards: usize,
    pub due: DueCounts,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HomeState {
    pub selected: usize,
    /// The first deck row in view: the list scrolls to keep the selection visible.
    pub offset: usize,
    pub rows: Vec<DeckRow>,
    pub total: DueCounts,
    /// The import prompt while it is open (`i`).
    pub prompt: Option<PathPrompt>,
    /// The last import's report, shown until dismissed.
    pub report: Option<Vec<String>>,
    /// The exam-date prompt while it is open (`x`).
    pub exam: Option<PathPrompt>,
    /// The first-run welcome is up: nothing answered yet, and not closed in this run.
    pub welcome: bool,
    /// Today's plan in words, as Home opened.
    pub plan: PlanLines,
}

/// Whether any answer is in the log (this run's included): the welcome is for before the
/// first one. Kept by the history, so a start from the snapshot reads no log for it.
fn answered(ctx: &Ctx) -> bool {
    ctx.history.answered()
}

impl HomeState {
    /// Home with fresh counts (the day rolled over first), keeping `selected` in range.
    pub fn open(ctx: &mut Ctx, selected: usize) -> HomeState {
        let today = ctx.scheduler.day_of(ctx.now);
        ctx.collection.roll_day(today);
        let counts = due_counts(&ctx.collection, ctx.limits, &ctx.scheduler, ctx.now);
        let rows: Vec<DeckRow> = ctx
            .collection
            .decks
            .iter()
            .zip(counts.per_deck)
            .map(|(deck, due)| DeckRow {
                title: deck.title.clone(),
                section: deck.section.clone(),
                cards: deck.active_cards(),
                due,
            })
            .collect();
        let total = counts.total;
        let selected = selected.min(rows.len().saturating_sub(1));
        let offset = window(selected, 0, visible_rows(layout::body(ctx.size)));
        let spa = ctx.history.seconds_per_answer();
        let plan = plan::plan(&ctx.config, &ctx.collection, &ctx.scheduler, ctx.now, spa);
        HomeState {
            selected,
            offset,
            rows,
            total,
            prompt: None,
            report: None,
            exam: None,
            welcome: !ctx.welcome_closed && !answered(ctx),
            plan: PlanLines::of(&plan),
        }
    }

    /// The key map Home is in: the prompts, the report and the welcome take their own keys.
    pub fn mode(&self) -> Mode {
        if self.prompt.is_some() {
            Mode::Prompt
        } else if self.exam.is_some() {
            Mode::DatePrompt
        } else if self.report.is_some() {
            Mode::Report
        } else if self.welcome {
            Mode::Welcome
        } else {
            Mode::Home
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        if self.report.is_some() {
            if matches!(
                action,
                Action::Back | Action::Open | Action::Submit | Action::Quit
            ) {
                self.report = None;
            }
            return None;
        }
        if let Some(input) = &mut self.prompt {
            match action {
                Action::Back => self.prompt = None,
                Action::Quit => return Some(Nav::Quit),
                Action::Submit => {
                    let path = input.text.trim().to_string();
                    self.run_import(ctx, &path);
                }
                edit => input.update(edit),
            }
            return None;
        }
        if let Some(input) = &mut self.exam {
            match action {
                Action::Back => self.exam = None,
                Action::Quit => return Some(Nav::Quit),
                Action::Submit => {
                    let typed = input.text.clone();
                    match settings::submit_exam_date(ctx, &typed) {
                        // The plan and the counts follow the new date.
                        Ok(()) => *self = HomeState::open(ctx, self.selected),
                        Err(e) => {
                            input.note = Some(e);
                            input.failed();
                        }
                    }
                }
                edit => input.update(edit),
            }
            return None;
        }
        // The welcome is over Home, not instead of it: esc closes it, `x` opens the prompt
        // over it, and any other key closes it and does what it does on Home.
        if self.welcome {
            match action {
                Action::ExamDate => {
                    self.exam = Some(PathPrompt::default());
                    return None;
                }
                Action::Tick => return None,
                Action::Back => {
                    ctx.welcome_closed = true;
                    self.welcome = false;
                    return None;
                }
                _ => {
                    ctx.welcome_closed = true;
                    self.welcome = false;
                }
            }
        }
        let n = self.rows.len();
        match action {
            Action::Up => {
                self.selected = self.selected.checked_sub(1).unwrap_or(n.saturating_sub(1))
            }
            Action::Down => {
                self.selected = if self.selected + 1 >= n {
                    0
                } else {
                    self.selected + 1
                }
            }
            Action::Open if n > 0 => return Some(Nav::Study(Scope::Deck(self.selected))),
            Action::Undo => return Some(Nav::Undo),
            Action::StudyAll => return Some(Nav::Study(Scope::All)),
            Action::Browse | Action::Search => {
                ctx.last_deck = self.selected;
                return Some(Nav::Browse {
                    card: None,
                    page: false,
                    search: action == Action::Search,
                });
            }
            Action::AddCard => {
                ctx.last_deck = self.selected;
                return Some(Nav::AddCard(Some(self.selected)));
            }
            Action::Stats => {
                ctx.last_deck = self.selected;
                return Some(Nav::Stats);
            }
            Action::QuizSetup => {
                ctx.last_deck = self.selected;
                return Some(Nav::QuizSetup);
            }
            Action::Import => self.prompt = Some(PathPrompt::default()),
            Action::ExamDate => self.exam = Some(PathPrompt::default()),
            Action::Back | Action::Quit => return Some(Nav::Quit),
            _ => {}
        }
        // Keep the selection in view, as drawn in Home's body at this terminal size.
        self.offset = window(
            self.selected,
            self.offset,
            visible_rows(layout::body(ctx.size)),
        );
        None
    }

    /// Imports `path` through the importer; success reloads Home with the deck selected and
    /// shows the report, failure keeps the prompt open with the error underneath.
    fn run_import(&mut self, ctx: &mut Ctx, path: &str) {
        if path.is_empty() {
            ctx.status = Some(Status::error("Type the path of a file to import."));
            return;
        }
        let Some(importer) = ctx.importer.as_mut() else {
            ctx.status = Some(Status::error("Importing is not available here."));
            return;
        };
        match importer.import(path, ctx.now) {
            Ok(imported) => {
                // Card positions may change with the new collection: nothing to undo.
                ctx.undo = Default::default();
                ctx.collection = imported.collection;
                let selected = ctx
                    .collection
                    .decks
                    .iter()
                    .position(|d| d.id == imported.deck_id)
                    .unwrap_or(0);
                *self = HomeState::open(ctx, selected);
                self.report = Some(imported.report);
            }
            Err(e) => {
                ctx.status = Some(Status::error(e));
                // The text stays, selected: typing a new path replaces it.
                if let Some(p) = &mut self.prompt {
                    p.failed();
                }
            }
        }
    }
}

/// Home's body as [title line, deck table, details below it].
fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(3),
    ])
    .areas(area)
}

/// How many deck rows the table shows when Home fills `body`: inside the borders, less the
/// header and the all-decks row with its blank line.
pub fn visible_rows(body: Rect) -> usize {
    let table = areas(body)[1];
    usize::from(table.height.saturating_sub(2 + 1 + 2)).max(1)
}

/// The first row in view so that `selected` is visible, moving `offset` as little as possible.
pub fn window(selected: usize, offset: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + visible {
        selected + 1 - visible
    } else {
        offset
    }
}

/// Draws the deck table, the selected deck's details and an open prompt or report.
pub fn render(home: &HomeState, ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
    let [title, table_area, detail] = areas(area);
    let visible = visible_rows(area);
    // `update` keeps the selection in view for the terminal's size; again for this area.
    let offset = window(home.selected, home.offset, visible);
    // The countdown and today's plan; the short form (and no name) when narrow.
    let long = format!(" recall  {}", home.plan.long);
    let top = if long.chars().count() <= usize::from(title.width) {
        vec![
            Span::styled(" recall", theme.title()),
            Span::styled(format!("  {}", inert(&home.plan.long)), theme.strong()),
        ]
    } else {
        vec![Span::styled(
            format!(" {}", inert(&home.plan.short)),
            theme.strong(),
        )]
    };
    Line::from(top).render(title, buf);

    let num = |n: usize, style| {
        Cell::from(Span::styled(
            format!("{n:>5}"),
            if n > 0 { style } else { theme.dim() },
        ))
    };
    let mut rows: Vec<Row> = home
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, r)| {
            let row = Row::new(vec![
                Cell::from(inert(&r.title).into_owned()),
                num(r.due.new, theme.new_count()),
                num(r.due.learning, theme.learn_count()),
                num(r.due.review, theme.due_count()),
            ]);
            if i == home.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    rows.push(
        Row::new(vec![
            Cell::from(Span::styled("All decks", theme.strong())),
            num(home.total.new, theme.new_count()),
            num(home.total.learning, theme.learn_count()),
            num(home.total.review, theme.due_count()),
        ])
        .top_margin(1),
    );
    let header = Row::new(["Deck", "  New", "Learn", "  Due"]).style(theme.strong());
    let n = home.rows.len();
    let deck_title = if n > visible {
        format!(
            " Decks {}-{} of {n} (j/k) ",
            offset + 1,
            (offset + visible).min(n)
        )
    } else {
        " Decks ".to_string()
    };
    Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(5),
        ],
    )
    .header(header)
    .column_spacing(2)
    .block(Block::bordered().title(Span::styled(deck_title, theme.title())))
    .render(table_area, buf);

    if let Some(r) = home.rows.get(home.selected) {
        let section = if r.section.is_empty() {
            String::new()
        } else {
            format!("{} · ", inert(&r.section))
        };
        // The all-decks row is capped by the same daily limits again (Anki's parent deck), so
        // it can show fewer new cards than the decks above it: say so in one line.
        let limits = ctx.limits;
        let new_cards = home.plan.new_cards.as_deref().unwrap_or("");
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(section, theme.dim()),
                Span::styled(count(r.cards as u64, "card"), theme.dim()),
            ]),
            Line::from(Span::styled(
                format!(
                    "All decks: at most {} new and {} reviews a day in all",
                    limits.new_per_day, limits.reviews_per_day
                ),
                theme.dim(),
            )),
            Line::from(Span::styled(inert(new_cards).into_owned(), theme.dim())),
        ])
        .render(detail, buf);
    }
    if let Some(input) = &home.prompt {
        prompt::render(
            input,
            "Import a deck file",
            "Anki .txt, .csv, .tsv, Quizlet, Markdown (Q:/A:/C:) or .toml",
            theme,
            area,
            buf,
        );
    } else if let Some(input) = &home.exam {
        prompt::render(input, EXAM_TITLE, EXAM_HINT, theme, area, buf);
    } else if let Some(report) = &home.report {
        import_report(report, theme, area, buf);
    } else if home.welcome {
        welcome::render(theme, area, buf);
    }
}

/// The import report: counts, then each skipped line.
fn import_report(report: &[String], theme: Theme, area: Rect, buf: &mut Buffer) {
    let height = (report.len() as u16 + 4).min(area.height);
    let popup = centered(area, area.width.saturating_sub(4), height);
    Clear.render(popup, buf);
    let mut lines: Vec<Line> = report
        .iter()
        .map(|l| Line::from(format!(" {}", inert(l))))
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " enter: back to decks",
        theme.dim(),
    )));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(Span::styled(" Imported ", theme.title())))
        .render(popup, buf);
}
