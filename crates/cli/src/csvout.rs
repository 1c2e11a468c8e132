//! CSV output (RFC 4180: fields with a comma, a quote or a line break are
//! quoted, quotes doubled, records end with CRLF).

use crate::input::Checked;
use gongkai_core::LineIndex;
use std::borrow::Cow;

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
/// like `column`).
pub fn check_rows(name: &str, c: &Checked) -> String {
    let src = c.source();
    let index = LineIndex::new(src);
    let mut out = String::new();
    for d in &c.report.diagnostics {
        let (el, ec) = index.line_col(src, d.span.end.max(d.span.start));
        let num =
            |v: Option<gongkai_core::decimal::Decimal>| v.map_or(String::new(), |v| v.to_string());
        let fields = [
            name.to_string(),
            d.span.line.to_string(),
            d.span.column.to_string(),
            el.to_string(),
            ec.to_string(),
            d.severity.as_str().to_string(),
            d.code.to_string(),
            d.message.clone(),
            num(d.expected),
            num(d.actual),
        ];
        record(&mut out, fields.iter().map(String::as_str));
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
}
