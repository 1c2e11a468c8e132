//! Stage 1: the normalised view.
//!
//! Every later stage reads [`NormText`]: the input with the differences that
//! carry no meaning removed — BOM, CRLF/CR line ends, full-width digits and
//! punctuation (`０-９`, `（）`, `．`, `％`, `：`), NBSP, ideographic and other
//! exotic spaces, zero-width characters. Each normalised byte keeps its way
//! back to the caller's text: the [`OffsetMap`] turns any normalised range
//! into the original range it came from, so no span ever drifts.
//!
//! Structured inputs (HTML, .docx) are rendered into the same view: tags
//! vanish, a table cell boundary becomes a tab and a row boundary a newline
//! (synthetic characters that map to a zero-width place in the original).

use std::ops::Range;

/// One run of the map: normalised `norm` came from original `orig`.
#[derive(Debug, Clone, Copy)]
struct Seg {
    norm_start: u32,
    norm_end: u32,
    orig_start: u32,
    orig_end: u32,
    /// The run was copied unchanged, so offsets inside it map one to one.
    identity: bool,
}

/// Maps offsets of the normalised text back to the original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
}

impl OffsetMap {
    fn push(&mut self, norm: Range<usize>, orig: Range<usize>, identity: bool) {
        if norm.is_empty() {
            // A dropped character (the LF of a CRLF) widens the replacement
            // before it, so the newline stands for both bytes.
            if let Some(last) = self.segs.last_mut() {
                if !last.identity
                    && last.norm_end as usize == norm.start
                    && last.orig_end as usize == orig.start
                    && last.norm_end > last.norm_start
                {
                    last.orig_end = orig.end as u32;
                }
            }
            return;
        }
        if identity {
            if let Some(last) = self.segs.last_mut() {
                if last.identity
                    && last.norm_end as usize == norm.start
                    && last.orig_end as usize == orig.start
                {
                    last.norm_end = norm.end as u32;
                    last.orig_end = orig.end as u32;
                    return;
                }
            }
        }
        self.segs.push(Seg {
            norm_start: norm.start as u32,
            norm_end: norm.end as u32,
            orig_start: orig.start as u32,
            orig_end: orig.end as u32,
            identity,
        });
    }

    /// The first segment `i` that `below` does not hold for (`below` holds
    /// for a prefix of the segments, which are in order), trying `*hint` and
    /// the segment after it before searching: spans visited in text order
    /// find their segment at once. `*hint` becomes `i`.
    fn find(&self, hint: &mut usize, below: impl Fn(&Seg) -> bool) -> usize {
        let segs = &self.segs;
        let is = |i: usize| {
            i <= segs.len()
                && (i == 0 || below(&segs[i - 1]))
                && segs.get(i).is_none_or(|s| !below(s))
        };
        let i = if is(*hint) {
            *hint
        } else if is(*hint + 1) {
            *hint + 1
        } else {
            segs.partition_point(below)
        };
        *hint = i;
        i
    }

    /// Original offset where the character starting at normalised `n` starts.
    pub fn start(&self, n: usize) -> usize {
        self.start_near(n, &mut 0)
    }

    /// [`OffsetMap::start`], searching from segment `*hint` (see `find`).
    pub fn start_near(&self, n: usize, hint: &mut usize) -> usize {
        let n = n as u32;
        let i = self.find(hint, |s| s.norm_end <= n);
        match self.segs.get(i) {
            Some(s) if s.norm_start <= n => {
                if s.identity {
                    (s.orig_start + (n - s.norm_start)) as usize
                } else {
                    s.orig_start as usize
                }
            }
            _ => self.segs.last().map_or(0, |s| s.orig_end as usize),
        }
    }

    /// Original offset where the character ending at normalised `n` ends.
    pub fn end(&self, n: usize) -> usize {
        self.end_near(n, &mut 0)
    }

    /// [`OffsetMap::end`], searching from segment `*hint` (see `find`).
    pub fn end_near(&self, n: usize, hint: &mut usize) -> usize {
        let n = n as u32;
        // The segment with norm_start < n <= norm_end.
        let i = self.find(hint, |s| s.norm_end < n);
        match self.segs.get(i) {
            Some(s) if s.norm_start < n => {
                if s.identity {
                    (s.orig_start + (n - s.norm_start)) as usize
                } else {
                    s.orig_end as usize
                }
            }
            _ => self.start_near(n as usize, hint),
        }
    }

