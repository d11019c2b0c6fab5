//! What to retry and how long to wait.

use crate::error::Error;

/// Retries of throttled and failed requests: ErrorServerBusy (as a SOAP Fault
/// or as an Error message), HTTP 429 / 502 / 503 / 504, network errors and
/// attempts that timed out (the four operations are read-only, so a retry is
/// always safe). Other faults, other 4xx, parse errors, a transport's refusal
/// and the caller's abort are not retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 3; 0 turns retries off).
    pub max_retries: u32,
    /// The longest wait before a retry, in ms (default 60 000): a server's
    /// longer `BackOffMilliseconds` or `Retry-After` is cut to it.
    pub max_delay_ms: u64,
    /// The first exponential back-off step, in ms (default 500), used when the
    /// server gives no wait.
    pub base_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            max_delay_ms: 60_000,
            base_delay_ms: 500,
        }
    }
}

impl RetryPolicy {
    /// Whether to retry after `error`, which ended attempt number `attempt`
    /// (0 for the first).
    pub fn should_retry(&self, error: &Error, attempt: u32) -> bool {
        attempt < self.max_retries && error.is_retryable()
    }

    /// The wait, in ms, before the retry that follows attempt number `attempt`
    /// (0 for the first) which failed with `error`:
    /// - the server's wait when it gave one: `BackOffMilliseconds` of an
    ///   ErrorServerBusy fault or message, or `Retry-After` of an HTTP error
    ///   ([`Error::Http::retry_after_ms`](Error::Http));
    /// - else exponential back-off with jitter: `d = base_delay_ms * 2^attempt`
    ///   (at most `max_delay_ms`), and the wait is uniform in `[d/2, d]`, drawn
    ///   with `random` (uniform in `[0, 1)`);
    ///
    /// always at most `max_delay_ms`.
    pub fn delay_ms(&self, error: &Error, attempt: u32, random: f64) -> u64 {
        self.wait_ms(server_wait_ms(error), attempt, random)
    }

    /// [`RetryPolicy::delay_ms`] from the server's wait (`None`: back-off).
    pub fn wait_ms(&self, server_ms: Option<u64>, attempt: u32, random: f64) -> u64 {
        let ms = match server_ms {
            Some(ms) => ms,
            None => {
                let d = self
                    .base_delay_ms
                    .saturating_mul(1u64.checked_shl(attempt.min(63)).unwrap_or(u64::MAX))
                    .min(self.max_delay_ms);
                let r = if random.is_finite() {
                    random.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                d / 2 + ((d - d / 2) as f64 * r) as u64
            }
        };
        ms.min(self.max_delay_ms)
    }
}

/// The wait the server asked for in `error`, when it gave one.
pub(crate) fn server_wait_ms(error: &Error) -> Option<u64> {
    match error {
        Error::SoapFault(f) => f.back_off_milliseconds,
        Error::Response {
            back_off_milliseconds,
            ..
        } => *back_off_milliseconds,
        Error::Http { retry_after_ms, .. } => *retry_after_ms,
        _ => None,
    }
}

/// `Retry-After` (RFC 9110 §10.2.3) in milliseconds: delay-seconds (`"120"`),
/// or an HTTP-date (`"Wed, 21 Oct 2015 07:28:00 GMT"`, or one of the two
/// obsolete forms every recipient must accept) minus `now_unix_ms` (0 when
/// the date is past; `None` without a clock). `None` for anything else (an
/// ISO 8601 date, a negative or fractional number, words): the client then
/// backs off exponentially.
pub fn parse_retry_after(value: &str, now_unix_ms: Option<u64>) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            v.parse::<u64>()
                .unwrap_or(u64::MAX / 1000)
                .saturating_mul(1000),
        );
    }
    let at = parse_http_date(v)?;
    let now = now_unix_ms?;
    Some(at.saturating_sub(now))
}

/// The day and month names, three letters each, as the grammar spells them.
const DAYS: &[u8; 21] = b"MonTueWedThuFriSatSun";
const MONTHS: &[u8; 36] = b"JanFebMarAprMayJunJulAugSepOctNovDec";
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether `s` has the shape `pattern`: `9` a digit, `_` a space or a digit,
/// `a` a letter, anything else itself.
fn shaped(s: &[u8], pattern: &[u8]) -> bool {
    s.len() == pattern.len()
        && s.iter().zip(pattern).all(|(&c, &p)| match p {
            b'9' => c.is_ascii_digit(),
            b'_' => c == b' ' || c.is_ascii_digit(),
            b'a' => c.is_ascii_alphabetic(),
            _ => c == p,
        })
}

