//! `--format sarif`: SARIF 2.1.0, one run, the rules' metadata from the
//! core's registry, columns in UTF-16 code units (`columnKind:
//! utf16CodeUnits`, what GitHub code scanning and VS Code expect).
//!
//! Written in three parts so that a batch streams: [`opening`] (the tool
//! and its rules), one [`results`] chunk per file, [`closing`] (the files
//! that could not be read, as tool execution notifications).

use crate::input::Checked;
use gongkai_core::compare::is_previous_label;
use gongkai_core::decimal::Decimal;
use gongkai_core::rules::REGISTRY;
use gongkai_core::{Diagnostic, LineIndex, Severity, Span};
use serde::Serialize;
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
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        let index = LineIndex::new(text);
        Locator { text, index }
    }

    /// (1-based line, 1-based UTF-16 column) of a byte offset (inside a
    /// character: of that character). The column counts the code units of
    /// its line only: the line's own offset in UTF-16 is not needed.
    fn at(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line);
        let col = self.text[start..offset].encode_utf16().count();
        (line + 1, col + 1)
    }

    fn region(&self, span: &Span) -> Region<'a> {
        let (start_line, start_column) = self.at(span.start);
        let (end_line, end_column) = self.at(span.end.max(span.start));
        Region {
            end_column,
            end_line,
            snippet: self
                .text
                .get(span.start..span.end)
                .filter(|t| !t.is_empty())
                .map(|text| Text { text }),
            start_column,
            start_line,
        }
    }

    fn location(&'a self, uri: &'a str, span: &Span) -> Location<'a> {
        Location {
            id: None,
            message: None,
            physical_location: PhysicalLocation {
                artifact_location: Uri { uri },
                region: self.region(span),
            },
        }
    }
}

// One result and its parts, serialised straight into the output (no
// `serde_json::Value` built and dropped per finding). Fields are in
// alphabetical order: the order in which `Value`'s sorted maps wrote them.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[Fix<'a>; 1]>,
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    #[serde(skip_serializing_if = "Properties::is_empty")]
    properties: Properties,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Uri<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: Uri<'a>,
    region: Region<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    end_column: usize,
    end_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<'a>>,
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
struct Properties {
    #[serde(skip_serializing_if = "Option::is_none")]
    actual: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<Decimal>,
}

impl Properties {
    fn is_empty(&self) -> bool {
        self.actual.is_none() && self.expected.is_none()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: Uri<'a>,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region<'a>,
    inserted_content: Text<'a>,
}

/// One file's results, comma-separated (empty when it has none).
pub fn results(name: &str, c: &Checked, previous: Option<(&str, &Checked)>) -> Vec<u8> {
    let here = Locator::new(c.source());
    let there = previous.map(|(n, p)| (uri(n), Locator::new(p.source())));
    let file_uri = uri(name);
    let mut out = Vec::new();
    for d in &c.report.diagnostics {
        if !out.is_empty() {
            out.push(b',');
        }
        // The fix's description, which the result borrows.
        let description = d.fix.as_ref().map(|f| format!("→ {}", f.replacement));
        let r = result(&file_uri, &here, there.as_ref(), d, description.as_deref());
        serde_json::to_writer(&mut out, &r).expect("a result serialises");
    }
    out
}

fn result<'a>(
    file_uri: &'a str,
    here: &'a Locator,
    there: Option<&'a (String, Locator)>,
    d: &'a Diagnostic,
    fix_description: Option<&'a str>,
) -> SarifResult<'a> {
    let related_locations = d
        .related
        .iter()
        .enumerate()
        .map(|(i, rel)| {
            let mut l = match there {
                Some((u, loc)) if is_previous_label(&rel.label) => loc.location(u, &rel.span),
                _ => here.location(file_uri, &rel.span),
            };
            l.id = Some(i);
            l.message = Some(Text { text: &rel.label });
            l
        })
        .collect();
    let fixes = d.fix.as_ref().map(|fix| {
        [Fix {
            artifact_changes: [ArtifactChange {
                artifact_location: Uri { uri: file_uri },
                replacements: [Replacement {
                    deleted_region: here.region(&fix.span),
                    inserted_content: Text {
                        text: &fix.replacement,
                    },
                }],
            }],
            description: Text {
                text: fix_description.unwrap_or_default(),
            },
        }]
    });
    SarifResult {
        fixes,
        level: level(d.severity),
        locations: [here.location(file_uri, &d.span)],
        message: Text { text: &d.message },
        properties: Properties {
            actual: d.actual,
            expected: d.expected,
        },
        related_locations,
        rule_id: d.code,
        rule_index: REGISTRY.iter().position(|r| r.code == d.code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns in UTF-16 code units of the line: a character outside the
    /// BMP counts two; an offset inside a character is that character's.
    #[test]
    fn utf16_columns() {
        let text = "ab\r\n中𠀀x\ny";
        let loc = Locator::new(text);
        assert_eq!(loc.at(0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(loc.at(x), (2, 4));
        assert_eq!(loc.at(x - 1), (2, 2), "inside 𠀀");
        assert_eq!(loc.at(text.len()), (3, 2));
        assert_eq!(loc.at(text.len() + 5), (3, 2));
    }

    /// Results are written with their keys in alphabetical order at every
    /// level, as `serde_json::Value` wrote them: read back into a `Value`
    /// and written again, they are unchanged.
    #[test]
    fn results_as_value_writes_them() {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/seeds");
        let mut fixes = 0;
        for e in std::fs::read_dir(seeds).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            // A figure changed, for findings; a full-width digit, for a fix.
            let text = text
                .replacen("\t25\n", "\t26\n", 1)
                .replacen("\t0\n", "\t０\n", 1);
            let report = gongkai_core::check(&text, &gongkai_core::Options::default());
            fixes += report
                .diagnostics
                .iter()
                .filter(|d| d.fix.is_some())
                .count();
            let c = Checked {
                report,
                text,
                encoding: Some("UTF-8"),
            };
            let out = results("报告 1.txt", &c, None);
            let wrapped = format!("[{}]", String::from_utf8(out).unwrap());
            let v: Value = serde_json::from_str(&wrapped).unwrap();
            assert_eq!(v.to_string(), wrapped);
        }
        assert!(fixes > 0, "a result with a fix among them");
    }
}
