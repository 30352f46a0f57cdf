//! A card's page in the browser: its text, where it lives, its state now, its whole history
//! from the log (undone events struck through) and its predicted recall over the next 90
//! days. The history and the curve are computed when the page opens, never per frame.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline, Widget, Wrap};
use recall::browse::history::{history, HistoryRow};
use recall::browse::{CardFacts, Index};
use recall::deck::DeckSource;
use recall::schedule::{Phase, Scheduler};
use recall::store::EventKind;
use recall::text::for_terminal as inert;

use super::table::{due_text, phase_name, state_text};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::text::card_lines;
use crate::tui::theme::Theme;

/// Days the recall curve looks ahead.
pub const CURVE_DAYS: usize = 90;
const DAY_MS: i64 = 86_400_000;

/// The page of one card.
pub struct PageState {
    /// The card's row in the browser's facts (its collection entry).
    pub fact: u32,
    pub history: Vec<HistoryRow>,
    /// Predicted recall (percent) today and on each of the next `CURVE_DAYS` days; empty
    /// for a card never answered.
    pub curve: Vec<u64>,
    /// Lines scrolled down, and the page's length in lines (scrolling stops at the last).
    pub scroll: u16,
    pub lines: u16,
}

impl PageState {
    /// The page of the browser's row `fact`: reads the card's events once from the log.
    pub fn open(ctx: &Ctx, index: &Index, fact: u32) -> PageState {
        let mut p = PageState {
            fact,
            history: Vec::new(),
            curve: Vec::new(),
            scroll: 0,
            lines: 0,
        };
        p.refresh(ctx, index);
        p
    }

    /// Reads the history and the curve again (an action or an edit changed the card); the
    /// page follows its card by id when the rows were rebuilt.
    pub fn refresh(&mut self, ctx: &Ctx, index: &Index) {
        let Some(f) = index.facts().get(self.fact as usize) else {
            return;
        };
        self.history = history(ctx.history.log(), &ctx.scheduler, &f.id);
        let state = ctx.collection.cards[f.entry].state;
        self.curve = if state.phase == Phase::New {
            Vec::new()
        } else {
            (0..=CURVE_DAYS as i64)
                .map(|d| {
                    let r = ctx.scheduler.retrievability(&state, ctx.now + d * DAY_MS);
                    (f64::from(r) * 100.0).round() as u64
                })
                .collect()
        };
        let count = page_lines(f, self, ctx, Theme::new(false)).len();
        self.lines = u16::try_from(count).unwrap_or(u16::MAX);
    }

    pub fn update(&mut self, _ctx: &Ctx, action: Action) {
        let step = match action {
            Action::PageDown | Action::PageUp => 10,
            _ => 1,
        };
        let last = self.lines.saturating_sub(1);
        match action {
            Action::Down | Action::PageDown => {
                self.scroll = self.scroll.saturating_add(step).min(last)
            }
            Action::Up | Action::PageUp => self.scroll = self.scroll.saturating_sub(step),
            Action::Top => self.scroll = 0,
            _ => {}
        }
    }
}

