//! Prose against the tables: every figure the text restates is compared
//! with the table cells it means.

use super::applications::{Name, Term};
use super::{rule, Context};
use crate::decimal::Decimal;
use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::model::{Cell, Report};
use crate::prose::{Claim, Fact, FactKind};
use crate::tables::nspan;
use crate::template::APPLICANT_COLUMNS;
use std::fmt::Write;

rule! {
    /// A figure the prose states about applications, results, reviews or
    /// documents differs from the table that counts the same thing.
    ///
    /// The report states each figure twice — in 总体情况 and in the tables of
    /// sections 二, 三 and 四 — and the two must agree. Read: 收到/受理…申请
    /// (本年新收 总计), 上年结转, 结转下年度 / 结转到 YYYY 年, 自然人, 法人或其他组织
    /// (the five organisation columns), 予以公开, 部分公开, 予以公开及部分公开
    /// (their sum), 不予公开 (1–8), 无法提供 (1–3), 不予处理 (1–5), 其他处理,
    /// 行政复议 (its 总计), 行政诉讼 (both groups' 总计), 制发/废止/现行有效 规章 and
    /// 行政规范性文件. A figure may be Arabic, full-width or Chinese (二十三).
    ///
    /// **Fails:** "法人或其他组织申请件4宗" when the 本年新收 row's five
    /// organisation columns add up to 3.
    pub const MISMATCH = ("prose.mismatch", Error, "a figure in the text differs from the table");
}

rule! {
    /// Like `prose.mismatch`, but the sentence speaks of another scope than
    /// the tables ("区政府办代表区政府受理…17件", "各部门…"), so the
    /// difference may be legitimate: a person must judge.
    ///
    /// **Fails:** "区政府办代表区政府受理政府信息公开申请17件" beside an
    /// area-wide table whose 本年新收 总计 is 40.
    pub const OTHER_SCOPE = ("prose.other-scope", Warning, "a figure in the text, about another scope, differs from the table");
}

rule! {
    /// The text says no application was received ("未收到政府信息公开申请",
    /// "无依申请公开") but section 三 counts some.
    ///
    /// **Fails:** "2023年未收到政府信息公开申请。" with 本年新收 总计 2.
    pub const NO_APPLICATIONS = ("prose.no-applications", Error, "the text says no application was received, the table counts some");
}

rule! {
    /// The text says every review or lawsuit upheld the agency ("均获维持",
    /// "均为结果维持", "为结果维持") but section 四 counts cases corrected or
    /// with another result (pending cases have no result yet).
    ///
    /// **Fails:** "行政复议2起，均获维持" with 结果纠正 1.
    pub const ALL_UPHELD = ("prose.all-upheld", Error, "the text says all cases were upheld, the table disagrees");
}

rule! {
    /// "N 宗，占 P%": P is N divided by one of the denominators the report can
    /// mean — 本年新收, 本年新收 + 上年结转, or 办理结果总计 — rounded or
    /// truncated at the precision written (18.5% accepts 18.45…18.55 and
    /// truncation 18.5x).
    ///
    /// **Fails:** "不予公开3宗，占8%" when 本年新收 is 55 and 办理结果总计 54
    /// (3 ÷ 54 = 5.6%).
    pub const PERCENTAGE = ("prose.percentage", Error, "a percentage does not follow from its figure");
}

rule! {
    /// The shares of one breakdown ("予以公开…占 x%；不予公开…占 y%；…") add up
    /// to more than 100 %, or, when four or more categories are listed, to
    /// less than 100 % beyond rounding.
    ///
    /// **Fails:** 36% + 8% + 28% + 0% + 26% = 98% for a complete breakdown.
    pub const PERCENTAGE_TOTAL = ("prose.percentage-total", Warning, "the shares of a breakdown do not make 100%");
}

/// Runs the prose-against-tables rules.
pub fn check(report: &Report, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let lang = ctx.lang;
    // The same for every percentage: found at the first.
    let mut ds = None;
    // The terms of a reading, one buffer for all ([`each_reading`]).
    let mut terms = Vec::new();
    for f in &ctx.prose.facts {
        fact(report, f, &mut terms, lang, out);
        if let Some(p) = &f.percent {
            let ds = ds.get_or_insert_with(|| denominators(report));
            percentage(f, p, ds, lang, out);
        }
    }
    percentage_groups(ctx, lang, out);
    for c in &ctx.prose.claims {
        claim(report, c, lang, out);
    }
}

