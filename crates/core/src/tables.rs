//! Stage 4: the template's tables, read from a region's cells.
//!
//! Cells are grouped into *records*: a label (one or more text cells in a
//! row — a group label such as "（三）不予公开" joins the row's own label)
//! followed by its figures. Records are aligned with the template's rows in
//! template order by dynamic programming, so a header cell that happens to
//! say "总计" cannot take the place of row （七）; then each record's cells
//! are fitted to the row's columns:
//!
//! - exactly as many figures as columns: blank cells around them were left
//!   by merged cells and are ignored;
//! - as many cells (figures and blanks) as columns: read by position, so a
//!   blank cell is a blank cell;
//! - otherwise the row cannot be read without guessing, and we say so.

use crate::decimal::Decimal;
use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::fields::{Field, FieldKind};
use crate::labels::{canonical, canonical_into, similarity_from, Matcher};
use crate::model::{Cell, Row, Table};
use crate::span::Span;
use crate::template::{RowDef, ValueKind};
use crate::value::{parse_cell, CellText};
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::ops::Range;
use std::rc::Rc;

/// A label and the cells after it.
#[derive(Debug)]
struct Record<'a> {
    /// The canonical label: the canonical forms of its pieces (a group
    /// label, then the row's own label), joined; a range of the labels'
    /// buffer (see [`records`]).
    label: Range<usize>,
    /// Where the last piece starts in the buffer.
    last_start: usize,
    label_range: Range<usize>,
    /// The cells after the label: the fields up to the next label (none is
    /// a label). A cell that starts a row starts a row of the table.
    cells: &'a [Field<'a>],
    /// The first cell is on a row below the label's.
    below: bool,
    n_figures: usize,
    /// Figures written into the label's cell with nothing between
    /// ("行政规范性文件8855698"): where, and the digits.
    run_together: Option<(Range<usize>, &'a str)>,
    /// The row's own label cell (the last text cell): where, and its text.
    last_label: (Range<usize>, &'a str),
}

impl Record<'_> {
    /// The canonical label, in the labels' buffer `buf`.
    fn label<'b>(&self, buf: &'b str) -> &'b str {
        &buf[self.label.clone()]
    }

    /// The canonical form of the last piece of the label.
    fn last<'b>(&self, buf: &'b str) -> &'b str {
        &buf[self.last_start..self.label.end]
    }
}

/// The records of `fields`, their canonical labels written one after the
/// other into `buf` (one allocation, not one per record).
fn records<'a>(fields: &'a [Field<'a>], buf: &mut String) -> Vec<Record<'a>> {
    buf.clear();
    // (At most one record per field.)
    let mut out: Vec<Record> = Vec::with_capacity(fields.len());
    // Where the cells of the last record start, and its figures so far.
    let mut cells_start = 0;
    let mut figures = 0;
    // Every field since the label is a cell of it: the last record's cells
    // are set when the next label comes (or the fields end), not at each.
    let finish = |out: &mut Vec<Record<'a>>, cells_start: usize, end: usize, figures: usize| {
        if let Some(r) = out.last_mut() {
            if end > cells_start {
                r.cells = &fields[cells_start..end];
                r.below = fields[cells_start].row_start;
            }
            r.n_figures = figures;
        }
    };
    let mut row_has_content = false;
    let mut last_was_text = false;
    for (i, f) in fields.iter().enumerate() {
        if f.row_start {
            row_has_content = false;
            last_was_text = false;
        }
        match f.kind {
            FieldKind::Text => {
                finish(&mut out, cells_start, i, figures);
                let (label_text, run) = split_run_together(&f.text, f.range.clone());
                let continues = row_has_content
                    && last_was_text
                    && out.last().is_some_and(|r| r.n_figures == 0);
                if continues {
                    // The last record's label ends the buffer.
                    let r = out.last_mut().expect("checked");
                    r.last_start = buf.len();
                    canonical_into(label_text, buf);
                    r.label.end = buf.len();
                    r.label_range.end = f.range.end;
                    r.last_label = (f.range.clone(), &f.text);
                    r.cells = &[];
                    if run.is_some() {
                        r.run_together = run;
                    }
                } else {
                    let start = buf.len();
                    canonical_into(label_text, buf);
                    out.push(Record {
                        label: start..buf.len(),
                        last_start: start,
                        label_range: f.range.clone(),
                        cells: &[],
                        below: false,
                        n_figures: 0,
                        run_together: run,
                        last_label: (f.range.clone(), &f.text),
                    });
                }
                figures = 0;
                cells_start = i + 1;
                row_has_content = true;
                last_was_text = true;
            }
            FieldKind::Value => {
                figures += 1;
                row_has_content = true;
                last_was_text = false;
            }
            FieldKind::Empty => {}
        }
    }
    finish(&mut out, cells_start, fields.len(), figures);
    out
}

