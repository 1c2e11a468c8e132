//! Stage 3: the cells of a table region, whatever shape the paste took.
//!
//! A region of the normalised text (one section) becomes a flat list of
//! [`Field`]s, each knowing whether a table row starts at it. The layouts:
//!
//! - **Word copy**: every cell on its own line, indented with a tab; a line
//!   without the tab continues the cell above ("商业\n企业"); rows are
//!   separated by blank lines.
//! - **Tab rows** (PDF viewer, web page, HTML/.docx rendering): one row per
//!   line, cells separated by tabs; merged cells leave empty cells or none.
//! - **Markdown**: `| a | b |` lines; separator lines are skipped.
//!
//! Figures separated by spaces in a label's cell ("本年新收 51 3 0") are split
//! into cells of their own; figures run together with the label
//! ("行政规范性文件8855698") are kept as they are — splitting them would be a
//! guess — and reported by the table stage.

use std::borrow::Cow;
use std::ops::Range;

/// One table cell, borrowing its text from the normalised text when it can.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// The cell's text with line breaks inside it removed, trimmed (a slice
    /// of the normalised text unless continuation lines were joined).
    pub text: Cow<'a, str>,
    /// Normalised range of the trimmed text; zero-width at the cell's place
    /// when the cell is empty.
    pub range: Range<usize>,
    /// A table row starts at this cell.
    pub row_start: bool,
    pub kind: FieldKind,
    /// Several figures written with nothing between them (a crawl that lost
    /// the cell boundaries): "0000000". The table stage splits it only when
    /// exactly one reading is possible.
    pub packed: bool,
}

impl<'a> Field<'a> {
    /// Part `r` (a byte range of [`Field::text`]) of the cell's text,
    /// borrowed when the text is.
    pub fn sub(&self, r: Range<usize>) -> Cow<'a, str> {
        match &self.text {
            Cow::Borrowed(s) => Cow::Borrowed(&s[r]),
            Cow::Owned(s) => Cow::Owned(s[r].to_string()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Nothing but spaces.
    Empty,
    /// A figure, or a blank marker such as "/", "—", "无".
    Value,
    /// Anything else: a label, a header, prose.
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Word,
    Tabs,
}

/// Splits `region` of `text` into fields. `crawl`: the document is a crawl
/// that lost its cell separators ([`is_crawl`]), so figures glued to labels
/// are cut out as packed figures.
pub fn fields(text: &str, region: Range<usize>, crawl: bool) -> Vec<Field<'_>> {
    // Each line looked at once: blank, a Markdown row, or cells; and what
    // it says of the shape.
    let bytes = &text.as_bytes()[region.clone()];
    // (Each line with whether it holds no tab but one leading it.)
    let mut lines: Vec<(Range<usize>, LineKind, bool)> =
        Vec::with_capacity(crate::utf8::count_byte(bytes, b'\n') + 1);
    let mut shape = ShapeVotes::default();
    // The lines as `split('\n')` cuts them.
    let mut at = 0;
    while at <= bytes.len() {
        let end = crate::utf8::next_byte(bytes, at, b'\n').unwrap_or(bytes.len());
        let r = region.start + at..region.start + end;
        let l = &text[r.clone()];
        at = end + 1;
        let kind = line_kind(l);
        let one_cell = kind != LineKind::Blank && shape.vote(l);
        lines.push((r, kind, one_cell));
    }
    let shape = shape.shape();
    // About one field per tab or line.
    let tabs = crate::utf8::count_byte(bytes, b'\t');
    let mut out: Vec<Field> = Vec::with_capacity(tabs + lines.len());
    let mut row_pending = true;
    // In Word shape: whether the previous line was a cell line of this row.
    let mut in_cell = false;
    for (r, kind, one_cell) in lines {
        if kind == LineKind::Blank {
            row_pending = true;
            in_cell = false;
            continue;
        }
        if kind == LineKind::Pipe {
            push_pipe_row(&mut out, text, r, crawl);
            row_pending = true;
            in_cell = false;
            continue;
        }
        match shape {
            Shape::Word => {
                if one_cell {
                    // (A cell line with no tab after the leading one.)
                    push_cell(&mut out, text, r.start + 1..r.end, row_pending, crawl);
                    row_pending = false;
                    in_cell = true;
                } else if text.as_bytes()[r.start] == b'\t' {
                    push_cells(&mut out, text, r.start + 1..r.end, row_pending, crawl);
                    row_pending = false;
                    in_cell = true;
                } else if in_cell && !out.is_empty() {
                    // Continuation of the cell above.
                    extend_last(&mut out, text, r);
                } else {
                    push_cells(&mut out, text, r, true, crawl);
                    row_pending = true;
                }
            }
            Shape::Tabs => {
                push_cells(&mut out, text, r, true, crawl);
                row_pending = true;
            }
        }
    }
    out
}

/// Pushes the cells of the Markdown row `text[r]` (a line starting with
/// `|` after spaces), unless it is a separator line (`|---|---|`).
fn push_pipe_row<'a>(out: &mut Vec<Field<'a>>, text: &'a str, r: Range<usize>, crawl: bool) {
    let line = &text[r.clone()];
    let trimmed = line.trim_start();
    if is_markdown_separator(trimmed) {
        return;
    }
    let lead = r.start + (line.len() - trimmed.len());
    let body = trimmed.trim_end();
    let inner = body.strip_prefix('|').unwrap_or(body);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut off = lead + 1;
    let mut first = true;
    for cell in inner.split('|') {
        push_cell(out, text, off..off + cell.len(), first, crawl);
        first = false;
        off += cell.len() + 1;
    }
}

