//! Minimal repair (Fellegi–Holt error localisation over the template's
//! linear relations): when every broken table relation can be repaired by
//! changing one and the same cell — and that change breaks no relation that
//! holds — the diagnostics of those relations get that change as their
//! `fix`. When no single cell does it, or more than one could, nothing is
//! proposed: a fix is never a guess.

use crate::decimal::Decimal;
use crate::diagnostics::{Diagnostic, Fix};
use crate::model::{Cell, Report, Row};
use crate::span::Span;
use crate::template::{is_result_row, ColDef, APPLICANT_COLUMNS, REVIEW_COLUMNS};

/// `Σ coeff × cell = 0`.
struct Relation<'r, 'a> {
    terms: &'r [(&'a Cell, i64)],
}

impl Relation<'_, '_> {
    /// The residual, when every cell has a value.
    fn residual(&self) -> Option<Decimal> {
        let mut acc = Decimal::ZERO;
        for (c, k) in self.terms {
            let v = c.value?;
            acc = if *k > 0 {
                acc.checked_add(v)?
            } else {
                acc.checked_sub(v)?
            };
        }
        Some(acc)
    }

    fn coeff(&self, span: &Span) -> Option<i64> {
        self.terms
            .iter()
            .find(|(c, _)| c.span == *span)
            .map(|(_, k)| *k)
    }
}

/// The relations' terms in one list (not one allocation per relation):
/// relation `r` is `terms[ends[r - 1]..ends[r]]`.
struct Relations<'a> {
    terms: Vec<(&'a Cell, i64)>,
    ends: Vec<usize>,
}

impl<'a> Relations<'a> {
    fn push(&mut self, cell: &'a Cell, coeff: i64) {
        self.terms.push((cell, coeff));
    }

    /// Ends the relation whose terms were pushed since the last one; when
    /// `keep` is false they are dropped instead.
    fn close(&mut self, keep: bool) {
        if keep {
            self.ends.push(self.terms.len());
        } else {
            self.terms.truncate(self.open_at());
        }
    }

    /// Where the terms of the relation being built start.
    fn open_at(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    /// How many terms the relation being built has.
    fn open_len(&self) -> usize {
        self.terms.len() - self.open_at()
    }

    fn iter(&self) -> impl Iterator<Item = Relation<'_, 'a>> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(s, &e)| Relation {
            terms: &self.terms[s..e],
        })
    }
}

/// The cell of `row` in column `c` of `cols`: by index when the row has
/// exactly those columns (as the template's rows do), else by key.
fn cell_in<'a>(row: &'a Row, cols: &[ColDef], same: bool, c: usize) -> Option<&'a Cell> {
    if same {
        row.cells[c].as_ref()
    } else {
        row.cell(cols[c].key)
    }
}

/// Whether `row` has exactly the columns `cols`, in order.
fn same_columns(row: &Row, cols: &[ColDef]) -> bool {
    row.columns.len() == cols.len()
        && row.cells.len() == cols.len()
        && row.columns.iter().zip(cols).all(|(a, b)| a.key == b.key)
}

