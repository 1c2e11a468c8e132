//! Figures written in prose: Arabic (with thousands separators and
//! decimals), Chinese numerals (二十三, 两, 一百零五), 万/亿 multipliers,
//! "约" (about), units (件/宗/条/个/起/项/次) and percentages.
//!
//! Works on the normalised view, so full-width digits are already ASCII.

use crate::decimal::Decimal;
use std::ops::Range;

/// A figure found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: Decimal,
    /// The figure's own characters (without unit), in normalised offsets.
    pub range: Range<usize>,
    /// The unit after it ("件", "%", "万条"…), or none.
    pub unit: Unit,
    /// Preceded by 约/近/超过/逾/余: not an exact figure.
    pub approx: bool,
    /// Where the figure and its unit end.
    pub end: usize,
}

/// A unit: an optional 万/亿 and an optional counting unit, "%" or 元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unit {
    pub mult: Option<char>,
    pub base: Option<char>,
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(m) = self.mult {
            write!(f, "{m}")?;
        }
        if let Some(b) = self.base {
            write!(f, "{b}")?;
        }
        Ok(())
    }
}

impl Figure {
    pub fn is_percent(&self) -> bool {
        self.unit.base == Some('%')
    }

    /// A count of things: 件, 宗, 条, 个, 起, 项, 次, 份 (not 万条, not %).
    pub fn is_count(&self) -> bool {
        self.unit.mult.is_none()
            && matches!(
                self.unit.base,
                Some('件' | '宗' | '条' | '个' | '起' | '项' | '次' | '份')
            )
    }
}

const COUNT_UNITS: &[char] = &[
    '件', '宗', '条', '个', '起', '项', '次', '份', '家', '名', '人', '期', '篇', '场',
];

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// Value of a Chinese numeral ("二十三" → 23, "一百零五" → 105, "十二" → 12,
/// "两" → 2, "三万五千" → 35000); `None` if malformed.
pub fn parse_chinese(s: &str) -> Option<u64> {
    let mut total: u64 = 0; // completed 万/亿 sections
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut any = false;
    for c in s.chars() {
        any = true;
        if let Some(d) = cn_digit(c) {
            if digit.is_some_and(|x| x != 0) {
                // "二三" is not a numeral.
                return None;
            }
            digit = Some(d as u64);
        } else if let Some(u) = cn_unit(c) {
            if u >= 10_000 {
                section += digit.take().unwrap_or(0);
                if section == 0 && total == 0 {
                    return None;
                }
                total = (total + section).checked_mul(u)?;
                section = 0;
            } else {
                let d = match digit.take() {
                    Some(d) => d,
                    None if u == 10 => 1,
                    None => return None,
                };
                section += d * u;
            }
        } else {
            return None;
        }
    }
    if !any {
        return None;
    }
    Some(total + section + digit.unwrap_or(0))
}

/// The characters [`is_cn_numeral_char`] accepts.
pub(crate) const CN_NUMERALS: [char; 17] = [
    '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿',
];

/// Bit `c >> 6` is set for each of [`CN_NUMERALS`]: the blocks of 64 code
/// points that hold a numeral.
const NUMERAL_BLOCKS: [u64; 16] = {
    let mut bits = [0u64; 16];
    let mut k = 0;
    while k < CN_NUMERALS.len() {
        let block = CN_NUMERALS[k] as usize >> 6;
        bits[block >> 6] |= 1 << (block & 63);
        k += 1;
    }
    bits
};

/// Whether the 3-byte character starting with bytes `x`, `y` lies in a
/// block of [`NUMERAL_BLOCKS`].
fn in_numeral_block(x: u8, y: u8) -> bool {
    let block = ((x as usize & 0x0F) << 6) | (y as usize & 0x3F);
    NUMERAL_BLOCKS[block >> 6] & (1 << (block & 63)) != 0
}

fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// The character starting at byte `i` of `s`, if any.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Every figure in `s` (which starts at normalised offset `base`).
///
/// Works on byte offsets: the figures' own characters (digits, `,`, `.`)
/// are ASCII, and a character is decoded only where one is looked at.
pub fn figures(s: &str, base: usize) -> Vec<Figure> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Only digits and numerals are looked at; most characters are
        // passed over without being decoded.
        let x = b[i];
        let len = crate::utf8::LEN[x as usize] as usize;
        let starts = if x.is_ascii() {
            x.is_ascii_digit()
        } else {
            // Numerals are 3-byte characters; the first two bytes give the
            // block of 64 code points, which must hold one.
            len == 3
                && in_numeral_block(x, b[i + 1])
                && char_at(s, i).is_some_and(is_cn_numeral_char)
        };
        i = if starts {
            figure_at(s, i, base, &mut out)
        } else {
            i + len
        };
    }
    out
}