    /// Original range of a normalised range; an empty range stays empty.
    pub fn range(&self, r: Range<usize>) -> Range<usize> {
        self.range_near(r, &mut 0)
    }

    /// [`OffsetMap::range`], searching from segment `*hint` (see `find`):
    /// for many ranges in about text order.
    pub fn range_near(&self, r: Range<usize>, hint: &mut usize) -> Range<usize> {
        // The usual case: a range inside the hinted segment, copied
        // unchanged (mapped as the searches below would map it).
        let (a, b) = (r.start as u32, r.end as u32);
        let inside = |s: &Seg| s.identity && s.norm_start <= a && a <= b && b <= s.norm_end;
        let at = |s: &Seg, n: u32| (s.orig_start + (n - s.norm_start)) as usize;
        if let Some(s) = self.segs.get(*hint) {
            if a < s.norm_end && inside(s) {
                return at(s, a)..at(s, b);
            }
            // Else the segment that holds the start is often one of the
            // next few (the next cell of a table row, past a fold or two):
            // the searches below start from it.
            if a >= s.norm_end {
                let next = &self.segs[*hint + 1..self.segs.len().min(*hint + 5)];
                if let Some(k) = next.iter().position(|s| a < s.norm_end) {
                    *hint += 1 + k;
                    let s = &next[k];
                    if a >= s.norm_start && inside(s) {
                        return at(s, a)..at(s, b);
                    }
                }
            }
        }
        let s = self.start_near(r.start, hint);
        if r.is_empty() {
            return s..s;
        }
        s..self.end_near(r.end, hint).max(s)
    }
}

/// The normalised text and its map back to the original.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    pub text: String,
    pub map: OffsetMap,
    /// How many characters of the text are odd ([`is_odd`]), and where the
    /// first one is: counted while the text is written, for the check that
    /// the input is text at all.
    pub odd: usize,
    pub first_odd: Option<Range<usize>>,
    /// Whether the original holds a `\r`, when all of it was written with
    /// [`NormBuilder::push_original`] ([`normalize`]), which folds every
    /// `\r` and so sees them all; `None` when some of it was not (HTML
    /// markup), and the original must be searched. (Lines end at a lone
    /// `\r` too: without one, [`crate::span::line_starts`] looks for `\n`
    /// only.)
    pub original_has_cr: Option<bool>,
}

