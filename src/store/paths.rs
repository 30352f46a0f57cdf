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
    /// The config's `sync_dir`, when set: where the logs and imported decks live instead.
    pub sync_dir: Option<PathBuf>,
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
            let p = Paths::under(home);
            let sync = sync_dir_setting(&p.config_file);
            return Ok(p.with_sync_dir(sync));
        }
        let dirs = directories::ProjectDirs::from("", "", "recall").ok_or(StoreError::NoHome)?;
        let mut p = Paths::in_dirs(dirs.config_dir(), dirs.data_dir());
        p.home = None;
        let sync = sync_dir_setting(&p.config_file);
        Ok(p.with_sync_dir(sync))
    }

    /// Moves what machines share (the per-device logs and imported decks) into `sync_dir`;
    /// the device id, the lock and the logs from before devices stay where they are.
    pub fn with_sync_dir(mut self, sync_dir: Option<PathBuf>) -> Paths {
        if let Some(dir) = &sync_dir {
            self.logs_dir = dir.join("logs");
            self.quiz_logs_dir = dir.join("quizzes");
            self.decks_dir = dir.join("decks");
        }
        self.sync_dir = sync_dir;
        self
    }

    /// The folder a sync shares: `sync_dir`, or the data folder itself.
    pub fn sync_root(&self) -> &Path {
        self.sync_dir.as_deref().unwrap_or(&self.data_dir)
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
            sync_dir: None,
        }
    }

    /// The review log this device appends to (in `logs_dir`).
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

    /// What every command that writes does first: makes the data folder, takes the writer
    /// lock, and removes the temp files a killed writer left (none can be in use now).
    pub fn lock_for_writing(&self) -> Result<super::WriterLock, StoreError> {
        self.ensure_data_dir()?;
        let lock = super::WriterLock::acquire(&self.lock_file)?;
        super::remove_stale_temp_files(&self.data_dir);
        super::remove_stale_temp_files(&self.decks_dir);
        // The start-up snapshot's folder (`study::snapshot`): a read-only command racing this
        // loses its temp file and simply saves no snapshot.
        super::remove_stale_temp_files(&self.data_dir.join("cache"));
        Ok(lock)
    }
}

/// The `sync_dir` setting of the config file, read on its own so every command resolves the
/// same folders before the config is fully loaded (a broken config is reported by that load,
/// not here). `~/` at the start means the home folder; a relative path is taken from the
/// config file's folder.
fn sync_dir_setting(config_file: &Path) -> Option<PathBuf> {
    let bytes = super::read_regular(config_file).ok()?;
    let table: toml::Table = std::str::from_utf8(&bytes).ok()?.parse().ok()?;
    let raw = table.get("sync_dir")?.as_str()?.trim();
    if raw.is_empty() {
        return None;
    }
    let path = match raw.strip_prefix("~/") {
        Some(rest) => PathBuf::from(std::env::var_os("HOME")?).join(rest),
        None => PathBuf::from(raw),
    };
    Some(if path.is_absolute() {
        path
    } else {
        config_file.parent().unwrap_or(Path::new(".")).join(path)
    })
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
    fn sync_dir_moves_the_shared_files_and_keeps_the_local_ones() {
        let t = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            t.path().join("config.toml"),
            "new_per_day = 5\nsync_dir = \"shared/recall\"\n",
        )
        .expect("config");
        let sync = sync_dir_setting(&t.path().join("config.toml"));
        let p = Paths::under(t.path()).with_sync_dir(sync);
        let shared = t.path().join("shared/recall");
        assert_eq!(p.logs_dir, shared.join("logs"));
        assert_eq!(p.quiz_logs_dir, shared.join("quizzes"));
        assert_eq!(p.decks_dir, shared.join("decks"));
        assert_eq!(p.sync_root(), shared);
        assert_eq!(p.device_file, t.path().join("device-id"));
        assert_eq!(p.lock_file, t.path().join("recall.lock"));
        assert_eq!(p.reviews, t.path().join("reviews.jsonl"));
        // No setting, or a config that does not parse: the data folder holds everything.
        std::fs::write(t.path().join("config.toml"), "sync_dir = [").expect("config");
        assert_eq!(sync_dir_setting(&t.path().join("config.toml")), None);
    }

    #[test]
    fn ensure_data_dir_creates_it() {
        let t = tempfile::tempdir().expect("temp dir");
        let p = Paths::under(&t.path().join("a/b"));
        p.ensure_data_dir().expect("created");
        assert!(p.decks_dir.is_dir());
    }
}
