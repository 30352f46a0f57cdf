//! Keeping an in-memory copy of the log current while the TUI appends to the real one, so the
//! stats screen counts the answers of the running session without reading the file again.

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::schedule::Millis;
use crate::store::{EventKind, LoadedLog, LogEvent, Origin, Paths, StoreError};
use crate::study::EventSink;

/// The log as loaded plus every event this run appended, with an index of card ids built on
/// the first append, so recording an answer costs a hash look-up, not a scan of every card.
/// A start from a snapshot reads no log: the history then reads it when first asked for it.
#[derive(Debug, Default)]
pub struct History {
    /// The log and the file index (in `log.files`) of this device's log, where appended
    /// events go; filled at construction or on first use.
    log: OnceCell<(LoadedLog, u32)>,
    index: Option<HashMap<String, u32>>,
    /// Where to read the log on first use, and this device's id.
    unread: Option<(Paths, String)>,
    /// The time taken by the latest answers, this run's included: Home's time estimate
    /// reads it without reading the log.
    recent_ms: Vec<u32>,
    /// Whether any answer is in the log, this run's included (the first-run welcome).
    answered: bool,
}

impl History {
    /// The loaded log, to which this device (`own_device`, its log file's name) appends.
    pub fn new(log: LoadedLog, own_device: &str) -> History {
        History {
            recent_ms: crate::study::plan::recent_answer_ms(&log.events),
            answered: log
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::Review { .. })),
            log: OnceCell::from(with_own_file(log, own_device)),
            index: None,
            unread: None,
        }
    }

    /// A history whose log is read from `paths` when first asked for (the stats screen):
    /// every event this run appended is on disk by then, so none is recorded before.
    /// `recent_ms`: the latest answers' times, as the snapshot kept them; `answered`: whether
    /// any answer was given before (the replayed cards say so).
    pub fn unread(paths: Paths, own_device: &str, recent_ms: Vec<u32>, answered: bool) -> History {
        History {
            log: OnceCell::new(),
            index: None,
            unread: Some((paths, own_device.to_string())),
            recent_ms,
            answered,
        }
    }

    /// Whether any answer is in the log, this run's included, without reading the log.
    pub fn answered(&self) -> bool {
        self.answered
    }

    /// The learner's average seconds per answer over their latest answers (Home's estimate),
    /// without reading the log.
    pub fn seconds_per_answer(&self) -> Option<f64> {
        crate::study::plan::seconds_from(&self.recent_ms)
    }

    /// What the stats read.
    pub fn log(&self) -> &LoadedLog {
        &self
            .log
            .get_or_init(|| match &self.unread {
                // A log that cannot be read now shows as empty stats; studying goes on. The
                // log's binary copy spares parsing all of it (`study::snapshot::log_copy`).
                Some((paths, device)) => with_own_file(
                    crate::study::snapshot::log_copy::load_marked(paths, true)
                        .map(|(log, ..)| log)
                        .unwrap_or_default(),
                    device,
                ),
                None => (LoadedLog::default(), 0),
            })
            .0
    }

    /// Adds an event this device appended as number `seq` of its log, interning its card id.
    pub fn record(&mut self, at: Millis, card: &str, kind: EventKind, seq: u32) {
        crate::study::plan::push_recent(&mut self.recent_ms, crate::study::plan::answer_ms(kind));
        self.answered |= matches!(kind, EventKind::Review { .. });
        if self.unread.is_some() && self.log.get().is_none() {
            return; // read from disk, this event included, when first asked for
        }
        self.log();
        let Some((log, own_file)) = self.log.get_mut() else {
            return;
        };
        let own_file = *own_file;
        let index = self.index.get_or_insert_with(|| {
            log.cards
                .iter()
                .enumerate()
                .map(|(i, c)| (c.clone(), i as u32))
                .collect()
        });
        let card = match index.get(card) {
            Some(&i) => i,
            None => {
                let i = log.cards.len() as u32;
                log.cards.push(card.to_string());
                index.insert(card.to_string(), i);
                i
            }
        };
        // A hand-built log may have no origins: its events are file 0, unnumbered.
        log.origins.resize(log.events.len(), Origin::default());
        log.events.push(LogEvent { at, card, kind });
        log.origins.push(Origin {
            file: own_file,
            seq,
        });
    }
}

