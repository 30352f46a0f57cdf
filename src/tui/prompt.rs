//! A one-line path prompt as a shell has it: `ctrl-u` clears, `ctrl-w` deletes a word, `tab`
//! completes a path (the common prefix; the choices listed when there are several; `/` after
//! a directory; `~/` expanded), and after an error the old text is selected so typing
//! replaces it. Home's import prompt (`i`) is one.
//!
//! Completion reads one directory listing, at most `MAX_ENTRIES` entries of it, so a huge
//! folder never holds up the key loop.

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use recall::text::inert;

use super::action::Action;
use super::layout::centered;
use super::text::hanging;
use super::theme::Theme;

/// The most directory entries one `tab` reads.
pub const MAX_ENTRIES: usize = 1_000;
/// The most choices listed under the prompt (the rest are counted).
const SHOWN_CHOICES: usize = 8;

/// The prompt's text and what `tab` found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathPrompt {
    pub text: String,
    /// The text is selected (after an error): typing replaces it, backspace clears it.
    pub selected: bool,
    /// What the last `tab` found when it was ambiguous, or a note when nothing matched.
    pub choices: Vec<String>,
    pub note: Option<String>,
}

impl PathPrompt {
    /// Handles an editing action; others are the caller's (enter, esc).
    pub fn update(&mut self, action: Action) {
        // The clock's tick is not a key: the error or the choices under the line stay.
        if action == Action::Tick {
            return;
        }
        let selected = std::mem::take(&mut self.selected);
        self.choices.clear();
        self.note = None;
        match action {
            Action::Type(c) => {
                if selected {
                    self.text.clear();
                }
                self.text.push(c);
            }
            Action::Erase if selected => self.text.clear(),
            Action::Erase => {
                self.text.pop();
            }
            Action::ClearLine => self.text.clear(),
            Action::EraseWord => erase_word(&mut self.text),
            Action::Complete => self.complete(),
            _ => self.selected = selected,
        }
    }

    /// After a failed import: keep the text, selected, so that typing starts afresh.
    pub fn failed(&mut self) {
        self.selected = !self.text.is_empty();
    }

    fn complete(&mut self) {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let expanded = expand_home(&self.text, home.as_deref());
        let (dir, prefix) = split(&expanded);
        let listing = list(if dir.is_empty() { "." } else { dir });
        let done = complete_from(dir, prefix, &listing);
        self.text = done.text;
        self.choices = done.choices;
        self.note = match (done.nothing, listing.capped) {
            (true, _) => Some(format!("Nothing here starts with \"{prefix}\".")),
            (false, true) => Some(format!("Only the first {MAX_ENTRIES} entries were read.")),
            (false, false) => None,
        };
    }
}

/// `~/` at the start becomes the home directory (when it is known).
pub fn expand_home(text: &str, home: Option<&Path>) -> String {
    match (text.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => {
            let mut h = home.to_string_lossy().into_owned();
            if !h.ends_with('/') {
                h.push('/');
            }
            h + rest
        }
        _ => text.to_string(),
    }
}

/// The directory part (up to and with the last `/`) and the name being typed.
fn split(text: &str) -> (&str, &str) {
    match text.rfind('/') {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => ("", text),
    }
}

/// Deletes back to the previous `/` or space (what is left keeps its `/`), and spaces or a
/// `/` just before the cursor with it: `/home/me/file.csv` → `/home/me/` → `/home/`.
pub fn erase_word(text: &mut String) {
    let trimmed = text.trim_end_matches([' ', '/']).len();
    let cut = text[..trimmed].rfind([' ', '/']).map_or(0, |i| i + 1);
    text.truncate(cut);
}

/// A directory's entries, at most `MAX_ENTRIES`: (name, whether it is a directory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub entries: Vec<(String, bool)>,
    /// More entries were there than were read.
    pub capped: bool,
}

/// Reads at most `MAX_ENTRIES` entries of `dir`; an unreadable directory lists nothing.
pub fn list(dir: &str) -> Listing {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Listing::default();
    };
    let mut listing = Listing::default();
    for entry in read.flatten() {
        if listing.entries.len() == MAX_ENTRIES {
            listing.capped = true;
            break;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        // A link to a directory completes as one.
        let is_dir = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
        listing.entries.push((name, is_dir));
    }
    listing
}

