//! Keeping an in-memory copy of the log current while the TUI appends to the real one, so the
//! stats screen counts the answers of the running session without reading the file again.

use crate::schedule::Millis;
use crate::store::{EventKind, LoadedLog, LogEvent, StoreError};
use crate::study::EventSink;

/// Adds an event to an in-memory log, interning its card id.
pub fn record(log: &mut LoadedLog, at: Millis, card: &str, kind: EventKind) {
    let card = match log.card_index(card) {
        Some(i) => i,
        None => {
            log.cards.push(card.to_string());
            (log.cards.len() - 1) as u32
        }
    };
    log.events.push(LogEvent { at, card, kind });
}

/// An event sink that passes every event on and, once it was recorded, copies it into `log`.
pub struct Tee<'a> {
    pub inner: &'a mut dyn EventSink,
    pub log: &'a mut LoadedLog,
}

impl EventSink for Tee<'_> {
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<(), StoreError> {
        self.inner.append(at, card, kind)?;
        record(self.log, at, card, kind);
        Ok(())
    }
}
