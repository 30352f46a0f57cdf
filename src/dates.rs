//! Dates as a learner types them, for the exam date: `2026-12-20`, `in 3 weeks`, `in 10 days`,
//! `dec 20`, `20 dec`, `december 20 2026`, `tomorrow`. The one parser behind the TUI's date
//! prompt and `recall config set exam_date`; and the study day a calendar date names.

use time::{Date, Duration, Month};

/// What the parser accepts, for error messages and help.
pub const FORMS: &str =
    "a date like 2026-12-20, \"dec 20\", \"20 december 2026\", \"in 3 weeks\", \"in 10 days\" or \"tomorrow\"";

/// The calendar date a study day is named after (day 0 is 1970-01-01).
pub fn date_of_day(day: i32) -> time::Date {
    time::Date::from_julian_day(day + 2_440_588).unwrap_or(time::Date::MIN)
}

/// The study day of a calendar date.
pub fn day_of_date(date: time::Date) -> i32 {
    date.to_julian_day() - 2_440_588
}

/// Parses `input` as a day on or after `today`. A date without a year is the next such date
/// on or after today; a date in the past is an error saying so.
pub fn parse_date(input: &str, today: Date) -> Result<Date, String> {
    let text = input.trim().to_lowercase();
    let date = parse_any(&text, today)
        .ok_or_else(|| format!("{:?} is not a date: expected {FORMS}", input.trim()))?;
    if date < today {
        return Err(format!(
            "{date} is in the past (today is {today}): the exam date must be today or later"
        ));
    }
    Ok(date)
}

fn parse_any(text: &str, today: Date) -> Option<Date> {
    match text {
        "today" => return Some(today),
        "tomorrow" => return today.next_day(),
        _ => {}
    }
    if let Some(d) = crate::store::config_keys::parse_iso_date(text) {
        return Some(d);
    }
    if let Some(rest) = text.strip_prefix("in ") {
        return relative(rest.trim(), today);
    }
    named_month(text, today)
}

/// "3 weeks", "10 days", "a week", "2 months".
fn relative(text: &str, today: Date) -> Option<Date> {
    let mut words = text.split_whitespace();
    let n: i64 = match words.next()? {
        "a" | "an" | "one" => 1,
        w => w.parse().ok()?,
    };
    let unit = words.next()?;
    if words.next().is_some() || !(0..=3650).contains(&n) {
        return None;
    }
    match unit.trim_end_matches('s') {
        "day" => today.checked_add(Duration::days(n)),
        "week" => today.checked_add(Duration::weeks(n)),
        "month" => add_months(today, n as i32),
        _ => None,
    }
}

/// The same day of the month `n` months later, or that month's last day when it is shorter.
fn add_months(today: Date, n: i32) -> Option<Date> {
    let index = today.year() * 12 + i32::from(today.month() as u8) - 1 + n;
    let (year, month) = (
        index.div_euclid(12),
        Month::try_from((index % 12 + 1) as u8).ok()?,
    );
    let day = today.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).ok()
}

/// "dec 20", "20 dec", "december 20 2026", "20 december, 2026", "Dec 20th".
fn named_month(text: &str, today: Date) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let (month, day, year) = match words.as_slice() {
        [a, b] => month_day(a, b)?,
        [a, b, y] => {
            let (m, d, _) = month_day(a, b)?;
            (m, d, Some(y.parse::<i32>().ok().filter(|y| *y >= 1000)?))
        }
        _ => return None,
    };
    match year {
        Some(y) => Date::from_calendar_date(y, month, day).ok(),
        None => (today.year()..=today.year() + 4)
            .filter_map(|y| Date::from_calendar_date(y, month, day).ok())
            .find(|d| *d >= today),
    }
}

/// A month name and a day number, in either order.
fn month_day(a: &str, b: &str) -> Option<(Month, u8, Option<i32>)> {
    let (m, d) = match (month(a), month(b)) {
        (Some(m), None) => (m, b),
        (None, Some(m)) => (m, a),
        _ => return None,
    };
    let d = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    Some((m, d.parse().ok()?, None))
}

/// A month by its English name or a prefix of at least three letters ("sept" too).
fn month(word: &str) -> Option<Month> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    let i = NAMES.iter().position(|n| n.starts_with(word))?;
    Month::try_from(i as u8 + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 30);

    fn ok(s: &str) -> Date {
        parse_date(s, TODAY).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn every_documented_form() {
        assert_eq!(ok("2026-12-20"), date!(2026 - 12 - 20));
        assert_eq!(ok("in 3 weeks"), date!(2026 - 12 - 21));
        assert_eq!(ok("in 10 days"), date!(2026 - 12 - 10));
        assert_eq!(ok("in a week"), date!(2026 - 12 - 07));
        assert_eq!(ok("in 1 month"), date!(2026 - 12 - 30));
        assert_eq!(ok("dec 20"), date!(2026 - 12 - 20));
        assert_eq!(ok("20 dec"), date!(2026 - 12 - 20));
        assert_eq!(ok("December 20 2026"), date!(2026 - 12 - 20));
        assert_eq!(ok("20 December, 2026"), date!(2026 - 12 - 20));
        assert_eq!(ok("Dec 20th"), date!(2026 - 12 - 20));
        assert_eq!(ok("sept 3"), date!(2027 - 09 - 03));
        assert_eq!(ok("tomorrow"), date!(2026 - 12 - 01));
        assert_eq!(ok("  Today "), TODAY);
    }

    #[test]
    fn a_date_without_a_year_is_the_next_one_on_or_after_today() {
        assert_eq!(ok("nov 30"), TODAY);
        assert_eq!(ok("nov 29"), date!(2027 - 11 - 29));
        assert_eq!(ok("jan 5"), date!(2027 - 01 - 05));
        assert_eq!(ok("feb 29"), date!(2028 - 02 - 29));
    }

    #[test]
    fn past_and_bad_dates_are_errors_in_words() {
        assert_eq!(
            parse_date("2026-01-05", TODAY).expect_err("past"),
            "2026-01-05 is in the past (today is 2026-11-30): the exam date must be today or later"
        );
        assert!(parse_date("nov 29 2026", TODAY)
            .expect_err("past")
            .contains("in the past"));
        for bad in [
            "",
            "soon",
            "in 3 fortnights",
            "dec 32",
            "ma 3",
            "2026-13-01",
            "in -2 days",
        ] {
            let e = parse_date(bad, TODAY).expect_err(bad);
            assert!(e.ends_with(FORMS), "{bad}: {e}");
        }
    }
}