/// The template's relations over sections 三 and 四.
fn relations(report: &Report) -> Relations<'_> {
    let mut out = Relations {
        terms: Vec::with_capacity(256),
        ends: Vec::with_capacity(64),
    };
    if let Some(t) = &report.applications {
        let cols = APPLICANT_COLUMNS;
        // Each row's column test, made once.
        let same: Vec<bool> = t.rows.iter().map(|r| same_columns(r, cols)).collect();
        let at = |i: usize, c: usize| cell_in(&t.rows[i], cols, same[i], c);
        // The first row with each key, as `Table::row` finds it.
        let row = |key: &str| t.rows.iter().position(|r| r.key == key);
        let balance = [
            (row("new"), 1),
            (row("carried_over"), 1),
            (row("total"), -1),
            (row("carried_forward"), -1),
        ];
        for c in 0..cols.len() {
            // 新收 + 结转 − 总计 − 结转下年度 = 0
            let mut all = true;
            for &(r, k) in &balance {
                match r.and_then(|i| at(i, c)) {
                    Some(cell) => out.push(cell, k),
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            out.close(all);
            // 总计 − Σ results = 0
            if let Some(total) = balance[2].0.and_then(|i| at(i, c)) {
                out.push(total, 1);
                for (i, r) in t.rows.iter().enumerate() {
                    if is_result_row(r.key) {
                        if let Some(cell) = at(i, c) {
                            out.push(cell, -1);
                        }
                    }
                }
                out.close(true);
            }
        }
        if let Some(ti) = cols.iter().position(|c| c.key == "total") {
            for i in 0..t.rows.len() {
                if let Some(total) = at(i, ti) {
                    out.push(total, 1);
                    for c in 0..6 {
                        if let Some(cell) = at(i, c) {
                            out.push(cell, -1);
                        }
                    }
                    let keep = out.open_len() == 7;
                    out.close(keep);
                }
            }
        }
    }
    if let Some(t) = &report.reviews {
        for row in &t.rows {
            if let Some(total) = row.cell("total") {
                out.push(total, 1);
                for c in &REVIEW_COLUMNS[..4] {
                    if let Some(cell) = row.cell(c.key) {
                        out.push(cell, -1);
                    }
                }
                let keep = out.open_len() == 5;
                out.close(keep);
            }
        }
    }
    out
}

/// The one cell and value that repair every broken relation, if there is
/// exactly one.
pub fn single_cell_repair(report: &Report) -> Option<(Span, Decimal)> {
    let all = relations(report);
    let mut broken = Vec::new();
    let mut holding = Vec::new();
    for r in all.iter() {
        match r.residual() {
            Some(x) if x != Decimal::ZERO => broken.push((r, x)),
            Some(_) => holding.push(r),
            None => {}
        }
    }
    if broken.is_empty() {
        return None;
    }
    let mut found: Vec<(Span, Decimal)> = Vec::new();
    // Candidates: the cells of the first broken relation.
    for (cell, _) in broken[0].0.terms {
        let span = cell.span;
        if holding.iter().any(|h| h.coeff(&span).is_some()) {
            continue;
        }
        let Some(v) = cell.value else { continue };
        // Each broken relation asks for v − residual / coeff.
        let mut want: Option<Decimal> = None;
        let mut ok = true;
        for (rel, res) in &broken {
            let Some(k) = rel.coeff(&span) else {
                ok = false;
                break;
            };
            let new = if k > 0 {
                v.checked_sub(*res)
            } else {
                v.checked_add(*res)
            };
            let Some(new) = new else {
                ok = false;
                break;
            };
            match want {
                None => want = Some(new),
                Some(w) if w == new => {}
                Some(_) => {
                    ok = false;
                    break;
                }
            }
        }
        if let (true, Some(w)) = (ok, want) {
            if !w.is_negative() && w.is_integer() && w != v {
                found.push((span, w));
            }
        }
    }
    found.dedup_by(|a, b| a.0 == b.0);
    (found.len() == 1).then(|| found[0])
}

/// Attaches the repair, if any, to the relation diagnostics it repairs.
pub fn attach(report: &Report, diags: &mut [Diagnostic]) {
    let relation = |d: &Diagnostic| {
        matches!(
            d.code,
            "applications.column-balance"
                | "applications.total-sum"
                | "applications.row-sum"
                | "reviews.group-sum"
        )
    };
    // Nothing to repair: no relation is broken.
    if !diags.iter().any(relation) {
        return;
    }
    let Some((span, value)) = single_cell_repair(report) else {
        return;
    };
    for d in diags.iter_mut() {
        if relation(d) && d.spans().any(|s| *s == span) {
            d.fix = Some(Fix {
                span,
                replacement: value.to_string(),
            });
        }
    }
}
