//! The document as the template requires it: six sections in order, the
//! current format, one year throughout, the fee statement, a short overview.

use super::{rule, Context};
use crate::decimal::Decimal;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Report;
use crate::prose::Claim;
use crate::tables::nspan;
use crate::template::{Template, MARKERS_2019, SECTIONS};

rule! {
    /// One of the six sections the template prescribes is missing: 一、总体情况;
    /// 二、主动公开政府信息情况; 三、收到和处理政府信息公开申请情况; 四、政府信息
    /// 公开行政复议、行政诉讼情况; 五、存在的主要问题及改进情况; 六、其他需要报告
    /// 的事项. Headings are recognised in their short and long official wordings
    /// and with any numbering (一、/一./第一部分).
    ///
    /// **Fails:** a report that goes from 四 straight to 六.
    pub const SECTION_MISSING = ("structure.section-missing", Error, "one of the six required sections is missing");
}

rule! {
    /// The six sections are not in the template's order.
    ///
    /// **Fails:** "五、存在的主要问题及改进情况" placed before "四、政府信息公开行政复议、行政诉讼情况".
    pub const SECTION_ORDER = ("structure.section-order", Error, "the sections are out of order");
}

rule! {
    /// 总体情况 is longer than about 1000 characters. The 2021 notice asks that
    /// it be concise: "原则上不超过一千字".
    ///
    /// **Fails:** an overview of 1800 characters.
    pub const OVERVIEW_LENGTH = ("structure.overview-length", Info, "总体情况 is longer than 1000 characters");
}

rule! {
    /// A report on 2021 or later uses the 2019 layout. 国办公开办函〔2021〕30号
    /// replaced it: section 二 now counts 本年制发件数 / 本年废止件数 / 现行有效件数,
    /// and section 三's （六）其他处理 has three rows.
    ///
    /// **Fails:** a 2023 report whose section 二 has "本年新制作数量" and section
    /// 三 a single "（六）其他处理" row.
    pub const TEMPLATE_OUTDATED = ("template.outdated", Error, "a 2021-or-later report uses the 2019 layout");
}

rule! {
    /// The report's years disagree: the title's year, the statistics period
    /// ("统计期限自 YYYY 年 1 月 1 日起至 12 月 31 日止"), "结转到 YYYY 年" (the next
    /// year) and the signing date (the next year).
    ///
    /// **Fails:** a title "2023年…年度报告" with "4宗结转到2023年继续办理".
    pub const YEAR_MISMATCH = ("year.mismatch", Error, "the report's years disagree");
}

rule! {
    /// The signing date is not in January of the next year. The 条例 (Art. 49)
    /// requires publication by 31 January; some levels report earlier to the
    /// level above, so this is a warning.
    ///
    /// **Fails:** a 2023 report dated "2024年3月8日".
    pub const SIGNING_DATE = ("year.signing-date", Warning, "the report is not dated January of the next year");
}

rule! {
    /// In the 2021 format, section 六 must report the 信息处理费 charged under
    /// 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), even when none was
    /// ("本年度无发出收费通知，无收取信息处理费用").
    ///
    /// **Fails:** section 六 that says only "无其他需要报告的事项。".
    pub const FEE_STATEMENT = ("fees.statement-missing", Warning, "section 六 does not report the 信息处理费");
}

rule! {
    /// Row （六）2 of section 三 (申请人逾期未按收费通知要求缴纳费用) counts
    /// applications for which a fee notice was sent, so fees were charged or
    /// demanded; the text cannot then say "无收费" / "未收取信息处理费".
    ///
    /// **Fails:** （六）2 总计 1 with "本年度未发出收费通知".
    pub const FEE_CONTRADICTION = ("fees.contradiction", Error, "the text says no fee was charged, the table counts fee notices");
}

/// Runs the document rules.
pub fn check(report: &Report, ctx: &Context, out: &mut Vec<Diagnostic>) {
    // A report in no known format (a pre-2019 report) follows other rules.
    if report.template == Template::Unknown {
        return;
    }
    sections(ctx, out);
    template(report, ctx, out);
    years(report, ctx, out);
    fees(report, ctx, out);
}

