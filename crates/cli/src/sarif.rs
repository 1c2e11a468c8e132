//! `--format sarif`: SARIF 2.1.0, one run, the rules' metadata from the
//! core's registry, columns in UTF-16 code units (`columnKind:
//! utf16CodeUnits`, what GitHub code scanning and VS Code expect).
//!
//! Written in three parts so that a batch streams: [`opening`] (the tool
//! and its rules), one [`results`] chunk per file, [`closing`] (the files
//! that could not be read, as tool execution notifications).

use crate::input::Checked;
use gongkai_core::compare::is_previous_label;
use gongkai_core::rules::REGISTRY;
use gongkai_core::{Diagnostic, LineIndex, Severity, Span};
use serde_json::{json, Value};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Everything before the first result.
pub fn opening() -> String {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| {
            let doc = r.markdown().trim().to_string();
            json!({
                "id": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": doc, "markdown": doc },
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let driver = json!({
        "name": "gongkai",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    format!(
        "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"utf16CodeUnits\",\"results\":["
    )
}

/// Everything after the last result: the files that could not be read.
pub fn closing(unreadable: &[(String, String)]) -> String {
    let notes: Vec<Value> = unreadable
        .iter()
        .map(|(path, e)| {
            json!({
                "level": "error",
                "descriptor": { "id": "file.unreadable" },
                "message": { "text": format!("{path}: {e}") },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(path) } } }],
            })
        })
        .collect();
    let inv = json!([{ "executionSuccessful": true, "toolExecutionNotifications": notes }]);
    format!("],\"invocations\":{inv}}}]}}")
}

/// A file path as a URI reference: relative paths stay relative, absolute
/// ones become `file://` URIs; everything outside the unreserved set is
/// percent-encoded (Chinese file names included).
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut s = String::new();
    if p.starts_with('/') {
        s.push_str("file://");
    }
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// Line and column conversions of one text.
struct Locator<'a> {
    text: &'a str,
    index: LineIndex,
    utf16: Vec<usize>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        let index = LineIndex::new(text);
        let utf16 = index.utf16_line_starts(text);
        Locator { text, index, utf16 }
    }

    /// (1-based line, 1-based UTF-16 column) of a byte offset.
    fn at(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.index.line_of(offset);
        let col = self.index.utf16_offset(self.text, offset, &self.utf16) - self.utf16[line];
        (line + 1, col + 1)
    }

    fn region(&self, span: &Span) -> Value {
        let (sl, sc) = self.at(span.start);
        let (el, ec) = self.at(span.end.max(span.start));
        let mut r = json!({ "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec });
        if let Some(t) = self.text.get(span.start..span.end) {
            if !t.is_empty() {
                r["snippet"] = json!({ "text": t });
            }
        }
        r
    }
}

fn location(uri: &str, loc: &Locator, span: &Span) -> Value {
    json!({ "physicalLocation": { "artifactLocation": { "uri": uri }, "region": loc.region(span) } })
}

/// One file's results, comma-separated (empty when it has none).
pub fn results(name: &str, c: &Checked, previous: Option<(&str, &Checked)>) -> String {
    let here = Locator::new(c.source());
    let there = previous.map(|(n, p)| (uri(n), Locator::new(p.source())));
    let file_uri = uri(name);
    let mut out = String::new();
    for d in &c.report.diagnostics {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(&result(&file_uri, &here, there.as_ref(), d).to_string());
    }
    out
}

fn result(
    file_uri: &str,
    here: &Locator,
    there: Option<&(String, Locator)>,
    d: &Diagnostic,
) -> Value {
    let mut r = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [location(file_uri, here, &d.span)],
    });
    if let Some(i) = REGISTRY.iter().position(|r| r.code == d.code) {
        r["ruleIndex"] = json!(i);
    }
    if !d.related.is_empty() {
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                let mut l = match there {
                    Some((u, loc)) if is_previous_label(&rel.label) => location(u, loc, &rel.span),
                    _ => location(file_uri, here, &rel.span),
                };
                l["id"] = json!(i);
                l["message"] = json!({ "text": rel.label });
                l
            })
            .collect();
        r["relatedLocations"] = Value::Array(related);
    }
    let mut props = serde_json::Map::new();
    if let Some(e) = d.expected {
        props.insert("expected".into(), json!(e));
    }
    if let Some(a) = d.actual {
        props.insert("actual".into(), json!(a));
    }
    if !props.is_empty() {
        r["properties"] = Value::Object(props);
    }
    if let Some(fix) = &d.fix {
        r["fixes"] = json!([{
            "description": { "text": format!("→ {}", fix.replacement) },
            "artifactChanges": [{
                "artifactLocation": { "uri": file_uri },
                "replacements": [{
                    "deletedRegion": here.region(&fix.span),
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    r
}
