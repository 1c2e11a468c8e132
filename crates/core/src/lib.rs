//! # gongkai-core
//!
//! Checks a 政府信息公开工作年度报告 — the annual report on government
//! information disclosure that every Chinese government body publishes under
//! 《政府信息公开条例》 Art. 49–50 — against the official template
//! (国办公开办函〔2021〕30号, or the 2019 format before it).
//!
//! The data flows through one module per stage:
//!
//! 1. [`normalize`]: the caller's text → a normalised view (BOM, CRLF,
//!    full-width digits and brackets, exotic spaces folded) that keeps a map
//!    back to the original offsets. HTML ([`input::html`]) and .docx
//!    ([`input::docx`]) are rendered into the same view.
//! 2. [`sections`]: the six section headings, the title, the year.
//! 3. [`fields`]: each table region's cells, whatever the paste's shape
//!    (Word copy, tab rows, Markdown).
//! 4. [`tables`]: cells aligned with the template's rows and columns
//!    ([`template`]), each figure read exactly ([`decimal`]) or reported as
//!    unreadable — never guessed.
//! 5. [`model`]: the report model of `report-model.md`.
//! 6. [`rules`]: the template's relations, one file per family, each rule
//!    documented where it is declared.
//! 7. [`diagnostics`], located by [`span`]: UTF-8 byte offsets into the text
//!    exactly as given, with line and column.
//!
//! ```
//! let report = gongkai_core::check("一、总体情况\n…", &Default::default());
//! assert_eq!(report.template.as_str(), "unknown");
//! ```
//!
//! The crate does no IO and has no wasm dependency: the CLI and the wasm
//! bindings are thin shells over [`check`], [`check_html`] and [`check_docx`].

pub mod compare;
pub mod decimal;
pub mod diagnostics;
pub mod fields;
pub mod input;
pub mod labels;
pub mod model;
pub mod normalize;
pub mod numerals;
pub mod prose;
pub mod rules;
pub mod sections;
pub mod span;
pub mod tables;
pub mod template;
#[cfg(test)]
mod testing;
mod utf8;
pub mod value;

pub use diagnostics::{Diagnostic, Lang, Severity};
pub use model::Report;
pub use span::{LineIndex, Span};
pub use template::Template;

use normalize::NormText;
use std::ops::Range;
use tables::nspan;
use template::*;

/// Options of a check.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Language of messages (Chinese by default).
    pub lang: Lang,
    /// Read the tables as this template version instead of recognising it.
    pub template: Option<Template>,
}

/// Checks a report given as plain text (a paste from Word, WPS, a PDF
/// viewer or a web page; Markdown).
pub fn check(text: &str, opts: &Options) -> Report {
    let norm = normalize::normalize(text);
    let mut report = analyze(&norm, opts, "text");
    locate(&mut report, text, &norm);
    report
}

/// Checks a report given as HTML (what a browser puts on the clipboard, or a
/// saved page). Spans refer to the HTML string.
pub fn check_html(html: &str, opts: &Options) -> Report {
    let norm = input::html::render(html);
    let mut report = analyze(&norm, opts, "html");
    locate(&mut report, html, &norm);
    report
}

/// Checks a text that may be HTML markup (a saved page, a crawl that kept
/// the markup) or a plain paste: [`check_html`] when
/// [`input::looks_like_html`] says so, else [`check`].
pub fn check_auto(text: &str, opts: &Options) -> Report {
    if input::looks_like_html(text) {
        check_html(text, opts)
    } else {
        check(text, opts)
    }
}

/// Checks a .docx file's bytes. Spans refer to the text extracted from the
/// document, returned in [`Report::text`].
pub fn check_docx(bytes: &[u8], opts: &Options) -> Result<Report, input::docx::DocxError> {
    let text = input::docx::extract_text(bytes)?;
    let mut report = check(&text, opts);
    report.input = "docx";
    report.text = Some(text);
    Ok(report)
}

