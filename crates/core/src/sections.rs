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
    // As `text.split('\n')` cuts it, the newlines found 64 bytes at a time.
    let mut newlines = crate::utf8::positions(text.as_bytes(), b'\n');
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let s = start?;
        match newlines.next() {
            Some(n) => {
                start = Some(n + 1);
                Some(s..n)
            }
            None => {
                start = None;
                Some(s..text.len())
            }
        }
    })
}

/// Finds the section headings, in text order, at most one per number, with
/// increasing positions for increasing numbers where possible.
pub fn find_headings(text: &str) -> Vec<Heading> {
    let mut found: Vec<Heading> = Vec::new();
    // (Lines longer than 240 bytes are passed over: the buffer never grows.)
    let mut canon = String::with_capacity(240);
    for r in lines(text) {
        // (`split_heading` turns away lines under 6 bytes too: they are
        // turned away before their first character is looked at.)
        if !(6..=240).contains(&r.len()) {
            continue;
        }
        let line = &text[r.clone()];
        if cannot_open_heading(line) {
            continue;
        }
        let Some((number_hint, title)) = split_heading(line) else {
            continue;
        };
        let Some(number) = match_title(title, number_hint, &mut canon) else {
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
    let t = crate::utf8::trim(line);
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
        && !is_title_first(c0)
    {
        return None;
    }
    if crate::labels::has_numbering(t) {
        return None;
    }
    Some((None, t))
}

/// Whether the first character of `line` rules it out as a heading, told
/// from its first bytes before any trimming: most lines (prose, table
/// labels, figures, each perhaps after a cell's tab) start with one that no
/// heading starts with, and are turned away by it for a few instructions,
/// before `split_heading` and `match_title` would.
///
/// It says so exactly for lines those two would turn away. Past the leading
/// ASCII whitespace and Markdown marks (`#`, `*`, `>`), the first character
/// is
/// - an ASCII letter or digit: no wording starts with a letter, and a digit
///   is either a numbering other than Chinese ("1. …", turned away) or a
///   figure ("2023年…"), which `match_title` finds as the first significant
///   character, the first of no title;
/// - an ideograph (U+4000–U+9FFF, lead byte E4–E9) that is neither 第, nor a
///   Chinese numeral, nor the first character of a title ([`title_firsts`]):
///   it is not numbering and not ignorable, so the title would start with
///   it;
/// - `(` or `[` and a numbering closed ([`bracketed_number`]): a numbering
///   other than Chinese, turned away.
///
/// If whitespace that `trim` leaves (after a `#`) comes before it, the line
/// is turned away anyway: `strip_numbering` would strip that whitespace.
fn cannot_open_heading(line: &str) -> bool {
    let b = line.as_bytes();
    let skipped = |x: &u8| matches!(x, b'\t'..=b'\r' | b' ' | b'#' | b'*' | b'>');
    let Some(i) = b.iter().position(|x| !skipped(x)) else {
        return false;
    };
    match b[i] {
        x if x.is_ascii_alphanumeric() => true,
        0xE4..=0xE9 => {
            let c = line[i..].chars().next().expect("char boundary");
            !(c == '第' || is_cn_numeral(c) || is_title_first(c))
        }
        b'(' | b'[' => bracketed_number(&line[i + 1..]),
        _ => false,
    }
}

/// Whether `s` starts with digits or Chinese numerals and a closing
/// bracket: after an opening one, a numbering "(一)" or "[2]" that
/// [`labels::has_numbering`](crate::labels::has_numbering) sees, which
/// turns the line away (sub-headings and table rows numbered so are many).
fn bracketed_number(s: &str) -> bool {
    let mut numbers = 0;
    for c in s.chars() {
        if c.is_ascii_digit() || is_cn_numeral(c) {
            numbers += 1;
            continue;
        }
        return numbers > 0 && matches!(c, ')' | '）' | ']' | '】');
    }
    false
}

fn cn_digit(c: char) -> Option<u8> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u8 + 1)
}

/// One of the template's wordings of a section title, with what
/// `match_title` asks of it computed once.
struct Wording {
    number: u8,
    /// In canonical form.
    canon: String,
    /// Its length in characters.
    chars: usize,
    /// Bit `c % 64` set for each character `c` of it (see `may_be_similar`).
    bloom: u64,
}

/// The template's section titles, every wording of each, in template order.
fn wordings() -> &'static [Wording] {
    static W: std::sync::OnceLock<Vec<Wording>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        SECTIONS
            .iter()
            .flat_map(|(n, _, alts)| alts.iter().map(move |a| (*n, canonical(a))))
            .map(|(number, canon)| Wording {
                number,
                chars: canon.chars().count(),
                bloom: canon.chars().fold(0, |m, c| m | 1 << (c as u32 % 64)),
                canon,
            })
            .collect()
    })
}