/// The number in `s[at..at + n]`, a leading space read as 0 (callers check
/// the shape first, so every byte is a digit or that space).
fn number(s: &[u8], at: usize, n: usize) -> u64 {
    s.iter()
        .skip(at)
        .take(n)
        .fold(0, |v, &c| v * 10 + u64::from(c.saturating_sub(b'0') % 10))
}

/// 1-based position of the three-letter name `s[at..at + 3]` in `names`.
fn name_at(names: &[u8], s: &[u8], at: usize) -> Option<u64> {
    let name = s.get(at..at + 3)?;
    names
        .chunks_exact(3)
        .position(|n| n == name)
        .map(|i| i as u64 + 1)
}

/// An HTTP-date (RFC 9110 §5.6.7) as ms since the Unix epoch: exactly
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime (`Sun Nov  6 08:49:37 1994`),
/// case-sensitive as the grammar says. `None` for anything else.
pub fn parse_http_date(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    // Each form's fields: where the day, month, year and time start, and the
    // year's length; all checked against the form's shape first.
    let (b, day, month, year, year_len, time) = if shaped(b, b"aaa, 99 aaa 9999 99:99:99 GMT") {
        name_at(DAYS, b, 0)?;
        (b, 5, 8, 12, 4, 17)
    } else if shaped(b, b"aaa aaa _9 99:99:99 9999") {
        name_at(DAYS, b, 0)?;
        (b, 8, 4, 20, 4, 11)
    } else {
        let (name, rest) = s.split_once(',')?;
        let rest = rest.as_bytes().strip_prefix(b" ")?;
        if !LONG_DAYS.contains(&name) || !shaped(rest, b"99-aaa-99 99:99:99 GMT") {
            return None;
        }
        (rest, 0, 3, 7, 2, 10)
    };
    let month = name_at(MONTHS, b, month)?;
    let (day, mut year) = (number(b, day, 2), number(b, year, year_len));
    if year_len == 2 {
        // RFC 850: a two-digit year more than 50 years ahead is in the past century.
        year += if year < 70 { 2000 } else { 1900 };
    }
    let (h, mi, se) = (
        number(b, time, 2),
        number(b, time + 3, 2),
        number(b, time + 6, 2),
    );
    if !(1..=31).contains(&day) || h > 23 || mi > 59 || se > 60 || year < 1970 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 24 + h) * 60 + mi) * 60_000 + se * 1000)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (year ≥ 1970).
fn days_from_civil(y: u64, m: u64, d: u64) -> u64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        let t = 784_111_777_000; // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Wed, 29 Feb 2024 12:00:00 GMT"),
            Some(1_709_208_000_000)
        );
        assert_eq!(parse_http_date("soon"), None);
        // Not RFC 9110: ISO 8601, a lower-case month, no GMT, a one-digit day.
        assert_eq!(parse_http_date("2015-10-21T07:28:00Z"), None);
        assert_eq!(parse_http_date("Sun, 06 nov 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37"), None);
        assert_eq!(parse_http_date("Sun, 6 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun Nov 6 08:49:37 1994"), None);
        assert_eq!(
            parse_http_date("Sun Nov 16 08:49:37 1994"),
            Some(t + 10 * 86_400_000)
        );
        assert_eq!(parse_retry_after("1.5", Some(0)), None);
        // Never a panic on what a server sends (slicing inside a multi-byte character).
        for v in [
            "Sun, 06 Nov 1994 0é:49:3 GMT",
            "Sun, 06 Nov 1994 08:4é:3 GMT",
            "Sun Nov  6 0é:49:3 1994",
            "Sün Nov  6 08:49:37 1994",
            "é",
            "Sun,é06",
        ] {
            assert_eq!(parse_retry_after(v, Some(0)), None, "{v}");
        }
        assert_eq!(parse_retry_after("+5", Some(0)), None);
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
    }
}