/// Pushes the cells of `text[r]` as `split('\t')` cuts it; the first one
/// starts a row when `row_start` says so.
fn push_cells<'a>(
    out: &mut Vec<Field<'a>>,
    text: &'a str,
    r: Range<usize>,
    row_start: bool,
    crawl: bool,
) {
    let line = &text.as_bytes()[..r.end];
    let mut start = r.start;
    let mut first = row_start;
    loop {
        let end = crate::utf8::next_byte(line, start, b'\t').unwrap_or(r.end);
        push_cell(out, text, start..end, first, crawl);
        if end == r.end {
            return;
        }
        first = false;
        start = end + 1;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Empty or whitespace (`l.trim().is_empty()`).
    Blank,
    /// Starts with `|` after spaces: a Markdown table row.
    Pipe,
    Cells,
}

/// What a line is, from the first byte that is not an ASCII space (only a
/// line starting with other whitespace is trimmed).
fn line_kind(l: &str) -> LineKind {
    let first = l.bytes().find(|b| !matches!(b, b'\t'..=b'\r' | b' '));
    let first = match first {
        None => return LineKind::Blank,
        Some(b) if b < 0x80 => b,
        // A lead byte no whitespace character has: not blank, not `|`.
        Some(b) if !may_be_space(b) => return LineKind::Cells,
        Some(_) => match l.trim_start().bytes().next() {
            None => return LineKind::Blank,
            Some(b) => b,
        },
    };
    if first == b'|' {
        LineKind::Pipe
    } else {
        LineKind::Cells
    }
}

/// The evidence for each shape: lines with a tab between cells, and lines
/// that only start with one.
#[derive(Default)]
struct ShapeVotes {
    word: usize,
    tabs: usize,
}

impl ShapeVotes {
    /// Counts a line that is not blank. Returns whether the line is one
    /// tab and text without tabs (a Word copy's cell line), found on the way.
    fn vote(&mut self, l: &str) -> bool {
        let b = l.as_bytes();
        let lead = b.iter().take_while(|&&x| x == b'\t').count();
        // A tab after the leading ones and before the trailing spaces.
        let inner = &l[lead..];
        let tab = crate::utf8::next_byte(inner.as_bytes(), 0, b'\t');
        let inner_tabs = tab.is_some_and(|p| p < inner.trim_end().len());
        if inner_tabs {
            self.tabs += 1;
        } else if lead > 0 {
            self.word += 1;
        }
        lead == 1 && tab.is_none()
    }

    fn shape(&self) -> Shape {
        if self.word > self.tabs {
            Shape::Word
        } else {
            Shape::Tabs
        }
    }
}

/// A crawl that removed every separator: no tabs or pipes, and long lines
/// with figures glued to labels ("规章000行政规范性文件77132470").
pub fn is_crawl(text: &str) -> bool {
    // A crawl has no cell separators at all.
    if crate::utf8::has_tab(text) {
        return false;
    }
    let mut glued = 0;
    for r in crate::sections::lines(text) {
        let l = &text[r.clone()];
        if crate::utf8::has_tab(l) || l.trim_start().starts_with('|') {
            return false;
        }
        if l.len() >= 120 {
            glued += split_crawl(l).map_or(0, |p| p.iter().filter(|x| x.1).count());
        }
    }
    glued >= 3
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

/// Splits a crawled run "规章000行政规范性文件77132470" into label pieces and
/// packed figure pieces (`true`). A figure run must follow a label character
/// (CJK or a closing bracket/quote). Its last digit is left to the next
/// label when a numbering follows ("00000002.其他法律…": "2." numbers the
/// next row). Returns `None` when there is no figure run.
pub(crate) fn split_crawl(s: &str) -> Option<Vec<(Range<usize>, bool)>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    let mut label_start = 0usize;
    let mut i = 0;
    let mut any = false;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let after_label = i > 0 && {
            let p = chars[i - 1].1;
            is_cjk(p) || matches!(p, ')' | '）' | '”' | '"' | '》' | ' ')
        };
        if c.is_ascii_digit() && after_label && !(i > 0 && chars[i - 1].1 == ' ' && i < 2) {
            // The run: digits, '.', and single spaces between digits.
            let mut j = i;
            while j < chars.len() {
                let d = chars[j].1;
                let next_digit = chars.get(j + 1).is_some_and(|x| x.1.is_ascii_digit());
                if d.is_ascii_digit() || ((d == '.' || d == ' ') && next_digit && j > i) {
                    j += 1;
                } else {
                    break;
                }
            }
            let mut end = j;
            // A numbering of the next label: "2." / "2、" then a label char.
            let numbering = chars.get(j).is_some_and(|x| matches!(x.1, '.' | '、'))
                && chars.get(j + 1).is_some_and(|x| !x.1.is_ascii_digit());
            if numbering {
                end = j - 1;
            }
            let run_start = pos;
            let run_end = chars.get(end).map_or(s.len(), |x| x.0);
            let label_char_before = chars[i - 1].1 != ' ' || i >= 2;
            if end > i && label_char_before {
                let run = s[run_start..run_end].trim_end();
                let run_end = run_start + run.len();
                // "2023年" and the like are prose, not figures.
                let unit_after = s[run_end..]
                    .trim_start()
                    .starts_with(['年', '月', '日', '号', '%', '％']);
                if !unit_after {
                    if label_start < run_start {
                        let l = s[label_start..run_start].trim_end();
                        if !l.is_empty() {
                            out.push((label_start..label_start + l.len(), false));
                        }
                    }
                    out.push((run_start..run_end, true));
                    any = true;
                    label_start = chars.get(end).map_or(s.len(), |x| x.0);
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if label_start < s.len() {
        let l = &s[label_start..];
        let lead = l.len() - l.trim_start().len();
        if !l.trim().is_empty() {
            out.push((
                label_start + lead..label_start + lead + l.trim().len(),
                false,
            ));
        }
    }
    Some(out)
}

fn is_markdown_separator(l: &str) -> bool {
    l.contains('-') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Trimmed sub-range of `r`.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    // The usual case: neither end can be whitespace.
    let b = s.as_bytes();
    if let (Some(&first), Some(last)) = (b.first(), b.iter().rposition(|&x| x & 0xC0 != 0x80)) {
        if !may_be_space(first) && !may_be_space(b[last]) {
            return r;
        }
    }
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// Whether `b` may start a whitespace character: ASCII whitespace, or one
/// of the lead bytes (C2, E1, E2, E3) that the other whitespace characters
/// (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) have.
#[inline]
fn may_be_space(b: u8) -> bool {
    const MAY: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
            b += 1;
        }
        t
    };
    MAY[b as usize]
}

/// Whether the last character of `t` (the bytes of a `str`, not ending
/// with ASCII whitespace) may be whitespace: whether it is a character of
/// two bytes led by C2 or of three led by E1, E2 or E3 (a lead byte is
/// never a continuation byte, so no decoding is needed).
#[inline]
fn ends_maybe_space(t: &[u8]) -> bool {
    let n = t.len();
    t[n - 1] >= 0x80
        && ((n >= 2 && t[n - 2] == 0xC2) || (n >= 3 && matches!(t[n - 3], 0xE1..=0xE3)))
}

/// Pushes the field(s) of the cell `text[r]` (untrimmed).
///
/// The common shapes are recognised from their bytes alone: an empty or
/// blank cell, a whole number, a label (longer than any blank mark, not
/// starting like a figure, without a space inside). Anything else takes
/// [`push_cell_general`], which gives the same fields for those shapes
/// (a test checks it).
#[inline(always)]
fn push_cell<'a>(
    out: &mut Vec<Field<'a>>,
    text: &'a str,
    r: Range<usize>,
    row_start: bool,
    crawl: bool,
) {
    let s = &text.as_bytes()[r.clone()];
    let ascii_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let (mut lo, mut hi) = (0, s.len());
    while lo < hi && ascii_space(s[lo]) {
        lo += 1;
    }
    while hi > lo && ascii_space(s[hi - 1]) {
        hi -= 1;
    }
    if lo == hi {
        // Empty, or nothing but ASCII spaces.
        out.push(Field {
            kind: FieldKind::Empty,
            text: Cow::Borrowed(""),
            range: r.start..r.start,
            row_start,
            packed: false,
        });
        return;
    }
    let range = r.start + lo..r.start + hi;
    // (A slice between ASCII bytes or the ends of the cell.)
    let t = &text[range.clone()];
    let fast = if may_be_space(t.as_bytes()[0]) || ends_maybe_space(t.as_bytes()) {
        None
    } else {
        fast_kind(t, crawl)
    };
    let Some(kind) = fast else {
        return push_cell_general(out, text, r, row_start, crawl);
    };
    out.push(Field {
        kind,
        text: Cow::Borrowed(t),
        range,
        row_start,
        packed: false,
    });
}

/// The kind of the cell `s` (trimmed, and neither starting nor ending
/// with whitespace) when it is one field as it stands; `None` when the
/// cell may have to be split (figures after a label, a crawl's glued
/// figures), which [`push_cell_general`] decides.
#[inline(always)]
fn fast_kind(s: &str, crawl: bool) -> Option<FieldKind> {
    let t = s.as_bytes();
    let (first, n) = (t[0], t.len());
    // A whole number (as `parse_cell` reads it).
    if first.is_ascii_digit() && n <= 18 && t.iter().all(u8::is_ascii_digit) {
        return Some(FieldKind::Value);
    }
    if crawl {
        return None;
    }
    let figure_start = |b: u8| matches!(b, b'0'..=b'9' | b'+' | b'-' | b'.');
    // No figure or blank mark ("——" is the longest) starts like a label.
    let kind = if !figure_start(first) && n > 6 {
        FieldKind::Text
    } else {
        classify(s)
    };
    if kind == FieldKind::Text {
        // Figures after a label are split off only when the last piece
        // (after the last space) is a figure ([`split_figures`]).
        let mut last_space = None;
        while let Some(p) = crate::utf8::next_byte(t, last_space.map_or(0, |p| p + 1), b' ') {
            last_space = Some(p);
        }
        if let Some(p) = last_space {
            let after = t[p + 1];
            if figure_start(after) || may_be_space(after) {
                return None;
            }
        }
    }
    Some(kind)
}

/// [`push_cell`] for any cell: trims it, classifies it, cuts figures out of
/// a crawled label and splits space-separated figures.
fn push_cell_general<'a>(
    out: &mut Vec<Field<'a>>,
    text: &'a str,
    r: Range<usize>,
    row_start: bool,
    crawl: bool,
) {
    // Most cells are a whole number between ASCII spaces, if any ("0",
    // " 51 "): a figure as `parse_cell` reads it (up to 18 digits), with
    // nothing to trim but those spaces and nothing to split.
    if let Some(range) = whole_number(text.as_bytes(), r.clone()) {
        out.push(Field {
            kind: FieldKind::Value,
            text: Cow::Borrowed(&text[range.clone()]),
            range,
            row_start,
            packed: false,
        });
        return;
    }
    let t = trim_range(text, r.clone());
    let content = &text[t.clone()];
    let kind = classify(content);
    if crawl && kind == FieldKind::Text {
        if let Some(pieces) = split_crawl(content) {
            let mut first = row_start;
            for (p, packed) in pieces {
                let pr = t.start + p.start..t.start + p.end;
                let mut f = make_field(text, pr, first);
                if packed {
                    f.kind = FieldKind::Value;
                    f.packed = true;
                }
                out.push(f);
                first = false;
            }
            return;
        }
    }
    // A label followed by space-separated figures, or several figures in one
    // cell: split them into cells.
    if let Some(parts) = split_figures(content, kind) {
        let mut first = row_start;
        for p in parts {
            let pr = t.start + p.start..t.start + p.end;
            out.push(make_field(text, pr, first));
            first = false;
        }
        return;
    }
    let range = if t.is_empty() { r.start..r.start } else { t };
    out.push(Field {
        kind,
        text: Cow::Borrowed(content),
        range,
        row_start,
        packed: false,
    });
}

/// The range of the whole number (1 to 18 ASCII digits) that `b[r]` holds
/// between ASCII spaces, if that is all it holds.
#[inline]
fn whole_number(b: &[u8], r: Range<usize>) -> Option<Range<usize>> {
    let digits = |s: &[u8]| crate::value::whole_number(s).is_some();
    let s = &b[r.clone()];
    if digits(s) {
        return Some(r);
    }
    let space = |x: &u8| matches!(x, b'\t'..=b'\r' | b' ');
    if !(s.first().is_some_and(space) || s.last().is_some_and(space)) {
        return None;
    }
    let lo = s.iter().take_while(|x| space(x)).count();
    let hi = s.len() - s[lo..].iter().rev().take_while(|x| space(x)).count();
    digits(&s[lo..hi]).then_some(r.start + lo..r.start + hi)
}

fn make_field(text: &str, range: Range<usize>, row_start: bool) -> Field<'_> {
    let s = &text[range.clone()];
    Field {
        kind: classify(s),
        text: Cow::Borrowed(s),
        range,
        row_start,
        packed: false,
    }
}

