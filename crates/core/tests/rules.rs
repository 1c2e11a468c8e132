//! Each rule with a passing and a failing example, made from the seeds by
//! one edit; the seeds' acceptance for prose and structure; and a test that
//! changes every prose figure the rules read.

use gongkai_core::{check, Diagnostic, Options, Report, Severity};
use std::path::Path;

fn seed(prefix: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/seeds");
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        if e.file_name().to_string_lossy().starts_with(prefix) {
            return std::fs::read_to_string(e.path()).unwrap();
        }
    }
    panic!("no seed {prefix}");
}

/// `text` with the first `from` replaced by `to` (which must be there).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the text");
    text.replacen(from, to, 1)
}

fn run(text: &str) -> Report {
    check(text, &Options::default())
}

fn with<'a>(r: &'a Report, code: &str) -> Vec<&'a Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// The text a diagnostic's main span covers.
fn at<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    &text[d.span.start..d.span.end]
}

#[test]
fn seeds_000_and_002_have_no_error_and_no_warning() {
    for s in ["000", "002"] {
        let r = run(&seed(s));
        let bad: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(|d| (d.code, d.message.clone()))
            .collect();
        assert!(bad.is_empty(), "{s}: {bad:?}");
    }
}

#[test]
fn seed_001_enumeration_and_fee_statement() {
    let text = seed("001");
    let r = run(&text);
    let e = with(&r, "prose.enumeration-sum");
    assert_eq!(e.len(), 1);
    assert_eq!(at(&text, e[0]), "1750");
    assert_eq!(e[0].expected.unwrap().to_string(), "1710");
    assert_eq!(with(&r, "fees.statement-missing").len(), 1);
    assert!(r.diagnostics.iter().all(|d| d.severity < Severity::Error));
}

#[test]
fn seed_004_prose_mismatch_percentages_and_fix() {
    let text = seed("004");
    let r = run(&text);
    let m = with(&r, "prose.mismatch");
    assert_eq!(m.len(), 1);
    assert_eq!(at(&text, m[0]), "4");
    assert!(text[..m[0].span.start].ends_with("法人或其他组织申请件"));
    assert_eq!(m[0].expected.unwrap().to_string(), "3");
    assert!(
        with(&r, "prose.percentage").is_empty() && with(&r, "prose.percentage-total").is_empty()
    );
    // The minimal repair: 自然人 本年新收 51 → 52 repairs both table errors.
    for code in ["applications.row-sum", "applications.column-balance"] {
        let d = with(&r, code)[0];
        let fix = d.fix.as_ref().expect("a fix");
        assert_eq!(&text[fix.span.start..fix.span.end], "51");
        assert_eq!(fix.replacement, "52");
        let mut fixed = text.clone();
        fixed.replace_range(fix.span.start..fix.span.end, &fix.replacement);
        let r2 = run(&fixed);
        assert!(
            with(&r2, "applications.row-sum").is_empty()
                && with(&r2, "applications.column-balance").is_empty()
        );
    }
}

#[test]
fn no_fix_when_no_single_cell_repairs_everything() {
    // Two unrelated rows broken: no one cell repairs both.
    let t = edit(&seed("004"), "(一) 予以公开\t6\t1", "(一) 予以公开\t9\t1");
    let r = run(&t);
    assert!(r
        .diagnostics
        .iter()
        .all(|d| d.fix.is_none() || d.code == "table.label-typo"));
}

#[test]
fn prose_mismatch_with_chinese_and_fullwidth_numerals() {
    let base = seed("000");
    // 二十三 = 23 passes; ２３ passes; 二十四 fails at the numeral.
    for ok in ["自然人申请事项二十三宗", "自然人申请事项２３宗"] {
        let r = run(&edit(&base, "自然人申请事项23宗", ok));
        assert!(with(&r, "prose.mismatch").is_empty(), "{ok}");
    }
    let t = edit(&base, "自然人申请事项23宗", "自然人申请事项二十四宗");
    let r = run(&t);
    let m = with(&r, "prose.mismatch");
    assert_eq!(m.len(), 1);
    assert_eq!(at(&t, m[0]), "二十四");
    // Another scope: a warning, not an error.
    let t = edit(&base, "我府及相关部门共办理", "区政府办代表区政府共办理");
    let t = edit(&t, "自然人申请事项23宗", "自然人申请事项17宗");
    let r = run(&t);
    assert_eq!(with(&r, "prose.other-scope").len(), 1);
    assert!(with(&r, "prose.mismatch").is_empty());
}

