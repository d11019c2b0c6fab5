//! Decimal text to `f64`, correctly rounded, without the standard library's
//! parser: `str::parse::<f64>` brings about 10 KB of 128-bit power tables
//! (nearly incompressible) and 5 KB of code into the wasm module, for a few
//! rarely used fields. This is the classic digit-buffer conversion: the
//! decimal is shifted by powers of two (exactly, on its digits) until it lies
//! in [1/2, 1), then the 53 bits of the mantissa are taken and rounded to
//! even. Slow next to Eisel-Lemire, but no table and a few hundred bytes.
//!
//! Accepts exactly what `str::parse::<f64>` accepts and gives the same value
//! (a test compares the two on many generated strings).

/// Significant digits kept; any further non-zero digit only sets `trunc`
/// (enough for exact halfway cases of `f64`, which need at most 768 digits).
const MAX_DIGITS: usize = 800;
/// The largest shift done at once (a digit times 2^60 fits a `u64` with room
/// for the carry).
const MAX_SHIFT: u32 = 60;
/// Bits to shift by for a decimal point position of 0..=8, i.e. 2^n <= 10^dp.
const POWTAB: [u32; 9] = [1, 3, 6, 9, 13, 16, 19, 23, 26];

struct Decimal {
    /// Digit values 0..=9, most significant first, no leading zeros.
    d: Vec<u8>,
    /// The decimal point's position: the value is 0.d[0]d[1]... × 10^dp.
    dp: i32,
    /// Non-zero digits were dropped beyond `MAX_DIGITS`.
    trunc: bool,
}

impl Decimal {
    /// The value when at most 15 digits and a power of ten up to 10^22 make
    /// it (most real values: coordinates, sizes): both are exact `f64`s, so one
    /// multiplication or division rounds it correctly (Clinger's fast path).
    /// `None` otherwise (then the digit-buffer conversion does it).
    fn exact(&self) -> Option<f64> {
        if self.trunc || self.d.len() > 15 {
            return None;
        }
        let mut m: u64 = 0;
        for &c in &self.d {
            m = m * 10 + u64::from(c);
        }
        // 0.d × 10^dp = m × 10^(dp − len).
        let e = self.dp.checked_sub(self.d.len() as i32)?;
        if !(-22..=22).contains(&e) {
            return None;
        }
        let mut p = 1.0f64;
        for _ in 0..e.unsigned_abs() {
            p *= 10.0; // exact: 10^k for k <= 22 is an f64
        }
        // m < 10^15 < 2^53: exact as well.
        Some(if e < 0 { m as f64 / p } else { m as f64 * p })
    }

    fn trim(&mut self) {
        while self.d.last() == Some(&0) {
            self.d.pop();
        }
        if self.d.is_empty() {
            self.dp = 0;
        }
    }

    /// Multiplies by 2^k (k <= MAX_SHIFT).
    fn left_shift(&mut self, k: u32) {
        let mut rev: Vec<u8> = Vec::with_capacity(self.d.len() + 20);
        let mut n: u64 = 0;
        for &c in self.d.iter().rev() {
            n += u64::from(c) << k;
            rev.push((n % 10) as u8);
            n /= 10;
        }
        while n > 0 {
            rev.push((n % 10) as u8);
            n /= 10;
        }
        self.dp += rev.len() as i32 - self.d.len() as i32;
        rev.reverse();
        if rev.len() > MAX_DIGITS {
            if rev
                .get(MAX_DIGITS..)
                .is_some_and(|t| t.iter().any(|&c| c != 0))
            {
                self.trunc = true;
            }
            rev.truncate(MAX_DIGITS);
        }
        self.d = rev;
        self.trim();
    }

    /// Divides by 2^k (k <= MAX_SHIFT).
    fn right_shift(&mut self, k: u32) {
        let nd = self.d.len();
        let mut r = 0;
        let mut n: u64 = 0;
        while n >> k == 0 {
            match self.d.get(r) {
                Some(&c) => n = n * 10 + u64::from(c),
                None => {
                    if n == 0 {
                        self.d.clear();
                        self.dp = 0;
                        return;
                    }
                    while n >> k == 0 {
                        n *= 10;
                        r += 1;
                    }
                    break;
                }
            }
            r += 1;
        }
        self.dp -= r as i32 - 1;
        let mask = (1u64 << k) - 1;
        let mut out: Vec<u8> = Vec::with_capacity(nd + 20);
        for &c in self.d.iter().skip(r) {
            out.push((n >> k) as u8);
            n &= mask;
            n = n * 10 + u64::from(c);
        }
        while n > 0 {
            let dig = (n >> k) as u8;
            n &= mask;
            if out.len() < MAX_DIGITS {
                out.push(dig);
            } else if dig > 0 {
                self.trunc = true;
            }
            n *= 10;
        }
        self.d = out;
        self.trim();
    }

