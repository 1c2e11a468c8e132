//! Stage 5': what the prose states. Sentences outside the tables are read
//! for the facts they restate ("收到政府信息公开申请55宗", "予以公开及部分公开
//! 10宗，占18.5%", "行政复议2起，为结果维持"), for claims ("未收到政府信息公开
//! 申请"), and for enumerations ("共 X 条，其中 A 条、B 条、C 条").
//!
//! A figure is tied to a fact by the nearest phrase before it in its clause
//! (or, failing that, right after it: "4宗结转到2024年"). Figures introduced
//! by 约/近/超过 are not exact and are not compared.

use crate::labels::Matcher;
use crate::numerals::{figures, Figure};
use std::ops::Range;
use std::sync::OnceLock;

/// What a prose figure states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    /// 本年新收 (收到/受理…申请 N 件).
    New,
    /// 办理…申请 N 件: received, received with carried over, or dealt with.
    Handled,
    CarriedOver,
    CarriedForward,
    NaturalPerson,
    /// 法人或其他组织: the five organisation columns together.
    Organisations,
    /// 予以公开及部分公开 (their sum).
    GrantedOrPartly,
    Granted,
    PartlyGranted,
    /// 不予公开 (sum of 1–8).
    Withheld,
    /// 无法提供 (sum of 1–3).
    Unavailable,
    /// 不予处理 (sum of 1–5).
    NotProcessed,
    /// 其他处理 (sum of 1–3, or the 2019 single row).
    OtherProcessing,
    /// 行政复议 N 起.
    Review,
    /// 行政诉讼 N 起 (both groups).
    Litigation,
    RulesIssued,
    RulesRepealed,
    RulesInForce,
    DocsIssued,
    DocsRepealed,
    DocsInForce,
}

impl FactKind {
    /// Stable name (used in the model's `figures` list).
    pub fn key(self) -> &'static str {
        use FactKind::*;
        match self {
            New => "applications.new",
            Handled => "applications.handled",
            CarriedOver => "applications.carried_over",
            CarriedForward => "applications.carried_forward",
            NaturalPerson => "applications.natural_person",
            Organisations => "applications.organisations",
            GrantedOrPartly => "applications.granted_or_partly",
            Granted => "applications.granted",
            PartlyGranted => "applications.partly_granted",
            Withheld => "applications.withheld",
            Unavailable => "applications.unavailable",
            NotProcessed => "applications.not_processed",
            OtherProcessing => "applications.other",
            Review => "reviews.review",
            Litigation => "reviews.litigation",
            RulesIssued => "proactive.rules.issued",
            RulesRepealed => "proactive.rules.repealed",
            RulesInForce => "proactive.rules.in_force",
            DocsIssued => "proactive.normative_documents.issued",
            DocsRepealed => "proactive.normative_documents.repealed",
            DocsInForce => "proactive.normative_documents.in_force",
        }
    }

    /// How the report calls it, for messages.
    pub fn name(self) -> &'static str {
        use FactKind::*;
        match self {
            New => "收到申请",
            Handled => "办理申请",
            CarriedOver => "上年结转",
            CarriedForward => "结转下年度",
            NaturalPerson => "自然人申请",
            Organisations => "法人或其他组织申请",
            GrantedOrPartly => "予以公开及部分公开",
            Granted => "予以公开",
            PartlyGranted => "部分公开",
            Withheld => "不予公开",
            Unavailable => "无法提供",
            NotProcessed => "不予处理",
            OtherProcessing => "其他处理",
            Review => "行政复议",
            Litigation => "行政诉讼",
            RulesIssued => "制发规章",
            RulesRepealed => "废止规章",
            RulesInForce => "现行有效规章",
            DocsIssued => "制发行政规范性文件",
            DocsRepealed => "废止行政规范性文件",
            DocsInForce => "现行有效行政规范性文件",
        }
    }
}

/// A figure tied to a fact.
#[derive(Debug, Clone)]
pub struct Fact {
    pub kind: FactKind,
    pub figure: Figure,
    /// "占 P%" right after it.
    pub percent: Option<Figure>,
    /// The sentence speaks of another scope ("区政府办代表区政府受理…"):
    /// the figure may not be the table's.
    pub other_scope: bool,
    /// The sentence (for grouping percentages).
    pub sentence: Range<usize>,
}

