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
    pub reviews: PathBuf,
    pub quizzes: PathBuf,
    pub decks_dir: PathBuf,
    pub lock_file: PathBuf,
}

impl Paths {
    /// `RECALL_HOME` (if set and non-empty) holds everything; otherwise the `directories`
    /// crate's config and data folders for "recall".
    pub fn resolve() -> Result<Paths, StoreError> {
        if let Some(home) = std::env::var_os("RECALL_HOME").filter(|v| !v.is_empty()) {
            let home = Path::new(&home);
            if std::fs::metadata(home).is_ok_and(|m| !m.is_dir()) {
                return Err(StoreError::HomeIsFile {
                    path: home.to_path_buf(),
                });
            }
            return Ok(Paths::under(home));
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
            decks_dir: data_dir.join("decks"),
            lock_file: data_dir.join("recall.lock"),
        }
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

    /// What every command that writes does first: makes the data folder, takes the writer
    /// lock, and removes the temp files a killed writer left (none can be in use now).
    pub fn lock_for_writing(&self) -> Result<super::WriterLock, StoreError> {
        self.ensure_data_dir()?;
        let lock = super::WriterLock::acquire(&self.lock_file)?;
        super::remove_stale_temp_files(&self.data_dir);
        super::remove_stale_temp_files(&self.decks_dir);
        Ok(lock)
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
