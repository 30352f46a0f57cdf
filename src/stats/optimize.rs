//! `recall optimize`: FSRS-6 parameters fitted to the user's own answers, as Anki's Optimize
//! fits them (`rslib/src/scheduler/fsrs/params.rs`, `compute_params`).
//!
//! The log becomes Anki's training set (`fsrs_items_for_training`, `reviews_for_fsrs`): for
//! each card, its live answers in time order with the study days between them; every answer
//! given on a later day than the card's previous one is one training item (the card's
//! history up to and including it); all items are then ordered by the time of that answer
//! (the crate weights recent items more). A question missed in a quiz is not an FSRS review:
//! it moves the card (the replay treats it as Again) but is left out of the items. Anki also
//! drops a card's answers before its last learning run (a manual reset); recall has no reset,
//! so every card's history starts at its first answer, which is a learning answer. The
//! `fsrs` crate fits with Anki's settings (8 epochs, short-term on, the number of
//! relearning steps) and scores any parameters on the same items with log loss and RMSE over
//! bins, as Anki's evaluator does; nothing here reads the clock or writes a file.

use std::path::Path;

use serde::Serialize;

use crate::schedule::{Rating, Scheduler};
use crate::store::{config_edit, EventKind, LoadedLog, StoreError};
use crate::study::effective_events;

/// Training epochs: Anki's `compute_params` (the crate's default is 5).
pub const EPOCHS: usize = 8;

/// Fewer training items than this give parameters that mostly echo the defaults.
pub const MIN_ITEMS: usize = 400;

/// How well some parameters predict the answers (lower is better for both).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Score {
    pub log_loss: f32,
    pub rmse_bins: f32,
}

/// The outcome of a fit: the parameters and their scores beside the ones in use.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fit {
    /// Live answers in the log.
    pub reviews: usize,
    /// Training items (answers on a later day than the card's previous answer).
    pub items: usize,
    pub default: Score,
    /// The configured parameters' score, when they are not the defaults.
    pub current: Option<Score>,
    pub fitted: Score,
    pub params: Vec<f32>,
    /// Whether the fitted parameters predict better than the ones in use (log loss).
    pub better: bool,
}

/// Why no parameters were fitted.
#[derive(Debug, thiserror::Error)]
pub enum OptimizeError {
    #[error("{have} of the {MIN_ITEMS} usable reviews needed (answers given on a later day than the card's previous one), so {} more", MIN_ITEMS - have)]
    NotEnough { have: usize },
    #[error("the FSRS optimizer failed: {0}")]
    Fsrs(String),
}

/// The training set: one item per later-day answer, with the card it belongs to.
pub struct TrainingSet {
    pub items: Vec<fsrs::FSRSItem>,
    pub card_ids: Vec<i64>,
    pub reviews: usize,
}

/// Builds the training set from the log's live answers, days counted as the scheduler does,
/// items in the order the answers were given (Anki sorts them by revlog id).
pub fn training_set(log: &LoadedLog, scheduler: &Scheduler) -> TrainingSet {
    let live = effective_events(log);
    let mut per_card: Vec<Vec<(i64, u8)>> = vec![Vec::new(); log.cards.len()];
    let mut reviews = 0;
    for (ev, &l) in log.events.iter().zip(&live) {
        // Only answers: a missed quiz question is not an FSRS review.
        let rating = match ev.kind {
            EventKind::Review { rating, .. } if Rating::from_u8(rating).is_some() => rating,
            _ => continue,
        };
        if l {
            per_card[ev.card as usize].push((ev.at, rating));
            reviews += 1;
        }
    }
    for answers in per_card.iter_mut() {
        answers.sort_by_key(|&(at, _)| at);
    }
    // The crate batches cards in card-id order; Anki's ids are creation times. recall numbers
    // cards by their first answer, which is the same order when cards are studied in the
    // order they were added.
    let mut order: Vec<usize> = (0..per_card.len())
        .filter(|&c| !per_card[c].is_empty())
        .collect();
    order.sort_by_key(|&c| (per_card[c][0].0, c));
    let mut timed = Vec::new();
    for (card_id, &card) in order.iter().enumerate() {
        let answers = &per_card[card];
        let mut history = Vec::with_capacity(answers.len());
        let mut prev_day = None;
        for &(at, rating) in answers.iter() {
            let day = scheduler.day_of(at);
            let delta_t = prev_day.map_or(0, |p: i32| (day - p).max(0) as u32);
            prev_day = Some(day);
            history.push(fsrs::FSRSReview {
                rating: u32::from(rating),
                delta_t,
            });
            if history.len() > 1 && delta_t > 0 {
                let item = fsrs::FSRSItem {
                    reviews: history.clone(),
                };
                timed.push((at, card_id as i64, item));
            }
        }
    }
    // Stable: answers at the same millisecond keep card order.
    timed.sort_by_key(|&(at, ..)| at);
    let (card_ids, items) = timed
        .into_iter()
        .map(|(_, card, item)| (card, item))
        .unzip();
    TrainingSet {
        items,
        card_ids,
        reviews,
    }
}