/// A statement without a figure that the tables can contradict.
#[derive(Debug, Clone)]
pub enum Claim {
    /// "未收到政府信息公开申请", "无依申请公开".
    NoApplications(Range<usize>),
    /// "均获维持", "均为结果维持", "为结果维持", about 行政复议 and/or 诉讼.
    AllUpheld {
        range: Range<usize>,
        review: bool,
        litigation: bool,
    },
    /// "无收费" / "未收取信息处理费" and the like.
    NoFees(Range<usize>),
    /// A sentence about the 信息处理费 (its presence is what matters).
    FeeStatement(Range<usize>),
}

/// "共 X 条，其中 A 条、B 条、C 条".
#[derive(Debug, Clone)]
pub struct Enumeration {
    pub total: Figure,
    pub parts: Vec<Figure>,
}

/// Everything read from the prose.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub facts: Vec<Fact>,
    pub claims: Vec<Claim>,
    pub enumerations: Vec<Enumeration>,
    /// Dates written as YYYY年M月D日: (year, month, day, range).
    pub dates: Vec<(i32, u32, u32, Range<usize>)>,
    /// "结转到 YYYY 年": the year and where.
    pub carry_years: Vec<(i32, Range<usize>)>,
    /// Statistics period "YYYY年1月1日…12月31日": the year and where.
    pub period_years: Vec<(i32, Range<usize>)>,
}

/// Phrases, in no particular order: the match ending nearest the figure
/// wins, then the longest.
const PHRASES: &[(&str, FactKind)] = &[
    ("予以公开及部分公开", FactKind::GrantedOrPartly),
    ("予以公开和部分公开", FactKind::GrantedOrPartly),
    ("予以公开或部分公开", FactKind::GrantedOrPartly),
    ("公开及部分公开", FactKind::GrantedOrPartly),
    ("部分公开", FactKind::PartlyGranted),
    ("予以公开", FactKind::Granted),
    ("全部公开", FactKind::Granted),
    ("不予公开", FactKind::Withheld),
    ("不予以公开", FactKind::Withheld),
    ("不予处理", FactKind::NotProcessed),
    ("不予以处理", FactKind::NotProcessed),
    ("无法提供", FactKind::Unavailable),
    ("其他处理", FactKind::OtherProcessing),
    ("上年结转", FactKind::CarriedOver),
    ("上年度结转", FactKind::CarriedOver),
    ("上一年度结转", FactKind::CarriedOver),
    ("结转下年度", FactKind::CarriedForward),
    ("结转下一年度", FactKind::CarriedForward),
    ("结转到", FactKind::CarriedForward),
    ("结转至", FactKind::CarriedForward),
    ("自然人", FactKind::NaturalPerson),
    ("法人或其他组织", FactKind::Organisations),
    ("法人和其他组织", FactKind::Organisations),
    ("法人及其他组织", FactKind::Organisations),
    ("收到", FactKind::New),
    ("办理", FactKind::Handled),
    ("新收", FactKind::New),
    ("接收", FactKind::New),
    ("受理", FactKind::New),
    ("行政复议", FactKind::Review),
    ("行政诉讼", FactKind::Litigation),
    ("规章", FactKind::RulesIssued),
    ("规范性文件", FactKind::DocsIssued),
];

/// Words that put a sentence in another scope than the report's tables.
const OTHER_SCOPE: &[&str] = &[
    "代表",
    "本级",
    "各部门",
    "各单位",
    "各乡镇",
    "各镇",
    "各街道",
    "下属",
    "所属",
    "全省",
    "各县",
];

/// [`PHRASES`] and [`OTHER_SCOPE`], prepared for matching once.
fn matchers() -> &'static (Matcher<'static>, Matcher<'static>) {
    static M: OnceLock<(Matcher<'static>, Matcher<'static>)> = OnceLock::new();
    M.get_or_init(|| {
        (
            Matcher::new(PHRASES.iter().map(|p| p.0)),
            Matcher::new(OTHER_SCOPE.iter().copied()),
        )
    })
}

