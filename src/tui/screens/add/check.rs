//! The form's checks before anything is written: what is missing in words, under the field
//! it concerns, then the deck loader's own checks on the card (`recall::import::add::
//! check_card`, the same as `recall add` and `recall check`).

use recall::deck::CardContent;
use recall::import::add::form::{cloze_from_anki, options, tags};
use recall::import::add::{check_card, AddError, NewCard};

use super::{AddFormState, FieldId, Kind};

/// The deck id and the card the form describes, or each problem with its field.
pub fn card(form: &AddFormState) -> Result<(String, NewCard), Vec<(FieldId, String)>> {
    let mut errors = Vec::new();
    let deck_id = form.deck_id();
    if deck_id.is_empty() {
        errors.push((
            FieldId::Deck,
            "Type a deck name (letters or digits), or choose one of your decks with ↑/↓.".into(),
        ));
    } else if form.builtin.contains(&deck_id) {
        errors.push((
            FieldId::Deck,
            format!("\"{deck_id}\" is a built-in deck, which never changes: choose one of your own decks or type a new name."),
        ));
    }
    let front = form.front.text.trim().to_string();
    let content = match form.kind() {
        Kind::Basic => {
            if front.is_empty() {
                errors.push((FieldId::Front, "Type the question.".into()));
            }
            if form.back.is_blank() {
                errors.push((FieldId::Back, "Type the answer.".into()));
            }
            CardContent::Basic {
                front,
                back: form.back.text.trim().to_string(),
            }
        }
        Kind::Cloze => {
            let text = cloze_from_anki(&front);
            if front.is_empty() {
                errors.push((
                    FieldId::Front,
                    "Type the text, with the part to hide in {{…}}.".into(),
                ));
            } else if !recall::deck::cloze_gaps(&text)
                .iter()
                .any(|g| !g.trim().is_empty())
            {
                errors.push((
                    FieldId::Front,
                    "No gap: put the part to hide in {{…}}, e.g. EBS is {{block}} storage.".into(),
                ));
            }
            CardContent::Cloze { text }
        }
        Kind::Choice => {
            if front.is_empty() {
                errors.push((FieldId::Front, "Type the question.".into()));
            }
            let (choices, answer) = options(&form.back.text);
            if choices.len() < 2 {
                errors.push((
                    FieldId::Back,
                    "Type at least 2 options, one per line.".into(),
                ));
            } else if answer.is_empty() {
                errors.push((
                    FieldId::Back,
                    "Mark the right option with * at the start of its line.".into(),
                ));
            }
            CardContent::Choice {
                front,
                choices,
                answer,
            }
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let explain = Some(form.explain.text.trim().to_string()).filter(|e| !e.is_empty());
    let card = NewCard {
        content,
        tags: tags(&form.tags.text),
        explain,
    };
    match check_card(&card) {
        Ok(()) => Ok((deck_id, card)),
        Err(AddError::Input(message)) => Err(vec![(field_of(&message), message)]),
        Err(e) => Err(vec![(FieldId::Front, e.to_string())]),
    }
}

/// The field a message from the deck checks is about, by what it names.
pub fn field_of(message: &str) -> FieldId {
    let lower = message.to_lowercase();
    if lower.contains("tag") {
        FieldId::Tags
    } else if lower.contains("choice") || lower.contains("answer") || lower.contains("option") {
        FieldId::Back
    } else if lower.contains("deck") && !lower.contains("already has") {
        FieldId::Deck
    } else {
        FieldId::Front
    }
}