/// A character that has no place in a report's text: a control character
/// other than tab and newline, the replacement character U+FFFD (bytes that
/// were not valid in their encoding), or a private-use character (what a
/// PDF's glyph codes become).
pub fn is_odd(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n'))
        || c == '\u{FFFD}'
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Builds a [`NormText`] piece by piece.
#[derive(Debug, Default)]
pub struct NormBuilder {
    out: NormText,
    /// The last piece written with `push_original` ended with a `\r`: a
    /// `\n` starting the next one is its LF (a CRLF is one newline).
    after_cr: bool,
    /// A `\r` was written with `push_original`.
    saw_cr: bool,
}

impl NormBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.out.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.text.is_empty()
    }

    /// Notes a character kept at normalised offset `at`, if it is odd.
    fn note_kept(&mut self, c: char, at: usize) {
        note_odd(&mut self.out.odd, &mut self.out.first_odd, c, at);
    }

    /// The last character written, if any.
    pub fn last_char(&self) -> Option<char> {
        self.out.text.chars().next_back()
    }

    /// Copies `s`, which starts at `orig_start` in the original, normalising
    /// each character.
    ///
    /// Runs of characters that stay as they are (nearly all of a report) are
    /// copied whole: the scan goes from stop to stop ([`is_stop`],
    /// [`crate::utf8::Stops`]), and only a character whose lead byte can
    /// start a folded character is decoded and looked at. A CRLF becomes one
    /// newline that stands for both bytes: the LF is taken with the CR (or, when the CR ended the
    /// piece written before, dropped at the start of this one), so the
    /// scan never has to ask whether a `\n` follows a `\r`.
    pub fn push_original(&mut self, s: &str, orig_start: usize) {
        let text = &mut self.out.text;
        let map = &mut self.out.map;
        let (odd, first_odd) = (&mut self.out.odd, &mut self.out.first_odd);
        text.reserve(s.len());
        // Room for a fold every 64 bytes (two segments each: the run before
        // it and the fold), about what a report has (one in 40 to 300
        // bytes on the seeds): the map grows in a step or two instead of
        // doubling from nothing.
        map.segs.reserve(s.len() / 32);
        let bytes = s.as_bytes();
        let mut stops = crate::utf8::Stops::new(bytes, is_stop);
        let mut saw_cr = false;
        // Start of the run of unchanged characters not yet copied.
        let mut run = 0;
        let mut i = 0;
        if self.after_cr && bytes.first() == Some(&b'\n') {
            // The empty range widens the newline written for the CR.
            map.push(text.len()..text.len(), orig_start..orig_start + 1, false);
            (run, i) = (1, 1);
        }
        while i < bytes.len() {
            // Characters that stay are passed over to the next stop.
            match stops.next_from(i) {
                Some(k) => i = k,
                None => break,
            }
            if plain_punctuation(&bytes[i..]) {
                // 。、“”，；… and the like stay: skip them whole too.
                i += 3;
                continue;
            }
            let (c, folded) = match quick_fold(&bytes[i..]) {
                Some((c, r)) => (c, Fold::To(r)),
                None => {
                    let c = s[i..].chars().next().expect("char boundary");
                    (c, fold_char(c))
                }
            };
            if let Fold::Keep = folded {
                // Where it will be once the run it is part of is copied.
                note_odd(odd, first_odd, c, text.len() + i - run);
                i += c.len_utf8();
                continue;
            }
            let len = if c == '\r' {
                saw_cr = true;
                if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            } else {
                c.len_utf8()
            };
            if run < i {
                let n = text.len();
                text.push_str(&s[run..i]);
                map.push(n..text.len(), orig_start + run..orig_start + i, true);
            }
            let n = text.len();
            if let Fold::To(r) = folded {
                text.push(r);
            }
            map.push(n..text.len(), orig_start + i..orig_start + i + len, false);
            i += len;
            run = i;
        }
        if run < bytes.len() {
            let n = text.len();
            text.push_str(&s[run..]);
            map.push(
                n..text.len(),
                orig_start + run..orig_start + bytes.len(),
                true,
            );
        }
        if let Some(&last) = bytes.last() {
            self.after_cr = last == b'\r';
        }
        self.saw_cr |= saw_cr;
    }

    /// Writes `s` (e.g. a decoded HTML entity) as the replacement of the
    /// whole original range `orig`.
    pub fn push_replacement(&mut self, s: &str, orig: Range<usize>) {
        let n = self.out.text.len();
        for c in s.chars() {
            match fold_char(c) {
                Fold::Keep => {
                    self.note_kept(c, self.out.text.len());
                    self.out.text.push(c)
                }
                Fold::To(r) => self.out.text.push(r),
                Fold::Drop => {}
            }
        }
        self.after_cr = false;
        let end = self.out.text.len();
        self.out.map.push(n..end, orig, false);
    }

    /// Writes characters that have no counterpart in the original (a tab for
    /// a table cell boundary); they map to the zero-width place `orig_at`.
    pub fn push_synthetic(&mut self, s: &str, orig_at: usize) {
        let n = self.out.text.len();
        self.out.text.push_str(s);
        self.after_cr = false;
        self.out
            .map
            .push(n..self.out.text.len(), orig_at..orig_at, false);
    }

    pub fn finish(self) -> NormText {
        self.out
    }
}

/// Counts `c`, kept at normalised offset `at`, when it is odd.
fn note_odd(odd: &mut usize, first: &mut Option<Range<usize>>, c: char, at: usize) {
    if is_odd(c) {
        *odd += 1;
        first.get_or_insert(at..at + c.len_utf8());
    }
}

