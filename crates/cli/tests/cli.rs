//! The `gongkai` binary end to end: the seeds, a folder of mixed files
//! (good, GB18030, UTF-16, binary, empty, truncated, too large), standard
//! input, every output format (SARIF validated against the vendored 2.1.0
//! schema, CSV parsed back), `extract`, and last year's report.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> PathBuf {
    root().join("tests/corpus/seeds")
}

/// A seed's text by its number ("004").
fn seed(n: &str) -> String {
    let dir = seeds();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap().to_str().unwrap().starts_with(n) {
            return std::fs::read_to_string(p).unwrap();
        }
    }
    panic!("no seed {n}");
}

fn seed_path(n: &str) -> String {
    for e in std::fs::read_dir(seeds()).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap().to_str().unwrap().starts_with(n) {
            return p.to_str().unwrap().to_string();
        }
    }
    panic!("no seed {n}");
}

/// A fresh scratch folder.
fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn gongkai(args: &[&str]) -> Output {
    gongkai_stdin(args, None)
}

fn gongkai_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env_remove("COLUMNS")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", stdout(o)))
}

fn files(v: &Value) -> &Vec<Value> {
    v["files"].as_array().unwrap()
}

fn file<'a>(v: &'a Value, name_end: &str) -> &'a Value {
    files(v)
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name_end))
        .unwrap_or_else(|| panic!("no file {name_end}"))
}

fn diags<'a>(f: &'a Value, code: &str) -> Vec<&'a Value> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

fn codes(f: &Value) -> Vec<(String, u64, u64)> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
                d["span"]["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The exit status a JSON result implies: 2 unreadable, 1 an error (or a
/// warning with `deny`), 0 otherwise.
fn status_of(v: &Value, deny: bool) -> i32 {
    let all: Vec<&Value> = files(v).iter().collect();
    if all.iter().any(|f| f.get("error").is_some()) {
        return 2;
    }
    let any = |sev: &str| {
        all.iter().any(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["severity"] == sev)
        })
    };
    i32::from(any("error") || (deny && any("warning")))
}

#[test]
fn seeds_as_json_keep_the_contract() {
    let o = gongkai(&["check", "--format", "json", seeds().to_str().unwrap()]);
    let v = json(&o);
    assert_eq!(files(&v).len(), 5);
    assert_eq!(o.status.code(), Some(status_of(&v, false)));
    assert_eq!(o.status.code(), Some(1), "seed 004 has errors");
    let f4 = file(&v, &seed_path("004")[seed_path("004").len() - 10..]);
    assert_eq!(f4["encoding"], "UTF-8");
    assert_eq!(f4["year"], 2023);
    let row_sum = diags(f4, "applications.row-sum");
    assert_eq!(row_sum.len(), 1);
    assert_eq!(row_sum[0]["span"]["line"], 51);
    assert_eq!(row_sum[0]["span"]["column"], 31);
    assert_eq!(row_sum[0]["expected"], 54);
    assert_eq!(row_sum[0]["actual"], 55);
    assert_eq!(diags(f4, "applications.column-balance").len(), 1);
    let f3 = file(&v, &seed_path("003")[seed_path("003").len() - 10..]);
    assert_eq!(diags(f3, "cell.blank").len(), 5);
    let f2 = file(&v, &seed_path("002")[seed_path("002").len() - 10..]);
    assert_eq!(f2["template"], "2019");
    // Keys in the contract's order: serialised directly, not via a map.
    let text = stdout(&o);
    let first = &text[..text.find("\"diagnostics\"").unwrap()];
    let pos = |k: &str| first.find(&format!("\"{k}\":")).unwrap();
    let order = [
        "path",
        "encoding",
        "year",
        "template",
        "title",
        "sections",
        "proactive",
        "applications",
        "reviews",
    ];
    for w in order.windows(2) {
        assert!(pos(w[0]) < pos(w[1]), "{} before {}", w[0], w[1]);
    }
    // Same bytes whatever the number of workers.
    let one = gongkai(&["check", "-f", "json", "-j", "1", seeds().to_str().unwrap()]);
    assert_eq!(one.stdout, o.stdout);
}