/// Draws the page: text and history scrolling above, the recall curve below when it fits.
pub fn render(p: &PageState, index: &Index, ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
    let Some(f) = index.facts().get(p.fact as usize) else {
        return;
    };
    let plot = !p.curve.is_empty() && area.height >= 16;
    let [text_area, plot_area] = if plot {
        Layout::vertical([Constraint::Min(1), Constraint::Length(6)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    let lines = page_lines(f, p, ctx, theme);
    let last = lines.len().saturating_sub(1) as u16;
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((p.scroll.min(last), 0))
        .render(text_area, buf);
    if plot {
        curve(p, theme, plot_area, buf);
    }
}

fn page_lines(f: &CardFacts, p: &PageState, ctx: &Ctx, theme: Theme) -> Vec<Line<'static>> {
    let (deck, card) = ctx.collection.card(f.entry);
    let label = |s: &str| Span::styled(format!("{s:<9}"), theme.dim());
    let mut lines = vec![Line::from(Span::styled(
        format!("{} · {}", inert(&deck.title), inert(&f.id)),
        theme.title(),
    ))];
    let file = match &deck.source {
        DeckSource::File(path) => format!("{}:{}", path.display(), card.line),
        DeckSource::Builtin(name) => {
            format!(
                "built-in decks/{name}:{} (e copies it to your decks folder to correct it)",
                card.line
            )
        }
    };
    lines.push(Line::from(vec![
        label("File"),
        Span::raw(inert(&file).into_owned()),
    ]));
    if !f.tags.is_empty() {
        lines.push(Line::from(vec![
            label("Tags"),
            Span::raw(inert(&f.tags.join(" ")).into_owned()),
        ]));
    }
    let mut text = |name: &str, body: &str| {
        let mut body = card_lines(body, ratatui::style::Style::new(), theme);
        if let Some(first) = body.first_mut() {
            first.spans.insert(0, label(name));
        }
        lines.extend(body);
    };
    text("Front", &card.content.prompt());
    text("Back", &card.content.answer_text());
    if let Some(e) = &card.explain {
        text("Explain", e);
    }
    let num = |v: Option<f32>| v.map_or("—".into(), |v| format!("{v:.2}"));
    let mut now = format!(
        "{} · due {} · interval {}d · S {} · D {} · R {} · {} lapses · {} reviews",
        phase_name(f.phase),
        due_text(f.due_days),
        f.interval_days,
        num(f.stability),
        num(f.difficulty),
        f.retrievability
            .map_or("—".into(), |r| format!("{:.0}%", r * 100.0)),
        f.lapses,
        f.reps
    );
    let state = state_text(f);
    if !state.is_empty() {
        now.push_str(" · ");
        now.push_str(&state);
    }
    lines.push(Line::from(vec![label("Now"), Span::raw(now)]));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!(
            "History ({} events; struck through: undone)",
            p.history.len()
        ),
        theme.title(),
    )));
    if p.history.is_empty() {
        lines.push(Line::from(Span::styled("  never answered", theme.dim())));
    }
    lines.push(Line::from(Span::styled(
        "  date        event       interval  stability  difficulty",
        theme.dim(),
    )));
    for e in &p.history {
        lines.push(history_line(e, &ctx.scheduler, theme));
    }
    lines
}

/// One event as a row: date, what happened, and the interval, S and D it left.
fn history_line(e: &HistoryRow, scheduler: &Scheduler, theme: Theme) -> Line<'static> {
    let date = recall::dates::date_of_day(scheduler.day_of(e.at));
    let what = match e.kind {
        EventKind::Review { rating, .. } => ["again", "hard", "good", "easy"]
            .get(usize::from(rating).wrapping_sub(1))
            .copied()
            .unwrap_or("answer")
            .to_string(),
        EventKind::QuizMiss => "quiz miss".into(),
        EventKind::Cram { rating, .. } => format!("cram {rating}"),
        EventKind::Unbury => "unbury".into(),
        EventKind::Forget => "forget".into(),
        EventKind::SetDue { days, .. } => format!("due in {days}d"),
        EventKind::Suspend => "suspend".into(),
        EventKind::Unsuspend => "unsuspend".into(),
        EventKind::Bury => "bury".into(),
        EventKind::Undo | EventKind::UndoOf(_) => "undo".into(),
    };
    let answer = matches!(e.kind, EventKind::Review { .. } | EventKind::QuizMiss);
    let text = if answer && e.after.phase != Phase::New {
        format!(
            "  {date}  {what:<10}  {:>7}d  {:>9.2}  {:>10.2}",
            e.after.interval_days, e.after.stability, e.after.difficulty
        )
    } else {
        format!("  {date}  {what:<10}")
    };
    let style = if e.undone {
        theme.dim().add_modifier(Modifier::CROSSED_OUT)
    } else {
        ratatui::style::Style::new()
    };
    Line::from(Span::styled(text, style))
}

/// The predicted recall as a sparkline from today to day 90, with its two ends in words.
fn curve(p: &PageState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let first = p.curve.first().copied().unwrap_or(0);
    let last = p.curve.last().copied().unwrap_or(0);
    let title = format!(
        " Predicted recall if not reviewed: {first}% today → {last}% in {CURVE_DAYS} days "
    );
    let block = Block::default().borders(Borders::TOP).title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    // One column per day when it fits, else every few days.
    let width = usize::from(inner.width.max(1));
    let step = p.curve.len().div_ceil(width).max(1);
    let data: Vec<u64> = p.curve.iter().step_by(step).copied().collect();
    Sparkline::default()
        .data(&data)
        .max(100)
        .style(theme.gauge())
        .render(inner, buf);
}
