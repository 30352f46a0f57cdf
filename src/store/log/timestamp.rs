//! The log's timestamps: `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, years 0000-9999 only, every
//! field checked (no 31 February, no second 60), one rule for every reader.

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` without allocating.
pub(super) fn fast_timestamp(b: &[u8]) -> Option<i64> {
    if b.len() != 24
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'.'
        || b[23] != b'Z'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b[r].iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s, ms) = (num(11..13)?, num(14..16)?, num(17..19)?, num(20..23)?);
    if !(1..=12).contains(&mo) || !(1..=days_in_month(y, mo)).contains(&d) {
        return None;
    }
    if h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some(((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// Unix milliseconds as `2026-11-23T10:15:02.123Z`, the log's timestamp format.
pub fn format_timestamp(at: i64) -> String {
    let days = at.div_euclid(86_400_000);
    let rem = at.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    if (0..=9999).contains(&y) {
        // Digit by digit: `recall cards --json` writes five of these per card, and `format!`
        // took a sixth of its time.
        let mut s = String::with_capacity(24);
        let mut digits = |n: i64, width: u32, after: char| {
            for k in (0..width).rev() {
                s.push(char::from(b'0' + (n / 10i64.pow(k) % 10) as u8));
            }
            s.push(after);
        };
        digits(y, 4, '-');
        digits(m, 2, '-');
        digits(d, 2, 'T');
        digits(rem / 3_600_000, 2, ':');
        digits(rem / 60_000 % 60, 2, ':');
        digits(rem / 1000 % 60, 2, '.');
        digits(rem % 1000, 3, 'Z');
        return s;
    }
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    )
}

/// Any RFC 3339 time (any offset) as Unix milliseconds; None for an impossible date, a leap
/// second or an instant outside years 0000-9999 UTC (the log could not write it back).
pub fn parse_timestamp(s: &str) -> Option<i64> {
    if let Some(ms) = fast_timestamp(s.as_bytes()) {
        return Some(ms);
    }
    // The time crate reads a leap second (`:60`) as the second before; recall refuses it,
    // as the fast path does.
    if s.as_bytes().get(16..19) == Some(b":60") {
        return None;
    }
    let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()?;
    let at = i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok()?;
    in_log_range(at).then_some(at)
}

/// The first and last instants the log's format can hold (0000-01-01 to 9999-12-31, UTC).
const FIRST_AT: i64 = -62_167_219_200_000;
const LAST_AT: i64 = 253_402_300_799_999;

/// Whether `at` can be written in the log's format and read back: years 0000 to 9999 (UTC).
pub fn in_log_range(at: i64) -> bool {
    (FIRST_AT..=LAST_AT).contains(&at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How `format_timestamp` wrote every time before it wrote digit by digit.
    fn with_format(at: i64) -> String {
        let (days, rem) = (at.div_euclid(86_400_000), at.rem_euclid(86_400_000));
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
            rem / 3_600_000,
            rem / 60_000 % 60,
            rem / 1000 % 60,
            rem % 1000
        )
    }

    #[test]
    fn timestamps_written_digit_by_digit_are_what_format_wrote() {
        let mut at = FIRST_AT - 86_400_000 * 400;
        let mut x = 7u64;
        while at < LAST_AT + 86_400_000 * 400 {
            assert_eq!(format_timestamp(at), with_format(at), "{at}");
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            at += (x >> 30) as i64 % 9_000_000_000_000;
        }
        for at in [
            FIRST_AT,
            FIRST_AT - 1,
            LAST_AT,
            LAST_AT + 1,
            -1,
            0,
            1_795_428_902_123,
        ] {
            assert_eq!(format_timestamp(at), with_format(at), "{at}");
            if in_log_range(at) {
                assert_eq!(parse_timestamp(&format_timestamp(at)), Some(at));
            }
        }
    }
}
