//! Property tests: `check` never panics, every span it returns is a valid,
//! correctly located range of the caller's text, and the normalisations the
//! crate promises (full-width digits, CRLF, full-width brackets, BOM) do not
//! change what is read.
//!
//! Sized to run in well under a minute with `--release` and a few minutes in
//! debug: the case counts scale with `cfg!(debug_assertions)`.

use gongkai_core::{check, Options, Report, Span};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// Inputs

/// The seed reports, sorted by name: (file name, text).
fn seeds() -> &'static [(String, String)] {
    static SEEDS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/seeds");
        let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        out.sort();
        assert!(!out.is_empty(), "no seed in {}", dir.display());
        out
    })
}

/// Every line of every seed (for junk made of real report lines).
fn seed_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        seeds()
            .iter()
            .flat_map(|(_, t)| t.lines().map(str::to_owned))
            .collect()
    })
}

/// Pieces that real reports are made of, and the characters that trip up
/// offset arithmetic: multi-byte scalars, astral 𠮷 (4 bytes, 2 UTF-16
/// units), BOM, NBSP, U+3000, CR, tabs, full-width digits.
const FRAGMENTS: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    "（一）",
    "（二）",
    "(三)",
    "（四）",
    "1.",
    "2、",
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
    "政府信息公开工作年度报告",
    "2023年",
    "２０２１年度",
    "2019",
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "本年度办理结果",
    "予以公开",
    "不予公开",
    "结转下年度继续办理",
    "总计",
    "合计",
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "行政复议",
    "行政诉讼",
    "维持",
    "纠正",
    "未审结",
    "本年新制发件数",
    "本年废止件数",
    "现行有效件数",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
    "采购总金额",
    "万元",
    "第二十条第（一）项",
    "信息内容",
    "处理决定数量",
    "\t",
    "\t",
    "\n",
    "\n",
    "\r",
    "\r\n",
    "\u{feff}",
    "\u{a0}",
    "\u{3000}",
    "𠮷",
    "|",
    "| ",
    "|---|---|",
    "-",
    "+",
    ".",
    ",",
    "0",
    "1",
    "7",
    "12",
    "406",
    "3.5",
    "5819.06",
    "１２",
    "０",
    "９",
    "中",
    "文",
    " ",
    "  ",
    "：",
    "，",
    "。",
    "、",
    "（",
    "）",
    "(",
    ")",
];

/// One piece of generated text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(FRAGMENTS).prop_map(str::to_owned),
        2 => "[0-9０-９]{1,6}",
        1 => any::<char>().prop_map(String::from),
        1 => "[\t\n\r\u{feff}\u{a0}\u{3000}𠮷|０-９0-9一-龥]{1,8}",
    ]
}

/// Text mixing report vocabulary, CJK, whitespace oddities and digits.
fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..300).prop_map(|v| v.concat())
}

/// A line to insert into a seed.
fn junk_line() -> impl Strategy<Value = String> {
    let n = seed_lines().len();
    prop_oneof![
        3 => prop::collection::vec(piece(), 0..20).prop_map(|v| v.concat()),
        2 => (0..n).prop_map(|i| seed_lines()[i].clone()),
        2 => prop::collection::vec("[0-9０-９]{1,5}|\\+[0-9]|-|", 1..9)
            .prop_map(|v| format!("\t{}", v.join("\t"))),
        1 => "\\PC{0,40}",
        1 => any::<String>(),
    ]
}

// ---------------------------------------------------------------------------
// Span checks

/// Every span of the report (sections, cells, diagnostics, related, fixes).
fn spans(report: &Report) -> Vec<Span> {
    let mut r = report.clone();
    let mut out = Vec::new();
    r.for_each_span_mut(&mut |s| out.push(*s));
    out
}