/// A folder as an office has it: a good report, the same in GB18030 and in
/// UTF-16, a .docx and a truncated one, a binary file, an empty one, a
/// 100 MB one, and files that are not reports.
fn mixed_folder() -> PathBuf {
    let d = scratch("mixed");
    let s4 = seed("004");
    std::fs::write(d.join("a_good.txt"), seed("000")).unwrap();
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&s4);
    assert!(!bad);
    std::fs::write(d.join("b_gbk.txt"), &gbk).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    let le: Vec<u8> = s4.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(d.join("sub/c_utf16.txt"), &le).unwrap();
    let docx = std::fs::read(root().join("tests/golden/shape_docx_004.docx")).unwrap();
    std::fs::write(d.join("sub/d_report.DOCX"), &docx).unwrap();
    std::fs::write(d.join("sub/e_truncated.docx"), &docx[..docx.len() / 2]).unwrap();
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(d.join("f_binary.txt"), binary).unwrap();
    std::fs::write(d.join("g_empty.txt"), "").unwrap();
    let big = std::fs::File::create(d.join("h_big.txt")).unwrap();
    big.set_len(100_000_000 + 1).unwrap(); // sparse: costs no disk
    std::fs::write(d.join("i_scan.pdf"), b"%PDF-1.4").unwrap(); // not looked at
    std::fs::write(d.join(".hidden.txt"), "x").unwrap();
    std::fs::write(d.join("~$lock.docx"), b"\x0bowner").unwrap();
    d
}

#[test]
fn a_mixed_folder_checks_every_file_and_says_what_failed() {
    let d = mixed_folder();
    let o = gongkai(&["check", "-f", "json", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json(&o);
    let names: Vec<&str> = files(&v)
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .map(|p| p.rsplit(['/', '\\']).next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "a_good.txt",
            "b_gbk.txt",
            "f_binary.txt",
            "g_empty.txt",
            "h_big.txt",
            "c_utf16.txt",
            "d_report.DOCX",
            "e_truncated.docx"
        ]
    );
    let utf8 = json(&gongkai(&["check", "-f", "json", &seed_path("004")]));
    let want = codes(&files(&utf8)[0]);
    for (name, enc) in [("b_gbk.txt", "GB18030"), ("c_utf16.txt", "UTF-16LE")] {
        let f = file(&v, name);
        assert_eq!(f["encoding"], enc);
        assert_eq!(codes(f), want, "{name} reads as the UTF-8 seed");
    }
    assert_eq!(file(&v, "a_good.txt")["encoding"], "UTF-8");
    let docx = file(&v, "d_report.DOCX");
    assert_eq!(docx["input"], "docx");
    assert_eq!(docx["encoding"], Value::Null);
    assert_eq!(diags(docx, "applications.row-sum").len(), 1);
    assert_eq!(diags(file(&v, "g_empty.txt"), "input.empty").len(), 1);
    let err = |n: &str| file(&v, n)["error"].as_str().unwrap().to_string();
    assert!(
        err("f_binary.txt").contains("binary"),
        "{}",
        err("f_binary.txt")
    );
    assert!(err("h_big.txt").contains("MB"), "{}", err("h_big.txt"));
    assert!(err("e_truncated.docx").contains(".docx"));
    for n in ["f_binary.txt", "h_big.txt", "e_truncated.docx"] {
        assert!(stderr(&o).contains(n), "stderr names {n}");
    }
    // CSV: one row per finding, a row per unreadable file; parsed back.
    let o = gongkai(&["check", "-f", "csv", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "code",
            "message",
            "expected",
            "actual"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let row_sum: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[6] == "applications.row-sum")
        .collect();
    assert_eq!(row_sum.len(), 3, "GB18030, UTF-16 and .docx");
    let gbk = row_sum
        .iter()
        .find(|r| r[0].ends_with("b_gbk.txt"))
        .unwrap();
    assert_eq!(
        (&gbk[1], &gbk[2], &gbk[3], &gbk[4]),
        ("51", "31", "51", "33")
    );
    assert_eq!((&gbk[5], &gbk[8], &gbk[9]), ("error", "54", "55"));
    assert!(gbk[7].contains("51 + 3 + 0"));
    let unreadable: Vec<&str> = rows
        .iter()
        .filter(|r| &r[6] == "file.unreadable")
        .map(|r| r[0].rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        unreadable,
        ["f_binary.txt", "h_big.txt", "e_truncated.docx"]
    );
}

#[test]
fn standard_input() {
    let s4 = seed("004");
    let o = gongkai_stdin(&["check", "-f", "json", "-"], Some(s4.as_bytes()));
    let v = json(&o);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(files(&v)[0]["path"], "-");
    assert_eq!(diags(&files(&v)[0], "applications.row-sum").len(), 1);
    // GB18030 on standard input, and a .docx.
    let (gbk, _, _) = encoding_rs::GB18030.encode(&s4);
    let v = json(&gongkai_stdin(&["check", "-f", "json", "-"], Some(&gbk)));
    assert_eq!(files(&v)[0]["encoding"], "GB18030");
    let docx = std::fs::read(root().join("tests/golden/shape_docx_004.docx")).unwrap();
    let v = json(&gongkai_stdin(&["check", "-f", "json", "-"], Some(&docx)));
    assert_eq!(files(&v)[0]["input"], "docx");
}

/// Display width in a terminal: CJK and full-width forms take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{303E}'
            | '\u{3041}'..='\u{33FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}' => 2,
            _ => 1,
        })
        .sum()
}

