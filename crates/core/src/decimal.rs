//! Exact decimal numbers: the figures of a report, counts and 万元 amounts.
//!
//! A value is `mantissa / 10^scale`, with the scale the report wrote
//! ("1287.35" has scale 2). Sums are exact; comparisons align scales. No
//! floating point is involved anywhere but in the final JSON rendering.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    mantissa: i128,
    scale: u8,
}

/// Largest scale we accept: reports never write more than 6 decimals.
const MAX_SCALE: u8 = 9;
/// Largest magnitude we accept (far beyond any real figure).
const MAX_ABS: i128 = 10i128.pow(30);

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    pub fn from_int(v: i64) -> Self {
        Decimal {
            mantissa: v as i128,
            scale: 0,
        }
    }

    /// `units` units of the last place of a number written with `scale`
    /// decimals (`units(3, 1)` is 0.3); `None` beyond the accepted scale.
    pub fn units(units: i64, scale: u8) -> Option<Self> {
        (scale <= MAX_SCALE).then_some(Decimal {
            mantissa: units as i128,
            scale,
        })
    }

    /// Parses `[+-]digits[.digits]` (digits may be grouped with `,`).
    /// Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<Decimal> {
        // The common case: a whole number.
        if !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) {
            let v = s.bytes().fold(0i64, |v, b| v * 10 + (b - b'0') as i64);
            return Some(Decimal::from_int(v));
        }
        let s = s.trim();
        let (neg, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int_part, frac_part) = match body.find('.') {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        if int_part.is_empty() && frac_part.is_none_or(|f| f.is_empty()) {
            return None;
        }
        if !valid_grouping(int_part) {
            return None;
        }
        // `m` never exceeds MAX_ABS before a step, so `m * 10 + 9` cannot
        // overflow and needs no checked arithmetic.
        let mut m: i128 = 0;
        for b in int_part.bytes().filter(|&b| b != b',') {
            m = m * 10 + (b - b'0') as i128;
            if m > MAX_ABS {
                return None;
            }
        }
        let mut scale = 0u8;
        if let Some(f) = frac_part {
            if !f.bytes().all(|b| b.is_ascii_digit()) || f.len() > MAX_SCALE as usize {
                return None;
            }
            for b in f.bytes() {
                m = m * 10 + (b - b'0') as i128;
                scale += 1;
                // It only grows: past MAX_ABS now, past it at the end.
                if m > MAX_ABS {
                    return None;
                }
            }
        }
        Some(Decimal {
            mantissa: if neg { -m } else { m },
            scale,
        })
    }

    /// The whole number `m` (scale 0), for sums done on mantissas.
    pub(crate) fn whole(m: i128) -> Self {
        Decimal {
            mantissa: m,
            scale: 0,
        }
    }

    /// The mantissa of a value written without decimals (scale 0): added
    /// to others of its kind, it is what [`Decimal::checked_add`] adds.
    pub(crate) fn whole_mantissa(self) -> Option<i128> {
        (self.scale == 0).then_some(self.mantissa)
    }

    pub fn scale(&self) -> u8 {
        self.scale
    }

    pub fn is_integer(&self) -> bool {
        self.scale == 0 || self.mantissa % 10i128.pow(self.scale as u32) == 0
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// The value as an integer, when it is one and fits.
    pub fn to_i64(&self) -> Option<i64> {
        // (Nearly every figure has no decimals: no 128-bit division then.)
        if self.scale == 0 {
            return i64::try_from(self.mantissa).ok();
        }
        if !self.is_integer() {
            return None;
        }
        i64::try_from(self.mantissa / 10i128.pow(self.scale as u32)).ok()
    }

    fn rescale(&self, scale: u8) -> i128 {
        if scale == self.scale {
            return self.mantissa;
        }
        self.mantissa * 10i128.pow((scale - self.scale) as u32)
    }

    pub fn checked_add(self, o: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(o.scale);
        let m = self.rescale(scale).checked_add(o.rescale(scale))?;
        Some(Decimal { mantissa: m, scale })
    }

    /// `self × k`, keeping the scale only where it still matters
    /// ("2.8" × 10000 = 28000).
    pub fn checked_mul_int(self, k: i64) -> Option<Decimal> {
        let m = self.mantissa.checked_mul(k as i128)?;
        let mut d = Decimal {
            mantissa: m,
            scale: self.scale,
        };
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        Some(d)
    }

    /// `self × 100 / d`, as an exact fraction (numerator, denominator) with
    /// a positive denominator, for percentages.
    pub fn ratio_percent(self, d: Decimal) -> Option<(i128, i128)> {
        let scale = self.scale.max(d.scale);
        let n = self.rescale(scale).checked_mul(100)?;
        let q = d.rescale(scale);
        if q == 0 {
            return None;
        }
        Some(if q < 0 { (-n, -q) } else { (n, q) })
    }

    /// The mantissa at `scale` decimals (for comparisons of rounded values).
    pub fn at_scale(self, scale: u8) -> Option<i128> {
        if scale < self.scale {
            return None;
        }
        self.mantissa
            .checked_mul(10i128.checked_pow((scale - self.scale) as u32)?)
    }

    pub fn checked_sub(self, o: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(o.scale);
        let m = self.rescale(scale).checked_sub(o.rescale(scale))?;
        Some(Decimal { mantissa: m, scale })
    }

    /// Sum of the values (saturating far beyond any real figure).
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Decimal>) -> Decimal {
        Decimal::sum_values(items.into_iter().copied())
    }

    /// [`Decimal::sum`] of values.
    pub fn sum_values(items: impl IntoIterator<Item = Decimal>) -> Decimal {
        items
            .into_iter()
            .fold(Decimal::ZERO, |acc, d| acc.saturating_add(d))
    }

    /// `self + o`, or a value far beyond any real figure when that
    /// overflows: one step of [`Decimal::sum_values`].
    pub fn saturating_add(self, o: Decimal) -> Decimal {
        self.checked_add(o).unwrap_or(Decimal {
            mantissa: MAX_ABS,
            scale: 0,
        })
    }

    /// Appends the value as [`Display`](fmt::Display) writes it ("51",
    /// "-3", "1287.35", "0.10"), without the formatting machinery: the
    /// figures of a message are written this way.
    pub fn push_to(&self, out: &mut String) {
        if self.mantissa < 0 {
            out.push('-');
        }
        let a = self.mantissa.unsigned_abs();
        if self.scale == 0 {
            push_digits(out, a, 0);
            return;
        }
        let p = 10u128.pow(self.scale as u32);
        push_digits(out, a / p, 0);
        out.push('.');
        push_digits(out, a % p, self.scale as usize);
    }

    fn to_f64(self) -> f64 {
        // Only for rendering JSON: the decimal string is exact and parses
        // to the nearest double, which prints back as the same string.
        // mantissa and 10^scale are exact doubles (|m| < 2^53, scale <=
        // 22), so the one division is correctly rounded: the nearest double,
        // as parsing the decimal string would give, without dec2flt's tables.
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }
}

