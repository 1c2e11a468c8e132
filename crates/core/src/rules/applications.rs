//! Section 三 (收到和处理政府信息公开申请情况): the relations the template
//! states between its rows and columns.

use super::rule;
use crate::decimal::Decimal;
use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::model::{Cell, Report, Row, Table};
use crate::template::{is_result_row, APPLICANT_COLUMNS};
use std::borrow::Cow;

rule! {
    /// For each of the seven columns, the template's own 勾稽关系 holds:
    /// "第一项加第二项之和，等于第三项加第四项之和", i.e. 一、本年新收 +
    /// 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理.
    ///
    /// Every application received or carried over is either dealt with this
    /// year or carried forward; a difference means one was lost or counted
    /// twice.
    ///
    /// **Fails:** 自然人 column: 本年新收 51 + 上年结转 3 = 54, but 总计 52 +
    /// 结转下年度 3 = 55.
    pub const COLUMN_BALANCE = ("applications.column-balance", Error, "本年新收 + 上年结转 = 总计 + 结转下年度, in every column");
}

rule! {
    /// For each column, （七）总计 equals the sum of every result row above it:
    /// （一）予以公开, （二）部分公开, （三）不予公开 1–8, （四）无法提供 1–3,
    /// （五）不予处理 1–5 and （六）其他处理 (1–3 in the 2021 format, a single
    /// row in the 2019 format).
    ///
    /// The template's "（七）总计" is the total of the 本年度办理结果.
    ///
    /// **Fails:** 予以公开 6 + 部分公开 3 + 不予公开 3 + 无法提供 37 + 不予处理 4 = 53,
    /// but （七）总计 52.
    pub const TOTAL_SUM = ("applications.total-sum", Error, "（七）总计 = the sum of the result rows, in every column");
}

rule! {
    /// In every row, the 总计 column equals 自然人 plus the five 法人或其他组织
    /// columns (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他).
    ///
    /// The template's header puts 总计 over 申请人情况: it counts every applicant.
    ///
    /// **Fails:** 本年新收: 51 + 3 + 0 + 0 + 0 + 0 = 54, but 总计 55.
    pub const ROW_SUM = ("applications.row-sum", Error, "总计 = 自然人 + the five organisation columns, in every row");
}

/// Runs the section 三 relations.
pub fn check(report: &Report, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(t) = &report.applications else {
        return;
    };
    column_balance(t, lang, out);
    total_sum(t, lang, out);
    row_sum(t, lang, out);
}

/// A static name in the message language (no allocation).
pub(crate) fn pick(lang: Lang, zh: &'static str, en: &'static str) -> Name {
    Name::from(match lang {
        Lang::Zh => zh,
        Lang::En => en,
    })
}

/// A cell with the name it goes by in messages.
pub(crate) struct Term<'a> {
    pub name: Name,
    pub cell: &'a Cell,
}

/// A term's name: a label, or two joined ("本年新收·自然人"), written out
/// only when a message is (most terms are read, found right and dropped).
#[derive(Debug, Clone)]
pub(crate) struct Name {
    head: Cow<'static, str>,
    sep: &'static str,
    tail: &'static str,
}

impl Name {
    /// `head`, `sep` and `tail` written one after the other.
    pub fn joined(head: &'static str, sep: &'static str, tail: &'static str) -> Self {
        Name {
            head: Cow::Borrowed(head),
            sep,
            tail,
        }
    }
}

impl From<Cow<'static, str>> for Name {
    fn from(head: Cow<'static, str>) -> Self {
        Name {
            head,
            sep: "",
            tail: "",
        }
    }
}

impl From<&'static str> for Name {
    fn from(head: &'static str) -> Self {
        Cow::Borrowed(head).into()
    }
}

impl From<String> for Name {
    fn from(head: String) -> Self {
        Cow::<'static, str>::Owned(head).into()
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.head)?;
        f.write_str(self.sep)?;
        f.write_str(self.tail)
    }
}

impl Term<'_> {
    pub fn value(&self) -> Option<Decimal> {
        self.cell.value
    }
}

