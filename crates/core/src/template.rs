//! The official template: its sections, tables, rows and columns, with the
//! stable keys of the report model (`../shared/spec/report-model.md`) and
//! the phrases by which a row is recognised in a pasted table.
//!
//! 国办公开办函〔2021〕30号 fixes the 2021 format; 国办公开办函〔2019〕60号 the
//! 2019 one. The two differ in section 二's columns and in section 三's row
//! （六）, which the 2021 format splits into three.

use serde::{Serialize, Serializer};

/// Which official format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// 国办公开办函〔2021〕30号, for reports on 2021 and later.
    V2021,
    /// 国办公开办函〔2019〕60号, for reports on 2019 and 2020.
    V2019,
    /// Neither: a pre-2019 statistics table, or no table at all.
    Unknown,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Template::V2021 => "2021",
            Template::V2019 => "2019",
            Template::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Template> {
        match s {
            "2021" => Some(Template::V2021),
            "2019" => Some(Template::V2019),
            "unknown" => Some(Template::Unknown),
            _ => None,
        }
    }
}

impl Serialize for Template {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The six sections, in order: (number, short title, long/alternative titles).
pub const SECTIONS: [(u8, &str, &[&str]); 6] = [
    (1, "总体情况", &["总体情况", "基本情况", "概述"]),
    (
        2,
        "主动公开政府信息情况",
        &[
            "主动公开政府信息情况",
            "主动公开政府信息",
            "主动公开情况",
            "主动公开",
        ],
    ),
    (
        3,
        "收到和处理政府信息公开申请情况",
        &[
            "收到和处理政府信息公开申请情况",
            "收到和处理政府信息公开申请",
            "依申请公开政府信息情况",
            "依申请公开情况",
        ],
    ),
    (
        4,
        "政府信息公开行政复议、行政诉讼情况",
        &[
            "政府信息公开行政复议行政诉讼情况",
            "政府信息公开行政复议及行政诉讼情况",
            "行政复议行政诉讼情况",
            "行政复议和行政诉讼情况",
            "因政府信息公开申请行政复议行政诉讼情况",
        ],
    ),
    (
        5,
        "存在的主要问题及改进情况",
        &[
            "存在的主要问题及改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
            "存在的主要问题和下一步工作措施",
            "存在的主要问题",
            "主要问题及改进情况",
            "存在的问题及改进措施",
            "存在问题及改进措施",
        ],
    ),
    (
        6,
        "其他需要报告的事项",
        &["其他需要报告的事项", "其他需要报告事项", "其他事项"],
    ),
];

/// How a row label is recognised.
#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    /// Stable key in the model.
    pub key: &'static str,
    /// The template's label (used in messages).
    pub label: &'static str,
    /// Phrases that identify the row when the (normalised) label contains them.
    pub phrases: &'static [&'static str],
    /// Labels that identify the row only when the whole label equals them.
    pub exact: &'static [&'static str],
    /// Number of value columns.
    pub columns: &'static [ColDef],
}

#[derive(Debug, Clone, Copy)]
pub struct ColDef {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: ValueKind,
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A non-negative integer.
    Count,
    /// A signed integer (the 2019 format's 本年增/减).
    Change,
    /// An amount in 万元, a non-negative decimal.
    Amount,
}

const fn col(key: &'static str, label: &'static str, kind: ValueKind) -> ColDef {
    ColDef { key, label, kind }
}

use ValueKind::{Amount, Change, Count};

pub const APPLICANT_COLUMNS: &[ColDef] = &[
    col("natural_person", "自然人", Count),
    col("commercial", "商业企业", Count),
    col("research", "科研机构", Count),
    col("social_org", "社会公益组织", Count),
    col("legal_service", "法律服务机构", Count),
    col("other_org", "其他", Count),
    col("total", "总计", Count),
];

const fn arow(
    key: &'static str,
    label: &'static str,
    phrases: &'static [&'static str],
    exact: &'static [&'static str],
) -> RowDef {
    RowDef {
        key,
        label,
        phrases,
        exact,
        columns: APPLICANT_COLUMNS,
    }
}