/// Asserts every span of `report` is a valid range of `text` whose line
/// and column are those of its start. Line and column are computed here
/// independently of the crate's `LineIndex`: a line ends after `\n` and
/// after a `\r` not followed by `\n`; the column counts scalars since the
/// line's start. Both are 1-based.
fn assert_spans_valid(text: &str, report: &Report) -> Result<(), TestCaseError> {
    let all = spans(report);
    for s in &all {
        prop_assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {:?} is not a range of the text (len {})",
            s,
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {:?} cuts a character: start {:?} end {:?}",
            s,
            around(text, s.start),
            around(text, s.end)
        );
        prop_assert!(s.line >= 1 && s.column >= 1, "span {:?} is not 1-based", s);
    }
    // One sweep over the text, visiting the starts in order.
    let mut want: Vec<(usize, usize, usize)> =
        all.iter().map(|s| (s.start, s.line, s.column)).collect();
    want.sort_unstable();
    want.dedup();
    let bytes = text.as_bytes();
    let (mut line, mut col) = (1usize, 1usize);
    let mut k = 0;
    let at = |pos: usize, line: usize, col: usize, k: &mut usize| -> Result<(), TestCaseError> {
        while *k < want.len() && want[*k].0 == pos {
            let (start, l, c) = want[*k];
            prop_assert!(
                (l, c) == (line, col),
                "span starting at byte {} says line {} column {}, but it is line {} column {} (text there: {:?})",
                start,
                l,
                c,
                line,
                col,
                around(text, start)
            );
            *k += 1;
        }
        Ok(())
    };
    for (i, ch) in text.char_indices() {
        at(i, line, col, &mut k)?;
        let ends_line = ch == '\n' || (ch == '\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    at(text.len(), line, col, &mut k)?;
    Ok(())
}

/// A few characters around byte `pos`, for messages.
fn around(text: &str, pos: usize) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let p = floor(pos);
    let a = floor(p.saturating_sub(12));
    let mut b = (p + 12).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{:?}|{:?}", &text[a..p], &text[p..b])
}

fn run(text: &str) -> Result<Report, TestCaseError> {
    let report = check(text, &Options::default());
    assert_spans_valid(text, &report)?;
    Ok(report)
}

/// Plain `#[test]` form of [`run`].
fn run_or_panic(text: &str, what: &str) -> Report {
    let report = check(text, &Options::default());
    if let Err(e) = assert_spans_valid(text, &report) {
        panic!("{what}: {e}");
    }
    report
}

fn cases(release: u32, debug: u32) -> ProptestConfig {
    ProptestConfig::with_cases(if cfg!(debug_assertions) {
        debug
    } else {
        release
    })
}

/// The checker itself catches a wrong column, a wrong line, a span cutting
/// a character and a span past the end.
#[test]
fn span_checker_rejects_bad_spans() {
    let (_, text) = &seeds()[0];
    let report = check(text, &Options::default());
    assert!(assert_spans_valid(text, &report).is_ok());
    let cjk = text
        .char_indices()
        .find(|(_, c)| c.len_utf8() > 1)
        .unwrap()
        .0;
    type Break = fn(&mut Span, usize, usize);
    let breaks: [(&str, Break); 4] = [
        ("column + 1", |s, _, _| s.column += 1),
        ("line + 1", |s, _, _| s.line += 1),
        ("inside a character", |s, cjk, _| {
            *s = Span {
                start: cjk + 1,
                end: cjk + 1,
                line: 1,
                column: 1,
            }
        }),
        ("past the end", |s, _, len| s.end = len + 1),
    ];
    for (what, f) in breaks {
        let mut bad = report.clone();
        let mut first = true;
        bad.for_each_span_mut(&mut |s| {
            if std::mem::take(&mut first) {
                f(s, cjk, text.len());
            }
        });
        assert!(assert_spans_valid(text, &bad).is_err(), "{what} not caught");
    }
}

// ---------------------------------------------------------------------------
// (a) arbitrary and generated strings

proptest! {
    #![proptest_config(cases(10000, 2000))]

    #[test]
    fn arbitrary_strings_are_checked_with_valid_spans(text in any::<String>()) {
        run(&text)?;
    }

    #[test]
    fn generated_report_like_text_is_checked_with_valid_spans(text in mixed_text()) {
        run(&text)?;
    }
}

// Unit-level guards for the characters of (a), always run.
#[test]
fn odd_characters_alone() {
    for t in [
        "",
        "\u{feff}",
        "\r",
        "\r\n",
        "\n\r",
        "\r\r\n",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "𠮷",
        "|",
        "１",
        "0",
        "\u{feff}\r\n\r一、总体情况\r二、主动公开政府信息情况\r\n|𠮷|１２|\u{a0}\u{3000}",
    ] {
        run_or_panic(t, &format!("{t:?}"));
    }
}

// ---------------------------------------------------------------------------
// (b) truncations of the seeds

#[test]
fn every_truncation_of_each_seed() {
    for (name, text) in seeds() {
        let mut cut = 0;
        let mut last = usize::MAX;
        while cut <= text.len() {
            let mut c = cut;
            while !text.is_char_boundary(c) {
                c -= 1;
            }
            if c != last {
                run_or_panic(&text[..c], &format!("{name} cut at byte {c} (prefix)"));
                run_or_panic(&text[c..], &format!("{name} cut at byte {c} (suffix)"));
                last = c;
            }
            cut += 37;
        }
        run_or_panic(text, name);
    }
}

// ---------------------------------------------------------------------------
// (c) junk lines inserted into a seed