fn sections(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let lang = ctx.lang;
    let text = ctx.text;
    if text.trim().is_empty() {
        return;
    }
    let mut hs: Vec<&crate::sections::Heading> = ctx.headings.iter().collect();
    hs.sort_by_key(|h| h.range.start);
    for (n, short, _) in SECTIONS {
        if hs.iter().any(|h| h.number == n) {
            continue;
        }
        // Where it belongs: before the next section present, else at the end.
        let at = hs
            .iter()
            .filter(|h| h.number > n)
            .map(|h| h.range.start)
            .min()
            .unwrap_or(text.trim_end().len());
        let numeral = "一二三四五六".chars().nth(n as usize - 1).unwrap_or('?');
        out.push(Diagnostic::new(
            SECTION_MISSING.code,
            Severity::Error,
            lang.pick_with(
                || format!("缺少第{numeral}部分“{numeral}、{short}”"),
                || format!("Section {n} (“{numeral}、{short}”) is missing"),
            ),
            nspan(at..at),
        ));
    }
    let mut highest = 0u8;
    for h in &hs {
        if h.number < highest {
            out.push(Diagnostic::new(
                SECTION_ORDER.code,
                Severity::Error,
                lang.pick_with(
                    || format!("第{}部分“{}”出现在第{}部分之后，顺序不符合模板", h.number, h.title, highest),
                    || format!("Section {} (“{}”) comes after section {}: the template's order is 一 to 六", h.number, h.title, highest),
                ),
                nspan(h.range.clone()),
            ));
        }
        highest = highest.max(h.number);
    }
    // 总体情况 length: a requirement of the 2021 notice.
    if let Some(h1) = hs
        .iter()
        .find(|h| h.number == 1)
        .filter(|_| ctx.template == Template::V2021)
    {
        let end = hs
            .iter()
            .filter(|h| h.range.start > h1.range.start)
            .map(|h| h.range.start)
            .min()
            .unwrap_or(text.len());
        let body = &text[h1.range.end.min(end)..end];
        let n = crate::labels::count_non_whitespace(body);
        if n > 1000 {
            out.push(
                Diagnostic::new(
                    OVERVIEW_LENGTH.code,
                    Severity::Info,
                    lang.pick_with(
                        || format!("总体情况约 {n} 字，2021 年格式要求原则上不超过一千字"),
                        || format!("The overview has about {n} characters; the 2021 format asks for no more than 1000"),
                    ),
                    nspan(h1.range.clone()),
                )
                .numbers(Decimal::from_int(1000), Decimal::from_int(n as i64)),
            );
        }
    }
}

fn template(report: &Report, ctx: &Context, out: &mut Vec<Diagnostic>) {
    if report.template != Template::V2019 || report.year.is_none_or(|y| y < 2021) {
        return;
    }
    let lang = ctx.lang;
    let text = ctx.text;
    let found: Vec<&str> = (MARKERS_2019.iter().enumerate())
        .filter(|(i, _)| ctx.markers_2019 & 1 << i != 0)
        .map(|(_, m)| *m)
        .collect();
    let single_other = report.applications.as_ref().and_then(|a| a.row("other"));
    let at = single_other
        .map(|r| r.label_span)
        .or_else(|| {
            found
                .first()
                .and_then(|m| text.find(m).map(|p| nspan(p..p + m.len())))
        })
        .unwrap_or_else(|| nspan(0..0));
    let mut labels: Vec<String> = found.iter().map(|m| format!("“{m}”")).collect();
    if single_other.is_some() {
        labels.push("单行的“（六）其他处理”".into());
    }
    out.push(Diagnostic::new(
        TEMPLATE_OUTDATED.code,
        Severity::Error,
        lang.pick_with(
            || format!(
                "{} 年度的报告应使用国办公开办函〔2021〕30号的格式，但表格用的是 2019 年格式（{}）；2021 年格式为“本年制发件数／本年废止件数／现行有效件数”，（六）其他处理分为三行",
                report.year.unwrap_or(0),
                labels.join("、")
            ),
            || format!(
                "A report on {} must use the format of 国办公开办函〔2021〕30号, but its tables use the 2019 layout ({}); the 2021 format has 本年制发件数/本年废止件数/现行有效件数 and three rows under （六）其他处理",
                report.year.unwrap_or(0),
                labels.join(", ")
            ),
        ),
        at,
    ));
}

