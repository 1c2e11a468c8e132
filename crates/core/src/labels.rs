//! Fuzzy label matching: the same label written with spaces inside it,
//! （一）/(一), 1./1、/1．, broken over lines, or with a typo.
//!
//! Labels are compared in a canonical form: numbering stripped, whitespace
//! and punctuation removed. Figures are never matched this way.

use crate::utf8::CharKey;

/// Canonical form of one piece of a label (one table cell or one line).
pub fn canonical(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    canonical_into(s, &mut out);
    out
}

/// Appends the canonical form of `s` to `out`.
pub fn canonical_into(s: &str, out: &mut String) {
    // Only ASCII spaces and punctuation and the lead bytes of the other
    // ignorable characters (C2, E1, E2, E3, EF) stop the scan. Runs between ignorable characters are
    // copied whole.
    const STEP: [u8; 256] = {
        let mut t = crate::utf8::stop_at(&[0xC2, 0xE1, 0xE2, 0xE3, 0xEF]);
        let mut b = 0;
        while b < 0x80 {
            if (b as u8).is_ascii_whitespace() || (b as u8).is_ascii_punctuation() || b == 0x0B {
                t[b] = 0;
            }
            b += 1;
        }
        t
    };
    let rest = strip_numbering(crate::utf8::trim(s));
    copy_without(rest, &STEP, is_ignorable, out);
}

/// Appends `s` to `out` without the characters `drop` says to leave out,
/// copying the runs between them whole. `table` ([`crate::utf8::stop_at`])
/// stops at every ASCII byte `drop` leaves out, and at the lead bytes of the
/// other characters it may leave out: those characters are decoded and
/// asked; the ASCII stops are left out without asking.
#[inline]
fn copy_without(s: &str, table: &[u8; 256], drop: impl Fn(char) -> bool, out: &mut String) {
    out.reserve(s.len());
    let b = s.as_bytes();
    // Start of the run of kept bytes not yet copied.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        match crate::utf8::next_stop(b, i, table) {
            Some(k) => i = k,
            None => break,
        }
        let len = if b[i] < 0x80 {
            1
        } else {
            let c = s[i..].chars().next().expect("char boundary");
            if !drop(c) {
                i += c.len_utf8();
                continue;
            }
            c.len_utf8()
        };
        out.push_str(&s[run..i]);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// `s` without its whitespace (labels may be broken over lines: "本年新\n制作数量").
///
/// Copies runs of bytes: only ASCII whitespace or a character whose lead
/// byte a Unicode space shares (U+0085, U+00A0, U+1680, U+2000–U+205F,
/// U+3000) stops a run.
pub fn without_whitespace(s: &str) -> String {
    const STEP: [u8; 256] = crate::utf8::stop_at(&[
        b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3,
    ]);
    let mut out = String::new();
    copy_without(s, &STEP, char::is_whitespace, &mut out);
    out
}

/// Words without whitespace that share a character, their *anchor*:
/// prepared for asking, at an occurrence of the anchor in a text, which of
/// them the text without its whitespace holds there ([`Self::around`]) —
/// what `without_whitespace(text).contains(word)` tells for all the
/// occurrences at once, told without copying the text.
#[derive(Debug, Clone)]
pub(crate) struct Anchored {
    anchor: CharKey,
    /// The characters all the words have next to the anchor: before it
    /// (the nearest first) and after it.
    shared: [Vec<CharKey>; 2],
    /// Each word's bit (the caller's) and its other characters before and
    /// after those.
    words: Vec<(u32, [Vec<CharKey>; 2])>,
}