/// Whether the scan stops at byte `x`: the bytes that can start a
/// character [`fold_char`] changes — the ASCII controls `\v`, `\f`, `\r`
/// and the lead bytes of U+0080–U+00BF, U+2000–U+2FFF, U+3000–U+3FFF and
/// U+F000–U+FFFF (the `\n` of a CRLF is dropped with its `\r`) — or an odd
/// one ([`is_odd`]): the other ASCII controls but tab and newline, and
/// U+E000–U+EFFF. Never a continuation byte. Told by arithmetic, which
/// [`crate::utf8::Stops`] tests 16 bytes at a time. (A line's start is not
/// noted here: stopping at every `\n` costs more than finding them all at
/// once, [`crate::span::line_starts`].)
#[inline(always)]
fn is_stop(x: u8) -> bool {
    (x < 0x20 && x != b'\t' && x != b'\n')
        || x == 0x7F
        || x == 0xC2
        || x & 0xFE == 0xE2
        || x & 0xFE == 0xEE
}

/// Whether `b` starts with a 3-byte character under one of the lead bytes
/// [`is_stop`] stops at (E2, E3, EF) that [`fold_char`] keeps: U+2000–U+2FFF
/// but the spaces and invisible characters, U+3000–U+3FFF but the
/// ideographic space, and ，！；？.
fn plain_punctuation(b: &[u8]) -> bool {
    match *b {
        [0xE2, 0x80, y, ..] => !matches!(y, 0x82..=0x8D | 0xA8 | 0xA9 | 0xAF),
        [0xE2, 0x81, y, ..] => !matches!(y, 0x9F | 0xA0),
        [0xE2, _, _, ..] => true,
        [0xE3, y, z, ..] => !(y == 0x80 && z == 0x80),
        [0xEF, 0xBC, z, ..] => matches!(z, 0x8C | 0x81 | 0x9B | 0x9F),
        _ => false,
    }
}

/// The commonest folds of a report, told from the bytes without decoding
/// the character or asking [`fold_char`]: the full-width brackets, colon
/// and digits (U+FF08, U+FF09, U+FF1A, U+FF10–U+FF19, whose ASCII forms
/// are their last byte less 0x60) and NBSP. The character and what it
/// becomes.
fn quick_fold(b: &[u8]) -> Option<(char, char)> {
    match *b {
        [0xEF, 0xBC, z @ (0x88 | 0x89 | 0x90..=0x9A), ..] => Some((
            char::from_u32(0xFF00 + z as u32 - 0x80)?,
            char::from(z - 0x60),
        )),
        [0xC2, 0xA0, ..] => Some(('\u{A0}', ' ')),
        _ => None,
    }
}

enum Fold {
    Keep,
    To(char),
    Drop,
}

/// What one character becomes in the normalised view.
///
/// (A `\r` becomes a newline; the `\n` of a CRLF, which this cannot tell
/// alone, is dropped by [`NormBuilder::push_original`].)
fn fold_char(c: char) -> Fold {
    match c {
        '\r' => Fold::To('\n'),
        // Full-width digits and ASCII punctuation (U+FF01–U+FF5E) map to
        // ASCII — except the ideographic comma-like marks we keep.
        '\u{FF10}'..='\u{FF19}' => Fold::To(char::from(b'0' + (c as u32 - 0xFF10) as u8)),
        '\u{FF08}' => Fold::To('('),
        '\u{FF09}' => Fold::To(')'),
        '\u{FF0E}' => Fold::To('.'),
        '\u{FF05}' => Fold::To('%'),
        '\u{FF0C}' => Fold::Keep, // full-width comma stays: it separates clauses
        '\u{FF1A}' => Fold::To(':'),
        '\u{FF0B}' => Fold::To('+'),
        '\u{FF0D}' => Fold::To('-'),
        '\u{FF0F}' => Fold::To('/'),
        '\u{FF5C}' => Fold::To('|'),
        '\u{FF21}'..='\u{FF3A}' => Fold::To(char::from(b'A' + (c as u32 - 0xFF21) as u8)),
        '\u{FF41}'..='\u{FF5A}' => Fold::To(char::from(b'a' + (c as u32 - 0xFF41) as u8)),
        // Spaces of every kind become an ASCII space.
        '\u{00A0}' | '\u{3000}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
            Fold::To(' ')
        }
        // Invisible characters vanish.
        '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{00AD}' => Fold::Drop,
        // Vertical tab / form feed (page breaks from PDF copies) end a line.
        '\u{000B}' | '\u{000C}' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Fold::To('\n'),
        _ => Fold::Keep,
    }
}

