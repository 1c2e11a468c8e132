//! Stage 2: the six section headings, the title, the year.
//!
//! A heading is a short line "一、总体情况" (numbering 一、/一./一．/第一部分,
//! Markdown `#`/`**` allowed) whose title matches one of the template's
//! wordings, short or long, fuzzily. Table rows such as "四、结转下年度继续办理"
//! carry the same numbering but no section title, so they never match.

use crate::labels::{canonical, is_cn_numeral, similarity_from};
use crate::template::SECTIONS;
use std::ops::Range;

/// A heading found in the normalised text.
#[derive(Debug, Clone)]
pub struct Heading {
    pub number: u8,
    /// The title as written (numbering removed), trimmed.
    pub title: String,
    /// The heading's line (trimmed), in normalised offsets; for a heading
    /// inside a line, the numbering and title only.
    pub range: Range<usize>,
    /// Found inside a line (a crawl that lost its line breaks), so the
    /// section's body starts right after `range`, not on the next line.
    pub inline: bool,
}

/// Lines of the normalised text: (start, end) without the newline.
pub fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    // As `text.split('\n')` cuts it, with a cheaper search per line.
    let b = text.as_bytes();
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let s = start?;
        match crate::utf8::next_byte(b, s, b'\n') {
            Some(n) => {
                start = Some(n + 1);
                Some(s..n)
            }
            None => {
                start = None;
                Some(s..b.len())
            }
        }
    })
}

/// Finds the section headings, in text order, at most one per number, with
/// increasing positions for increasing numbers where possible.
pub fn find_headings(text: &str) -> Vec<Heading> {
    let mut found: Vec<Heading> = Vec::new();
    for r in lines(text) {
        let line = &text[r.clone()];
        if line.len() > 240 {
            continue;
        }
        let Some((number_hint, title)) = split_heading(line) else {
            continue;
        };
        let Some(number) = match_title(title, number_hint) else {
            continue;
        };
        if found.iter().any(|h| h.number == number) {
            continue;
        }
        let t = title.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '#');
        let lead = line.len() - line.trim_start().len();
        let trail = line.trim_end().len();
        found.push(Heading {
            number,
            title: t.trim().to_string(),
            range: r.start + lead..r.start + trail.max(lead),
            inline: false,
        });
    }
    if found.len() < SECTIONS.len() {
        find_inline(text, &mut found);
    }
    found.sort_by_key(|h| h.range.start);
    found
}

/// Headings inside lines ("…联系。 一、总体情况 2023年…", as crawls give
/// them): numbering then a title written exactly as one of the template's
/// wordings, in section order between the headings already found.
fn find_inline(text: &str, found: &mut Vec<Heading>) {
    for (number, _, alts) in SECTIONS {
        if found.iter().any(|h| h.number == number) {
            continue;
        }
        let lo = found
            .iter()
            .filter(|h| h.number < number)
            .map(|h| h.range.end)
            .max()
            .unwrap_or(0);
        let hi = found
            .iter()
            .filter(|h| h.number > number)
            .map(|h| h.range.start)
            .min()
            .unwrap_or(text.len());
        let numeral = "一二三四五六"
            .chars()
            .nth(number as usize - 1)
            .expect("1..=6");
        let mut prev: Option<char> = None;
        let mut hit = None;
        for (i, c) in text[lo..hi.max(lo)].char_indices() {
            let at = lo + i;
            if c == numeral && !prev.is_some_and(|p| p == '第' || is_cn_numeral(p)) {
                let after = &text[at + c.len_utf8()..];
                if let Some(rest) = after.strip_prefix(['、', '.']) {
                    if let Some(len) = title_prefix(rest, alts) {
                        let start = at;
                        let end = text.len() - rest.len() + len;
                        hit = Some(Heading {
                            number,
                            title: text[text.len() - rest.len()..end].to_string(),
                            range: start..end,
                            inline: true,
                        });
                        break;
                    }
                }
            }
            prev = Some(c);
        }
        if let Some(h) = hit {
            found.push(h);
        }
    }
}

