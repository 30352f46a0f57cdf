//! External programs some tests drive (tmux, util-linux `script`, `man`). On a machine without
//! one, such a test prints one line naming the tool and passes without running; under CI
//! (`CI` set to anything but empty, `0` or `false`) it fails instead, so CI never skips silently.

#![allow(dead_code)] // each test file uses some of these

use std::io::Write as _;
use std::path::PathBuf;

/// Whether the test run is CI, where a missing tool is a failure rather than a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// The full path of `tool` on `PATH`, if it is there and executable.
pub fn find(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &std::path::Path) -> bool {
    p.is_file()
}

/// Skips the running test (returns false after one line on stderr) or, in CI, fails it.
/// The line goes straight to stderr, past the test harness's capture, so it is always seen.
pub fn skip(reason: &str) -> bool {
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string();
    if in_ci() {
        panic!("{test}: {reason} (CI is set, so this fails instead of skipping)");
    }
    // One write, so parallel tests' output cannot split the line.
    let line = format!("skipped {test}: {reason}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    false
}

/// True if `tool` is on PATH; otherwise skips the test (or fails it in CI) with `install`.
pub fn require(tool: &str, install: &str) -> bool {
    find(tool).is_some() || skip(&format!("needs {tool}, not found on PATH ({install})"))
}

/// tmux, which the tests use as a real terminal.
pub fn tmux() -> bool {
    require(
        "tmux",
        "install it: apt-get install tmux, dnf install tmux, brew install tmux",
    )
}

/// util-linux `script`, which gives recall a pseudo-terminal with `script -qec CMD /dev/null`.
/// macOS and the BSDs ship a `script` with other flags (`script -q /dev/null CMD`), so
/// there the test skips too, saying so.
pub fn script() -> bool {
    let install =
        "install util-linux: apt-get install bsdutils (Debian/Ubuntu), dnf install util-linux";
    let Some(path) = find("script") else {
        return require("script", install);
    };
    let version = std::process::Command::new(&path)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    version.contains("util-linux")
        || skip(&format!(
            "needs util-linux script for `script -qec`; {} is another script (macOS and BSD \
             script take other flags); {install}",
            path.display()
        ))
}