    fn shift(&mut self, k: i32) {
        if k > 0 {
            let mut k = k.unsigned_abs();
            while k > MAX_SHIFT {
                self.left_shift(MAX_SHIFT);
                k -= MAX_SHIFT;
            }
            self.left_shift(k);
        } else if k < 0 {
            let mut k = k.unsigned_abs();
            while k > MAX_SHIFT {
                self.right_shift(MAX_SHIFT);
                k -= MAX_SHIFT;
            }
            self.right_shift(k);
        }
    }

    fn digit(&self, i: i32) -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.d.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The integer part, rounded half to even (`dp` <= 20).
    fn rounded_integer(&self) -> u64 {
        let mut n: u64 = 0;
        for i in 0..self.dp {
            n = n.wrapping_mul(10).wrapping_add(u64::from(self.digit(i)));
        }
        let nd = self.d.len() as i32;
        let up = if self.dp < 0 || self.dp >= nd {
            false
        } else if self.digit(self.dp) == 5 && self.dp + 1 == nd {
            self.trunc || (self.dp > 0 && self.digit(self.dp - 1) % 2 == 1)
        } else {
            self.digit(self.dp) >= 5
        };
        n + u64::from(up)
    }

    /// The nearest `f64` (ties to even), as its bits without the sign.
    fn round_to_bits(&mut self) -> u64 {
        const BIAS: i32 = -1023;
        const MANT_BITS: u32 = 52;
        const INF: u64 = 0x7ff << MANT_BITS;
        if self.d.is_empty() || self.dp < -330 {
            return 0;
        }
        if self.dp > 310 {
            return INF;
        }
        let mut exp: i32 = 0;
        while self.dp > 0 {
            let n = POWTAB.get(self.dp as usize).map_or(27, |&n| n as i32);
            self.shift(-n);
            exp += n;
        }
        while self.dp < 0 || (self.dp == 0 && self.digit(0) < 5) {
            let n = POWTAB
                .get(self.dp.unsigned_abs() as usize)
                .map_or(27, |&n| n as i32);
            self.shift(n);
            exp -= n;
        }
        // Now in [1/2, 1): as a float in [1, 2), the exponent is one less.
        exp -= 1;
        if exp < BIAS + 1 {
            let n = BIAS + 1 - exp;
            self.shift(-n);
            exp += n;
        }
        if exp - BIAS >= 0x7ff {
            return INF;
        }
        self.shift(1 + MANT_BITS as i32);
        let mut mant = self.rounded_integer();
        if mant == 2 << MANT_BITS {
            mant >>= 1;
            exp += 1;
            if exp - BIAS >= 0x7ff {
                return INF;
            }
        }
        if mant & (1 << MANT_BITS) == 0 {
            exp = BIAS; // subnormal
        }
        (mant & ((1 << MANT_BITS) - 1)) | (((exp - BIAS) as u64 & 0x7ff) << MANT_BITS)
    }
}

