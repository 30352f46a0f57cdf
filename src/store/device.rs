//! This machine's device id: the name of the one log file it appends to.
//!
//! Every machine writes only its own `logs/<device>.jsonl`, so two machines syncing one folder
//! never write the same file. The id is made once and kept in `device-id` in the data folder,
//! a file that must stay on this machine: `recall sync` lists it in `.gitignore`, and a folder
//! sync tool must be told to skip it (README "Sync"). Holds no terminal and no log logic.

use std::path::Path;

use super::{read_regular, write_atomically, StoreError};

/// The longest device id: a host name prefix of up to 24 characters, '-', 8 hex digits.
const MAX_LEN: usize = 40;

/// Whether `id` can name a device's log file: lowercase ASCII letters, digits and '-', not
/// empty, at most 40 characters (so no path separator, dot or conflict-copy suffix).
pub fn valid_device_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads this machine's device id from `file`, creating it (host name + random digits) when
/// there is none. Only writers call this; read-only commands never create it.
pub fn load_or_create(file: &Path) -> Result<String, StoreError> {
    match read_regular(file) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let id = text.trim();
            if valid_device_id(id) {
                return Ok(id.to_string());
            }
            Err(StoreError::Config {
                file: file.display().to_string(),
                message: format!(
                    "{:?} is not a device id; expected lowercase letters, digits and '-' (delete the file to make a new one)",
                    crate::text::inert(&id.chars().take(60).collect::<String>())
                ),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let id = new_device_id(&host_name());
            write_atomically(file, format!("{id}\n").as_bytes())?;
            Ok(id)
        }
        Err(e) => Err(StoreError::io(file, e)),
    }
}

/// A fresh id: the host name (reduced to the allowed characters) and 8 random hex digits, so
/// a folder of logs says which machine wrote which while two machines never collide.
pub fn new_device_id(host: &str) -> String {
    let mut prefix: String = host
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    prefix = prefix.trim_matches('-').chars().take(24).collect();
    let prefix = prefix.trim_end_matches('-');
    let suffix: u32 = rand::random();
    if prefix.is_empty() {
        format!("device-{suffix:08x}")
    } else {
        format!("{prefix}-{suffix:08x}")
    }
}

/// The machine's host name, or "device" where none can be read.
fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| {
            let bytes = read_regular(Path::new(p)).ok()?;
            let name = String::from_utf8_lossy(&bytes).trim().to_string();
            (!name.is_empty()).then_some(name)
        })
        .unwrap_or_else(|| "device".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_once_and_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("device-id");
        let id = load_or_create(&file).expect("created");
        assert!(valid_device_id(&id), "{id}");
        assert_eq!(load_or_create(&file).expect("read"), id);
    }

    #[test]
    fn host_names_become_safe_prefixes() {
        let id = new_device_id("My.Laptop_01.local");
        assert!(id.starts_with("my-laptop-01-local-"), "{id}");
        assert!(valid_device_id(&id));
        assert!(new_device_id("../\u{1b}]0;x").starts_with("0-x-"));
        assert!(new_device_id("").starts_with("device-"));
        assert!(valid_device_id(&new_device_id(&"x".repeat(500))));
    }

    #[test]
    fn a_broken_id_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("device-id");
        std::fs::write(&file, "../../etc\n").expect("write");
        let e = load_or_create(&file).expect_err("refused").to_string();
        assert!(
            e.contains("device-id") && e.contains("not a device id"),
            "{e}"
        );
    }

    #[test]
    fn conflict_copies_and_paths_are_not_device_ids() {
        for bad in [
            "",
            "a.b",
            "a/b",
            "A",
            "x.sync-conflict-20261130",
            &"a".repeat(41),
        ] {
            assert!(!valid_device_id(bad), "{bad}");
        }
    }
}
