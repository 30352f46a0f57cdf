//! Changing `config.toml` without losing what the user wrote: one key at a time through
//! `toml_edit` (other keys, comments and order stay), checked exactly as loading checks it,
//! then written by temp file + rename. `recall optimize`, `recall config set` and the TUI's
//! exam-date prompt all write through [`edit_file`]; the caller holds the writer lock.
//! Also the commented template filled in with the current values (`recall config`).

use std::path::Path;

use super::config_keys::{expected, KEYS};
use super::{write_atomically, Config, StoreError};

/// The config text after `change`, checked to load as a config (errors name `file`).
pub fn edit_text(
    src: &str,
    file: &str,
    change: impl FnOnce(&mut toml_edit::DocumentMut),
) -> Result<(String, Config), StoreError> {
    let mut doc: toml_edit::DocumentMut =
        src.parse()
            .map_err(|e: toml_edit::TomlError| StoreError::Config {
                file: file.to_string(),
                message: e.message().trim().replace('\n', " "),
            })?;
    change(&mut doc);
    let text = doc.to_string();
    let config = Config::parse(&text, file)?;
    Ok((text, config))
}

/// Applies `change` to the config file (a missing one counts as empty) and saves it, only if
/// the result loads; returns the new config.
pub fn edit_file(
    path: &Path,
    change: impl FnOnce(&mut toml_edit::DocumentMut),
) -> Result<Config, StoreError> {
    let src = match super::read_regular(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| StoreError::Config {
            file: path.display().to_string(),
            message: "not UTF-8 text".into(),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let (text, config) = edit_text(&src, &path.display().to_string(), change)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    }
    write_atomically(path, text.as_bytes())?;
    Ok(config)
}

/// The "file" a [`setting`] error names: what the user typed, not a file.
pub const TYPED: &str = "the value typed";

/// A new value for one key, as typed on a command line or in a prompt.
#[derive(Clone, Debug)]
pub enum Setting {
    /// Remove the key (back to its default).
    Unset,
    Value(toml_edit::Value),
}

/// Turns what the user typed into the TOML value for `key`, checked exactly as loading would
/// check it. `exam_date` takes any form [`crate::dates::parse_date`] reads, or "none"; the
/// step lists take "1m 10m" or "1m,10m"; a word where a number belongs is kept as text so
/// the error quotes it. Errors say what the key expects.
pub fn setting(key: &str, raw: &str, today: time::Date) -> Result<Setting, StoreError> {
    let bad = |message: String| StoreError::Config {
        file: TYPED.into(),
        message,
    };
    if expected(key).is_none() {
        let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
        return Err(bad(format!(
            "no setting {key:?}; the settings are {}",
            keys.join(", ")
        )));
    }
    let raw = raw.trim();
    let value = match key {
        "exam_date" if matches!(raw, "" | "none" | "off") => return Ok(Setting::Unset),
        "exam_date" => {
            let date = crate::dates::parse_date(raw, today).map_err(bad)?;
            let dt: toml_edit::Datetime = date
                .to_string()
                .parse()
                .map_err(|_| bad(format!("exam_date: cannot write {date}")))?;
            toml_edit::Value::from(dt)
        }
        "learning_steps" | "relearning_steps" | "fsrs_params" if !raw.starts_with('[') => {
            let items = raw
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty());
            let mut array = toml_edit::Array::new();
            for item in items {
                array.push(if key == "fsrs_params" {
                    scalar(item)
                } else {
                    toml_edit::Value::from(item)
                });
            }
            toml_edit::Value::Array(array)
        }
        _ => scalar(raw),
    };
    // The same check as loading, on the key alone, so the message is about what was typed.
    let line = format!("{key} = {value}\n");
    Config::parse(&line, TYPED).map_err(|e| match e {
        StoreError::Config { message, .. } => bad(message),
        other => other,
    })?;
    Ok(Setting::Value(value))
}

