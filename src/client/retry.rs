//! What to retry and how long to wait.

use crate::error::Error;

/// Retries of throttled and failed requests: ErrorServerBusy (as a SOAP Fault
/// or as an Error message), HTTP 429 / 502 / 503 / 504 and network errors (the
/// four operations are read-only, so a retry is always safe). Other faults,
/// other 4xx, timeouts and parse errors are not retried.
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
        let server = match error {
            Error::SoapFault(f) => f.back_off_milliseconds,
            Error::Response {
                back_off_milliseconds,
                ..
            } => *back_off_milliseconds,
            Error::Http { retry_after_ms, .. } => *retry_after_ms,
            _ => None,
        };
        let ms = match server {
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

/// `Retry-After` in milliseconds: delta-seconds (`"120"`), or an HTTP-date
/// (`"Wed, 21 Oct 2015 07:28:00 GMT"`, also the obsolete RFC 850 and asctime
/// forms) minus `now_unix_ms` (0 when the date is past; `None` without a
/// clock). `None` when the value is neither.
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

/// An HTTP-date (RFC 9110 §5.6.7) as ms since the Unix epoch.
pub fn parse_http_date(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split([' ', ',', '-']).filter(|p| !p.is_empty()).collect();
    // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT → [Sun, 06, Nov, 1994, 08:49:37, GMT]
    // RFC 850:     Sunday, 06-Nov-94 08:49:37 GMT → [Sunday, 06, Nov, 94, 08:49:37, GMT]
    // asctime:     Sun Nov  6 08:49:37 1994 → [Sun, Nov, 6, 08:49:37, 1994]
    let (day, month, year, time) = match parts.as_slice() {
        [_, d, m, y, t, "GMT"] => (*d, *m, *y, *t),
        [_, m, d, t, y] => (*d, *m, *y, *t),
        _ => return None,
    };
    let day: u64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == month)? as u64
        + 1;
    let mut year: u64 = year.parse().ok()?;
    if year < 100 {
        // RFC 850 two-digit years: RFC 9110 says to read ones more than 50
        // years ahead as the past century.
        year += if year < 70 { 2000 } else { 1900 };
    }
    let t: Vec<&str> = time.split(':').collect();
    let [h, mi, se] = t.as_slice() else {
        return None;
    };
    let (h, mi, se): (u64, u64, u64) = (h.parse().ok()?, mi.parse().ok()?, se.parse().ok()?);
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
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
    }
}