/// The characters the template's section titles start with, and 政 (of
/// the subject 政府信息公开 that may come before a title), with bit
/// `c % 64` set in a mask for each.
fn title_firsts() -> &'static (u64, Vec<char>) {
    static FIRSTS: std::sync::OnceLock<(u64, Vec<char>)> = std::sync::OnceLock::new();
    FIRSTS.get_or_init(|| {
        let mut f: Vec<char> = wordings()
            .iter()
            .filter_map(|w| w.canon.chars().next())
            .chain(['政'])
            .collect();
        f.sort_unstable();
        f.dedup();
        (f.iter().fold(0, |m, &c| m | 1 << (c as u32 % 64)), f)
    })
}

/// Whether a title starts with `c` ([`title_firsts`]): most characters are
/// turned away by the mask, without a search of the list.
fn is_title_first(c: char) -> bool {
    let (mask, firsts) = title_firsts();
    mask & 1 << (c as u32 % 64) != 0 && firsts.contains(&c)
}

/// How many characters of a text have each value of `c % 64`: what
/// [`may_be_similar`] asks of the text, counted once for all the wordings.
fn char_bits(text: &str) -> [u16; 64] {
    let mut bits = [0u16; 64];
    for c in text.chars() {
        bits[c as usize % 64] += 1;
    }
    bits
}

/// Whether a text of `n` characters, `bits` ([`char_bits`]), may be similar
/// enough to `w` to reach `min` ([`labels::similarity`](crate::labels::similarity):
/// the longest common subsequence over the longer length), told without
/// computing the subsequence. It is at most the number of characters of the
/// text whose bit is set in `w.bloom` (a superset of those `w` has), and
/// this bound rules out nearly every numbered line that is not a heading (a
/// table row such as "三、本年度办理结果" shares few characters with the
/// titles).
fn may_be_similar(bits: &[u16; 64], n: usize, w: &Wording, min: f32) -> bool {
    let (mut shared, mut bloom) = (0usize, w.bloom);
    while bloom != 0 {
        shared += bits[bloom.trailing_zeros() as usize] as usize;
        bloom &= bloom - 1;
    }
    // As the similarity is computed, so that the bound is one for it.
    shared as f32 / n.max(w.chars) as f32 >= min
}