/// Reads the prose of `text` (normalised) within `ranges`.
#[allow(clippy::single_range_in_vec_init)]
pub fn read(text: &str, ranges: &[Range<usize>]) -> Prose {
    let mut p = Prose::default();
    for r in ranges {
        for line in crate::sections::lines(&text[r.clone()]) {
            let line = line.start + r.start..line.end + r.start;
            let l = &text[line.clone()];
            // (Fewer than 6 characters: the 6th is missing.)
            if crate::utf8::has_tab(l)
                || l.trim_start().starts_with('|')
                || l.trim().chars().nth(5).is_none()
            {
                continue;
            }
            // Every claim speaks of one of these: a line without them has
            // none.
            let claims = ["申请", "复议", "诉讼", "处理费", "收费", "信息处理"]
                .iter()
                .any(|w| crate::utf8::contains(l, w));
            for s in sentences(text, line) {
                read_sentence(text, s, claims, &mut p);
            }
        }
    }
    p
}

/// Sentences of a line: split after 。；;！？!?.
fn sentences(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = line.start;
    let b = &text.as_bytes()[line.clone()];
    // Stepping from character to character, stopping at the lead bytes of
    // the breaks: 。 is E3 80 82; ；！？ are EF BC 9B/81/9F.
    const STEP: [u8; 256] = crate::utf8::stop_at(&[b';', b'!', b'?', 0xE3, 0xEF]);
    let mut i = 0;
    while i < b.len() {
        let step = STEP[b[i] as usize] as usize;
        if step > 0 {
            i += step;
            continue;
        }
        let len = match b[i] {
            b';' | b'!' | b'?' => 1,
            0xE3 if b[i + 1..].starts_with(&[0x80, 0x82]) => 3,
            0xEF if b.get(i + 1) == Some(&0xBC)
                && matches!(b.get(i + 2), Some(0x9B | 0x81 | 0x9F)) =>
            {
                3
            }
            _ => {
                i += 3;
                continue;
            }
        };
        let end = line.start + i + len;
        out.push(start..end);
        start = end;
        i += len;
    }
    if start < line.end {
        out.push(start..line.end);
    }
    out
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':')
}

fn read_sentence(text: &str, s: Range<usize>, claims: bool, p: &mut Prose) {
    let sent = &text[s.clone()];
    let figs = figures(sent, s.start);
    read_dates(text, &s, p);
    if claims {
        read_claims(text, &s, p);
    }
    // Looked up when the sentence states a fact.
    let mut other_scope: Option<bool> = None;
    let mut prev_end = s.start;
    for (k, f) in figs.iter().enumerate() {
        if !f.is_count() || f.approx {
            prev_end = f.end;
            continue;
        }
        // The clause before the figure, back to the previous figure.
        let clause_start = text[prev_end..f.range.start]
            .char_indices()
            .rfind(|(_, c)| is_clause_break(*c))
            .map_or(prev_end, |(i, c)| prev_end + i + c.len_utf8());
        let before = &text[clause_start..f.range.start];
        let mut kind = phrase_before(before);
        if kind.is_none() {
            // "4宗结转到2024年继续办理": the phrase after the figure.
            let next_break = text[f.end..s.end]
                .char_indices()
                .find(|(_, c)| is_clause_break(*c))
                .map_or(s.end, |(i, _)| f.end + i);
            let next_fig = figs.get(k + 1).map_or(s.end, |n| n.range.start);
            let after = &text[f.end..next_break.min(next_fig)];
            kind = phrase_after(after);
        }
        prev_end = f.end;
        let Some(kind) = kind else { continue };
        let kind = refine(kind, &text[s.start..f.end], before);
        let Some(kind) = kind else { continue };
        // "占 P%" after the figure.
        let percent = figs.get(k + 1).filter(|n| {
            n.is_percent() && {
                let between = &text[f.end..n.range.start];
                between.contains('占') && between.chars().count() <= 6
            }
        });
        let other_scope = *other_scope.get_or_insert_with(|| matchers().1.any_in(sent));
        p.facts.push(Fact {
            kind,
            figure: f.clone(),
            percent: percent.cloned(),
            other_scope,
            sentence: s.clone(),
        });
    }
    read_enumerations(text, &s, &figs, p);
}