/// "51 + 3 + 0" with names: "本年新收 51 + 上年结转 3".
pub(crate) fn render(terms: &[Term], with_names: bool) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(terms.len() * 16);
    for (i, t) in terms.iter().enumerate() {
        if i > 0 {
            out.push_str(" + ");
        }
        if with_names {
            write!(out, "{} ", t.name).expect("writing to a String");
        }
        match t.value() {
            Some(v) => write!(out, "{v}").expect("writing to a String"),
            None => out.push('?'),
        }
    }
    out
}

pub(crate) fn sum(terms: &[Term]) -> Option<Decimal> {
    if terms.iter().any(|t| t.value().is_none()) {
        return None;
    }
    Some(Decimal::sum_values(terms.iter().filter_map(Term::value)))
}

/// A finding on `anchor` with every other term as related.
pub(crate) fn finding(
    code: &'static str,
    message: String,
    anchor: &Term,
    others: &[&Term],
    expected: Decimal,
    actual: Decimal,
) -> Diagnostic {
    let mut d =
        Diagnostic::new(code, Severity::Error, message, anchor.cell.span).numbers(expected, actual);
    for t in others {
        d = d.related(t.cell.span, name_and_value(t));
    }
    d
}

/// "本年新收 51" (the name alone when the cell has no value), trimmed.
fn name_and_value(t: &Term) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(32);
    write!(s, "{} ", t.name).expect("writing to a String");
    if let Some(v) = t.value() {
        write!(s, "{v}").expect("writing to a String");
    }
    let trimmed = s.trim();
    if trimmed.len() == s.len() {
        s
    } else {
        trimmed.to_string()
    }
}

fn col_name(lang: Lang, label: &str, key: &str) -> String {
    lang.pick_with(|| format!("{label}列"), || format!("column {key}"))
}

fn column_balance<'a>(t: &'a Table, lang: Lang, out: &mut Vec<Diagnostic>) {
    let (new, carried, total, fwd) = (
        t.row("new"),
        t.row("carried_over"),
        t.row("total"),
        t.row("carried_forward"),
    );
    for (k, col) in APPLICANT_COLUMNS.iter().enumerate() {
        let en = lang == Lang::En;
        let name = |zhn: &'static str, enn: &'static str| if en { enn } else { zhn };
        let term = |row: Option<&'a Row>, name: &'static str| {
            Some(Term {
                name: name.into(),
                cell: row?.cell_at(k, col.key)?,
            })
        };
        let (Some(new), Some(carried), Some(total), Some(fwd)) = (
            term(new, name("本年新收", "new")),
            term(carried, name("上年结转", "carried over")),
            term(total, name("办理结果总计", "results total")),
            term(fwd, name("结转下年度", "carried forward")),
        ) else {
            continue;
        };
        let left = [new, carried];
        let right = [total, fwd];
        let (Some(l), Some(r)) = (sum(&left), sum(&right)) else {
            continue;
        };
        if l == r {
            continue;
        }
        let message = lang.pick_with(
            || {
                format!(
                    "{}：{} = {}，但{} + {} = {}",
                    col_name(lang, col.label, col.key),
                    render(&left, true),
                    l,
                    render(&right[..1], true),
                    render(&right[1..], true),
                    r
                )
            },
            || {
                format!(
                    "{}: {} = {}, but {} + {} = {}",
                    col_name(lang, col.label, col.key),
                    render(&left, true),
                    l,
                    render(&right[..1], true),
                    render(&right[1..], true),
                    r
                )
            },
        );
        out.push(finding(
            COLUMN_BALANCE.code,
            message,
            &right[0],
            &[&left[0], &left[1], &right[1]],
            l,
            r,
        ));
    }
}