/// Every term, or none when one is missing.
fn all<'a, const N: usize>(terms: [Option<Term<'a>>; N]) -> Option<[Term<'a>; N]> {
    if terms.iter().any(Option::is_none) {
        return None;
    }
    Some(terms.map(|t| t.expect("none is missing")))
}

/// The usual reading of a fact in the tables (the first of
/// [`each_reading`]): its value and the cells it sums.
fn first_reading<'a>(
    report: &'a Report,
    kind: FactKind,
    buf: &mut Vec<Term<'a>>,
) -> Option<(Decimal, Vec<Term<'a>>)> {
    let mut first = None;
    each_reading(report, kind, buf, |value, cells| {
        if first.is_none() {
            let cells = cells.iter().map(|t| Term {
                name: t.name.clone(),
                cell: t.cell,
            });
            first = Some((value, cells.collect::<Vec<_>>()));
        }
    });
    first
}

/// Calls `each(value, cells)` for each reading of a fact in the tables, in
/// order: the values it may have and the cells each sums, the usual one
/// first. A reading needs all its cells, with values. The readings of
/// several cells are gathered in `buf` (cleared first), one buffer for all
/// the facts of a report rather than a vector each.
fn each_reading<'a>(
    report: &'a Report,
    kind: FactKind,
    buf: &mut Vec<Term<'a>>,
    mut each: impl FnMut(Decimal, &[Term<'a>]),
) {
    use FactKind::*;
    let name = |s: &'static str| Name::from(s);
    // A reading when there are cells and every one has a value.
    let mut push = |cells: &[Term<'a>]| {
        if !cells.is_empty() && cells.iter().all(|t| t.cell.value.is_some()) {
            each(
                Decimal::sum_values(cells.iter().filter_map(|t| t.cell.value)),
                cells,
            );
        }
    };
    let app = |row: &str, col: &str, n: Name| -> Option<Term<'a>> {
        Some(Term {
            name: n,
            cell: report.applications.as_ref()?.cell(row, col)?,
        })
    };
    // Every row of a group into `terms`, or nothing when one of them is
    // unread.
    let rows_with = |prefix: &str, terms: &mut Vec<Term<'a>>| {
        terms.clear();
        let Some(t) = &report.applications else {
            return;
        };
        for r in &t.rows {
            if r.key
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            {
                let Some(cell) = r.cell("total") else {
                    terms.clear();
                    return;
                };
                terms.push(Term {
                    name: r.label.into(),
                    cell,
                });
            }
        }
    };
    match kind {
        New => push(app("new", "total", name("本年新收")).as_slice()),
        Handled => {
            push(app("new", "total", name("本年新收")).as_slice());
            if let Some(cells) = all([
                app("new", "total", name("本年新收")),
                app("carried_over", "total", name("上年结转")),
            ]) {
                push(&cells);
            }
            push(app("total", "total", name("办理结果总计")).as_slice());
        }
        CarriedOver => push(app("carried_over", "total", name("上年结转")).as_slice()),
        CarriedForward => push(app("carried_forward", "total", name("结转下年度")).as_slice()),
        NaturalPerson | Organisations => {
            let cols = if kind == NaturalPerson {
                &APPLICANT_COLUMNS[..1]
            } else {
                &APPLICANT_COLUMNS[1..6]
            };
            // The cells of `cols` that a row has, added to `terms`, each
            // row looked up once.
            let row_terms = |row: &str, rname: &'static str, terms: &mut Vec<Term<'a>>| {
                let Some(r) = report.applications.as_ref().and_then(|t| t.row(row)) else {
                    return;
                };
                terms.extend(cols.iter().filter_map(|c| {
                    Some(Term {
                        name: Name::joined(rname, "·", c.label),
                        cell: r.cell(c.key)?,
                    })
                }));
            };
            for (row, rname) in [("new", "本年新收"), ("total", "办理结果总计")] {
                buf.clear();
                row_terms(row, rname, buf);
                if buf.len() == cols.len() {
                    push(buf);
                }
            }
            // 本年新收 + 上年结转.
            buf.clear();
            row_terms("new", "本年新收", buf);
            row_terms("carried_over", "上年结转", buf);
            if buf.len() == cols.len() * 2 {
                push(buf);
            }
        }
        GrantedOrPartly => {
            if let Some(cells) = all([
                app("granted", "total", name("予以公开")),
                app("partly_granted", "total", name("部分公开")),
            ]) {
                push(&cells);
            }
        }
        Granted => push(app("granted", "total", name("予以公开")).as_slice()),
        PartlyGranted => push(app("partly_granted", "total", name("部分公开")).as_slice()),
        Withheld | Unavailable | NotProcessed | OtherProcessing => {
            let group = match kind {
                Withheld => "withheld",
                Unavailable => "unavailable",
                NotProcessed => "not_processed",
                _ => "other",
            };
            rows_with(group, buf);
            push(buf);
        }
        Review | Litigation => {
            let groups: &[&str] = if kind == Review {
                &["review"]
            } else {
                &["litigation_direct", "litigation_after_review"]
            };
            buf.clear();
            buf.extend(groups.iter().filter_map(|g| {
                let row = report.reviews.as_ref()?.row(g)?;
                Some(Term {
                    name: Name::joined(row.label, "·", "总计"),
                    cell: row.cell("total")?,
                })
            }));
            if buf.len() == groups.len() {
                push(buf);
            }
        }
        RulesIssued | RulesRepealed | RulesInForce | DocsIssued | DocsRepealed | DocsInForce => {
            let (row, col) = match kind {
                RulesIssued => ("rules", "issued"),
                RulesRepealed => ("rules", "repealed"),
                RulesInForce => ("rules", "in_force"),
                DocsIssued => ("normative_documents", "issued"),
                DocsRepealed => ("normative_documents", "repealed"),
                _ => ("normative_documents", "in_force"),
            };
            if let Some(c) = report.proactive.as_ref().and_then(|t| t.cell(row, col)) {
                push(&[Term {
                    name: kind.name().into(),
                    cell: c,
                }]);
            }
        }
    }
}

