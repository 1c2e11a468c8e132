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

/// Whether `s` holds a tab.
pub(crate) fn has_tab(s: &str) -> bool {
    next_byte(s.as_bytes(), 0, b'\t').is_some()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
