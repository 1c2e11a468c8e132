//! Arbitrary bytes, read as lossy UTF-8, through `check`: it must not panic,
//! and every span must be a valid range of the text with line/column >= 1.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut report = gongkai_core::check(&text, &Default::default());
    report.for_each_span_mut(&mut |s| {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {s:?} out of range (len {})",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start),
            "span {s:?}: start not on a char boundary"
        );
        assert!(
            text.is_char_boundary(s.end),
            "span {s:?}: end not on a char boundary"
        );
        assert!(
            s.line >= 1 && s.column >= 1,
            "span {s:?}: line/column must be 1-based"
        );
    });
});
