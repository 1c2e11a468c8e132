//! The report model: what `check` returns (`../shared/spec/report-model.md`).
//!
//! Keys are a public contract: portals and batch scripts read them. Tables
//! serialise as `table[row][column] = cell | null`, rows and columns in
//! template order.

use crate::decimal::Decimal;
use crate::diagnostics::Diagnostic;
use crate::span::Span;
use crate::template::Template;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The checked report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Report year, from the title or the statistics period.
    pub year: Option<i32>,
    /// "2021", "2019" or "unknown".
    pub template: Template,
    /// The title as written (lines joined), if one was found.
    pub title: Option<String>,
    /// The section headings found, in the order they appear.
    pub sections: Vec<Section>,
    /// Section 二 (主动公开政府信息情况); `null` if no table was found.
    pub proactive: Option<Table>,
    /// Section 三 (收到和处理政府信息公开申请情况).
    pub applications: Option<Table>,
    /// Section 四 (行政复议、行政诉讼).
    pub reviews: Option<Table>,
    pub diagnostics: Vec<Diagnostic>,
    /// Figures read from the prose and compared by the rules: facts such as
    /// `applications.new` ("收到申请55宗"), percentages (`percent`) and the
    /// members of enumerations (`enumeration`).
    pub figures: Vec<ProseFigure>,
    /// The kind of input: "text", "html" or "docx".
    pub input: &'static str,
    /// For .docx input only: the text extracted from the document, which
    /// every span refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Report {
    /// Calls `f` on every span of the report (cells, sections, diagnostics).
    pub fn for_each_span_mut<F: FnMut(&mut Span) + ?Sized>(&mut self, f: &mut F) {
        for s in &mut self.sections {
            f(&mut s.span);
        }
        for t in [
            &mut self.proactive,
            &mut self.applications,
            &mut self.reviews,
        ]
        .into_iter()
        .flatten()
        {
            for row in &mut t.rows {
                f(&mut row.label_span);
                for c in row.cells.iter_mut().flatten() {
                    f(&mut c.span);
                }
            }
        }
        for d in &mut self.diagnostics {
            d.for_each_span_mut(f);
        }
        for p in &mut self.figures {
            f(&mut p.span);
        }
    }

    /// Counts of diagnostics by severity: (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        use crate::diagnostics::Severity::*;
        let mut c = (0, 0, 0);
        for d in &self.diagnostics {
            match d.severity {
                Error => c.0 += 1,
                Warning => c.1 += 1,
                Info => c.2 += 1,
            }
        }
        c
    }

    /// The cell at `table.row.column`, e.g. `("applications", "new", "total")`.
    pub fn cell(&self, table: &str, row: &str, column: &str) -> Option<&Cell> {
        let t = match table {
            "proactive" => self.proactive.as_ref(),
            "applications" => self.applications.as_ref(),
            "reviews" => self.reviews.as_ref(),
            _ => None,
        }?;
        t.cell(row, column)
    }
}

/// A figure read from the prose.
#[derive(Debug, Clone, Serialize)]
pub struct ProseFigure {
    /// What it states: a fact key (`applications.new`, `reviews.review`…),
    /// `percent`, or `enumeration`.
    pub kind: &'static str,
    pub value: Decimal,
    pub span: Span,
}

/// A section heading.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// 1 to 6.
    pub number: u8,
    /// The heading text as written, without its numbering.
    pub title: String,
    /// The heading line.
    pub span: Span,
}

/// One figure of a table.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The figure; `null` when the cell is blank or unreadable.
    pub value: Option<Decimal>,
    /// The cell's text as written (trimmed).
    pub raw: RawText,
    pub span: Span,
}

/// A cell's text as written. Nearly every cell holds a few digits, kept
/// inline: a table is read without one allocation per cell. Serialises as
/// a plain JSON string and reads as a `&str` (`Deref`, `Display`).
#[derive(Clone, PartialEq, Eq)]
pub struct RawText(CellRepr);

#[derive(Clone, PartialEq, Eq)]
enum CellRepr {
    /// Up to [`RawText::INLINE`] bytes of UTF-8 in `buf[..len]`.
    Inline {
        len: u8,
        buf: [u8; RawText::INLINE],
    },
    Heap(Box<str>),
}

impl RawText {
    /// The longest text kept inline (the enum is then as large as a `String`).
    const INLINE: usize = 22;

    pub fn new(s: &str) -> Self {
        if s.len() <= Self::INLINE {
            let mut buf = [0u8; Self::INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            RawText(CellRepr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            RawText(CellRepr::Heap(s.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            CellRepr::Inline { len, buf } => {
                std::str::from_utf8(&buf[..*len as usize]).expect("copied from a str")
            }
            CellRepr::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for RawText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for RawText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RawText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for RawText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for RawText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for RawText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A table of the template, rows in template order.
#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// Stable key (`new`, `withheld.state_secret`, `review`…).
    pub key: &'static str,
    /// The template's label for messages.
    pub label: &'static str,
    /// Where the row's label (or, for section 四, its group) was found.
    pub label_span: Span,
    /// Column keys, parallel to `cells`.
    pub columns: &'static [crate::template::ColDef],
    /// `None` for a column the row lacks.
    pub cells: Vec<Option<Cell>>,
}

impl Table {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    pub fn cell(&self, row: &str, column: &str) -> Option<&Cell> {
        self.row(row)?.cell(column)
    }

    pub fn value(&self, row: &str, column: &str) -> Option<Decimal> {
        self.cell(row, column)?.value
    }
}

impl Row {
    pub fn cell(&self, column: &str) -> Option<&Cell> {
        let i = self.columns.iter().position(|c| c.key == column)?;
        self.cells[i].as_ref()
    }

    /// [`Row::cell`] for a column expected at position `k` (its place in
    /// the template's column list): looked up by key only when it is not
    /// there. (A template's column keys are unique, so the first column
    /// with the key is the one at `k`.)
    pub fn cell_at(&self, k: usize, column: &str) -> Option<&Cell> {
        match self.columns.get(k) {
            Some(c) if c.key == column => self.cells[k].as_ref(),
            _ => self.cell(column),
        }
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.rows.len()))?;
        for r in &self.rows {
            m.serialize_entry(r.key, &RowCells(r))?;
        }
        m.end()
    }
}

struct RowCells<'a>(&'a Row);

impl Serialize for RowCells<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.cells.len()))?;
        for (c, cell) in self.0.columns.iter().zip(&self.0.cells) {
            m.serialize_entry(c.key, cell)?;
        }
        m.end()
    }
}