/// Stages 2–6 on the normalised view. Spans are normalised offsets until
/// [`locate`] maps them.
fn analyze(norm: &NormText, opts: &Options, input: &'static str) -> Report {
    let text = norm.text.as_str();
    let lang = opts.lang;
    let mut diags = Vec::new();
    input_sanity(norm, lang, &mut diags);

    let title = sections::find_title(text);
    let year = sections::find_year(text, title.as_ref().map(|t| t.0.as_str()));
    let headings = sections::find_headings(text);
    // The table regions of sections 二, 三 and 四, each asked for several
    // times.
    let regions = [2, 3, 4].map(|n| region_of(text, &headings, n));
    let region = |n: u8| regions[usize::from(n) - 2].clone();

    let crawl = fields::is_crawl(text);
    let proactive_fields = fields::fields(text, region(2), crawl);
    let app_fields = fields::fields(text, region(3), crawl);
    let review_fields = fields::fields(text, region(4), crawl);

    // Read section 二 and 三 as both versions; keep the one that fits.
    let read = |t: Template| {
        let (prows, arows) = match t {
            Template::V2019 => (PROACTIVE_ROWS_2019, APPLICATION_ROWS_2019),
            _ => (PROACTIVE_ROWS_2021, APPLICATION_ROWS_2021),
        };
        let p = tables::extract(&proactive_fields, prows, region(2).start, lang);
        let a = tables::extract(&app_fields, arows, region(3).start, lang);
        (p, a)
    };
    // Labels may be broken over lines ("本年新\n制作数量").
    let (m21, m19, markers_2019) = markers(text);
    // When the markers leave no doubt, the other version is not read.
    let forced = opts.template.filter(|t| *t != Template::Unknown);
    let skip19 = forced == Some(Template::V2021) || (forced.is_none() && m21 >= 3 && m19 == 0);
    let skip21 = forced == Some(Template::V2019) || (forced.is_none() && m19 >= 3 && m21 == 0);
    let none = || tables::Extraction {
        table: None,
        diagnostics: Vec::new(),
        score: 0,
        fitted: 0,
    };
    let (p21, a21) = if skip21 {
        (none(), none())
    } else {
        read(Template::V2021)
    };
    let (p19, a19) = if skip19 {
        (none(), none())
    } else {
        read(Template::V2019)
    };
    let score21 = a21.score + 10 * p21.fitted as u32 + 20 * m21;
    let score19 = a19.score + 10 * p19.fitted as u32 + 20 * m19;
    let found = |e: &tables::Extraction| e.table.is_some() || !e.diagnostics.is_empty();
    let found_any = found(&a21) || found(&a19) || p21.fitted + p19.fitted > 0;
    let template = match opts.template {
        Some(t @ (Template::V2021 | Template::V2019)) => t,
        _ if !found_any => Template::Unknown,
        // The 2019 format came with 国办公开办函〔2019〕60号: earlier reports
        // used free statistics tables.
        _ if year.is_some_and(|y| y < 2019) => Template::Unknown,
        _ if score19 > score21 => Template::V2019,
        _ => Template::V2021,
    };
    let (p, a) = match template {
        Template::V2019 => (p19, a19),
        _ => (p21, a21),
    };
    let r = tables::extract_reviews(&review_fields, lang);

    let mut report = Report {
        year,
        template,
        title: title.as_ref().map(|t| t.0.clone()),
        sections: headings
            .iter()
            .map(|h| model::Section {
                number: h.number,
                title: h.title.clone(),
                span: nspan(h.range.clone()),
            })
            .collect(),
        proactive: None,
        applications: None,
        reviews: None,
        diagnostics: Vec::new(),
        figures: Vec::new(),
        input,
        text: None,
    };

    let empty = text.trim().is_empty();
    if template == Template::Unknown && empty {
        // Nothing more to say about an empty input.
    } else if template == Template::Unknown {
        let at = title.as_ref().map_or(0..0, |t| t.1.clone());
        let pre2019 = year.is_some_and(|y| y < 2019)
            || (text.contains("统计指标") && !text.contains("本年新收"));
        diags.push(Diagnostic::new(
            rules::structure::TEMPLATE_UNKNOWN.code,
            Severity::Warning,
            if pre2019 {
                lang.pick(
                    "这份报告采用 2019 年以前的统计表（统计指标、单位、数量），不是国办公开办函〔2019〕60号或〔2021〕30号规定的格式，表格数字无法按模板核对".into(),
                    "This report uses the pre-2019 statistics table (统计指标 / 单位 / 数量), not the format of 国办公开办函〔2019〕60号 or 〔2021〕30号; its figures cannot be checked against the template".into(),
                )
            } else {
                lang.pick(
                    "未找到年度报告格式（国办公开办函〔2021〕30号或 2019 年格式）的任何表格，无法核对数字".into(),
                    "No table of the annual report format (国办公开办函〔2021〕30号 or the 2019 format) was found; no figure can be checked".into(),
                )
            },
            nspan(at),
        ));
    } else {
        let tables = [
            (2u8, p, "proactive"),
            (3u8, a, "applications"),
            (4u8, r, "reviews"),
        ];
        for (n, ex, key) in tables {
            let said_why = !ex.diagnostics.is_empty();
            diags.extend(ex.diagnostics);
            match ex.table {
                Some(t) => match key {
                    "proactive" => report.proactive = Some(t),
                    "applications" => report.applications = Some(t),
                    _ => report.reviews = Some(t),
                },
                None if said_why => {}
                None => {
                    let (name_zh, name_en) = match n {
                        2 => (
                            "主动公开政府信息情况（第二部分）",
                            "proactive disclosure (section 二)",
                        ),
                        3 => (
                            "收到和处理政府信息公开申请情况（第三部分）",
                            "applications (section 三)",
                        ),
                        _ => (
                            "政府信息公开行政复议、行政诉讼情况（第四部分）",
                            "review and litigation (section 四)",
                        ),
                    };
                    let at = headings
                        .iter()
                        .find(|h| h.number == n)
                        .map_or_else(|| region(n).start..region(n).start, |h| h.range.clone());
                    diags.push(Diagnostic::new(
                        rules::structure::TABLE_MISSING.code,
                        Severity::Error,
                        lang.pick_with(
                            || format!("未找到{name_zh}的统计表"),
                            || format!("The table of {name_en} cannot be found"),
                        ),
                        nspan(at),
                    ));
                }
            }
        }
    }
    // The prose: everywhere outside the tables; in a crawl (tables and prose
    // on one line), before section 二 and from section 五 on.
    let prose_ranges = if crawl {
        let two = headings
            .iter()
            .find(|h| h.number == 2)
            .map_or(text.len(), |h| h.range.start);
        let five = headings
            .iter()
            .filter(|h| h.number >= 5)
            .map(|h| h.range.start)
            .min()
            .unwrap_or(text.len());
        vec![0..two, five.max(two)..text.len()]
    } else {
        std::iter::once(0..text.len()).collect()
    };
    let prose = prose::read(text, &prose_ranges);
    report.figures = prose_figures(&prose);
    let ctx = rules::Context {
        text,
        headings: &headings,
        prose: &prose,
        title_year: title.as_ref().and_then(|t| sections::first_year(&t.0)),
        template,
        markers_2019,
        lang,
    };
    if !empty {
        rules::run(&report, &ctx, &mut diags);
    }
    diags.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    report.diagnostics = diags;
    report
}