fn years(report: &Report, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let lang = ctx.lang;
    let Some(year) = ctx.title_year.or(report.year) else {
        return;
    };
    let mismatch = |out: &mut Vec<Diagnostic>,
                    at: std::ops::Range<usize>,
                    got: i32,
                    want: i32,
                    what_zh: &str,
                    what_en: &str| {
        out.push(
            Diagnostic::new(
                YEAR_MISMATCH.code,
                Severity::Error,
                lang.pick_with(
                    || format!("{what_zh}是 {got} 年，但这是 {year} 年度的报告，应为 {want} 年"),
                    || {
                        format!(
                        "{what_en} is {got}, but this is the report on {year}: it should be {want}"
                    )
                    },
                ),
                nspan(at),
            )
            .numbers(
                Decimal::from_int(want as i64),
                Decimal::from_int(got as i64),
            ),
        );
    };
    for (y, r) in &ctx.prose.period_years {
        if *y != year {
            mismatch(
                out,
                r.clone(),
                *y,
                year,
                "统计期限",
                "The statistics period",
            );
        }
    }
    for (y, r) in &ctx.prose.carry_years {
        if *y != year + 1 {
            mismatch(
                out,
                r.clone(),
                *y,
                year + 1,
                "结转的年度",
                "The year applications are carried to",
            );
        }
    }
    // The signing date: the last date, near the end of the text.
    let tail_start = ctx.text.trim_end().len().saturating_sub(200);
    if let Some((y, m, _d, r)) = ctx
        .prose
        .dates
        .iter()
        .rev()
        .find(|d| d.3.start >= tail_start)
    {
        if *y != year + 1 {
            mismatch(out, r.clone(), *y, year + 1, "落款日期", "The signing date");
        } else if *m != 1 {
            out.push(Diagnostic::new(
                SIGNING_DATE.code,
                Severity::Warning,
                lang.pick_with(
                    || format!("落款日期在 {y} 年 {m} 月；《条例》要求每年 1 月 31 日前公布上一年度的报告"),
                    || format!("The report is dated month {m} of {y}; the regulation requires publication by 31 January"),
                ),
                nspan(r.clone()),
            ));
        }
    }
}

fn fees(report: &Report, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let lang = ctx.lang;
    // A charged fee and a text that denies it.
    let unpaid = report
        .applications
        .as_ref()
        .and_then(|a| a.cell("other.unpaid_fee", "total"))
        .filter(|c| c.value.is_some_and(|v| v > Decimal::ZERO));
    if let Some(cell) = unpaid {
        for c in &ctx.prose.claims {
            if let Claim::NoFees(r) = c {
                out.push(
                    Diagnostic::new(
                        FEE_CONTRADICTION.code,
                        Severity::Error,
                        lang.pick_with(
                            || format!(
                                "正文说未收费，但表格（六）2“申请人逾期未按收费通知要求缴纳费用”为 {}，说明发出过收费通知",
                                cell.raw
                            ),
                            || format!(
                                "The text says no fee was charged, but row （六）2 (fee notices not paid) counts {}: fee notices were sent",
                                cell.raw
                            ),
                        ),
                        nspan(r.clone()),
                    )
                    .related(cell.span, format!("（六）2 总计 {}", cell.raw)),
                );
            }
        }
    }
    if report.template != Template::V2021 {
        return;
    }
    let six = ctx.headings.iter().find(|h| h.number == 6);
    let six_start = six.map_or(0, |h| h.range.start);
    let stated = ctx.prose.claims.iter().any(|c| match c {
        Claim::FeeStatement(r) => r.start >= six_start,
        _ => false,
    });
    if !stated {
        let at = six.map_or_else(
            || ctx.text.trim_end().len()..ctx.text.trim_end().len(),
            |h| h.range.clone(),
        );
        out.push(Diagnostic::new(
            FEE_STATEMENT.code,
            Severity::Warning,
            lang.pick(
                "第六部分没有说明信息处理费的收取情况（国办函〔2020〕109号），没有收取也应写明".into(),
                "Section 六 does not report the 信息处理费 (国办函〔2020〕109号); it should say so even when none was charged".into(),
            ),
            nspan(at),
        ));
    }
}
