//! Byte-level helpers for the scans that read every character of a text:
//! a scan finds its next stop with a table lookup per byte ([`next_stop`])
//! instead of decoding each character, and decodes only where a byte says
//! it must.
//!
//! Every function takes the bytes of a `&str` (valid UTF-8) and positions
//! that are character boundaries.

/// The length of the UTF-8 character each lead byte starts (1 for ASCII;
/// continuation bytes, which a scan stepping by characters never meets,
/// also say 1).
pub(crate) const LEN: [u8; 256] = stop_at(&[]);

/// [`LEN`] with 0 at the `special` bytes: a scan stops where the table says
/// 0 ([`next_stop`]), and may step over a character by its length.
pub(crate) const fn stop_at(special: &[u8]) -> [u8; 256] {
    let mut t = [1u8; 256];
    let mut b = 0xC0;
    while b < 0x100 {
        t[b] = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        b += 1;
    }
    let mut k = 0;
    while k < special.len() {
        t[special[k] as usize] = 0;
        k += 1;
    }
    t
}

/// The first byte at or after `from` where `table` ([`stop_at`]) says 0, if
/// any: the next stop of a scan.
///
/// Looks at every byte rather than stepping by characters: a stop is never
/// a continuation byte, so both find the same stops, but a step by a
/// character's length makes each step wait for the load of the byte
/// before it (two dependent loads per character), while bytes tested one
/// by one are independent and the processor runs ahead. On a report this
/// is 2–3 times faster.
#[inline]
pub(crate) fn next_stop(b: &[u8], from: usize, table: &[u8; 256]) -> Option<usize> {
    b[from..]
        .iter()
        .position(|&x| table[x as usize] == 0)
        .map(|k| from + k)
}

/// The first occurrence of `needle` in `hay`. The standard library's
/// `contains` is fast on long texts (it uses SIMD where it can) but `find`
/// is not, and both are costly to set up: on a short text a plain scan is
/// cheaper.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    if hay.len() >= 64 {
        // Most words looked for are absent.
        return if hay.contains(needle) {
            hay.find(needle)
        } else {
            None
        };
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (Some(&first), Some(&end)) = (n.first(), n.last()) else {
        return Some(0);
    };
    let last = h.len().checked_sub(n.len())?;
    // The first byte of a CJK character is shared by thousands of others;
    // its last byte seldom: both are tested before the rest.
    let k = n.len() - 1;
    (0..=last).find(|&i| h[i] == first && h[i + k] == end && h[i..i + k] == n[..k])
}

/// Whether `needle` occurs in `hay` (see [`find`]).
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    if hay.len() >= 64 {
        hay.contains(needle)
    } else {
        find(hay, needle).is_some()
    }
}

/// How many bytes of `b` are `x`, eight at a time.
pub(crate) fn count_byte(b: &[u8], x: u8) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let pattern = 0x0101_0101_0101_0101 * x as u64;
    let mut words = b.chunks_exact(8);
    let mut n = 0;
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("8 bytes")) ^ pattern;
        // The high bit of each byte of `zero` is set exactly where `w` has
        // a zero byte (no carry crosses bytes: each is at most 0xFE).
        let zero = !(((w & LOW7) + LOW7) | w | LOW7);
        n += zero.count_ones() as usize;
    }
    n + words.remainder().iter().filter(|&&c| c == x).count()
}

