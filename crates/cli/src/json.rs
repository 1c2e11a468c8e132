//! The report model as JSON, written directly into a byte buffer.
//!
//! Why: `check --format json` over a folder spends about a fifth of its
//! time writing the model. Through serde_json every key of every span and
//! cell ("start", "end", "line", "column", "value", "raw", "span": some two
//! thousand strings per report) goes through the byte-by-byte escaping loop,
//! and the output is appended a few bytes at a time through serde's
//! dispatch. Here the keys are byte literals (written without escaping, as
//! they need none) and strings are scanned eight bytes at a time, copied in
//! whole runs between the rare bytes that need an escape.
//!
//! The contract stays the serde form: the `Serialize` derives and impls of
//! `gongkai_core` (model.rs, diagnostics.rs, span.rs, decimal.rs,
//! template.rs), which the wasm bindings and the page use. This module
//! writes exactly the bytes `serde_json::to_writer` writes for a [`Report`]
//! (compact form, same key order, same numbers, same escapes); the tests
//! below compare the two, byte for byte, on every file under `tests/`, on
//! every seed with each figure changed, in both languages, and on arbitrary
//! models (strings, keys and decimals of every kind). A change to the
//! model's serde form must be made here too: those tests fail until it is.

use gongkai_core::decimal::Decimal;
use gongkai_core::diagnostics::Diagnostic;
use gongkai_core::model::{Cell, ProseFigure, Section, Table};
use gongkai_core::{Report, Span};

/// Appends the report as `serde_json::to_writer(out, r)` writes it.
pub fn write_report(r: &Report, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"year\":");
    match r.year {
        Some(y) => integer(out, y),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"template\":");
    string(out, r.template.as_str());
    out.extend_from_slice(b",\"title\":");
    match &r.title {
        Some(t) => string(out, t),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"sections\":");
    array(out, &r.sections, section);
    for (key, table) in [
        (&b",\"proactive\":"[..], &r.proactive),
        (b",\"applications\":", &r.applications),
        (b",\"reviews\":", &r.reviews),
    ] {
        out.extend_from_slice(key);
        match table {
            Some(t) => write_table(out, t),
            None => out.extend_from_slice(b"null"),
        }
    }
    out.extend_from_slice(b",\"diagnostics\":");
    array(out, &r.diagnostics, diagnostic);
    out.extend_from_slice(b",\"figures\":");
    array(out, &r.figures, figure);
    out.extend_from_slice(b",\"input\":");
    string(out, r.input);
    // `skip_serializing_if = "Option::is_none"`
    if let Some(text) = &r.text {
        out.extend_from_slice(b",\"text\":");
        string(out, text);
    }
    out.push(b'}');
}

/// Appends a string as serde_json writes it: quoted, with `"`, `\` and the
/// control characters escaped (`\b \f \n \r \t`, the others as `\u00XX`
/// with lower-case hex digits) and everything else, non-ASCII included, as
/// it is.
pub fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    match next_escape(bytes, 0) {
        // Nearly every string: copied as it is.
        None => {
            out.push(b'"');
            out.extend_from_slice(bytes);
            out.push(b'"');
        }
        Some(at) => escaped(out, bytes, at),
    }
}

