//! Time as hh.ru writes it: epoch milliseconds to `2025-11-12T21:53:07+0300` (Moscow time) and back.

use std::time::{SystemTime, UNIX_EPOCH};

const MSK_OFFSET_S: i64 = 3 * 3600;

pub fn system_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `2025-11-12T21:53:07+0300`, in Moscow time like the API.
pub fn format_hh(ms: i64) -> String {
    let secs = ms.div_euclid(1000) + MSK_OFFSET_S;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+0300",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// `2026-09-07T17:03:08.499+03:00`, the pages' ISO form.
pub fn format_iso(ms: i64) -> String {
    let hh = format_hh(ms);
    format!("{}.{:03}+03:00", &hh[..19], ms.rem_euclid(1000))
}

fn num(s: &str, from: usize, to: usize) -> Option<i64> {
    let part = s.get(from..to)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `+0300` or `+03:00` (none means Moscow time).
pub fn parse_hh(s: &str) -> Option<i64> {
    let s = s.trim();
    let (y, m, d) = (num(s, 0, 4)?, num(s, 5, 7)?, num(s, 8, 10)?);
    if s.get(4..5) != Some("-")
        || s.get(7..8) != Some("-")
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    let mut rest = s.get(10..)?;
    if !rest.is_empty() {
        if !(rest.starts_with('T') || rest.starts_with(' ')) {
            return None;
        }
        let (h, mi) = (num(rest, 1, 3)?, num(rest, 4, 6)?);
        secs += h * 3600 + mi * 60;
        rest = rest.get(6..)?;
        if rest.starts_with(':') {
            secs += num(rest, 1, 3)?;
            rest = rest.get(3..)?;
        }
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            rest = frac.get(digits..)?;
        }
    }
    let offset = match rest {
        "" => MSK_OFFSET_S,
        "Z" => 0,
        _ => {
            let sign = match rest.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let digits: String = rest[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 {
                return None;
            }
            sign * (num(&digits, 0, 2)? * 3600 + num(&digits, 2, 4)? * 60)
        }
    };
    Some((secs - offset) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_api_format() {
        let ms = parse_hh("2025-11-12T21:53:07+0300").unwrap();
        assert_eq!(format_hh(ms), "2025-11-12T21:53:07+0300");
        assert_eq!(parse_hh("2025-11-12T18:53:07Z"), Some(ms));
        assert_eq!(parse_hh("2025-11-12T21:53:07.120+03:00"), Some(ms));
        assert_eq!(parse_hh("2024-02-29"), parse_hh("2024-02-29T00:00:00+0300"));
        assert_eq!(parse_hh("12 ноября"), None);
        assert_eq!(format_iso(ms + 499), "2025-11-12T21:53:07.499+03:00");
    }
}