/// The first byte `x` of `b` at or after `from`, eight bytes at a time.
pub(crate) fn next_byte(b: &[u8], from: usize, x: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * x as u64;
    let mut i = from;
    while i + 8 <= b.len() {
        let w = u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes")) ^ pattern;
        // A zero byte of `w` is an `x` of `b`; the lowest flagged byte is
        // the first zero (flags above it may be false).
        let zero = w.wrapping_sub(ONES) & !w & HIGH;
        if zero != 0 {
            return Some(i + (zero.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b[i.min(b.len())..]
        .iter()
        .position(|&c| c == x)
        .map(|k| i + k)
}

/// Whether `s` holds a tab: a long text 64 bytes at a time
/// ([`block_matches`], a quarter of the cost of [`next_byte`]), a short one
/// eight at a time.
pub(crate) fn has_tab(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 64 {
        return next_byte(b, 0, b'\t').is_some();
    }
    let mut blocks = b.chunks_exact(64);
    blocks.any(|block| block_matches(block.try_into().expect("64 bytes"), b'\t', b'\t') != 0)
        || blocks.remainder().contains(&b'\t')
}

/// `s.trim()`, without decoding when neither end can be whitespace (which
/// is ASCII or has one of the lead bytes C2, E1, E2, E3).
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let may_be_space = |x: u8| matches!(x, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
    if let (Some(&first), Some(last)) = (b.first(), b.iter().rposition(|&x| x & 0xC0 != 0x80)) {
        if !may_be_space(first) && !may_be_space(b[last]) {
            return s;
        }
    }
    s.trim()
}

/// Calls `f` with the position of every byte of `b` that is `x` or `y`:
/// in order from block to block of 64 bytes, in no particular order within
/// a block.
///
/// Written for the compiler to vectorise (16 bytes an instruction, see
/// [`block_matches`]); only the set bits of a block's matches are looked
/// at. About 0.6 instructions a byte on Chinese text (where the bytes
/// looked for are one in 70 or so), against some 5 for a loop asking byte
/// after byte; the standard library's vectorised searches either look for
/// one byte or only say whether there is a match.
pub(crate) fn for_each_of2(b: &[u8], x: u8, y: u8, mut f: impl FnMut(usize)) {
    let mut blocks = b.chunks_exact(64);
    let mut base = 0;
    for block in &mut blocks {
        let mut merged = block_matches(block.try_into().expect("64 bytes"), x, y);
        while merged != 0 {
            let bit = merged.trailing_zeros() as usize;
            f(base + 8 * (bit % 8) + bit / 8);
            merged &= merged - 1;
        }
        base += 64;
    }
    for (i, &c) in blocks.remainder().iter().enumerate() {
        if c == x || c == y {
            f(base + i);
        }
    }
}

/// Where the bytes of a block of 64 are `x` or `y`, as one word whose bit
/// `k` of byte `j` tells byte `8k + j` (an 8×8 matrix of bits, transposed:
/// see [`in_order`]).
///
/// The bytes are compared and each match weighted by a bit telling its
/// eighth of the block (bit `k` for bytes `8k..8k + 8`), and the eight
/// words of the block or-ed into one: the compiler does it in vector
/// registers, 16 bytes an instruction.
#[inline(always)]
fn block_matches(block: &[u8; 64], x: u8, y: u8) -> u64 {
    block_where(block, |c| (c == x) | (c == y))
}

/// The bytes of a block of 64 where `stop` holds, in the layout of
/// [`block_matches`]. `stop` must be arithmetic on the byte (no table
/// lookup) for the compiler to test 16 bytes an instruction.
#[inline(always)]
fn block_where(block: &[u8; 64], stop: impl Fn(u8) -> bool) -> u64 {
    // The weight of each byte of a block.
    const EIGHTH: [u8; 64] = {
        let mut w = [0; 64];
        let mut j = 0;
        while j < 64 {
            w[j] = 1 << (j / 8);
            j += 1;
        }
        w
    };
    let mut weighted = [0u8; 64];
    for j in 0..64 {
        weighted[j] = stop(block[j]) as u8 * EIGHTH[j];
    }
    let mut merged = 0;
    for w in weighted.chunks_exact(8) {
        merged |= u64::from_le_bytes(w.try_into().expect("8 bytes"));
    }
    merged
}

/// The stops of a scan over `b`: the bytes where `stop` holds, tested a
/// block of 64 at a time ([`block_where`]) and each block once, for a scan
/// that moves forward and asks for the next stop from where it is
/// ([`Stops::next_from`]).
///
/// Where stops are one byte in ten or more apart (a report's punctuation,
/// folds, line breaks), this costs about half an instruction a byte and
/// no branch per byte, where a loop testing byte after byte
/// ([`next_stop`]) takes a cycle a byte.
pub(crate) struct Stops<'a, F> {
    b: &'a [u8],
    stop: F,
    /// The block whose stops are in `bits` (a multiple of 64), or
    /// `usize::MAX` before the first.
    base: usize,
    /// Bit `i`: byte `base + i` is a stop.
    bits: u64,
}

impl<'a, F: Fn(u8) -> bool> Stops<'a, F> {
    pub(crate) fn new(b: &'a [u8], stop: F) -> Self {
        Stops {
            b,
            stop,
            base: usize::MAX,
            bits: 0,
        }
    }

    /// The first stop at or after byte `i`. A scan asks with `i` never
    /// going back into a block before the last one asked about.
    #[inline]
    pub(crate) fn next_from(&mut self, i: usize) -> Option<usize> {
        if i >= self.b.len() {
            return None;
        }
        if self.base != i & !63 {
            self.load(i & !63);
        }
        let mut bits = self.bits & (u64::MAX << (i & 63));
        while bits == 0 {
            let next = self.base + 64;
            if next >= self.b.len() {
                return None;
            }
            self.load(next);
            bits = self.bits;
        }
        Some(self.base + bits.trailing_zeros() as usize)
    }

    fn load(&mut self, base: usize) {
        self.base = base;
        self.bits = match self.b.get(base..base + 64) {
            Some(block) => in_order(block_where(block.try_into().expect("64 bytes"), &self.stop)),
            None => self.b[base..]
                .iter()
                .enumerate()
                .fold(0, |bits, (i, &x)| bits | u64::from((self.stop)(x)) << i),
        };
    }
}

/// The matches of [`block_matches`] with bit `i` telling byte `i`: the 8×8
/// matrix of bits transposed, in three steps of swapped blocks of bits
/// (Hacker's Delight, 7–3).
fn in_order(x: u64) -> u64 {
    let t = (x ^ (x >> 7)) & 0x00AA_00AA_00AA_00AA;
    let x = x ^ t ^ (t << 7);
    let t = (x ^ (x >> 14)) & 0x0000_CCCC_0000_CCCC;
    let x = x ^ t ^ (t << 14);
    let t = (x ^ (x >> 28)) & 0x0000_0000_F0F0_F0F0;
    x ^ t ^ (t << 28)
}

/// The positions of the bytes of `b` that are `x`, in order: as
/// `b.iter().positions(|c| c == x)`, 64 bytes at a time
/// ([`block_matches`]): about 0.4 instructions a byte where `x` is one
/// byte in 80 or so (a newline in a report), a quarter of what
/// [`next_byte`] costs called from match to match.
pub(crate) fn positions(b: &[u8], x: u8) -> impl Iterator<Item = usize> + '_ {
    // The next block to look at; the one whose matches are in `bits`.
    let (mut next, mut base, mut bits) = (0usize, 0usize, 0u64);
    std::iter::from_fn(move || loop {
        if bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            return Some(base + i);
        }
        if next >= b.len() {
            return None;
        }
        base = next;
        match b.get(next..next + 64) {
            Some(block) => {
                let m = block_matches(block.try_into().expect("64 bytes"), x, x);
                bits = if m == 0 { 0 } else { in_order(m) };
                next += 64;
            }
            None => {
                // The last bytes, fewer than 64.
                for (i, &c) in b[next..].iter().enumerate() {
                    bits |= u64::from(c == x) << i;
                }
                next = b.len();
            }
        }
    })
}

/// A character prepared for being looked for at given places of texts:
/// its UTF-8 bytes packed into a `u32` (the first byte lowest), compared
/// with four bytes of the text loaded at once and masked. Cheaper than
/// comparing slices (a call to `memcmp`) or decoding the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharKey {
    /// The packed bytes ([`CharKey::read`] reads them from a text).
    pub(crate) key: u32,
    mask: u32,
    /// The character's length in UTF-8.
    pub(crate) len: usize,
}

