//! `--format human`: each finding rendered like a compiler diagnostic (with
//! `annotate-snippets`, rustc's renderer): the source lines, the flagged
//! figure underlined — widths of Chinese characters counted right — the
//! related cells labelled, the arithmetic in the message, and the repair
//! when one edit provably makes it.

use crate::input::Checked;
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use gongkai_core::compare::{is_previous_label, PREVIOUS_LABEL_EN, PREVIOUS_LABEL_ZH};
use gongkai_core::{Diagnostic, Lang, LineIndex, Report, Severity, Span};
use std::fmt::Write;
use std::ops::Range;

/// A line longer than this (an HTML page on one line, a crawl that lost its
/// line breaks) is cut around the flagged text.
const LONG_LINE: usize = 400;

pub struct Human {
    pub color: bool,
    pub lang: Lang,
    pub width: usize,
}

impl Human {
    fn renderer(&self) -> Renderer {
        let r = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        r.term_width(self.width)
    }

    fn pick(&self, zh: impl Into<String>, en: impl Into<String>) -> String {
        self.lang.pick(zh.into(), en.into())
    }

    /// The one-line summary of a file.
    pub fn header(&self, name: &str, c: &Checked, previous: Option<&str>) -> String {
        let r = &c.report;
        let (e, w, i) = r.counts();
        let year = r.year.map_or("?".to_string(), |y| y.to_string());
        let mut s = match self.lang {
            Lang::Zh => format!(
                "{name}：{year} 年度，{}格式，{e} 个错误，{w} 个警告，{i} 条提示",
                template_zh(r.template.as_str())
            ),
            Lang::En => format!(
                "{name}: year {year}, {} format, {e} error(s), {w} warning(s), {i} info",
                r.template.as_str()
            ),
        };
        if let Some(enc) = c.encoding.filter(|e| *e != "UTF-8") {
            s += &self.pick(format!("，编码 {enc}"), format!(", encoding {enc}"));
        }
        if r.input == "docx" {
            s += &self.pick(
                "（行号、列号指从 .docx 提取的文本）",
                " (lines and columns of the text extracted from the .docx)",
            );
        }
        if let Some(p) = previous {
            s += &self.pick(
                format!("，已与上年报告 {p} 比对"),
                format!(", compared with last year's {p}"),
            );
        }
        s.push('\n');
        s
    }

    /// Renders every finding of a checked file.
    pub fn findings(&self, name: &str, c: &Checked, previous: Option<(&str, &Checked)>) -> String {
        let src = c.source();
        let index = LineIndex::new(src);
        let prev = previous.map(|(n, p)| (n, p.source(), LineIndex::new(p.source())));
        let renderer = self.renderer();
        let mut out = String::new();
        for d in &c.report.diagnostics {
            let group = self.group(name, src, &index, prev.as_ref(), &c.report, d);
            let _ = writeln!(out, "{}\n", renderer.render(&group));
        }
        out
    }

    fn group<'a>(
        &self,
        name: &'a str,
        src: &'a str,
        index: &LineIndex,
        prev: Option<&(&'a str, &'a str, LineIndex)>,
        report: &Report,
        d: &'a Diagnostic,
    ) -> Vec<Group<'a>> {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        // "55，应为 54" under the flagged figure, when it is the figure the
        // finding's numbers are about (not, say, one term of a sum).
        let flagged = src
            .get(d.span.start..d.span.end)
            .and_then(|t| gongkai_core::decimal::Decimal::parse(t.trim()));
        let primary_label = match (d.expected, d.actual) {
            (Some(e), Some(a)) if flagged == Some(a) => {
                Some(self.pick(format!("{a}，应为 {e}"), format!("{a}, expected {e}")))
            }
            _ => None,
        };
        let mut here: Vec<(Span, Option<String>, bool)> = vec![(d.span, primary_label, true)];
        let mut there: Vec<(Span, Option<String>, bool)> = Vec::new();
        for r in &d.related {
            if is_previous_label(&r.label) && prev.is_some() {
                let label = r
                    .label
                    .trim_start_matches(PREVIOUS_LABEL_ZH)
                    .trim_start_matches(PREVIOUS_LABEL_EN);
                there.push((r.span, Some(label.to_string()), false));
            } else {
                here.push((r.span, Some(r.label.clone()), false));
            }
        }
        here.extend(row_labels(report, index, &here));
        let mut title = level
            .primary_title(d.message.as_str())
            .id(d.code)
            .elements(snippets(name, src, index, &here));
        if let (Some((pname, psrc, pindex)), false) = (prev, there.is_empty()) {
            title = title.elements(snippets(pname, psrc, pindex, &there));
        }
        // Every finding links to its rule's entry.
        let (code, anchor) = (d.code, gongkai_core::rules::anchor(d.code));
        title = title.element(Level::NOTE.no_name().message(self.lang.pick_with(
            || format!("规则说明：gongkai rule {code}（docs/rules.md#{anchor}）"),
            || format!("rule: gongkai rule {code} (docs/rules.md#{anchor})"),
        )));
        let mut groups = vec![title];
        if let Some(fix) = &d.fix {
            let title = Level::HELP.secondary_title(self.pick(
                format!("改为 {}", fix.replacement),
                format!("replace with {}", fix.replacement),
            ));
            let line = line_range(src, index, index.line_of(fix.span.start.min(src.len())));
            let help = if line.len() <= LONG_LINE {
                let (w, base, first_line) = window(src, index, &[fix.span]);
                title.element(Snippet::source(w).path(name).line_start(first_line).patch(
                    Patch::new(clamp(&fix.span, base, w.len()), fix.replacement.as_str()),
                ))
            } else {
                // A patch would print the whole long line twice.
                title.element(snippet(
                    name,
                    src,
                    index,
                    &[(fix.span, Some(fix.replacement.clone()), false)],
                ))
            };
            groups.push(help);
        }
        groups
    }
}