fn fact<'a>(
    report: &'a Report,
    f: &Fact,
    buf: &mut Vec<Term<'a>>,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) {
    let stated = f.figure.value;
    // Most figures agree with a reading: the readings are gone through
    // without being kept.
    let mut agrees = false;
    each_reading(report, f.kind, buf, |v, _| agrees |= v == stated);
    if agrees {
        return;
    }
    let Some((expected, terms)) = first_reading(report, f.kind, buf) else {
        return;
    };
    // "本年新收 55 + 上年结转 3", written in one string.
    let mut parts = String::new();
    for (k, t) in terms.iter().enumerate() {
        let sep = if k == 0 { "" } else { " + " };
        match t.cell.value {
            Some(v) => write!(parts, "{sep}{} {v}", t.name),
            None => write!(parts, "{sep}{} ?", t.name),
        }
        .expect("a String takes any write");
    }
    let (rule, sev) = if f.other_scope {
        (OTHER_SCOPE, Severity::Warning)
    } else {
        (MISMATCH, Severity::Error)
    };
    let message = lang.pick_with(
        || {
            format!(
                "正文说{}为 {}{}，但表格为 {}（{}）{}",
                f.kind.name(),
                stated,
                f.figure.unit,
                expected,
                parts,
                if f.other_scope {
                    "；句中的范围可能与表格不同，请核实"
                } else {
                    ""
                }
            )
        },
        || {
            format!(
                "The text says {} is {}, but the table says {} ({}){}",
                f.kind.key(),
                stated,
                expected,
                parts,
                if f.other_scope {
                    "; the sentence may speak of another scope than the table"
                } else {
                    ""
                }
            )
        },
    );
    let mut d = Diagnostic::new(rule.code, sev, message, nspan(f.figure.range.clone()))
        .numbers(expected, stated);
    for t in terms {
        let label = match t.cell.value {
            Some(v) => format!("{} {v}", t.name),
            None => format!("{} ", t.name),
        };
        d = d.related(t.cell.span, label);
    }
    out.push(d);
}

/// A denominator a percentage can mean: value, name, cells.
type Denominator<'a> = (Decimal, &'static str, Vec<&'a Cell>);

/// The denominators a percentage can mean.
fn denominators(report: &Report) -> Vec<Denominator<'_>> {
    let Some(a) = &report.applications else {
        return Vec::new();
    };
    let mut out: Vec<(Decimal, &'static str, Vec<&Cell>)> = Vec::new();
    let new = a.cell("new", "total");
    let carried = a.cell("carried_over", "total");
    let total = a.cell("total", "total");
    if let Some(c) = new.filter(|c| c.value.is_some()) {
        out.push((c.value.unwrap_or(Decimal::ZERO), "本年新收", vec![c]));
    }
    if let (Some(n), Some(c)) = (new, carried) {
        if let (Some(x), Some(y)) = (n.value, c.value) {
            if let Some(s) = x.checked_add(y) {
                out.push((s, "本年新收 + 上年结转", vec![n, c]));
            }
        }
    }
    if let Some(c) = total.filter(|c| c.value.is_some()) {
        out.push((c.value.unwrap_or(Decimal::ZERO), "办理结果总计", vec![c]));
    }
    out.retain(|d| d.0 > Decimal::ZERO);
    out
}

