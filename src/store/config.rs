//! `config.toml`: the user's settings. Missing file = defaults; unknown keys are errors.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::config_keys::{self, NewPerDay};
use super::StoreError;

/// What happens to a card when it becomes a leech (Anki's leech action).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LeechAction {
    /// Tagged `leech` only (Anki's default).
    #[default]
    Tag,
    /// Tagged and suspended.
    Suspend,
}

/// Every setting, with Anki's defaults. `TEMPLATE` documents each one.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub desired_retention: f32,
    /// A number, or "exam": paced so every card is seen a week before the exam.
    pub new_per_day: NewPerDay,
    /// The most new cards a day `new_per_day = "exam"` may ask for.
    pub max_new_per_day: u32,
    pub reviews_per_day: u32,
    pub learning_steps: Vec<String>,
    pub relearning_steps: Vec<String>,
    /// How early a learning card may be shown when nothing else is left (Anki's learn-ahead).
    pub learn_ahead_minutes: u32,
    pub maximum_interval: u32,
    pub day_rollover_hour: u8,
    pub fuzz: bool,
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "config_keys::de_exam_date",
        serialize_with = "config_keys::ser_exam_date"
    )]
    pub exam_date: Option<time::Date>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fsrs_params: Vec<f32>,
    pub pass_mark: f32,
    pub seconds_per_question: u32,
    /// Lapses that make a card a leech (Anki's default 8; then every half of it again);
    /// 0 = never.
    pub leech_threshold: u32,
    /// What happens to a leech besides being tagged: nothing more, or it is suspended.
    pub leech_action: LeechAction,
    /// A folder a sync tool shares between machines: the review and quiz logs and imported
    /// decks live there instead of in the data folder (the device id and the lock stay local).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_dir: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            desired_retention: 0.90,
            new_per_day: NewPerDay::Fixed(20),
            max_new_per_day: 50,
            reviews_per_day: 200,
            learning_steps: vec!["1m".into(), "10m".into()],
            relearning_steps: vec!["10m".into()],
            learn_ahead_minutes: 20,
            maximum_interval: 36500,
            day_rollover_hour: 4,
            fuzz: true,
            exam_date: None,
            fsrs_params: Vec::new(),
            pass_mark: 0.75,
            seconds_per_question: 120,
            leech_threshold: 8,
            leech_action: LeechAction::Tag,
            sync_dir: None,
        }
    }
}

impl Config {
    /// The documented config file: every key with its default. A test keeps it in sync.
    pub const TEMPLATE: &'static str = r#"# recall's settings. Every key is optional; these are the defaults.

# How likely you want to be to remember a card when it comes due (0.70 to 0.99).
desired_retention = 0.9
# New cards introduced per day, and reviews per day (per deck, and for all decks together).
# Set new_per_day to "exam" to pace new cards by the exam date: all seen a week before it.
new_per_day = 20
# With new_per_day = "exam": the most new cards it may ask for in a day.
max_new_per_day = 50
reviews_per_day = 200
# Steps a new card walks before it graduates, and a forgotten card's steps (units s m h d).
learning_steps = ["1m", "10m"]
relearning_steps = ["10m"]
# When nothing else is left, show a learning card up to this many minutes early (0 = never).
learn_ahead_minutes = 20
# The longest interval, in days.
maximum_interval = 36500
# The hour (local time, 0-23) at which a new study day starts.
day_rollover_hour = 4
# Spread review intervals a little (as Anki does) so cards learnt together do not stay together.
fuzz = true
# Your exam day: no interval reaches past it, and stats predict recall on that day.
# Set it with `recall config set exam_date 2026-12-15` (or "in 3 weeks", "dec 15").
# exam_date = 2026-12-15
# FSRS-6 parameters fitted by `recall optimize` (21 numbers); empty = the defaults.
# fsrs_params = []
# Quiz: the share of right answers that passes, and the time allowed per question.
pass_mark = 0.75
seconds_per_question = 120
# A card forgotten this many times is a leech (then again every half as many lapses): it is
# tagged `leech`, and with leech_action = "suspend" also suspended. 0 = never.
leech_threshold = 8
leech_action = "tag"
# A folder your sync tool (Syncthing, Dropbox, ...) shares between machines: logs and imported
# decks go there; this machine's device id and lock stay in the data folder. `~/` is your home.
# sync_dir = "~/Sync/recall"
"#;

