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
struct Relation<'a> {
    terms: Vec<(&'a Cell, i64)>,
}

impl Relation<'_> {
    /// The residual, when every cell has a value.
    fn residual(&self) -> Option<Decimal> {
        let mut acc = Decimal::ZERO;
        for (c, k) in &self.terms {
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

/// The cells of `row` in the order of `cols` (`None` for a column the row
/// lacks): looked up once per row rather than once per relation.
fn cells_in<'a>(row: &'a Row, cols: &[ColDef]) -> Vec<Option<&'a Cell>> {
    let same = row.columns.len() == cols.len()
        && row.cells.len() == cols.len()
        && row.columns.iter().zip(cols).all(|(a, b)| a.key == b.key);
    if same {
        row.cells.iter().map(Option::as_ref).collect()
    } else {
        cols.iter().map(|c| row.cell(c.key)).collect()
    }
}

/// The template's relations over sections 三 and 四.
fn relations(report: &Report) -> Vec<Relation<'_>> {
    let mut out = Vec::with_capacity(64);
    if let Some(t) = &report.applications {
        let cols = APPLICANT_COLUMNS;
        // Each row's cells, by column of `cols`.
        let grid: Vec<(&str, Vec<Option<&Cell>>)> =
            t.rows.iter().map(|r| (r.key, cells_in(r, cols))).collect();
        // The first row with each key, as `Table::row` finds it.
        let row = |key: &str| grid.iter().find(|(k, _)| *k == key).map(|(_, c)| c);
        let balance = [
            (row("new"), 1),
            (row("carried_over"), 1),
            (row("total"), -1),
            (row("carried_forward"), -1),
        ];
        let results: Vec<&Vec<Option<&Cell>>> = grid
            .iter()
            .filter(|(k, _)| is_result_row(k))
            .map(|(_, c)| c)
            .collect();
        for c in 0..cols.len() {
            // 新收 + 结转 − 总计 − 结转下年度 = 0
            let terms: Option<Vec<_>> =
                balance.iter().map(|(r, k)| Some(((*r)?[c]?, *k))).collect();
            if let Some(terms) = terms {
                out.push(Relation { terms });
            }
            // 总计 − Σ results = 0
            if let Some(total) = balance[2].0.and_then(|r| r[c]) {
                let mut terms = Vec::with_capacity(results.len() + 1);
                terms.push((total, 1));
                terms.extend(results.iter().filter_map(|r| Some((r[c]?, -1))));
                out.push(Relation { terms });
            }
        }
        if let Some(ti) = cols.iter().position(|c| c.key == "total") {
            for (_, cells) in &grid {
                if let Some(total) = cells[ti] {
                    let mut terms = Vec::with_capacity(8);
                    terms.push((total, 1));
                    terms.extend(cells[..6].iter().filter_map(|c| Some(((*c)?, -1))));
                    if terms.len() == 7 {
                        out.push(Relation { terms });
                    }
                }
            }
        }
    }
    if let Some(t) = &report.reviews {
        for row in &t.rows {
            if let Some(total) = row.cell("total") {
                let mut terms = Vec::with_capacity(8);
                terms.push((total, 1));
                terms.extend(
                    REVIEW_COLUMNS[..4]
                        .iter()
                        .filter_map(|c| Some((row.cell(c.key)?, -1))),
                );
                if terms.len() == 5 {
                    out.push(Relation { terms });
                }
            }
        }
    }
    out
}

/// The one cell and value that repair every broken relation, if there is
/// exactly one.
pub fn single_cell_repair(report: &Report) -> Option<(Span, Decimal)> {
    let rels = relations(report);
    let mut broken = Vec::new();
    let mut holding = Vec::new();
    for r in &rels {
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
    for (cell, _) in &broken[0].0.terms {
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