impl CharKey {
    pub(crate) fn new(c: char) -> Self {
        let mut buf = [0; 4];
        let len = c.encode_utf8(&mut buf).len();
        CharKey {
            key: u32::from_le_bytes(buf),
            mask: Self::mask(len),
            len,
        }
    }

    /// The mask that keeps the first `len` bytes (1–4) of four.
    pub(crate) fn mask(len: usize) -> u32 {
        (u64::from(u32::MAX) >> (32 - 8 * len)) as u32
    }

    /// The `len` bytes of `b` from `at` packed as in a [`CharKey`], with
    /// `mask` = [`CharKey::mask`]`(len)`; `None` past the end of `b`.
    #[inline]
    pub(crate) fn read(b: &[u8], at: usize, len: usize, mask: u32) -> Option<u32> {
        match b.get(at..at + 4) {
            Some(w) => Some(u32::from_le_bytes(w.try_into().expect("4 bytes")) & mask),
            // Within four bytes of the end.
            None => b
                .get(at..at + len)
                .map(|w| w.iter().rev().fold(0, |k, &x| k << 8 | u32::from(x))),
        }
    }

    /// Whether the character is at byte `at` of `b`.
    #[inline]
    pub(crate) fn is_at(&self, b: &[u8], at: usize) -> bool {
        Self::read(b, at, self.len, self.mask) == Some(self.key)
    }

