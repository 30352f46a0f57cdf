//! Where recall's files live: `RECALL_HOME`, or the platform's standard folders.

use std::path::{Path, PathBuf};

use super::StoreError;

/// Every file recall reads or writes, resolved once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// Set when `RECALL_HOME` chose the folder.
    pub home: Option<PathBuf>,
    pub config_file: PathBuf,
    pub data_dir: PathBuf,
    /// The review log recall kept before logs were per device: still read, never written.
    pub reviews: PathBuf,
    /// The quiz log recall kept before logs were per device: still read, never written.
    pub quizzes: PathBuf,
    /// One review log per device, `<device>.jsonl`: the files a sync tool carries.
    pub logs_dir: PathBuf,
    /// One quiz log per device, `<device>.jsonl`.
    pub quiz_logs_dir: PathBuf,
    pub decks_dir: PathBuf,
    pub lock_file: PathBuf,
    /// This machine's device id; stays on this machine (never synced).
    pub device_file: PathBuf,
}

impl Paths {
    /// `RECALL_HOME` (if set and non-empty) holds everything; otherwise the `directories`
    /// crate's config and data folders for "recall".
    pub fn resolve() -> Result<Paths, StoreError> {
        if let Some(home) = std::env::var_os("RECALL_HOME").filter(|v| !v.is_empty()) {
            return Ok(Paths::under(Path::new(&home)));
        }
        let dirs = directories::ProjectDirs::from("", "", "recall").ok_or(StoreError::NoHome)?;
        let mut p = Paths::in_dirs(dirs.config_dir(), dirs.data_dir());
        p.home = None;
        Ok(p)
    }

    /// Everything inside one folder (what `RECALL_HOME` gives).
    pub fn under(home: &Path) -> Paths {
        let mut p = Paths::in_dirs(home, home);
        p.home = Some(home.to_path_buf());
        p
    }

    fn in_dirs(config_dir: &Path, data_dir: &Path) -> Paths {
        Paths {
            home: None,
            config_file: config_dir.join("config.toml"),
            data_dir: data_dir.to_path_buf(),
            reviews: data_dir.join("reviews.jsonl"),
            quizzes: data_dir.join("quizzes.jsonl"),
            logs_dir: data_dir.join("logs"),
            quiz_logs_dir: data_dir.join("quizzes"),
            decks_dir: data_dir.join("decks"),
            lock_file: data_dir.join("recall.lock"),
            device_file: data_dir.join("device-id"),
        }
    }

    /// The review log this device appends to.
    pub fn own_log(&self, device: &str) -> PathBuf {
        self.logs_dir.join(format!("{device}.jsonl"))
    }

    /// The quiz log this device appends to.
    pub fn own_quiz_log(&self, device: &str) -> PathBuf {
        self.quiz_logs_dir.join(format!("{device}.jsonl"))
    }

    /// Creates the per-device log folders (writers only, after taking the lock).
    pub fn ensure_log_dirs(&self) -> Result<(), StoreError> {
        for dir in [&self.logs_dir, &self.quiz_logs_dir] {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        Ok(())
    }

    /// Creates the data folder and `decks/` if missing; a location that cannot be created or
    /// written is an error naming it.
    /// The read-only check comes before `decks/` is made, so nothing is created in a folder
    /// the user marked read-only (root could write there anyway).
    pub fn ensure_data_dir(&self) -> Result<(), StoreError> {
        std::fs::create_dir_all(&self.data_dir).map_err(|e| StoreError::io(&self.data_dir, e))?;
        let meta =
            std::fs::metadata(&self.data_dir).map_err(|e| StoreError::io(&self.data_dir, e))?;
        if meta.permissions().readonly() {
            return Err(StoreError::io(
                &self.data_dir,
                std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "the folder is read-only",
                ),
            ));
        }
        std::fs::create_dir_all(&self.decks_dir).map_err(|e| StoreError::io(&self.decks_dir, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_puts_everything_in_one_folder() {
        let p = Paths::under(Path::new("/x"));
        assert_eq!(p.config_file, Path::new("/x/config.toml"));
        assert_eq!(p.reviews, Path::new("/x/reviews.jsonl"));
        assert_eq!(p.decks_dir, Path::new("/x/decks"));
        assert_eq!(p.lock_file, Path::new("/x/recall.lock"));
        assert_eq!(p.home.as_deref(), Some(Path::new("/x")));
    }

    #[test]
    fn ensure_data_dir_creates_it() {
        let t = tempfile::tempdir().expect("temp dir");
        let p = Paths::under(&t.path().join("a/b"));
        p.ensure_data_dir().expect("created");
        assert!(p.decks_dir.is_dir());
    }
}