/// [`string`] for a string that needs an escape, the first at `at`.
#[cold]
fn escaped(out: &mut Vec<u8>, bytes: &[u8], mut at: usize) {
    out.push(b'"');
    // `bytes[copied..]` is not written yet.
    let mut copied = 0;
    loop {
        out.extend_from_slice(&bytes[copied..at]);
        escape(out, bytes[at]);
        copied = at + 1;
        match next_escape(bytes, copied) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// A sequence: `[a,b,…]`, each item written by `item`.
fn array<T>(out: &mut Vec<u8>, items: &[T], item: fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

fn section(out: &mut Vec<u8>, s: &Section) {
    out.extend_from_slice(b"{\"number\":");
    integer(out, s.number);
    out.extend_from_slice(b",\"title\":");
    string(out, &s.title);
    span(out, b",\"span\":", &s.span, b"}");
}

/// A table is a map of its rows (`Serialize for Table`), each a map of its
/// cells by column key (`RowCells`: the columns zipped with the cells).
fn write_table(out: &mut Vec<u8>, t: &Table) {
    out.push(b'{');
    for (i, row) in t.rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, row.key);
        out.extend_from_slice(b":{");
        for (j, (col, c)) in row.columns.iter().zip(&row.cells).enumerate() {
            if j > 0 {
                out.push(b',');
            }
            string(out, col.key);
            out.push(b':');
            match c {
                Some(c) => cell(out, c),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.push(b'}');
    }
    out.push(b'}');
}

fn cell(out: &mut Vec<u8>, c: &Cell) {
    out.extend_from_slice(b"{\"value\":");
    match c.value {
        Some(v) => decimal(out, v),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"raw\":");
    string(out, &c.raw);
    span(out, b",\"span\":", &c.span, b"}");
}

fn diagnostic(out: &mut Vec<u8>, d: &Diagnostic) {
    out.extend_from_slice(b"{\"code\":");
    string(out, d.code);
    out.extend_from_slice(b",\"severity\":");
    // `rename_all = "lowercase"`: the variant's name, as `as_str` spells it.
    string(out, d.severity.as_str());
    out.extend_from_slice(b",\"message\":");
    string(out, &d.message);
    span(out, b",\"span\":", &d.span, b",\"related\":[");
    for (i, r) in d.related.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        span(out, b"{\"span\":", &r.span, b",\"label\":");
        string(out, &r.label);
        out.push(b'}');
    }
    out.push(b']');
    // The last three are skipped when `None`.
    if let Some(v) = d.expected {
        out.extend_from_slice(b",\"expected\":");
        decimal(out, v);
    }
    if let Some(v) = d.actual {
        out.extend_from_slice(b",\"actual\":");
        decimal(out, v);
    }
    if let Some(f) = &d.fix {
        span(out, b",\"fix\":{\"span\":", &f.span, b",\"replacement\":");
        string(out, &f.replacement);
        out.push(b'}');
    }
    out.push(b'}');
}

fn figure(out: &mut Vec<u8>, p: &ProseFigure) {
    out.extend_from_slice(b"{\"kind\":");
    string(out, p.kind);
    out.extend_from_slice(b",\"value\":");
    decimal(out, p.value);
    span(out, b",\"span\":", &p.span, b"}");
}

/// A span, `lead` before it and `tail` after it: `{"start":…,"end":…,
/// "line":…,"column":…}`. There are some three hundred per report (one per
/// cell): each is composed from its end in a buffer on the stack and
/// appended at once, one copy instead of nine.
fn span<const L: usize, const T: usize>(
    out: &mut Vec<u8>,
    lead: &[u8; L],
    s: &Span,
    tail: &[u8; T],
) {
    let mut b = Backward::new();
    b.put(tail);
    b.put(b"}");
    b.uint(s.column);
    b.put(b",\"column\":");
    b.uint(s.line);
    b.put(b",\"line\":");
    b.uint(s.end);
    b.put(b",\"end\":");
    b.uint(s.start);
    b.put(b"{\"start\":");
    b.put(lead);
    out.extend_from_slice(b.written());
}

/// A buffer filled from its end: the digits of a number come out last
/// first.
struct Backward {
    buf: [u8; 160],
    /// `buf[at..]` is written.
    at: usize,
}

impl Backward {
    fn new() -> Self {
        Backward {
            buf: [0; 160],
            at: 160,
        }
    }

    /// Puts `bytes` before what is written (a literal of a dozen bytes at
    /// most: its length known, it is copied without a call to `memcpy`).
    fn put<const N: usize>(&mut self, bytes: &[u8; N]) {
        let start = self.at - N;
        self.buf[start..self.at].copy_from_slice(bytes);
        self.at = start;
    }

    /// Puts an integer in decimal, as `itoa` (and so serde_json) writes it:
    /// two digits at a time.
    #[inline]
    fn uint(&mut self, n: usize) {
        let mut n = n as u64;
        while n >= 100 {
            self.put(&DIGIT_PAIRS[(n % 100) as usize]);
            n /= 100;
        }
        if n >= 10 {
            self.put(&DIGIT_PAIRS[n as usize]);
        } else {
            self.put(&[b'0' + n as u8]);
        }
    }

    fn written(&self) -> &[u8] {
        &self.buf[self.at..]
    }
}

/// "00", "01", … "99".
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut t = [[0; 2]; 100];
    let mut i = 0;
    while i < 100 {
        t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    t
};

/// A figure: `Decimal` serialises a whole number written without decimals
/// as an `i64`, anything else as an `f64`. Nearly every figure is the
/// former, written here; the rest (a few 万元 amounts per report) go
/// through serde_json itself, so that floats are formatted by whatever
/// serde_json uses (it moved from `ryu` to `zmij`), never by a copy of its
/// rules.
fn decimal(out: &mut Vec<u8>, v: Decimal) {
    match v.to_i64() {
        Some(i) if v.scale() == 0 => integer(out, i),
        _ => serde_json::to_writer(&mut *out, &v).expect("a figure serialises"),
    }
}

/// An integer, as serde_json writes one (through `itoa`, as it does).
fn integer(out: &mut Vec<u8>, i: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes());
}

/// Whether serde_json escapes this byte: a control character, `"` or `\`.
fn needs_escape(b: u8) -> bool {
    ESCAPED[b as usize]
}

/// [`needs_escape`] as a table: one load per byte of a string's tail.
static ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x20 || b == b'"' as usize || b == b'\\' as usize;
        b += 1;
    }
    t
};

