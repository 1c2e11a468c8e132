//! Structured inputs, rendered into the normalised view the text pipeline
//! reads: HTML (a clipboard or a saved page) and .docx.

pub mod docx;
pub mod html;

/// Whether a text is HTML markup rather than a paste: it has table or
/// paragraph tags, or starts with a tag. A plain-text report never does.
///
/// Precisely: the first 4096 characters, after a BOM and white space, begin
/// with `<!doctype html` or `<html` (any case); or the text has `<table` or
/// `<TABLE`; or its first 4096 characters hold at least three `<p`, `<div`
/// or `<br` (any case). One pass over the `<` of the text, no allocation.
pub fn looks_like_html(text: &str) -> bool {
    // Every test needs a '<': most texts are settled by one memchr.
    if !text.contains('<') {
        return false;
    }
    // 4096 characters are at least 4096 bytes.
    let head = match (text.len() > 4096)
        .then(|| text.char_indices().nth(4096))
        .flatten()
    {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let t = head.trim_start_matches('\u{feff}').trim_start().as_bytes();
    let starts = |p: &[u8]| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"<!doctype html") || starts(b"<html") {
        return true;
    }
    let bytes = text.as_bytes();
    let mut tags = 0;
    for (i, _) in text.match_indices('<') {
        let rest = &bytes[i + 1..];
        if rest.starts_with(b"table") || rest.starts_with(b"TABLE") {
            return true;
        }
        for p in [&b"p"[..], b"div", b"br"] {
            if i + 1 + p.len() <= head.len() && rest[..p.len()].eq_ignore_ascii_case(p) {
                tags += 1;
            }
        }
    }
    tags >= 3
}

#[cfg(test)]
mod tests {
    use super::looks_like_html;

    /// The definition, written plainly (what the fast version must equal).
    fn reference(text: &str) -> bool {
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
            || head.matches("<p").count()
                + head.matches("<div").count()
                + head.matches("<br").count()
                >= 3
    }

    #[test]
    fn html_is_told_from_text() {
        let long = "字".repeat(4094);
        let cases = [
            String::new(),
            "<".into(),
            "\u{feff}  <!DOCTYPE HTML><p>".into(),
            "\u{3000}<HTML>".into(),
            "一、总体情况\n<Table>".into(),
            "正文 <table border=1>".into(),
            "<P>a<Div>b<bR>".into(),
            "<p>a<p>".into(),
            "<pre><pre><pre>".into(),
            format!("{long}<p<p<p"),
            format!("{long}<p<p"),
            format!("{long}<div<p<p"),
            format!("{long}<br><br><br>"),
            format!("{long}  <table"),
            "x < y, 1<2 <3".into(),
        ];
        for c in &cases {
            assert_eq!(looks_like_html(c), reference(c), "{c:?}");
        }
    }
}
