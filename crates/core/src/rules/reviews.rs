//! Section 四 (政府信息公开行政复议、行政诉讼情况).

use super::applications::{finding, pick, render, sum, Term};
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
    for row in &t.rows {
        let Some(total) = row.cell("total") else {
            continue;
        };
        let total = Term {
            name: pick(lang, "总计", "total"),
            cell: total,
        };
        let parts: Vec<Term> = REVIEW_COLUMNS[..4]
            .iter()
            .filter_map(|c| {
                Some(Term {
                    name: pick(lang, c.label, c.key),
                    cell: row.cell(c.key)?,
                })
            })
            .collect();
        if parts.len() != 4 {
            continue;
        }
        let (Some(s), Some(v)) = (sum(&parts), total.value()) else {
            continue;
        };
        if s == v {
            continue;
        }
        let group = lang.pick(row.label.to_string(), row.key.to_string());
        let message = lang.pick_with(
            || {
                format!(
                    "{group}：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {} = {}，但总计为 {}",
                    render(&parts, false),
                    s,
                    v
                )
            },
            || {
                format!(
                "{group}: upheld + corrected + other + pending = {} = {}, but the total says {}",
                render(&parts, false),
                s,
                v
            )
            },
        );
        let others: Vec<&Term> = parts.iter().collect();
        out.push(finding(GROUP_SUM.code, message, &total, &others, s, v));
    }
}
