//! `recall optimize`: fit FSRS-6 parameters to your own log and keep them only if they predict
//! your answers better than the ones in use.

use std::process::ExitCode;

use recall::stats::optimize::{self, OptimizeError, Score};
use recall::store::Paths;

use super::{open_read_only, CliResult, Clock};

/// Fits, scores, and (unless `dry_run`, and only when better) saves the parameters.
pub fn run(dry_run: bool, clock: &Clock) -> CliResult {
    let paths = Paths::resolve()?;
    // Fitting only reads; the writer lock is taken just to save, so a run that saves nothing
    // (too few reviews, no better fit) creates nothing, not even the data folder.
    let opened = open_read_only(&paths, clock)?;
    super::print_warnings(&opened.warnings);
    let current = &opened.config.fsrs_params;
    let fit = match optimize::optimize(&opened.log, &opened.scheduler, current) {
        Ok(fit) => fit,
        Err(e @ OptimizeError::NotEnough { .. }) => {
            outln!("Not enough reviews to fit parameters yet: {e}.");
            outln!("Keep studying; the default parameters are used until then.");
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => return Err(e.into()),
    };
    outln!(
        "Fitted FSRS-6 parameters to {} reviews ({} of them on a later day than the card's previous one).",
        fit.reviews, fit.items
    );
    outln!(
        "\n{:<22} {:>9} {:>11}",
        "parameters",
        "log loss",
        "RMSE(bins)"
    );
    let row = |name: &str, s: &Score| {
        outln!(
            "{name:<22} {:>9.4} {:>10.2}%",
            s.log_loss,
            s.rmse_bins * 100.0
        );
    };
    row("default", &fit.default);
    if let Some(c) = &fit.current {
        row("current (config)", c);
    }
    row("fitted", &fit.fitted);
    let list: Vec<String> = fit.params.iter().map(|p| format!("{p:.4}")).collect();
    outln!("\nfitted: [{}]", list.join(", "));
    let in_use = if fit.current.is_some() {
        "the current ones"
    } else {
        "the defaults"
    };
    if !fit.better {
        outln!("\nThe fitted parameters do not predict your answers better than {in_use}; nothing saved.");
    } else if dry_run {
        outln!("\nBetter than {in_use}. --dry-run: nothing saved.");
    } else {
        let _lock = paths.lock_for_writing()?;
        optimize::save_params(&paths.config_file, &fit.params)?;
        outln!(
            "\nBetter than {in_use}: saved to {} (fsrs_params).",
            paths.config_file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
