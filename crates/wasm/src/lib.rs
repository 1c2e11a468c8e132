//! # gongkai-wasm
//!
//! The WebAssembly bindings of [`gongkai_core`]: a thin shell, one call per
//! check, one object back (the model and diagnostics of `report-model.md`).
//!
//! The core speaks UTF-8 byte offsets. JavaScript strings are UTF-16, so
//! every span is converted here, once, at the boundary: `start`/`end` become
//! UTF-16 code-unit offsets (`text.slice(start, end)` is the flagged text);
//! `line`/`column` are left as the core computed them. The conversion sorts
//! the report's offsets and walks the text once, so it costs O(text + spans
//! log spans) whatever the shape of the text (a 10 MB single line included).
//!
//! Errors (bad options, a file that is not a .docx) are thrown as JS `Error`
//! objects with a message. A panic in the core (a bug) still traps — wasm32
//! has no unwinding — but its message is kept for [`take_panic_message`], so
//! the npm package's JS layer turns the trap into an `Error` that says why.
//!
//! The TypeScript types are written by hand below (`typescript_custom_section`)
//! and attached to the exports with `unchecked_*_type`: no `any` escapes.

use gongkai_core::{rules, Lang, Options, Report, Span, Template};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Options of a check. */
export interface CheckOptions {
  /** Language of the messages: "zh" (default) or "en". */
  lang?: "zh" | "en";
  /** Read the tables as this format instead of recognising it. */
  template?: "2021" | "2019";
}

/** A range of the text: UTF-16 code units (`text.slice(start, end)`), and
 * the 1-based line and column (column in Unicode scalar values) of `start`. */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

/** One figure of a table. `value` is null when the cell is blank or unreadable. */
export interface Cell {
  value: number | null;
  /** The cell's text as written (trimmed). */
  raw: string;
  span: Span;
}

/** A row: column key → cell (null or absent when the report lacks it). */
export type Row = { [column: string]: Cell | null | undefined };
/** A table: row key → row, rows in template order. */
export type Table = { [row: string]: Row | undefined };

export interface Section {
  /** 1 to 6. */
  number: number;
  title: string;
  span: Span;
}

export type Severity = "error" | "warning" | "info";

export interface Related {
  span: Span;
  /** What is there, e.g. "本年新收 51". */
  label: string;
}

/** An edit that provably repairs the finding. */
export interface Fix {
  span: Span;
  replacement: string;
}

export interface Diagnostic {
  /** Stable rule id, e.g. "applications.column-balance". */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  /** Every other cell that takes part in the relation. */
  related: Related[];
  expected?: number;
  actual?: number;
  fix?: Fix;
}

/** A figure read from the prose ("收到申请55宗", "占18.5%"). */
export interface ProseFigure {
  /** What it states: a fact key ("applications.new", "reviews.review"…),
   * "percent", or "enumeration". */
  kind: string;
  value: number;
  span: Span;
}

/** The checked report (report-model.md). */
export interface Report {
  year: number | null;
  template: "2021" | "2019" | "unknown";
  title: string | null;
  sections: Section[];
  /** Section 二; keys: rules, normative_documents, licensing, … */
  proactive: Table | null;
  /** Section 三; keys: new, carried_over, granted, "withheld.state_secret", … */
  applications: Table | null;
  /** Section 四; keys: review, litigation_direct, litigation_after_review. */
  reviews: Table | null;
  diagnostics: Diagnostic[];
  /** Figures read from the prose and compared by the rules. */
  figures: ProseFigure[];
  /** The kind of input. */
  input: "text" | "html" | "docx";
  /** For .docx input only: the extracted text every span refers to. */
  text?: string;
}

/** A rule of the registry, with its documentation (Markdown). */
export interface Rule {
  code: string;
  severity: Severity;
  summary: string;
  /** The rule's documentation, Markdown. */
  doc: string;
  /** The anchor of the rule's heading in docs/rules.md. */
  anchor: string;
}
"#;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated: panics are logged to the console
/// and their message kept for [`take_panic_message`].
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = LAST_PANIC.try_with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                *p = Some(info.to_string());
            }
        });
    }));
}

/// The message of the last panic (a bug in the core), if any, and forgets it.
/// The npm package calls it after a trap to throw a meaningful `Error`.
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC
        .try_with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.take()))
        .ok()
        .flatten()
}

#[wasm_bindgen]
extern "C" {
    /// The options object, read property by property: two strings do not
    /// need serde's deserializer (and its error formatting) in the module.
    type JsOptions;
    #[wasm_bindgen(method, getter, structural, catch)]
    fn lang(this: &JsOptions) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, structural, catch)]
    fn template(this: &JsOptions) -> Result<JsValue, JsValue>;
}

/// An optional string option: absent (undefined or null) or a string.
fn string_option(name: &str, v: Result<JsValue, JsValue>) -> Result<Option<String>, JsError> {
    let v =
        v.map_err(|_| JsError::new(&format!("gongkai: invalid options: cannot read {name}")))?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| {
        JsError::new(&format!(
            "gongkai: invalid options: {name} must be a string"
        ))
    })
}

fn options(v: Option<JsValue>) -> Result<Options, JsError> {
    let v = match v {
        Some(v) if !v.is_undefined() && !v.is_null() => v,
        _ => return Ok(Options::default()),
    };
    if !v.is_object() {
        return Err(JsError::new(
            "gongkai: options must be an object like { lang: \"zh\", template: \"2021\" }",
        ));
    }
    let o: &JsOptions = v.unchecked_ref();
    let lang = match string_option("lang", o.lang())?.as_deref() {
        None => Lang::Zh,
        Some(s) => Lang::parse(s).ok_or_else(|| {
            JsError::new(&format!(
                "gongkai: unknown lang \"{s}\" (expected \"zh\" or \"en\")"
            ))
        })?,
    };
    let template = match string_option("template", o.template())?.as_deref() {
        None => None,
        Some(s @ ("2021" | "2019")) => Template::parse(s),
        Some(s) => {
            return Err(JsError::new(&format!(
                "gongkai: unknown template \"{s}\" (expected \"2021\" or \"2019\")"
            )))
        }
    };
    Ok(Options { lang, template })
}

