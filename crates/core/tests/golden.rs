//! Golden tests: every input beside its expected model + diagnostics.
//!
//! Inputs: `tests/golden/*.{txt,md,html,docx}` (input shapes made from the
//! seeds by `scripts/make_fixtures.py`) with `NAME.expect.json` beside each,
//! and every report of `tests/corpus/` with its expectation in
//! `tests/golden/corpus/`. Expectations are reviewed by hand; after a
//! deliberate change, `UPDATE_GOLDEN=1 cargo test --test golden` rewrites
//! them and `git diff` shows what changed.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn render(path: &Path) -> String {
    let opts = gongkai_core::Options::default();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let report = match ext {
        "docx" => gongkai_core::check_docx(&fs::read(path).unwrap(), &opts).expect("docx opens"),
        "html" => gongkai_core::check_html(&fs::read_to_string(path).unwrap(), &opts),
        _ => gongkai_core::check_auto(&fs::read_to_string(path).unwrap(), &opts),
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap();
    s.push('\n');
    s
}

fn cases() -> Vec<(PathBuf, PathBuf)> {
    let root = root();
    let mut out = Vec::new();
    let golden = root.join("tests/golden");
    if let Ok(rd) = fs::read_dir(&golden) {
        for e in rd.flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if p.is_file() && matches!(ext, "txt" | "md" | "html" | "docx") {
                let stem = name.rsplit_once('.').unwrap().0.to_string();
                out.push((p.clone(), golden.join(format!("{stem}.expect.json"))));
            }
        }
    }
    for dir in ["seeds", "real"] {
        for e in fs::read_dir(root.join("tests/corpus").join(dir))
            .unwrap()
            .flatten()
        {
            let p = e.path();
            if p.extension().and_then(|e| e.to_str()) == Some("txt") {
                let stem = p.file_stem().unwrap().to_string_lossy().to_string();
                out.push((
                    p,
                    golden
                        .join("corpus")
                        .join(format!("{dir}_{stem}.expect.json")),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(
        cases.len() >= 17,
        "the corpus is missing: {} cases",
        cases.len()
    );
    for (input, expect) in cases {
        let got = render(&input);
        if update {
            fs::create_dir_all(expect.parent().unwrap()).unwrap();
            fs::write(&expect, &got).unwrap();
            continue;
        }
        match fs::read_to_string(&expect) {
            Ok(want) if want == got => {}
            Ok(_) => failures.push(format!(
                "{} differs from {}",
                input.display(),
                expect.display()
            )),
            Err(_) => failures.push(format!("{} has no {}", input.display(), expect.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(review, then UPDATE_GOLDEN=1 cargo test --test golden)",
        failures.join("\n")
    );
}