/// Scores parameters (empty: the defaults) on a training set.
pub fn score(set: &TrainingSet, params: &[f32]) -> Result<Score, OptimizeError> {
    let fsrs_err = |e: fsrs::FSRSError| OptimizeError::Fsrs(format!("{e:?}"));
    let params = fsrs::check_and_fill_parameters(params).map_err(fsrs_err)?;
    let model = fsrs::FSRS::new(&params).map_err(fsrs_err)?;
    let eval = model
        .evaluate_with_card_ids(set.items.clone(), set.card_ids.clone(), |_| true)
        .map_err(fsrs_err)?;
    Ok(Score {
        log_loss: eval.log_loss,
        rmse_bins: eval.rmse_bins,
    })
}

/// Fits parameters to the log and scores them beside the defaults and `current`.
pub fn optimize(
    log: &LoadedLog,
    scheduler: &Scheduler,
    current: &[f32],
) -> Result<Fit, OptimizeError> {
    let set = training_set(log, scheduler);
    if set.items.len() < MIN_ITEMS {
        return Err(OptimizeError::NotEnough {
            have: set.items.len(),
        });
    }
    let params = fsrs::compute_parameters(fsrs::ComputeParametersInput {
        train_set: set.items.clone(),
        card_ids: Some(set.card_ids.clone()),
        enable_short_term: true,
        num_relearning_steps: Some(scheduler.config().relearning_steps_mins.len()),
        training_config: Some(fsrs::TrainingConfig {
            num_epochs: EPOCHS,
            ..Default::default()
        }),
        ..Default::default()
    })
    .map_err(|e| OptimizeError::Fsrs(format!("{e:?}")))?;
    let default = score(&set, &[])?;
    let current = if current.is_empty() || current == fsrs::DEFAULT_PARAMETERS {
        None
    } else {
        Some(score(&set, current)?)
    };
    let fitted = score(&set, &params)?;
    let in_use = current.unwrap_or(default);
    Ok(Fit {
        reviews: set.reviews,
        items: set.items.len(),
        default,
        current,
        better: fitted.log_loss < in_use.log_loss,
        fitted,
        params,
    })
}

/// The config text with `fsrs_params` set to `params` and everything else (other keys, their
/// comments and order) kept as the user wrote it. The result is checked to parse as a config.
pub fn config_with_params(src: &str, file: &str, params: &[f32]) -> Result<String, StoreError> {
    config_edit::edit_text(src, file, |doc| doc["fsrs_params"] = params_value(params))
        .map(|(text, _)| text)
}

/// Saves fitted parameters into the config file (temp file + rename), keeping the rest of it.
/// The caller holds the writer lock.
pub fn save_params(path: &Path, params: &[f32]) -> Result<(), StoreError> {
    config_edit::edit_file(path, |doc| doc["fsrs_params"] = params_value(params)).map(drop)
}

fn params_value(params: &[f32]) -> toml_edit::Item {
    let mut array = toml_edit::Array::new();
    for p in params {
        // f32's shortest text ("0.212"), not its f64 widening ("0.2119999974966049").
        array.push(p.to_string().parse::<f64>().unwrap_or(f64::from(*p)));
    }
    toml_edit::value(array)
}