/// Byte length of the prefix of `s` that reads as one of `alts` (ignoring
/// spaces and punctuation, tolerating a one-character typo in a long title
/// such as "行政法复议"), if any.
fn title_prefix(s: &str, alts: &[&str]) -> Option<usize> {
    // The significant characters at the start of `s`, with their end offsets.
    let mut sig: Vec<(char, usize)> = Vec::new();
    for (i, c) in s.char_indices() {
        if sig.len() >= 48 {
            break;
        }
        if c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '、' | '，' | '“' | '”')
        {
            continue;
        }
        sig.push((c, i + c.len_utf8()));
    }
    let mut best: Option<(f32, usize)> = None;
    for alt in alts {
        let want: String = canonical(alt);
        let wn = want.chars().count();
        if wn < 4 {
            continue;
        }
        let tolerance = if wn >= 10 { 1 } else { 0 };
        for len in wn.saturating_sub(tolerance)..=wn + tolerance {
            if len == 0 || len > sig.len() {
                continue;
            }
            let got: String = sig[..len].iter().map(|x| x.0).collect();
            let score = if got == want {
                1.0
            } else if tolerance > 0 {
                let common = crate::labels::lcs(&got, &want);
                if common + tolerance >= wn && common + tolerance >= len {
                    0.9
                } else {
                    0.0
                }
            } else {
                0.0
            };
            if score > 0.0 {
                let end = sig[len - 1].1;
                if best.is_none_or(|(bs, bl)| score > bs || (score == bs && end > bl)) {
                    best = Some((score, end));
                }
            }
        }
    }
    best.map(|b| b.1)
}

/// Splits "一、总体情况" into (Some(1), "总体情况"); a line without numbering
/// gives (None, line). Returns None for lines that cannot be headings.
fn split_heading(line: &str) -> Option<(Option<u8>, &str)> {
    // Every wording is at least two ideographs (6 bytes): a shorter line (a
    // figure cell) can neither equal one, start with one nor be similar
    // enough to one (see `match_title`).
    if line.len() < 6 {
        return None;
    }
    let t = line.trim();
    if t.len() < 6 {
        return None;
    }
    let t = t.trim_start_matches(['#', '*', ' ', '>']);
    if t.is_empty() {
        return None;
    }
    let mut chars = t.char_indices();
    let (_, c0) = chars.next()?;
    if c0 == '第' {
        // 第一部分 / 第一章
        let (_, c1) = chars.next()?;
        if is_cn_numeral(c1) {
            let rest = &t[c0.len_utf8() + c1.len_utf8()..];
            for unit in ["部分", "章", "节", "项"] {
                if let Some(r) = rest.strip_prefix(unit) {
                    let r = r.trim_start_matches([' ', '、', ':', '.', '：']);
                    return Some((cn_digit(c1), r));
                }
            }
        }
        return None;
    }
    if is_cn_numeral(c0) {
        let (i, c1) = chars.next()?;
        if matches!(c1, '、' | '.' | ' ' | ',' | '，' | ':' | '：') {
            return Some((cn_digit(c0), &t[i + c1.len_utf8()..]));
        }
        return None;
    }
    // No Chinese numbering: the whole line must be a title, and not a
    // sub-heading numbered otherwise ("1. 主动公开情况", "（一）…").
    // (Most lines start with a character no title starts with, which
    // `match_title` would find after stripping a numbering there is not:
    // they are turned away here, at no cost.)
    if !crate::labels::may_start_numbering(c0)
        && !crate::labels::is_ignorable(c0)
        && !title_firsts().contains(&c0)
    {
        return None;
    }
    if crate::labels::strip_numbering(t).len() != t.len() {
        return None;
    }
    Some((None, t))
}

fn cn_digit(c: char) -> Option<u8> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u8 + 1)
}

