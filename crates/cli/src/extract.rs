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
use gongkai_core::template::{
    RowDef, APPLICATION_ROWS_2019, APPLICATION_ROWS_2021, PROACTIVE_ROWS_2019, PROACTIVE_ROWS_2021,
    REVIEW_COLUMNS, REVIEW_GROUPS,
};
use gongkai_core::Report;

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

/// A cell's CSV field: figure, "null" (blank/unreadable) or "" (absent).
fn csv_value(r: &Report, (t, row, col): &CellKey) -> String {
    match r.cell(t, row, col) {
        Some(c) => c.value.map_or("null".to_string(), |v| v.to_string()),
        None => String::new(),
    }
}

pub fn csv_header(cells: &[CellKey]) -> String {
    let mut s = String::new();
    let cols = columns(cells);
    csvout::record(&mut s, cols.iter().map(String::as_str));
    s
}

pub fn csv_row(name: &str, c: &Checked, cells: &[CellKey]) -> String {
    let r = &c.report;
    let mut f = vec![
        name.to_string(),
        agency(r).unwrap_or_default(),
        r.year.map_or(String::new(), |y| y.to_string()),
        r.template.as_str().to_string(),
    ];
    f.extend(cells.iter().map(|k| csv_value(r, k)));
    f.push(c.encoding.unwrap_or("").to_string());
    f.push(String::new());
    let mut s = String::new();
    csvout::record(&mut s, f.iter().map(String::as_str));
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

/// One JSON object, keys in column order.
pub fn json_object(name: &str, c: Result<&Checked, &str>, cells: &[CellKey]) -> String {
    let mut s = String::from("{");
    s += &format!("\"path\":{}", js(name));
    let r = c.ok().map(|c| &c.report);
    let opt = |v: Option<String>| v.map_or("null".to_string(), |v| js(&v));
    s += &format!(",\"agency\":{}", opt(r.and_then(agency)));
    s += &format!(
        ",\"year\":{}",
        r.and_then(|r| r.year)
            .map_or("null".to_string(), |y| y.to_string())
    );
    s += &format!(
        ",\"template\":{}",
        opt(r.map(|r| r.template.as_str().to_string()))
    );
    for k in cells {
        let v = r
            .and_then(|r| r.cell(k.0, k.1, k.2))
            .and_then(|c| c.value)
            .map_or("null".to_string(), |v| {
                serde_json::to_string(&v).expect("a figure serialises")
            });
        s += &format!(",\"{}.{}.{}\":{v}", k.0, k.1, k.2);
    }
    let enc = c.ok().and_then(|c| c.encoding).map(str::to_string);
    s += &format!(",\"encoding\":{}", opt(enc));
    s += &format!(",\"error\":{}", opt(c.err().map(str::to_string)));
    s.push('}');
    s
}