/// How many of [`MARKERS_2021`] and of [`MARKERS_2019`] occur in `text`
/// without its whitespace (`labels::without_whitespace(text)`).
///
/// With no 2019 marker, three 2021 markers decide as much as six (the 2019
/// reading is skipped and the 2021 one wins): the count stops at three.
///
/// The text is not copied without its whitespace (that cost more than
/// half the count): each [`MarkerPass`] finds two bytes in the text
/// (vectorised, [`utf8::for_each_of2`]) and, where they are in the anchor
/// character of some markers, asks [`labels::Anchored`] whether the text
/// without its whitespace holds them there. The first pass looks for every
/// 2019 marker and most 2021 ones: a 2021 report is decided by it alone.
fn markers(text: &str) -> (u32, u32, u32) {
    let n21 = MARKERS_2021.len();
    let all = (1u32 << marker_words().count()) - 1;
    let (in21, in19) = ((1u32 << n21) - 1, all & !((1u32 << n21) - 1));
    let (mut found, mut looked) = (0u32, 0u32);
    // Decided when every marker has been looked for, or when no 2019 one
    // is there and three 2021 ones are.
    let decided = |found: u32, looked: u32| {
        looked == all
            || (looked & in19 == in19 && found & in19 == 0 && (found & in21).count_ones() >= 3)
    };
    for pass in marker_passes() {
        if decided(found, looked) {
            break;
        }
        pass.scan(text, &mut found);
        looked |= pass.markers;
    }
    if !decided(found, looked) {
        // Markers no pass has an anchor for (none with today's lists).
        let squeezed = labels::without_whitespace(text);
        for (m, word) in marker_words().enumerate() {
            if looked & 1 << m == 0 && squeezed.contains(word) {
                found |= 1 << m;
            }
        }
    }
    let (m21, m19) = ((found & in21).count_ones(), (found & in19).count_ones());
    // (Every 2019 marker has been looked for: `decided` asks it.)
    let found_2019 = found >> MARKERS_2021.len();
    (if m19 == 0 { m21.min(3) } else { m21 }, m19, found_2019)
}