/// The template's section titles in canonical form, computed once.
fn canonical_titles() -> &'static [(u8, Vec<String>)] {
    static T: std::sync::OnceLock<Vec<(u8, Vec<String>)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        SECTIONS
            .iter()
            .map(|(n, _, alts)| (*n, alts.iter().map(|a| canonical(a)).collect()))
            .collect()
    })
}

/// The characters the template's section titles start with, and 政 (of
/// the subject 政府信息公开 that may come before a title).
fn title_firsts() -> &'static [char] {
    static FIRSTS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    FIRSTS.get_or_init(|| {
        let mut f: Vec<char> = canonical_titles()
            .iter()
            .flat_map(|(_, alts)| alts.iter().filter_map(|a| a.chars().next()))
            .chain(['政'])
            .collect();
        f.sort_unstable();
        f.dedup();
        f
    })
}

/// Which section a title names, if any.
fn match_title(title: &str, number_hint: Option<u8>) -> Option<u8> {
    if number_hint.is_none() {
        // Only a title equal to a wording (or to one after the subject
        // 政府信息公开) can match: its first significant character must be
        // one a wording starts with, or 政. Most lines fail this before
        // being put in canonical form.
        let rest = crate::labels::strip_numbering(title.trim());
        let first = rest.chars().find(|c| !crate::labels::is_ignorable(*c));
        if !first.is_some_and(|c| title_firsts().contains(&c)) {
            return None;
        }
    }
    let canon = canonical(title);
    let n = canon.chars().count();
    if !(2..=40).contains(&n) {
        return None;
    }
    let mut best: Option<(u8, f32)> = None;
    // "政府信息公开工作存在的主要问题…": the subject is often repeated.
    let stripped = ["政府信息公开工作", "政府信息公开"]
        .iter()
        .find_map(|p| canon.strip_prefix(p))
        .filter(|r| r.chars().count() >= 4)
        .map(str::to_string);
    if number_hint.is_none() {
        // Without a numbering only equal titles score (1 for the title, 0.99
        // for it without the subject; the two cannot both equal one
        // wording), so the first wording equal to the title wins, else the
        // first equal to it without the subject.
        let titles = canonical_titles();
        let equal = |t: &str| {
            titles
                .iter()
                .find(|(_, alts)| alts.iter().any(|a| a == t))
                .map(|(n, _)| *n)
        };
        return equal(&canon).or_else(|| stripped.as_deref().and_then(equal));
    }
    // A title equal to a wording scores 1, which nothing else reaches (a
    // similarity is 1 only for equal strings; the subject-less forms score
    // 0.99): the first such wording decides, and no similarity is needed.
    if let Some((number, _)) = canonical_titles()
        .iter()
        .find(|(_, alts)| alts.contains(&canon))
    {
        return Some(*number);
    }
    for (number, alts) in canonical_titles() {
        let number = *number;
        for a in alts.iter().map(String::as_str) {
            if let Some(st) = &stripped {
                if st == a || (number_hint.is_some() && st.starts_with(a) && a.chars().count() >= 4)
                {
                    if best.is_none_or(|(_, s)| s < 0.99) {
                        best = Some((number, 0.99));
                    }
                    continue;
                }
            }
            let score = if canon == a {
                1.0
            } else if number_hint.is_some() && canon.starts_with(a) && a.chars().count() >= 4 {
                0.95
            } else if number_hint == Some(number) {
                // Typos are tolerated against the numbered section's own
                // titles. (A score under 0.7 never decides: the threshold is
                // at least that, so it is not computed.)
                similarity_from(&canon, a, 0.7).unwrap_or(0.0)
            } else {
                0.0
            };
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((number, score));
            }
        }
    }
    let (number, score) = best?;
    let threshold = if number_hint == Some(number) {
        0.7
    } else {
        0.85
    };
    (score >= threshold).then_some(number)
}

