//! Arbitrary bytes, read as lossy UTF-8, through `check_html`: it must not
//! panic, and every span must be a valid range of the HTML string.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let mut report = gongkai_core::check_html(&html, &Default::default());
    report.for_each_span_mut(&mut |s| {
        assert!(
            s.start <= s.end && s.end <= html.len(),
            "span {s:?} out of range (len {})",
            html.len()
        );
        assert!(
            html.is_char_boundary(s.start),
            "span {s:?}: start not on a char boundary"
        );
        assert!(
            html.is_char_boundary(s.end),
            "span {s:?}: end not on a char boundary"
        );
        assert!(
            s.line >= 1 && s.column >= 1,
            "span {s:?}: line/column must be 1-based"
        );
    });
});