/// Reads the figure that may start at byte `i` of `s`, an ASCII digit or a
/// Chinese numeral (`s[..i]` is what precedes it in its sentence, `s`
/// starts at normalised offset `base`), and pushes it to `out`. Returns the
/// byte where the search for the next figure goes on: past the figure and
/// its unit, or past the digits or numerals that make none.
///
/// What it steps over is digits, numerals, `,` `.` between digits, spaces
/// and a unit: never a sentence's end.
pub(crate) fn figure_at(s: &str, i: usize, base: usize, out: &mut Vec<Figure>) -> usize {
    let b = s.as_bytes();
    let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    if b[i].is_ascii_digit() {
        let prev = s[..i].chars().next_back();
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '-') {
            return i + 1;
        }
        // Arabic: digits, ",ddd" groups, ".d+". The digits and the decimal
        // point, commas left out (at most 15 are kept).
        let mut digits = [0u8; 16];
        let mut n = 0usize;
        let mut dot = false;
        let mut j = i;
        while j < b.len() {
            let d = b[j];
            if d.is_ascii_digit() {
                if n < digits.len() {
                    digits[n] = d;
                }
                n += 1;
                j += 1;
            } else if (d == b',' || d == b'.') && digit_at(j + 1) && !(d == b'.' && dot) {
                if d == b',' {
                    // Only a thousands separator when 3 digits follow.
                    let three = (1..=3).all(|k| digit_at(j + k)) && !digit_at(j + 4);
                    if !three {
                        break;
                    }
                } else {
                    if n < digits.len() {
                        digits[n] = b'.';
                    }
                    n += 1;
                    dot = true;
                }
                j += 1;
            } else {
                break;
            }
        }
        let range = base + i..base + j;
        // A date, a year, a document number or a phone number is not a figure.
        let next = char_at(s, j);
        let is_date = matches!(
            next,
            Some('年' | '月' | '日' | '时' | '号' | '-' | '/' | ':')
        );
        let in_brackets = prev == Some('〔') || next == Some('〕');
        if !is_date && !in_brackets && n <= 15 {
            let value = if dot {
                Decimal::parse(std::str::from_utf8(&digits[..n]).expect("ASCII"))
            } else {
                // A whole number, as `Decimal::parse` reads it.
                let v = digits[..n]
                    .iter()
                    .fold(0i64, |v, d| v * 10 + (d - b'0') as i64);
                Some(Decimal::from_int(v))
            };
            if let Some(mut value) = value {
                let (unit, end) = read_unit(s, j, next, &mut value);
                out.push(Figure {
                    value,
                    range,
                    unit,
                    approx: approx_before(s, i, prev),
                    end: base + end,
                });
                return end.max(i + 1);
            }
        }
        return j.max(i + 1);
    }
    let c = char_at(s, i).expect("a numeral at a character boundary");
    // At most 12 numeral characters (`c` the first); `next` is the
    // character after them.
    let mut j = i + c.len_utf8();
    let mut count = 1;
    let next = loop {
        match char_at(s, j) {
            Some(d) if count < 12 && is_cn_numeral_char(d) => {
                j += d.len_utf8();
                count += 1;
            }
            next => break next,
        }
    };
    // Only a figure when a counting unit follows: "二十三件", "两起";
    // "一是", "二十大", "三审三校" are not. (Tested first: most numerals
    // fail it. The numerals after the first never start a figure: the
    // character before each is a numeral.)
    if !next.is_some_and(|n| COUNT_UNITS.contains(&n)) {
        return j;
    }
    let prev = s[..i].chars().next_back();
    if prev.is_some_and(|p| p == '第' || is_cn_numeral_char(p) || p == '周') {
        return i + c.len_utf8();
    }
    let text = &s[i..j];
    // A lone 十/百/万 is not a figure.
    if text.chars().any(|c| cn_digit(c).is_some()) || text.starts_with('十') {
        if let Some(v) = parse_chinese(text) {
            let mut value = Decimal::from_int(v as i64);
            let (unit, end) = read_unit(s, j, next, &mut value);
            out.push(Figure {
                value,
                range: base + i..base + j,
                unit,
                approx: approx_before(s, i, prev),
                end: base + end,
            });
            return end.max(i + c.len_utf8());
        }
    }
    j.max(i + c.len_utf8())
}

