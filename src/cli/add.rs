//! `recall add`: one card from the shell into the user's own deck (the TUI's add-card form
//! calls the same `recall::import::add::add_card`).

use std::process::ExitCode;

use clap::Args;
use recall::deck::CardContent;
use recall::import::add::{self, AddError, NewCard};
use recall::store::{Paths, WriterLock};
use recall::text::inert;

use super::{CliError, CliResult};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The deck (default "my-cards", titled "My cards", created on first use); an imported
    /// deck's id adds to it. Built-in decks cannot be changed.
    #[arg(long, default_value = add::DEFAULT_DECK)]
    deck: String,
    /// basic (front and back), cloze (--text with {{gaps}}) or choice (--front, --choice
    /// twice or more, --answer). Default: cloze when --text is given, else basic.
    #[arg(long)]
    kind: Option<String>,
    /// The question (basic and choice cards).
    #[arg(long)]
    front: Option<String>,
    /// The answer (basic cards).
    #[arg(long)]
    back: Option<String>,
    /// Cloze text: `S3 is {{object}} storage`.
    #[arg(long)]
    text: Option<String>,
    /// One option of a choice card (repeat for each).
    #[arg(long = "choice")]
    choices: Vec<String>,
    /// The right option's number, counting from 1 (repeat for "choose two").
    #[arg(long = "answer")]
    answers: Vec<usize>,
    /// Shown after the answer: why it is right.
    #[arg(long)]
    explain: Option<String>,
    /// Comma-separated tags: `--tags s3,storage`.
    #[arg(long)]
    tags: Option<String>,
}

pub fn run(args: AddArgs) -> CliResult {
    let card =
        card_from(&args).map_err(|m| CliError::input(anyhow::anyhow!("{m}; nothing written")))?;
    let paths = Paths::resolve()?;
    paths.ensure_data_dir()?;
    let lock = WriterLock::acquire(&paths.lock_file)?;
    let added = add::add_card(&paths.decks_dir, &args.deck, card, &lock).map_err(|e| match e {
        AddError::Input(m) => CliError::input(anyhow::anyhow!("{}", inert(&m))),
        AddError::Store(s) => CliError::from(s),
    })?;
    outln!(
        "added card {} to deck {:?}{} ({})",
        inert(&added.card_id),
        inert(&added.deck_id).as_ref(),
        if added.new_deck { ", a new deck" } else { "" },
        inert(&added.path.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

/// The card the options describe, or what is missing or does not fit the kind.
fn card_from(a: &AddArgs) -> Result<NewCard, String> {
    let kind = match (&a.kind, &a.text) {
        (Some(k), _) => k.to_ascii_lowercase(),
        (None, Some(_)) => "cloze".into(),
        (None, None) => "basic".into(),
    };
    let refuse = |flag: &str| Err(format!("a {kind} card has no {flag}"));
    let need = |v: &Option<String>, flag: &str| {
        v.clone()
            .ok_or_else(|| format!("a {kind} card needs {flag}"))
    };
    let content = match kind.as_str() {
        "basic" => {
            if a.text.is_some() {
                return refuse("--text (that is for --kind cloze)");
            }
            if !a.choices.is_empty() || !a.answers.is_empty() {
                return refuse("--choice or --answer (those are for --kind choice)");
            }
            CardContent::Basic {
                front: need(&a.front, "--front")?,
                back: need(&a.back, "--back")?,
            }
        }
        "cloze" => {
            if a.front.is_some() || a.back.is_some() {
                return refuse("--front or --back; write the text with {{gaps}} in --text, and extra notes in --explain");
            }
            if !a.choices.is_empty() || !a.answers.is_empty() {
                return refuse("--choice or --answer (those are for --kind choice)");
            }
            CardContent::Cloze {
                text: need(&a.text, "--text")?,
            }
        }
        "choice" => {
            if a.back.is_some() || a.text.is_some() {
                return refuse("--back or --text; give the options with --choice and the right one with --answer");
            }
            if a.answers.is_empty() {
                return Err(
                    "a choice card needs --answer N (the right option, counting from 1)".into(),
                );
            }
            let n = a.choices.len();
            let mut answer = Vec::new();
            for &i in &a.answers {
                if i == 0 || i > n {
                    return Err(format!(
                        "--answer {i}: expected an option's number from 1 to {n} (options count from 1)"
                    ));
                }
                answer.push(i - 1);
            }
            CardContent::Choice {
                front: need(&a.front, "--front")?,
                choices: a.choices.clone(),
                answer,
            }
        }
        other => {
            return Err(format!(
                "--kind {:?}: expected basic, cloze or choice",
                inert(other).as_ref()
            ))
        }
    };
    let tags = a
        .tags
        .as_deref()
        .map(|t| {
            t.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(NewCard {
        content,
        tags,
        explain: a.explain.clone().filter(|e| !e.trim().is_empty()),
    })
}