/// `s.parse::<f64>().ok()`: an optional sign, then `inf`, `infinity` or `nan`
/// (any case), or digits with an optional `.` (at least one digit in all) and
/// an optional exponent (`e`/`E`, optional sign, digits). Out of range gives
/// an infinity or zero, as the standard parser does.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, b) = match b.first() {
        Some(b'-') => (true, b.get(1..)?),
        Some(b'+') => (false, b.get(1..)?),
        _ => (false, b),
    };
    let sign = |v: f64| if neg { -v } else { v };
    if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") {
        return Some(sign(f64::INFINITY));
    }
    if b.eq_ignore_ascii_case(b"nan") {
        return Some(sign(f64::NAN));
    }
    let mut dec = Decimal {
        d: Vec::new(),
        dp: 0,
        trunc: false,
    };
    let mut i = 0;
    let mut digits = false;
    let mut dot = false;
    // Significant digits seen, the dropped ones included.
    let mut seen: i32 = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                digits = true;
                if c == b'0' && dec.d.is_empty() {
                    dec.dp = dec.dp.saturating_sub(1); // a leading zero (undone at the point if before it)
                } else {
                    seen = seen.saturating_add(1);
                    if dec.d.len() < MAX_DIGITS {
                        dec.d.push(c - b'0');
                    } else if c != b'0' {
                        dec.trunc = true;
                    }
                }
            }
            b'.' if !dot => {
                dot = true;
                dec.dp = seen;
            }
            _ => break,
        }
        i += 1;
    }
    if !digits {
        return None;
    }
    if !dot {
        dec.dp = seen;
    }
    if let Some(c) = b.get(i) {
        if !c.eq_ignore_ascii_case(&b'e') {
            return None;
        }
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let rest = b.get(i..).unwrap_or_default();
        if rest.is_empty() || !rest.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Stops growing where the standard parser's does (at 0x10000):
        // beyond it the value is an infinity or zero for any sane input.
        let e = rest.iter().fold(0i32, |e, &c| {
            if e < 0x10000 {
                e * 10 + i32::from(c - b'0')
            } else {
                e
            }
        });
        dec.dp = dec.dp.saturating_add(if eneg { -e } else { e });
    }
    dec.trim();
    if let Some(v) = dec.exact() {
        return Some(sign(v));
    }
    Some(sign(f64::from_bits(dec.round_to_bits())))
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    /// A xorshift generator from `seed`: deterministic, no dependency.
    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut x = seed;
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    /// 1 to `max` random digits, with a decimal point somewhere half the time.
    fn digits(next: &mut impl FnMut() -> u64, max: u64) -> String {
        let len = 1 + next() % max;
        let mut s: String = (0..len)
            .map(|_| char::from(b'0' + (next() % 10) as u8))
            .collect();
        if next() % 2 == 0 {
            let at = (next() % (len + 1)) as usize;
            s.insert(at, '.');
        }
        s
    }

    fn same(s: &str) {
        let (ours, std) = (parse_f64(s), s.parse::<f64>().ok());
        match (ours, std) {
            // NaN payloads may differ; the sign and NaN-ness may not.
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {
                assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{s:?}")
            }
            _ => assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{s:?}"),
        }
    }

    #[test]
    fn matches_std_on_edge_cases() {
        for s in [
            "", "+", "-", ".", "e", "e5", "1e", "1e+", "1e-", "1.", ".5", "-.5", "+.5e3", "1.e3",
            "0", "-0", "0.0", "-0e10", "00001", "0.000", "1_0", "1 ", " 1", "1..2", "1e5.", "0x10",
            "inf", "-inf", "+inf", "INF", "Infinity", "-infinity", "infinit", "nan", "NaN", "-nan",
            "+NAN", "nan(1)", "1.5", "-150", "3", "1e999", "-1e999", "1e-999", "1e308", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.7976931348623159e308", "2.2250738585072014e-308",
            "2.2250738585072011e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "5e-324", "1e-323", "9007199254740993", "9007199254740992.5",
            "9007199254740993.0000000000000000000000000000001", "0.1", "0.3", "123456789012345678901234567890",
            "1E22", "1e23", "8.41e21", "1e+00000000000000000000000000000005",
            "1e-99999999999999999999999", "1e99999999999999999999999", "0e99999999999999999",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "0.5", "2.5", "7.038531e-26", "1090544144181609348835077142190", "4.35", "-1.5e2",
        ] {
            same(s);
        }
        let long_half = format!("9007199254740993{}", "0".repeat(900));
        same(&long_half);
        same(&format!("{long_half}1"));
        same(&format!("0.{}1e-300", "0".repeat(1000)));
        same(&format!("{}e-1000", "1".repeat(1200)));
        same(&format!("0.{}1e70000", "0".repeat(70_000)));
        same(&format!("0.{}1e99999", "0".repeat(99_990)));
        same(&format!("1{}e-70000", "0".repeat(70_000)));
    }

    #[test]
    fn matches_std_where_the_fast_path_applies() {
        // Up to 17 digits (the fast path takes 15 and fewer) with a point and
        // an exponent around the fast path's limits (10^±22).
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..100_000 {
            let mut s = digits(&mut next, 17);
            match next() % 3 {
                0 => {}
                1 => s = format!("-{s}"),
                _ => s = format!("{s}e{}", (next() % 61) as i64 - 30),
            }
            same(&s);
        }
    }

    #[test]
    fn matches_std_on_generated_strings() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..100_000 {
            let r = next();
            let s = match r % 4 {
                // A random double's bits, printed shortest and at several precisions.
                0 => {
                    let v = f64::from_bits(next());
                    match next() % 3 {
                        0 => format!("{v:e}"),
                        1 => format!("{v:.17e}"),
                        _ => format!("{v:.25e}"),
                    }
                }
                // Random digits, point and exponent.
                1 => {
                    let s = digits(&mut next, 30);
                    let e = (next() % 700) as i64 - 350;
                    format!("{s}e{e}")
                }
                // Halfway points between neighbouring doubles (integers
                // from 2^53 to 2^127, so the midpoint is exact in a u128).
                2 => {
                    let e = 53 + next() % 74;
                    let v = f64::from_bits(((1023 + e) << 52) | (next() >> 12));
                    let w = f64::from_bits(v.to_bits() + 1);
                    let mid = (v as u128 + w as u128) / 2;
                    match next() % 3 {
                        0 => format!("{mid}"),
                        1 => format!("{}", mid + 1),
                        _ => format!("{}", mid - 1),
                    }
                }
                // Characters a number is made of, in any order.
                _ => {
                    let len = 1 + next() % 8;
                    (0..len)
                        .map(|_| char::from(b"0123456789.eE+-"[(next() % 15) as usize]))
                        .collect()
                }
            };
            same(&s);
        }
    }
}
