//! Last year's report: the figures one year's report carries into the next.
//!
//! These rules compare two reports of the same body for consecutive years;
//! [`crate::compare::compare`] runs them (a single report cannot be checked
//! against them), and [`crate::compare::pair`] finds the pairs in a batch.
//! Their `span` points into this year's report; a `related` entry whose
//! label starts with "上年报告：" ("previous report: " in English) points
//! into last year's report ([`crate::compare::is_previous_label`]).

use super::rule;

rule! {
    /// For each of the seven columns of section 三, this year's
    /// 二、上年结转政府信息公开申请数量 equals last year's
    /// 四、结转下年度继续办理.
    ///
    /// The template's rows say it: what a body "结转下年度继续办理" at the
    /// end of one year is what it "上年结转" at the start of the next. A
    /// difference means an application was lost or counted twice across the
    /// two reports, whichever of them is right on its own. Checked for
    /// reports of consecutive years only (`gongkai check --previous LAST
    /// THIS`, or pairs found in a batch), in both the 2019 and the 2021
    /// format.
    ///
    /// **Fails:** 2023 report, 自然人 column: 上年结转 3; the same body's 2022
    /// report: 结转下年度继续办理 4.
    pub const CARRY_OVER = ("previous.carry-over", Error, "上年结转 = last year's 结转下年度, in every column");
}

rule! {
    /// For 规章 and 行政规范性文件 (2021 format, section 二), this year's
    /// 现行有效件数 equals last year's 现行有效件数 + this year's 本年制发件数 −
    /// this year's 本年废止件数.
    ///
    /// The columns of 国办公开办函〔2021〕30号 (本年制发件数, 本年废止件数,
    /// 现行有效件数) describe a stock and its flows, so the stock should
    /// follow from last year's. A warning, not an error: a clean-up (清理)
    /// that declares documents invalid without a formal repeal, documents
    /// that expire, or a recount can legitimately break the chain; a person
    /// must judge. Checked only when both reports use the 2021 format.
    ///
    /// **Fails:** 2022 report: 规章 现行有效件数 10; 2023 report: 本年制发件数 2,
    /// 本年废止件数 1, 现行有效件数 12 (10 + 2 − 1 = 11).
    pub const IN_FORCE = ("previous.in-force", Warning, "现行有效件数 = last year's + 本年制发 − 本年废止 (规章, 行政规范性文件)");
}
