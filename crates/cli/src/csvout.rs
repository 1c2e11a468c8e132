//! CSV output (RFC 4180: fields with a comma, a quote or a line break are
//! quoted, quotes doubled, records end with CRLF).

use crate::input::Checked;
use gongkai_core::LineIndex;
use std::borrow::Cow;
use std::fmt::Write;

/// The columns of `gongkai check --format csv`.
pub const CHECK_COLUMNS: [&str; 10] = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "severity",
    "code",
    "message",
    "expected",
    "actual",
];

/// A field, quoted when it must be.
pub fn field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// One record, CRLF-terminated.
pub fn record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(f));
    }
    out.push_str("\r\n");
}

/// The header record of `check`.
pub fn check_header() -> String {
    let mut s = String::new();
    record(&mut s, CHECK_COLUMNS);
    s
}

/// One record per finding of a checked file. `end_line`/`end_column` locate
/// the end of the flagged text (exclusive; columns in Unicode scalar values
/// like `column`). Written field by field into one string (numbers, the
/// severity and the code never need quoting).
pub fn check_rows(name: &str, c: &Checked) -> String {
    let src = c.source();
    let index = LineIndex::new(src);
    let name = field(name);
    let mut out = String::new();
    for d in &c.report.diagnostics {
        let (el, ec) = index.line_col(src, d.span.end.max(d.span.start));
        let _ = write!(
            out,
            "{name},{},{},{el},{ec},{},{},{},",
            d.span.line,
            d.span.column,
            d.severity.as_str(),
            d.code,
            field(&d.message)
        );
        if let Some(v) = d.expected {
            let _ = write!(out, "{v}");
        }
        out.push(',');
        if let Some(v) = d.actual {
            let _ = write!(out, "{v}");
        }
        out.push_str("\r\n");
    }
    out
}

/// The record of a file that could not be read.
pub fn check_error(name: &str, error: &str) -> String {
    let mut out = String::new();
    record(
        &mut out,
        [
            name,
            "",
            "",
            "",
            "",
            "error",
            "file.unreadable",
            error,
            "",
            "",
        ],
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(field("a"), "a");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("“中文”，全角逗号"), "“中文”，全角逗号");
    }

    /// A finding's record: the path quoted when it must be, the numbers
    /// and the end of the flagged text as written.
    #[test]
    fn a_finding_s_record() {
        let text = "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n";
        let mut report = gongkai_core::check(text, &gongkai_core::Options::default());
        report.diagnostics.truncate(1);
        let d = &mut report.diagnostics[0];
        d.message = "a, \"b\"".into();
        d.expected = gongkai_core::decimal::Decimal::parse("12.5");
        d.actual = None;
        let (line, column, code) = (d.span.line, d.span.column, d.code);
        let c = Checked {
            report,
            text: text.into(),
            encoding: Some("UTF-8"),
        };
        let rows = check_rows("a,b.txt", &c);
        assert!(
            rows.starts_with(&format!("\"a,b.txt\",{line},{column},")),
            "{rows}"
        );
        assert!(
            rows.ends_with(&format!(",{code},\"a, \"\"b\"\"\",12.5,\r\n")),
            "{rows}"
        );
        assert_eq!(rows.matches("\r\n").count(), 1);
    }
}
