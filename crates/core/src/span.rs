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

/// The largest char boundary `<= i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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

    #[test]
    fn offsets_inside_a_char_round_down() {
        let text = "中文";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 4), (1, 2));
    }
}
