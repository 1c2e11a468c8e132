//! `gongkai extract`: every figure of every report, one row per report, so
//! that the tables of a hundred reports become one spreadsheet.
//!
//! Columns: `path`, `agency` (from the title), `year`, `template`, then one
//! column per cell of the model named `table.row.column`
//! (`applications.new.total`, `proactive.rules.issued`,
//! `reviews.review.upheld`) — the union of the 2021 and the 2019 formats,
//! 2021 first — then `encoding` and `error`.
//!
//! Values: the figure as written in the model (exact decimals). In CSV an
//! empty field means the report lacks the cell (another format's cell, a
//! missing table or row) and `null` that the cell is there but blank or
//! unreadable; in JSON both are `null`. A file that cannot be read gets a
//! row with its `error` and nothing else.

use crate::csvout;
use crate::input::Checked;
use gongkai_core::decimal::Decimal;
use gongkai_core::template::{
    RowDef, APPLICATION_ROWS_2019, APPLICATION_ROWS_2021, PROACTIVE_ROWS_2019, PROACTIVE_ROWS_2021,
    REVIEW_COLUMNS, REVIEW_GROUPS,
};
use gongkai_core::Report;
use std::fmt::Write;

/// A cell column: (table, row, column).
pub type CellKey = (&'static str, &'static str, &'static str);

/// Every cell of both formats, in a stable order.
pub fn cells() -> Vec<CellKey> {
    let mut out: Vec<CellKey> = Vec::new();
    let mut add = |table: &'static str, rows: &[RowDef]| {
        for r in rows {
            for c in r.columns {
                let k = (table, r.key, c.key);
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        }
    };
    add("proactive", PROACTIVE_ROWS_2021);
    add("proactive", PROACTIVE_ROWS_2019);
    add("applications", APPLICATION_ROWS_2021);
    add("applications", APPLICATION_ROWS_2019);
    for (g, _) in REVIEW_GROUPS {
        for c in REVIEW_COLUMNS {
            out.push(("reviews", g, c.key));
        }
    }
    out
}

/// The column names, in order.
pub fn columns(cells: &[CellKey]) -> Vec<String> {
    let mut v: Vec<String> = ["path", "agency", "year", "template"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    v.extend(cells.iter().map(|(t, r, c)| format!("{t}.{r}.{c}")));
    v.push("encoding".into());
    v.push("error".into());
    v
}

fn agency(r: &Report) -> Option<String> {
    r.title.as_deref().and_then(gongkai_core::compare::agency)
}

/// Appends a figure as `Decimal`'s `Display` writes it. Nearly every
/// figure is an integer: written by [`push_int`] (`Display` writes the
/// `i128` mantissa, which costs a 128-bit division per digit).
fn push_figure(s: &mut String, v: Decimal) {
    match v.to_i64() {
        Some(i) if v.scale() == 0 => push_int(s, i),
        _ => {
            let _ = write!(s, "{v}");
        }
    }
}

/// Appends a figure as serde_json writes it (`Decimal` serialises an
/// integer as an `i64`, anything else as an `f64`).
fn push_figure_json(s: &mut String, v: Decimal) {
    match v.to_i64() {
        Some(i) if v.scale() == 0 => push_int(s, i),
        _ => s.push_str(&serde_json::to_string(&v).expect("a figure serialises")),
    }
}

/// Appends an integer in decimal, as `Display` writes it, without the
/// formatting machinery (a row holds a few hundred).
fn push_int(s: &mut String, i: i64) {
    if i < 0 {
        s.push('-');
    }
    let mut n = i.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

pub fn csv_header(cells: &[CellKey]) -> String {
    let mut s = String::new();
    let cols = columns(cells);
    csvout::record(&mut s, cols.iter().map(String::as_str));
    s
}

/// One report's record. Written field by field into one string (a figure
/// never needs quoting; a text field is quoted when it must be).
pub fn csv_row(name: &str, c: &Checked, cells: &[CellKey]) -> String {
    let r = &c.report;
    let mut s = String::with_capacity(name.len() + 64 + 4 * cells.len());
    s.push_str(&csvout::field(name));
    s.push(',');
    s.push_str(&csvout::field(&agency(r).unwrap_or_default()));
    s.push(',');
    if let Some(y) = r.year {
        push_int(&mut s, y.into());
    }
    s.push(',');
    s.push_str(&csvout::field(r.template.as_str()));
    for (t, row, col) in cells {
        s.push(',');
        // A figure; "null": blank or unreadable; "": absent.
        if let Some(c) = r.cell(t, row, col) {
            match c.value {
                Some(v) => push_figure(&mut s, v),
                None => s.push_str("null"),
            }
        }
    }
    s.push(',');
    s.push_str(&csvout::field(c.encoding.unwrap_or("")));
    s.push_str(",\r\n");
    s
}

pub fn csv_error(name: &str, error: &str, cells: &[CellKey]) -> String {
    let mut f = vec![
        name.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ];
    f.extend(cells.iter().map(|_| String::new()));
    f.push(String::new());
    f.push(error.to_string());
    let mut s = String::new();
    csvout::record(&mut s, f.iter().map(String::as_str));
    s
}

fn js(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// One JSON object, keys in column order, written into one string.
pub fn json_object(name: &str, c: Result<&Checked, &str>, cells: &[CellKey]) -> String {
    let r = c.ok().map(|c| &c.report);
    let opt = |s: &mut String, v: Option<&str>| match v {
        Some(v) => s.push_str(&js(v)),
        None => s.push_str("null"),
    };
    let mut s = String::with_capacity(name.len() + 256 + 48 * cells.len());
    s.push_str("{\"path\":");
    s.push_str(&js(name));
    s.push_str(",\"agency\":");
    opt(&mut s, r.and_then(agency).as_deref());
    s.push_str(",\"year\":");
    match r.and_then(|r| r.year) {
        Some(y) => push_int(&mut s, y.into()),
        None => s.push_str("null"),
    }
    s.push_str(",\"template\":");
    opt(&mut s, r.map(|r| r.template.as_str()));
    for (t, row, col) in cells {
        for part in [",\"", t, ".", row, ".", col, "\":"] {
            s.push_str(part);
        }
        match r.and_then(|r| r.cell(t, row, col)).and_then(|c| c.value) {
            Some(v) => push_figure_json(&mut s, v),
            None => s.push_str("null"),
        }
    }
    s.push_str(",\"encoding\":");
    opt(&mut s, c.ok().and_then(|c| c.encoding));
    s.push_str(",\"error\":");
    opt(&mut s, c.err());
    s.push('}');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figures written without the formatting machinery read as they did
    /// through it: `Display` for CSV, serde_json for JSON.
    #[test]
    fn figures_as_display_and_serde_json_write_them() {
        for raw in [
            "0",
            "7",
            "51",
            "-3",
            "46999",
            "1287.35",
            "0.10",
            "-0.5",
            "5819.06",
            "3.0",
            "9223372036854775807",
            "-9223372036854775808",
            "-10",
        ] {
            let v = Decimal::parse(raw).expect("a figure");
            let mut csv = String::new();
            push_figure(&mut csv, v);
            assert_eq!(csv, v.to_string(), "{raw}");
            let mut json = String::new();
            push_figure_json(&mut json, v);
            assert_eq!(json, serde_json::to_string(&v).unwrap(), "{raw}");
        }
    }
}
