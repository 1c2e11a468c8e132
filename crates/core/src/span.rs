//! Spans and the line index: byte offsets into the caller's text, and their
//! line/column, computed once per document by binary search.
//!
//! Inside Rust every offset is a UTF-8 byte offset into the text exactly as
//! the caller gave it (BOM, CRLF and all). Conversions to other encodings
//! (UTF-16 for JavaScript) happen once, at the boundary, with
//! [`LineIndex::utf16_offset`].

use serde::Serialize;

/// A range of the caller's text: `start..end` in UTF-8 bytes, plus the
/// 1-based line and column (in Unicode scalar values) of `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

impl Span {
    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Line starts of a text, for byte offset → line/column conversion.
///
/// A line ends at `\n`; a `\r` before it belongs to the line break. A lone
/// `\r` (old Mac line ends) also ends a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first character of each line.
    starts: Vec<usize>,
    /// Whether the text is pure ASCII (columns are then byte differences).
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        if !text.contains('\r') {
            // The usual case: only newlines end lines.
            let mut i = 0;
            while let Some(n) = crate::utf8::next_byte(bytes, i, b'\n') {
                starts.push(n + 1);
                i = n + 1;
            }
        } else {
            for (i, &b) in bytes.iter().enumerate() {
                match b {
                    b'\n' => starts.push(i + 1),
                    b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                    _ => {}
                }
            }
        }
        LineIndex {
            starts,
            ascii: text.is_ascii(),
        }
    }

    /// 0-based line number holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based (line, column) of a byte offset; the column counts Unicode
    /// scalar values from the start of the line.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = if self.ascii {
            offset - start
        } else {
            text[start..offset].chars().count()
        };
        (line + 1, col + 1)
    }

    /// Builds the span of `start..end`.
    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let (line, column) = self.line_col(text, start);
        Span {
            start,
            end: end.max(start),
            line,
            column,
        }
    }

    /// UTF-16 code-unit offset of byte `offset`, counted from the start of
    /// its line (so the cost is one line's length, not the document's).
    pub fn utf16_offset(&self, text: &str, offset: usize, line_utf16_starts: &[usize]) -> usize {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        line_utf16_starts[line] + text[start..offset].encode_utf16().count()
    }

    /// UTF-16 offset of each line start (for [`LineIndex::utf16_offset`]).
    pub fn utf16_line_starts(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.starts.len());
        let mut acc = 0;
        let mut prev = 0;
        for &s in &self.starts {
            acc += text[prev..s].encode_utf16().count();
            out.push(acc);
            prev = s;
        }
        out
    }
}

/// The byte offset of each line's first character: 0, then the offset after
/// every line break, as [`LineIndex`] counts them (`\n`, `\r\n`, a lone
/// `\r`). Offsets as `u32`, as in the offset map; for [`Locator`].
/// `has_cr` says whether `text` holds a `\r`, when that is known
/// ([`crate::normalize::NormText::original_has_cr`]).
///
/// Without a `\r`, the newlines are found 64 bytes at a time
/// ([`crate::utf8::positions`]): cheaper than the normaliser stopping at
/// each of them, which costs a mispredicted branch a line.
pub(crate) fn line_starts(text: &str, has_cr: Option<bool>) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    let has_cr = has_cr.unwrap_or_else(|| crate::utf8::next_byte(bytes, 0, b'\r').is_some());
    if !has_cr {
        starts.extend(crate::utf8::positions(bytes, b'\n').map(|n| (n + 1) as u32));
    } else {
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push((i + 1) as u32);
            }
        }
    }
    starts
}

/// How many characters start in `b[from..to]`: its bytes that are not
/// UTF-8 continuation bytes (on character boundaries of a `str`, the
/// number of characters between them). Eight bytes at a time, without the
/// `str` slicing checks.
fn chars_in(b: &[u8], from: usize, to: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LANES: u64 = 0x0101_0101_0101_0101;
    let b = &b[from..to];
    let mut words = b.chunks_exact(8);
    let mut continuations = 0;
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        // 1 in each byte that is 10xxxxxx: bit 7 set, bit 6 (shifted up
        // to bit 7 of the same byte) clear; the product adds the bytes up
        // in the top one.
        let ones = (w & !(w << 1) & HIGH) >> 7;
        continuations += (ones.wrapping_mul(LANES) >> 56) as usize;
    }
    continuations += words
        .remainder()
        .iter()
        .filter(|&&x| x & 0xC0 == 0x80)
        .count();
    b.len() - continuations
}