/// Section 三, 2021 format, in template order.
pub const APPLICATION_ROWS_2021: &[RowDef] = &[
    arow("new", "本年新收政府信息公开申请数量", &["本年新收"], &[]),
    arow(
        "carried_over",
        "上年结转政府信息公开申请数量",
        &["上年结转"],
        &[],
    ),
    arow("granted", "予以公开", &["予以公开"], &[]),
    arow("partly_granted", "部分公开", &["部分公开"], &[]),
    arow("withheld.state_secret", "属于国家秘密", &["国家秘密"], &[]),
    arow(
        "withheld.prohibited_by_law",
        "其他法律行政法规禁止公开",
        &["法律行政法规禁止", "禁止公开"],
        &[],
    ),
    arow(
        "withheld.security_stability",
        "危及“三安全一稳定”",
        &["三安全一稳定", "危及"],
        &[],
    ),
    arow(
        "withheld.third_party",
        "保护第三方合法权益",
        &["第三方合法权益", "保护第三方"],
        &[],
    ),
    arow(
        "withheld.internal_affairs",
        "属于三类内部事务信息",
        &["内部事务"],
        &[],
    ),
    arow(
        "withheld.process_info",
        "属于四类过程性信息",
        &["过程性信息"],
        &[],
    ),
    arow(
        "withheld.enforcement_file",
        "属于行政执法案卷",
        &["执法案卷"],
        &[],
    ),
    arow(
        "withheld.query_service",
        "属于行政查询事项",
        &["查询事项"],
        &[],
    ),
    arow(
        "unavailable.not_held",
        "本机关不掌握相关政府信息",
        &["不掌握"],
        &[],
    ),
    arow(
        "unavailable.needs_creation",
        "没有现成信息需要另行制作",
        &["另行制作", "没有现成信息"],
        &[],
    ),
    arow(
        "unavailable.unclear",
        "补正后申请内容仍不明确",
        &["仍不明确", "补正后申请"],
        &[],
    ),
    arow(
        "not_processed.petition",
        "信访举报投诉类申请",
        &["信访举报投诉", "信访举报"],
        &[],
    ),
    arow("not_processed.duplicate", "重复申请", &["重复申请"], &[]),
    arow(
        "not_processed.publication",
        "要求提供公开出版物",
        &["公开出版物"],
        &[],
    ),
    arow(
        "not_processed.excessive",
        "无正当理由大量反复申请",
        &["大量反复"],
        &[],
    ),
    arow(
        "not_processed.confirmation",
        "要求行政机关确认或重新出具已获取信息",
        &["重新出具", "确认或重新"],
        &[],
    ),
    arow(
        "other.no_correction",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        &["无正当理由逾期", "逾期不补正"],
        &[],
    ),
    arow(
        "other.unpaid_fee",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        &["收费通知", "缴纳费用"],
        &[],
    ),
    arow("other.other", "其他", &[], &["其他"]),
    arow("total", "总计", &["总计"], &[]),
    arow(
        "carried_forward",
        "结转下年度继续办理",
        &["结转下年度", "结转下一年度"],
        &[],
    ),
];

/// Section 三, 2019 format: （六） is a single row.
pub const APPLICATION_ROWS_2019: &[RowDef] = &[
    arow("new", "本年新收政府信息公开申请数量", &["本年新收"], &[]),
    arow(
        "carried_over",
        "上年结转政府信息公开申请数量",
        &["上年结转"],
        &[],
    ),
    arow("granted", "予以公开", &["予以公开"], &[]),
    arow("partly_granted", "部分公开", &["部分公开"], &[]),
    arow("withheld.state_secret", "属于国家秘密", &["国家秘密"], &[]),
    arow(
        "withheld.prohibited_by_law",
        "其他法律行政法规禁止公开",
        &["法律行政法规禁止", "禁止公开"],
        &[],
    ),
    arow(
        "withheld.security_stability",
        "危及“三安全一稳定”",
        &["三安全一稳定", "危及"],
        &[],
    ),
    arow(
        "withheld.third_party",
        "保护第三方合法权益",
        &["第三方合法权益", "保护第三方"],
        &[],
    ),
    arow(
        "withheld.internal_affairs",
        "属于三类内部事务信息",
        &["内部事务"],
        &[],
    ),
    arow(
        "withheld.process_info",
        "属于四类过程性信息",
        &["过程性信息"],
        &[],
    ),
    arow(
        "withheld.enforcement_file",
        "属于行政执法案卷",
        &["执法案卷"],
        &[],
    ),
    arow(
        "withheld.query_service",
        "属于行政查询事项",
        &["查询事项"],
        &[],
    ),
    arow(
        "unavailable.not_held",
        "本机关不掌握相关政府信息",
        &["不掌握"],
        &[],
    ),
    arow(
        "unavailable.needs_creation",
        "没有现成信息需要另行制作",
        &["另行制作", "没有现成信息"],
        &[],
    ),
    arow(
        "unavailable.unclear",
        "补正后申请内容仍不明确",
        &["仍不明确", "补正后申请"],
        &[],
    ),
    arow(
        "not_processed.petition",
        "信访举报投诉类申请",
        &["信访举报投诉", "信访举报"],
        &[],
    ),
    arow("not_processed.duplicate", "重复申请", &["重复申请"], &[]),
    arow(
        "not_processed.publication",
        "要求提供公开出版物",
        &["公开出版物"],
        &[],
    ),
    arow(
        "not_processed.excessive",
        "无正当理由大量反复申请",
        &["大量反复"],
        &[],
    ),
    arow(
        "not_processed.confirmation",
        "要求行政机关确认或重新出具已获取信息",
        &["重新出具", "确认或重新"],
        &[],
    ),
    arow("other", "其他处理", &[], &["其他处理"]),
    arow("total", "总计", &["总计"], &[]),
    arow(
        "carried_forward",
        "结转下年度继续办理",
        &["结转下年度", "结转下一年度"],
        &[],
    ),
];