fn phrase_before(before: &str) -> Option<FactKind> {
    use crate::utf8::contains;
    // Every phrase match, nearest the figure first, then the longest.
    let mut found = Vec::new();
    matchers().0.last_matches_into(before, &mut found);
    let mut hits: Vec<(usize, usize, FactKind)> = found
        .into_iter()
        .zip(PHRASES)
        .filter_map(|(pos, (ph, kind))| pos.map(|pos| (pos + ph.len(), ph.len(), *kind)))
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse((h.0, h.1)));
    for (end, _, kind) in hits {
        let between = &before[end..];
        let ok = match kind {
            // 收到/受理/办理 …申请 N 件: only applications, not 热线 calls,
            // reviews or "结转下年度办理".
            FactKind::New | FactKind::Handled => {
                contains(between, "申请")
                    && !contains(between, "复议")
                    && !contains(between, "诉讼")
                    && !contains(between, "热线")
            }
            // "自然人申请件51宗", not a phrase far from its figure.
            _ => between.chars().nth(16).is_none(),
        };
        if ok {
            return Some(kind);
        }
    }
    None
}

fn phrase_after(after: &str) -> Option<FactKind> {
    ["结转到", "结转至", "结转下年度", "结转下一年度"]
        .iter()
        .any(|p| after.trim_start().starts_with(p))
        .then_some(FactKind::CarriedForward)
}

/// 规章 / 规范性文件 facts by the verb of their clause; `None` when the
/// clause does not say which column it means.
fn refine(kind: FactKind, clause: &str, before: &str) -> Option<FactKind> {
    use crate::utf8::contains;
    let (issued, repealed, in_force) = match kind {
        FactKind::RulesIssued => (
            FactKind::RulesIssued,
            FactKind::RulesRepealed,
            FactKind::RulesInForce,
        ),
        FactKind::DocsIssued => (
            FactKind::DocsIssued,
            FactKind::DocsRepealed,
            FactKind::DocsInForce,
        ),
        _ => return Some(kind),
    };
    // "规章性文件", "规章制度" are not 规章.
    if kind == FactKind::RulesIssued && (contains(before, "规章性") || contains(before, "规章制度"))
    {
        return None;
    }
    if contains(clause, "现行有效") {
        Some(in_force)
    } else if contains(clause, "废止") || contains(clause, "清理") || contains(clause, "失效")
    {
        Some(repealed)
    } else if contains(clause, "制发")
        || contains(clause, "印发")
        || contains(clause, "出台")
        || contains(clause, "制定")
        || contains(clause, "发布")
        || contains(clause, "其中")
    {
        Some(issued)
    } else {
        None
    }
}

/// The words claims are read from, found in one pass over a sentence: the
/// characters every claim needs, the subjects, then the wordings of each
/// claim in order of preference.
const CLAIM_WORDS: &[&str] = &[
    // 0..6: every claim needs one of these characters.
    "未",
    "无",
    "没",
    "维",
    "费",
    "收",
    // 6..12: subjects.
    "复议",
    "诉讼",
    "申请",
    "收费",
    "处理费",
    "信息处理",
    // 12..17: no application.
    "未收到",
    "没有收到",
    "未接到",
    "无依申请",
    "未发生依申请",
    // 17..24: all upheld.
    "均获维持",
    "均为结果维持",
    "均被维持",
    "全部维持",
    "均予以维持",
    "为结果维持",
    "均维持",
    // 24..34: no fee.
    "未发出收费通知",
    "无发出收费通知",
    "没有发出收费通知",
    "无收费",
    "未收费",
    "无收取",
    "未收取",
    "没有收取",
    "不收取",
    "未产生",
];

fn read_claims(text: &str, s: &Range<usize>, p: &mut Prose) {
    static M: OnceLock<Matcher<'static>> = OnceLock::new();
    let sent = &text[s.clone()];
    // The first occurrence of each word.
    let mut first = [None; CLAIM_WORDS.len()];
    M.get_or_init(|| Matcher::new(CLAIM_WORDS.iter().copied()))
        .each_match(sent, |i, k| {
            first[k].get_or_insert(i);
        });
    let has = |k: usize| first[k].is_some();
    // The first of the wordings `ks` present, as a range of the text.
    let at = |ks: Range<usize>| {
        ks.into_iter()
            .find_map(|k| first[k].map(|i| s.start + i..s.start + i + CLAIM_WORDS[k].len()))
    };
    if !(0..6).any(has) {
        return;
    }
    let (review, litigation) = (has(6), has(7));
    let about_reviews = review || litigation;
    if has(8) && !about_reviews && !has(9) {
        if let Some(r) = at(12..17) {
            p.claims.push(Claim::NoApplications(r));
        }
    }
    if about_reviews {
        if let Some(r) = at(17..24) {
            p.claims.push(Claim::AllUpheld {
                range: r,
                review,
                litigation,
            });
        }
    }
    if has(10) || has(9) || has(11) {
        p.claims.push(Claim::FeeStatement(s.clone()));
        if let Some(r) = at(24..34) {
            p.claims.push(Claim::NoFees(r));
        }
    }
}

