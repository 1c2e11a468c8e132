//! Reading one cell's text as a figure — or refusing to.

use crate::decimal::Decimal;

/// What a cell's text is.
#[derive(Debug, Clone, PartialEq)]
pub enum CellText {
    /// Nothing.
    Empty,
    /// A figure, with the unit written after it, if any ("5819.06万元").
    Number(Decimal, &'static str),
    /// A mark that stands for "no figure": "/", "—", "-", "无", "空", "×".
    BlankMark,
    /// Not a figure.
    Text,
}

impl CellText {
    pub fn is_figure(&self) -> bool {
        matches!(self, CellText::Number(..))
    }
}

const UNITS: &[&str] = &["万元", "元", "件", "宗", "条", "个", "项", "次", "起"];

/// The value of a whole number written with 1 to 18 ASCII digits and
/// nothing else, as nearly every cell is ("0", "51"), read without
/// [`Decimal::parse`]; `None` for anything else.
#[inline]
pub fn whole_number(b: &[u8]) -> Option<i64> {
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    // Read and checked in one pass.
    let mut v = 0i64;
    for &d in b {
        let x = d.wrapping_sub(b'0');
        if x > 9 {
            return None;
        }
        v = v * 10 + x as i64;
    }
    Some(v)
}

pub fn parse_cell(s: &str) -> CellText {
    let t = crate::utf8::trim(s);
    if t.is_empty() {
        return CellText::Empty;
    }
    // The common case: a whole number ("0", "51").
    if let Some(v) = whole_number(t.as_bytes()) {
        return CellText::Number(Decimal::from_int(v), "");
    }
    if matches!(
        t,
        "/" | "／" | "—" | "——" | "-" | "--" | "–" | "无" | "空" | "×" | "\\" | "－" | "一"
    ) {
        // "一" is how a dash often comes out of a PDF.
        return CellText::BlankMark;
    }
    // A figure starts with a digit, a sign or a decimal point.
    if !matches!(t.as_bytes()[0], b'0'..=b'9' | b'+' | b'-' | b'.') {
        return CellText::Text;
    }
    // A figure is figure characters, then possibly spaces and a unit: a
    // cell where something else follows the figure characters ("1. 属于
    // 国家秘密", "2023年") is text, told without trying every unit.
    let tb = t.as_bytes();
    if let Some(p) = tb
        .iter()
        .position(|b| !matches!(b, b'0'..=b'9' | b',' | b'.' | b'+' | b'-'))
    {
        let b = tb[p];
        let unit_may_follow = if b < 0x80 {
            matches!(b, b'\t'..=b'\r' | b' ')
        } else {
            true
        };
        // (`p` is a character boundary: only ASCII comes before it.)
        if !unit_may_follow || !UNITS.contains(&t[p..].trim_start()) {
            return CellText::Text;
        }
    }
    let (body, unit) = UNITS
        .iter()
        .find_map(|u| t.strip_suffix(u).map(|b| (b.trim_end(), *u)))
        .unwrap_or((t, ""));
    match Decimal::parse(body) {
        Some(d) => CellText::Number(d, unit),
        None => CellText::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `parse_cell` as it was before the early refusal of cells where
    /// something other than a unit follows the figure characters.
    fn parse_cell_reference(s: &str) -> CellText {
        let t = crate::utf8::trim(s);
        if t.is_empty() {
            return CellText::Empty;
        }
        if matches!(
            t,
            "/" | "／" | "—" | "——" | "-" | "--" | "–" | "无" | "空" | "×" | "\\" | "－" | "一"
        ) {
            return CellText::BlankMark;
        }
        if !matches!(t.as_bytes()[0], b'0'..=b'9' | b'+' | b'-' | b'.') {
            return CellText::Text;
        }
        let (body, unit) = UNITS
            .iter()
            .find_map(|u| t.strip_suffix(u).map(|b| (b.trim_end(), *u)))
            .unwrap_or((t, ""));
        match Decimal::parse(body) {
            Some(d) => CellText::Number(d, unit),
            None => CellText::Text,
        }
    }

    #[test]
    fn whole_numbers() {
        for s in [
            "",
            "0",
            "7",
            "51",
            "007",
            "123456789012345678",
            "1234567890123456789",
            "1 ",
            " 1",
            "1.5",
            "-3",
            "+3",
            "１",
            "𠮷",
            "5/",
            "9:",
            "0\u{3000}",
        ] {
            let b = s.as_bytes();
            let want = (!b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit))
                .then(|| s.parse::<i64>().unwrap());
            assert_eq!(whole_number(b), want, "{s:?}");
        }
    }

    #[test]
    fn early_refusal_changes_nothing() {
        let pieces = [
            "0", "5", "12", ".", ",", "+", "-", " ", "\t", "\r\n", "\u{3000}", "\u{a0}", "万元",
            "元", "件", "万", "个", "属于", "𠮷", "a", "%", "年", "1.", "1、", "（", "—",
        ];
        let mut rng = crate::testing::Rng::new();
        for _ in 0..20000 {
            let n = 1 + rng.next() % 5;
            let s: String = (0..n)
                .map(|_| pieces[(rng.next() % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(parse_cell(&s), parse_cell_reference(&s), "{s:?}");
        }
        for s in [
            "5 万元",
            "5\u{3000}件",
            "1. 属于国家秘密",
            "3项目",
            "2023年",
            "1,234.5元",
        ] {
            assert_eq!(parse_cell(s), parse_cell_reference(s), "{s:?}");
        }
    }

    #[test]
    fn cells() {
        assert!(matches!(parse_cell(" 51 "), CellText::Number(..)));
        assert!(matches!(
            parse_cell("5819.06万元"),
            CellText::Number(_, "万元")
        ));
        assert_eq!(parse_cell("/"), CellText::BlankMark);
        assert_eq!(parse_cell("  "), CellText::Empty);
        assert_eq!(parse_cell("1. 属于国家秘密"), CellText::Text);
        assert_eq!(parse_cell("行政规范性文件8855698"), CellText::Text);
        assert_eq!(parse_cell("万元"), CellText::Text);
    }
}