/// "行政规范性文件8855698" → ("行政规范性文件", Some(range of the digits)).
fn split_run_together(text: &str, range: Range<usize>) -> (&str, Option<(Range<usize>, &str)>) {
    // The usual label ends with neither a digit nor a point.
    if !text.ends_with(|c: char| c.is_ascii_digit() || c == '.') {
        return (text, None);
    }
    let head = text.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let tail = &text[head.len()..];
    let digits = tail.bytes().filter(u8::is_ascii_digit).count();
    let cjk_before = head
        .chars()
        .next_back()
        .is_some_and(|c| c as u32 >= 0x3400 && !matches!(c, '、' | '，' | '。' | '）' | '”'));
    // The field's range covers its text exactly only when the text was not
    // joined from several lines; otherwise point at the whole field.
    if digits >= 1 && cjk_before && head.chars().count() >= 2 {
        let at = if range.len() == text.len() {
            range.start + head.len()..range.end
        } else {
            range
        };
        (head, Some((at, tail)))
    } else {
        (text, None)
    }
}

/// A table's row definitions with what matching labels against them needs,
/// prepared once per table rather than once per record.
struct Rows<'d> {
    defs: &'d [RowDef],
    /// Every row's phrases, in row order.
    phrases: Matcher<'d>,
    /// For each phrase: its row and its length.
    phrase_rows: Vec<(usize, usize)>,
    /// The rows with exact labels.
    exact_rows: Vec<usize>,
    /// The fewest columns a row has.
    min_columns: usize,
    /// Each row's template label in canonical form (for the typo fallback),
    /// computed when first needed.
    wanted: OnceCell<Vec<String>>,
}

/// The prepared rows of `defs`, built once for each list: the lists are
/// static, so their address identifies them.
fn prepared(defs: &'static [RowDef]) -> Rc<Rows<'static>> {
    /// (address and length of a list, its prepared rows).
    type Cache = Vec<((usize, usize), Rc<Rows<'static>>)>;
    thread_local! {
        static PREPARED: RefCell<Cache> = const { RefCell::new(Vec::new()) };
    }
    let key = (defs.as_ptr() as usize, defs.len());
    PREPARED.with_borrow_mut(|cache| {
        if let Some((_, rows)) = cache.iter().find(|(k, _)| *k == key) {
            return rows.clone();
        }
        let rows = Rc::new(Rows::new(defs));
        cache.push((key, rows.clone()));
        rows
    })
}

impl<'d> Rows<'d> {
    fn new(defs: &'d [RowDef]) -> Self {
        Rows {
            defs,
            phrases: Matcher::new(defs.iter().flat_map(|d| d.phrases.iter().copied())),
            phrase_rows: (defs.iter().enumerate())
                .flat_map(|(j, d)| d.phrases.iter().map(move |p| (j, p.len())))
                .collect(),
            exact_rows: (0..defs.len())
                .filter(|&j| !defs[j].exact.is_empty())
                .collect(),
            min_columns: defs.iter().map(|d| d.columns.len()).min().unwrap_or(0),
            wanted: OnceCell::new(),
        }
    }

    fn wanted(&self) -> &[String] {
        self.wanted
            .get_or_init(|| self.defs.iter().map(|d| canonical(d.label)).collect())
    }
}

/// Whether the record's label names the row (by a phrase or exactly).
fn names_row(rec: &Record, buf: &str, def: &RowDef) -> bool {
    let label = rec.label(buf);
    let last = rec.last(buf);
    // Phrases and exact labels are written in canonical form (a test in
    // template.rs checks it), so no per-record normalisation is needed.
    def.phrases.iter().any(|p| label.contains(p))
        || def.exact.iter().any(|e| *e == label || *e == last)
}

/// How well record `rec` names each row: (row index, score) for the rows it
/// may be, appended to `out`. `hits` is scratch space.
fn candidates(
    rec: &Record,
    buf: &str,
    rows: &Rows,
    hits: &mut Vec<(usize, usize)>,
    out: &mut Vec<(usize, u32)>,
) {
    let defs = rows.defs;
    let label = rec.label(buf);
    if label.is_empty() {
        return;
    }
    let last = rec.last(buf);
    let usable = |def: &RowDef| -> bool {
        rec.n_figures > 0 || rec.run_together.is_some() || rec.cells.len() >= def.columns.len()
    };
    // A record usable for no row (a header: no figures, too few cells)
    // has no candidate: its label is not looked at.
    if rec.n_figures == 0 && rec.run_together.is_none() && rec.cells.len() < rows.min_columns {
        return;
    }
    // Phrases: the latest-ending match is the row's own label; earlier ones
    // belong to a group label before it.
    // (row, end) for each phrase match and each exact label; an exact label
    // ends after every phrase.
    hits.clear();
    rows.phrases.each_match(label, |i, k| {
        hits.push((rows.phrase_rows[k].0, i + rows.phrase_rows[k].1))
    });
    for &j in &rows.exact_rows {
        if defs[j].exact.iter().any(|e| *e == label || *e == last) {
            hits.push((j, label.len() + 1));
        }
    }
    // Each row named once, in row order, with the end of its latest match.
    hits.sort_unstable();
    hits.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 = next.1;
        }
        same
    });
    let phrase_hits = &hits[..];
    let best_end = phrase_hits.iter().map(|h| h.1).max().unwrap_or(0);
    for &(j, e) in phrase_hits {
        if !usable(&defs[j]) {
            continue;
        }
        let base = if e == best_end { 10 } else { 4 };
        let score = if rec.n_figures == 0 && rec.run_together.is_none() {
            2
        } else {
            base
        };
        out.push((j, score));
    }
    if phrase_hits.is_empty() && rec.n_figures > 0 {
        for (j, want) in rows.wanted().iter().enumerate() {
            let close = |s: &str| similarity_from(s, want, 0.7).is_some_and(|x| x >= 0.7);
            if close(label) || close(last) {
                out.push((j, 6));
            }
        }
    }
}