/// Normalises plain text.
pub fn normalize(text: &str) -> NormText {
    let mut b = NormBuilder::new();
    b.push_original(text, 0);
    let saw_cr = b.saw_cr;
    let mut n = b.finish();
    n.original_has_cr = Some(saw_cr);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let orig = "\u{feff}总计\r\n５１\u{3000}(一)（二）";
        let n = normalize(orig);
        assert_eq!(n.text, "总计\n51 (一)(二)");
        let p = n.text.find("51").unwrap();
        let r = n.map.range(p..p + 2);
        assert_eq!(&orig[r], "５１");
        let q = n.text.find("(二)").unwrap();
        assert_eq!(&orig[n.map.range(q..q + "(二)".len())], "（二）");
        let t = n.text.find("总计").unwrap();
        assert_eq!(&orig[n.map.range(t..t + 6)], "总计");
        // The newline stands for the whole CRLF.
        let nl = n.text.find('\n').unwrap();
        assert_eq!(&orig[n.map.range(nl..nl + 1)], "\r\n");
    }

    #[test]
    fn synthetic_chars_are_zero_width() {
        let mut b = NormBuilder::new();
        b.push_original("ab", 10);
        b.push_synthetic("\t", 20);
        b.push_original("c", 30);
        let n = b.finish();
        assert_eq!(n.text, "ab\tc");
        assert_eq!(n.map.range(2..3), 20..20);
        assert_eq!(n.map.range(0..4), 10..31);
        assert_eq!(n.map.range(3..4), 30..31);
    }

    #[test]
    fn plain_punctuation_is_kept() {
        for c in ('\u{2000}'..='\u{3FFF}').chain('\u{FF00}'..='\u{FF3F}') {
            let mut b = [0u8; 4];
            let e = c.encode_utf8(&mut b).as_bytes();
            if plain_punctuation(e) {
                assert!(matches!(fold_char(c), Fold::Keep), "{c:?}");
            }
        }
        assert!(plain_punctuation("，".as_bytes()) && plain_punctuation("。".as_bytes()));
    }

    #[test]
    fn odd_characters_are_counted_as_written() {
        // What a scan of the written text would find, however it was written.
        let count = |n: &NormText| {
            let odd: Vec<(usize, char)> = n.text.char_indices().filter(|c| is_odd(c.1)).collect();
            let first = odd.first().map(|&(i, c)| i..i + c.len_utf8());
            (odd.len(), first)
        };
        let pieces = [
            "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\r", "\r\n", "\u{b}", "\u{c}", "\u{e}",
            "\u{1f}", "\u{7f}", "\u{80}", "\u{85}", "\u{9f}", "\u{a0}", "\u{feff}", "\u{fffd}",
            "\u{e000}", "\u{efff}", "\u{f000}", "\u{f8ff}", "\u{f900}", "５", "，", "。", "中",
            "𠮷", "a",
        ];
        let mut rng = crate::testing::Rng::new();
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..rng.next() % 9 {
                s.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
            }
            let n = normalize(&s);
            assert_eq!((n.odd, n.first_odd.clone()), count(&n), "{s:?}");
            // Written in two pieces, with a replacement and a synthetic tab.
            let mut b = NormBuilder::new();
            let cut = (0..=s.len())
                .rev()
                .find(|&i| s.is_char_boundary(i) && i <= s.len() / 2)
                .unwrap_or(0);
            b.push_original(&s[..cut], 0);
            b.push_replacement("\u{1}x\u{e001}", cut..cut);
            b.push_synthetic("\t", cut);
            b.push_original(&s[cut..], cut);
            let n = b.finish();
            assert_eq!((n.odd, n.first_odd.clone()), count(&n), "{s:?}");
        }
    }

    #[test]
    fn quick_folds_are_folds() {
        let mut quick = 0;
        for c in ('\u{80}'..='\u{FFFF}').chain(['𠮷']) {
            let mut b = [0u8; 4];
            let e = c.encode_utf8(&mut b).as_bytes();
            if let Some((q, r)) = quick_fold(e) {
                assert_eq!(q, c);
                assert!(matches!(fold_char(c), Fold::To(f) if f == r), "{c:?}");
                quick += 1;
            }
        }
        assert_eq!(quick, 14);
    }

    #[test]
    fn crlf_is_one_newline_however_it_is_cut() {
        let orig = "\u{feff}一\r\n\r𠮷\r\n\n\r";
        let whole = normalize(orig);
        assert_eq!(whole.text, "一\n\n𠮷\n\n\n");
        let nl = |n: &NormText| -> Vec<Range<usize>> {
            let t = &n.text;
            (0..t.len())
                .filter(|&i| t.as_bytes()[i] == b'\n')
                .map(|i| n.map.range(i..i + 1))
                .collect()
        };
        assert_eq!(nl(&whole), [6..8, 8..9, 13..15, 15..16, 16..17]);
        // Cut anywhere (an empty piece between), it maps the same.
        for cut in (0..=orig.len()).filter(|&i| orig.is_char_boundary(i)) {
            let mut b = NormBuilder::new();
            b.push_original(&orig[..cut], 0);
            b.push_original("", cut);
            b.push_original(&orig[cut..], cut);
            let n = b.finish();
            assert_eq!(n.text, whole.text, "{cut}");
            assert_eq!(nl(&n), nl(&whole), "{cut}");
        }
    }

    #[test]
    fn stops_are_the_lead_bytes_of_folds_and_controls() {
        for x in 0..=255u8 {
            let want = matches!(
                x,
                0x00..=0x08 | 0x0B..=0x1F | 0x7F | 0xC2 | 0xE2 | 0xE3 | 0xEE | 0xEF
            );
            assert_eq!(is_stop(x), want, "{x:#x}");
        }
    }

    #[test]
    fn carriage_returns_are_noted() {
        let pieces = [
            "\r", "\n", "\r\n", "a", "一", "𠮷", "\t", "\u{a0}", "\u{3000}", "\u{2028}", "\u{85}",
            "\u{b}", "\u{feff}", "５", "（", "，",
        ];
        let mut rng = crate::testing::Rng::new();
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..rng.next() % 12 {
                s.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
            }
            assert_eq!(
                normalize(&s).original_has_cr,
                Some(s.contains('\r')),
                "{s:?}"
            );
        }
        // Built piece by piece (HTML), the original is not known whole.
        let mut b = NormBuilder::new();
        b.push_original("a\r\nb", 0);
        assert_eq!(b.finish().original_has_cr, None);
    }

    #[test]
    fn ranges_map_alike_whatever_the_hint() {
        let pieces = [
            "\t",
            "51",
            "\u{a0}0",
            "５１",
            "一、",
            "\r\n",
            "\u{feff}",
            "𠮷",
            "（二）",
        ];
        let mut rng = crate::testing::Rng::new();
        for _ in 0..300 {
            let s: String = (0..rng.next() % 40)
                .map(|_| pieces[(rng.next() % pieces.len() as u64) as usize])
                .collect();
            let n = normalize(&s);
            let bounds: Vec<usize> = (0..=n.text.len())
                .filter(|&i| n.text.is_char_boundary(i))
                .collect();
            // What the searches give, from no hint.
            let want = |r: Range<usize>| {
                let start = n.map.start(r.start);
                if r.is_empty() {
                    start..start
                } else {
                    start..n.map.end(r.end).max(start)
                }
            };
            // Ranges mostly in order, as spans come, with jumps back.
            let mut hint = 0;
            let mut at = 0;
            for _ in 0..60 {
                at = if rng.next().is_multiple_of(8) {
                    (rng.next() as usize) % bounds.len()
                } else {
                    (at + (rng.next() % 3) as usize).min(bounds.len() - 1)
                };
                let end = (at + (rng.next() % 4) as usize).min(bounds.len() - 1);
                let r = bounds[at]..bounds[end];
                assert_eq!(
                    n.map.range_near(r.clone(), &mut hint),
                    want(r.clone()),
                    "{r:?} {s:?}"
                );
            }
        }
    }

    #[test]
    fn empty_and_end_offsets() {
        let n = normalize("");
        assert_eq!(n.map.range(0..0), 0..0);
        let n = normalize("ab");
        assert_eq!(n.map.range(2..2), 2..2);
    }
}
