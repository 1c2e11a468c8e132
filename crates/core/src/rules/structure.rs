//! Structure rules: the template's tables, rows and cells are present and
//! readable. These findings come from the table stage, which is where a
//! cell is found blank or a row unreadable; this file documents them.

use super::rule;

rule! {
    /// Recognises which official format the report follows, and says so when
    /// it follows none.
    ///
    /// Reports on 2021 and later use the format of 国办公开办函〔2021〕30号;
    /// reports on 2019 and 2020 that of 国办公开办函〔2019〕60号. Reports before
    /// 2019 used a free statistics table (统计指标 / 单位 / 数量) that neither
    /// template describes, so its figures cannot be checked against the
    /// template's relations.
    ///
    /// **Fails:** a 2018 report whose section 三 is a list "收到政府信息公开申请 12 件".
    pub const TEMPLATE_UNKNOWN = ("template.unknown", Warning, "the report follows neither the 2019 nor the 2021 format");
}

rule! {
    /// One of the template's three tables (section 二 主动公开, section 三
    /// 收到和处理政府信息公开申请, section 四 行政复议、行政诉讼) cannot be found.
    ///
    /// 国办公开办函〔2021〕30号 prescribes the three tables; a report without
    /// one cannot be checked, and a reader cannot find the figures.
    ///
    /// **Fails:** section 四 that says only "本年度无行政复议、行政诉讼" with no table.
    pub const TABLE_MISSING = ("table.missing", Error, "a required table cannot be found");
}

rule! {
    /// A table is there — its labels and figures are found — but the figures
    /// are not laid out in rows, so which figure belongs to which cell cannot
    /// be told. This is what the text layer of many PDFs gives: the labels
    /// first, then the figures column by column.
    ///
    /// gongkai never guesses a figure: the table is reported as unreadable as
    /// a whole, and its relations are not checked. Copy the table from the
    /// original document (Word, WPS, the web page) instead.
    ///
    /// **Fails:** "一、本年新收…\n二、上年结转…\n（一）予以公开\n…\n21\n0\n0\n4…".
    pub const TABLE_UNREADABLE = ("table.unreadable", Error, "a table's figures are not laid out in rows");
}

rule! {
    /// A row of a template table is missing.
    ///
    /// Every row of the template must appear, even when all its figures are
    /// 0: "（四）无法提供 … 3.补正后申请内容仍不明确" cannot be dropped.
    ///
    /// **Fails:** a section 三 table that goes from "2.重复申请" straight to
    /// "4.无正当理由大量反复申请".
    pub const ROW_MISSING = ("table.row-missing", Error, "a row of a template table is missing");
}

rule! {
    /// A row is present but its figures cannot be assigned to the columns
    /// without guessing: too many or too few figures, or figures run together
    /// with no separator ("行政规范性文件8855698" may be 88|55|698 or 885|56|98).
    ///
    /// gongkai never guesses a figure; the row's cells are reported as
    /// unread (`null`) and the relations that need them are not checked.
    ///
    /// **Fails:** "一、本年新收政府信息公开申请数量	51	3	0	55" (4 figures for 7 columns).
    pub const ROW_UNREADABLE = ("table.row-unreadable", Error, "a row's figures cannot be read without guessing");
}

rule! {
    /// A cell of a template table is blank or holds a mark ("/", "—", "无")
    /// instead of a figure.
    ///
    /// The template's tables are statistics: every cell has a figure, 0 when
    /// there is nothing to count. A blank cell leaves the reader unable to
    /// tell 0 from "not reported".
    ///
    /// **Fails:** section 四 with the five 行政复议 cells left empty.
    pub const CELL_BLANK = ("cell.blank", Error, "a table cell is blank");
}

rule! {
    /// A cell holds something that is not a valid figure for its column:
    /// counts (件数) must be non-negative integers, amounts (万元) non-negative
    /// decimals, the 2019 format's 本年增/减 an integer.
    ///
    /// **Fails:** "3.5" in the 自然人 column of "（一）予以公开".
    pub const CELL_INVALID = ("cell.invalid", Error, "a table cell is not a valid figure");
}

rule! {
    /// The input is empty, or holds only spaces and line breaks.
    ///
    /// **Fails:** an empty file, or a paste of nothing but blank lines.
    pub const INPUT_EMPTY = ("input.empty", Error, "the input is empty");
}

rule! {
    /// The input does not look like text: binary data, a PDF's bytes pasted as
    /// characters, or a document in an encoding that was read wrongly. The
    /// report is still searched for tables, but most findings will be
    /// missing-table errors.
    ///
    /// **Fails:** "%PDF-1.7 … stream x\u{fffd}\u{fffd}…" pasted into the page.
    pub const INPUT_NOT_TEXT = ("input.not-text", Error, "the input is not readable text");
}

rule! {
    /// A row label differs from the template's wording by a typo (the row
    /// was still recognised): the fix restores the template's label.
    ///
    /// The template's labels are fixed by 国办公开办函〔2021〕30号; a report
    /// that misspells one ("其他法律行政止公开", seen in a published report)
    /// reads as careless and confuses evaluators who search for the label.
    ///
    /// **Fails:** "2.其他法律行政止公开" (template: 其他法律行政法规禁止公开).
    pub const LABEL_TYPO = ("table.label-typo", Info, "a row label differs from the template's wording");
}
