//! Inputs that once crashed the checker (found by fuzzing or property
//! tests), kept in `tests/regressions/`: each must check without panicking,
//! as text, as HTML and as .docx bytes.

#[test]
fn past_crashes_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let opts = gongkai_core::Options::default();
        let r = gongkai_core::check(&text, &opts);
        for d in &r.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        }
        gongkai_core::check_html(&text, &opts);
        let _ = gongkai_core::check_docx(&bytes, &opts);
        n += 1;
    }
    assert!(n >= 1);
}
