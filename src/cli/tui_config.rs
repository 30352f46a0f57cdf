//! config.toml for the running TUI: `x`'s exam date written through `config_edit` (comments
//! kept, checked as loading checks, temp file + rename), and a hand edit noticed when Home is
//! shown by one `stat` (size and modification time), the file read again only when they
//! changed. The TUI holds the writer lock for its whole run, so every write here is under it.

use std::path::PathBuf;
use std::time::SystemTime;

use recall::schedule::Millis;
use recall::store::config_edit::{self, TYPED};
use recall::store::{Config, StoreError};

use crate::tui::ctx::ConfigStore;

/// What one `stat` says about the file: size and modification time (None when missing).
type Stamp = Option<(u64, Option<SystemTime>)>;

fn stamp(path: &PathBuf) -> Stamp {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

pub struct TuiConfig {
    path: PathBuf,
    utc_offset_secs: i32,
    /// The file as it was when last read or written by this run.
    seen: Stamp,
}

impl TuiConfig {
    /// Watches `path` from now on (the config the TUI started with was read just before).
    pub fn new(path: PathBuf, utc_offset_secs: i32) -> TuiConfig {
        let seen = stamp(&path);
        TuiConfig {
            path,
            utc_offset_secs,
            seen,
        }
    }
}

/// A refusal in words: what was typed is wrong, or the file is.
fn words(e: StoreError) -> String {
    match e {
        StoreError::Config { file, message } if file == TYPED => message,
        other => other.to_string(),
    }
}

/// The local calendar date at `now` (for "in 3 weeks", "dec 20").
fn local_date(now: Millis, utc_offset_secs: i32) -> time::Date {
    let offset =
        time::UtcOffset::from_whole_seconds(utc_offset_secs).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::from_unix_timestamp(now.div_euclid(1000))
        .map(|t| t.to_offset(offset).date())
        .unwrap_or(time::Date::MIN)
}

impl ConfigStore for TuiConfig {
    fn set(&mut self, key: &str, raw: &str, now: Millis) -> Result<Config, String> {
        let today = local_date(now, self.utc_offset_secs);
        let setting = config_edit::setting(key, raw, today).map_err(words)?;
        let config = config_edit::set_key(&self.path, key, setting).map_err(words)?;
        // This run's own write is not a change made by hand.
        self.seen = stamp(&self.path);
        Ok(config)
    }

    fn changed(&mut self) -> Option<Result<Config, String>> {
        let now = stamp(&self.path);
        if now == self.seen {
            return None;
        }
        self.seen = now;
        Some(Config::load(&self.path).map_err(|e| e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_795_996_800_000; // 2026-11-30 00:00 UTC

    #[test]
    fn set_writes_the_exam_date_keeping_comments_and_a_hand_edit_is_noticed_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\nnew_per_day = \"exam\" # paced\n").expect("write");
        let mut store = TuiConfig::new(path.clone(), 0);
        assert!(store.changed().is_none(), "nothing changed yet");
        let c = store.set("exam_date", "in 3 weeks", NOW).expect("set");
        assert_eq!(
            c.exam_date.map(|d| d.to_string()).as_deref(),
            Some("2026-12-21")
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "# mine\nnew_per_day = \"exam\" # paced\nexam_date = 2026-12-21\n"
        );
        assert!(store.changed().is_none(), "its own write is not a change");
        let e = store.set("exam_date", "someday", NOW).expect_err("refused");
        assert!(e.starts_with("\"someday\" is not a date: expected"), "{e}");
        let e = store
            .set("exam_date", "2020-01-01", NOW)
            .expect_err("refused");
        assert!(e.contains("is in the past"), "{e}");
        // Edited by hand (a longer file): read again once, then quiet.
        std::fs::write(
            &path,
            "desired_retention = 0.85\nexam_date = \"2026-12-20\"\n",
        )
        .expect("write");
        let c = store.changed().expect("noticed").expect("loads");
        assert_eq!(c.desired_retention, 0.85);
        assert_eq!(
            c.exam_date.map(|d| d.to_string()).as_deref(),
            Some("2026-12-20")
        );
        assert!(store.changed().is_none());
        std::fs::write(&path, "desired_retention = 7\n").expect("write");
        let e = store
            .changed()
            .expect("noticed")
            .expect_err("does not load");
        assert!(e.contains("desired_retention"), "{e}");
        let c = store.set("exam_date", "none", NOW);
        assert!(c.is_err(), "a file that does not load is not rewritten");
    }
}
