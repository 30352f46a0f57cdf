//! Stats: the review heatmap, the due forecast, retention and readiness, and the decks.
//!
//! Everything is drawn with characters (shades, bars, gauges), so it reads the same under
//! NO_COLOR. Panels drop out as the terminal shrinks: first the forecast, then the heatmap.
//!
//! One file holds the state, its update (scrolling the deck table) and its view, since
//! nothing outside it needs its layout. It imports no other screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Paragraph, Row, Table, Widget};
use recall::stats::{self, Retention, Stats};
use recall::text::{count, for_terminal as inert};

use recall::study::Scope;
use recall::timefmt::duration;

use crate::tui::action::{Action, Nav};
use crate::tui::ctx::Ctx;
use crate::tui::keys::Mode;
use crate::tui::layout;
use crate::tui::prompt::{self, PathPrompt};
use crate::tui::settings::{self, EXAM_HINT, EXAM_TITLE};
use crate::tui::theme::Theme;

/// The stats screen: figures computed when it opened, and how far the deck table scrolled.
pub struct StatsState {
    pub stats: Stats,
    pub scroll: usize,
    /// The exam-date prompt while it is open (`x`).
    pub exam: Option<PathPrompt>,
}

impl StatsState {
    /// Computes every figure once, for all decks, as the screen opens.
    pub fn open(ctx: &Ctx) -> StatsState {
        let stats = recall::stats::compute(
            &ctx.collection,
            ctx.history.log(),
            &ctx.scheduler,
            Scope::All,
            ctx.now,
        );
        StatsState {
            stats,
            scroll: 0,
            exam: None,
        }
    }