fn read_dates(text: &str, s: &Range<usize>, p: &mut Prose) {
    let sent = &text[s.clone()];
    let b = sent.as_bytes();
    let mut i = 0;
    while i + 5 <= b.len() {
        // Straight to the next digit.
        match crate::utf8::next_digit(b, i) {
            Some(k) if k + 5 <= b.len() => i = k,
            _ => break,
        }
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let year: i32 = sent[i..i + 4].parse().unwrap_or(0);
            let rest = &sent[i + 4..];
            let rest_t = rest.trim_start();
            if let Some(after_year) = rest_t.strip_prefix('年') {
                let start = s.start + i;
                // Month and day.
                let (m, d, len) = month_day(after_year);
                let consumed = rest.len() - after_year.len() + len;
                let end = s.start + i + 4 + consumed;
                if let (Some(m), Some(d)) = (m, d) {
                    p.dates.push((year, m, d, start..end));
                    if m == 1 && d == 1 && {
                        let rest_squeezed: String =
                            sent[i..].chars().filter(|c| *c != ' ').collect();
                        rest_squeezed.contains("12月31日")
                    } {
                        p.period_years.push((year, start..end));
                    }
                }
                // "结转到2024年".
                let before = &sent[..i];
                if ["结转到", "结转至", "转入"]
                    .iter()
                    .any(|w| before.trim_end().ends_with(w))
                {
                    p.carry_years.push((year, start..s.start + i + 4));
                }
            }
            i += 4;
            continue;
        }
        // No year starts inside this run of digits: past it.
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
}

fn month_day(s: &str) -> (Option<u32>, Option<u32>, usize) {
    let t = s.trim_start();
    let md: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let Some(rest) = t[md.len()..].trim_start().strip_prefix('月') else {
        return (None, None, 0);
    };
    let rest_t = rest.trim_start();
    let dd: String = rest_t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let after = rest_t[dd.len()..].trim_start();
    if !after.starts_with('日') && !after.starts_with('号') {
        return (md.parse().ok(), None, 0);
    }
    let len = s.len() - after.len() + '日'.len_utf8();
    (md.parse().ok(), dd.parse().ok(), len)
}

/// "T，其中 A、B、C" and "T（含 A、B、C）".
fn read_enumerations(text: &str, s: &Range<usize>, figs: &[Figure], p: &mut Prose) {
    for (k, t) in figs.iter().enumerate() {
        if !t.is_count() || t.approx {
            continue;
        }
        let after = &text[t.end..s.end];
        let trimmed = after.trim_start_matches(['，', ',', '、', ' ']);
        let (list_start, bracket) = if let Some(r) = trimmed.strip_prefix("其中") {
            (s.end - r.len(), false)
        } else if let Some(r) = trimmed.strip_prefix(['（', '(']) {
            let r2 = ["其中", "含", "包括"]
                .iter()
                .find_map(|w| r.strip_prefix(w))
                .unwrap_or(r);
            (s.end - r2.len(), true)
        } else {
            continue;
        };
        if bracket && !after.starts_with(['（', '(']) {
            continue;
        }
        let parts = list_items(text, list_start, s.end, &figs[k + 1..], bracket);
        if parts.len() >= 2 {
            p.enumerations.push(Enumeration {
                total: t.clone(),
                parts,
            });
        }
    }
}