/// Whether `n / d` written as `p` at its precision is right (rounded,
/// truncated or rounded up: within one unit of the last written digit).
pub(crate) fn percent_matches(n: Decimal, d: Decimal, p: Decimal) -> bool {
    let k = p.scale();
    let Some((num, den)) = n.ratio_percent(d) else {
        return false;
    };
    let Some(pm) = p.at_scale(k) else {
        return false;
    };
    let scale = 10i128.pow(k as u32);
    // (pm - 1) * den < num * scale < (pm + 1) * den
    let x = num.saturating_mul(scale);
    (pm - 1).saturating_mul(den) < x && x < (pm + 1).saturating_mul(den)
}

fn percentage(
    f: &Fact,
    p: &crate::numerals::Figure,
    ds: &[Denominator],
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) {
    if ds.is_empty() {
        return;
    }
    let n = f.figure.value;
    if ds.iter().any(|(d, _, _)| percent_matches(n, *d, p.value)) {
        return;
    }
    // The nearest reading, rounded to the precision written.
    let k = p.value.scale();
    let computed: Vec<(Decimal, &str, &Vec<&Cell>)> = ds
        .iter()
        .filter_map(|(d, name, cells)| Some((round_percent(n, *d, k)?, *name, cells)))
        .collect();
    let Some(best) = computed.iter().min_by_key(|(v, _, _)| {
        let diff = v.checked_sub(p.value).unwrap_or(Decimal::ZERO);
        if diff.is_negative() {
            Decimal::ZERO.checked_sub(diff).unwrap_or(diff)
        } else {
            diff
        }
    }) else {
        return;
    };
    let listing = computed
        .iter()
        .map(|(v, name, _)| format!("{n} ÷ {name} = {v}%"))
        .collect::<Vec<_>>()
        .join("，");
    let message = lang.pick_with(
        || {
            format!(
                "“{}{}，占 {}%”与表格不符：{}",
                f.kind.name(),
                n,
                p.value,
                listing
            )
        },
        || {
            format!(
                "“{} {}, {}%” does not follow from the table: {}",
                f.kind.key(),
                n,
                p.value,
                listing.replace('，', ", ")
            )
        },
    );
    let mut d = Diagnostic::new(
        PERCENTAGE.code,
        Severity::Error,
        message,
        nspan(p.range.clone()),
    )
    .numbers(best.0, p.value);
    d = d.related(
        nspan(f.figure.range.clone()),
        format!("{} {}", f.kind.name(), n),
    );
    for (v, name, cells) in ds {
        for c in cells {
            d = d.related(c.span, format!("{name} {v}"));
        }
    }
    out.push(d);
}

/// `n / d × 100`, rounded half up to `k` decimals.
fn round_percent(n: Decimal, d: Decimal, k: u8) -> Option<Decimal> {
    let (num, den) = n.ratio_percent(d)?;
    let scale = 10i128.pow(k as u32);
    let x = num.checked_mul(scale)?.checked_mul(2)?.checked_add(den)?;
    let m = x.checked_div(den.checked_mul(2)?)?;
    let s = if k == 0 {
        m.to_string()
    } else {
        let sign = if m < 0 { "-" } else { "" };
        let a = m.abs();
        format!("{sign}{}.{:0w$}", a / scale, a % scale, w = k as usize)
    };
    Decimal::parse(&s)
}

