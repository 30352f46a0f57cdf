//! `recall paths`: where recall keeps its files, so users can back them up or edit the config.

use std::process::ExitCode;

use recall::store::Paths;

use super::CliResult;

pub fn run() -> CliResult {
    let p = Paths::resolve()?;
    match &p.home {
        Some(home) => outln!("RECALL_HOME   {}", home.display()),
        None => outln!("RECALL_HOME   (not set; using the system's standard folders)"),
    }
    outln!("config        {}", p.config_file.display());
    outln!("data          {}", p.data_dir.display());
    if let Some(sync) = &p.sync_dir {
        outln!(
            "sync folder   {} (sync_dir: logs and decks)",
            sync.display()
        );
    }
    outln!(
        "review logs   {} (one per device: <device>.jsonl)",
        p.logs_dir.display()
    );
    outln!("quiz logs     {}", p.quiz_logs_dir.display());
    for old in [&p.reviews, &p.quizzes] {
        if old.exists() {
            outln!("old log       {} (read, never written)", old.display());
        }
    }
    let device = recall::store::read_regular(&p.device_file)
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_else(|_| "(none yet: made at the first study session)".into());
    outln!(
        "this device   {} ({}, stays on this machine)",
        recall::text::inert(&device),
        p.device_file.display()
    );
    outln!("decks         {}", p.decks_dir.display());
    outln!("lock          {}", p.lock_file.display());
    Ok(ExitCode::SUCCESS)
}