/// Reads the unit after a figure ending at byte `j` (`next` is the
/// character there), applying 万/亿; returns it and the byte where the
/// figure and its unit end.
fn read_unit(s: &str, j: usize, next: Option<char>, value: &mut Decimal) -> (Unit, usize) {
    // Spaces between a figure and its unit ("766 条").
    let mut k = j;
    let mut c = next;
    if c == Some(' ') {
        while s.as_bytes().get(k) == Some(&b' ') {
            k += 1;
        }
        c = char_at(s, k);
    }
    let mut unit = Unit::default();
    match c {
        Some('%') => {
            unit.base = Some('%');
            (unit, k + 1)
        }
        Some(m @ ('万' | '亿')) => {
            let mult = if m == '万' { 10_000 } else { 100_000_000 };
            if let Some(v) = value.checked_mul_int(mult) {
                *value = v;
            }
            unit.mult = Some(m);
            k += m.len_utf8();
            if let Some(u) = char_at(s, k) {
                if COUNT_UNITS.contains(&u) || u == '元' {
                    unit.base = Some(u);
                    k += u.len_utf8();
                }
            }
            (unit, k)
        }
        Some(u) if COUNT_UNITS.contains(&u) || u == '元' => {
            unit.base = Some(u);
            (unit, k + u.len_utf8())
        }
        _ => (unit, j),
    }
}

/// Whether the (at most three) characters before byte `i` end with 约, 近,
/// 超过… (spaces after it allowed); `prev` is the character before.
fn approx_before(s: &str, i: usize, prev: Option<char>) -> bool {
    // Each word ends with 约, 近, 过 or 逾: unless the character before is
    // one of them or a space, the answer is no.
    if !prev.is_some_and(|c| c.is_whitespace() || matches!(c, '约' | '近' | '过' | '逾')) {
        return false;
    }
    let start = s[..i]
        .char_indices()
        .rev()
        .take(3)
        .last()
        .map_or(i, |(k, _)| k);
    let b = s[start..i].trim_end();
    ["约", "近", "超过", "逾", "大约", "将近"]
        .iter()
        .any(|w| b.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(s: &str) -> Vec<(String, String)> {
        figures(s, 0)
            .into_iter()
            .map(|f| (f.value.to_string(), f.unit.to_string()))
            .collect()
    }

    #[test]
    fn numeral_blocks_hold_every_numeral() {
        for c in CN_NUMERALS {
            let mut b = [0u8; 4];
            let e = c.encode_utf8(&mut b).as_bytes();
            assert_eq!(e.len(), 3);
            assert!(in_numeral_block(e[0], e[1]), "{c}");
            assert!(is_cn_numeral_char(c));
        }
        let all = (0..0x11000u32).filter_map(char::from_u32);
        assert_eq!(
            all.filter(|&c| is_cn_numeral_char(c)).count(),
            CN_NUMERALS.len()
        );
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("二十三"), Some(23));
        assert_eq!(parse_chinese("十二"), Some(12));
        assert_eq!(parse_chinese("一百零五"), Some(105));
        assert_eq!(parse_chinese("两"), Some(2));
        assert_eq!(parse_chinese("三万五千"), Some(35000));
        assert_eq!(parse_chinese("二三"), None);
        assert_eq!(
            vals("收到申请二十三件，两起复议"),
            vec![("23".into(), "件".into()), ("2".into(), "起".into())]
        );
        assert!(vals("一是加强，二十大精神，三审三校，第一条").is_empty());
        // Past 12 numerals, or after 第, no figure; 𠮷 and full stops around.
        assert!(vals("第一二三件，一二三四五六七八九十一二三件").is_empty());
        assert_eq!(
            vals("𠮷二十三件𠮷。十二起"),
            vec![("23".into(), "件".into()), ("12".into(), "起".into())]
        );
    }

    #[test]
    fn arabic_units_and_percent() {
        assert_eq!(
            vals("收到申请55宗，占18.5%；共1,234条，约2.8万条，766 条"),
            vec![
                ("55".into(), "宗".into()),
                ("18.5".into(), "%".into()),
                ("1234".into(), "条".into()),
                ("28000".into(), "万条".into()),
                ("766".into(), "条".into())
            ]
        );
        assert!(vals("2023年1月1日，电话0763—3363956")
            .iter()
            .all(|v| v.1.is_empty()));
        assert!(figures("约2200万人次", 0)[0].approx);
    }
}