/// The labels of the table rows whose cells are shown, when a label stands
/// on a line of its own (a Word copy puts every cell on its own line): so
/// that the row each figure belongs to is in sight. Unlabelled, as context.
fn row_labels(
    report: &Report,
    index: &LineIndex,
    shown: &[(Span, Option<String>, bool)],
) -> Vec<(Span, Option<String>, bool)> {
    let mut out: Vec<(Span, Option<String>, bool)> = Vec::new();
    // The lines shown, looked up once (not once per row of every table).
    let shown_lines: Vec<usize> = shown.iter().map(|s| index.line_of(s.0.start)).collect();
    let tables = [&report.proactive, &report.applications, &report.reviews];
    for row in tables.into_iter().flatten().flat_map(|t| &t.rows) {
        let l = row.label_span;
        if l.start >= l.end || out.iter().any(|o| o.0.start == l.start) {
            continue;
        }
        let shows_a_cell = row
            .cells
            .iter()
            .flatten()
            .any(|c| shown.iter().any(|s| s.0.start == c.span.start));
        if shows_a_cell && !shown_lines.contains(&index.line_of(l.start)) {
            out.push((l, None, false));
        }
    }
    out
}

fn template_zh(t: &str) -> &'static str {
    match t {
        "2021" => "2021 年",
        "2019" => "2019 年",
        _ => "未知",
    }
}

/// Snippets of `src` showing `spans` (the first one primary): one snippet
/// when every line involved is short; on a long line (an HTML page on one
/// line, a crawl that lost its line breaks), one snippet per cluster of
/// nearby spans, each cut by the renderer around its own figures.
fn snippets<'a>(
    name: &'a str,
    src: &'a str,
    index: &LineIndex,
    spans: &[(Span, Option<String>, bool)],
) -> Vec<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let line_len = |sp: &Span| {
        let l = index.line_of(sp.start.min(src.len()));
        line_range(src, index, l).len()
    };
    if spans.iter().all(|s| line_len(&s.0) <= LONG_LINE) {
        return vec![snippet(name, src, index, spans)];
    }
    let mut clusters: Vec<Vec<(Span, Option<String>, bool)>> = Vec::new();
    for s in spans {
        let near = clusters.iter_mut().find(|c| {
            let f = &c[0].0;
            f.line == s.0.line && f.start.abs_diff(s.0.start) <= NEAR
        });
        match near {
            Some(c) => c.push(s.clone()),
            None => clusters.push(vec![s.clone()]),
        }
    }
    clusters
        .iter()
        .map(|c| snippet(name, src, index, c))
        .collect()
}

/// Spans closer than this (bytes) on a long line are shown together.
const NEAR: usize = 240;

/// A snippet of the lines holding `spans`.
fn snippet<'a>(
    name: &'a str,
    src: &'a str,
    index: &LineIndex,
    spans: &[(Span, Option<String>, bool)],
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let all: Vec<Span> = spans.iter().map(|s| s.0).collect();
    let (w, base, first_line) = window(src, index, &all);
    let mut s = Snippet::source(w).path(name).line_start(first_line);
    for (sp, label, primary) in spans {
        let kind = if *primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let r = clamp(sp, base, w.len());
        let mut a = kind.span(r);
        if let Some(l) = label {
            a = a.label(l.clone());
        }
        s = s.annotation(a);
    }
    s
}

fn clamp(sp: &Span, base: usize, len: usize) -> Range<usize> {
    let start = sp.start.saturating_sub(base).min(len);
    let end = sp.end.saturating_sub(base).clamp(start, len);
    start..end
}

/// The byte range of 0-based line `l`, line break included.
fn line_range(src: &str, index: &LineIndex, l: usize) -> Range<usize> {
    let a = index.line_start(l);
    let b = if l + 1 < index.line_count() {
        index.line_start(l + 1)
    } else {
        src.len()
    };
    a..b.max(a)
}

/// The lines holding `spans`: (the text, its byte offset, its first line
/// number).
fn window<'a>(src: &'a str, index: &LineIndex, spans: &[Span]) -> (&'a str, usize, usize) {
    let lo = spans
        .iter()
        .map(|s| s.start)
        .min()
        .unwrap_or(0)
        .min(src.len());
    let hi = spans
        .iter()
        .map(|s| s.end)
        .max()
        .unwrap_or(0)
        .min(src.len());
    let first = index.line_of(lo);
    let start = index.line_start(first);
    let end = line_range(src, index, index.line_of(hi)).end.max(start);
    let text = &src[start..end];
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    (text, start, first + 1)
}
