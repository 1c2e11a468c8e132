//! The bindings in a real browser (headless Chromium through chromedriver):
//! `scripts/test.sh` runs
//! `cargo test --target wasm32-unknown-unknown -p gongkai-wasm` with
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner`.
#![cfg(target_arch = "wasm32")]

use gongkai_wasm::{check, check_docx, check_html, rule_list, version};
use js_sys::{JsString, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_004: &str = include_str!("../../../tests/corpus/seeds/004_94bb7cf4c5429941.txt");
const HTML_004: &str = include_str!("../../../tests/golden/shape_html_004.html");
const DOCX_004: &[u8] = include_bytes!("../../../tests/golden/shape_docx_004.docx");

fn json(v: &JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(v).unwrap())).unwrap()
}

/// `text.slice(start, end)` on the JS side of the flagged table errors.
fn flagged(report: &Value, text: &JsString) -> Vec<String> {
    let mut out: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("applications."))
        .map(|d| {
            let s = &d["span"];
            let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            String::from(text.slice(a as u32, b as u32))
        })
        .collect();
    out.sort();
    out
}

#[wasm_bindgen_test]
fn check_returns_utf16_spans() {
    // A character outside the BMP first: UTF-16 offsets differ from scalars.
    let text = format!("𠮷\r\n{SEED_004}");
    let r = json(&check(&text, None).unwrap());
    assert_eq!(r["template"], "2021");
    assert_eq!(r["year"], 2023);
    assert_eq!(flagged(&r, &JsString::from(text.as_str())), ["52", "55"]);
}

#[wasm_bindgen_test]
fn check_html_spans_refer_to_the_html() {
    let r = json(&check_html(HTML_004, None).unwrap());
    assert_eq!(r["input"], "html");
    assert_eq!(flagged(&r, &JsString::from(HTML_004)), ["52", "55"]);
}

#[wasm_bindgen_test]
fn check_docx_spans_refer_to_the_text() {
    let r = json(&check_docx(DOCX_004, None).unwrap());
    let text = JsString::from(r["text"].as_str().unwrap());
    assert_eq!(flagged(&r, &text), ["52", "55"]);
}

#[wasm_bindgen_test]
fn errors_are_js_errors() {
    let opts = JSON::parse(r#"{"lang":"fr"}"#).unwrap();
    let e = JsValue::from(check("x", Some(opts)).unwrap_err());
    assert!(e.is_instance_of::<js_sys::Error>());
    let msg = Reflect::get(&e, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(msg.contains("lang"), "{msg}");
    let e = JsValue::from(check_docx(b"not a zip", None).unwrap_err());
    assert!(e.is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
fn options_pick_language_and_template() {
    let en = JSON::parse(r#"{"lang":"en","template":"2019"}"#).unwrap();
    let r = json(&check(SEED_004, Some(en)).unwrap());
    assert_eq!(r["template"], "2019");
    let r = json(&check(SEED_004, Some(JSON::parse(r#"{"lang":"en"}"#).unwrap())).unwrap());
    let msg = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "applications.row-sum")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("but"), "{msg}");
}

#[wasm_bindgen_test]
fn options_are_read_as_strings() {
    let message = |opts: &str| {
        let e = JsValue::from(check("x", Some(JSON::parse(opts).unwrap())).unwrap_err());
        Reflect::get(&e, &"message".into())
            .unwrap()
            .as_string()
            .unwrap()
    };
    assert!(message(r#"{"lang":1}"#).contains("lang must be a string"));
    assert!(message(r#"{"template":2021}"#).contains("template must be a string"));
    assert!(message(r#"{"template":"2020"}"#).contains("unknown template \"2020\""));
    // Absent, null and unknown keys are fine.
    let r = json(
        &check(
            "x",
            Some(JSON::parse(r#"{"lang":null,"other":1}"#).unwrap()),
        )
        .unwrap(),
    );
    assert!(r["diagnostics"].is_array());
}

#[wasm_bindgen_test]
fn registry_and_version() {
    let rules = json(&rule_list().unwrap());
    let rules = rules.as_array().unwrap();
    assert!(rules.iter().any(|r| r["code"] == "applications.row-sum"));
    assert!(rules.iter().all(|r| r["doc"].as_str().unwrap().len() > 20));
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}
