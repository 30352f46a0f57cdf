//! `recall paths`: where recall keeps its files, so users can back them up or edit the config.

use std::process::ExitCode;

use recall::store::Paths;

use super::CliResult;

pub fn run() -> CliResult {
    let p = Paths::resolve()?;
    match &p.home {
        Some(home) => println!("RECALL_HOME   {}", home.display()),
        None => println!("RECALL_HOME   (not set; using the system's standard folders)"),
    }
    println!("config        {}", p.config_file.display());
    println!("data          {}", p.data_dir.display());
    if let Some(sync) = &p.sync_dir {
        println!(
            "sync folder   {} (sync_dir: logs and decks)",
            sync.display()
        );
    }
    println!(
        "review logs   {} (one per device: <device>.jsonl)",
        p.logs_dir.display()
    );
    println!("quiz logs     {}", p.quiz_logs_dir.display());
    for old in [&p.reviews, &p.quizzes] {
        if old.exists() {
            println!("old log       {} (read, never written)", old.display());
        }
    }
    let device = recall::store::read_regular(&p.device_file)
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_else(|_| "(none yet: made at the first study session)".into());
    println!(
        "this device   {} ({}, stays on this machine)",
        recall::text::inert(&device),
        p.device_file.display()
    );
    println!("decks         {}", p.decks_dir.display());
    println!("lock          {}", p.lock_file.display());
    Ok(ExitCode::SUCCESS)
}