#[test]
fn human_output_underlines_the_figure_under_chinese_text() {
    let o = gongkai(&["check", &seed_path("004")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(!out.contains('\x1b'), "no colour when not on a terminal");
    let block = &out[out.find("error[applications.row-sum]").unwrap()..];
    assert!(block.contains("51 + 3 + 0 + 0 + 0 + 0 = 54"));
    assert!(block.contains(":51:31"));
    let lines: Vec<&str> = block.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.starts_with("51 | ") && l.contains("本年新收"))
        .unwrap();
    let caret = lines[src + 1];
    let caret_col = caret.find("^^").unwrap();
    let text = lines[src];
    let figure = text.rfind("55").unwrap();
    assert_eq!(
        width(&text[..figure]),
        caret_col,
        "the carets sit under 55:\n{text}\n{caret}"
    );
    assert!(caret.contains("55，应为 54"));
    // The related cells are labelled.
    assert!(block.contains("自然人 51"));
    // The finding links to its rule's entry, which `gongkai rule` prints.
    assert!(block.contains(
        "= 规则说明：gongkai rule applications.row-sum（docs/rules.md#applicationsrow-sum）"
    ));
    let doc = gongkai(&["rule", "applications.row-sum"]);
    assert_eq!(doc.status.code(), Some(0));
    let doc = stdout(&doc);
    assert!(doc.starts_with("# applications.row-sum\n"));
    let rules_md = std::fs::read_to_string(root().join("docs/rules.md")).unwrap();
    let entry = &rules_md[rules_md.find("\n## applications.row-sum\n").unwrap()..];
    let body = doc
        .split_once("\n\n")
        .unwrap()
        .1
        .split_once("\n\n")
        .unwrap()
        .1;
    assert!(entry.contains(body.lines().next().unwrap()), "{body}");
    let list = stdout(&gongkai(&["rule"]));
    assert!(list.lines().any(|l| l.starts_with("prose.mismatch ")));
    assert_eq!(gongkai(&["rule", "no.such-rule"]).status.code(), Some(2));
    // A page saved as one 30 000-character line of HTML: every finding is
    // shown cut around its own figures, near ones together.
    let html = root().join("tests/corpus/real/009_shanghai_bgt_2019.txt");
    let out = stdout(&gongkai(&["check", html.to_str().unwrap()]));
    assert!(out.contains("error[cell.blank]"));
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 300, "a rendered line of {longest} characters");
    // English, and the short format.
    let en = stdout(&gongkai(&["check", "--lang", "en", &seed_path("004")]));
    assert!(en.contains("but the total says 55"));
    let short = stdout(&gongkai(&["check", "-f", "short", &seed_path("004")]));
    assert!(short
        .lines()
        .any(|l| l.ends_with("但总计为 55") && l.contains(":51:31: error[applications.row-sum]")));
}

