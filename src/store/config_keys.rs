//! The config's vocabulary: every key with what it expects, in words a learner reads ("a whole
//! number", never "u32"), and the two keys that take more than one shape: `new_per_day` (a
//! number or "exam") and `exam_date` (a TOML date or the same date quoted).

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Serialize, Serializer};

/// Every config key, in the template's order, with what its value must be.
pub const KEYS: &[(&str, &str)] = &[
    ("desired_retention", "a number from 0.70 to 0.99"),
    ("new_per_day", "a whole number or \"exam\""),
    ("max_new_per_day", "a whole number"),
    ("reviews_per_day", "a whole number"),
    (
        "learning_steps",
        "a list of durations like [\"1m\", \"10m\"]",
    ),
    ("relearning_steps", "a list of durations like [\"10m\"]"),
    (
        "learn_ahead_minutes",
        "a whole number of minutes from 0 to 1440",
    ),
    ("maximum_interval", "a whole number of days"),
    ("day_rollover_hour", "an hour from 0 to 23"),
    ("fuzz", "true or false"),
    ("exam_date", "a date like 2026-12-15"),
    ("fsrs_params", "a list of 21 numbers"),
    ("pass_mark", "a share from 0.0 to 1.0"),
    ("seconds_per_question", "a whole number of seconds"),
    ("leech_threshold", "a whole number of lapses (0 = never)"),
    ("leech_action", "\"tag\" or \"suspend\""),
];

/// What `key` expects, in words; `None` for a key recall does not have.
pub fn expected(key: &str) -> Option<&'static str> {
    KEYS.iter().find(|(k, _)| *k == key).map(|(_, e)| *e)
}

/// Turns a type error from the TOML reader ("invalid type: string \"lots\", expected u32")
/// into words ("new_per_day = \"lots\": expected a whole number or \"exam\""), naming the key
/// whose value holds the error's position. Other errors come back unchanged.
pub fn in_words(src: &str, at: Option<usize>, message: &str) -> String {
    let is_value_error = [
        "invalid type",
        "invalid value",
        "invalid length",
        "invalid date",
    ]
    .iter()
    .any(|p| message.starts_with(p));
    let (Some(at), true) = (at, is_value_error) else {
        return message.to_string();
    };
    let Some((key, value_start)) = key_before(src, at) else {
        return message.to_string();
    };
    let Some(words) = expected(key) else {
        return message.to_string();
    };
    let value = value_text(src, at);
    if at == value_start {
        format!("{key} = {value}: expected {words}")
    } else {
        format!("{key} has {value}: expected {words}")
    }
}

/// The top-level key whose value contains byte `at`, and where that value starts.
fn key_before(src: &str, at: usize) -> Option<(&str, usize)> {
    let at = at.min(src.len());
    let mut line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    loop {
        let line = &src[line_start..];
        let trimmed = line.trim_start();
        let key_len = trimmed
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(trimmed.len());
        if key_len > 0 {
            let rest = &trimmed[key_len..];
            if let Some(after_eq) = rest.trim_start().strip_prefix('=') {
                let key = &trimmed[..key_len];
                let value_start = src.len() - after_eq.trim_start().len();
                return Some((key, value_start));
            }
        }
        if line_start == 0 {
            return None;
        }
        line_start = src[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
}

/// The value written at `at`, up to the end of its line or a comment, shortened if long.
fn value_text(src: &str, at: usize) -> String {
    let rest = &src[at.min(src.len())..];
    let line = rest.lines().next().unwrap_or("");
    let line = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    }
    .trim();
    let line = line.strip_suffix(',').unwrap_or(line);
    if line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line.to_string()
    }
}

/// `new_per_day`: a fixed number, or "exam" (paced so every card is seen before the exam).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewPerDay {
    Fixed(u32),
    Exam,
}