/// The rows whose sum is （七）总计 (everything between 二 and （七）).
pub fn is_result_row(key: &str) -> bool {
    !matches!(key, "new" | "carried_over" | "total" | "carried_forward")
}

pub const REVIEW_COLUMNS: &[ColDef] = &[
    col("upheld", "结果维持", Count),
    col("corrected", "结果纠正", Count),
    col("other", "其他结果", Count),
    col("pending", "尚未审结", Count),
    col("total", "总计", Count),
];

/// Section 四's three groups, in the order of the table's one data row.
pub const REVIEW_GROUPS: &[(&str, &str)] = &[
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼·复议后起诉"),
];

const fn prow(
    key: &'static str,
    label: &'static str,
    phrases: &'static [&'static str],
    columns: &'static [ColDef],
) -> RowDef {
    RowDef {
        key,
        label,
        phrases,
        exact: &[],
        columns,
    }
}

const DOCS_2021: &[ColDef] = &[
    col("issued", "本年制发件数", Count),
    col("repealed", "本年废止件数", Count),
    col("in_force", "现行有效件数", Count),
];
const DECISIONS_2021: &[ColDef] = &[col("decisions", "本年处理决定数量", Count)];
const FEES_2021: &[ColDef] = &[col("amount", "本年收费金额（万元）", Amount)];

/// Section 二, 2021 format.
pub const PROACTIVE_ROWS_2021: &[RowDef] = &[
    prow("rules", "规章", &["规章"], DOCS_2021),
    prow(
        "normative_documents",
        "行政规范性文件",
        &["规范性文件"],
        DOCS_2021,
    ),
    prow("licensing", "行政许可", &["行政许可"], DECISIONS_2021),
    prow("penalty", "行政处罚", &["行政处罚"], DECISIONS_2021),
    prow("coercion", "行政强制", &["行政强制"], DECISIONS_2021),
    prow("fees", "行政事业性收费", &["事业性收费"], FEES_2021),
];

const DOCS_2019: &[ColDef] = &[
    col("made", "本年新制作数量", Count),
    col("published", "本年新公开数量", Count),
    col("total_public", "对外公开总数量", Count),
];
const ITEMS_2019: &[ColDef] = &[
    col("previous_items", "上一年项目数量", Count),
    col("change", "本年增/减", Change),
    col("decisions", "处理决定数量", Count),
];
const FEES_2019: &[ColDef] = &[
    col("previous_items", "上一年项目数量", Count),
    col("change", "本年增/减", Change),
];
const PROCUREMENT_2019: &[ColDef] = &[
    col("projects", "采购项目数量", Count),
    col("amount", "采购总金额", Amount),
];

/// Section 二, 2019 format.
pub const PROACTIVE_ROWS_2019: &[RowDef] = &[
    prow("rules", "规章", &["规章"], DOCS_2019),
    prow(
        "normative_documents",
        "规范性文件",
        &["规范性文件"],
        DOCS_2019,
    ),
    prow("licensing", "行政许可", &["行政许可"], ITEMS_2019),
    prow(
        "other_services",
        "其他对外管理服务事项",
        &["对外管理服务"],
        ITEMS_2019,
    ),
    prow("penalty", "行政处罚", &["行政处罚"], ITEMS_2019),
    prow("coercion", "行政强制", &["行政强制"], ITEMS_2019),
    prow("fees", "行政事业性收费", &["事业性收费"], FEES_2019),
    prow(
        "procurement",
        "政府集中采购",
        &["集中采购"],
        PROCUREMENT_2019,
    ),
];

/// Phrases that only the 2021 format contains.
pub const MARKERS_2021: &[&str] = &[
    "本年制发件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "逾期不补正",
    "缴纳费用",
];
/// Phrases that only the 2019 format contains.
pub const MARKERS_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "其他对外管理服务事项",
    "政府集中采购",
    "采购项目数量",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `Row::cell_at` finds a column by its place: no list may name a key
    /// twice.
    #[test]
    fn column_keys_are_unique() {
        let rows = [
            APPLICATION_ROWS_2021,
            APPLICATION_ROWS_2019,
            PROACTIVE_ROWS_2021,
            PROACTIVE_ROWS_2019,
        ];
        let lists = rows.iter().flat_map(|r| r.iter().map(|d| d.columns));
        for cols in lists.chain([APPLICANT_COLUMNS, REVIEW_COLUMNS]) {
            for (i, c) in cols.iter().enumerate() {
                assert!(cols[..i].iter().all(|d| d.key != c.key), "{}", c.key);
            }
        }
    }

    /// The table reader compares phrases without normalising them again.
    #[test]
    fn phrases_are_canonical() {
        for rows in [
            APPLICATION_ROWS_2021,
            APPLICATION_ROWS_2019,
            PROACTIVE_ROWS_2021,
            PROACTIVE_ROWS_2019,
        ] {
            for r in rows {
                for p in r.phrases.iter().chain(r.exact) {
                    assert_eq!(crate::labels::canonical(p), *p, "{}", r.key);
                }
            }
        }
    }
}