    pub fn mode(&self) -> Mode {
        if self.exam.is_some() {
            Mode::DatePrompt
        } else {
            Mode::Stats
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx, action: Action) -> Option<Nav> {
        if let Some(input) = &mut self.exam {
            match action {
                Action::Back => self.exam = None,
                Action::Quit => return Some(Nav::Quit),
                Action::Submit => {
                    let typed = input.text.clone();
                    match settings::submit_exam_date(ctx, &typed) {
                        // Readiness is about the exam day: every figure again.
                        Ok(()) => *self = StatsState::open(ctx),
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
        match action {
            Action::ExamDate => {
                self.exam = Some(PathPrompt::default());
                None
            }
            // The deck table stops at its last row, as drawn in the stats screen's body.
            Action::Up | Action::Down => {
                let limit = scroll_limit(self, layout::body(ctx.size));
                self.scroll = layout::scroll(self.scroll, limit, action == Action::Down);
                None
            }
            Action::Back | Action::Quit => Some(Nav::Home),
            _ => None,
        }
    }
}

/// The heatmap panel at one character per day: weekday labels, 26 weeks, borders.
const HEATMAP_NARROW: u16 = 2 + stats::HEATMAP_WEEKS as u16 + 2;

/// Draws the stats screen into `area`, dropping panels that do not fit.
pub fn render(state: &StatsState, ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
    draw(state, ctx, theme, area, buf);
    if let Some(input) = &state.exam {
        prompt::render(input, EXAM_TITLE, EXAM_HINT, theme, area, buf);
    }
}

/// The figures, panels and tables, without the prompt.
fn draw(state: &StatsState, _ctx: &Ctx, theme: Theme, area: Rect, buf: &mut Buffer) {
    let st = &state.stats;
    let [title, top, forecast_area, table_area] = areas(st, area);
    title_line(st, theme).render(title, buf);
    let cell_w: u16 = if top.width >= 2 * HEATMAP_NARROW + 50 {
        2
    } else {
        1
    };
    let heat_w = 2 + stats::HEATMAP_WEEKS as u16 * cell_w + 2;
    if top.width >= heat_w + 46 {
        let [heat, figures] =
            Layout::horizontal([Constraint::Length(heat_w), Constraint::Min(0)]).areas(top);
        heatmap(st, cell_w, theme, heat, buf);
        summary(st, theme, figures, buf);
    } else {
        summary(st, theme, top, buf);
    }
    if forecast_area.height > 0 {
        forecast(st, theme, forecast_area, buf);
    }
    decks(state, theme, table_area, buf);
}

/// The title line, the top row (heatmap + figures), the forecast and the deck table.
fn areas(st: &Stats, area: Rect) -> [Rect; 4] {
    let h = area.height;
    let [title, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    // Heights: the top row (heatmap + figures), the forecast, and the deck table, which
    // gets what its rows need once the forecast has its minimum; the forecast the rest.
    // On a short terminal the deck table keeps room for two rows; the figures shrink.
    let table_min = if rest.height < 16 { 5 } else { 0 };
    let top_h = if h >= 32 { 11 } else { 10 }.min(rest.height.saturating_sub(table_min));
    let remaining = rest.height - top_h;
    let forecast_h = if h >= 20 {
        let table_h = (st.decks.len() as u16 + 3).min(remaining.saturating_sub(5));
        (remaining - table_h).min(20)
    } else {
        0
    };
    let [top, forecast_area, table_area] = Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Length(forecast_h),
        Constraint::Min(0),
    ])
    .areas(rest);
    [title, top, forecast_area, table_area]
}

/// How far the deck table can scroll when the stats screen fills `body`: the rows beyond
/// what it shows. `update` uses it so that the scroll never runs past the last row.
pub fn scroll_limit(state: &StatsState, body: Rect) -> usize {
    let table = areas(&state.stats, body)[3];
    let visible = table.height.saturating_sub(3) as usize;
    state.stats.decks.len().saturating_sub(visible.max(1))
}

fn title_line(st: &Stats, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(" Stats", theme.title()),
        Span::styled(
            format!(
                "  {} · {} · streak {} (best {})",
                st.deck
                    .as_deref()
                    .map_or("all decks".into(), |d| inert(d).into_owned()),
                st.today,
                st.streak.current,
                st.streak.longest
            ),
            theme.dim(),
        ),
    ])
}

/// Weeks as columns, Monday..Sunday as rows, each day a shade of its answer count.
fn heatmap(st: &Stats, cell_w: u16, theme: Theme, area: Rect, buf: &mut Buffer) {
    let total: u32 = st.heatmap.reviews.iter().sum();
    let block = Block::bordered().title(Span::styled(
        format!(" Reviews, {} weeks: {total} ", stats::HEATMAP_WEEKS),
        theme.title(),
    ));
    let inner = block.inner(area);
    block.render(area, buf);
    let max = st.heatmap.reviews.iter().copied().max().unwrap_or(0);
    let days = ["M", "", "W", "", "F", "", "S"];
    let mut lines = Vec::new();
    if inner.height > 8 {
        lines.push(month_row(st, cell_w, theme));
    }
    for (row, label) in days.iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{label:<2}"), theme.dim())];
        for &n in st.heatmap.reviews.iter().skip(row).step_by(7) {
            let level = stats::shade(n, max);
            let c = stats::SHADES[level];
            let text: String = std::iter::repeat_n(c, cell_w as usize).collect();
            let style = if level == 0 {
                theme.dim()
            } else {
                theme.due_count()
            };
            spans.push(Span::styled(text, style));
        }
        lines.push(Line::from(spans));
    }
    let legend = format!(
        "{} less … more {}",
        stats::SHADES[0],
        stats::SHADES[1..].iter().collect::<String>()
    );
    if inner.height as usize > lines.len() {
        lines.push(Line::from(Span::styled(format!("  {legend}"), theme.dim())));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// Month initials above the weeks in which a month starts.
fn month_row(st: &Stats, cell_w: u16, theme: Theme) -> Line<'static> {
    let first = time::Date::parse(
        &st.heatmap.first_day,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok();
    let weeks = stats::HEATMAP_WEEKS as usize;
    let mut text = vec![' '; 2 + weeks * cell_w as usize];
    let mut prev = None;
    for week in 0..weeks {
        let month = first
            .and_then(|d| d.checked_add(time::Duration::weeks(week as i64)))
            .map(|d| d.month());
        // A month's name (3 letters, spilling into the next weeks) above its first week.
        if let Some(m) = month.filter(|&m| Some(m) != prev && week > 0) {
            let at = 2 + week * cell_w as usize;
            for (i, c) in format!("{m:?}").chars().take(3).enumerate() {
                if let Some(slot) = text.get_mut(at + i) {
                    *slot = c;
                }
            }
        }
        prev = month;
    }
    Line::from(Span::styled(
        text.into_iter().collect::<String>(),
        theme.dim(),
    ))
}

use recall::stats::percent as pct;

/// Retention beside the target, streak, time, and readiness in words.
fn summary(st: &Stats, theme: Theme, area: Rect, buf: &mut Buffer) {
    let ret = |r: &Retention| match r.rate {
        Some(rate) => format!("{} ({}/{})", pct(rate), r.passed, r.reviews),
        None => "no reviews".into(),
    };
    let r = &st.readiness;
    let label = |s: &'static str| Span::styled(format!("{s:<11}"), theme.strong());
    let (when, day) = match &r.exam_date {
        Some(exam) if r.days_left > 0 => (
            format!("{exam}, in {}", count(r.days_left as u64, "day")),
            "on exam day",
        ),
        Some(exam) => (format!("{exam} (passed); figures for today"), "now"),
        None => ("no exam_date set; figures for today".into(), "now"),
    };
    let (mut new, mut learning, mut review) = (0, 0, 0);
    for d in &st.decks {
        (new, learning, review) = (
            new + d.new,
            learning + d.learning + d.relearning,
            review + d.review,
        );
    }
    // Readiness first: on a small terminal the lines at the bottom are the ones cut.
    let mut lines = vec![
        Line::from(vec![label("Exam"), Span::raw(when)]),
        Line::from(vec![
            label("Recall"),
            Span::styled(pct(r.recall), theme.strong()),
            Span::raw(format!(" predicted {day}")),
        ]),
    ];
    // Answers needed only mean something with an exam date ahead: then as plain advice.
    if r.exam_date.is_some() && r.days_left > 0 {
        // Under "Recall … predicted on exam day": to reach 90% recall on exam day, about N
        // answers a day.
        lines.push(Line::from(vec![
            label(""),
            Span::raw(format!(
                "to reach {:.0}%: about {} a day",
                f64::from(st.desired_retention) * 100.0,
                count(r.reviews_per_day.ceil() as u64, "answer")
            )),
        ]));
    }
    lines.extend([
        Line::from(vec![
            label("Retention"),
            Span::raw(format!("7d {}", ret(&st.retention.last_7_days))),
        ]),
        Line::from(vec![
            label(""),
            Span::raw(format!("30d {}", ret(&st.retention.last_30_days))),
            Span::styled(
                format!("  target {}", pct(f64::from(st.desired_retention))),
                theme.dim(),
            ),
        ]),
        Line::from(vec![
            label("Time"),
            Span::raw(format!(
                "today {} · {} a day",
                duration(st.time.today_ms as i64),
                duration(st.time.average_ms_per_day as i64)
            )),
        ]),
        Line::from(vec![
            label("Cards"),
            Span::raw(format!("{new} new · {learning} learning · {review} review")),
        ]),
    ]);
    if r.days_left > 0 {
        lines.push(Line::from(vec![
            label("Exam cap"),
            Span::raw(format!(
                "{} cards come back on exam day",
                r.brought_forward_by_exam
            )),
        ]));
    }
    Paragraph::new(lines)
        .block(Block::bordered().title(Span::styled(" Retention and readiness ", theme.title())))
        .render(area, buf);
}

/// Cards due on each of the next 30 days, today first (overdue included).
fn forecast(st: &Stats, theme: Theme, area: Rect, buf: &mut Buffer) {
    let total: u32 = st.forecast.iter().sum();
    let block = Block::bordered().title(Span::styled(
        format!(
            " Due, next {} days from today (left): {total} in all, {} today ",
            st.forecast.len(),
            st.forecast.first().copied().unwrap_or(0)
        ),
        theme.title(),
    ));
    let inner = block.inner(area);
    block.render(area, buf);
    let n = st.forecast.len().max(1) as u16;
    let slot = (inner.width / n).max(1);
    let (bar_width, gap) = if slot >= 2 { (slot - 1, 1) } else { (1, 0) };
    // Bars are scaled here, in eighths of a row, so that a day with one card still gets a
    // full row beside days with twenty (ratatui's own scaling rounds it down to nothing).
    let full = u64::from(inner.height.saturating_sub(1)) * 8;
    let bars: Vec<Bar> = st
        .forecast
        .iter()
        .zip(bar_heights(&st.forecast, full))
        .enumerate()
        .map(|(i, (&v, height))| {
            let label = if bar_width >= 2 {
                format!("{i}")
            } else {
                String::new()
            };
            Bar::default()
                .value(height)
                .label(Line::from(label))
                .text_value(if bar_width >= 3 {
                    v.to_string()
                } else {
                    String::new()
                })
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .max(full.max(1))
        .bar_width(bar_width)
        .bar_gap(gap)
        .bar_style(theme.gauge())
        .value_style(theme.selected())
        .label_style(theme.dim())
        .render(inner, buf);
}

/// Each value's bar height out of `full` (eighths of a row), at least one row when not zero.
fn bar_heights(values: &[u32], full: u64) -> impl Iterator<Item = u64> + '_ {
    let max = u64::from(values.iter().copied().max().unwrap_or(0)).max(1);
    values
        .iter()
        .map(move |&v| match u64::from(v) * full / max {
            _ if v == 0 => 0,
            h => h.max(8).min(full),
        })
}

/// Phase counts and the readiness gauge of each deck, scrolled by `state.scroll`.
fn decks(state: &StatsState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let st = &state.stats;
    let gauge_w: usize = match area.width {
        120.. => 30,
        72.. => 10,
        _ => 4,
    };
    let visible = area.height.saturating_sub(3) as usize;
    // Answers needed per deck only mean something with an exam date ahead.
    let planned = st.readiness.exam_date.is_some() && st.readiness.days_left > 0;
    // `update` clamps the scroll for the terminal's size; clamp again for this area.
    let scroll = state
        .scroll
        .min(st.decks.len().saturating_sub(visible.max(1)));
    let rows: Vec<Row> = st
        .decks
        .iter()
        .skip(scroll)
        .map(|d| {
            let filled = ((d.recall * gauge_w as f64).round() as usize).min(gauge_w);
            let bar = format!(
                "{}{} {:>3.0}%",
                "█".repeat(filled),
                "░".repeat(gauge_w - filled),
                d.recall * 100.0
            );
            let num = |n: u32| Cell::from(format!("{n:>5}"));
            let mut cells = vec![
                Cell::from(inert(&d.title).into_owned()),
                num(d.new),
                num(d.learning),
                num(d.review),
                num(d.relearning),
                num(d.suspended),
                Cell::from(Span::styled(bar, theme.gauge())),
            ];
            if planned {
                cells.push(num(d.reviews_needed));
            }
            Row::new(cells)
        })
        .collect();
    let more = st.decks.len().saturating_sub(scroll + visible);
    let title = if visible > 0 && (more > 0 || scroll > 0) {
        format!(
            " Decks {}-{} of {} (j/k) ",
            scroll + 1,
            (scroll + visible).min(st.decks.len()),
            st.decks.len()
        )
    } else {
        " Decks ".to_string()
    };
    let names = [
        "Deck", "  New", "Learn", "  Rev", "Relrn", " Susp", "Recall", " Need",
    ];
    let columns = if planned { 8 } else { 7 };
    let header = Row::new(names[..columns].to_vec()).style(theme.strong());
    let widths = [
        Constraint::Min(8),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(gauge_w as u16 + 5),
        Constraint::Length(5),
    ];
    Table::new(rows, widths[..columns].to_vec())
        .header(header)
        .column_spacing(1)
        .block(Block::bordered().title(Span::styled(title, theme.title())))
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_day_with_one_card_gets_a_full_row_beside_days_with_twenty() {
        let h: Vec<u64> = super::bar_heights(&[20, 1, 0, 10], 24).collect();
        assert_eq!(h, vec![24, 8, 0, 12]);
        // Too short for even one row: nothing is drawn taller than the chart.
        let h: Vec<u64> = super::bar_heights(&[3, 1], 0).collect();
        assert_eq!(h, vec![0, 0]);
    }
}
