//! Colours and emphasis in one place; with `NO_COLOR` set, only bold/reverse/dim remain.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Honours the NO_COLOR convention (https://no-color.org): any non-empty value disables colour.
    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
    }

    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn new_count(self) -> Style {
        self.fg(Color::Blue)
    }
    pub fn learn_count(self) -> Style {
        self.fg(Color::Red)
    }
    pub fn due_count(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn right(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn code(self) -> Style {
        self.fg(Color::Magenta)
    }
    pub fn emphasis(self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }
    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn gauge(self) -> Style {
        self.fg(Color::Cyan)
    }
    /// The rating buttons: Again, Hard, Good, Easy.
    pub fn rating(self, i: usize) -> Style {
        let c = [Color::Red, Color::Yellow, Color::Green, Color::Blue];
        self.fg(c[i.min(3)]).add_modifier(Modifier::BOLD)
    }
}
