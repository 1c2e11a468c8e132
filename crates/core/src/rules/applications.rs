//! Section 三 (收到和处理政府信息公开申请情况): the relations the template
//! states between its rows and columns.

use super::rule;
use crate::decimal::Decimal;
use crate::diagnostics::{Diagnostic, Lang, Related, Severity};
use crate::model::{Cell, Report, Row};
use crate::template::{ColDef, APPLICANT_COLUMNS};
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

/// Section 三's table as the rules read it: each row's cells in the
/// template's seven columns, and the rows the relations name. Built once
/// per check, for these rules and for the minimal repair
/// ([`super::repair`]), so that no cell is looked up by its keys twice.
pub(crate) struct Grid<'a> {
    /// Parallel to the table's rows.
    pub rows: Vec<GridRow<'a>>,
    /// The first row with each key the relations name, as `Table::row`
    /// finds it: 一、本年新收, 二、上年结转, （七）总计, 四、结转下年度.
    pub new: Option<usize>,
    pub carried_over: Option<usize>,
    pub total: Option<usize>,
    pub carried_forward: Option<usize>,
}

/// One row of a [`Grid`].
pub(crate) struct GridRow<'a> {
    pub row: &'a Row,
    /// The cell in each of [`APPLICANT_COLUMNS`], as `Row::cell_at` finds it.
    pub cells: [Option<&'a Cell>; 7],
    /// A result row (`template::is_result_row`): one of the rows that add
    /// up to （七）总计.
    pub result: bool,
}

impl<'a> Grid<'a> {
    /// The grid of the report's section 三, if it has that table.
    pub fn new(report: &'a Report) -> Option<Self> {
        let t = report.applications.as_ref()?;
        let mut g = Grid {
            rows: Vec::with_capacity(t.rows.len()),
            new: None,
            carried_over: None,
            total: None,
            carried_forward: None,
        };
        for (i, row) in t.rows.iter().enumerate() {
            // (`template::is_result_row`, and the first row of each key.)
            let first = match row.key {
                "new" => &mut g.new,
                "carried_over" => &mut g.carried_over,
                "total" => &mut g.total,
                "carried_forward" => &mut g.carried_forward,
                _ => {
                    g.rows.push(GridRow::new(row, true));
                    continue;
                }
            };
            first.get_or_insert(i);
            g.rows.push(GridRow::new(row, false));
        }
        Some(g)
    }

    /// The cell of row `i` (if any) in column `k`.
    pub fn cell(&self, i: Option<usize>, k: usize) -> Option<&'a Cell> {
        self.rows[i?].cells[k]
    }
}

impl<'a> GridRow<'a> {
    fn new(row: &'a Row, result: bool) -> Self {
        const COLS: usize = APPLICANT_COLUMNS.len();
        let mut cells = [None; COLS];
        if same_columns(row.columns, APPLICANT_COLUMNS) && row.cells.len() == COLS {
            // A row of the template (every row of the table): by place.
            for (slot, c) in cells.iter_mut().zip(&row.cells) {
                *slot = c.as_ref();
            }
        } else {
            for (k, (slot, c)) in cells.iter_mut().zip(APPLICANT_COLUMNS).enumerate() {
                *slot = row.cell_at(k, c.key);
            }
        }
        GridRow { row, cells, result }
    }
}

/// Whether `a` has the keys of `b`, in order: at once when they are the
/// same list (the template's, as a row of the table holds it).
pub(crate) fn same_columns(a: &[ColDef], b: &[ColDef]) -> bool {
    std::ptr::eq(a, b) || (a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.key == y.key))
}

/// Runs the section 三 relations.
pub fn check(report: &Report, lang: Lang, out: &mut Vec<Diagnostic>) {
    check_grid(Grid::new(report).as_ref(), lang, out);
}

/// [`check`], with the [`Grid`] already built (by [`super::run`], which
/// hands it on to the repair).
pub(crate) fn check_grid(grid: Option<&Grid>, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(g) = grid else {
        return;
    };
    column_balance(g, lang, out);
    total_sum(g, lang, out);
    row_sum(g, lang, out);
}

/// A static name in the message language (no allocation).
pub(crate) fn pick(lang: Lang, zh: &'static str, en: &'static str) -> Name {
    Name::from(match lang {
        Lang::Zh => zh,
        Lang::En => en,
    })
}