proptest! {
    #![proptest_config(cases(4000, 600))]

    #[test]
    fn junk_lines_inserted_into_a_seed(
        seed in 0..seeds().len(),
        inserts in prop::collection::vec((any::<prop::sample::Index>(), junk_line()), 1..12),
        crlf in any::<bool>(),
    ) {
        let text = &seeds()[seed].1;
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        for (at, junk) in inserts {
            let i = at.index(lines.len() + 1);
            lines.insert(i, junk);
        }
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        run(&text)?;
    }
}

// ---------------------------------------------------------------------------
// (d) a large input

#[test]
fn two_megabytes_of_repeated_seeds() {
    let mut text = String::with_capacity(2 << 20);
    'fill: loop {
        for (_, t) in seeds() {
            text.push_str(t);
            text.push('\n');
            if text.len() >= 2 << 20 {
                break 'fill;
            }
        }
    }
    let started = std::time::Instant::now();
    let report = run_or_panic(&text, "2 MB of repeated seeds");
    eprintln!(
        "2 MB input ({} bytes): {} diagnostics in {:?}",
        text.len(),
        report.diagnostics.len(),
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------
// (e) invariance under the normalisations the crate promises

/// Removes every "span" and "raw" key, recursively.
fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("span");
            m.remove("raw");
            for x in m.values_mut() {
                strip(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

/// What must not change: (code, severity, expected, actual) of each
/// diagnostic, the template, the year and the tables' values.
#[derive(Debug, PartialEq)]
struct Reading {
    template: String,
    year: Option<i32>,
    diagnostics: Vec<String>,
    applications: Value,
    proactive: Value,
    reviews: Value,
}

fn reading(report: &Report) -> Reading {
    let table = |t: &Option<gongkai_core::model::Table>| {
        let mut v = serde_json::to_value(t).unwrap();
        strip(&mut v);
        v
    };
    let mut diagnostics: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} expected={} actual={}",
                d.code,
                d.severity.as_str(),
                serde_json::to_value(d.expected).unwrap(),
                serde_json::to_value(d.actual).unwrap()
            )
        })
        .collect();
    diagnostics.sort();
    Reading {
        template: report.template.as_str().to_owned(),
        year: report.year,
        diagnostics,
        applications: table(&report.applications),
        proactive: table(&report.proactive),
        reviews: table(&report.reviews),
    }
}

/// The differences between two readings, one line each.
fn differences(a: &Reading, b: &Reading) -> Vec<String> {
    let mut out = Vec::new();
    if a.template != b.template {
        out.push(format!("template {} → {}", a.template, b.template));
    }
    if a.year != b.year {
        out.push(format!("year {:?} → {:?}", a.year, b.year));
    }
    for d in &a.diagnostics {
        if !b.diagnostics.contains(d) {
            out.push(format!("lost diagnostic: {d}"));
        }
    }
    for d in &b.diagnostics {
        if !a.diagnostics.contains(d) {
            out.push(format!("new diagnostic: {d}"));
        }
    }
    for (name, x, y) in [
        ("applications", &a.applications, &b.applications),
        ("proactive", &a.proactive, &b.proactive),
        ("reviews", &a.reviews, &b.reviews),
    ] {
        diff_values(name, x, y, &mut out);
    }
    out
}

fn diff_values(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => diff_values(&format!("{path}.{k}"), va, vb, out),
                    None => out.push(format!("{path}.{k}: {va} → (missing)")),
                }
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    out.push(format!("{path}.{k}: (missing) → {vb}"));
                }
            }
        }
        _ if a != b => out.push(format!("{path}: {a} → {b}")),
        _ => {}
    }
}

fn fullwidth_digits(t: &str) -> String {
    t.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0xFF10 + (c as u32 - '0' as u32)).unwrap(),
            _ => c,
        })
        .collect()
}

#[test]
fn normalisations_do_not_change_the_reading() {
    type Transform = (&'static str, fn(&str) -> String);
    let transforms: [Transform; 4] = [
        ("ASCII digits → full-width digits", fullwidth_digits),
        ("\\n → \\r\\n", |t| t.replace('\n', "\r\n")),
        ("（） → ()", |t| t.replace('（', "(").replace('）', ")")),
        ("BOM prepended", |t| format!("\u{feff}{t}")),
    ];
    let mut failures = Vec::new();
    for (name, text) in seeds() {
        let base = reading(&run_or_panic(text, name));
        for (what, f) in &transforms {
            let changed = f(text);
            let got = reading(&run_or_panic(&changed, &format!("{name}, {what}")));
            let diffs = differences(&base, &got);
            if !diffs.is_empty() {
                failures.push(format!("{name}, {what}:\n    {}", diffs.join("\n    ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "the reading changed under a normalisation:\n  {}",
        failures.join("\n  ")
    );
}