/// A TOML value as written (`20`, `0.9`, `true`, `[..]`, `"exam"`), or else the text itself.
fn scalar(raw: &str) -> toml_edit::Value {
    raw.parse::<toml_edit::Value>()
        .map(|mut v| {
            v.decor_mut().clear();
            v
        })
        .unwrap_or_else(|_| toml_edit::Value::from(raw))
}

/// Sets (or unsets) one key in the config file, keeping everything else; returns the config.
pub fn set_key(path: &Path, key: &str, setting: Setting) -> Result<Config, StoreError> {
    edit_file(path, |doc| apply(doc, key, setting))
}

/// Puts a setting into a document; a value replaced keeps the comment after it.
pub fn apply(doc: &mut toml_edit::DocumentMut, key: &str, setting: Setting) {
    match setting {
        Setting::Unset => {
            doc.remove(key);
        }
        Setting::Value(mut v) => match doc.get_mut(key).and_then(|i| i.as_value_mut()) {
            Some(old) => {
                *v.decor_mut() = old.decor().clone();
                *old = v;
            }
            None => doc[key] = toml_edit::value(v),
        },
    }
}

/// The commented template with `config`'s values in place of the defaults, each changed one
/// marked with its default. It loads back as `config`.
pub fn show(config: &Config) -> String {
    let defaults = Config::default();
    let mut out = String::new();
    for line in Config::TEMPLATE.lines() {
        let body = line.strip_prefix("# ").unwrap_or(line);
        let key = body.split(" = ").next().unwrap_or("");
        // Unset optional keys keep the template's commented example.
        let (Some(_), Some(now)) = (expected(key), value_text(config, key)) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        out.push_str(&format!("{key} = {now}"));
        match value_text(&defaults, key) {
            Some(default) if default != now => out.push_str(&format!("  # default {default}")),
            None => out.push_str("  # not set by default"),
            _ => {}
        }
        out.push('\n');
    }
    out
}