/// The log with this device's file among its files, and that file's index.
fn with_own_file(mut log: LoadedLog, own_device: &str) -> (LoadedLog, u32) {
    let own_file = match log.files.iter().position(|f| f == own_device) {
        Some(i) => i,
        None => {
            log.files.push(own_device.to_string());
            log.files.len() - 1
        }
    } as u32;
    (log, own_file)
}

/// An event sink that passes every event on and, once it was recorded, copies it into the
/// history.
pub struct Tee<'a> {
    pub inner: &'a mut dyn EventSink,
    pub history: &'a mut History,
}

impl EventSink for Tee<'_> {
    fn append(&mut self, at: Millis, card: &str, kind: EventKind) -> Result<u32, StoreError> {
        let seq = self.inner.append(at, card, kind)?;
        self.history.record(at, card, kind, seq);
        Ok(seq)
    }

    /// The batch goes to the inner sink whole (one write there), then into the history.
    fn append_batch(
        &mut self,
        events: &[(Millis, &str, EventKind)],
    ) -> Result<Vec<u32>, StoreError> {
        let seqs = self.inner.append_batch(events)?;
        for (&(at, card, kind), &seq) in events.iter().zip(&seqs) {
            self.history.record(at, card, kind, seq);
        }
        Ok(seqs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_interns_new_and_known_cards() {
        let mut h = History::new(
            LoadedLog {
                cards: vec!["d/a".into(), "d/b".into()],
                ..LoadedLog::default()
            },
            "dev",
        );
        h.record(1, "d/b", EventKind::Bury, 1);
        h.record(2, "d/c", EventKind::Bury, 2);
        h.record(3, "d/c", EventKind::Suspend, 3);
        let log = h.log();
        assert_eq!(log.cards, ["d/a", "d/b", "d/c"]);
        let cards: Vec<u32> = log.events.iter().map(|e| e.card).collect();
        assert_eq!(cards, [1, 2, 2]);
    }

    #[test]
    fn an_unread_history_reads_the_log_through_its_binary_copy() {
        use crate::store::log::format_numbered_line;
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::under(dir.path());
        crate::study::snapshot::make_cache_dir(&paths).expect("cache/");
        let line = |at: i64, card: &str, seq: u32| {
            let mut text = String::new();
            let kind = EventKind::Review { rating: 3, ms: 0 };
            format_numbered_line(&mut text, at, card, kind, seq);
            text
        };
        std::fs::create_dir_all(&paths.logs_dir).expect("logs/");
        let log = paths.own_log("dev");
        std::fs::write(&log, line(1_000, "d/a", 1) + &line(2_000, "d/b", 2)).expect("log");
        let full = |h: &History| {
            let l = h.log();
            (l.cards.clone(), l.events.clone(), l.origins.clone())
        };
        let first = History::unread(paths.clone(), "dev", Vec::new(), true);
        let copy = crate::study::snapshot::log_copy::path(&paths);
        assert_eq!(full(&first).0, ["d/a", "d/b"]);
        assert!(copy.is_file(), "the first read wrote the copy");
        // Later lines are read on top of the copy; without it the whole log says the same.
        let mut more = std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .expect("log");
        std::io::Write::write_all(&mut more, line(3_000, "d/c", 3).as_bytes()).expect("append");
        let (_, _, source) =
            crate::study::snapshot::log_copy::load_marked(&paths, false).expect("load");
        assert_eq!(source, Ok(1));
        let from_copy = full(&History::unread(paths.clone(), "dev", Vec::new(), true));
        std::fs::remove_file(&copy).expect("remove the copy");
        let whole = full(&History::unread(paths.clone(), "dev", Vec::new(), true));
        assert_eq!(from_copy, whole);
        assert_eq!(whole.0, ["d/a", "d/b", "d/c"]);
    }
}