/// `cells`, each named by its column of `cols` (the template's label; its
/// key in English).
pub(crate) fn column_terms<'a>(
    lang: Lang,
    cols: &[ColDef],
    cells: impl IntoIterator<Item = &'a Cell>,
) -> Vec<Term<'a>> {
    cols.iter()
        .zip(cells)
        .map(|(c, cell)| Term {
            name: pick(lang, c.label, c.key),
            cell,
        })
        .collect()
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

    /// Appends the name to `out`.
    pub fn push_to(&self, out: &mut String) {
        out.push_str(&self.head);
        out.push_str(self.sep);
        out.push_str(self.tail);
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

/// Appends "51 + 3 + 0", or with names "本年新收 51 + 上年结转 3", to `out`.
pub(crate) fn render_into(out: &mut String, terms: &[Term], with_names: bool) {
    for (i, t) in terms.iter().enumerate() {
        if i > 0 {
            out.push_str(" + ");
        }
        if with_names {
            t.name.push_to(out);
            out.push(' ');
        }
        match t.value() {
            Some(v) => v.push_to(out),
            None => out.push('?'),
        }
    }
}

/// The finding of a sum that does not match its total: message `m` (the
/// terms written so far) ends with " = S，但总计为 V" (`total_names`: the
/// total's name in Chinese and in the English message, "总计" / "the
/// total"), and the finding is on the total's cell, with the parts related.
/// `(s, v)`: the parts' sum and the total's value.
pub(crate) fn sum_finding<'a>(
    code: &'static str,
    mut m: String,
    lang: Lang,
    total_names: (&'static str, &'static str),
    total: &'a Cell,
    parts: &[Term<'a>],
    (s, v): (Decimal, Decimal),
) -> Diagnostic {
    m.push_str(" = ");
    s.push_to(&mut m);
    match lang {
        Lang::Zh => {
            m.push_str("，但");
            m.push_str(total_names.0);
            m.push_str("为 ");
        }
        Lang::En => {
            m.push_str(", but ");
            m.push_str(total_names.1);
            m.push_str(" says ");
        }
    }
    v.push_to(&mut m);
    let total = Term {
        name: pick(lang, total_names.0, "total"),
        cell: total,
    };
    finding(code, m, &total, parts.iter(), s, v)
}

/// A finding on `anchor` with every other term as related.
pub(crate) fn finding<'t, 'a: 't>(
    code: &'static str,
    message: String,
    anchor: &Term,
    others: impl ExactSizeIterator<Item = &'t Term<'a>>,
    expected: Decimal,
    actual: Decimal,
) -> Diagnostic {
    let mut d =
        Diagnostic::new(code, Severity::Error, message, anchor.cell.span).numbers(expected, actual);
    d.related = Vec::with_capacity(others.len());
    d.related.extend(others.map(|t| Related {
        span: t.cell.span,
        label: name_and_value(t),
    }));
    d
}

/// "本年新收 51" (the name alone when the cell has no value), trimmed.
fn name_and_value(t: &Term) -> String {
    let mut s = String::with_capacity(32);
    t.name.push_to(&mut s);
    s.push(' ');
    if let Some(v) = t.value() {
        v.push_to(&mut s);
    }
    let trimmed = s.trim();
    if trimmed.len() == s.len() {
        s
    } else {
        trimmed.to_string()
    }
}

/// "自然人列" / "column natural_person", at the head of a message.
fn push_col_name(out: &mut String, lang: Lang, col: &ColDef) {
    match lang {
        Lang::Zh => {
            out.push_str(col.label);
            out.push('列');
        }
        Lang::En => {
            out.push_str("column ");
            out.push_str(col.key);
        }
    }
}

/// The sum of the values of `cells`, when every one has a value
/// ([`Decimal::sum_values`] of them).
pub(crate) fn sum_of<'c, I>(cells: I) -> Option<Decimal>
where
    I: IntoIterator<Item = &'c Cell>,
    I::IntoIter: Clone,
{
    let cells = cells.into_iter();
    // Nearly every figure is a whole number: added as such, which is what
    // the general sum does with them as long as nothing overflows.
    let mut acc: i128 = 0;
    for c in cells.clone() {
        match c.value?.whole_mantissa().and_then(|m| acc.checked_add(m)) {
            Some(a) => acc = a,
            None => return sum_at_any_scale(cells),
        }
    }
    Some(Decimal::whole(acc))
}

/// [`sum_of`], for figures with decimals (or beyond any real figure).
fn sum_at_any_scale<'c>(cells: impl Iterator<Item = &'c Cell>) -> Option<Decimal> {
    let mut acc = Decimal::ZERO;
    for c in cells {
        acc = acc.saturating_add(c.value?);
    }
    Some(acc)
}

fn column_balance(g: &Grid, lang: Lang, out: &mut Vec<Diagnostic>) {
    let en = lang == Lang::En;
    let name = |zhn: &'static str, enn: &'static str| Name::from(if en { enn } else { zhn });
    for (k, col) in APPLICANT_COLUMNS.iter().enumerate() {
        let (Some(new), Some(carried), Some(total), Some(fwd)) = (
            g.cell(g.new, k),
            g.cell(g.carried_over, k),
            g.cell(g.total, k),
            g.cell(g.carried_forward, k),
        ) else {
            continue;
        };
        let (Some(l), Some(r)) = (sum_of([new, carried]), sum_of([total, fwd])) else {
            continue;
        };
        if l == r {
            continue;
        }
        let term = |name: Name, cell| Term { name, cell };
        let left = [
            term(name("本年新收", "new"), new),
            term(name("上年结转", "carried over"), carried),
        ];
        let right = [
            term(name("办理结果总计", "results total"), total),
            term(name("结转下年度", "carried forward"), fwd),
        ];
        let mut m = String::with_capacity(128);
        push_col_name(&mut m, lang, col);
        m.push_str(if en { ": " } else { "：" });
        render_into(&mut m, &left, true);
        m.push_str(" = ");
        l.push_to(&mut m);
        m.push_str(if en { ", but " } else { "，但" });
        render_into(&mut m, &right[..1], true);
        m.push_str(" + ");
        render_into(&mut m, &right[1..], true);
        m.push_str(" = ");
        r.push_to(&mut m);
        let others = [&left[0], &left[1], &right[1]];
        out.push(finding(
            COLUMN_BALANCE.code,
            m,
            &right[0],
            others.into_iter(),
            l,
            r,
        ));
    }
}

