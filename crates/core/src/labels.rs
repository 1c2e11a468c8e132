//! Fuzzy label matching: the same label written with spaces inside it,
//! （一）/(一), 1./1、/1．, broken over lines, or with a typo.
//!
//! Labels are compared in a canonical form: numbering stripped, whitespace
//! and punctuation removed. Figures are never matched this way.

/// Canonical form of one piece of a label (one table cell or one line).
pub fn canonical(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    canonical_into(s, &mut out);
    out
}

/// Appends the canonical form of `s` to `out`.
pub fn canonical_into(s: &str, out: &mut String) {
    let rest = strip_numbering(s.trim());
    out.extend(rest.chars().filter(|c| !is_ignorable(*c)));
}

/// Removes a leading numbering such as `一、`, `（一）`, `(一)`, `1.`, `1、`,
/// `1．`, `第一`, `1)`, possibly repeated ("三、(一)").
pub fn strip_numbering(s: &str) -> &str {
    let mut s = s.trim_start();
    loop {
        let before = s;
        s = strip_one(s).trim_start();
        if s.len() == before.len() {
            return s;
        }
    }
}

fn strip_one(s: &str) -> &str {
    let is_num = |c: char| c.is_ascii_digit() || is_cn_numeral(c);
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, '(' | '（' | '[' | '【')) => {
            // (一) / (1)
            let mut end = None;
            let mut saw_num = false;
            for (i, c) in chars {
                if is_num(c) {
                    saw_num = true;
                    continue;
                }
                if saw_num && matches!(c, ')' | '）' | ']' | '】') {
                    end = Some(i + c.len_utf8());
                }
                break;
            }
            end.map_or(s, |e| &s[e..])
        }
        Some((_, c)) if is_num(c) => {
            let mut last = c.len_utf8();
            for (i, c) in chars {
                if is_num(c) {
                    last = i + c.len_utf8();
                    continue;
                }
                if matches!(c, '、' | '.' | '．' | ')' | '）' | '，' | ',' | ' ') {
                    // "1. " — but not "1.5" (a figure).
                    let after = &s[i + c.len_utf8()..];
                    if c == '.' && after.starts_with(|d: char| d.is_ascii_digit()) {
                        return s;
                    }
                    return after;
                }
                return s;
            }
            let _ = last;
            s
        }
        _ => s,
    }
}

pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '、' | '，'
                | '。'
                | '：'
                | '；'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '《'
                | '》'
                | '（'
                | '）'
                | '【'
                | '】'
                | '—'
                | '…'
                | '·'
                | '！'
                | '？'
                | '「'
                | '」'
                | '〈'
                | '〉'
        )
}

/// The start of the last occurrence of each pattern in `hay` (see
/// [`Matcher`], which prepares the patterns once for many haystacks).
pub fn last_matches(hay: &str, pats: &[&str]) -> Vec<Option<usize>> {
    let mut last = Vec::new();
    Matcher::new(pats.iter().copied()).last_matches_into(hay, &mut last);
    last
}

/// A set of patterns indexed by their first character, for finding where
/// each last occurs in one pass over a haystack (much cheaper than one
/// `rfind` per pattern for short CJK phrases).
#[derive(Debug, Clone)]
pub struct Matcher<'p> {
    pats: Vec<&'p str>,
    /// (first character, pattern index), sorted; empty patterns are left out
    /// (they never match).
    firsts: Vec<(char, usize)>,
    /// Bit `c mod 1024` is set for every first character `c`: most
    /// characters of a text are passed over on this test alone.
    bloom: [u64; 16],
}

impl<'p> Matcher<'p> {
    pub fn new(pats: impl IntoIterator<Item = &'p str>) -> Self {
        let pats: Vec<&str> = pats.into_iter().collect();
        let mut firsts: Vec<(char, usize)> = pats
            .iter()
            .enumerate()
            .filter_map(|(k, p)| Some((p.chars().next()?, k)))
            .collect();
        firsts.sort_unstable();
        let mut bloom = [0u64; 16];
        for &(c, _) in &firsts {
            let b = c as usize & 1023;
            bloom[b >> 6] |= 1 << (b & 63);
        }
        Matcher {
            pats,
            firsts,
            bloom,
        }
    }

    /// The patterns that start with `c`, as (first character, index) pairs.
    fn starting_with(&self, c: char) -> &[(char, usize)] {
        let b = c as usize & 1023;
        if self.bloom[b >> 6] & (1 << (b & 63)) == 0 {
            return &[];
        }
        let lo = self.firsts.partition_point(|f| f.0 < c);
        let n = self.firsts[lo..].iter().take_while(|f| f.0 == c).count();
        &self.firsts[lo..lo + n]
    }

    /// Whether any of the patterns occurs in `hay`.
    pub fn any_in(&self, hay: &str) -> bool {
        let bytes = hay.as_bytes();
        hay.char_indices().any(|(i, c)| {
            self.starting_with(c)
                .iter()
                .any(|&(_, k)| bytes[i..].starts_with(self.pats[k].as_bytes()))
        })
    }

    /// Sets `last[k]` to the start of the last occurrence of pattern `k` in
    /// `hay` (`None` when it does not occur), for every pattern.
    pub fn last_matches_into(&self, hay: &str, last: &mut Vec<Option<usize>>) {
        last.clear();
        last.resize(self.pats.len(), None);
        let bytes = hay.as_bytes();
        for (i, c) in hay.char_indices() {
            for &(_, k) in self.starting_with(c) {
                if bytes[i..].starts_with(self.pats[k].as_bytes()) {
                    last[k] = Some(i);
                }
            }
        }
    }
}

/// Length of the longest common subsequence of two strings, in chars.
pub fn lcs(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() || a.len() > 400 || b.len() > 400 {
        return 0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &ca in &a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Similarity of `label` to the template's `wanted`, in 0..=1: the share of
/// `wanted` found in order in `label`, penalised when `label` is much longer.
pub fn similarity(label: &str, wanted: &str) -> f32 {
    let lw = wanted.chars().count();
    let ll = label.chars().count();
    if lw == 0 || ll == 0 {
        return 0.0;
    }
    // The LCS is at most the shorter length: when even that is far from the
    // thresholds used (0.6 and up), return that bound instead of computing.
    if (lw.min(ll) as f32) < 0.55 * lw.max(ll) as f32 {
        return lw.min(ll) as f32 / lw.max(ll) as f32;
    }
    let common = lcs(label, wanted) as f32;
    common / (lw.max(ll) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_variants() {
        for s in [
            "（一）予以公开",
            "(一) 予以公开",
            "一、予以公开",
            "1.予以公开",
            "1、予以公开",
            "1．予以公开",
            "三、(一)予以公开",
            "1. 予以 公 开",
        ] {
            assert_eq!(canonical(s), "予以公开", "{s}");
        }
        assert_eq!(canonical("危及“三安全一稳定”"), "危及三安全一稳定");
        assert_eq!(canonical("1.5"), "15");
    }

    #[test]
    fn last_matches_finds_the_last_of_each() {
        let m = last_matches(
            "予以公开及部分公开，部分公开",
            &["部分公开", "予以公开", "不予公开"],
        );
        assert_eq!(m, vec![Some("予以公开及部分公开，".len()), Some(0), None]);
    }

    #[test]
    fn typo_similarity() {
        let s = similarity("其他法律行政止公开", "其他法律行政法规禁止公开");
        assert!(s >= 0.7, "{s}");
        assert!(similarity("规章", "行政许可") < 0.6);
    }
}