/// Aligns records with rows, in order, maximising the total score.
/// Record `i`'s candidates are `list[ranges[i].clone()]`.
/// Returns (record index, row index) pairs and the score.
fn align(list: &[(usize, u32)], ranges: &[Range<usize>], m: usize) -> (Vec<(usize, usize)>, u32) {
    align_in_order(list, ranges).unwrap_or_else(|| align_table(list, ranges, m))
}

/// [`align`] by dynamic programming, for any candidates.
fn align_table(
    list: &[(usize, u32)],
    ranges: &[Range<usize>],
    m: usize,
) -> (Vec<(usize, usize)>, u32) {
    let cands = |i: usize| &list[ranges[i].clone()];
    let idx: Vec<usize> = (0..ranges.len())
        .filter(|&i| !ranges[i].is_empty())
        .collect();
    let n = idx.len();
    // dp[i][j]: best score with records idx[i..] and rows j..: the best of
    // leaving record i out and of matching it with a candidate row k >= j,
    // s + dp[i + 1][k + 1]. The latter is a running maximum as j goes down
    // (`at_row[k]`: the best for row k), so each record costs O(m), not
    // O(m × candidates).
    let w = m + 1;
    let mut dp = vec![0u32; (n + 1) * w];
    let mut at_row = vec![0u32; m];
    for i in (0..n).rev() {
        let next = (i + 1) * w;
        for &(k, s) in cands(idx[i]) {
            at_row[k] = at_row[k].max(s + dp[next + k + 1]);
        }
        let (head, tail) = dp.split_at_mut(next);
        let (cur, below) = (&mut head[i * w..], &tail[..w]);
        cur[m] = below[m];
        // (Scores are never negative: 0 stands for "no candidate".)
        let mut run = 0;
        let rows = cur[..m].iter_mut().zip(&below[..m]).zip(&at_row);
        for ((c, &b), &a) in rows.rev() {
            run = run.max(a);
            *c = b.max(run);
        }
        for &(k, _) in cands(idx[i]) {
            at_row[k] = 0;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n {
        let here = dp[i * w + j];
        if here == dp[(i + 1) * w + j] {
            i += 1;
            continue;
        }
        let mut moved = false;
        for &(k, s) in cands(idx[i]) {
            if k >= j && s + dp[(i + 1) * w + k + 1] == here {
                pairs.push((idx[i], k));
                j = k + 1;
                i += 1;
                moved = true;
                break;
            }
        }
        if !moved {
            i += 1;
        }
    }
    (pairs, dp[0])
}

/// [`align`]'s answer without its table, in the usual case: each record's
/// best candidate is better than its others, and the best candidates'
/// rows go up from record to record. Every record then has its best score
/// (no alignment scores more, scores being positive), and only that
/// alignment does: it is the one `align` finds. `None` otherwise.
fn align_in_order(
    list: &[(usize, u32)],
    ranges: &[Range<usize>],
) -> Option<(Vec<(usize, usize)>, u32)> {
    let mut pairs = Vec::with_capacity(ranges.len());
    let mut total = 0;
    for (i, r) in ranges.iter().enumerate() {
        let cands = &list[r.clone()];
        let Some(&(mut row, mut best)) = cands.first() else {
            continue;
        };
        let mut tie = false;
        for &(k, s) in &cands[1..] {
            if s > best {
                (row, best, tie) = (k, s, false);
            } else if s == best {
                tie = true;
            }
        }
        if tie || best == 0 || pairs.last().is_some_and(|&(_, prev)| prev >= row) {
            return None;
        }
        pairs.push((i, row));
        total += best;
    }
    Some((pairs, total))
}

/// Why a row's cells could not be fitted.
#[derive(Debug)]
enum Unfit {
    TooMany(usize),
    TooFew(usize),
    /// Figures run together that allow this many readings (0 or 2+).
    Packed(String, usize),
}

/// Fits a record's cells to `n` columns (see the module docs); figures run
/// together are split when, and only when, exactly one reading exists.
/// The fitted cells are the record's own when no cell is left out or split.
fn fit<'r, 'a>(rec: &'r Record<'a>, n: usize) -> Result<Cow<'r, [Field<'a>]>, Unfit> {
    if rec.cells.iter().any(|f| f.packed) {
        let figures: Vec<&Field> = rec
            .cells
            .iter()
            .filter(|f| f.kind == FieldKind::Value)
            .collect();
        let loose = figures.iter().filter(|f| !f.packed).count();
        let packed: Vec<&Field> = figures.iter().copied().filter(|f| f.packed).collect();
        if packed.len() == 1 && loose < n {
            let p = packed[0];
            let need = n - loose;
            let (count, parts) = unpack(&p.text, need);
            if count != 1 {
                return Err(Unfit::Packed(p.text.to_string(), count));
            }
            let mut out = Vec::new();
            for f in figures {
                if f.packed {
                    for r in &parts {
                        let range = p.range.start + r.start..p.range.start + r.end;
                        out.push(Field {
                            text: p.sub(r.clone()),
                            range,
                            row_start: false,
                            kind: FieldKind::Value,
                            packed: false,
                        });
                    }
                } else {
                    out.push(f.clone());
                }
            }
            return Ok(Cow::Owned(out));
        }
        let all: String = packed
            .iter()
            .map(|f| f.text.as_ref())
            .collect::<Vec<_>>()
            .join(" ");
        return Err(Unfit::Packed(all, 2));
    }
    fit_loose(rec, n)
}

/// Ways of reading `run` as `n` figures: digit groups separated by spaces
/// are kept apart; a figure has no leading zero unless it is 0 (or 0.x).
/// Returns the number of readings (capped at 2) and, when it is 1, the
/// pieces.
pub(crate) fn unpack(run: &str, n: usize) -> (usize, Vec<Range<usize>>) {
    // Groups separated by spaces.
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in run.char_indices() {
        if c == ' ' {
            if let Some(s) = start.take() {
                groups.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        groups.push(s..run.len());
    }
    if n == 0 || groups.is_empty() || run.len() > 200 {
        return (0, Vec::new());
    }
    let valid = |p: &str| -> bool {
        if p.is_empty() || p.starts_with('.') || p.ends_with('.') || p.matches('.').count() > 1 {
            return false;
        }
        let int = p.split('.').next().unwrap_or("");
        (int == "0" || !int.starts_with('0')) && int.len() <= 12
    };
    // ways[g][k]: readings of groups g.. as k figures (capped at 2).
    // Within a group, w(pos, k): readings of group[pos..] as k figures.
    let total_groups = groups.len();
    let mut memo: std::collections::HashMap<(usize, usize, usize), usize> = Default::default();
    fn count(
        run: &str,
        groups: &[Range<usize>],
        g: usize,
        pos: usize,
        k: usize,
        valid: &dyn Fn(&str) -> bool,
        memo: &mut std::collections::HashMap<(usize, usize, usize), usize>,
    ) -> usize {
        if g == groups.len() {
            return usize::from(k == 0);
        }
        if k == 0 {
            return 0;
        }
        if let Some(&v) = memo.get(&(g, pos, k)) {
            return v;
        }
        let gr = &groups[g];
        let mut total = 0;
        for end in pos + 1..=gr.end {
            if !valid(&run[pos..end]) {
                continue;
            }
            let sub = if end == gr.end {
                count(
                    run,
                    groups,
                    g + 1,
                    groups.get(g + 1).map_or(0, |x| x.start),
                    k - 1,
                    valid,
                    memo,
                )
            } else {
                count(run, groups, g, end, k - 1, valid, memo)
            };
            total = (total + sub).min(2);
            if total >= 2 {
                break;
            }
        }
        memo.insert((g, pos, k), total);
        total
    }
    let c = count(run, &groups, 0, groups[0].start, n, &valid, &mut memo);
    if c != 1 {
        return (c, Vec::new());
    }
    // Reconstruct the one reading.
    let mut parts = Vec::new();
    let (mut g, mut pos, mut k) = (0usize, groups[0].start, n);
    while g < total_groups && k > 0 {
        let gr = groups[g].clone();
        let mut moved = false;
        for end in pos + 1..=gr.end {
            if !valid(&run[pos..end]) {
                continue;
            }
            let sub = if end == gr.end {
                count(
                    run,
                    &groups,
                    g + 1,
                    groups.get(g + 1).map_or(0, |x| x.start),
                    k - 1,
                    &valid,
                    &mut memo,
                )
            } else {
                count(run, &groups, g, end, k - 1, &valid, &mut memo)
            };
            if sub == 1 {
                parts.push(pos..end);
                k -= 1;
                if end == gr.end {
                    g += 1;
                    pos = groups.get(g).map_or(0, |x| x.start);
                } else {
                    pos = end;
                }
                moved = true;
                break;
            }
        }
        if !moved {
            return (0, Vec::new());
        }
    }
    (1, parts)
}

/// Fits cells that are each one figure or blank.
fn fit_loose<'r, 'a>(rec: &'r Record<'a>, n: usize) -> Result<Cow<'r, [Field<'a>]>, Unfit> {
    // Figures start on the label's own row: figures under a column of
    // labels (a PDF text layer) belong to no row we can name.
    if !rec.cells.is_empty() && rec.below {
        return Err(Unfit::TooFew(0));
    }
    // Try the cells of the first row, then of the first two rows, and so on
    // (the figures counted as the cells are passed).
    let mut last_err = Unfit::TooFew(0);
    let mut n_figures = 0;
    for (i, f) in rec.cells.iter().enumerate() {
        n_figures += usize::from(f.kind == FieldKind::Value);
        let end = i + 1;
        if rec.cells.get(end).is_some_and(|next| !next.row_start) {
            continue;
        }
        let cells = &rec.cells[..end];
        if n_figures == n && cells.len() == n {
            // Every cell a figure.
            return Ok(Cow::Borrowed(cells));
        }
        if n_figures == n {
            let mut out = Vec::with_capacity(n);
            out.extend(cells.iter().filter(|f| f.kind == FieldKind::Value).cloned());
            return Ok(Cow::Owned(out));
        }
        if n_figures > n {
            return Err(Unfit::TooMany(n_figures));
        }
        if cells.len() == n {
            return Ok(Cow::Borrowed(cells));
        }
        // Blank cells trailing or leading the row, beyond the columns.
        let mut lo = 0;
        let mut hi = cells.len();
        while hi > lo && hi - lo > n && cells[hi - 1].kind == FieldKind::Empty {
            hi -= 1;
        }
        if hi - lo == n {
            return Ok(Cow::Borrowed(&cells[lo..hi]));
        }
        while hi - lo > n && cells[lo].kind == FieldKind::Empty {
            lo += 1;
        }
        if hi - lo == n {
            return Ok(Cow::Borrowed(&cells[lo..hi]));
        }
        last_err = Unfit::TooFew(n_figures);
    }
    Err(last_err)
}

/// What one table extraction gives.
pub struct Extraction {
    pub table: Option<Table>,
    pub diagnostics: Vec<Diagnostic>,
    /// Alignment score (for choosing between template versions).
    pub score: u32,
    /// How many rows had their cells fitted.
    pub fitted: usize,
}

/// Reads a table with row definitions `defs` from `fields`.
/// `region_start` locates a missing row when no row of the table is found.
pub fn extract(
    fields: &[Field],
    defs: &'static [RowDef],
    region_start: usize,
    lang: Lang,
) -> Extraction {
    let mut buf = String::with_capacity(1024);
    let recs = records(fields, &mut buf);
    let rows_def = prepared(defs);
    let mut hits = Vec::new();
    // Every record's candidates in one list.
    let mut list = Vec::with_capacity(recs.len() * 2);
    let ranges: Vec<Range<usize>> = recs
        .iter()
        .map(|r| {
            let start = list.len();
            candidates(r, &buf, &rows_def, &mut hits, &mut list);
            start..list.len()
        })
        .collect();
    let (pairs, score) = align(&list, &ranges, defs.len());
    let mut diags = Vec::new();
    if pairs.is_empty() {
        return Extraction {
            table: None,
            diagnostics: diags,
            score: 0,
            fitted: 0,
        };
    }
    // Labels found but figures not in rows (a PDF text layer, column by
    // column): one finding for the table, not one per row.
    let mut fits: Vec<Option<Result<Cow<[Field]>, Unfit>>> = pairs
        .iter()
        .map(|&(ri, di)| Some(fit(&recs[ri], defs[di].columns.len())))
        .collect();
    let fittable = fits.iter().flatten().filter(|f| f.is_ok()).count();
    // (The counts over every cell are made only when most rows did not fit.)
    let few_fitted = fittable * 2 < defs.len();
    let loose_figures = if few_fitted {
        fields.iter().filter(|f| f.kind == FieldKind::Value).count()
    } else {
        0
    };
    let unfitted = few_fitted
        && loose_figures >= defs.len()
        && !recs.iter().any(|r| r.cells.iter().any(|c| c.packed));
    // Rows whose label is present, with or without figures after it
    // (counted only when it matters).
    let labels_found = if unfitted {
        (0..defs.len())
            .filter(|&j| recs.iter().any(|r| names_row(r, &buf, &defs[j])))
            .count()
    } else {
        0
    };
    if unfitted && labels_found * 2 >= defs.len() {
        let first = &recs[pairs[0].0];
        diags.push(Diagnostic::new(
            crate::rules::structure::TABLE_UNREADABLE.code,
            Severity::Error,
            lang.pick_with(
                || format!(
                    "找到了表格的 {} 个行标签和 {loose_figures} 个数字，但数字不是按行排列的（常见于从 PDF 复制、逐列导出的文本），无法确定每个数字属于哪一格；请从 Word、WPS 或网页原文复制表格",
                    labels_found
                ),
                || format!(
                    "The table's {} row labels and {loose_figures} figures were found, but the figures are not laid out in rows (as in a PDF's text layer, column by column); which figure belongs to which cell cannot be told. Copy the table from the Word/WPS document or the web page instead",
                    labels_found
                ),
            ),
            nspan(first.label_range.clone()),
        ));
        return Extraction {
            table: None,
            diagnostics: diags,
            score: labels_found as u32,
            fitted: 0,
        };
    }
    let mut rows: Vec<Row> = Vec::with_capacity(pairs.len());
    let mut fitted = 0;
    // Where each template row was found (or belongs), for locating missing rows.
    let mut found_at: Vec<Option<(Range<usize>, usize)>> = vec![None; defs.len()];
    for (pi, &(ri, di)) in pairs.iter().enumerate() {
        let rec = &recs[ri];
        let def = &defs[di];
        let label_span = nspan(rec.label_range.clone());
        let end = rec
            .cells
            .last()
            .map_or(rec.label_range.end, |c| c.range.end);
        found_at[di] = Some((rec.label_range.clone(), end));
        let fitted_cells = fits[pi].take().expect("one fit per pair");
        let cells = match (&rec.run_together, fitted_cells) {
            (Some((at, digits)), _) if rec.n_figures == 0 => {
                diags.push(
                    Diagnostic::new(
                        "table.row-unreadable",
                        Severity::Error,
                        lang.pick_with(
                            || format!(
                                "“{}”一行的数字连在一起（{}），无法确定如何分到 {} 列，不予猜测",
                                def.label,
                                digits,
                                def.columns.len()
                            ),
                            || format!(
                                "Row “{}”: its figures run together ({}); they cannot be split into {} columns without guessing",
                                def.label,
                                digits,
                                def.columns.len()
                            ),
                        ),
                        nspan(at.clone()),
                    )
                    .related(label_span, def.label),
                );
                vec![None; def.columns.len()]
            }
            (_, Ok(fs)) => {
                fitted += 1;
                fs.iter()
                    .zip(def.columns)
                    .map(|(f, col)| Some(read_cell(f, def, col, &mut diags, lang)))
                    .collect()
            }
            (_, Err(why)) => {
                let (zh, en) = match why {
                    Unfit::TooMany(k) => (
                        format!("有 {k} 个数字，多于 {} 列", def.columns.len()),
                        format!("{k} figures for {} columns", def.columns.len()),
                    ),
                    Unfit::TooFew(k) => (
                        format!(
                            "只读到 {k} 个数字，少于 {} 列，无法确定缺的是哪一格",
                            def.columns.len()
                        ),
                        format!(
                            "only {k} figures for {} columns; which cell is missing cannot be told",
                            def.columns.len()
                        ),
                    ),
                    Unfit::Packed(run, k) => packed_message(&run, k, def.columns.len()),
                };
                let mut d = Diagnostic::new(
                    "table.row-unreadable",
                    Severity::Error,
                    lang.pick_with(
                        || format!("“{}”一行无法读取：{zh}", def.label),
                        || format!("Row “{}” cannot be read: {en}", def.label),
                    ),
                    label_span,
                );
                for c in rec.cells.iter().filter(|c| c.kind == FieldKind::Value) {
                    d = d.related(nspan(c.range.clone()), c.text.clone());
                }
                diags.push(d);
                vec![None; def.columns.len()]
            }
        };
        if let Some(d) = label_typo(rec, &buf, def, &rows_def.wanted()[di], lang) {
            diags.push(d);
        }
        rows.push(Row {
            key: def.key,
            label: def.label,
            label_span,
            columns: def.columns,
            cells,
        });
    }
    // Missing rows, located after the row before them.
    for (di, def) in defs.iter().enumerate() {
        if found_at[di].is_some() {
            continue;
        }
        let at = found_at[..di]
            .iter()
            .rev()
            .flatten()
            .next()
            .map(|(_, end)| *end)
            .or_else(|| found_at[di..].iter().flatten().next().map(|(l, _)| l.start))
            .unwrap_or(region_start);
        diags.push(Diagnostic::new(
            "table.row-missing",
            Severity::Error,
            lang.pick_with(
                || format!("表格缺少“{}”一行", def.label),
                || format!("The table lacks the row “{}”", def.label),
            ),
            nspan(at..at),
        ));
    }
    Extraction {
        table: Some(Table { rows }),
        diagnostics: diags,
        score,
        fitted,
    }
}

/// A row label recognised despite a typo ("其他法律行政止公开"): an info
/// finding whose fix restores the template's wording.
/// `buf` holds the records' canonical labels; `want` is the row's template
/// label in canonical form.
fn label_typo(rec: &Record, buf: &str, def: &RowDef, want: &str, lang: Lang) -> Option<Diagnostic> {
    let (range, text) = &rec.last_label;
    // Only where the cell's text maps onto its range one to one.
    if range.len() != text.len() || text.is_empty() {
        return None;
    }
    // The usual case, without normalising anything (most often the label
    // ends the cell: after its numbering, if any).
    if text.ends_with(def.label) || crate::utf8::contains(text, def.label) {
        return None;
    }
    // The last piece of the record's label is the cell's text in canonical
    // form unless figures run together with it were cut off (they end it).
    let got = if text.ends_with(|c: char| c.is_ascii_digit() || c == '.') {
        Cow::Owned(canonical(text))
    } else {
        Cow::Borrowed(rec.last(buf))
    };
    if got.is_empty() || got.contains(want) || want.contains(&*got) {
        return None;
    }
    if similarity_from(&got, want, 0.6).is_none_or(|s| s < 0.6) {
        return None;
    }
    let rest = crate::labels::strip_numbering(text).trim_end();
    let off = text.len() - crate::labels::strip_numbering(text).len();
    let at = range.start + off..range.start + off + rest.len();
    let mut d = Diagnostic::new(
        crate::rules::structure::LABEL_TYPO.code,
        Severity::Info,
        lang.pick_with(
            || format!("行标签“{rest}”与模板不同，应为“{}”", def.label),
            || {
                format!(
                    "The row label “{rest}” differs from the template's “{}”",
                    def.label
                )
            },
        ),
        nspan(at.clone()),
    );
    d.fix = Some(crate::diagnostics::Fix {
        span: nspan(at),
        replacement: def.label.to_string(),
    });
    Some(d)
}

fn packed_message(run: &str, readings: usize, n: usize) -> (String, String) {
    if readings == 0 {
        (
            format!("数字连在一起（{run}），无法分成 {n} 个数"),
            format!("the figures run together ({run}) and cannot make {n} figures"),
        )
    } else {
        (
            format!("数字连在一起（{run}），分成 {n} 格有不止一种读法，不予猜测"),
            format!("the figures run together ({run}); more than one split into {n} cells is possible, so none is guessed"),
        )
    }
}

/// A span in normalised offsets (mapped to the original at the end).
pub fn nspan(r: Range<usize>) -> Span {
    Span {
        start: r.start,
        end: r.end,
        line: 0,
        column: 0,
    }
}

/// Reads one fitted cell, reporting blank and invalid ones.
pub fn read_cell(
    f: &Field,
    def: &RowDef,
    col: &crate::template::ColDef,
    diags: &mut Vec<Diagnostic>,
    lang: Lang,
) -> Cell {
    let span = nspan(f.range.clone());
    let raw = crate::model::RawText::new(&f.text);
    // Messages are built only for cells that need one.
    let place_zh = || format!("“{}”行“{}”列", def.label, col.label);
    let place_en = || format!("row “{}”, column “{}”", def.label, col.label);
    // (Most cells are a whole number: read at once, as `parse_cell` would.)
    let parsed = match crate::value::whole_number(f.text.as_bytes()) {
        Some(v) => CellText::Number(Decimal::from_int(v), ""),
        None => parse_cell(&f.text),
    };
    let value = match parsed {
        CellText::Number(d, _) => match check_kind(d, col.kind) {
            Ok(()) => Some(d),
            Err((zh, en)) => {
                diags.push(Diagnostic::new(
                    "cell.invalid",
                    Severity::Error,
                    lang.pick_with(
                        || format!("{}的“{raw}”{zh}", place_zh()),
                        || format!("{}: “{raw}” {en}", place_en()),
                    ),
                    span,
                ));
                None
            }
        },
        CellText::Empty | CellText::BlankMark => {
            let what = if raw.is_empty() {
                lang.pick("为空".into(), "is blank".into())
            } else {
                lang.pick_with(
                    || format!("填的是“{raw}”，不是数字"),
                    || format!("holds “{raw}”, not a figure"),
                )
            };
            diags.push(Diagnostic::new(
                "cell.blank",
                Severity::Error,
                lang.pick_with(
                    || format!("{}{what}：模板要求每格填写数字（没有则填 0）", place_zh()),
                    || {
                        format!(
                            "{} {what}: the template requires a figure in every cell (0 if none)",
                            place_en()
                        )
                    },
                ),
                span,
            ));
            None
        }
        CellText::Text => {
            diags.push(Diagnostic::new(
                "cell.invalid",
                Severity::Error,
                lang.pick_with(
                    || format!("{}的“{raw}”无法读作数字", place_zh()),
                    || format!("{}: “{raw}” cannot be read as a figure", place_en()),
                ),
                span,
            ));
            None
        }
    };
    Cell { value, raw, span }
}

fn check_kind(d: Decimal, kind: ValueKind) -> Result<(), (String, String)> {
    match kind {
        ValueKind::Count => {
            if !d.is_integer() {
                Err((
                    "不是整数：件数必须是非负整数".into(),
                    "is not a whole number: counts are non-negative integers".into(),
                ))
            } else if d.is_negative() {
                Err((
                    "是负数：件数必须是非负整数".into(),
                    "is negative: counts are non-negative integers".into(),
                ))
            } else {
                Ok(())
            }
        }
        ValueKind::Change => {
            if d.is_integer() {
                Ok(())
            } else {
                Err(("不是整数".into(), "is not a whole number".into()))
            }
        }
        ValueKind::Amount => {
            if d.is_negative() {
                Err((
                    "是负数：金额不能为负".into(),
                    "is negative: amounts cannot be".into(),
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// Section 四: the one data row of 15 cells under a header.
pub fn extract_reviews(fields: &[Field], lang: Lang) -> Extraction {
    use crate::template::{REVIEW_COLUMNS, REVIEW_GROUPS};
    let n = REVIEW_GROUPS.len() * REVIEW_COLUMNS.len();
    // Rows of cells, as ranges of `fields`.
    let mut rows: Vec<Range<usize>> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if f.row_start || rows.is_empty() {
            rows.push(i..i);
        }
        rows.last_mut().expect("pushed").end = i + 1;
    }
    // The data: after the table's header (which names 行政复议 or its
    // columns), the first row with figures and no text after them, joined
    // with following rows of figures (a row broken by a page end).
    // The labels' canonical forms, made once, one after the other in one
    // buffer (an empty range for other cells).
    let mut buf = String::with_capacity(256);
    let canon: Vec<Range<usize>> = fields
        .iter()
        .map(|f| {
            let start = buf.len();
            if f.kind == FieldKind::Text {
                canonical_into(&f.text, &mut buf);
            }
            start..buf.len()
        })
        .collect();
    // (An empty canonical form contains no name.)
    let names = |i: usize, name: &str| crate::utf8::contains(&buf[canon[i].clone()], name);
    let header_row = rows.iter().position(|row| {
        row.clone()
            .any(|i| names(i, "行政复议") || names(i, "结果维持") || names(i, "尚未审结"))
    });
    let Some(header_row) = header_row else {
        return Extraction {
            table: None,
            diagnostics: Vec::new(),
            score: 0,
            fitted: 0,
        };
    };
    // The data is a run of fields: the end of one row and the whole rows
    // after it.
    let mut data: Option<Range<usize>> = None;
    let mut n_figures = 0;
    for row in &rows[header_row..] {
        let last_text = fields[row.clone()]
            .iter()
            .rposition(|f| f.kind == FieldKind::Text);
        let after = last_text.map_or(row.start, |p| row.start + p + 1)..row.end;
        let figs = fields[after.clone()]
            .iter()
            .filter(|f| f.kind == FieldKind::Value)
            .count();
        match &mut data {
            None if figs > 0 => data = Some(after),
            None => {}
            Some(d) if last_text.is_none() && figs > 0 => d.end = after.end,
            Some(_) => break,
        }
        n_figures += figs;
        if data.is_some() && n_figures >= n {
            break;
        }
    }
    let Some(data) = data.filter(|d| !d.is_empty()) else {
        return Extraction {
            table: None,
            diagnostics: Vec::new(),
            score: 0,
            fitted: 0,
        };
    };
    let data = &fields[data];
    let rec = Record {
        label: 0..0,
        last_start: 0,
        label_range: data[0].range.start..data[0].range.start,
        n_figures: data.iter().filter(|f| f.kind == FieldKind::Value).count(),
        below: false,
        last_label: (0..0, ""),
        cells: data,
        run_together: None,
    };
    let header = |name: &str| -> Option<Range<usize>> {
        (0..fields.len())
            .find(|&i| names(i, name))
            .map(|i| fields[i].range.clone())
    };
    let group_spans: Vec<Span> = [header("行政复议"), header("直接起诉"), header("复议后起诉")]
        .into_iter()
        .map(|h| nspan(h.unwrap_or(rec.label_range.clone())))
        .collect();
    let mut diags = Vec::new();
    let mut out_rows = Vec::new();
    match fit(&rec, n) {
        Ok(cells) => {
            for (g, (key, label)) in REVIEW_GROUPS.iter().enumerate() {
                let def = RowDef {
                    key,
                    label,
                    phrases: &[],
                    exact: &[],
                    columns: REVIEW_COLUMNS,
                };
                let cs = cells[g * 5..g * 5 + 5]
                    .iter()
                    .zip(REVIEW_COLUMNS)
                    .map(|(f, col)| Some(read_cell(f, &def, col, &mut diags, lang)))
                    .collect();
                out_rows.push(Row {
                    key,
                    label,
                    label_span: group_spans[g],
                    columns: REVIEW_COLUMNS,
                    cells: cs,
                });
            }
        }
        Err(why) => {
            let (zh, en) = match why {
                Unfit::TooMany(k) | Unfit::TooFew(k) => (
                    format!("读到 {k} 个数字，应为 {n} 格"),
                    format!("{k} figures for {n} cells"),
                ),
                Unfit::Packed(run, k) => packed_message(&run, k, n),
            };
            let mut d = Diagnostic::new(
                "table.row-unreadable",
                Severity::Error,
                lang.pick_with(
                    || format!("行政复议、行政诉讼表的数据行无法读取：{zh}"),
                    || format!("The review and litigation table cannot be read: {en}"),
                ),
                nspan(rec.cells[0].range.clone()),
            );
            for c in rec.cells.iter().filter(|c| c.kind == FieldKind::Value) {
                d = d.related(nspan(c.range.clone()), c.text.clone());
            }
            diags.push(d);
            for (g, (key, label)) in REVIEW_GROUPS.iter().enumerate() {
                out_rows.push(Row {
                    key,
                    label,
                    label_span: group_spans[g],
                    columns: REVIEW_COLUMNS,
                    cells: vec![None; 5],
                });
            }
        }
    }
    Extraction {
        table: Some(Table { rows: out_rows }),
        diagnostics: diags,
        score: 10,
        fitted: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::fields;
    use crate::template::APPLICATION_ROWS_2021;

    #[test]
    fn header_total_does_not_take_the_total_row() {
        let t = "说明\t申请人情况\t\t\t\t\t\t总计\n\t自然人\t法人\t\t\t\t\t\n一、本年新收\t1\t0\t0\t0\t0\t0\t1\n(七) 总计\t\t1\t0\t0\t0\t0\t0\t1\n";
        let f = fields(t, 0..t.len(), false);
        let e = extract(&f, APPLICATION_ROWS_2021, 0, Lang::Zh);
        let table = e.table.unwrap();
        let total = table.row("total").unwrap();
        assert_eq!(total.cells[6].as_ref().unwrap().raw, "1");
        assert_eq!(
            table.row("new").unwrap().cells[0].as_ref().unwrap().raw,
            "1"
        );
    }

    #[test]
    fn alignment_in_order_is_the_table_s() {
        let mut rng = crate::testing::Rng::new();
        let mut fast = 0;
        for _ in 0..3000 {
            let m = 1 + (rng.next() % 12) as usize;
            let (mut list, mut ranges) = (Vec::new(), Vec::new());
            for _ in 0..rng.next() % 10 {
                let start = list.len();
                let mut rows: Vec<usize> = (0..rng.next() % 4)
                    .map(|_| (rng.next() % m as u64) as usize)
                    .collect();
                rows.sort_unstable();
                rows.dedup();
                for k in rows {
                    list.push((k, [2, 4, 6, 10][(rng.next() % 4) as usize]));
                }
                ranges.push(start..list.len());
            }
            if let Some(found) = align_in_order(&list, &ranges) {
                fast += 1;
                assert_eq!(found, align_table(&list, &ranges, m), "{list:?} {ranges:?}");
            }
        }
        assert!(fast > 100, "{fast}");
    }

    #[test]
    fn run_together_figures_are_not_split() {
        let (head, run) = split_run_together("行政规范性文件8855698", 0..28);
        assert_eq!(head, "行政规范性文件");
        assert_eq!(run, Some((21..28, "8855698")));
        assert_eq!(split_run_together("1. 属于国家秘密", 0..20).1, None);
    }
}