/// The markers, [`MARKERS_2021`] then [`MARKERS_2019`]: marker `m` is bit
/// `m` of the sets [`markers`] keeps.
fn marker_words() -> impl Iterator<Item = &'static str> {
    MARKERS_2021.iter().chain(MARKERS_2019).copied()
}

/// The two bytes each [`MarkerPass`] looks for: bytes that few characters
/// of a report have (one byte in 70 or so) and that the anchor characters
/// of the markers do. 0x87 is in 量, 金, 采 (and in 减, 出, …), 0xB6 in 件,
/// 其 (and 收, 制, …): the first pass has an anchor for every marker but
/// 逾期不补正 and 缴纳费用, which the second has (正 0xA3, 用 0xA8).
const MARKER_PASS_BYTES: [[u8; 2]; 2] = [[0x87, 0xB6], [0xA3, 0xA8]];

/// One pass of [`markers`] over the text.
struct MarkerPass {
    bytes: [u8; 2],
    /// The anchor characters holding the first byte, then those holding
    /// the second (and not the first).
    groups: [AnchorGroup; 2],
    /// The set of markers anchored in this pass.
    markers: u32,
}

/// The anchor characters of a pass that hold one of its bytes, all at the
/// same place and all as long: at each occurrence of the byte, the
/// character they would be is read once and compared with each.
/// Wherever a marker occurs in the text without whitespace, its anchor is
/// in the text, and with it the byte.
#[derive(Default)]
struct AnchorGroup {
    /// Where the byte is in the characters, and their length and
    /// [`utf8::CharKey::mask`].
    at: usize,
    len: usize,
    mask: u32,
    /// The characters, as [`utf8::CharKey`] packs them, and the markers
    /// each anchors.
    keys: Vec<u32>,
    anchored: Vec<labels::Anchored>,
}

/// The passes of [`markers`]: a marker is anchored in the first pass whose
/// bytes one of its characters holds, by the last such character (unless
/// the byte is at another place in it than in the group's characters).
fn marker_passes() -> &'static [MarkerPass] {
    static PASSES: std::sync::OnceLock<Vec<MarkerPass>> = std::sync::OnceLock::new();
    PASSES.get_or_init(|| {
        let mut left = (1u32 << marker_words().count()) - 1;
        let mut passes = Vec::new();
        for bytes in MARKER_PASS_BYTES {
            let mut pass = MarkerPass {
                bytes,
                groups: Default::default(),
                markers: 0,
            };
            // Per group, each anchor with its markers (word, anchor's
            // byte, bit).
            type Anchors = Vec<(char, Vec<(&'static str, usize, u32)>)>;
            let mut anchors: [Anchors; 2] = Default::default();
            for (m, word) in marker_words().enumerate() {
                // The last character holding one of the bytes, and where
                // the first of them is in it.
                let anchor = word.char_indices().rev().find_map(|(k, c)| {
                    let at = word[k..k + c.len_utf8()]
                        .bytes()
                        .position(|x| bytes.contains(&x))?;
                    Some((k, c, at))
                });
                let Some((k, c, at)) = anchor.filter(|_| left & 1 << m != 0) else {
                    continue;
                };
                let g = (word.as_bytes()[k + at] != bytes[0]) as usize;
                let group = &mut pass.groups[g];
                if anchors[g].is_empty() {
                    (group.at, group.len) = (at, c.len_utf8());
                    group.mask = utf8::CharKey::mask(group.len);
                } else if (group.at, group.len) != (at, c.len_utf8()) {
                    continue;
                }
                left &= !(1 << m);
                pass.markers |= 1 << m;
                match anchors[g].iter_mut().find(|a| a.0 == c) {
                    Some(a) => a.1.push((word, k, 1 << m)),
                    None => anchors[g].push((c, vec![(word, k, 1 << m)])),
                }
            }
            for (group, anchors) in pass.groups.iter_mut().zip(anchors) {
                for (c, words) in anchors {
                    group.keys.push(utf8::CharKey::new(c).key);
                    group.anchored.push(labels::Anchored::new(c, &words));
                }
            }
            passes.push(pass);
        }
        passes
    })
}

impl MarkerPass {
    /// Adds to `found` the markers of this pass that `text` without its
    /// whitespace holds.
    fn scan(&self, text: &str, found: &mut u32) {
        let b = text.as_bytes();
        let [x, y] = self.bytes;
        utf8::for_each_of2(b, x, y, |p| {
            let g = &self.groups[(b[p] != x) as usize];
            // The character the anchors would be.
            let Some(key) = p
                .checked_sub(g.at)
                .and_then(|at| utf8::CharKey::read(b, at, g.len, g.mask))
            else {
                return;
            };
            if let Some(i) = g.keys.iter().position(|&k| k == key) {
                *found |= g.anchored[i].around(text, p - g.at, !*found);
            }
        });
    }
}

/// The figures the prose rules read, for the model's `figures`.
///
/// A figure read twice (as a fact and in an enumeration) is listed once, as
/// what it was first read as: sorted by position, the first reading kept.
fn prose_figures(p: &prose::Prose) -> Vec<model::ProseFigure> {
    let mut out: Vec<model::ProseFigure> = Vec::new();
    let mut push = |kind: &'static str, f: &numerals::Figure| {
        out.push(model::ProseFigure {
            kind,
            value: f.value,
            span: nspan(f.range.clone()),
        });
    };
    for f in &p.facts {
        push(f.kind.key(), &f.figure);
        if let Some(pc) = &f.percent {
            push("percent", pc);
        }
    }
    for e in &p.enumerations {
        push("enumeration", &e.total);
        for part in &e.parts {
            push("enumeration", part);
        }
    }
    // Stable: among readings of one figure the first stays first.
    out.sort_by_key(|f| f.span.start);
    out.dedup_by_key(|f| f.span.start);
    out
}