/// A Word copy puts every cell on its own line: the row label's line is
/// shown with the figures, so that one sees which row they belong to; a PDF
/// copy, where the label stands beside them, is not shown it twice.
#[test]
fn human_output_shows_the_row_label_of_a_word_copy() {
    let dir = scratch("word-row-label");
    let text = seed("000").replacen(
        "\t一、本年新收政府信息公开申请数量\n\t23\n",
        "\t一、本年新收政府信息公开申请数量\n\t24\n",
        1,
    );
    let path = dir.join("000-changed.txt");
    std::fs::write(&path, text).unwrap();
    let out = stdout(&gongkai(&["check", path.to_str().unwrap()]));
    let block = &out[out.find("error[applications.row-sum]").unwrap()..];
    let block = &block[..block.find("\n\n").unwrap()];
    let label = block
        .lines()
        // The renderer shows the line's leading tab as four spaces.
        .position(|l| l.ends_with("|     一、本年新收政府信息公开申请数量"))
        .unwrap_or_else(|| panic!("no label line in\n{block}"));
    let first_cell = block.lines().position(|l| l.contains("自然人 24")).unwrap();
    assert!(label < first_cell, "{block}");
    let pdf = stdout(&gongkai(&["check", &seed_path("004")]));
    let block = &pdf[pdf.find("error[applications.row-sum]").unwrap()..];
    let block = &block[..block.find("\n\n").unwrap()];
    // Source lines are "NN | text" (the repair's lines are "NN - " / "NN + ").
    let shown = block
        .lines()
        .filter(|l| l.contains(" | ") && l.contains("一、本年新收政府信息公开申请数量"))
        .count();
    assert_eq!(shown, 1, "{block}");
}