/// UTF-16 length of a run of UTF-8 bytes: one unit per scalar, two for a
/// scalar outside the BMP (4-byte sequences). Works on bytes, so an offset
/// that is not a char boundary cannot panic.
fn utf16_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Converts every span of `report` from UTF-8 byte offsets into `text` to
/// UTF-16 code-unit offsets, in one pass over the text.
pub fn spans_to_utf16(report: &mut Report, text: &str) {
    if text.is_ascii() {
        return;
    }
    let bytes = text.as_bytes();
    let mut offsets: Vec<usize> = Vec::new();
    report.for_each_span_mut(&mut |s: &mut Span| {
        offsets.push(s.start.min(bytes.len()));
        offsets.push(s.end.min(bytes.len()));
    });
    offsets.sort_unstable();
    offsets.dedup();
    let mut units = Vec::with_capacity(offsets.len());
    let (mut pos, mut acc) = (0usize, 0usize);
    for &o in &offsets {
        acc += utf16_len(&bytes[pos..o]);
        pos = o;
        units.push(acc);
    }
    let map = |o: usize| match offsets.binary_search(&o.min(bytes.len())) {
        Ok(i) => units[i],
        Err(_) => 0, // unreachable: every offset was collected above
    };
    report.for_each_span_mut(&mut |s: &mut Span| {
        s.start = map(s.start);
        s.end = map(s.end);
    });
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("gongkai: cannot return the result: {e}")))
}

/// Checks a report given as plain text (a paste from Word, WPS, a PDF
/// viewer or a web page; Markdown). Spans refer to `text`.
#[wasm_bindgen(js_name = check, unchecked_return_type = "Report")]
pub fn check(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let opts = self::options(options)?;
    let mut r = gongkai_core::check(text, &opts);
    spans_to_utf16(&mut r, text);
    to_js(&r)
}

/// Checks a report given as HTML (a clipboard's `text/html`, a saved page).
/// Spans refer to `html`.
#[wasm_bindgen(js_name = checkHtml, unchecked_return_type = "Report")]
pub fn check_html(
    html: &str,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let opts = self::options(options)?;
    let mut r = gongkai_core::check_html(html, &opts);
    spans_to_utf16(&mut r, html);
    to_js(&r)
}

/// Checks a text that may be HTML markup or a plain paste (HTML when it
/// looks like markup). Spans refer to `text`.
#[wasm_bindgen(js_name = checkAuto, unchecked_return_type = "Report")]
pub fn check_auto(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let opts = self::options(options)?;
    let mut r = gongkai_core::check_auto(text, &opts);
    spans_to_utf16(&mut r, text);
    to_js(&r)
}

/// Checks a .docx file's bytes. Spans refer to the extracted text, returned
/// as `text`. Throws an `Error` when the bytes are not a readable .docx.
#[wasm_bindgen(js_name = checkDocx, unchecked_return_type = "Report")]
pub fn check_docx(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let opts = self::options(options)?;
    let mut r = gongkai_core::check_docx(bytes, &opts)
        .map_err(|e| JsError::new(&format!("gongkai: {e}")))?;
    let text = r.text.take().unwrap_or_default();
    spans_to_utf16(&mut r, &text);
    r.text = Some(text);
    to_js(&r)
}

/// Renders HTML (a clipboard's `text/html`, a saved page) as the plain text
/// the checker reads: paragraphs as lines, each table row as one line of
/// tab-separated cells (merged cells as the core reads them). The page puts
/// this text in its editor, so a pasted table keeps its rows and columns.
#[wasm_bindgen(js_name = htmlToText)]
pub fn html_to_text(html: &str) -> String {
    gongkai_core::input::html::render(html).text
}

#[derive(Serialize)]
struct JsRule {
    code: &'static str,
    severity: &'static str,
    summary: &'static str,
    doc: String,
    anchor: String,
}

/// The rule registry: code, severity, one-line summary and documentation
/// (Markdown, from the rule's doc comment).
#[wasm_bindgen(js_name = rules, unchecked_return_type = "Rule[]")]
pub fn rule_list() -> Result<JsValue, JsError> {
    let list: Vec<JsRule> = rules::REGISTRY
        .iter()
        .map(|r| JsRule {
            code: r.code,
            severity: r.severity.as_str(),
            summary: r.summary,
            doc: r.markdown(),
            anchor: rules::anchor(r.code),
        })
        .collect();
    to_js(&list)
}

/// The version of the checker (the crate's, which is the npm package's).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_len_counts_units() {
        assert_eq!(utf16_len("a中𠮷".as_bytes()), 1 + 1 + 2);
        assert_eq!(utf16_len(b""), 0);
    }

    #[test]
    fn spans_become_utf16_offsets() {
        let text = "\u{feff}𠮷一、总体情况\n二、主动公开政府信息情况\n";
        let mut r = gongkai_core::check(text, &Options::default());
        let before: Vec<(usize, usize)> = r
            .sections
            .iter()
            .map(|s| (s.span.start, s.span.end))
            .collect();
        spans_to_utf16(&mut r, text);
        let units: Vec<u16> = text.encode_utf16().collect();
        for (s, (b0, b1)) in r.sections.iter().zip(before) {
            let js = String::from_utf16(&units[s.span.start..s.span.end]).unwrap();
            assert_eq!(js, &text[b0..b1]);
        }
    }
}