fn total_sum(g: &Grid, lang: Lang, out: &mut Vec<Diagnostic>) {
    let results = || g.rows.iter().filter(|r| r.result);
    for (k, col) in APPLICANT_COLUMNS.iter().enumerate() {
        let Some(total) = g.cell(g.total, k) else {
            continue;
        };
        let Some(v) = total.value else {
            continue;
        };
        // The sum checked first, without building the terms (nearly every
        // column adds up).
        let mut cells = results().filter_map(|r| r.cells[k]).peekable();
        if cells.peek().is_none() {
            continue;
        }
        let Some(s) = sum_of(cells) else {
            continue;
        };
        if s == v {
            continue;
        }
        let parts: Vec<Term> = results()
            .filter_map(|r| {
                Some(Term {
                    name: r.row.label.into(),
                    cell: r.cells[k]?,
                })
            })
            .collect();
        let en = lang == Lang::En;
        let mut m = String::with_capacity(256);
        push_col_name(&mut m, lang, col);
        m.push_str(if en {
            ": the results add up to "
        } else {
            "：各项办理结果之和 "
        });
        let mut listed = false;
        for p in parts.iter().filter(|p| p.value() != Some(Decimal::ZERO)) {
            if listed {
                m.push_str(" + ");
            }
            listed = true;
            p.name.push_to(&mut m);
            m.push(' ');
            match p.value() {
                Some(x) => x.push_to(&mut m),
                None => m.push('?'),
            }
        }
        if !listed {
            m.push('0');
        }
        let names = ("（七）总计", "the total (七)");
        out.push(sum_finding(
            TOTAL_SUM.code,
            m,
            lang,
            names,
            total,
            &parts,
            (s, v),
        ));
    }
}

fn row_sum(g: &Grid, lang: Lang, out: &mut Vec<Diagnostic>) {
    // Where 总计 stands among the template's columns.
    const TOTAL: usize = APPLICANT_COLUMNS.len() - 1;
    for r in &g.rows {
        let Some(total) = r.cells[TOTAL] else {
            continue;
        };
        // All six cells there, read, and adding up: the usual case.
        let Some(cells) = all(&r.cells[..TOTAL]) else {
            continue;
        };
        let Some(s) = sum_of(cells.iter().copied()) else {
            continue;
        };
        let Some(v) = total.value.filter(|&v| v != s) else {
            continue;
        };
        let parts = column_terms(lang, APPLICANT_COLUMNS, cells);
        let en = lang == Lang::En;
        let mut m = String::with_capacity(160);
        m.push_str(if en { "Row “" } else { "“" });
        m.push_str(r.row.label);
        m.push_str(if en { "”: " } else { "”一行：" });
        render_into(&mut m, &parts, false);
        let names = ("总计", "the total");
        out.push(sum_finding(
            ROW_SUM.code,
            m,
            lang,
            names,
            total,
            &parts,
            (s, v),
        ));
    }
}

/// The six cells, when every one is there.
fn all<'a>(cells: &[Option<&'a Cell>]) -> Option<[&'a Cell; 6]> {
    let mut out: [Option<&Cell>; 6] = [None; 6];
    out.copy_from_slice(cells);
    let [a, b, c, d, e, f] = out;
    Some([a?, b?, c?, d?, e?, f?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RawText;
    use crate::span::Span;

    fn cell(s: &str) -> Cell {
        Cell {
            value: Decimal::parse(s),
            raw: RawText::new(s),
            span: Span::default(),
        }
    }

    #[test]
    fn sums_are_those_of_sum_values() {
        let big = "9".repeat(30);
        for case in [
            &["51", "3", "0"][..],
            &[],
            &["1.5", "2", "0.25"],
            &["7", "x", "1"],
            &["x"],
            &[&big, &big, &big, "-1"],
            &[&big, "0.5", &big],
        ] {
            let cells: Vec<Cell> = case.iter().map(|s| cell(s)).collect();
            let want = cells
                .iter()
                .map(|c| c.value)
                .collect::<Option<Vec<_>>>()
                .map(Decimal::sum_values);
            let got = sum_of(cells.iter());
            assert_eq!(got, want, "{case:?}");
            // Equal, and written the same (same scale).
            assert_eq!(
                got.map(|d| d.to_string()),
                want.map(|d| d.to_string()),
                "{case:?}"
            );
        }
    }
}