/// The normalised range where section `n`'s table is looked for: from its
/// heading to the next heading; when the heading is missing, between the
/// neighbouring headings.
fn region_of(text: &str, headings: &[sections::Heading], n: u8) -> Range<usize> {
    // The first heading after `pos`, in text order.
    let next_after = |pos: usize| {
        headings
            .iter()
            .map(|h| h.range.start)
            .filter(|&start| start > pos)
            .min()
            .unwrap_or(text.len())
    };
    if let Some(h) = headings.iter().find(|h| h.number == n) {
        let start = if h.inline {
            h.range.end
        } else {
            line_end(text, h.range.end)
        };
        return start..next_after(h.range.start).max(start);
    }
    let prev = headings
        .iter()
        .filter(|h| h.number < n)
        .max_by_key(|h| h.number)
        .map_or(0, |h| {
            if h.inline {
                h.range.end
            } else {
                line_end(text, h.range.end)
            }
        });
    let next = headings
        .iter()
        .filter(|h| h.number > n && h.range.start >= prev)
        .min_by_key(|h| h.number)
        .map_or(text.len(), |h| h.range.start);
    prev..next.max(prev)
}

fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

/// Reports input that is not text (binary, a PDF's bytes, mojibake).
fn input_sanity(norm: &NormText, lang: Lang, diags: &mut Vec<Diagnostic>) {
    let text = norm.text.as_str();
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(
            rules::structure::INPUT_EMPTY.code,
            Severity::Error,
            lang.pick(
                "输入为空：没有可检查的报告内容".into(),
                "The input is empty: there is no report to check".into(),
            ),
            nspan(0..0),
        ));
        return;
    }
    // Counted by the normaliser as it wrote the text.
    let bad = norm.odd;
    if bad > 0 && (bad * 50 > text.chars().count() || bad >= 20) {
        let at = norm.first_odd.clone().unwrap_or(0..0);
        diags.push(Diagnostic::new(
            rules::structure::INPUT_NOT_TEXT.code,
            Severity::Error,
            lang.pick_with(
                || format!("输入中有 {bad} 个控制字符或无法解码的字符：这可能是二进制文件、粘贴的 PDF 原始数据，或编码读错的文件"),
                || format!("The input holds {bad} control or undecodable characters: it may be a binary file, a PDF's raw bytes, or a file read in the wrong encoding"),
            ),
            nspan(at),
        ));
    }
}

