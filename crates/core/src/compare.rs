//! Last year's report: which reports of a batch follow one another
//! ([`pair`]), and what one year's report must carry into the next
//! ([`compare`], rules in [`crate::rules::previous`]).
//!
//! A report is identified by its body (the agency, from the title) and its
//! year. Two reports pair when they name the same body — after
//! [`agency_key`]'s normalisation — and their years follow one another.
//! Nothing is guessed: a report whose title or year cannot be read is never
//! paired, and neither is one that has two candidate predecessors.
//!
//! Spans of the findings of [`compare`] point into the **current** report.
//! Their `related` entries point into the current report too, except those
//! whose label starts with "上年报告：" (Chinese) or "previous report: "
//! (English), which point into the **previous** report's text — see
//! [`is_previous_label`]. A tool that shows them must read those spans
//! against the previous file.

use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::model::{Cell, Report};
use crate::rules::previous::{CARRY_OVER, IN_FORCE};
use crate::template::{Template, APPLICANT_COLUMNS};

/// The label prefix of a related span in the previous report (Chinese).
pub const PREVIOUS_LABEL_ZH: &str = "上年报告：";
/// The label prefix of a related span in the previous report (English).
pub const PREVIOUS_LABEL_EN: &str = "previous report: ";

/// Whether a related label produced by [`compare`] refers to the previous
/// report (its span is an offset into the previous report's text).
pub fn is_previous_label(label: &str) -> bool {
    label.starts_with(PREVIOUS_LABEL_ZH) || label.starts_with(PREVIOUS_LABEL_EN)
}

/// What pairing needs to know of a report: the body that wrote it and the
/// year it covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    /// The body, as the title names it (whitespace removed), e.g.
    /// "韶关市武江区人民政府"; see [`agency`].
    pub agency: Option<String>,
    /// The year the report covers.
    pub year: Option<i32>,
}

impl Identity {
    /// The identity of a checked report (from its title and year).
    pub fn of(report: &Report) -> Identity {
        Identity {
            agency: report.title.as_deref().and_then(agency),
            year: report.year,
        }
    }
}

/// The identity [`crate::check`] would find in a plain-text report, without
/// reading its tables (the title and year only: a small fraction of a
/// check's cost). Equal to `Identity::of(&check(text, _))`.
pub fn identify(text: &str) -> Identity {
    // The title is among the first 12 non-empty lines, and a year in it
    // decides: when the opening settles both, the rest is not read (a
    // batch identifies every report before checking any).
    for opening in [2 * 1024, 16 * 1024] {
        if text.len() <= opening {
            break;
        }
        let mut cut = opening;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let Some(nl) = text[..cut].rfind('\n') else {
            continue;
        };
        // Whole lines only: a title found among them is the one the whole
        // text gives (the first line naming the report, joined at most
        // with the line before it).
        let head = crate::normalize::normalize(&text[..=nl]).text;
        let title = crate::sections::find_title(&head);
        if let Some(year) = title
            .as_ref()
            .and_then(|t| crate::sections::first_year(&t.0))
        {
            return Identity {
                agency: title.as_ref().and_then(|t| agency(&t.0)),
                year: Some(year),
            };
        }
        if title.is_some() {
            break;
        }
    }
    identify_norm(&crate::normalize::normalize(text).text)
}

/// As [`identify`], for HTML (what [`crate::check_html`] would find).
pub fn identify_html(html: &str) -> Identity {
    identify_norm(&crate::input::html::render(html).text)
}

fn identify_norm(text: &str) -> Identity {
    let title = crate::sections::find_title(text);
    let year = crate::sections::find_year(text, title.as_ref().map(|t| t.0.as_str()));
    Identity {
        agency: title.as_ref().and_then(|t| agency(&t.0)),
        year,
    }
}

