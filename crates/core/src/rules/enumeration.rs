//! Prose on its own: enumerations "共 X 条，其中 A 条、B 条、C 条…" (and
//! nested ones in brackets "873条（含 191条、126条…）").

use super::{rule, Context};
use crate::decimal::Decimal;
use crate::diagnostics::{Diagnostic, Severity};
use crate::tables::nspan;

rule! {
    /// The parts of an enumeration add up to more than its total: "共 X 条，
    /// 其中 A 条、B 条" with A + B > X cannot be right.
    ///
    /// **Fails:** "发布信息438条、其中规章2条、行政规范性文件440条".
    pub const EXCEEDS = ("prose.enumeration-exceeds", Error, "the parts of an enumeration exceed its total");
}

rule! {
    /// Three or more parts of an enumeration miss its total. "其中" may list
    /// only some parts, so this is a warning; with three or more it usually
    /// means a figure is wrong.
    ///
    /// **Fails:** "主动公开信息1750条，其中概况类信息368条、政务动态信息469条、
    /// 信息公开目录信息873条" (368 + 469 + 873 = 1710).
    pub const SUM = ("prose.enumeration-sum", Warning, "three or more parts of an enumeration miss its total");
}

/// Runs the enumeration rules.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let lang = ctx.lang;
    for e in &ctx.prose.enumerations {
        let parts: Vec<Decimal> = e.parts.iter().map(|p| p.value).collect();
        let sum = Decimal::sum(parts.iter());
        let total = e.total.value;
        let (rule, sev) = if sum > total {
            (EXCEEDS, Severity::Error)
        } else if sum < total && parts.len() >= 3 {
            (SUM, Severity::Warning)
        } else {
            continue;
        };
        let listing = parts
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        let unit = &e.total.unit;
        let message = lang.pick(
            if sum > total {
                format!("共 {total}{unit}，但其中各项 {listing} = {sum}，超过了总数")
            } else {
                format!(
                    "共 {total}{unit}，但其中各项 {listing} = {sum}，少 {}",
                    total.checked_sub(sum).unwrap_or(Decimal::ZERO)
                )
            },
            if sum > total {
                format!("{total} in all, but the parts {listing} = {sum} exceed it")
            } else {
                format!(
                    "{total} in all, but the parts {listing} = {sum}, {} short",
                    total.checked_sub(sum).unwrap_or(Decimal::ZERO)
                )
            },
        );
        let mut d = Diagnostic::new(rule.code, sev, message, nspan(e.total.range.clone()))
            .numbers(sum, total);
        for p in &e.parts {
            d = d.related(nspan(p.range.clone()), format!("{}{}", p.value, p.unit));
        }
        out.push(d);
    }
}