impl Anchored {
    /// `words` (each without whitespace, with its bit) anchored at their
    /// character `anchor`, which starts at the byte given with each.
    pub(crate) fn new(anchor: char, words: &[(&str, usize, u32)]) -> Self {
        let sides: Vec<(u32, [Vec<CharKey>; 2])> = words
            .iter()
            .map(|&(word, k, bit)| {
                assert!(word[k..].starts_with(anchor), "{word} {k}");
                assert!(!word.contains(char::is_whitespace), "{word}");
                let after = &word[k + anchor.len_utf8()..];
                let before = word[..k].chars().rev().map(CharKey::new).collect();
                (bit, [before, after.chars().map(CharKey::new).collect()])
            })
            .collect();
        // The longest prefix of each side that every word has.
        let shared = [0, 1].map(|side| {
            let first = sides.first().map_or(&[][..], |w| &w.1[side][..]);
            let n = (0..first.len())
                .take_while(|&i| sides.iter().all(|w| w.1[side].get(i) == Some(&first[i])))
                .count();
            first[..n].to_vec()
        });
        let n = [shared[0].len(), shared[1].len()];
        Anchored {
            anchor: CharKey::new(anchor),
            words: sides
                .into_iter()
                .map(|(bit, [before, after])| {
                    (bit, [before[n[0]..].to_vec(), after[n[1]..].to_vec()])
                })
                .collect(),
            shared,
        }
    }

    /// The bits, among `wanted`, of the words that `s` without its
    /// whitespace holds with their anchor at byte `at` of `s` (where the
    /// anchor is). The characters all the words have are compared once.
    ///
    /// (Not inlined: it is called at one byte in 200 or so of a search,
    /// whose loop is the faster without it.)
    #[inline(never)]
    pub(crate) fn around(&self, s: &str, at: usize, wanted: u32) -> u32 {
        let Some(end) = before(s, at, &self.shared[0]) else {
            return 0;
        };
        let Some(start) = after(s, at + self.anchor.len, &self.shared[1]) else {
            return 0;
        };
        let mut found = 0;
        for (bit, [b, a]) in &self.words {
            if bit & wanted != 0 && before(s, end, b).is_some() && after(s, start, a).is_some() {
                found |= bit;
            }
        }
        found
    }
}

/// Where `chars` (nearest first) start if `s` without its whitespace has
/// them just before byte `end`: each is compared with the character of `s`
/// before the last one matched, whitespace passed over.
// (Inlined in `around`, which calls it twice: a call costs as much.)
#[inline(always)]
fn before(s: &str, mut end: usize, chars: &[CharKey]) -> Option<usize> {
    let b = s.as_bytes();
    for c in chars {
        while !c.is_before(b, end) {
            match crate::utf8::space_before(s, end) {
                0 => return None,
                n => end -= n,
            }
        }
        end -= c.len;
    }
    Some(end)
}

/// Where `chars` end if `s` without its whitespace has them from byte
/// `start` (see [`before`]).
// (Inlined in `around`, as `before`.)
#[inline(always)]
fn after(s: &str, mut start: usize, chars: &[CharKey]) -> Option<usize> {
    let b = s.as_bytes();
    for c in chars {
        while !c.is_at(b, start) {
            match crate::utf8::space_at(s, start) {
                0 => return None,
                n => start += n,
            }
        }
        start += c.len;
    }
    Some(start)
}

/// The number of characters of `s` that are not whitespace: all of them,
/// less the whitespace found where [`without_whitespace`] stops.
pub fn count_non_whitespace(s: &str) -> usize {
    const STEP: [u8; 256] = crate::utf8::stop_at(&[
        b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3,
    ]);
    // All characters, less the whitespace ones, found at the bytes that
    // may start one (a stop is never a continuation byte).
    let b = s.as_bytes();
    let mut n = s.chars().count();
    let mut i = 0;
    while let Some(k) = crate::utf8::next_stop(b, i, &STEP) {
        i = k;
        let c = s[i..].chars().next().expect("char boundary");
        if c.is_whitespace() {
            n -= 1;
        }
        i += c.len_utf8();
    }
    n
}

/// Removes a leading numbering such as `一、`, `（一）`, `(一)`, `1.`, `1、`,
/// `1．`, `第一`, `1)`, possibly repeated ("三、(一)").
/// Whether [`strip_numbering`] may remove something from a text starting
/// with `c`: a space, a bracket, a digit or a Chinese numeral. Text
/// starting with any other character is left as it is.
pub fn may_start_numbering(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '（' | '[' | '【')
        || c.is_ascii_digit()
        || is_cn_numeral(c)
}

pub fn strip_numbering(s: &str) -> &str {
    // The usual case: a label that starts with neither a space nor anything
    // a numbering starts with.
    if !s.chars().next().is_some_and(may_start_numbering) {
        return s;
    }
    let mut s = trim_start(s);
    loop {
        let before = s;
        s = trim_start(strip_one(s));
        if s.len() == before.len() {
            return s;
        }
    }
}