#[test]
fn quiet_min_severity_and_deny() {
    let dir = seeds();
    let d = dir.to_str().unwrap();
    let q = gongkai(&["check", "--quiet", d]);
    assert_eq!(stdout(&q).lines().count(), 1, "{}", stdout(&q));
    assert!(stdout(&q).starts_with("共 5 个文件"));
    assert_eq!(q.status.code(), Some(1));
    let q = gongkai(&["check", "-f", "short", "-q", "--lang", "en", d]);
    assert_eq!(stdout(&q).lines().count(), 1, "{}", stdout(&q));
    assert!(stdout(&q).starts_with("5 file(s): "));
    let o = gongkai(&["check", "-f", "json", "--min-severity", "error", d]);
    let v = json(&o);
    for f in files(&v) {
        for dg in f["diagnostics"].as_array().unwrap() {
            assert_eq!(dg["severity"], "error");
        }
    }
    // --deny warnings: a warning alone fails the run.
    let s0 = seed_path("000");
    for deny in [false, true] {
        let mut args = vec!["check", "-f", "json", &s0[..]];
        args.extend(["--min-severity", "warning"]);
        if deny {
            args.extend(["--deny", "warnings"]);
        }
        let o = gongkai(&args);
        assert_eq!(o.status.code(), Some(status_of(&json(&o), deny)));
    }
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    // A figure after a character outside the BMP: its UTF-16 column is one
    // more than its column in scalars.
    let d = scratch("sarif");
    let s4 = seed("004").replacen(
        "一、本年新收政府信息公开申请数量",
        "𠮷一、本年新收政府信息公开申请数量",
        1,
    );
    std::fs::write(d.join("astral 报告.txt"), &s4).unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), b"\x00\x01\x02\xff").unwrap();
    let o = gongkai(&[
        "check",
        "-f",
        "sarif",
        d.to_str().unwrap(),
        &seed_path("003"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let sarif = json(&o);

    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("sarif-schema-2.1.0.json", schema)
        .unwrap();
    let idx = compiler
        .compile("sarif-schema-2.1.0.json", &mut schemas)
        .unwrap();
    if let Err(e) = schemas.validate(&sarif, idx) {
        panic!("SARIF does not validate: {e:#}");
    }
    // The validator does reject what the schema forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["columnKind"] = "bytes".into();
    assert!(schemas.validate(&broken, idx).is_err());
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(schemas.validate(&broken, idx).is_err());

    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [
        "applications.row-sum",
        "previous.carry-over",
        "previous.in-force",
    ] {
        assert!(ids.contains(&id), "rule {id}");
    }
    let carry = rules
        .iter()
        .find(|r| r["id"] == "previous.carry-over")
        .unwrap();
    assert_eq!(carry["defaultConfiguration"]["level"], "error");
    assert!(carry["fullDescription"]["markdown"]
        .as_str()
        .unwrap()
        .contains("**Fails:**"));
    let results = run["results"].as_array().unwrap();
    let row_sum = results
        .iter()
        .find(|r| {
            r["ruleId"] == "applications.row-sum"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .ends_with("astral%20%E6%8A%A5%E5%91%8A.txt")
        })
        .unwrap();
    assert_eq!(
        rules[row_sum["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "applications.row-sum"
    );
    let region = &row_sum["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 51);
    assert_eq!(region["startColumn"], 33, "32 scalars, 33 UTF-16 units");
    assert_eq!(region["endColumn"], 35);
    assert_eq!(region["snippet"]["text"], "55");
    assert_eq!(row_sum["relatedLocations"].as_array().unwrap().len(), 6);
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("binary.txt"));
}

#[test]
fn extract_one_row_per_report() {
    let o = gongkai(&["extract", seeds().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&h[..4], ["path", "agency", "year", "template"]);
    for col in [
        "applications.new.total",
        "applications.carried_forward.natural_person",
        "applications.withheld.state_secret.total",
        "applications.other.total",
        "proactive.rules.issued",
        "proactive.rules.made",
        "proactive.fees.amount",
        "reviews.review.upheld",
        "reviews.litigation_after_review.total",
    ] {
        assert!(h.iter().any(|c| c == col), "column {col}");
    }
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let row = |n: &str| {
        rows.iter()
            .find(|r| r[0].ends_with(&seed_path(n)[seed_path(n).len() - 10..]))
            .unwrap()
    };
    let r4 = row("004");
    assert_eq!(&r4[col("agency")], "清远市人民政府办公室");
    assert_eq!(&r4[col("year")], "2023");
    assert_eq!(&r4[col("template")], "2021");
    assert_eq!(&r4[col("applications.new.total")], "55");
    assert_eq!(&r4[col("applications.new.natural_person")], "51");
    assert_eq!(&r4[col("proactive.rules.made")], "", "a 2019 cell");
    let r2 = row("002");
    assert_eq!(&r2[col("template")], "2019");
    assert_eq!(&r2[col("proactive.rules.issued")], "", "a 2021 cell");
    assert_ne!(&r2[col("proactive.rules.made")], "");
    // Seed 003's blank 行政复议 cells.
    assert_eq!(&row("003")[col("reviews.review.upheld")], "null");

    let o = gongkai(&["extract", "-f", "json", seeds().to_str().unwrap()]);
    let v = json(&o);
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 5);
    for obj in arr {
        let keys: Vec<&String> = obj.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), h.len(), "same keys as the CSV columns");
    }
    let o4 = arr
        .iter()
        .find(|o| o["agency"] == "清远市人民政府办公室")
        .unwrap();
    assert_eq!(o4["applications.new.total"], 55);
    assert_eq!(o4["error"], Value::Null);
}

/// Replaces the figures of a row in a Word copy (label line, then one
/// figure per line): the first line containing `label` after `after`.
fn set_row(text: &str, after: &str, label: &str, values: &[&str]) -> String {
    let start = text.find(after).unwrap();
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let mut offset = 0;
    let mut at = None;
    for (i, l) in lines.iter().enumerate() {
        if offset >= start && l.contains(label) {
            at = Some(i);
            break;
        }
        offset += l.len() + 1;
    }
    let mut i = at.unwrap_or_else(|| panic!("no row {label}")) + 1;
    for v in values {
        while lines[i].trim().is_empty() {
            i += 1;
        }
        lines[i] = format!("\t{v}");
        i += 1;
    }
    lines.join("\n")
}

/// Seed 000 (2023) and a 2022 report of the same body whose 结转下年度 is
/// `forward` and whose 行政规范性文件 现行有效件数 is 5.
fn pair(forward: &[&str]) -> (String, String) {
    let this = seed("000");
    let last = this.replace("2023", "2022");
    let last = set_row(&last, "三、收到和处理", "结转下年度", forward);
    (last, this)
}

#[test]
fn previous_carry_over_chain_holds() {
    let d = scratch("prev-holds");
    let (last, this) = pair(&["0"; 7]);
    std::fs::write(d.join("2022.txt"), last).unwrap();
    std::fs::write(d.join("2023.txt"), this).unwrap();
    let (l, t) = (d.join("2022.txt"), d.join("2023.txt"));
    let o = gongkai(&[
        "check",
        "-f",
        "json",
        "--previous",
        l.to_str().unwrap(),
        t.to_str().unwrap(),
    ]);
    let v = json(&o);
    assert_eq!(files(&v).len(), 1);
    let f = &files(&v)[0];
    assert!(f["previous"].as_str().unwrap().ends_with("2022.txt"));
    assert!(diags(f, "previous.carry-over").is_empty());
    assert!(diags(f, "previous.in-force").is_empty(), "5 + 2 − 2 = 5");
}

#[test]
fn previous_carry_over_chain_breaks() {
    let d = scratch("prev-breaks");
    // Last year carried 3 (自然人) and 3 (总计) forward; this year's 上年结转
    // says 0.
    let (last, this) = pair(&["3", "0", "0", "0", "0", "0", "3"]);
    // And 行政规范性文件 现行有效件数 6, not 5 + 2 − 2.
    let this = set_row(&this, "二、主动公开", "规范性文件", &["2", "2", "6"]);
    std::fs::write(d.join("last.txt"), &last).unwrap();
    std::fs::write(d.join("this.txt"), &this).unwrap();
    let (l, t) = (d.join("last.txt"), d.join("this.txt"));
    let (l, t) = (l.to_str().unwrap(), t.to_str().unwrap());
    let o = gongkai(&["check", "-f", "json", "--previous", l, t]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let f = &files(&v)[0];
    let carry = diags(f, "previous.carry-over");
    assert_eq!(carry.len(), 2, "自然人 and 总计");
    assert_eq!(carry[0]["severity"], "error");
    assert_eq!(carry[0]["expected"], 3);
    assert_eq!(carry[0]["actual"], 0);
    // The span is this year's 上年结转 cell; the related one last year's
    // 结转下年度 cell.
    let span = &carry[0]["span"];
    let (s, e) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(this[s..e].trim(), "0");
    assert!(this[..s].rfind("上年结转") > this[..s].rfind("本年新收"));
    let rel = &carry[0]["related"][0];
    assert!(rel["label"].as_str().unwrap().starts_with("上年报告："));
    let (rs, re) = (
        rel["span"]["start"].as_u64().unwrap() as usize,
        rel["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(last[rs..re].trim(), "3");
    assert!(last[..rs].rfind("结转下年度") > last[..rs].rfind("总计"));
    let in_force = diags(f, "previous.in-force");
    assert_eq!(in_force.len(), 1);
    assert_eq!(in_force[0]["severity"], "warning");
    assert_eq!(in_force[0]["expected"], 5);
    assert_eq!(in_force[0]["actual"], 6);

    // Human: the previous file's cell shown under its own path.
    let h = stdout(&gongkai(&["check", "--previous", l, t]));
    let block = &h[h.find("error[previous.carry-over]").unwrap()..];
    assert!(block.contains("last.txt"), "{block}");
    // SARIF: the related location is in last year's file.
    let s = json(&gongkai(&["check", "-f", "sarif", "--previous", l, t]));
    let r = s["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "previous.carry-over")
        .unwrap();
    let uri = r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.ends_with("last.txt"), "{uri}");

    // In a folder the two pair by themselves; --no-pair turns that off.
    let o = gongkai(&["check", "-f", "json", d.to_str().unwrap()]);
    let v = json(&o);
    let f = file(&v, "this.txt");
    assert!(f["previous"].as_str().unwrap().ends_with("last.txt"));
    assert_eq!(diags(f, "previous.carry-over").len(), 2);
    assert!(file(&v, "last.txt").get("previous").is_none());
    let v = json(&gongkai(&[
        "check",
        "-f",
        "json",
        "--no-pair",
        d.to_str().unwrap(),
    ]));
    assert!(diags(file(&v, "this.txt"), "previous.carry-over").is_empty());

    // An unreadable last year: exit 2, this year still checked.
    let o = gongkai(&[
        "check",
        "-f",
        "json",
        "--previous",
        "/nonexistent/last.txt",
        t,
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(files(&v).len(), 2);
    assert!(files(&v)[0]["error"].is_string());
    assert!(files(&v)[1]["diagnostics"].is_array());
}

#[test]
fn usage_errors_exit_2() {
    let o = gongkai(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gongkai(&["check", "--format", "xml", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gongkai(&["check", "/nonexistent/report.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such file"));
    // A folder without a report is not a silent success.
    let d = scratch("no-reports");
    std::fs::write(d.join("notes.pdf"), "x").unwrap();
    let o = gongkai(&["check", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no report in this folder"));
}
