//! How times are written for people: durations ("2h 10m", "1m 35s"), countdown clocks
//! ("9:58", "2:10:00") and intervals in words ("10 min", "6 days", "1.2 months"), the same
//! in the TUI and the CLI.

/// How long something took or may take, in the largest units that matter: "2h 10m", "2h",
/// "10m", "1m 35s", "12s". Every screen's durations go through here; countdowns use `clock`.
pub fn duration(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    match (h, m, sec) {
        (0, 0, sec) => format!("{sec}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, sec) => format!("{m}m {sec}s"),
        (h, 0, _) => format!("{h}h"),
        (h, m, _) => format!("{h}h {m}m"),
    }
}

/// Time left on a running clock, "9:58" or "2:10:00", rounded up (0:00 only once time is
/// up): the quiz's countdown.
pub fn clock(ms: i64) -> String {
    let s = (ms.max(0) + 999) / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// An interval of minutes in words a learner reads at a glance: "10 min", "1 h", "1.5 h",
/// "2 days". Never "m" alone (it reads as month).
pub fn minutes_words(m: u32) -> String {
    match m {
        m if m < 60 => format!("{m} min"),
        m if m < 1440 => format!("{} h", one_decimal(f64::from(m) / 60.0)),
        m => days_words_f(f64::from(m) / 1440.0),
    }
}

/// An interval of days in words: "1 day", "6 days", "1.2 months", "2 years" (Anki's month
/// of 30.4 days and year of 365.25).
pub fn days_words(d: u32) -> String {
    days_words_f(f64::from(d))
}

fn days_words_f(d: f64) -> String {
    let (n, unit) = if d < 30.0 {
        (d, "day")
    } else if d < 365.0 {
        (d / 30.4375, "month")
    } else {
        (d / 365.25, "year")
    };
    let n = one_decimal(n);
    if n == "1" {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// One decimal, without a trailing ".0".
fn one_decimal(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::{clock, days_words, duration, minutes_words};

    #[test]
    fn intervals_read_in_words_never_m_for_minutes() {
        assert_eq!(minutes_words(1), "1 min");
        assert_eq!(minutes_words(10), "10 min");
        assert_eq!(minutes_words(60), "1 h");
        assert_eq!(minutes_words(90), "1.5 h");
        assert_eq!(minutes_words(1440), "1 day");
        assert_eq!(minutes_words(2880), "2 days");
        assert_eq!(days_words(1), "1 day");
        assert_eq!(days_words(6), "6 days");
        assert_eq!(days_words(36), "1.2 months");
        assert_eq!(days_words(30), "1 month");
        assert_eq!(days_words(731), "2 years");
        assert_eq!(days_words(400), "1.1 years");
    }

    #[test]
    fn durations_and_clocks_each_have_one_style() {
        let min = 60_000;
        assert_eq!(duration(130 * min), "2h 10m");
        assert_eq!(duration(120 * min + 59_000), "2h");
        assert_eq!(duration(10 * min), "10m");
        assert_eq!(duration(95_000), "1m 35s");
        assert_eq!(duration(12_400), "12s");
        assert_eq!(duration(-5), "0s");
        assert_eq!(clock(130 * min), "2:10:00");
        assert_eq!(clock(598_000), "9:58");
        assert_eq!(clock(597_001), "9:58");
        assert_eq!(clock(0), "0:00");
    }
}
