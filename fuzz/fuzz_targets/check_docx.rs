//! Arbitrary bytes through `check_docx`: an error is fine, a panic is not.
//! When a text comes out, every span must be a valid range of it.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut report) = gongkai_core::check_docx(data, &Default::default()) {
        let text = report.text.clone().unwrap_or_default();
        report.for_each_span_mut(&mut |s| {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "span {s:?} out of range"
            );
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(s.line >= 1 && s.column >= 1);
        });
    }
});