impl NewPerDay {
    /// The number a fixed setting gives; `None` for "exam".
    pub fn fixed(self) -> Option<u32> {
        match self {
            NewPerDay::Fixed(n) => Some(n),
            NewPerDay::Exam => None,
        }
    }
}

impl PartialEq<u32> for NewPerDay {
    fn eq(&self, other: &u32) -> bool {
        *self == NewPerDay::Fixed(*other)
    }
}

impl fmt::Display for NewPerDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewPerDay::Fixed(n) => write!(f, "{n}"),
            NewPerDay::Exam => f.write_str("\"exam\""),
        }
    }
}

impl Serialize for NewPerDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NewPerDay::Fixed(n) => s.serialize_u32(*n),
            NewPerDay::Exam => s.serialize_str("exam"),
        }
    }
}

impl<'de> serde::Deserialize<'de> for NewPerDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NewPerDay;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number or \"exam\"")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<NewPerDay, E> {
                u32::try_from(n)
                    .map(NewPerDay::Fixed)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(n), &self))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<NewPerDay, E> {
                u32::try_from(n)
                    .map(NewPerDay::Fixed)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(n), &self))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<NewPerDay, E> {
                if s == "exam" {
                    Ok(NewPerDay::Exam)
                } else {
                    Err(E::invalid_value(Unexpected::Str(s), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads `exam_date` as a TOML date (`2026-12-15`) or the same date quoted.
pub fn de_exam_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<time::Date>, D::Error> {
    let expecting = &"a date like 2026-12-15 (no time)";
    let value: toml::Value = serde::Deserialize::deserialize(d)?;
    match &value {
        toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => calendar_date(date.year, date.month, date.day)
                .map(Some)
                .ok_or_else(|| de::Error::invalid_value(Unexpected::Other("date"), expecting)),
            _ => Err(de::Error::invalid_value(
                Unexpected::Other("date and time"),
                expecting,
            )),
        },
        toml::Value::String(s) => parse_iso_date(s.trim())
            .map(Some)
            .ok_or_else(|| de::Error::invalid_value(Unexpected::Str(s), expecting)),
        _ => Err(de::Error::invalid_type(
            Unexpected::Other(value.type_str()),
            expecting,
        )),
    }
}

/// Writes `exam_date` as a TOML date.
pub fn ser_exam_date<S: Serializer>(date: &Option<time::Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => {
            let dt: toml::value::Datetime =
                d.to_string().parse().map_err(serde::ser::Error::custom)?;
            dt.serialize(s)
        }
        None => s.serialize_none(),
    }
}

/// `YYYY-MM-DD` as a calendar date.
pub fn parse_iso_date(s: &str) -> Option<time::Date> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    calendar_date(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn calendar_date(year: u16, month: u8, day: u8) -> Option<time::Date> {
    let month = time::Month::try_from(month).ok()?;
    time::Date::from_calendar_date(i32::from(year), month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_name_the_key_and_say_what_was_expected() {
        let src = "fuzz = true\nnew_per_day = \"lots\" # mine\n";
        let at = src.find("\"lots").expect("there");
        assert_eq!(
            in_words(src, Some(at), "invalid type: string \"lots\", expected u32"),
            "new_per_day = \"lots\": expected a whole number or \"exam\""
        );
        let src = "learning_steps = [\n  \"1m\",\n  10,\n]\n";
        let at = src.find("10").expect("there");
        assert_eq!(
            in_words(
                src,
                Some(at),
                "invalid type: integer `10`, expected a string"
            ),
            "learning_steps has 10: expected a list of durations like [\"1m\", \"10m\"]"
        );
        assert_eq!(in_words(src, Some(0), "unknown field"), "unknown field");
    }

    #[test]
    fn iso_dates_only() {
        assert_eq!(
            parse_iso_date("2026-12-20"),
            time::Date::from_calendar_date(2026, time::Month::December, 20).ok()
        );
        for bad in ["2026-2-1", "2026-02-30", "20261220", "dec 20"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