/// Items "label N unit" separated by 、，; from `start`, at the same bracket
/// depth; a nested bracket after an item is skipped (it is an enumeration
/// of its own). Stops at the first clause that is not such an item.
fn list_items(
    text: &str,
    start: usize,
    end: usize,
    figs: &[Figure],
    in_bracket: bool,
) -> Vec<Figure> {
    let mut items = Vec::new();
    let mut pos = start;
    let mut fi = 0;
    loop {
        // Next figure at or after pos.
        while fi < figs.len() && figs[fi].range.start < pos {
            fi += 1;
        }
        let Some(f) = figs.get(fi) else { break };
        let label = &text[pos..f.range.start];
        if label.trim().is_empty()
            || label.contains(['，', ',', '；', ';', '。', '（', '(', '）', ')'])
            || !f.is_count()
            || f.approx
        {
            break;
        }
        // What follows the item.
        let rest = &text[f.end..end];
        let Some(c) = rest.chars().next() else {
            items.push(f.clone());
            break;
        };
        match c {
            '、' | '，' | ',' => {
                items.push(f.clone());
                pos = f.end + c.len_utf8();
            }
            '（' | '(' => {
                items.push(f.clone());
                // Skip the nested bracket.
                let mut depth = 0;
                let mut close = None;
                for (i, ch) in rest.char_indices() {
                    match ch {
                        '（' | '(' => depth += 1,
                        '）' | ')' => {
                            depth -= 1;
                            if depth == 0 {
                                close = Some(f.end + i + ch.len_utf8());
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let Some(cl) = close else { break };
                pos = cl;
                let next = text[pos..end].chars().next();
                match next {
                    Some(n @ ('、' | '，' | ',')) => pos += n.len_utf8(),
                    _ => break,
                }
            }
            '）' | ')' if in_bracket => {
                items.push(f.clone());
                break;
            }
            '。' | '；' | ';' => {
                items.push(f.clone());
                break;
            }
            _ => break,
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(t: &str) -> Prose {
        read(t, std::slice::from_ref(&(0..t.len())))
    }

    #[test]
    fn facts_and_percentages() {
        let t = "2023年市政府办公室收到政府信息公开申请55宗，上年结转政府信息公开申请数量3宗，其中54宗在法定期限内进行答复，4宗结转到2024年继续办理，自然人申请件51宗，法人或其他组织申请件4宗。予以公开及部分公开10宗，占18.5%；不予公开3宗，占5.6%。信息公开类行政复议2起，为结果维持。";
        let p = read_all(t);
        let kinds: Vec<(FactKind, String)> = p
            .facts
            .iter()
            .map(|f| (f.kind, f.figure.value.to_string()))
            .collect();
        use FactKind::*;
        assert_eq!(
            kinds,
            vec![
                (New, "55".into()),
                (CarriedOver, "3".into()),
                (CarriedForward, "4".into()),
                (NaturalPerson, "51".into()),
                (Organisations, "4".into()),
                (GrantedOrPartly, "10".into()),
                (Withheld, "3".into()),
                (Review, "2".into()),
            ]
        );
        assert_eq!(
            p.facts[5].percent.as_ref().unwrap().value.to_string(),
            "18.5"
        );
        assert!(p.enumerations.is_empty());
        assert!(matches!(p.claims[0], Claim::AllUpheld { review: true, .. }));
        assert_eq!(p.carry_years[0].0, 2024);
    }

    #[test]
    fn enumerations_nested() {
        let t = "发布各类主动公开信息1750条，其中概况类信息368条、政务动态信息469条、信息公开目录信息873条（含涉及教育、乡村振兴等领域信息191条、预算决算126条、政府文件30条，其他发布526条）。";
        let p = read_all(t);
        let e: Vec<(String, Vec<String>)> = p
            .enumerations
            .iter()
            .map(|e| {
                (
                    e.total.value.to_string(),
                    e.parts.iter().map(|f| f.value.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(
            e,
            vec![
                (
                    "1750".into(),
                    vec!["368".into(), "469".into(), "873".into()]
                ),
                (
                    "873".into(),
                    vec!["191".into(), "126".into(), "30".into(), "526".into()]
                ),
            ]
        );
    }

    #[test]
    fn hotline_is_not_an_application_and_chinese_numerals_count() {
        let p = read_all("12345热线全年共受理业务253130件。共收到政府信息公开申请二十三件。");
        assert_eq!(p.facts.len(), 1);
        assert_eq!(p.facts[0].figure.value.to_string(), "23");
        let p = read_all("2023 全年未收到政府信息公开申请，无依申请公开信息。");
        assert!(matches!(p.claims[0], Claim::NoApplications(_)));
    }
}