/// 1-based line and column of many offsets of one text, given its line
/// starts, in whatever order they come.
///
/// The spans of a report come in a few runs in text order (sections, table
/// cells, findings, figures): the line is found by stepping on from the
/// last one, and on the same line the column is counted on from the last
/// offset, so a run costs one walk over the text it covers. Any other
/// offset (an earlier one, or one far on) is found by binary search and
/// counted from its line start; on a line longer than [`Locator::FAR`]
/// bytes the count is taken from a table of characters before every
/// `FAR`-th byte, built the first time it is needed, so that no offset
/// costs more than about `2 × FAR` bytes of counting, however long the
/// line (a whole report pasted as one line).
pub(crate) struct Locator<'a> {
    bytes: &'a [u8],
    starts: &'a [u32],
    /// The last offset located, its 0-based line and 1-based column, and
    /// where the next line starts (`usize::MAX` on the last line).
    pos: usize,
    line: usize,
    col: usize,
    next: usize,
    /// Characters before byte `k × FAR`, for each `k` (empty until needed).
    blocks: Vec<u32>,
}

impl<'a> Locator<'a> {
    /// The longest stretch counted character by character.
    const FAR: usize = 4096;

    /// A locator of `text`, whose line starts are `starts` ([`line_starts`]).
    pub fn new(text: &'a str, starts: &'a [u32]) -> Self {
        debug_assert_eq!(starts.first(), Some(&0));
        Locator {
            bytes: text.as_bytes(),
            starts,
            pos: 0,
            line: 0,
            col: 1,
            next: starts.get(1).map_or(usize::MAX, |&s| s as usize),
            blocks: Vec::new(),
        }
    }

    /// 1-based (line, column) of byte `o`, a character boundary, as
    /// [`LineIndex::line_col`] gives it.
    pub fn line_col(&mut self, o: usize) -> (usize, usize) {
        // The usual cases, asked first: a little further on the same line
        // (the next cell of a table row), or on the next line (the next
        // cell of a table pasted one cell a line).
        if o >= self.pos {
            if o < self.next {
                if o - self.pos <= Self::FAR {
                    self.col += chars_in(self.bytes, self.pos, o);
                    self.pos = o;
                    return (self.line + 1, self.col);
                }
            } else {
                let after = self.line_start(self.line + 2);
                if o < after && o - self.next <= Self::FAR {
                    self.line += 1;
                    self.col = 1 + chars_in(self.bytes, self.next, o);
                    (self.pos, self.next) = (o, after);
                    return (self.line + 1, self.col);
                }
            }
        }
        self.search(o)
    }

    /// Where 0-based line `l` starts; `usize::MAX` past the last line.
    fn line_start(&self, l: usize) -> usize {
        self.starts.get(l).map_or(usize::MAX, |&s| s as usize)
    }

    /// [`Locator::line_col`] for any offset: its line searched for, its
    /// column counted from the line start, or from the block table on a
    /// long line.
    fn search(&mut self, o: usize) -> (usize, usize) {
        let starts = self.starts;
        let below = |s: &u32| *s as usize <= o;
        let mut line = self.line;
        if o < starts[line] as usize {
            line = starts[..line].partition_point(below) - 1;
        } else if starts.get(line + 1).is_some_and(below) {
            // On to the next line, or further.
            line += 1;
            if starts.get(line + 1).is_some_and(below) {
                line += starts[line + 1..].partition_point(below);
            }
        }
        let start = starts[line] as usize;
        let col = if line == self.line && self.pos <= o && o - self.pos <= Self::FAR {
            self.col + chars_in(self.bytes, self.pos, o)
        } else if o - start <= Self::FAR {
            1 + chars_in(self.bytes, start, o)
        } else {
            1 + self.chars_before(o) - self.chars_before(start)
        };
        (self.pos, self.line, self.col) = (o, line, col);
        self.next = self.line_start(line + 1);
        (line + 1, col)
    }