/// The body named by a report's title: the text before the year or before
/// "政府信息公开", whitespace removed, a leading year ("2019年上海市…") and a
/// trailing "关于"/"的" dropped. `None` when nothing is left.
///
/// ```
/// use gongkai_core::compare::agency;
/// assert_eq!(agency("赣县区行政审批局 2023 年政府信息公开 工作年度报告").as_deref(), Some("赣县区行政审批局"));
/// assert_eq!(agency("2019年上海市人民政府办公厅政府信息公开工作年度报告").as_deref(), Some("上海市人民政府办公厅"));
/// ```
pub fn agency(title: &str) -> Option<String> {
    let t: String = title
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let t = t.trim_start_matches(['《', '“', '"', '【', '[']);
    // A leading year: "2019年上海市…", "2019年度…".
    let t = match year_at(t, 0) {
        Some(len) => &t[len..],
        None => t,
    };
    let mut end = t.find("政府信息公开").unwrap_or(t.len());
    if let Some(y) = (0..t.len())
        .filter(|&i| t.is_char_boundary(i))
        .find(|&i| year_at(t, i).is_some())
    {
        end = end.min(y);
    }
    let mut a = &t[..end];
    loop {
        let before = a;
        for suffix in ["关于", "的", "（", "(", "《"] {
            a = a.strip_suffix(suffix).unwrap_or(a);
        }
        if a == before {
            break;
        }
    }
    (!a.is_empty()).then(|| a.to_string())
}

/// If a year ("2023年" or "2023年度") starts at byte `i`, its length.
fn year_at(t: &str, i: usize) -> Option<usize> {
    let b = t.as_bytes();
    if b.len() < i + 4 || !b[i..i + 4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if i > 0 && b[i - 1].is_ascii_digit() {
        return None;
    }
    let rest = &t[i + 4..];
    let after = rest.strip_prefix('年')?;
    let du = if after.starts_with('度') {
        '度'.len_utf8()
    } else {
        0
    };
    Some(4 + '年'.len_utf8() + du)
}

/// The body's name normalised for comparison: punctuation dropped and
/// "人民政府" read as "政府" (a body writes "武江区人民政府" one year and
/// "武江区政府" the next).
pub fn agency_key(agency: &str) -> String {
    agency
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punct(*c))
        .collect::<String>()
        .replace("人民政府", "政府")
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '“' | '”' | '‘' | '’' | '·')
}

/// Whether two normalised names denote the same body: equal, or one is the
/// other preceded by its parent division ("淮安市洪泽区政府" and
/// "洪泽区政府"), where the shorter still names a place (it holds 省, 市,
/// 区, 县, 州, 盟 or 旗).
pub fn same_agency(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    const DIVISIONS: [char; 7] = ['省', '市', '区', '县', '州', '盟', '旗'];
    let Some(prefix) = long.strip_suffix(short) else {
        return false;
    };
    prefix.ends_with(DIVISIONS) && short.contains(DIVISIONS)
}

/// Pairs the reports of a batch that follow one another: returns
/// `(previous, current)` index pairs, sorted by `current`.
///
/// Reports pair only when their keys are equal (the key is a scope: pass the
/// same key for all to pair across the whole batch, or e.g. a folder to
/// pair within it), they name the same body ([`same_agency`]) and the
/// previous one covers the year before. A report with two candidate
/// predecessors (two reports of the same body for the same year) is not
/// paired: which one to compare with would be a guess.
pub fn pair<K: PartialEq>(reports: &[(K, &Report)]) -> Vec<(usize, usize)> {
    let ids: Vec<(&K, Identity)> = reports.iter().map(|(k, r)| (k, Identity::of(r))).collect();
    pair_identities(&ids)
}

/// [`pair`] on identities (e.g. from [`identify`], which is much cheaper
/// than a check).
pub fn pair_identities<K: PartialEq>(items: &[(K, Identity)]) -> Vec<(usize, usize)> {
    let keys: Vec<Option<(String, i32)>> = items
        .iter()
        .map(|(_, id)| Some((agency_key(id.agency.as_deref()?), id.year?)))
        .collect();
    let mut pairs = Vec::new();
    for (i, cur) in keys.iter().enumerate() {
        let Some((cur_name, cur_year)) = cur else {
            continue;
        };
        let mut found = None;
        let mut count = 0;
        for (j, prev) in keys.iter().enumerate() {
            let Some((prev_name, prev_year)) = prev else {
                continue;
            };
            if j != i
                && *prev_year == cur_year - 1
                && items[j].0 == items[i].0
                && same_agency(prev_name, cur_name)
            {
                found = Some(j);
                count += 1;
            }
        }
        if let (Some(j), 1) = (found, count) {
            pairs.push((j, i));
        }
    }
    pairs
}