    /// Whether the character ends at byte `end` of `b`.
    #[inline]
    pub(crate) fn is_before(&self, b: &[u8], end: usize) -> bool {
        end >= self.len && self.is_at(b, end - self.len)
    }
}

/// The length of the whitespace character (as [`char::is_whitespace`] says)
/// at byte `i` of `s`, or 0 when there is none.
///
/// Decodes only where the lead byte may start one: ASCII whitespace, or
/// C2, E1, E2, E3 (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
pub(crate) fn space_at(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        Some(b'\t'..=b'\r' | b' ') => 1,
        Some(0xC2 | 0xE1 | 0xE2 | 0xE3) => s[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// The length of the whitespace character ending at byte `i` of `s`, or 0
/// when there is none (see [`space_at`]).
///
/// Decodes only a character of two bytes led by C2 or of three led by E1,
/// E2 or E3, the only ones that may be whitespace past ASCII.
pub(crate) fn space_before(s: &str, i: usize) -> usize {
    let b = &s.as_bytes()[..i];
    let n = match b {
        [.., b'\t'..=b'\r' | b' '] => return 1,
        [.., 0xC2, 0x80..=0xBF] => 2,
        [.., 0xE1..=0xE3, 0x80..=0xBF, 0x80..=0xBF] => 3,
        _ => return 0,
    };
    s[i - n..i]
        .chars()
        .next()
        .filter(|c| c.is_whitespace())
        .map_or(0, |_| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_are_the_bytes_where_the_test_holds() {
        let stop = |x: u8| x < 0x20 || x == 0xE3;
        let text = "本年\t新收，51\u{3000}件𠮷\r\n(一)".repeat(11);
        let b = text.as_bytes();
        let mut rng = crate::testing::Rng::new();
        for len in [0, 1, 63, 64, 65, 127, 128, 200, b.len()] {
            let want: Vec<usize> = (0..len).filter(|&i| stop(b[i])).collect();
            // Asked from every stop on, and from places in between.
            let mut stops = Stops::new(&b[..len], stop);
            let mut got = Vec::new();
            let mut i = 0;
            while let Some(k) = stops.next_from(i) {
                got.push(k);
                i = k + 1;
            }
            assert_eq!(got, want, "{len}");
            let mut stops = Stops::new(&b[..len], stop);
            let mut i = 0;
            while i <= len {
                let want_next = want.iter().copied().find(|&k| k >= i);
                assert_eq!(stops.next_from(i), want_next, "{len} {i}");
                i += 1 + (rng.next() % 90) as usize;
            }
        }
    }

    #[test]
    fn next_stop_finds_what_stepping_by_characters_finds() {
        // Stops at tab, space and the lead bytes of ，(EF) and NBSP (C2).
        const T: [u8; 256] = stop_at(&[b'\t', b' ', 0xEF, 0xC2]);
        let step = |s: &str, mut i: usize| {
            let b = s.as_bytes();
            while i < b.len() && T[b[i] as usize] != 0 {
                i += T[b[i] as usize] as usize;
            }
            (i < b.len()).then_some(i)
        };
        for s in [
            "",
            "总计",
            "𠮷本年\t新收，51\u{a0}件 𠮷",
            "\u{3000}５１\r\n(一)（二）\t",
            " 𠮷𠮷",
        ] {
            let mut at = 0;
            loop {
                let (want, got) = (step(s, at), next_stop(s.as_bytes(), at, &T));
                assert_eq!(got, want, "{s:?} from {at}");
                let Some(k) = got else { break };
                assert!(s.is_char_boundary(k));
                at = k + 1;
            }
        }
    }

    #[test]
    fn tabs_found() {
        let line = "本年新收政府信息公开申请数量 𠮷 a\u{3000}".repeat(5);
        for len in [0, 1, 7, 8, 63, 64, 65, 100, 128, 129, line.len()] {
            let s = &line[..line.floor_char_boundary(len)];
            assert!(!has_tab(s));
            for at in [0, s.len() / 2, s.len()] {
                let t = format!(
                    "{}\t{}",
                    &s[..s.floor_char_boundary(at)],
                    &s[s.floor_char_boundary(at)..]
                );
                assert!(has_tab(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn positions_in_order() {
        let text =
            "量采购 本年收费金额\t𠮷\r\n其他\n\n对外管理服务事项\u{3000}\u{a0}一二三\n".repeat(9);
        let b = text.as_bytes();
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 300, b.len()] {
            for x in [b'\n', 0x87, b'\t', 0xE9, 0] {
                let got: Vec<usize> = positions(&b[..len], x).collect();
                let want: Vec<usize> = (0..len).filter(|&i| b[i] == x).collect();
                assert_eq!(got, want, "{len} {x}");
            }
        }
        // Every pattern of matches in a block.
        let mut rng = crate::testing::Rng::new();
        for _ in 0..200 {
            let bits = rng.next();
            let block: Vec<u8> = (0..64)
                .map(|i| if bits >> i & 1 == 1 { b'\n' } else { b'a' })
                .collect();
            let got: Vec<usize> = positions(&block, b'\n').collect();
            let want: Vec<usize> = (0..64).filter(|&i| bits >> i & 1 == 1).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn char_keys_found_where_the_characters_are() {
        let s = "量a𠮷\u{a0}量中量";
        let b = s.as_bytes();
        for c in ['量', 'a', '𠮷', '\u{a0}', '中', '中', 'b', '重'] {
            let k = CharKey::new(c);
            for at in 0..=b.len() + 2 {
                let want = s.get(at..).is_some_and(|r| r.starts_with(c));
                assert_eq!(k.is_at(b, at), want, "{c} {at}");
                let want = s.get(..at).is_some_and(|r| r.ends_with(c));
                assert_eq!(k.is_before(b, at), want, "{c} {at}");
            }
        }
        // Keys of characters of different lengths differ.
        assert_ne!(CharKey::new('a').key, CharKey::new('\u{300}').key);
        assert_ne!(CharKey::new('\u{300}').key, CharKey::new('\u{2000}').key);
        assert_eq!(
            CharKey::read(b, 0, 3, CharKey::mask(3)),
            Some(CharKey::new('量').key)
        );
        assert_eq!(
            CharKey::read(b, b.len() - 3, 3, CharKey::mask(3)),
            Some(CharKey::new('量').key)
        );
        assert_eq!(CharKey::read(b, b.len() - 2, 3, CharKey::mask(3)), None);
    }

    #[test]
    fn count_byte_counts() {
        let b: Vec<u8> = (0..300u32)
            .map(|i| [9u8, 0, 0x89, 255, b'a'][(i * i % 7 % 5) as usize])
            .collect();
        for len in [0, 1, 7, 8, 9, 63, 64, 65, 300] {
            for x in [9u8, 0, 0x89, 255, b'a', b'b'] {
                let want = b[..len].iter().filter(|&&c| c == x).count();
                assert_eq!(count_byte(&b[..len], x), want, "{len} {x}");
            }
        }
    }

    #[test]
    fn find_agrees_with_str_find() {
        let hay = "共收到政府信息公开申请55件，其中，予以公开及部分公开10件，收到申请";
        for end in [0, 3, 10, 30, hay.len()] {
            let end = (0..=end).rev().find(|&e| hay.is_char_boundary(e)).unwrap();
            let h = &hay[..end];
            for needle in [
                "",
                "申请",
                "收到",
                "件",
                "10",
                "公开及",
                "申请55件，其中，予以公开及部分公开10件，收到申请x",
            ] {
                assert_eq!(find(h, needle), h.find(needle), "{h} / {needle}");
                assert_eq!(contains(h, needle), h.contains(needle));
            }
        }
    }

    #[test]
    fn bytes_found() {
        let s = "a\nbc一\n\n二三四五六七八\n\n\nxyz\u{a}".as_bytes();
        for from in 0..=s.len() {
            for x in [b'\n', b'a', b'z', 0x80, 0xE4, 0x00] {
                let want = (from..s.len()).find(|&i| s[i] == x);
                assert_eq!(next_byte(s, from, x), want, "{from} {x}");
            }
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "51",
            " 51 ",
            "予以公开",
            "\u{3000}予以公开\u{3000}",
            "a\u{00A0}",
            "\u{2003}x",
            "x\u{1680}",
            "”x“",
            "\t12\n",
            "…",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
    #[test]
    fn bytes_of_two_found() {
        let text = "量采购 本年收费金额\t𠮷\r\n其他对外管理服务事项\u{3000}\u{a0}一二三".repeat(40);
        let b = text.as_bytes();
        for len in [0, 1, 63, 64, 65, 511, 512, 513, 1030, b.len()] {
            for (x, y) in [(0x87, 0xB6), (0xE9, b'\n'), (0x80, 0x80), (0, 1)] {
                let mut got = Vec::new();
                for_each_of2(&b[..len], x, y, |i| got.push(i));
                got.sort_unstable();
                let want: Vec<usize> = (0..len).filter(|&i| b[i] == x || b[i] == y).collect();
                assert_eq!(got, want, "{len} {x} {y}");
            }
        }
    }

    #[test]
    fn spaces_as_char_says() {
        // Every whitespace character, and the lead and last bytes of every
        // character, are told as `char::is_whitespace` tells them.
        let mut s = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace()
                || (c as u32).is_multiple_of(97)
                || ('\u{2000}'..='\u{3001}').contains(&c)
            {
                s.push(c);
                s.push('中');
            }
        }
        s.push_str("𠮷\r\n\t ");
        let mut want_at = vec![0; s.len() + 1];
        let mut want_before = vec![0; s.len() + 1];
        for (i, c) in s.char_indices() {
            if c.is_whitespace() {
                want_at[i] = c.len_utf8();
                want_before[i + c.len_utf8()] = c.len_utf8();
            }
        }
        for i in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
            assert_eq!(space_at(&s, i), want_at[i], "{i}");
            assert_eq!(space_before(&s, i), want_before[i], "{i}");
        }
    }
}