#[test]
fn percentages_rounded_truncated_and_wrong() {
    let base = seed("004");
    // 3 ÷ 54 = 5.555…%: 5.6 (rounded) and 5.5 (truncated) both hold.
    for ok in ["不予公开3宗，占5.6%", "不予公开3宗，占5.5%"] {
        let r = run(&edit(&base, "不予公开3宗，占5.6%", ok));
        assert!(with(&r, "prose.percentage").is_empty(), "{ok}");
    }
    // 5.2 follows from no denominator (3 ÷ 55 = 5.45…, 3 ÷ 58 = 5.17…,
    // 3 ÷ 54 = 5.55…).
    let t = edit(&base, "不予公开3宗，占5.6%", "不予公开3宗，占5.0%");
    let r = run(&t);
    let p = with(&r, "prose.percentage");
    assert_eq!(p.len(), 1);
    assert_eq!(at(&t, p[0]), "5.0");
    // A breakdown that no longer makes 100 %.
    let t = edit(&seed("000"), "其他处理4宗，占16%", "其他处理4宗，占26%");
    let r = run(&t);
    assert_eq!(with(&r, "prose.percentage-total").len(), 1);
    // Six shares written to one decimal may each be off by 0.1: 100.2 is
    // within 0.6 of 100 (the tolerance was once computed through a float,
    // which printed as 0.6000000000000001, failed to parse and became 0).
    let t = edit(&seed("000"), "其他处理4宗，占16%", "其他处理4宗，占16.1%");
    let t = edit(&t, "结转下年度办理3宗，占12%", "结转下年度办理3宗，占12.1%");
    assert!(with(&run(&t), "prose.percentage-total").is_empty());
    let t = edit(&t, "其他处理4宗，占16.1%", "其他处理4宗，占16.6%");
    assert_eq!(with(&run(&t), "prose.percentage-total").len(), 1);
}

#[test]
fn enumerations_nested_exceeding_and_short() {
    let base = seed("001");
    // The nested enumeration (873 = 191 + 126 + 30 + 526) holds; break it.
    let t = edit(&base, "其他发布526条", "其他发布536条");
    let r = run(&t);
    let e = with(&r, "prose.enumeration-exceeds");
    assert_eq!(e.len(), 1);
    assert_eq!(at(&t, e[0]), "873");
    // Repair the top-level one: no finding.
    let t = edit(&base, "信息1750条", "信息1710条");
    let r = run(&t);
    assert!(
        with(&r, "prose.enumeration-sum").is_empty()
            && with(&r, "prose.enumeration-exceeds").is_empty()
    );
}

#[test]
fn no_applications_and_all_upheld_claims() {
    let base = seed("004");
    let t = edit(
        &base,
        "信息公开类行政复议2起，为结果维持。",
        "本年度未收到政府信息公开申请。信息公开类行政复议2起，为结果维持。",
    );
    assert_eq!(with(&run(&t), "prose.no-applications").len(), 1);
    assert!(with(&run(&seed("003")), "prose.no-applications").is_empty());
    let t = edit(&base, "2\t0\t0\t0\t2\t0", "1\t1\t0\t0\t2\t0");
    let r = run(&t);
    let u = with(&r, "prose.all-upheld");
    assert_eq!(u.len(), 1);
    assert_eq!(at(&t, u[0]), "为结果维持");
}

#[test]
fn sections_missing_and_out_of_order() {
    let base = seed("000");
    let t = edit(&base, "五、存在的主要问题及改进情况\n", "");
    let r = run(&t);
    assert_eq!(with(&r, "structure.section-missing").len(), 1);
    assert!(with(&r, "structure.section-order").is_empty());
    // Swap 五 and 六.
    let five = base.find("五、存在的主要问题及改进情况").unwrap();
    let six = base.find("六、其他需要报告的事项").unwrap();
    let mut t = base[..five].to_string();
    t.push_str(&base[six..]);
    t.push('\n');
    t.push_str(&base[five..six]);
    let r = run(&t);
    assert_eq!(with(&r, "structure.section-order").len(), 1);
    assert!(with(&run(&base), "structure.section-missing").is_empty());
}