/// Shares in one paragraph (line) that should make 100 %.
fn percentage_groups(ctx: &Context, lang: Lang, out: &mut Vec<Diagnostic>) {
    use FactKind::*;
    let text = ctx.text;
    let mut groups: Vec<(usize, Vec<&Fact>)> = Vec::new();
    // The last figure looked at and the start of its line.
    let mut last: Option<(usize, usize)> = None;
    for f in &ctx.prose.facts {
        if f.percent.is_none()
            || !matches!(
                f.kind,
                GrantedOrPartly
                    | Granted
                    | PartlyGranted
                    | Withheld
                    | Unavailable
                    | NotProcessed
                    | OtherProcessing
                    | CarriedForward
            )
        {
            continue;
        }
        // The line of the last figure, unless a newline comes between.
        let at = f.figure.range.start;
        let line = match last {
            Some((pos, line)) if pos <= at && !text[pos..at].contains('\n') => line,
            _ => text[..at].rfind('\n').map_or(0, |i| i + 1),
        };
        last = Some((at, line));
        match groups.last_mut() {
            Some((l, v)) if *l == line => v.push(f),
            _ => groups.push((line, vec![f])),
        }
    }
    for (_, g) in groups {
        if g.len() < 3 {
            continue;
        }
        let shares: Vec<Decimal> = g
            .iter()
            .filter_map(|f| f.percent.as_ref().map(|p| p.value))
            .collect();
        let total = Decimal::sum(shares.iter());
        let k = shares.iter().map(|s| s.scale()).max().unwrap_or(0);
        // Each share may be off by one unit of its last digit.
        let tol = Decimal::units(g.len() as i64, k).unwrap_or(Decimal::ZERO);
        let hundred = Decimal::from_int(100);
        let over = total > hundred.checked_add(tol).unwrap_or(hundred);
        let under = g.len() >= 4 && total < hundred.checked_sub(tol).unwrap_or(hundred);
        if !(over || under) {
            continue;
        }
        let listing = shares
            .iter()
            .map(|s| format!("{s}%"))
            .collect::<Vec<_>>()
            .join(" + ");
        let first = g[0].percent.as_ref().expect("filtered");
        let mut d = Diagnostic::new(
            PERCENTAGE_TOTAL.code,
            Severity::Warning,
            lang.pick_with(
                || format!("这组占比相加为 {listing} = {total}%，不是 100%"),
                || format!("These shares add up to {listing} = {total}%, not 100%"),
            ),
            nspan(first.range.clone()),
        )
        .numbers(hundred, total);
        for f in &g[1..] {
            let p = f.percent.as_ref().expect("filtered");
            d = d.related(
                nspan(p.range.clone()),
                format!("{} {}%", f.kind.name(), p.value),
            );
        }
        out.push(d);
    }
}

fn claim(report: &Report, c: &Claim, lang: Lang, out: &mut Vec<Diagnostic>) {
    match c {
        Claim::NoApplications(r) => {
            let Some(cell) = report
                .applications
                .as_ref()
                .and_then(|a| a.cell("new", "total"))
            else {
                return;
            };
            let Some(v) = cell.value.filter(|v| *v > Decimal::ZERO) else {
                return;
            };
            out.push(
                Diagnostic::new(
                    NO_APPLICATIONS.code,
                    Severity::Error,
                    lang.pick_with(
                        || format!("正文说未收到政府信息公开申请，但表格中本年新收为 {v}"),
                        || format!("The text says no application was received, but the table counts {v} new applications"),
                    ),
                    nspan(r.clone()),
                )
                .numbers(Decimal::ZERO, v)
                .related(cell.span, format!("本年新收 {v}")),
            );
        }
        Claim::AllUpheld {
            range,
            review,
            litigation,
        } => {
            let Some(t) = &report.reviews else { return };
            let mut groups = Vec::new();
            if *review {
                groups.push("review");
            }
            if *litigation {
                groups.push("litigation_direct");
                groups.push("litigation_after_review");
            }
            for g in groups {
                let Some(row) = t.row(g) else { continue };
                let (Some(up), Some(total)) = (row.cell("upheld"), row.cell("total")) else {
                    continue;
                };
                let (Some(u), Some(tv)) = (up.value, total.value) else {
                    continue;
                };
                // Cases still pending have no result yet: "均获维持" speaks of
                // the decided ones.
                let pending = row
                    .cell("pending")
                    .and_then(|c| c.value)
                    .unwrap_or(Decimal::ZERO);
                if u.checked_add(pending) == Some(tv) {
                    continue;
                }
                let mut d = Diagnostic::new(
                    ALL_UPHELD.code,
                    Severity::Error,
                    lang.pick_with(
                        || format!("正文说结果均为维持，但{}共 {tv} 件，结果维持只有 {u} 件", row.label),
                        || format!("The text says every case was upheld, but {} has {tv} cases and {u} upheld", row.key),
                    ),
                    nspan(range.clone()),
                )
                .numbers(tv, u)
                .related(up.span, format!("{}·结果维持 {u}", row.label))
                .related(total.span, format!("{}·总计 {tv}", row.label));
                for col in ["corrected", "other", "pending"] {
                    if let Some(c) = row
                        .cell(col)
                        .filter(|c| c.value.is_some_and(|v| v > Decimal::ZERO))
                    {
                        d = d.related(c.span, format!("{} {}", col, c.raw));
                    }
                }
                out.push(d);
            }
        }
        Claim::NoFees(_) | Claim::FeeStatement(_) => {}
    }
}