/// Maps every span from normalised offsets to the caller's text, with line
/// and column.
///
/// One visit of the spans: each is mapped through the offset map, searched
/// from the last span's segment, and located by a [`span::Locator`] on the
/// original's line starts ([`span::line_starts`]). The spans come in a few runs in text order,
/// which the locator walks on; however they come, no span costs more than
/// a bounded count (a huge single-line input costs O(n), not O(n) per span).
/// Lines end as [`LineIndex`] says: at `\n`, or at a `\r` not followed by
/// `\n`.
fn locate(report: &mut Report, original: &str, norm: &NormText) {
    let starts = span::line_starts(original, norm.original_has_cr);
    let mut at = span::Locator::new(original, &starts);
    // Spans come mostly in text order: each search starts from the last.
    let mut hint = 0;
    report.for_each_span_mut(&mut |s: &mut Span| {
        let r = norm.map.range_near(s.start..s.end, &mut hint);
        s.start = span::floor_char_boundary(original, r.start);
        s.end = span::floor_char_boundary(original, r.end).max(s.start);
        (s.line, s.column) = at.line_col(s.start);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_located_as_the_line_index_says() {
        let seed = include_str!("../../../tests/corpus/seeds/000_12a873e1bac4df20.txt");
        let variants = [
            seed.to_string(),
            seed.replace('\n', "\r\n"),
            seed.replace('\n', "\r"),
            format!("\u{feff}𠮷{}", seed.replace("一、", "\r一、")),
            // One long line, the case the locator's block table is for.
            seed.replace('\n', "\t").repeat(8),
        ];
        // As HTML, whose line starts `locate` finds itself.
        let html: String = seed
            .lines()
            .map(|l| format!("<p>{}</p>\r\n", l.replace('\t', "</td><td>")))
            .collect();
        let texts = variants.iter().map(|v| (v, false)).chain([(&html, true)]);
        for (text, is_html) in texts {
            let index = LineIndex::new(text);
            let mut report = if is_html {
                check_html(text, &Options::default())
            } else {
                check(text, &Options::default())
            };
            let mut spans = 0;
            report.for_each_span_mut(&mut |s: &mut Span| {
                assert!(s.start <= s.end && s.end <= text.len());
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                assert_eq!((s.line, s.column), index.line_col(text, s.start), "{s:?}");
                spans += 1;
            });
            assert!(spans > 20, "{spans}");
        }
    }

    /// What `markers` counted when it was given the text without its
    /// whitespace, and which 2019 markers it found.
    fn markers_squeezed(text: &str) -> (u32, u32, u32) {
        let squeezed = labels::without_whitespace(text);
        let found = |k: &&&str| squeezed.contains(**k);
        let m19 = MARKERS_2019.iter().filter(found).count();
        let cap = if m19 == 0 { 3 } else { MARKERS_2021.len() };
        let m21 = MARKERS_2021.iter().filter(found).take(cap).count();
        let found_2019 = (MARKERS_2019.iter().enumerate())
            .filter(|(_, m)| found(m))
            .fold(0, |bits, (i, _)| bits | 1 << i);
        (m21 as u32, m19 as u32, found_2019)
    }

    #[test]
    fn markers_as_in_the_text_without_whitespace() {
        let mut texts: Vec<String> = vec![
            include_str!("../../../tests/corpus/templates/guobangongkaibanhan_2019_60.txt").into(),
            include_str!("../../../tests/corpus/templates/guobangongkaibanhan_2021_30.txt").into(),
            include_str!("../../../tests/corpus/seeds/002_7dcd538055e97ab2.txt").into(),
            include_str!("../../../tests/corpus/seeds/003_99eecf839798fc6e.txt").into(),
        ];
        // Every marker alone, at the very start and end of a text.
        for m in MARKERS_2021.iter().chain(MARKERS_2019) {
            texts.extend([
                m.to_string(),
                format!("x{m}"),
                format!("{m}\n"),
                m[3..].into(),
            ]);
        }
        let spaces = [
            "\n", "\r\n", " ", "\t", "\u{a0}", "\u{3000}", "\u{1680}", "\u{2001}",
        ];
        let mut rng = crate::testing::Rng::new();
        for t in &texts {
            assert_eq!(markers(t), markers_squeezed(t), "{t}");
            let norm = normalize::normalize(t).text;
            assert_eq!(markers(&norm), markers_squeezed(&norm));
        }
        // Whitespace put in and characters taken out at random: the markers
        // broken over lines, or broken.
        for t in &texts[..4] {
            let chars: Vec<char> = t.chars().collect();
            for _ in 0..40 {
                let mut v = String::new();
                for &c in &chars {
                    match rng.next() % 64 {
                        0..=5 => v.push_str(spaces[rng.next() as usize % spaces.len()]),
                        6 => continue,
                        7 => v.push('𠮷'),
                        _ => {}
                    }
                    v.push(c);
                }
                assert_eq!(markers(&v), markers_squeezed(&v));
            }
        }
    }
}
