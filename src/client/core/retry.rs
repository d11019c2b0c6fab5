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

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `n` ASCII digits as a number.
fn digits(s: &str) -> Option<u64> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `s` split at `sep` into exactly `N` parts.
fn parts<const N: usize>(s: &str, sep: char) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut it = s.split(sep);
    for slot in &mut out {
        *slot = it.next()?;
    }
    it.next().is_none().then_some(out)
}

/// `HH:MM:SS` → (h, m, s).
fn time_of_day(s: &str) -> Option<(u64, u64, u64)> {
    let b = s.as_bytes();
    if b.len() != 8 || !s.is_ascii() || b[2] != b':' || b[5] != b':' {
        return None;
    }
    Some((digits(&s[0..2])?, digits(&s[3..5])?, digits(&s[6..8])?))
}

/// An HTTP-date (RFC 9110 §5.6.7) as ms since the Unix epoch: exactly
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime (`Sun Nov  6 08:49:37 1994`),
/// case-sensitive as the grammar says. `None` for anything else.
pub fn parse_http_date(s: &str) -> Option<u64> {
    let month = |m: &str| MONTHS.iter().position(|x| *x == m).map(|i| i as u64 + 1);
    let comma = s
        .split_once(',')
        .and_then(|(n, r)| Some((n, r.strip_prefix(' ')?)));
    let (day, month, year, time) = if let Some((name, rest)) = comma {
        if let Some([d, m, y, t, gmt]) = parts::<5>(rest, ' ') {
            // IMF-fixdate
            if !DAYS.contains(&name) || d.len() != 2 || y.len() != 4 || gmt != "GMT" {
                return None;
            }
            (digits(d)?, month(m)?, digits(y)?, t)
        } else {
            // RFC 850: a two-digit year more than 50 years ahead is in the past century.
            let [date, t, gmt] = parts::<3>(rest, ' ')?;
            let [d, m, y] = parts::<3>(date, '-')?;
            if !LONG_DAYS.contains(&name) || gmt != "GMT" || d.len() != 2 || y.len() != 2 {
                return None;
            }
            let y = digits(y)?;
            (
                digits(d)?,
                month(m)?,
                if y < 70 { 2000 + y } else { 1900 + y },
                t,
            )
        }
    } else {
        // asctime: `Sun Nov  6 08:49:37 1994` (the day is 2 digits or space + digit)
        let (name, rest) = s.split_at_checked(4)?;
        let (m, rest) = rest.split_at_checked(4)?;
        let (d, rest) = rest.split_at_checked(3)?;
        let (t, y) = rest.split_at_checked(9)?;
        if !DAYS.contains(&name.trim_end_matches(' '))
            || !name.ends_with(' ')
            || !m.ends_with(' ')
            || !d.ends_with(' ')
            || !t.ends_with(' ')
            || y.len() != 4
        {
            return None;
        }
        let d = d.trim_end_matches(' ');
        let d = d.strip_prefix(' ').unwrap_or(d);
        if d.len() != 2 && !(d.len() == 1 && s.as_bytes().get(8) == Some(&b' ')) {
            return None;
        }
        (
            digits(d)?,
            month(m.trim_end_matches(' '))?,
            digits(y)?,
            t.trim_end_matches(' '),
        )
    };
    let (h, mi, se) = time_of_day(time)?;
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
