//! `recall sync` through git: commit this device's new lines, rebase onto the remote, push.
//!
//! Every machine appends only to its own `logs/<device>.jsonl` (see `store::logset`), so two
//! machines never change the same log file and a rebase of recall's own logs cannot conflict.
//! Decks and the config can still be edited on two machines: if git reports a conflict, the
//! rebase is abandoned, the files are named, and nothing in the data folder changes. Runs the
//! `git` program found on PATH, always inside the data folder; holds no terminal logic.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one sync did, for the command to report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// The commit made of this device's changes, if there were any.
    pub committed: Option<String>,
    /// The remote synced with; None when the repository has none yet.
    pub remote: Option<String>,
    /// Commits from other machines brought in.
    pub pulled: usize,
    /// Whether this machine's commits were pushed.
    pub pushed: bool,
}

/// Why a sync stopped; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("git is not installed (or not on PATH); recall sync uses it: install git, or sync the data folder with a folder-sync tool instead (README \"Sync\")")]
    NoGit,
    #[error("{dir} is not a git repository. To sync through git:\n  git -C {dir} init\n  git -C {dir} remote add origin URL   (a private repository, or a bare one: git init --bare /path/recall.git)\nthen run `recall sync` on each machine")]
    NotARepository { dir: String },
    #[error("git reported a conflict in {files} (changed on two machines); nothing was changed here. Resolve it with git in {dir}, or keep one machine's version and run `recall sync` again")]
    Conflict { files: String, dir: String },
    #[error("git {step} failed: {message}")]
    Git { step: String, message: String },
}

/// Files that must stay on this machine, never committed.
const LOCAL_ONLY: &[&str] = &[
    "device-id",
    "recall.lock",
    ".*.tmp*",
    ".tmp*",
    "*.tmp",
    "cache/",
];

/// Syncs the data folder `dir` (a git work tree) for device `device`. The caller holds the
/// writer lock, so nothing appends while git works.
pub fn git_sync(dir: &Path, device: &str) -> Result<SyncReport, SyncError> {
    let git = Git { dir: dir.into() };
    let top = git
        .run("rev-parse", &["rev-parse", "--show-toplevel"])
        .map_err(|e| match e {
            SyncError::Git { .. } => SyncError::NotARepository {
                dir: dir.display().to_string(),
            },
            other => other,
        })?;
    let same = |a: &Path, b: &Path| {
        std::fs::canonicalize(a)
            .ok()
            .zip(std::fs::canonicalize(b).ok())
            .is_some_and(|(a, b)| a == b)
    };
    if !same(Path::new(top.trim()), dir) {
        return Err(SyncError::NotARepository {
            dir: dir.display().to_string(),
        });
    }
    ensure_gitignore(dir).map_err(|e| SyncError::Git {
        step: "writing .gitignore".into(),
        message: e.to_string(),
    })?;

    let mut report = SyncReport::default();
    git.run("add", &["add", "-A", "--", "."])?;
    let staged = git.run("diff", &["diff", "--cached", "--name-only"])?;
    if !staged.trim().is_empty() {
        let files = staged.lines().count();
        let message = format!(
            "recall: {device}: {files} file{} changed",
            if files == 1 { "" } else { "s" }
        );
        git.commit(&message)?;
        report.committed = Some(message);
    }

    let remotes = git.run("remote", &["remote"])?;
    let Some(remote) = remotes.lines().next().map(str::to_string) else {
        return Ok(report);
    };
    report.remote = Some(remote.clone());
    let branch = git
        .run("symbolic-ref", &["symbolic-ref", "--short", "HEAD"])?
        .trim()
        .to_string();
    git.run("fetch", &["fetch", "--quiet", &remote])?;
    let upstream = format!("{remote}/{branch}");
    let has_upstream = git
        .run(
            "rev-parse",
            &["rev-parse", "--verify", "--quiet", &upstream],
        )
        .is_ok();
    if has_upstream {
        let behind = git.run(
            "rev-list",
            &["rev-list", "--count", &format!("HEAD..{upstream}")],
        )?;
        report.pulled = behind.trim().parse().unwrap_or(0);
        if report.pulled > 0 {
            if let Err(e) = git.run("rebase", &["rebase", "--quiet", &upstream]) {
                let files = git
                    .run("diff", &["diff", "--name-only", "--diff-filter=U"])
                    .unwrap_or_default();
                let _ = git.run("rebase", &["rebase", "--abort"]);
                let files: Vec<&str> = files.lines().collect();
                return Err(if files.is_empty() {
                    e
                } else {
                    SyncError::Conflict {
                        files: files.join(", "),
                        dir: dir.display().to_string(),
                    }
                });
            }
        }
    }
    let ahead = if has_upstream {
        git.run(
            "rev-list",
            &["rev-list", "--count", &format!("{upstream}..HEAD")],
        )?
        .trim()
        .parse()
        .unwrap_or(0)
    } else {
        git.run("rev-list", &["rev-list", "--count", "HEAD"])
            .map(|n| n.trim().parse().unwrap_or(0))
            .unwrap_or(0)
    };
    if ahead > 0 {
        git.run(
            "push",
            &["push", "--quiet", &remote, &format!("HEAD:{branch}")],
        )?;
        report.pushed = true;
    }
    Ok(report)
}

/// Adds the local-only patterns to the data folder's `.gitignore` (kept if already there).
fn ensure_gitignore(dir: &Path) -> std::io::Result<()> {
    let path = dir.join(".gitignore");
    let old = match crate::store::read_regular(&path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let missing: Vec<&str> = LOCAL_ONLY
        .iter()
        .copied()
        .filter(|p| !old.lines().any(|l| l.trim() == *p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut new = old;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str("# recall: files that stay on this machine\n");
    for p in missing {
        new.push_str(p);
        new.push('\n');
    }
    crate::store::write_atomically(&path, new.as_bytes()).map_err(std::io::Error::other)
}

struct Git {
    dir: PathBuf,
}

impl Git {
    /// Runs `git -C dir args…`; its stdout, or its stderr as the error.
    fn run(&self, step: &str, args: &[&str]) -> Result<String, SyncError> {
        self.run_env(step, args, &[])
    }

    fn run_env(
        &self,
        step: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Result<String, SyncError> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .envs(env.iter().copied())
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_EDITOR", "true")
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => SyncError::NoGit,
                _ => SyncError::Git {
                    step: step.into(),
                    message: e.to_string(),
                },
            })?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            let err = err.trim();
            Err(SyncError::Git {
                step: step.into(),
                message: if err.is_empty() {
                    format!("exit {}", out.status.code().unwrap_or(-1))
                } else {
                    err.to_string()
                },
            })
        }
    }

    /// Commits what is staged; a machine without a git identity commits as "recall".
    fn commit(&self, message: &str) -> Result<(), SyncError> {
        let named = self
            .run("config", &["config", "user.email"])
            .is_ok_and(|e| !e.trim().is_empty());
        let env: &[(&str, &str)] = if named {
            &[]
        } else {
            &[
                ("GIT_AUTHOR_NAME", "recall"),
                ("GIT_AUTHOR_EMAIL", "recall@localhost"),
                ("GIT_COMMITTER_NAME", "recall"),
                ("GIT_COMMITTER_EMAIL", "recall@localhost"),
            ]
        };
        self.run_env(
            "commit",
            &["commit", "--quiet", "--no-verify", "-m", message],
            env,
        )
        .map(|_| ())
    }
}
