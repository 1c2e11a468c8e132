//! Byte-level helpers for the scans that read every character of a text:
//! a scan steps from lead byte to lead byte with a table lookup instead of
//! decoding each character, and decodes only where a byte says it must.
//!
//! Every function takes the bytes of a `&str` (valid UTF-8) and positions
//! that are character boundaries.

/// The length of the UTF-8 character each lead byte starts (1 for ASCII;
/// continuation bytes, which a scan stepping by characters never meets,
/// also say 1).
pub(crate) const LEN: [u8; 256] = stop_at(&[]);

/// [`LEN`] with 0 at the `special` bytes: a scan steps over characters by
/// their length and stops where the table says 0.
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

/// The low 10 bits of the code point of the `len`-byte character at `i`,
/// read from its last two bytes without decoding it.
#[inline]
pub(crate) fn low_bits(b: &[u8], i: usize, len: usize) -> usize {
    if len == 1 {
        b[i] as usize
    } else {
        ((b[i + len - 2] as usize & 0x0F) << 6) | (b[i + len - 1] as usize & 0x3F)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_low_bits() {
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
            let b = s.as_bytes();
            assert_eq!(LEN[b[0] as usize] as usize, c.len_utf8(), "{s}");
            assert_eq!(low_bits(b, 0, c.len_utf8()), c as usize & 1023, "{s}");
        }
    }
}