/// Which section a title names, if any. `canon` is a buffer for its
/// canonical form (one for all the lines, instead of one allocation each).
fn match_title(title: &str, number_hint: Option<u8>, canon: &mut String) -> Option<u8> {
    if number_hint.is_none() {
        // Only a title equal to a wording (or to one after the subject
        // 政府信息公开) can match: its first significant character must be
        // one a wording starts with, or 政. Most lines fail this before
        // being put in canonical form.
        let rest = crate::labels::strip_numbering(crate::utf8::trim(title));
        let first = rest.chars().find(|c| !crate::labels::is_ignorable(*c));
        if !first.is_some_and(is_title_first) {
            return None;
        }
    }
    canon.clear();
    crate::labels::canonical_into(title, canon);
    let canon = canon.as_str();
    let n = canon.chars().count();
    if !(2..=40).contains(&n) {
        return None;
    }
    let mut best: Option<(u8, f32)> = None;
    // "政府信息公开工作存在的主要问题…": the subject is often repeated.
    let stripped = ["政府信息公开工作", "政府信息公开"]
        .iter()
        .find_map(|p| canon.strip_prefix(p))
        .filter(|r| r.chars().count() >= 4);
    if number_hint.is_none() {
        // Without a numbering only equal titles score (1 for the title, 0.99
        // for it without the subject; the two cannot both equal one
        // wording), so the first wording equal to the title wins, else the
        // first equal to it without the subject.
        let equal = |t: &str| wordings().iter().find(|w| w.canon == t).map(|w| w.number);
        return equal(canon).or_else(|| stripped.and_then(equal));
    }
    // A title equal to a wording scores 1, which nothing else reaches (a
    // similarity is 1 only for equal strings; the subject-less forms score
    // 0.99): the first such wording decides, and no similarity is needed.
    if let Some(w) = wordings().iter().find(|w| w.canon == canon) {
        return Some(w.number);
    }
    // A title that does not start as a wording does (or as the subject 政)
    // neither equals nor starts with one, with or without the subject: only
    // the similarity to the numbered section's own wordings may score (the
    // others score 0, which never decides). Most numbered table rows
    // ("一、本年新收政府信息公开申请数量") are such.
    if !canon.chars().next().is_some_and(is_title_first) {
        let bits = char_bits(canon);
        let similar = |w: &Wording| {
            may_be_similar(&bits, n, w, 0.7)
                && similarity_from(canon, &w.canon, 0.7).is_some_and(|s| s >= 0.7)
        };
        return number_hint.filter(|&h| wordings().iter().any(|w| w.number == h && similar(w)));
    }
    let mut bits = None;
    for w in wordings() {
        let (number, a) = (w.number, w.canon.as_str());
        if let Some(st) = stripped {
            if st == a || (number_hint.is_some() && st.starts_with(a) && w.chars >= 4) {
                if best.is_none_or(|(_, s)| s < 0.99) {
                    best = Some((number, 0.99));
                }
                continue;
            }
        }
        let score = if canon == a {
            1.0
        } else if number_hint.is_some() && canon.starts_with(a) && w.chars >= 4 {
            0.95
        } else if number_hint == Some(number)
            && may_be_similar(bits.get_or_insert_with(|| char_bits(canon)), n, w, 0.7)
        {
            // Typos are tolerated against the numbered section's own
            // titles. (A score under 0.7 never decides: the threshold is at
            // least that. So it is not computed, and 0 stands for it when
            // the lengths or the bound rule 0.7 out.)
            similarity_from(canon, a, 0.7).unwrap_or(0.0)
        } else {
            0.0
        };
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((number, score));
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
    // the title, possibly broken in two). Read up to the title, among the
    // first 12 that are not blank.
    let usable = |l: &str| l.chars().count() <= 80 && !crate::utf8::has_tab(l);
    let mut opening: Vec<(Range<usize>, &str)> = Vec::new();
    let mut named = false;
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
        // The first usable line that names the report.
        named = usable(line) && line.contains("报告") && !line.starts_with('#');
        if named {
            break;
        }
    }
    if !named {
        return None;
    }
    let k = opening.len() - 1;
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
    fn lines_turned_away_by_their_first_character_are_no_headings() {
        // Lines built from a lead, a start and a title: each one that
        // `cannot_open_heading` turns away, `split_heading` and
        // `match_title` turn away too.
        let leads = ["", "\t", "  ", "# ", "#\t", "**", "> ", "\t##\u{b}", "\r"];
        let starts = [
            "",
            "一、",
            "二.",
            "第三部分 ",
            "1. ",
            "(一)",
            "2023年",
            "第二十条",
            "政府信息公开",
            "x",
            "Ab",
            "𠮷",
            "中",
            "、",
            "(12)",
            "[三]",
            "(一",
            "()",
            "(一)(二)",
            "(一）",
            "(1.",
        ];
        let mut titles: Vec<&str> = SECTIONS.iter().flat_map(|s| s.2.iter().copied()).collect();
        titles.extend(["本年新收政府信息公开申请数量", "规章", "其他", "总计", "4"]);
        let mut canon = String::new();
        let (mut turned_away, mut headings) = (0, 0);
        for lead in leads {
            for start in starts {
                for title in &titles {
                    let line = format!("{lead}{start}{title}");
                    let found =
                        split_heading(&line).and_then(|(hint, t)| match_title(t, hint, &mut canon));
                    if cannot_open_heading(&line) {
                        assert_eq!(found, None, "{line:?}");
                        turned_away += 1;
                    }
                    headings += found.is_some() as usize;
                }
            }
        }
        assert!(
            turned_away > 500 && headings > 500,
            "{turned_away} {headings}"
        );
    }

    #[test]
    fn numbered_titles_with_typos() {
        let mut canon = String::new();
        for (line, want) in [
            ("三、收到和处理政府信息公开申清情况", Some(3)),
            ("四、政府信息公开行政夏议、行政诉讼情况", Some(4)),
            // Its first character is no title's: only the similarity to
            // section 五's wordings is asked.
            ("五、在的主要问题及改进情况", Some(5)),
            ("二、在的主要问题及改进情况", None),
            ("四、结转下年度继续办理", None),
            ("一、本年新收政府信息公开申请数量", None),
        ] {
            let (hint, title) = split_heading(line).unwrap();
            assert_eq!(match_title(title, hint, &mut canon), want, "{line}");
        }
    }

    #[test]
    fn similarity_bound() {
        // The bound holds for every wording, and turns away a table row.
        for w in wordings() {
            for s in [
                "总体情况",
                "总休情况",
                "主动公开政府信息情况",
                "行政复议行政诉讼",
                "存在的主要问题及改进情况",
            ] {
                let n = s.chars().count();
                let sim = crate::labels::similarity(s, &w.canon);
                if sim >= 0.7 {
                    assert!(may_be_similar(&char_bits(s), n, w, 0.7), "{s} {}", w.canon);
                }
            }
        }
        let row = "结转下年度继续办理";
        let w = wordings()
            .iter()
            .find(|w| w.canon == "行政复议行政诉讼情况")
            .unwrap();
        assert!(!may_be_similar(
            &char_bits(row),
            row.chars().count(),
            w,
            0.7
        ));
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