/// One key's current value as TOML, `None` when it is not set (an empty optional).
fn value_text(c: &Config, key: &str) -> Option<String> {
    let list = |v: &[String]| {
        let items: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
        format!("[{}]", items.join(", "))
    };
    Some(match key {
        "desired_retention" => c.desired_retention.to_string(),
        "new_per_day" => c.new_per_day.to_string(),
        "max_new_per_day" => c.max_new_per_day.to_string(),
        "reviews_per_day" => c.reviews_per_day.to_string(),
        "learning_steps" => list(&c.learning_steps),
        "relearning_steps" => list(&c.relearning_steps),
        "learn_ahead_minutes" => c.learn_ahead_minutes.to_string(),
        "maximum_interval" => c.maximum_interval.to_string(),
        "day_rollover_hour" => c.day_rollover_hour.to_string(),
        "fuzz" => c.fuzz.to_string(),
        "exam_date" => c.exam_date?.to_string(),
        "fsrs_params" if c.fsrs_params.is_empty() => return None,
        "fsrs_params" => {
            let items: Vec<String> = c.fsrs_params.iter().map(f32::to_string).collect();
            format!("[{}]", items.join(", "))
        }
        "pass_mark" => c.pass_mark.to_string(),
        "seconds_per_question" => c.seconds_per_question.to_string(),
        "leech_threshold" => c.leech_threshold.to_string(),
        "leech_action" => match c.leech_action {
            super::config::LeechAction::Tag => "\"tag\"".to_string(),
            super::config::LeechAction::Suspend => "\"suspend\"".to_string(),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewPerDay;
    use time::macros::date;

    const TODAY: time::Date = date!(2026 - 11 - 30);
    const MINE: &str =
        "# my settings\nnew_per_day = 10 # fewer, please\n\n# the end\nfuzz = false\n";

    fn set(src: &str, key: &str, raw: &str) -> Result<(String, Config), StoreError> {
        let s = setting(key, raw, TODAY)?;
        edit_text(src, "config.toml", |doc| apply(doc, key, s))
    }

    #[test]
    fn set_keeps_comments_and_other_keys_and_round_trips() {
        let (text, c) = set(MINE, "new_per_day", "exam").expect("valid");
        assert_eq!(
            text,
            "# my settings\nnew_per_day = \"exam\" # fewer, please\n\n# the end\nfuzz = false\n"
        );
        assert_eq!(c.new_per_day, NewPerDay::Exam);
        assert!(!c.fuzz);
        let (text, c) = set(&text, "exam_date", "2026-12-20").expect("valid");
        assert!(
            text.ends_with("fuzz = false\nexam_date = 2026-12-20\n"),
            "{text}"
        );
        assert_eq!(c.exam_date, Some(date!(2026 - 12 - 20)));
        let (text, c) = set(&text, "exam_date", "in 3 weeks").expect("valid");
        assert!(text.contains("exam_date = 2026-12-21\n"), "{text}");
        assert_eq!(c.exam_date, Some(date!(2026 - 12 - 21)));
        let (text, c) = set(&text, "exam_date", "none").expect("valid");
        assert_eq!(c.exam_date, None);
        let (text, c) = set(&text, "learning_steps", "1m 10m 1h").expect("valid");
        assert_eq!(c.learning_steps, ["1m", "10m", "1h"]);
        let (text, c) = set(&text, "new_per_day", "15").expect("valid");
        assert_eq!(
            text,
            "# my settings\nnew_per_day = 15 # fewer, please\n\n# the end\nfuzz = false\nlearning_steps = [\"1m\", \"10m\", \"1h\"]\n"
        );
        assert_eq!(c.new_per_day, 15);
    }

    #[test]
    fn a_bad_value_is_refused_in_words() {
        let msg = |key: &str, raw: &str| set(MINE, key, raw).expect_err(raw).to_string();
        assert_eq!(
            msg("new_per_day", "lots"),
            "the value typed: new_per_day = \"lots\": expected a whole number or \"exam\""
        );
        assert_eq!(
            msg("desired_retention", "2"),
            "the value typed: desired_retention = 2: expected a number from 0.70 to 0.99"
        );
        assert!(msg("exam_date", "2020-01-01").contains("is in the past"));
        assert!(msg("retention", "0.9").contains("no setting \"retention\"; the settings are"));
        assert!(msg("learning_steps", "1m 10x").contains("learning_steps has \"10x\""));
    }

    #[test]
    fn edit_file_writes_nothing_when_the_result_would_not_load() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, MINE).expect("write");
        let e = edit_file(&path, |doc| doc["new_per_day"] = toml_edit::value("lots"))
            .expect_err("refused");
        assert!(e.to_string().contains("expected a whole number"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), MINE);
        let c = set_key(
            &path,
            "exam_date",
            setting("exam_date", "dec 20", TODAY).expect("ok"),
        )
        .expect("saved");
        assert_eq!(c.exam_date, Some(date!(2026 - 12 - 20)));
        assert_eq!(Config::load(&path).expect("loads"), c);
    }

    #[test]
    fn show_fills_the_template_and_loads_back() {
        assert_eq!(show(&Config::default()), Config::TEMPLATE);
        let c = Config {
            new_per_day: NewPerDay::Exam,
            exam_date: Some(date!(2026 - 12 - 20)),
            desired_retention: 0.85,
            fsrs_params: vec![0.5; 21],
            ..Config::default()
        };
        let text = show(&c);
        assert!(
            text.contains("\nnew_per_day = \"exam\"  # default 20\n"),
            "{text}"
        );
        assert!(
            text.contains("\nexam_date = 2026-12-20  # not set by default\n"),
            "{text}"
        );
        assert!(
            text.contains("\ndesired_retention = 0.85  # default 0.9\n"),
            "{text}"
        );
        assert_eq!(Config::parse(&text, "shown").expect("loads"), c);
    }
}