/// Compares this year's report with last year's: the carry-over of
/// applications in every column ([`CARRY_OVER`], error) and, in the 2021
/// format, the documents in force ([`IN_FORCE`], warning).
///
/// Spans point into `current`; related entries labelled "上年报告：…" /
/// "previous report: …" point into `previous` ([`is_previous_label`]).
/// Returns nothing when both years are known and do not follow one another
/// (the reports are not last year's and this year's), and skips every
/// figure missing or unreadable in either report (each report's own check
/// says why).
pub fn compare(previous: &Report, current: &Report, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let (Some(p), Some(c)) = (previous.year, current.year) {
        if p + 1 != c {
            return out;
        }
    }
    let prev_name = |zh: &str, en: &str| match lang {
        Lang::Zh => format!("{PREVIOUS_LABEL_ZH}{zh}"),
        Lang::En => format!("{PREVIOUS_LABEL_EN}{en}"),
    };
    let last_year = match (lang, previous.year) {
        (Lang::Zh, Some(y)) => format!("上年（{y} 年度）报告"),
        (Lang::Zh, None) => "上年报告".to_string(),
        (Lang::En, Some(y)) => format!("last year's ({y}) report"),
        (Lang::En, None) => "last year's report".to_string(),
    };
    let num = |c: &Cell| c.value.map_or("?".to_string(), |v| v.to_string());

    // 上年结转 = last year's 结转下年度.
    for col in APPLICANT_COLUMNS {
        let (Some(cur), Some(prev)) = (
            current.cell("applications", "carried_over", col.key),
            previous.cell("applications", "carried_forward", col.key),
        ) else {
            continue;
        };
        let (Some(c), Some(p)) = (cur.value, prev.value) else {
            continue;
        };
        if c == p {
            continue;
        }
        let message = lang.pick_with(
            || format!(
                "{}列：本年“上年结转”为 {c}，但{last_year}“结转下年度继续办理”为 {p}",
                col.label
            ),
            || format!(
                "column {}: carried over from last year is {c}, but {last_year} carried {p} forward",
                col.key
            ),
        );
        out.push(
            Diagnostic::new(CARRY_OVER.code, Severity::Error, message, cur.span)
                .numbers(p, c)
                .related(
                    prev.span,
                    prev_name(
                        &format!("结转下年度 {} {}", col.label, num(prev)),
                        &format!("carried forward, {} {}", col.key, num(prev)),
                    ),
                ),
        );
    }

    // 现行有效件数 = last year's + 本年制发 − 本年废止.
    if previous.template == Template::V2021 && current.template == Template::V2021 {
        for (row, label) in [("rules", "规章"), ("normative_documents", "行政规范性文件")]
        {
            let get = |r: &'_ Report, col: &str| r.cell("proactive", row, col).cloned();
            let (Some(was), Some(issued), Some(repealed), Some(now)) = (
                get(previous, "in_force"),
                get(current, "issued"),
                get(current, "repealed"),
                get(current, "in_force"),
            ) else {
                continue;
            };
            let (Some(w), Some(i), Some(r), Some(n)) =
                (was.value, issued.value, repealed.value, now.value)
            else {
                continue;
            };
            let Some(expected) = w.checked_add(i).and_then(|x| x.checked_sub(r)) else {
                continue;
            };
            if expected == n {
                continue;
            }
            let message = lang.pick_with(
                || format!(
                    "{label}：{last_year}现行有效 {w} + 本年制发 {i} − 本年废止 {r} = {expected}，但现行有效件数为 {n}（清理、失效也可能合理地打破这一关系，请核实）"
                ),
                || format!(
                    "{label} ({row}): {last_year} had {w} in force + {i} issued − {r} repealed = {expected}, but {n} are in force (a clean-up or expiry can legitimately break this: please verify)"
                ),
            );
            out.push(
                Diagnostic::new(IN_FORCE.code, Severity::Warning, message, now.span)
                    .numbers(expected, n)
                    .related(
                        was.span,
                        prev_name(
                            &format!("{label} 现行有效件数 {w}"),
                            &format!("{row} in force {w}"),
                        ),
                    )
                    .related(
                        issued.span,
                        lang.pick_with(|| format!("本年制发件数 {i}"), || format!("issued {i}")),
                    )
                    .related(
                        repealed.span,
                        lang.pick_with(|| format!("本年废止件数 {r}"), || format!("repealed {r}")),
                    ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_from_titles() {
        let cases = [
            (
                "韶关市武江区人民政府2023年度政府信息公开工作报告",
                "韶关市武江区人民政府",
            ),
            ("四方台区2023年政府信息公开工作年度报告", "四方台区"),
            (
                "赣县区行政审批局 2023 年政府信息公开 工作年度报告",
                "赣县区行政审批局",
            ),
            (
                "清远市人民政府办公室 2023 年 政府信息公开工作年度报告",
                "清远市人民政府办公室",
            ),
            (
                "2019年上海市人民政府办公厅政府信息公开工作年度报告",
                "上海市人民政府办公厅",
            ),
            ("XX市人民政府政府信息公开工作年度报告", "XX市人民政府"),
            ("某某局关于2023年度政府信息公开工作年度报告", "某某局"),
            ("《某某县2022年政府信息公开工作年度报告》", "某某县"),
        ];
        for (title, want) in cases {
            assert_eq!(agency(title).as_deref(), Some(want), "{title}");
        }
        assert_eq!(agency("2023年政府信息公开工作年度报告"), None);
    }

    #[test]
    fn same_body_across_titles() {
        let k = |s: &str| agency_key(s);
        assert!(same_agency(
            &k("洪泽区人民政府"),
            &k("淮安市洪泽区人民政府")
        ));
        assert!(same_agency(&k("武江区政府"), &k("武江区人民政府")));
        assert!(!same_agency(&k("淮安市人民政府"), &k("洪泽区人民政府")));
        assert!(!same_agency(
            &k("人民政府办公室"),
            &k("清远市人民政府办公室")
        ));
        assert!(!same_agency("", ""));
    }

    fn id(a: &str, y: i32) -> ((), Identity) {
        (
            (),
            Identity {
                agency: Some(a.into()),
                year: Some(y),
            },
        )
    }

    #[test]
    fn pairs_consecutive_years_and_never_guesses() {
        let items = [
            id("甲县", 2023),
            id("甲县", 2022),
            id("乙县", 2022),
            id("乙县", 2021),
            id("乙县", 2021),
            id("丙县", 2020),
            ((), Identity::default()),
        ];
        // 甲县 2022 → 2023; 乙县 2022 has two 2021 candidates: not paired.
        assert_eq!(pair_identities(&items), vec![(1, 0)]);
        // Keys scope the pairing.
        let scoped = [("a", items[0].1.clone()), ("b", items[1].1.clone())];
        assert!(pair_identities(&scoped).is_empty());
    }

    #[test]
    fn carry_over_from_last_year() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/seeds");
        let path = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_str().unwrap().contains("000_"))
            .unwrap();
        let this = std::fs::read_to_string(path).unwrap();
        // Seed 000 carries 3 (自然人) and 3 (总计) forward and took 0 over.
        let last = this.replace("2023", "2022");
        let opts = Default::default();
        let (p, c) = (crate::check(&last, &opts), crate::check(&this, &opts));
        for lang in [Lang::Zh, Lang::En] {
            let d = compare(&p, &c, lang);
            let carry: Vec<&Diagnostic> = d.iter().filter(|d| d.code == CARRY_OVER.code).collect();
            assert_eq!(carry.len(), 2, "{d:#?}");
            for f in &carry {
                assert_eq!(f.severity, Severity::Error);
                assert_eq!(this[f.span.start..f.span.end].trim(), "0");
                assert_eq!(f.related.len(), 1);
                assert!(is_previous_label(&f.related[0].label));
                let r = f.related[0].span;
                assert_eq!(last[r.start..r.end].trim(), "3");
            }
            // 行政规范性文件: 5 + 2 − 2 = 5 holds.
            assert!(d.iter().all(|d| d.code != IN_FORCE.code));
        }
        // Not last year's: nothing compared.
        assert!(compare(&c, &p, Lang::Zh).is_empty());
        assert!(compare(&c, &c, Lang::Zh).is_empty());
    }

    #[test]
    fn identify_agrees_with_check() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        for sub in ["seeds", "real"] {
            for e in std::fs::read_dir(dir.join(sub)).unwrap() {
                let full = std::fs::read_to_string(e.unwrap().path()).unwrap();
                // Whole, and cut around the lengths identify reads first.
                for len in [usize::MAX, 1500, 2100, 2500, 9000, 16500, 17000, 40000] {
                    let mut len = len.min(full.len());
                    while !full.is_char_boundary(len) {
                        len -= 1;
                    }
                    let text = &full[..len];
                    let html = crate::input::looks_like_html(text);
                    let r = crate::check_auto(text, &Default::default());
                    let id = if html {
                        identify_html(text)
                    } else {
                        identify(text)
                    };
                    assert_eq!(id, Identity::of(&r), "{len}");
                }
            }
        }
    }
}