/// What `tab` makes of `dir` + `prefix` given the listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completed {
    pub text: String,
    /// Sorted, directories with their `/`; empty unless ambiguous.
    pub choices: Vec<String>,
    /// Nothing matched.
    pub nothing: bool,
}

/// Shell completion on one listing: a single match is completed (a directory with `/`);
/// several complete to their longest common prefix and are listed; hidden entries only when
/// the name typed starts with `.`.
pub fn complete_from(dir: &str, prefix: &str, listing: &Listing) -> Completed {
    let mut matches: Vec<String> = listing
        .entries
        .iter()
        .filter(|(name, _)| name.starts_with(prefix))
        .filter(|(name, _)| prefix.starts_with('.') || !name.starts_with('.'))
        .map(|(name, is_dir)| {
            if *is_dir {
                format!("{name}/")
            } else {
                name.clone()
            }
        })
        .collect();
    matches.sort();
    match matches.as_slice() {
        [] => Completed {
            text: format!("{dir}{prefix}"),
            choices: Vec::new(),
            nothing: true,
        },
        [one] => Completed {
            text: format!("{dir}{one}"),
            choices: Vec::new(),
            nothing: false,
        },
        [first, rest @ ..] => {
            let common = rest.iter().fold(first.as_str(), |acc, m| {
                let len = acc
                    .char_indices()
                    .zip(m.chars())
                    .take_while(|((_, a), b)| a == b)
                    .last()
                    .map_or(0, |((i, a), _)| i + a.len_utf8());
                &acc[..len]
            });
            Completed {
                text: format!("{dir}{common}"),
                choices: matches.clone(),
                nothing: false,
            }
        }
    }
}

/// Draws the prompt centred on `area`: what it accepts, the line with its cursor (the text
/// reversed while selected), then the choices or the note of the last `tab`.
pub fn render(p: &PathPrompt, title: &str, hint: &str, theme: Theme, area: Rect, buf: &mut Buffer) {
    let shown_choices = p.choices.len().min(SHOWN_CHOICES);
    // A note (an error in words) wraps under the line, as wide as the box allows.
    let note_width = area.width.min(70).saturating_sub(2);
    let note: Vec<Line<'static>> = p.note.as_ref().map_or_else(Vec::new, |n| {
        let body = vec![Line::from(Span::styled(inert(n).into_owned(), theme.dim()))];
        hanging(vec![Span::raw("   ")], body, note_width)
    });
    let extra =
        note.len() as u16 + shown_choices as u16 + u16::from(p.choices.len() > SHOWN_CHOICES);
    let popup = centered(area, 70, 6 + extra);
    Clear.render(popup, buf);
    // Show the end of a long path: that is where the typing happens.
    let room = popup.width.saturating_sub(6) as usize;
    let shown: String = {
        let chars: Vec<char> = inert(&p.text).chars().collect();
        chars[chars.len().saturating_sub(room)..].iter().collect()
    };
    let text_style = if p.selected {
        theme.selected()
    } else {
        ratatui::style::Style::new()
    };
    let mut lines = vec![
        Line::from(Span::styled(format!(" {hint}"), theme.dim())),
        Line::from(""),
        Line::from(vec![
            Span::styled(" > ", theme.key()),
            Span::styled(shown, text_style),
            Span::styled("▏", theme.key()),
        ]),
    ];
    lines.extend(note);
    for c in p.choices.iter().take(SHOWN_CHOICES) {
        lines.push(Line::from(Span::styled(
            format!("   {}", inert(c)),
            theme.dim(),
        )));
    }
    if p.choices.len() > SHOWN_CHOICES {
        lines.push(Line::from(Span::styled(
            format!("   … and {} more", p.choices.len() - SHOWN_CHOICES),
            theme.dim(),
        )));
    }
    Paragraph::new(lines)
        .block(Block::bordered().title(Span::styled(format!(" {title} "), theme.title())))
        .render(popup, buf);
}

#[cfg(test)]
mod tests;