/// Appends the decimal digits of `v`, with leading zeros up to `width`.
fn push_digits(out: &mut String, v: u128, width: usize) {
    // Nearly every figure is a count of a few digits: a single digit, or
    // digits found by 64-bit division.
    if v < 10 && width <= 1 {
        out.push(char::from(b'0' + v as u8));
        return;
    }
    // u128::MAX has 39 digits; a scale at most MAX_SCALE.
    let mut buf = [b'0'; 40];
    let mut i = buf.len();
    match u64::try_from(v) {
        Ok(mut v) => loop {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        },
        Err(_) => {
            let mut v = v;
            loop {
                i -= 1;
                buf[i] = b'0' + (v % 10) as u8;
                v /= 10;
                if v == 0 {
                    break;
                }
            }
        }
    }
    let from = i.min(buf.len().saturating_sub(width));
    out.reserve(buf.len() - from);
    for &d in &buf[from..] {
        out.push(char::from(d));
    }
}

fn valid_grouping(int_part: &str) -> bool {
    if !int_part.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return false;
    }
    if !int_part.contains(',') {
        return true;
    }
    // "46,999" and "1,234,567": groups of three after the first.
    let groups: Vec<&str> = int_part.split(',').collect();
    !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)
}

impl PartialEq for Decimal {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Decimal {}
impl PartialOrd for Decimal {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Decimal {
    fn cmp(&self, o: &Self) -> Ordering {
        let scale = self.scale.max(o.scale);
        self.rescale(scale).cmp(&o.rescale(scale))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let p = 10i128.pow(self.scale as u32);
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let a = self.mantissa.abs();
        write!(
            f,
            "{sign}{}.{:0width$}",
            a / p,
            a % p,
            width = self.scale as usize
        )
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.to_i64() {
            Some(i) if self.scale == 0 => s.serialize_i64(i),
            _ => s.serialize_f64(self.to_f64()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for s in ["0", "51", "1287.35", "-3", "0.10", "5819.06"] {
            assert_eq!(
                Decimal::parse(s).unwrap().to_string(),
                s.trim_start_matches('+')
            );
        }
        assert_eq!(Decimal::parse("+6").unwrap().to_string(), "6");
        assert_eq!(Decimal::parse("46,999").unwrap().to_string(), "46999");
        for bad in [
            "",
            ".",
            "1.2.3",
            "4,69",
            "a1",
            "1e5",
            "--1",
            "99999999999999999999999999999999999",
        ] {
            assert!(Decimal::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn pushed_as_displayed() {
        let mut values: Vec<Decimal> = [
            "0",
            "7",
            "51",
            "-3",
            "1287.35",
            "0.10",
            "-0.05",
            "5819.06",
            "100",
            "0.000000001",
            "-12.5",
            "46,999",
        ]
        .iter()
        .map(|s| Decimal::parse(s).unwrap())
        .collect();
        values.extend((0..=9).map(|s| Decimal::units(-1_234_567_890_123, s).unwrap()));
        values.push(Decimal::from_int(i64::MIN));
        values.push(Decimal::from_int(i64::MAX));
        values.push(Decimal::sum_values(
            [Decimal::parse(&"9".repeat(30)).unwrap(); 3],
        ));
        for v in values {
            let mut s = String::from("x");
            v.push_to(&mut s);
            assert_eq!(s, format!("x{v}"));
        }
    }

    #[test]
    fn exact_arithmetic() {
        let a = Decimal::parse("0.1").unwrap();
        let b = Decimal::parse("0.2").unwrap();
        assert_eq!(a.checked_add(b).unwrap(), Decimal::parse("0.30").unwrap());
        assert!(Decimal::parse("1.50").unwrap().to_i64().is_none());
        assert_eq!(Decimal::parse("2.00").unwrap().to_i64(), Some(2));
    }
}
