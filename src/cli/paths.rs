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
    outln!("review log    {}", p.reviews.display());
    outln!("quiz log      {}", p.quizzes.display());
    outln!("decks         {}", p.decks_dir.display());
    outln!("lock          {}", p.lock_file.display());
    Ok(ExitCode::SUCCESS)
}
