//! Minimal repair (Fellegi–Holt error localisation over the template's
//! linear relations): when every broken table relation can be repaired by
//! changing one and the same cell — and that change breaks no relation that
//! holds — the diagnostics of those relations get that change as their
//! `fix`. When no single cell does it, or more than one could, nothing is
//! proposed: a fix is never a guess.

use super::applications::{same_columns, Grid};
use crate::decimal::Decimal;
use crate::diagnostics::{Diagnostic, Fix};
use crate::model::{Cell, Report};
use crate::span::Span;
use crate::template::{APPLICANT_COLUMNS, REVIEW_COLUMNS};

/// `Σ coeff × cell = 0`.
struct Relation<'r, 'a> {
    terms: &'r [(&'a Cell, i64)],
}

impl Relation<'_, '_> {
    /// The residual `Σ coeff × cell`, when every cell has a value and
    /// nothing overflows.
    fn residual(&self) -> Option<Decimal> {
        // Nearly every figure is a whole number: added as such, which is
        // what the general sum does with them.
        let mut acc: i128 = 0;
        for (c, k) in self.terms {
            let Some(m) = c.value?.whole_mantissa() else {
                return self.residual_at_any_scale();
            };
            acc = if *k > 0 {
                acc.checked_add(m)?
            } else {
                acc.checked_sub(m)?
            };
        }
        Some(Decimal::whole(acc))
    }

    /// [`Relation::residual`], for figures with decimals.
    fn residual_at_any_scale(&self) -> Option<Decimal> {
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

/// The template's relations over sections 三 and 四.
fn relations<'a>(report: &'a Report, grid: Option<&Grid<'a>>) -> Relations<'a> {
    let mut out = Relations {
        terms: Vec::with_capacity(512),
        ends: Vec::with_capacity(64),
    };
    if let Some(g) = grid {
        let balance = [
            (g.new, 1),
            (g.carried_over, 1),
            (g.total, -1),
            (g.carried_forward, -1),
        ];
        for c in 0..APPLICANT_COLUMNS.len() {
            // 新收 + 结转 − 总计 − 结转下年度 = 0
            let mut all = true;
            for &(r, k) in &balance {
                match g.cell(r, c) {
                    Some(cell) => out.push(cell, k),
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            out.close(all);
            // 总计 − Σ results = 0
            if let Some(total) = g.cell(g.total, c) {
                out.push(total, 1);
                for r in g.rows.iter().filter(|r| r.result) {
                    if let Some(cell) = r.cells[c] {
                        out.push(cell, -1);
                    }
                }
                out.close(true);
            }
        }
        // 总计 − the six applicant columns = 0, in each row.
        const TOTAL: usize = APPLICANT_COLUMNS.len() - 1;
        debug_assert_eq!(APPLICANT_COLUMNS[TOTAL].key, "total");
        for r in &g.rows {
            if let Some(total) = r.cells[TOTAL] {
                out.push(total, 1);
                for cell in r.cells[..TOTAL].iter().flatten() {
                    out.push(cell, -1);
                }
                let keep = out.open_len() == 7;
                out.close(keep);
            }
        }
    }
    if let Some(t) = &report.reviews {
        for row in &t.rows {
            // By place when the row has the template's columns (as every
            // row of the table has), else by key.
            let same = same_columns(row.columns, REVIEW_COLUMNS)
                && row.cells.len() == REVIEW_COLUMNS.len();
            let cell = |k: usize| {
                if same {
                    row.cells[k].as_ref()
                } else {
                    row.cell(REVIEW_COLUMNS[k].key)
                }
            };
            const TOTAL: usize = 4;
            debug_assert_eq!(REVIEW_COLUMNS[TOTAL].key, "total");
            if let Some(total) = cell(TOTAL) {
                out.push(total, 1);
                for k in 0..TOTAL {
                    if let Some(cell) = cell(k) {
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
    repair(report, Grid::new(report).as_ref())
}

/// [`single_cell_repair`], with section 三's [`Grid`] already built.
fn repair<'a>(report: &'a Report, grid: Option<&Grid<'a>>) -> Option<(Span, Decimal)> {
    let all = relations(report, grid);
    let mut broken = Vec::new();
    let mut holding = Vec::with_capacity(all.ends.len());
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
    // A candidate in a relation that holds is out (asked last, of the few
    // candidates that repair every broken relation: the relations that
    // hold are most of the terms).
    found.retain(|(span, _)| !holding.iter().any(|h| h.coeff(span).is_some()));
    found.dedup_by(|a, b| a.0 == b.0);
    (found.len() == 1).then(|| found[0])
}

/// Attaches the repair, if any, to the relation diagnostics it repairs.
pub fn attach(report: &Report, diags: &mut [Diagnostic]) {
    attach_grid(report, Grid::new(report).as_ref(), diags);
}

/// [`attach`], with section 三's [`Grid`] already built.
pub(crate) fn attach_grid<'a>(
    report: &'a Report,
    grid: Option<&Grid<'a>>,
    diags: &mut [Diagnostic],
) {
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
    let Some((span, value)) = repair(report, grid) else {
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