    /// How many characters start before byte `o`, from the block table.
    fn chars_before(&mut self, o: usize) -> usize {
        if self.blocks.is_empty() {
            let mut n = 0;
            self.blocks.push(0);
            for block in self.bytes.chunks(Self::FAR) {
                n += chars_in(block, 0, block.len());
                self.blocks.push(n as u32);
            }
        }
        let k = o / Self::FAR;
        self.blocks[k] as usize + chars_in(self.bytes, k * Self::FAR, o)
    }
}

/// The largest char boundary `<= i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    match s.as_bytes().get(i) {
        None => s.len(),
        // Not a continuation byte: a boundary (nearly always).
        Some(&b) if (b as i8) >= -0x40 => i,
        Some(_) => {
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            i
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_scalars() {
        let text = "\u{feff}一、\r\n𠮷a\tb\n\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        // '𠮷' is 4 bytes, 1 scalar, 2 UTF-16 units.
        let a = text.find('a').unwrap();
        assert_eq!(idx.line_col(text, a), (2, 2));
        let z = text.find('z').unwrap();
        assert_eq!(idx.line_col(text, z), (4, 1));
        let u16s = idx.utf16_line_starts(text);
        assert_eq!(
            idx.utf16_offset(text, a, &u16s),
            text[..a].encode_utf16().count()
        );
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let text = "a\rb";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 2), (2, 1));
    }

    /// Texts with every kind of line end and character width, short and
    /// long lines (past [`Locator::FAR`]).
    fn texts() -> Vec<String> {
        let line = "一、总体情况\t𠮷a\u{a0}b\u{3000}５１";
        vec![
            String::new(),
            "\n".into(),
            "\r".into(),
            "a\r\n\r\nb\rc\n\r".into(),
            format!("\u{feff}{line}\r\n{line}\n\n{line}\r{line}"),
            [line; 40].join("\n"),
            [line; 40].join("\r\n"),
            // One long line, then short ones.
            format!("{}\n{}", line.repeat(1500), [line; 5].join("\n")),
            "x".repeat(3 * Locator::FAR + 5),
        ]
    }

    #[test]
    fn characters_are_counted_between_any_bytes() {
        let text = "a一、\u{a0}𠮷\r\n\tb\u{3000}５１（二）".repeat(3);
        let b = text.as_bytes();
        for from in 0..=b.len() {
            for to in from..=b.len() {
                let want = b[from..to].iter().filter(|&&x| x & 0xC0 != 0x80).count();
                assert_eq!(chars_in(b, from, to), want, "{from}..{to}");
                if text.is_char_boundary(from) && text.is_char_boundary(to) {
                    assert_eq!(want, text[from..to].chars().count());
                }
            }
        }
    }

    #[test]
    fn line_starts_are_the_line_index_s() {
        for text in texts() {
            let want: Vec<u32> = LineIndex::new(&text)
                .starts
                .iter()
                .map(|&s| s as u32)
                .collect();
            assert_eq!(line_starts(&text, None), want, "{text:?}");
            let has_cr = Some(text.contains('\r'));
            assert_eq!(line_starts(&text, has_cr), want, "{text:?}");
        }
    }

    #[test]
    fn locator_agrees_with_the_line_index_in_any_order() {
        let mut rng = crate::testing::Rng::new();
        for text in texts() {
            let index = LineIndex::new(&text);
            let starts = line_starts(&text, None);
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut at = Locator::new(&text, &starts);
            for round in 0..600 {
                // Runs in order, with jumps back and far on.
                let k = if round % 50 < 40 {
                    (round * 7 + (rng.next() % 5) as usize) % bounds.len()
                } else {
                    (rng.next() % bounds.len() as u64) as usize
                };
                let o = bounds[k];
                assert_eq!(at.line_col(o), index.line_col(&text, o), "{o} in {text:?}");
            }
            for &o in bounds.iter().rev().step_by(97) {
                assert_eq!(at.line_col(o), index.line_col(&text, o), "{o}");
            }
        }
    }

    #[test]
    fn floors_are_char_boundaries() {
        let text = "a一\u{a0}𠮷\r\n\t５";
        for i in 0..text.len() + 3 {
            let want = (0..=i.min(text.len()))
                .rev()
                .find(|&j| text.is_char_boundary(j))
                .unwrap();
            assert_eq!(floor_char_boundary(text, i), want, "{i}");
        }
        assert_eq!(floor_char_boundary("", 3), 0);
    }

    #[test]
    fn offsets_inside_a_char_round_down() {
        let text = "中文";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 4), (1, 2));
    }
}