    /// Reads and validates the config; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config, StoreError> {
        let file = path.display().to_string();
        let bytes = match super::read_regular(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        // Bytes that are not UTF-8 are a mistake in a file the user edits: exit 2, like any
        // other config error.
        let src = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            StoreError::Config {
                file: format!("{file}:{line}"),
                message: format!("not UTF-8 text (byte {at}); save the file as UTF-8"),
            }
        })?;
        Config::parse(&src, &file)
    }

    /// Parses config text; errors name the file, line and key and say what was expected.
    pub fn parse(src: &str, file: &str) -> Result<Config, StoreError> {
        let config: Config = toml::from_str(src).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| crate::deck::line_col(src, s.start))
                .unwrap_or((0, 0));
            let at = if line > 0 {
                format!("{file}:{line}:{col}")
            } else {
                file.to_string()
            };
            let message = e.message().trim().replace('\n', " ");
            StoreError::Config {
                file: at,
                message: config_keys::in_words(src, e.span().map(|s| s.start), &message),
            }
        })?;
        config.validate().map_err(|message| {
            let key = message.split_whitespace().next().unwrap_or("");
            let line = src
                .lines()
                .position(|l| l.trim_start().starts_with(key))
                .map(|i| format!(":{}", i + 1))
                .unwrap_or_default();
            StoreError::Config {
                file: format!("{file}{line}"),
                message,
            }
        })?;
        Ok(config)
    }

    /// Checks ranges the types cannot express; the message starts with the key's name.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.70..=0.99).contains(&self.desired_retention) {
            return Err(format!(
                "desired_retention = {}: expected a number from 0.70 to 0.99",
                self.desired_retention
            ));
        }
        if self.maximum_interval == 0 {
            return Err("maximum_interval = 0: expected at least 1 (days)".into());
        }
        if self.day_rollover_hour > 23 {
            return Err(format!(
                "day_rollover_hour = {}: expected an hour from 0 to 23",
                self.day_rollover_hour
            ));
        }
        if !(0.0..=1.0).contains(&self.pass_mark) {
            return Err(format!(
                "pass_mark = {}: expected a share from 0.0 to 1.0",
                self.pass_mark
            ));
        }
        if self.seconds_per_question == 0 {
            return Err("seconds_per_question = 0: expected at least 1".into());
        }
        if !self.fsrs_params.is_empty() && self.fsrs_params.len() != 21 {
            return Err(format!(
                "fsrs_params has {} numbers: expected 21 (FSRS-6), or none for the defaults",
                self.fsrs_params.len()
            ));
        }
        if self.learn_ahead_minutes > 1440 {
            return Err(format!(
                "learn_ahead_minutes = {}: expected minutes from 0 to 1440 (0 = never early)",
                self.learn_ahead_minutes
            ));
        }
        self.learning_steps_mins()?;
        self.relearning_steps_mins()?;
        Ok(())
    }

    pub fn learning_steps_mins(&self) -> Result<Vec<f32>, String> {
        steps("learning_steps", &self.learning_steps)
    }

    pub fn relearning_steps_mins(&self) -> Result<Vec<f32>, String> {
        steps("relearning_steps", &self.relearning_steps)
    }

    /// The exam date as a calendar date, when one is set.
    pub fn exam_date(&self) -> Option<time::Date> {
        self.exam_date
    }

    /// Writes the config atomically (used by `recall optimize`).
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        let text = toml::to_string(self).map_err(|e| StoreError::Config {
            file: path.display().to_string(),
            message: e.to_string(),
        })?;
        super::write_atomically(path, text.as_bytes())
    }
}