/// The first byte at or after `from` that needs an escape.
///
/// Eight bytes are tested at a time, as one `u64`: `x - 0x0101…01 * n` and
/// `!x`, masked with the high bits, is non-zero exactly when some byte of
/// `x` is below `n` (for `n <= 0x80`; a borrow only starts at such a byte),
/// and a byte equals `c` when the same word xor `c` has a zero byte. A
/// word that holds one is searched byte by byte, like the tail.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * n as u64) & !x & HIGH;
    let rest = &bytes[from..];
    let mut clean = 0;
    for chunk in rest.chunks_exact(8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if below(x, 0x20) | below(x ^ (ONES * b'"' as u64), 1) | below(x ^ (ONES * b'\\' as u64), 1)
            != 0
        {
            break;
        }
        clean += 8;
    }
    rest[clean..]
        .iter()
        .position(|&b| needs_escape(b))
        .map(|i| from + clean + i)
}

/// Appends the escape of a byte for which [`needs_escape`] holds, as
/// serde_json's `write_char_escape` writes it.
fn escape(out: &mut Vec<u8>, b: u8) {
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xF) as usize],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Checked, Input, Source};
    use gongkai_core::diagnostics::{Fix, Related};
    use gongkai_core::model::{RawText, Row};
    use gongkai_core::template::{ColDef, ValueKind};
    use gongkai_core::{Lang, Options, Severity, Template};
    use proptest::prelude::*;
    use proptest::sample::select;
    use std::path::{Path, PathBuf};

    /// Fails, showing where, unless the writer writes serde_json's bytes.
    fn assert_same(r: &Report, what: &str) {
        let mut got = Vec::new();
        write_report(r, &mut got);
        let want = serde_json::to_vec(r).expect("the model serialises");
        assert_bytes(&got, &want, what);
    }

    fn assert_bytes(got: &[u8], want: &[u8], what: &str) {
        if got != want {
            let at = got.iter().zip(want).take_while(|(a, b)| a == b).count();
            let around = |s: &[u8]| {
                String::from_utf8_lossy(&s[at.saturating_sub(60)..(at + 60).min(s.len())])
                    .into_owned()
            };
            panic!(
                "{what}: differs from serde_json at byte {at}\n  written: …{}…\n  serde:   …{}…",
                around(got),
                around(want)
            );
        }
    }

    /// A file's entry as `json_file` wrote it through serde_json.
    fn serde_entry(name: &str, c: &Checked, previous: Option<&str>) -> Vec<u8> {
        let mut s = Vec::new();
        s.extend_from_slice(b"{\"path\":");
        serde_json::to_writer(&mut s, &name).unwrap();
        s.extend_from_slice(b",\"encoding\":");
        serde_json::to_writer(&mut s, &c.encoding).unwrap();
        if let Some(p) = previous {
            s.extend_from_slice(b",\"previous\":");
            serde_json::to_writer(&mut s, &p).unwrap();
        }
        let keys = s.len();
        serde_json::to_writer(&mut s, &c.report).unwrap();
        s[keys] = b',';
        s
    }

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files_under(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    fn options() -> Vec<Options> {
        let mut v = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            for template in [None, Some(Template::V2021), Some(Template::V2019)] {
                v.push(Options { lang, template });
            }
        }
        v
    }

    /// Every file under `tests/` (the goldens' inputs in every shape: text,
    /// Markdown, HTML, .docx, CRLF, BOM…; the corpus; and the other files,
    /// read as text), loaded as the CLI loads it, in both languages and
    /// with each template forced; and each file's whole entry.
    #[test]
    fn every_file_under_tests_is_written_as_serde_json_writes_it() {
        let mut files = Vec::new();
        files_under(&root().join("tests"), &mut files);
        files.sort();
        assert!(files.len() > 50, "{} files", files.len());
        let mut checked = 0;
        for path in files {
            let name = path.display().to_string();
            let input = Input {
                name: name.clone(),
                source: Source::File(path),
            };
            for opts in options() {
                let Ok(c) = input.check(&opts, 1 << 30) else {
                    continue;
                };
                checked += 1;
                assert_same(&c.report, &format!("{name} {opts:?}"));
                for previous in [None, Some("去年\"的\\报告\n.txt")] {
                    assert_bytes(
                        &crate::json_file(&name, &c, previous),
                        &serde_entry(&name, &c, previous),
                        &name,
                    );
                }
            }
        }
        assert!(checked > 300, "{checked} checks");
    }

    /// Standard input (no extension) and a .docx (`encoding` null, `text`
    /// present).
    #[test]
    fn stdin_and_docx_entries_are_written_as_serde_json_writes_them() {
        let docx = root().join("tests/golden/shape_docx_000.docx");
        let seed = std::fs::read(root().join("tests/golden/shape_html_000.html")).unwrap();
        for input in [
            Input {
                name: "-".into(),
                source: Source::Bytes(std::sync::Arc::new(seed)),
            },
            Input {
                name: docx.display().to_string(),
                source: Source::File(docx),
            },
        ] {
            let c = input.check(&Options::default(), 1 << 30).unwrap();
            assert_bytes(
                &crate::json_file(&input.name, &c, None),
                &serde_entry(&input.name, &c, None),
                &input.name,
            );
        }
    }

    /// Each seed with each figure of its tables and prose changed, one at a
    /// time (as `examples/variants` makes them): findings of every rule,
    /// with their numbers and fixes. In English for every third change.
    #[test]
    fn every_seed_with_each_figure_changed() {
        let mut seeds = Vec::new();
        files_under(&root().join("tests/corpus/seeds"), &mut seeds);
        seeds.sort();
        let mut n = 0;
        for path in seeds {
            let text = std::fs::read_to_string(&path).unwrap();
            let from = text.find("二、").unwrap_or(0);
            let digits: Vec<usize> = text[from..]
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| from + i)
                .collect();
            for (k, &at) in digits.iter().enumerate() {
                let mut v = text.clone().into_bytes();
                v[at] = b'0' + (v[at] - b'0' + 1 + (k % 9) as u8) % 10;
                let v = String::from_utf8(v).unwrap();
                let lang = if k % 3 == 0 { Lang::En } else { Lang::Zh };
                let r = gongkai_core::check(
                    &v,
                    &Options {
                        lang,
                        template: None,
                    },
                );
                assert_same(&r, &format!("{} digit at {at}", path.display()));
                n += 1;
            }
        }
        assert!(n > 500, "{n} variants");
    }

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    fn model(strings: &[&str], decimals: &[Decimal]) -> Report {
        let mut r = gongkai_core::check("", &Options::default());
        let at = |i: usize| strings[i % strings.len()].to_string();
        let columns: Vec<ColDef> = (0..strings.len())
            .map(|i| ColDef {
                key: Box::leak(at(i).into_boxed_str()),
                label: "",
                kind: ValueKind::Amount,
            })
            .collect();
        let columns: &'static [ColDef] = Box::leak(columns.into_boxed_slice());
        let cells = decimals
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                Some(Cell {
                    value: Some(v),
                    raw: RawText::new(&at(i)),
                    span: Span::default(),
                })
            })
            .collect();
        r.proactive = Some(Table {
            rows: vec![Row {
                key: Box::leak(at(1).into_boxed_str()),
                label: "",
                label_span: Span::default(),
                columns,
                cells,
            }],
        });
        r.title = Some(at(0));
        r.figures = decimals
            .iter()
            .enumerate()
            .map(|(i, &value)| ProseFigure {
                kind: Box::leak(at(i).into_boxed_str()),
                value,
                span: Span::default(),
            })
            .collect();
        r
    }

    /// The escapes, one by one and in runs around the eight-byte words.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: Vec<String> = (0u8..0x80).map(|b| (b as char).to_string()).collect();
        for s in [
            "",
            "\"",
            "\\",
            "\u{2028}",
            "\u{2029}",
            "𠮷",
            "本年新收",
            "\u{7f}",
            "\u{feff}",
        ] {
            all.push(s.into());
        }
        for len in 0..24 {
            for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', '𠮷'] {
                for at in 0..=len {
                    let mut s: String = "a".repeat(len);
                    s.insert(at, special);
                    all.push(s);
                }
            }
        }
        for s in &all {
            let mut got = Vec::new();
            string(&mut got, s);
            assert_bytes(&got, &serde_json::to_vec(s).unwrap(), &format!("{s:?}"));
        }
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        assert_same(&model(&refs, &[Decimal::ZERO]), "every string");
    }

    /// Whole numbers as `i64`, the rest as floats: decimals of every scale,
    /// integral ones written with decimals (2.0), negative and huge ones.
    #[test]
    fn figures_are_written_as_serde_json_writes_them() {
        let mut decimals: Vec<Decimal> = [
            "0",
            "51",
            "-3",
            "18.5",
            "0.1",
            "0.10",
            "1287.35",
            "5819.06",
            "2.0",
            "2.00",
            "-2.0",
            "-0.5",
            "0.000000001",
            "123456789.123456789",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "1000000000000000000000000000000",
            "-999999999999999999999.999999999",
            "9007199254740993",
            "9007199254740993.0",
            "46,999",
            "1e0",
        ]
        .iter()
        .filter_map(|s| Decimal::parse(s))
        .collect();
        for scale in 0..=9 {
            for units in [0, 1, -1, 7, 25, 1000, i64::MAX, i64::MIN] {
                decimals.push(Decimal::units(units, scale).unwrap());
            }
        }
        assert!(decimals.len() > 90);
        assert_eq!(d("2.0").to_i64(), Some(2));
        assert_same(&model(&["x"], &decimals), "figures");
    }

    /// Span numbers of every length (they are written two digits at a
    /// time, not through `itoa`).
    #[test]
    fn span_numbers_are_written_as_serde_json_writes_them() {
        let mut numbers = vec![usize::MAX, usize::MAX - 1, u32::MAX as usize];
        let mut p = 1usize;
        while let Some(next) = p.checked_mul(10) {
            numbers.extend([p - 1, p, p + 1, 2 * p, next - 1]);
            p = next;
        }
        let mut r = model(&["x"], &[Decimal::ZERO]);
        r.figures = numbers
            .iter()
            .map(|&n| ProseFigure {
                kind: "n",
                value: Decimal::ZERO,
                span: Span {
                    start: n,
                    end: n / 3,
                    line: n / 7,
                    column: n,
                },
            })
            .collect();
        assert_same(&r, "span numbers");
    }

    /// Strings that matter to the escaping: report text and every byte
    /// that serde_json escapes, in runs of any length.
    fn report_string() -> impl Strategy<Value = String> {
        let pieces = select(vec![
            "",
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{8}",
            "\u{c}",
            "\u{0}",
            "\u{b}",
            "\u{1f}",
            "\u{7f}",
            "\u{2028}",
            "\u{2029}",
            "\u{feff}",
            "𠮷",
            "本年新收",
            "51",
            "1287.35",
            "（一）",
            "/",
            "'",
            "<td>",
            "abcdefg",
            " ",
            "\r\n",
        ]);
        prop_oneof![
            any::<String>(),
            prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat()),
        ]
    }

    fn decimal_strategy() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (any::<i64>(), 0u8..=9).prop_map(|(u, s)| Decimal::units(u, s).unwrap()),
            (-100_000i64..100_000, 0u8..=3).prop_map(|(u, s)| Decimal::units(u, s).unwrap()),
            "-?[0-9]{1,30}(\\.[0-9]{1,9})?".prop_filter_map("in range", |s| Decimal::parse(&s)),
        ]
    }

    fn span_strategy() -> impl Strategy<Value = Span> {
        (
            any::<usize>(),
            0usize..100_000,
            0usize..1000,
            any::<usize>(),
        )
            .prop_map(|(start, end, line, column)| Span {
                start,
                end,
                line,
                column,
            })
    }

    fn leak(s: String) -> &'static str {
        Box::leak(s.into_boxed_str())
    }

    fn cell_strategy() -> impl Strategy<Value = Option<Cell>> {
        prop::option::of(
            (
                prop::option::of(decimal_strategy()),
                report_string(),
                span_strategy(),
            )
                .prop_map(|(value, raw, span)| Cell {
                    value,
                    raw: RawText::new(&raw),
                    span,
                }),
        )
    }

    fn table_strategy() -> impl Strategy<Value = Option<Table>> {
        let row = (
            report_string(),
            span_strategy(),
            prop::collection::vec(report_string(), 0..5),
            prop::collection::vec(cell_strategy(), 0..5),
        )
            .prop_map(|(key, label_span, columns, cells)| {
                let columns: Vec<ColDef> = columns
                    .into_iter()
                    .map(|k| ColDef {
                        key: leak(k),
                        label: "",
                        kind: ValueKind::Count,
                    })
                    .collect();
                Row {
                    key: leak(key),
                    label: "",
                    label_span,
                    columns: Box::leak(columns.into_boxed_slice()),
                    cells,
                }
            });
        prop::option::of(prop::collection::vec(row, 0..4).prop_map(|rows| Table { rows }))
    }

    fn diagnostic_strategy() -> impl Strategy<Value = Diagnostic> {
        (
            (
                report_string(),
                select(vec![Severity::Info, Severity::Warning, Severity::Error]),
                report_string(),
                span_strategy(),
            ),
            prop::collection::vec(
                (span_strategy(), report_string())
                    .prop_map(|(span, label)| Related { span, label }),
                0..3,
            ),
            prop::option::of(decimal_strategy()),
            prop::option::of(decimal_strategy()),
            prop::option::of(
                (span_strategy(), report_string())
                    .prop_map(|(span, replacement)| Fix { span, replacement }),
            ),
        )
            .prop_map(
                |((code, severity, message, span), related, expected, actual, fix)| Diagnostic {
                    code: leak(code),
                    severity,
                    message,
                    span,
                    related,
                    expected,
                    actual,
                    fix,
                },
            )
    }

    fn report_strategy() -> impl Strategy<Value = Report> {
        let section =
            (any::<u8>(), report_string(), span_strategy()).prop_map(|(number, title, span)| {
                Section {
                    number,
                    title,
                    span,
                }
            });
        let figure = (report_string(), decimal_strategy(), span_strategy()).prop_map(
            |(kind, value, span)| ProseFigure {
                kind: leak(kind),
                value,
                span,
            },
        );
        (
            (
                prop::option::of(any::<i32>()),
                select(vec![Template::V2021, Template::V2019, Template::Unknown]),
                prop::option::of(report_string()),
                prop::collection::vec(section, 0..4),
            ),
            (table_strategy(), table_strategy(), table_strategy()),
            (
                prop::collection::vec(diagnostic_strategy(), 0..4),
                prop::collection::vec(figure, 0..4),
                report_string(),
                prop::option::of(report_string()),
            ),
        )
            .prop_map(
                |(
                    (year, template, title, sections),
                    (proactive, applications, reviews),
                    (diagnostics, figures, input, text),
                )| Report {
                    year,
                    template,
                    title,
                    sections,
                    proactive,
                    applications,
                    reviews,
                    diagnostics,
                    figures,
                    input: leak(input),
                    text,
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: if cfg!(debug_assertions) { 400 } else { 2000 },
            ..ProptestConfig::default()
        })]

        /// Any model: strings, keys, numbers and optional fields of every
        /// kind, written as serde_json writes it.
        #[test]
        fn any_model_is_written_as_serde_json_writes_it(r in report_strategy()) {
            let mut got = Vec::new();
            write_report(&r, &mut got);
            prop_assert_eq!(
                String::from_utf8(got).unwrap(),
                serde_json::to_string(&r).unwrap()
            );
        }

        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in report_string()) {
            let mut got = Vec::new();
            string(&mut got, &s);
            prop_assert_eq!(String::from_utf8(got).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