fn total_sum(t: &Table, lang: Lang, out: &mut Vec<Diagnostic>) {
    let result_rows: Vec<&crate::model::Row> =
        t.rows.iter().filter(|r| is_result_row(r.key)).collect();
    let total_row = t.row("total");
    for (k, col) in APPLICANT_COLUMNS.iter().enumerate() {
        let Some(total) = total_row
            .and_then(|r| r.cell_at(k, col.key))
            .map(|cell| Term {
                name: pick(lang, "（七）总计", "total"),
                cell,
            })
        else {
            continue;
        };
        // The sum checked first, without building the terms (nearly every
        // column adds up): the same tests as below on the same cells.
        let Some(v) = total.value() else {
            continue;
        };
        let (mut n, mut all) = (0usize, true);
        let s = Decimal::sum_values(
            result_rows
                .iter()
                .filter_map(|r| r.cell_at(k, col.key))
                .filter_map(|c| {
                    n += 1;
                    all &= c.value.is_some();
                    c.value
                }),
        );
        if !all || n == 0 || s == v {
            continue;
        }
        let parts: Vec<Term> = result_rows
            .iter()
            .filter_map(|r| {
                Some(Term {
                    name: r.label.into(),
                    cell: r.cell_at(k, col.key)?,
                })
            })
            .collect();
        let (Some(s), Some(v)) = (sum(&parts), total.value()) else {
            continue;
        };
        if parts.is_empty() || s == v {
            continue;
        }
        let nonzero: Vec<&Term> = parts
            .iter()
            .filter(|p| p.value() != Some(Decimal::ZERO))
            .collect();
        let listed = nonzero
            .iter()
            .map(|p| {
                format!(
                    "{} {}",
                    p.name,
                    p.value().map_or("?".into(), |x| x.to_string())
                )
            })
            .collect::<Vec<_>>()
            .join(" + ");
        let listed = if listed.is_empty() {
            "0".to_string()
        } else {
            listed
        };
        let message = lang.pick_with(
            || {
                format!(
                    "{}：各项办理结果之和 {} = {}，但（七）总计为 {}",
                    col_name(lang, col.label, col.key),
                    listed,
                    s,
                    v
                )
            },
            || {
                format!(
                    "{}: the results add up to {} = {}, but the total (七) says {}",
                    col_name(lang, col.label, col.key),
                    listed,
                    s,
                    v
                )
            },
        );
        let others: Vec<&Term> = parts.iter().collect();
        out.push(finding(TOTAL_SUM.code, message, &total, &others, s, v));
    }
}

fn row_sum(t: &Table, lang: Lang, out: &mut Vec<Diagnostic>) {
    // Where 总计 stands among the template's columns.
    const TOTAL: usize = APPLICANT_COLUMNS.len() - 1;
    for row in &t.rows {
        let Some(total) = row.cell_at(TOTAL, "total").map(|c| Term {
            name: pick(lang, "总计", "total"),
            cell: c,
        }) else {
            continue;
        };
        // The usual case, without building the terms: all six cells there,
        // read, and adding up.
        let mut cells: [Option<&Cell>; 6] = [None; 6];
        for (k, (slot, c)) in cells.iter_mut().zip(&APPLICANT_COLUMNS[..6]).enumerate() {
            *slot = row.cell_at(k, c.key);
        }
        let values = || cells.iter().map(|c| c.and_then(|c| c.value));
        if cells.iter().any(Option::is_none) || values().any(|v| v.is_none()) {
            continue;
        }
        if total
            .value()
            .is_none_or(|v| Decimal::sum_values(values().flatten()) == v)
        {
            continue;
        }
        let parts: Vec<Term> = (APPLICANT_COLUMNS[..6].iter().enumerate())
            .filter_map(|(k, c)| {
                Some(Term {
                    name: pick(lang, c.label, c.key),
                    cell: row.cell_at(k, c.key)?,
                })
            })
            .collect();
        if parts.len() != 6 {
            continue;
        }
        let (Some(s), Some(v)) = (sum(&parts), total.value()) else {
            continue;
        };
        if s == v {
            continue;
        }
        let message = lang.pick_with(
            || {
                format!(
                    "“{}”一行：{} = {}，但总计为 {}",
                    row.label,
                    render(&parts, false),
                    s,
                    v
                )
            },
            || {
                format!(
                    "Row “{}”: {} = {}, but the total says {}",
                    row.label,
                    render(&parts, false),
                    s,
                    v
                )
            },
        );
        let others: Vec<&Term> = parts.iter().collect();
        out.push(finding(ROW_SUM.code, message, &total, &others, s, v));
    }
}