/// `s.trim_start()`, without decoding when the first byte cannot start a
/// whitespace character (which is ASCII or has one of the lead bytes C2,
/// E1, E2, E3): most often the first character is kept.
fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3) => s.trim_start(),
        _ => s,
    }
}

/// Whether [`strip_numbering`] would remove anything from `s`: whether `s`
/// starts with whitespace or with one numbering. The same answer for less:
/// a repeated numbering is not stripped to its end, nor trimmed after.
pub(crate) fn has_numbering(s: &str) -> bool {
    match s.chars().next() {
        Some(c) if may_start_numbering(c) => c.is_whitespace() || strip_one(s).len() < s.len(),
        _ => false,
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
            for (i, c) in chars {
                if is_num(c) {
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

/// Whether `c` is left out of the canonical form: whitespace and
/// punctuation.
pub(crate) fn is_ignorable(c: char) -> bool {
    // The common case: a CJK ideograph.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
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
///
/// The pass steps from character to character by lead byte and tests the
/// low 10 bits of each code point against a table of the patterns' first
/// characters: most characters are passed over without being decoded. A
/// pattern whose first character passes is compared by its first 8 bytes
/// at once.
#[derive(Debug, Clone)]
pub struct Matcher<'p> {
    pats: Vec<&'p str>,
    /// The patterns grouped by the low 10 bits of their first character:
    /// those with bits `b` are `order[start[b]..start[b + 1]]`. Empty
    /// patterns are left out (they never match).
    start: Vec<u32>,
    order: Vec<u32>,
    /// Whether a pattern's first character has low bits `b`.
    first: Box<[bool; 1024]>,
    /// Each pattern's first 8 bytes (fewer if it is shorter), little-endian,
    /// and the mask of those bytes: a candidate is turned away with one
    /// comparison of words.
    heads: Vec<(u64, u64)>,
}

impl<'p> Matcher<'p> {
    pub fn new(pats: impl IntoIterator<Item = &'p str>) -> Self {
        let pats: Vec<&str> = pats.into_iter().collect();
        let mut firsts: Vec<(usize, u32)> = pats
            .iter()
            .enumerate()
            .filter_map(|(k, p)| Some((p.chars().next()? as usize & 1023, k as u32)))
            .collect();
        firsts.sort_unstable();
        let mut first = Box::new([false; 1024]);
        let mut start = vec![0u32; 1025];
        for &(b, _) in &firsts {
            first[b] = true;
            start[b + 1] += 1;
        }
        for b in 0..1024 {
            start[b + 1] += start[b];
        }
        let heads = pats.iter().map(|p| head(p.as_bytes())).collect();
        Matcher {
            pats,
            start,
            order: firsts.iter().map(|f| f.1).collect(),
            first,
            heads,
        }
    }

    /// Calls `f(i, k)` for every occurrence of pattern `k` at byte `i` of
    /// `hay`, in order of `i`, until `f` returns `true`.
    #[inline]
    fn scan(&self, hay: &str, mut f: impl FnMut(usize, usize) -> bool) {
        let b = hay.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let Some((len, key)) = char_key(b, i) else {
                break;
            };
            if self.first[key] {
                let group = self.start[key] as usize..self.start[key + 1] as usize;
                let rest = &b[i..];
                // The next 8 bytes as a word, when there are 8.
                let word = rest.first_chunk::<8>().map(|w| u64::from_le_bytes(*w));
                for &k in &self.order[group] {
                    let k = k as usize;
                    let p = self.pats[k].as_bytes();
                    let found = match word {
                        Some(w) => {
                            let (head, mask) = self.heads[k];
                            w & mask == head
                                && rest
                                    .get(..p.len())
                                    .is_some_and(|r| p.len() <= 8 || r[8..] == p[8..])
                        }
                        None => rest.len() >= p.len() && rest.iter().zip(p).all(|(x, y)| x == y),
                    };
                    if found && f(i, k) {
                        return;
                    }
                }
            }
            i += len;
        }
    }

    /// Calls `f(i, k)` for every occurrence of pattern `k` at byte `i` of
    /// `hay`, in order of `i`.
    pub fn each_match(&self, hay: &str, mut f: impl FnMut(usize, usize)) {
        self.scan(hay, |i, k| {
            f(i, k);
            false
        });
    }

    /// Whether any of the patterns occurs in `hay`.
    pub fn any_in(&self, hay: &str) -> bool {
        let mut any = false;
        self.scan(hay, |_, _| {
            any = true;
            true
        });
        any
    }

    /// Sets `last[k]` to the start of the last occurrence of pattern `k` in
    /// `hay` (`None` when it does not occur), for every pattern.
    pub fn last_matches_into(&self, hay: &str, last: &mut Vec<Option<usize>>) {
        last.clear();
        last.resize(self.pats.len(), None);
        self.scan(hay, |i, k| {
            last[k] = Some(i);
            false
        });
    }
}

/// The first 8 bytes of `p` (fewer if it is shorter) as a little-endian
/// word, and the mask of the bytes it holds.
fn head(p: &[u8]) -> (u64, u64) {
    let n = p.len().min(8);
    let mut bytes = [0u8; 8];
    bytes[..n].copy_from_slice(&p[..n]);
    let mask = if n == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    (u64::from_le_bytes(bytes), mask)
}

/// The length of the character starting at byte `i` of `b` (the bytes of
/// a `str`) and the low 10 bits of its code point, read from its last two
/// bytes without decoding it; `None` if the bytes end inside it.
#[inline]
fn char_key(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let lead = *b.get(i)?;
    if lead < 0x80 {
        return Some((1, lead as usize));
    }
    let len = crate::utf8::LEN[lead as usize] as usize;
    let &[x, y] = b.get(i + len - 2..i + len)? else {
        return None;
    };
    Some((len, ((x as usize & 0x0F) << 6) | (y as usize & 0x3F)))
}

/// Length of the longest common subsequence of two strings, in chars (0
/// when either is longer than 400 chars).
pub fn lcs(a: &str, b: &str) -> usize {
    lcs_counted(a, a.chars().count(), b, b.chars().count())
}

/// [`lcs`] of `a` (`na` chars) and `b` (`nb` chars).
fn lcs_counted(a: &str, na: usize, b: &str, nb: usize) -> usize {
    if na == 0 || nb == 0 || na > 400 || nb > 400 {
        return 0;
    }
    // (Symmetric: the masks are built over the shorter string.)
    if na <= 64 && na <= nb {
        lcs_bits(a, na, b)
    } else if nb <= 64 {
        lcs_bits(b, nb, a)
    } else if na <= 64 {
        lcs_bits(a, na, b)
    } else {
        lcs_table(a, b)
    }
}

/// The LCS by the bit-vector algorithm of Crochemore et al. (2001): bit `i`
/// of `v` is cleared when row `i` of the dynamic programming table steps up,
/// so the LCS is the number of cleared bits. `a` has `n` ≤ 64 chars.
fn lcs_bits(a: &str, n: usize, b: &str) -> usize {
    // The positions of each distinct char of `a`, as a bit mask.
    let mut table = [('\0', 0u64); 64];
    let mut distinct = 0;
    for (i, c) in a.chars().enumerate() {
        match table[..distinct].iter_mut().find(|m| m.0 == c) {
            Some(m) => m.1 |= 1 << i,
            None => {
                table[distinct] = (c, 1 << i);
                distinct += 1;
            }
        }
    }
    let masks = &table[..distinct];
    let all = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
    let mut v = all;
    for c in b.chars() {
        if let Some(&(_, m)) = masks.iter().find(|m| m.0 == c) {
            let u = v & m;
            v = (v.wrapping_add(u) | (v & !m)) & all;
        }
    }
    n - v.count_ones() as usize
}

/// The LCS by the classic dynamic programming table.
fn lcs_table(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
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
    let common = lcs_counted(label, ll, wanted, lw) as f32;
    common / (lw.max(ll) as f32)
}

/// [`similarity`] when it may be `min` or more; `None` when the lengths
/// alone rule that out (the LCS is at most the shorter length), without
/// computing it.
pub fn similarity_from(label: &str, wanted: &str, min: f32) -> Option<f32> {
    let lw = wanted.chars().count();
    let ll = label.chars().count();
    if lw == 0 || ll == 0 || (lw.min(ll) as f32) / (lw.max(ll) as f32) < min {
        return None;
    }
    // As `similarity` goes on, with the counts made.
    if (lw.min(ll) as f32) < 0.55 * lw.max(ll) as f32 {
        return Some(lw.min(ll) as f32 / lw.max(ll) as f32);
    }
    Some(lcs_counted(label, ll, wanted, lw) as f32 / (lw.max(ll) as f32))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts around words, with whitespace of every kind put between
    /// characters, and the words broken or cut: `Anchored::around` at each
    /// occurrence of the anchor tells what `without_whitespace` and
    /// `contains` tell.
    #[test]
    fn anchored_words_as_the_squeezed_text_shows_them() {
        let words = ["本年处理决定数量", "采购项目数量", "数量", "对外公开总数量"];
        let anchored = Anchored::new(
            '量',
            &words
                .iter()
                .enumerate()
                .map(|(i, w)| (*w, w.rfind('量').unwrap(), 1 << i))
                .collect::<Vec<_>>(),
        );
        let spaces = [
            " ",
            "\n",
            "\r\n",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "\u{1680}",
            "\u{2000}",
            "\u{2001}",
            "\u{85}",
            "\u{b}\u{c}",
        ];
        let others = ["𠮷", "中", "a", "", "、", "\u{200b}", "x\u{2000}"];
        let mut rng = crate::testing::Rng::new();
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..rng.next() % 3 {
                let w = words[rng.next() as usize % words.len()];
                text.push_str(others[rng.next() as usize % others.len()]);
                for c in w.chars() {
                    // A space before a character; now and then another
                    // character instead, or none of it.
                    match rng.next() % 8 {
                        0 | 1 => text.push_str(spaces[rng.next() as usize % spaces.len()]),
                        2 => text.push_str(others[rng.next() as usize % others.len()]),
                        3 if rng.next().is_multiple_of(4) => continue,
                        _ => {}
                    }
                    text.push(c);
                }
            }
            text.push_str(others[rng.next() as usize % others.len()]);
            let squeezed = without_whitespace(&text);
            let mut want = 0;
            for (i, w) in words.iter().enumerate() {
                if squeezed.contains(w) {
                    want |= 1 << i;
                }
            }
            let mut got = 0;
            for (at, _) in text.match_indices('量') {
                got |= anchored.around(&text, at, !0);
            }
            assert_eq!(got, want, "{text:?}");
            // Words not wanted are not looked for.
            for (at, _) in text.match_indices('量') {
                assert_eq!(anchored.around(&text, at, 0b1010) & !0b1010, 0);
            }
        }
    }

    #[test]
    fn anchored_shares_the_characters_next_to_the_anchor() {
        let a = Anchored::new('件', &[("本年制发件数", 12, 1), ("现行有效件数", 12, 2)]);
        assert_eq!(a.shared[0], []);
        assert_eq!(a.shared[1], [CharKey::new('数')]);
        assert_eq!(a.words[1].1[0].len(), 4);
        let at = |s: &str, n: usize| s.match_indices('件').nth(n).unwrap().0;
        let s = "现行 有效\n件数";
        assert_eq!(a.around(s, at(s, 0), !0), 2);
        let s = "现行有效件 数本年制发件数";
        assert_eq!(a.around(s, at(s, 0), !0), 2);
        assert_eq!(a.around(s, at(s, 1), !0), 1);
        assert_eq!(a.around(s, at(s, 1), 2), 0);
        for s in ["有效件数", "现行有效件", "件数", "本年制发 件。"] {
            assert_eq!(a.around(s, at(s, 0), !0), 0, "{s}");
        }
    }

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
    fn trim_start_is_str_trim_start() {
        for s in [
            "",
            " ",
            "\t\r\n x",
            "予以",
            "\u{3000}予以",
            "\u{a0}1",
            "\u{2003}x",
            "\u{1680}y",
            "\u{85}z",
            "、x",
            "—x",
            "𠮷",
            "\u{b}\u{c}1",
        ] {
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
        }
    }

    #[test]
    fn has_numbering_is_what_strip_numbering_strips() {
        for s in [
            "",
            " ",
            "予以公开",
            "（一）予以公开",
            "(一) 予以公开",
            "一、予以公开",
            "1.予以公开",
            "1.5",
            "三、(一)予以公开",
            " 1. 予以",
            "\u{3000}(二)",
            "(总体情况",
            "(1",
            "2023年",
            "一二三",
            "十",
            "【一】",
            "[1]x",
            "𠮷",
            "\t𠮷",
            "1)",
            "1，",
            "第一",
        ] {
            let want = strip_numbering(s).len() != s.len();
            assert_eq!(has_numbering(s), want, "{s:?}");
        }
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
    fn canonical_steps_over_what_it_keeps() {
        // Every character of the BMP, alone and between ideographs, is kept
        // or dropped as `is_ignorable` says.
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            let s = format!("中{c}文");
            let want: String = s.chars().filter(|c| !is_ignorable(*c)).collect();
            let mut got = String::new();
            canonical_into(&s, &mut got);
            assert_eq!(got, want, "{:?}", c);
        }
    }

    #[test]
    fn whitespace_removed() {
        for s in [
            "本年新\n制作 数量\t\r\u{3000}\u{85}\u{a0}\u{1680}\u{2001}\u{205f}",
            "",
            " a\u{b}b\u{c}",
            "é中\u{e000}",
        ] {
            let want: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(without_whitespace(s), want, "{s:?}");
            assert_eq!(count_non_whitespace(s), want.chars().count(), "{s:?}");
        }
    }

    #[test]
    fn matcher_finds_every_occurrence() {
        let pats = [
            "予以公开",
            "予以",
            "公开",
            "开",
            "ab",
            "abcdefghij",
            "𠮷𠮷",
            "公开及部分公开十个",
            "",
        ];
        let m = Matcher::new(pats.iter().copied());
        let alphabet = ["予", "以", "公", "开", "a", "b", "c", "𠮷", "及", "部分"];
        let mut rng = crate::testing::Rng::new();
        for round in 0..3000 {
            let n = rng.next() % 16;
            let mut hay: String = (0..n)
                .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
                .collect();
            if round % 7 == 0 {
                hay.push_str(pats[(rng.next() % pats.len() as u64) as usize]);
            }
            let mut got = Vec::new();
            m.each_match(&hay, |i, k| got.push((i, k)));
            let mut want = Vec::new();
            for (i, _) in hay.char_indices() {
                for (k, p) in pats.iter().enumerate() {
                    if !p.is_empty() && hay[i..].starts_with(p) {
                        want.push((i, k));
                    }
                }
            }
            assert_eq!(got, want, "{hay}");
        }
    }

    #[test]
    fn char_keys_are_lengths_and_low_bits() {
        // (The lengths are `utf8::LEN`'s.)
        for s in [
            "a",
            "é",
            "中",
            "𠮷",
            "\u{7f}",
            "\u{7ff}",
            "\u{ffff}",
            "\u{10ffff}",
        ] {
            let c = s.chars().next().unwrap();
            let want = (c.len_utf8(), c as usize & 1023);
            assert_eq!(char_key(s.as_bytes(), 0), Some(want), "{s}");
            assert_eq!(char_key(format!("x{s}").as_bytes(), 1), Some(want), "{s}");
        }
        assert_eq!(char_key(b"", 0), None);
    }

    #[test]
    fn lcs_bits_agrees_with_the_table() {
        // Strings over a small alphabet, from a fixed pseudo-random sequence.
        let mut rng = crate::testing::Rng::new();
        let mut next = || rng.next();
        let alphabet: Vec<char> = "一二三公开申请a".chars().collect();
        for _ in 0..2000 {
            let mut word = |max: u64| -> String {
                let n = next() % max;
                (0..n).map(|_| alphabet[(next() % 8) as usize]).collect()
            };
            let (a, b) = (word(70), word(90));
            let want = if a.is_empty() || b.is_empty() {
                0
            } else {
                lcs_table(&a, &b)
            };
            assert_eq!(lcs(&a, &b), want, "{a} / {b}");
        }
    }

    #[test]
    fn typo_similarity() {
        let s = similarity("其他法律行政止公开", "其他法律行政法规禁止公开");
        assert!(s >= 0.7, "{s}");
        assert!(similarity("规章", "行政许可") < 0.6);
    }
}
