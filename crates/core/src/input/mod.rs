//! Structured inputs, rendered into the normalised view the text pipeline
//! reads: HTML (a clipboard or a saved page) and .docx.

pub mod docx;
pub mod html;

/// Whether a text is HTML markup rather than a paste: it has table or
/// paragraph tags, or starts with a tag. A plain-text report never does.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || text.contains("<table")
        || text.contains("<TABLE")
        || head.matches("<p").count() + head.matches("<div").count() + head.matches("<br").count()
            >= 3
}
