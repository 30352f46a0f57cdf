//! Drawing: one view per screen, all reading `App` and writing into a buffer, nothing else.

mod help;
mod home;
pub(crate) mod quiz;
pub(crate) mod stats;
pub(crate) mod study;
mod summary;
pub mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Screen};
use super::keys::{self, Mode};
use super::theme::Theme;

/// Times on screen are written by the core's formatters, like the CLI's.
pub use recall::timefmt::{clock, duration};

/// Below this size the screens cannot be laid out; a short notice is drawn instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Whether the screens can be drawn at this size; below it keys are ignored too, so nothing
/// is rated or chosen unseen.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// The app together with the theme it is drawn in.
pub struct View<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if !fits(area.width, area.height) {
            Paragraph::new(format!(
                "terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}; keys wait until it is larger (ctrl-c quits)",
                area.width, area.height
            ))
            .wrap(Wrap { trim: true })
            .render(area, buf);
            return;
        }
        let [body, status, footer] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let (app, theme) = (self.app, self.theme);
        match &app.screen {
            Screen::Home(h) => home::render(app, h, theme, body, buf),
            Screen::Study(s) => study::render(app, s, theme, body, buf),
            Screen::Summary(s) => summary::render(s, theme, body, buf),
            Screen::QuizSetup(s) => quiz::render_setup(app, s, theme, body, buf),
            Screen::Quiz(s) => quiz::render_quiz(app, s, theme, body, buf),
            Screen::Results(r) => quiz::render_results(r, theme, body, buf),
            Screen::Stats(s) => stats::render(s, theme, body, buf),
        }
        if let Some(st) = &app.status {
            let style = if st.is_error {
                theme.error()
            } else {
                theme.dim()
            };
            Paragraph::new(Line::from(Span::styled(
                recall::text::for_terminal(&st.text).into_owned(),
                style,
            )))
            .render(status, buf);
        }
        let mode = Mode::of(&app.screen, false);
        footer_line(keys::footer(mode), theme).render(footer, buf);
        if app.show_help {
            help::render(mode, theme, area, buf);
        }
    }
}

/// The key hints at the bottom of every screen: `key action · key action`.
fn footer_line(keys: &[(&'static str, &'static str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(*what, theme.dim()));
    }
    Line::from(spans)
}

/// A centred rectangle of at most `w` x `h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
