//! Settings changed while recall runs: the exam-date prompt's submit (`x` on Home and Stats)
//! and a config.toml edited by hand, noticed when Home is shown. Either way the new config is
//! put in force here, as a restart would: scheduler, daily limits, quiz rules, and the
//! collection replayed from the log in memory when the scheduling changed.
//!
//! Sits below the screens (both Home and Stats use it) and above `ctx`.

use recall::schedule::{Millis, Scheduler};
use recall::store::Config;
use recall::study::{limits, scheduler_config, Collection};
use recall::text::count;

use crate::tui::ctx::{Ctx, Status};

/// The exam-date prompt's title and what it accepts.
pub const EXAM_TITLE: &str = "Exam date";
pub const EXAM_HINT: &str = "2026-12-20, in 3 weeks, dec 20; empty or none clears it";

/// Puts `config` in force. A scheduler that cannot be built from it leaves everything as it
/// was and says why. Returns what only a restart applies (`sync_dir`: the folders of the logs
/// and decks are chosen at start), to be said; that key stays as it was in this run.
pub fn apply(ctx: &mut Ctx, mut config: Config) -> Result<Option<String>, String> {
    let restart = (config.sync_dir != ctx.config.sync_dir).then(|| {
        "sync_dir changed: restart recall to apply it (the logs' folder is chosen at start)"
            .to_string()
    });
    config.sync_dir = ctx.config.sync_dir.clone();
    let offset = ctx.scheduler.config().utc_offset_secs;
    let sched_config = scheduler_config(&config, offset)?;
    if &sched_config != ctx.scheduler.config() {
        let scheduler = Scheduler::new(sched_config).map_err(|e| e.to_string())?;
        // Intervals depend on the settings (the exam cap among them): replay, as a restart
        // would, from the log already in memory (no file is read again).
        let decks = std::mem::take(&mut ctx.collection.decks);
        ctx.collection = Collection::replay(decks, ctx.history.log(), &scheduler, ctx.now);
        ctx.scheduler = scheduler;
        // Card states were rebuilt: nothing left to undo.
        ctx.undo = Default::default();
    }
    ctx.limits = limits(&config, &ctx.collection, &ctx.scheduler, ctx.now);
    ctx.quiz_env.pass_mark = config.pass_mark;
    ctx.quiz_env.seconds_per_question = config.seconds_per_question;
    ctx.config = config;
    Ok(restart)
}

/// `enter` in the exam-date prompt: writes the date (or clears it), puts the new config in
/// force and says so on the status line. An error is returned in words for under the prompt.
pub fn submit_exam_date(ctx: &mut Ctx, typed: &str) -> Result<(), String> {
    let now = ctx.now;
    let store = ctx
        .config_store
        .as_mut()
        .ok_or("Setting the exam date is not available here.")?;
    let config = store.set("exam_date", typed, now)?;
    let restart = apply(ctx, config)?;
    ctx.status = Some(match restart {
        None => Status::info(exam_said(ctx, now)),
        // config.toml had also been edited by hand: never applied silently half-way.
        Some(r) => Status::error(format!("{} Also: {r}.", exam_said(ctx, now))),
    });
    Ok(())
}

/// What the status line says after the exam date changed.
fn exam_said(ctx: &Ctx, now: Millis) -> String {
    let Some(date) = ctx.config.exam_date else {
        return "Exam date cleared: no card is held to an exam day.".into();
    };
    let days = recall::dates::day_of_date(date) - ctx.scheduler.day_of(now);
    let when = match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        d => format!("in {}", count(d.max(0) as u64, "day")),
    };
    format!("Exam date set: {date} ({when}), saved to config.toml.")
}

/// Home is shown again: config.toml is read again when it changed (one stat otherwise) and
/// put in force; a file that no longer loads is said, never silently ignored.
pub fn reload_if_changed(ctx: &mut Ctx) -> Option<Status> {
    let changed = ctx.config_store.as_mut()?.changed()?;
    Some(match changed.and_then(|c| apply(ctx, c)) {
        Ok(None) => Status::info("config.toml changed: the new settings are in force."),
        Ok(Some(restart)) => Status::error(format!(
            "config.toml changed: the other settings are in force; {restart}."
        )),
        Err(e) => Status::error(format!(
            "config.toml changed but was not applied: {e}. The settings in force stay until it loads."
        )),
    })
}
