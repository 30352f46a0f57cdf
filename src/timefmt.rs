//! How times are written for people: durations ("2h 10m", "1m 35s") and countdown clocks
//! ("9:58", "2:10:00"), the same in the TUI and the CLI.

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

#[cfg(test)]
mod tests {
    use super::{clock, duration};

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
