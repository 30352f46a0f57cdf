//! `recall sync`: commit this device's progress, bring in the other machines', push.

use std::process::ExitCode;

use recall::store::{device, Paths, WriterLock};
use recall::sync::{git_sync, SyncError};
use recall::text::inert;

use super::{CliError, CliResult};

pub fn run() -> CliResult {
    let paths = Paths::resolve()?;
    paths.ensure_data_dir()?;
    // Nothing may append while git works; a running study screen holds this lock.
    let _lock = WriterLock::acquire(&paths.lock_file)?;
    let device = device::load_or_create(&paths.device_file)?;
    let report = git_sync(paths.sync_root(), &device).map_err(|e| match e {
        SyncError::NotARepository { .. } | SyncError::Conflict { .. } | SyncError::NoGit => {
            CliError::input(e)
        }
        other => CliError::from(other),
    })?;
    let dir = inert(&paths.sync_root().display().to_string()).into_owned();
    match &report.committed {
        Some(_) => outln!("Committed this device's changes ({}).", inert(&device)),
        None => outln!("Nothing new on this device ({}).", inert(&device)),
    }
    match &report.remote {
        None => {
            outln!("No remote yet, so nothing was sent. To sync with your other machines:");
            outln!("  git -C {dir} remote add origin URL");
            outln!("(a private repository, or a bare one: git init --bare /path/recall.git),");
            outln!("then `recall sync` here and on each machine (clone the repository there as its data folder).");
        }
        Some(remote) => {
            let remote = inert(remote);
            match report.pulled {
                0 => outln!("Nothing new from {remote}."),
                1 => outln!("Brought in 1 commit from {remote}."),
                n => outln!("Brought in {n} commits from {remote}."),
            }
            if report.pushed {
                outln!("Sent this device's commits to {remote}.");
            } else {
                outln!("{remote} already had everything from this device.");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