#[test]
fn outdated_template_and_overview_length() {
    let t = edit(&seed("002"), "2019年政府", "2023年政府");
    let r = run(&t);
    let d = with(&r, "template.outdated");
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("本年新制作数量"));
    assert!(with(&run(&seed("002")), "template.outdated").is_empty());
    // 000's overview is about 1190 characters: advice only.
    let r = run(&seed("000"));
    let o = with(&r, "structure.overview-length");
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].severity, Severity::Info);
    assert!(with(&run(&seed("002")), "structure.overview-length").is_empty());
}

#[test]
fn years_agree_or_not() {
    let base = seed("004");
    assert!(with(&run(&base), "year.mismatch").is_empty());
    let t = edit(&base, "4宗结转到2024年", "4宗结转到2023年");
    let r = run(&t);
    let y = with(&r, "year.mismatch");
    assert_eq!(y.len(), 1);
    assert_eq!(at(&t, y[0]), "2023");
    let t = edit(&base, "2024年1月29日", "2024年3月29日");
    assert_eq!(with(&run(&t), "year.signing-date").len(), 1);
    let t = edit(&base, "2024年1月29日", "2025年1月29日");
    assert_eq!(with(&run(&t), "year.mismatch").len(), 1);
    // The statistics period, written with spaces.
    let t = edit(
        &base,
        "2023 年 1 月 1 日至 12 月 31 日",
        "2022 年 1 月 1 日至 12 月 31 日",
    );
    let r = run(&t);
    let y = with(&r, "year.mismatch");
    assert_eq!(y.len(), 1);
    assert_eq!(at(&t, y[0]), "2022 年 1 月 1 日");
}

#[test]
fn fee_statement_and_contradiction() {
    assert!(with(&run(&seed("000")), "fees.statement-missing").is_empty());
    assert_eq!(with(&run(&seed("001")), "fees.statement-missing").len(), 1);
    // The 2019 format does not require it.
    assert!(with(&run(&seed("002")), "fees.statement-missing").is_empty());
    // （六）2 counts a fee notice while the text says none was sent.
    let base = seed("004");
    let row = "缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0";
    let t = edit(
        &base,
        row,
        "缴纳费用、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1",
    );
    let r = run(&t);
    let f = with(&r, "fees.contradiction");
    assert_eq!(f.len(), 1);
    assert_eq!(at(&t, f[0]), "无发出收费通知");
}

#[test]
fn label_typo_is_advice_with_a_fix() {
    let t = edit(
        &seed("000"),
        "2.其他法律行政法规禁止公开",
        "2.其他法律行政止公开",
    );
    let r = run(&t);
    let d = with(&r, "table.label-typo");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Info);
    assert_eq!(at(&t, d[0]), "其他法律行政止公开");
    assert_eq!(
        d[0].fix.as_ref().unwrap().replacement,
        "其他法律行政法规禁止公开"
    );
    // The row was still read.
    assert!(r
        .applications
        .as_ref()
        .unwrap()
        .row("withheld.prohibited_by_law")
        .is_some());
    for s in ["000", "001", "002", "003", "004"] {
        assert!(with(&run(&seed(s)), "table.label-typo").is_empty(), "{s}");
    }
}

/// Changing any prose figure the rules read (in 000 and 004) yields a
/// finding at that figure.
#[test]
fn every_prose_figure_read_is_checked() {
    let mut n = 0;
    for s in ["000", "004"] {
        let text = seed(s);
        let base = run(&text);
        assert!(
            base.figures.len() >= 10,
            "{s}: {} figures",
            base.figures.len()
        );
        for f in &base.figures {
            let old = &text[f.span.start..f.span.end];
            let new = if f.kind == "percent" {
                // 36 → 46, 18.5 → 28.5: no denominator gives it.
                f.value
                    .checked_add(gongkai_core::decimal::Decimal::from_int(10))
                    .unwrap()
                    .to_string()
            } else {
                (f.value.to_i64().expect("a count") + 100).to_string()
            };
            let mut changed = text.clone();
            changed.replace_range(f.span.start..f.span.end, &new);
            let r = run(&changed);
            let span = f.span.start..f.span.start + new.len();
            let hit = r.diagnostics.iter().any(|d| {
                d.spans()
                    .any(|sp| sp.start == span.start && sp.end == span.end)
            });
            assert!(hit, "{s}: {} {old} → {new} was not caught", f.kind);
            n += 1;
        }
    }
    assert!(n >= 30, "{n}");
}
