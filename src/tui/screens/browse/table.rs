//! The browser table's measures, shared by its update (how many rows a page is, where the
//! view scrolls to) and its view (which columns fit, what each cell says).
//!
//! Plain values in, plain text out: nothing here draws or reads the terminal.

use recall::browse::{CardFacts, SortKey};
use recall::schedule::Phase;

use crate::tui::layout;

/// Lines above the table: the search box, the line under it (error or count), the header.
pub const HEAD_LINES: u16 = 3;

/// How many table rows fit in the body of a terminal of `size`.
pub fn page_rows(size: (u16, u16)) -> usize {
    usize::from(layout::body(size).height.saturating_sub(HEAD_LINES)).max(1)
}

/// The first row shown so that `cursor` stays in view, moving `offset` as little as possible.
pub fn follow(offset: usize, cursor: usize, rows: usize) -> usize {
    if cursor < offset {
        cursor
    } else if cursor >= offset + rows {
        cursor + 1 - rows
    } else {
        offset
    }
}

/// One column of the table: its title, width, and the sort key it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    pub width: u16,
    pub key: SortKey,
}

/// Every column in order; `Front` takes what the others leave.
pub const COLUMNS: [Column; 11] = [
    col("Deck", 14, SortKey::Deck),
    col("Front", 0, SortKey::Front),
    col("Kind", 6, SortKey::Kind),
    col("Phase", 7, SortKey::Phase),
    col("Due", 7, SortKey::Due),
    col("Ivl", 5, SortKey::Interval),
    col("S", 6, SortKey::Stability),
    col("D", 4, SortKey::Difficulty),
    col("R", 4, SortKey::Retrievability),
    col("Laps", 4, SortKey::Lapses),
    col("State", 10, SortKey::State),
];

const fn col(title: &'static str, width: u16, key: SortKey) -> Column {
    Column { title, width, key }
}

/// The narrowest the front column gets before other columns are dropped.
const FRONT_MIN: u16 = 24;

/// Which columns drop first when the terminal is narrow (by position in `COLUMNS`).
const DROP_ORDER: [usize; 8] = [6, 7, 2, 9, 5, 3, 8, 0];

/// The columns shown at `width` (mark column and gaps included), in order, with the front
/// column's width filled in.
pub fn columns(width: u16) -> Vec<Column> {
    let mut keep = [true; COLUMNS.len()];
    let used = |keep: &[bool; COLUMNS.len()]| -> u16 {
        let shown = COLUMNS.iter().zip(keep).filter(|(_, k)| **k);
        // The mark column (2) and one space between columns.
        2 + shown.map(|(c, _)| c.width + 1).sum::<u16>()
    };
    for &drop in &DROP_ORDER {
        if used(&keep) + FRONT_MIN <= width {
            break;
        }
        keep[drop] = false;
    }
    let front = width.saturating_sub(used(&keep)).max(8);
    COLUMNS
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| match c.key {
            SortKey::Front => col(c.title, front, c.key),
            _ => *c,
        })
        .collect()
}

/// What one cell of a card's row says (plain text, not yet made inert).
pub fn cell(card: &CardFacts, key: SortKey) -> String {
    let num = |v: Option<f32>, digits: usize| v.map_or("—".into(), |v| format!("{v:.digits$}"));
    match key {
        SortKey::Deck => card.deck.clone(),
        SortKey::Front => card.front.clone(),
        SortKey::Kind => card.kind.to_string(),
        SortKey::Phase => phase_name(card.phase).to_string(),
        SortKey::Due => due_text(card.due_days),
        SortKey::Interval if card.phase == Phase::New => "—".into(),
        SortKey::Interval => format!("{}d", card.interval_days),
        SortKey::Stability => num(card.stability, 1),
        SortKey::Difficulty => num(card.difficulty, 1),
        SortKey::Retrievability => card
            .retrievability
            .map_or("—".into(), |r| format!("{:.0}%", r * 100.0)),
        SortKey::Lapses => card.lapses.to_string(),
        SortKey::Reps => card.reps.to_string(),
        SortKey::State => state_text(card),
    }
}

/// The phase as the table and the card page name it.
pub fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::New => "new",
        Phase::Learning => "learn",
        Phase::Review => "review",
        Phase::Relearning => "relearn",
    }
}

/// A due day counted from today: `today`, `in 3d`, `2d ago`; `—` for a new card.
pub fn due_text(days: Option<i32>) -> String {
    match days {
        None => "—".into(),
        Some(0) => "today".into(),
        Some(d) if d > 0 => format!("in {d}d"),
        Some(d) => format!("{}d ago", -d),
    }
}

/// Suspended, buried, leech, archived, as short words; empty for a card with none.
pub fn state_text(card: &CardFacts) -> String {
    let flags = [
        (card.suspended, "susp"),
        (card.buried, "buried"),
        (card.leech, "leech"),
        (card.archived, "arch"),
    ];
    flags
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name of a sort key in the line under the search box.
pub fn sort_name(key: SortKey) -> &'static str {
    match key {
        SortKey::Deck => "deck (file order)",
        SortKey::Front => "front",
        SortKey::Kind => "kind",
        SortKey::Phase => "phase",
        SortKey::Due => "due",
        SortKey::Interval => "interval",
        SortKey::Stability => "stability",
        SortKey::Difficulty => "difficulty",
        SortKey::Retrievability => "recall now",
        SortKey::Lapses => "lapses",
        SortKey::Reps => "reviews",
        SortKey::State => "state",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_in_view_and_the_view_moves_as_little_as_possible() {
        assert_eq!(follow(0, 5, 10), 0);
        assert_eq!(follow(0, 10, 10), 1);
        assert_eq!(follow(20, 5, 10), 5);
        assert_eq!(follow(3, 12, 10), 3);
    }

    #[test]
    fn narrow_terminals_drop_columns_and_keep_the_front_readable() {
        for width in [40u16, 60, 80, 100, 140, 200] {
            let cols = columns(width);
            let total: u16 = 2 + cols.iter().map(|c| c.width + 1).sum::<u16>();
            assert!(total <= width + 1, "{width}: {total}");
            let front = cols
                .iter()
                .find(|c| c.key == SortKey::Front)
                .expect("front");
            assert!(front.width >= 8, "{width}");
            assert!(cols.iter().any(|c| c.key == SortKey::State), "{width}");
        }
        assert_eq!(columns(200).len(), COLUMNS.len());
        assert!(columns(80).len() < COLUMNS.len());
    }
}