/// Parses steps like "30s", "1m", "2h", "1d" into minutes.
fn steps(key: &str, list: &[String]) -> Result<Vec<f32>, String> {
    list.iter()
        .map(|s| {
            let s = s.trim();
            let split = s
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .unwrap_or(s.len());
            let (num, unit) = s.split_at(split);
            let n: f32 = num.parse().map_err(|_| bad_step(key, s))?;
            let mins = match unit {
                "s" => n / 60.0,
                "m" | "" => n,
                "h" => n * 60.0,
                "d" => n * 1440.0,
                _ => return Err(bad_step(key, s)),
            };
            // The scheduler keeps a step in whole seconds, truncated as Anki's `to_secs` does
            // (`schedule::steps`): under a second would be no delay at all.
            if (mins * 60.0) as u32 >= 1 && mins <= MAX_STEP_MINS {
                Ok(mins)
            } else {
                Err(bad_step(key, s))
            }
        })
        .collect()
}

/// The longest learning step: 100 years, the longest interval. Longer ones overflowed the
/// due time.
const MAX_STEP_MINS: f32 = 36_500.0 * 1440.0;

fn bad_step(key: &str, s: &str) -> String {
    format!("{key} has {s:?}: expected a duration of at least 1s and up to 36500d, like \"30s\", \"10m\", \"1h\" or \"1d\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> String {
        Config::parse(src, "config.toml")
            .expect_err("should be rejected")
            .to_string()
    }

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(
            Config::load(&dir.path().join("config.toml")).expect("defaults"),
            Config::default()
        );
    }

    #[test]
    fn template_documents_exactly_the_defaults() {
        assert_eq!(
            Config::parse(Config::TEMPLATE, "t").expect("template parses"),
            Config::default()
        );
        for key in [
            "desired_retention",
            "new_per_day",
            "max_new_per_day",
            "reviews_per_day",
            "learn_ahead_minutes",
            "learning_steps",
            "relearning_steps",
            "maximum_interval",
            "day_rollover_hour",
            "fuzz",
            "exam_date",
            "fsrs_params",
            "pass_mark",
            "seconds_per_question",
            "leech_threshold",
            "leech_action",
            "sync_dir",
        ] {
            assert!(Config::TEMPLATE.contains(key), "{key} undocumented");
        }
    }

    #[test]
    fn unknown_key_names_key_file_and_line() {
        let e = err("new_per_day = 5\nretention = 0.9\n");
        assert!(
            e.starts_with("config.toml:2:1: unknown field `retention`"),
            "{e}"
        );
    }

    #[test]
    fn wrong_type_names_the_place() {
        let e = err("new_per_day = \"ten\"\n");
        assert!(e.starts_with("config.toml:1:15: "), "{e}");
    }

    #[test]
    fn retention_out_of_range() {
        let e = err("fuzz = false\ndesired_retention = 1.5\n");
        assert_eq!(
            e,
            "config.toml:2: desired_retention = 1.5: expected a number from 0.70 to 0.99"
        );
    }

    #[test]
    fn steps_parse_units() {
        let c = Config::parse("learning_steps = [\"30s\", \"1m\", \"1h\", \"1d\"]", "c")
            .expect("valid");
        assert_eq!(
            c.learning_steps_mins().expect("ok"),
            [0.5, 1.0, 60.0, 1440.0]
        );
        assert!(err("relearning_steps = [\"10x\"]").contains("relearning_steps has \"10x\""));
        assert!(err("learning_steps = [\"36501d\"]").contains("up to 36500d"));
        assert!(Config::parse("learning_steps = [\"36500d\"]", "c").is_ok());
    }

    /// A step is kept in whole seconds (Anki truncates), so one under a second would bring a
    /// card back at the very moment it was answered: refused, as the proptest found.
    #[test]
    fn a_step_under_a_second_is_refused() {
        for short in ["0.1s", "0.5s", "0.99s", "0.001m"] {
            let e = err(&format!("learning_steps = [\"{short}\"]"));
            assert!(e.contains("at least 1s"), "{short}: {e}");
        }
        assert!(Config::parse("learning_steps = [\"1s\"]", "c").is_ok());
        assert!(Config::parse("relearning_steps = [\"1.5s\"]", "c").is_ok());
    }

    proptest::proptest! {
        /// Any text: a config or an error naming config.toml, never a panic; an accepted
        /// config gives a scheduler that can rate a card without overflowing.
        #[test]
        fn never_panics_on_random_text(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            check_any(&String::from_utf8_lossy(&bytes));
        }

        /// Valid configs with extreme learning steps, parameters and exam dates.
        #[test]
        fn never_panics_on_config_shaped_text(
            retention in 0.70f64..0.99, new in 0u32..100_000, max in 1u32..100_000, hour in 0u8..24,
            steps in proptest::collection::vec("[0-9]{1,40}(\\.[0-9]{0,3})?[smhd]", 0..4),
            params in proptest::prop_oneof![
                proptest::strategy::Just(Vec::new()),
                proptest::collection::vec(-1e3f32..1e3, 21),
            ],
            exam in "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9])",
        ) {
            check_any(&format!(
                "desired_retention = {retention:.3}\nnew_per_day = {new}\nlearning_steps = {steps:?}\n\
                 relearning_steps = {steps:?}\nmaximum_interval = {max}\nday_rollover_hour = {hour}\n\
                 fsrs_params = {params:?}\nexam_date = {exam}\n"
            ));
        }
    }

    /// What the fuzz target `config_toml` checks, for the proptests.
    fn check_any(src: &str) {
        match Config::parse(src, "config.toml") {
            Ok(config) => {
                let sched = crate::study::scheduler_config(&config, 0).expect("validated steps");
                if let Ok(s) = crate::schedule::Scheduler::new(sched) {
                    let now = 1_795_428_000_000;
                    for o in s.preview(&crate::schedule::CardState::NEW, now, 7) {
                        assert!(o.state.due > now, "{o:?}");
                    }
                }
            }
            Err(e) => assert!(e.to_string().starts_with("config.toml"), "{e}"),
        }
    }

    #[test]
    fn exam_date_must_be_a_date() {
        let c = Config::parse("exam_date = 2026-12-15", "c").expect("valid");
        assert_eq!(
            c.exam_date(),
            time::Date::from_calendar_date(2026, time::Month::December, 15).ok()
        );
        assert_eq!(
            err("exam_date = 2026-12-15T10:00:00"),
            "config.toml:1:13: exam_date = 2026-12-15T10:00:00: expected a date like 2026-12-15"
        );
        let quoted = Config::parse("exam_date = \"2026-12-15\"", "c").expect("quoted is fine");
        assert_eq!(quoted.exam_date(), c.exam_date());
        assert_eq!(
            err("exam_date = \"next week\""),
            "config.toml:1:13: exam_date = \"next week\": expected a date like 2026-12-15"
        );
        assert_eq!(
            err("exam_date = 2026-02-30"),
            "config.toml:1:13: exam_date = 2026-02-30: expected a date like 2026-12-15"
        );
    }

    #[test]
    fn wrong_types_are_said_in_words() {
        assert_eq!(
            err("new_per_day = \"lots\"\n"),
            "config.toml:1:15: new_per_day = \"lots\": expected a whole number or \"exam\""
        );
        assert_eq!(
            err("reviews_per_day = -3\n"),
            "config.toml:1:19: reviews_per_day = -3: expected a whole number"
        );
        assert_eq!(
            err("fuzz = \"yes\"\n"),
            "config.toml:1:8: fuzz = \"yes\": expected true or false"
        );
        assert!(!err("max_new_per_day = 1.5").contains("u32"));
        let exam = Config::parse("new_per_day = \"exam\"", "c").expect("exam pacing");
        assert_eq!(exam.new_per_day, NewPerDay::Exam);
        assert_eq!(
            err("learn_ahead_minutes = 2000"),
            "config.toml:1: learn_ahead_minutes = 2000: expected minutes from 0 to 1440 (0 = never early)"
        );
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        let c = Config {
            new_per_day: NewPerDay::Fixed(7),
            exam_date: time::Date::from_calendar_date(2026, time::Month::December, 20).ok(),
            fsrs_params: vec![0.5; 21],
            ..Config::default()
        };
        c.save(&path).expect("saved");
        assert_eq!(Config::load(&path).expect("loads"), c);
    }
}
