//! Section 四 (政府信息公开行政复议、行政诉讼情况).

use super::applications::{column_terms, render_into, same_columns, sum_finding, sum_of};
use super::rule;
use crate::diagnostics::{Diagnostic, Lang};
use crate::model::Report;
use crate::template::REVIEW_COLUMNS;

rule! {
    /// In each of the three groups — 行政复议, 行政诉讼·未经复议直接起诉 and
    /// 行政诉讼·复议后起诉 — 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    ///
    /// The template's columns split the group's cases by outcome; every case
    /// has exactly one outcome, pending included.
    ///
    /// **Fails:** 行政复议: 1 + 5 + 0 + 4 = 10 is right; 1 + 5 + 0 + 4 with
    /// 总计 9 is not.
    pub const GROUP_SUM = ("reviews.group-sum", Error, "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, in each group");
}

/// Runs the section 四 relations.
pub fn check(report: &Report, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(t) = &report.reviews else {
        return;
    };
    const TOTAL: usize = 4;
    debug_assert_eq!(REVIEW_COLUMNS[TOTAL].key, "total");
    for row in &t.rows {
        // By place when the row has the template's columns (as every row
        // of the table has), else by key.
        let same =
            same_columns(row.columns, REVIEW_COLUMNS) && row.cells.len() == REVIEW_COLUMNS.len();
        let cell = |k: usize| {
            if same {
                row.cells[k].as_ref()
            } else {
                row.cell(REVIEW_COLUMNS[k].key)
            }
        };
        let Some(total) = cell(TOTAL) else {
            continue;
        };
        let (Some(a), Some(b), Some(c), Some(d)) = (cell(0), cell(1), cell(2), cell(3)) else {
            continue;
        };
        let parts = [a, b, c, d];
        let (Some(s), Some(v)) = (sum_of(parts), total.value) else {
            continue;
        };
        if s == v {
            continue;
        }
        let parts = column_terms(lang, REVIEW_COLUMNS, parts);
        let en = lang == Lang::En;
        let mut m = String::with_capacity(160);
        m.push_str(if en { row.key } else { row.label });
        m.push_str(if en {
            ": upheld + corrected + other + pending = "
        } else {
            "：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = "
        });
        render_into(&mut m, &parts, false);
        let names = ("总计", "the total");
        out.push(sum_finding(
            GROUP_SUM.code,
            m,
            lang,
            names,
            total,
            &parts,
            (s, v),
        ));
    }
}
