//! `recall repair`: moves the damaged lines of an append-only log (a torn last line after a
//! full disk or a crash, a hand-edit gone wrong) to a side file, so the warning about them
//! stops. Nothing is deleted: the original is copied to a backup first, the damaged lines
//! are appended to `<log>.rejected`, and the repaired log is written to a temp file and
//! renamed over the old one (the log is never rewritten in place).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{read_regular, write_atomically, StoreError};

/// What a repair did to one log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repaired {
    /// No such file, or no damaged line in it.
    Nothing,
    /// `moved` lines went to `rejected`; the original is kept as `backup`.
    Moved {
        moved: usize,
        kept: usize,
        backup: PathBuf,
        rejected: PathBuf,
    },
}

/// Splits a log into its good lines and its damaged ones (blank lines are dropped from
/// neither: they stay in the log). `good` judges one line without its newline; a last line
/// without a newline is always damaged (an interrupted write).
pub fn split_damaged(bytes: &[u8], good: impl Fn(&[u8]) -> bool) -> (Vec<u8>, Vec<u8>, usize) {
    let (mut keep, mut bad, mut moved) = (Vec::with_capacity(bytes.len()), Vec::new(), 0);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let complete = line.ends_with(b"\n");
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        if complete && (body.iter().all(u8::is_ascii_whitespace) || good(body)) {
            keep.extend_from_slice(line);
        } else {
            moved += 1;
            bad.extend_from_slice(body);
            bad.push(b'\n');
        }
    }
    (keep, bad, moved)
}

/// Repairs the log at `path` (the caller holds the writer lock): backup, side file, then
/// the good lines by temp file + rename. `stamp` names the backup (a UTC time, say).
pub fn repair_log(
    path: &Path,
    stamp: &str,
    good: impl Fn(&[u8]) -> bool,
) -> Result<Repaired, StoreError> {
    let bytes = match read_regular(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Repaired::Nothing),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let (keep, bad, moved) = split_damaged(&bytes, good);
    if moved == 0 {
        return Ok(Repaired::Nothing);
    }
    let with_suffix = |suffix: &str| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        path.with_file_name(name)
    };
    let backup = with_suffix(&format!(".backup-{stamp}"));
    write_new(&backup, &bytes)?;
    let rejected = with_suffix(".rejected");
    append_synced(&rejected, &bad)?;
    write_atomically(path, &keep)?;
    let kept = keep
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    Ok(Repaired::Moved {
        moved,
        kept,
        backup,
        rejected,
    })
}

/// Creates `path` (never overwriting) with `bytes`, synced.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| StoreError::io(path, e))
}

/// Appends `bytes` to `path` (created if missing), synced.
fn append_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| StoreError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_lines_move_to_a_side_file_after_a_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("log.jsonl");
        let text = "good 1\nbad\n\ngood 2\ngood 3 torn";
        std::fs::write(&path, text).expect("write");
        let good = |l: &[u8]| l.starts_with(b"good");
        let r = repair_log(&path, "T", good).expect("repairs");
        let Repaired::Moved {
            moved,
            kept,
            backup,
            rejected,
        } = r
        else {
            panic!("nothing moved");
        };
        assert_eq!((moved, kept), (2, 2));
        assert_eq!(
            std::fs::read_to_string(&path).expect("log"),
            "good 1\n\ngood 2\n"
        );
        assert_eq!(std::fs::read_to_string(&backup).expect("backup"), text);
        assert_eq!(
            std::fs::read_to_string(&rejected).expect("side file"),
            "bad\ngood 3 torn\n"
        );
        assert_eq!(
            repair_log(&path, "T2", good).expect("again"),
            Repaired::Nothing
        );
    }
}