fn extend_last(out: &mut [Field], text: &str, line: Range<usize>) {
    let t = trim_range(text, line);
    if t.is_empty() {
        return;
    }
    let last = out.last_mut().expect("non-empty");
    let piece = &text[t.clone()];
    if last.text.is_empty() {
        last.range = t;
    } else {
        last.range = last.range.start..t.end;
    }
    last.text.to_mut().push_str(piece);
    last.kind = classify(&last.text);
}

/// Splits "label 51 3 0" into ["label", "51", "3", "0"] and "0 0 0" into
/// three cells, when every piece after the first is a figure separated by
/// spaces. Returns `None` when there is nothing to split. `kind`: how `s`
/// as a whole classifies (a figure or blank mark is never split).
fn split_figures(s: &str, kind: FieldKind) -> Option<Vec<Range<usize>>> {
    if kind != FieldKind::Text {
        return None;
    }
    // Nothing to split unless the last piece (`s` is trimmed: what follows
    // the last space) is a figure.
    // (A byte loop: cheaper than the standard library's search on short
    // cells.)
    match s.bytes().rposition(|b| b == b' ') {
        Some(i) if crate::value::parse_cell(&s[i + 1..]).is_figure() => {}
        _ => return None,
    }
    let mut pieces = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c == ' ' {
            if let Some(st) = start.take() {
                pieces.push(st..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        pieces.push(st..s.len());
    }
    // Trailing figures.
    let figure = |r: &Range<usize>| crate::value::parse_cell(&s[r.clone()]).is_figure();
    let n_fig = pieces.iter().rev().take_while(|r| figure(r)).count();
    if n_fig == 0 || pieces.len() < 2 {
        return None;
    }
    let label_end = pieces.len() - n_fig;
    if label_end == 0 {
        return Some(pieces);
    }
    // The label part must be text, and not just a numbering ("1. 属于…" has
    // its figures elsewhere; "第 3 项" is not a row).
    let label = &s[pieces[0].start..pieces[label_end - 1].end];
    if classify(label) != FieldKind::Text || n_fig < 2 && label.chars().count() < 2 {
        return None;
    }
    let label_range = pieces[0].start..pieces[label_end - 1].end;
    Some(
        std::iter::once(label_range)
            .chain(pieces[label_end..].iter().cloned())
            .collect(),
    )
}

pub fn classify(s: &str) -> FieldKind {
    // `parse_cell` says Empty exactly when `s` is blank.
    match crate::value::parse_cell(s) {
        crate::value::CellText::Empty => FieldKind::Empty,
        crate::value::CellText::Text => FieldKind::Text,
        _ => FieldKind::Value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(f: &[Field]) -> Vec<(String, bool)> {
        f.iter()
            .map(|f| (f.text.to_string(), f.row_start))
            .collect()
    }

    #[test]
    fn word_copy_rows_and_continuations() {
        let t = "\t商业\n企业\n\t23\n\n\t\n0 \n";
        let f = fields(t, 0..t.len(), false);
        assert_eq!(
            texts(&f),
            vec![
                ("商业企业".into(), true),
                ("23".into(), false),
                ("0".into(), true)
            ]
        );
        assert_eq!(&t[f[2].range.clone()], "0");
    }

    #[test]
    fn whole_numbers_are_what_trimming_and_parsing_say() {
        for s in [
            "0",
            "51",
            " 51 ",
            "\t7\r",
            "",
            " ",
            "5 1",
            "1.5",
            "-3",
            "051",
            "１",
            "0\u{3000}",
            "\u{a0}0",
            "123456789012345678",
            "1234567890123456789",
            "12万",
            "𠮷1",
        ] {
            let t = crate::utf8::trim(s);
            let lead = s.len() - s.trim_start().len();
            let want = (matches!(
                crate::value::parse_cell(t),
                crate::value::CellText::Number(..)
            ) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| 10 + lead..10 + lead + t.len());
            let text = format!("{}{s}", "x".repeat(10));
            // (None leaves the cell to the general path, which reads it.)
            let got = whole_number(text.as_bytes(), 10..text.len());
            assert!(got.is_none() || got == want, "{s:?}");
            if ["0", "51", " 51 ", "\t7\r", "051"].contains(&s) {
                assert!(got.is_some(), "{s:?}");
            }
        }
    }

    #[test]
    fn fast_cells_are_what_the_general_path_makes() {
        for cell in [
            "",
            " ",
            "\t",
            "\r",
            "0",
            "51",
            " 51 ",
            "0 ",
            "123456789012345678",
            "1234567890123456789",
            "1.5",
            "-3",
            "+3",
            ".5",
            "12万",
            "/",
            "——",
            "一",
            "无",
            "规章",
            "总计",
            "本年新收",
            "本年新收 51 3 0",
            "1. 属于国家秘密",
            "（三）不予公开",
            "行政规范性文件8855698",
            "规章000行政规范性文件77132470",
            "\u{3000}予以公开",
            "予以公开\u{3000}",
            "予以公开\u{a0}",
            "\u{a0}0",
            "0\u{2003}",
            "x\u{1680}",
            "𠮷𠮷",
            "中𠮷",
            "abcdefg",
            "a b c d",
            "结果维持\r",
            "（三） 不予公开",
            "本年新收 51",
            "本年新收 +5",
            "本年新收 .5",
            "本年新收 -",
            "本年新收 \u{3000}5",
            "ab \u{3000}5",
            "规章 3",
            "规章 3 4",
            "1. 属于 2. 其他",
            "5万元",
            "5 万元",
            "— —",
            "一",
            "x",
            "第 3 项",
        ] {
            for crawl in [false, true] {
                for row_start in [false, true] {
                    let text = format!("前\t{cell}\t后");
                    let r = 4..4 + cell.len();
                    let (mut fast, mut general) = (Vec::new(), Vec::new());
                    push_cell(&mut fast, &text, r.clone(), row_start, crawl);
                    push_cell_general(&mut general, &text, r, row_start, crawl);
                    assert_eq!(
                        format!("{fast:?}"),
                        format!("{general:?}"),
                        "{cell:?} {crawl}"
                    );
                }
            }
        }
    }

    #[test]
    fn ends_maybe_space_sees_the_last_character() {
        for s in [
            "a",
            "中",
            "𠮷",
            "é",
            "\u{a0}",
            "x\u{3000}",
            "x\u{2003}",
            "中\u{1680}",
            "\u{85}",
        ] {
            let want = s
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_ascii() && may_be_space(c.to_string().as_bytes()[0]));
            assert_eq!(ends_maybe_space(s.as_bytes()), want, "{s:?}");
        }
    }

    #[test]
    fn line_kinds() {
        use LineKind::*;
        for (l, want) in [
            ("", Blank),
            (" \t\r", Blank),
            ("\u{3000}", Blank),
            ("\u{3000}|a|", Pipe),
            ("  | a |", Pipe),
            ("规章\t0", Cells),
            ("\t𠮷", Cells),
            ("\u{a0}x", Cells),
        ] {
            assert_eq!(line_kind(l), want, "{l:?}");
        }
    }

    #[test]
    fn tab_rows_keep_empty_cells() {
        let t = "行政复议\t\t行政诉讼\n\t\t0\t1\n";
        let f = fields(t, 0..t.len(), false);
        let k: Vec<FieldKind> = f.iter().map(|f| f.kind).collect();
        use FieldKind::*;
        assert_eq!(k, vec![Text, Empty, Text, Empty, Empty, Value, Value]);
        assert!(f[3].row_start && !f[4].row_start);
    }

    #[test]
    fn markdown_and_space_separated_figures() {
        let t = "| 规章 | 0 | 1 |\n|---|---|---|\n本年新收 51 3 0\n";
        let f = fields(t, 0..t.len(), false);
        assert_eq!(
            texts(&f),
            vec![
                ("规章".into(), true),
                ("0".into(), false),
                ("1".into(), false),
                ("本年新收".into(), true),
                ("51".into(), false),
                ("3".into(), false),
                ("0".into(), false)
            ]
        );
    }
}
