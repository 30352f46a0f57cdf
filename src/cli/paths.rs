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
    println!("review log    {}", p.reviews.display());
    println!("quiz log      {}", p.quizzes.display());
    println!("decks         {}", p.decks_dir.display());
    println!("lock          {}", p.lock_file.display());
    Ok(ExitCode::SUCCESS)
}