/// The report's title: the first non-empty lines up to one ending in 报告
/// (at most three lines), or the first line.
pub fn find_title(text: &str) -> Option<(String, Range<usize>)> {
    // The opening lines: short, no tabs (a letterhead, a crawl's metadata,
    // the title, possibly broken in two).
    let mut opening: Vec<(Range<usize>, &str)> = Vec::new();
    for r in lines(text) {
        let raw = &text[r.clone()];
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if opening.len() >= 12 {
            break;
        }
        let lead = raw.len() - raw.trim_start().len();
        opening.push((r.start + lead..r.start + lead + line.len(), line));
    }
    let usable = |l: &str| l.chars().count() <= 80 && !crate::utf8::has_tab(l);
    // The first usable line that names the report.
    let k = opening
        .iter()
        .position(|(_, l)| usable(l) && l.contains("报告") && !l.starts_with('#'))?;
    let mut first = k;
    if k > 0 {
        let prev = opening[k - 1].1;
        let broken = usable(prev)
            && prev.chars().count() < 40
            && !prev.starts_with('#')
            && !prev.ends_with(['。', '：', ':', '；', '，'])
            && !opening[k].1.starts_with(['（', '('])
            && (prev.contains("政府")
                || prev.contains("年")
                || prev.contains("局")
                || prev.contains("委"));
        if broken && !opening[k].1.contains("人民政府") && !prev.contains("报告") {
            first = k - 1;
        }
    }
    let title: String = opening[first..=k]
        .iter()
        .map(|(_, l)| {
            let l = l.trim_matches(['#', '*', ' ']);
            l.strip_prefix("标题:")
                .or_else(|| l.strip_prefix("标题："))
                .unwrap_or(l)
                .trim()
        })
        .collect();
    Some((title, opening[first].0.start..opening[k].0.end))
}

/// Year of the report: from the title, else from "YYYY年1月1日至…", else from
/// the first "YYYY年" in the opening lines.
pub fn find_year(text: &str, title: Option<&str>) -> Option<i32> {
    if let Some(y) = title.and_then(first_year) {
        return Some(y);
    }
    // Statistics period: "2023年1月1日至2023年12月31日".
    if let Some(p) = text.find("1月1日") {
        let before = &text[..p];
        let before = before.trim_end_matches([' ', '年']);
        let digits: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.len() == 4 {
            let y: String = digits.chars().rev().collect();
            if let Ok(y) = y.parse() {
                return Some(y);
            }
        }
    }
    let head: String = text.chars().take(600).collect();
    first_year(&head)
}

/// The first "YYYY年" (2000–2100) in `s`.
pub fn first_year(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let rest = s[i + 4..].trim_start();
            if rest.starts_with('年') {
                let y: i32 = s[i..i + 4].parse().ok()?;
                if (2000..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_not_rows() {
        let t = "标题\n一、总体情况\n文字\n二、主动公开政府信息情况\n一、本年新收政府信息公开申请数量\t1\n三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题和下一步工作措施\n六、其他需要报告的事项\n";
        let h = find_headings(t);
        let nums: Vec<u8> = h.iter().map(|h| h.number).collect();
        assert_eq!(nums, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(h[3].title, "政府信息公开行政复议、行政诉讼情况");
    }

    #[test]
    fn lines_as_split_cuts_them() {
        for t in [
            "",
            "\n",
            "a",
            "a\n",
            "\na\nbc\n\n一二三四五六七八九十\nx",
            "一二三四五六七八九十\n",
        ] {
            let want: Vec<&str> = t.split('\n').collect();
            let got: Vec<&str> = lines(t).map(|r| &t[r]).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn sub_headings_are_not_sections() {
        let t = "（一）主动公开工作\n一是主动公开方面\n1. 主动公开情况\n";
        assert!(find_headings(t).is_empty());
    }

    #[test]
    fn year_and_title() {
        let t = "\n韶关市武江区人民政府2023年度政府\n信息公开工作报告\n\n正文";
        let (title, _) = find_title(t).unwrap();
        assert_eq!(title, "韶关市武江区人民政府2023年度政府信息公开工作报告");
        assert_eq!(find_year(t, Some(&title)), Some(2023));
        assert_eq!(
            find_year("统计期限为2019年1月1日至12月31日", None),
            Some(2019)
        );
    }
}
