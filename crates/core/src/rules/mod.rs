//! Stage 6: the rules, one file per family, and their registry.
//!
//! Every rule is declared with [`rule!`]: its doc comment says what it
//! checks, quotes the template's wording it rests on and gives a failing
//! example. That comment is the single source of the rule's documentation:
//! rustdoc shows it, and [`REGISTRY`] carries it as text for the generated
//! `docs/rules.md`, the page and the CLI.

use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::model::Report;

pub mod applications;
pub mod document;
pub mod enumeration;
pub mod previous;
pub mod prose;
pub mod repair;
pub mod reviews;
pub mod structure;

/// A rule's identity and documentation.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id, e.g. `applications.column-balance`.
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what is checked.
    pub summary: &'static str,
    /// The doc comment, as Markdown.
    pub doc: &'static str,
}

impl Rule {
    /// The documentation as Markdown: the doc comment's lines without the
    /// space `///` leaves before each, joined by newlines (what
    /// `docs/rules.md`, the page, SARIF and `gongkai rule` show).
    pub fn markdown(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Declares a rule constant whose doc comment is also its documentation text.
macro_rules! rule {
    ($(#[doc = $doc:literal])* pub const $name:ident = ($code:literal, $sev:ident, $summary:literal);) => {
        $(#[doc = $doc])*
        pub const $name: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            severity: $crate::diagnostics::Severity::$sev,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use rule;

/// Every rule, in documentation order.
pub const REGISTRY: &[Rule] = &[
    structure::TEMPLATE_UNKNOWN,
    structure::TABLE_MISSING,
    structure::TABLE_UNREADABLE,
    structure::ROW_MISSING,
    structure::ROW_UNREADABLE,
    structure::CELL_BLANK,
    structure::CELL_INVALID,
    structure::INPUT_EMPTY,
    structure::INPUT_NOT_TEXT,
    structure::LABEL_TYPO,
    applications::COLUMN_BALANCE,
    applications::TOTAL_SUM,
    applications::ROW_SUM,
    reviews::GROUP_SUM,
    prose::MISMATCH,
    prose::OTHER_SCOPE,
    prose::NO_APPLICATIONS,
    prose::ALL_UPHELD,
    prose::PERCENTAGE,
    prose::PERCENTAGE_TOTAL,
    enumeration::EXCEEDS,
    enumeration::SUM,
    document::SECTION_MISSING,
    document::SECTION_ORDER,
    document::OVERVIEW_LENGTH,
    document::TEMPLATE_OUTDATED,
    document::YEAR_MISMATCH,
    document::SIGNING_DATE,
    document::FEE_STATEMENT,
    document::FEE_CONTRADICTION,
    previous::CARRY_OVER,
    previous::IN_FORCE,
];

/// Looks a rule up by its code.
pub fn lookup(code: &str) -> Option<&'static Rule> {
    REGISTRY.iter().find(|r| r.code == code)
}

/// What the rules read besides the model: the normalised text, its
/// headings and its prose.
pub struct Context<'a> {
    pub text: &'a str,
    pub headings: &'a [crate::sections::Heading],
    pub prose: &'a crate::prose::Prose,
    /// The year written in the title, if any.
    pub title_year: Option<i32>,
    pub template: crate::template::Template,
    /// Which of [`crate::template::MARKERS_2019`] the text holds, labels
    /// broken over lines included: bit `i` for marker `i` (found when the
    /// template was recognised).
    pub markers_2019: u32,
    pub lang: Lang,
}

/// Runs every rule on the model, then proposes the minimal repair.
pub fn run(report: &Report, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let lang = ctx.lang;
    let grid = applications::Grid::new(report);
    applications::check_grid(grid.as_ref(), lang, out);
    reviews::check(report, lang, out);
    repair::attach_grid(report, grid.as_ref(), out);
    prose::check(report, ctx, out);
    enumeration::check(ctx, out);
    document::check(report, ctx, out);
}

/// Documentation of every rule as Markdown (the content of `docs/rules.md`).
pub fn docs_markdown() -> String {
    let mut s = String::from(
        "# gongkai rules\n\n<!-- Generated from the rules' doc comments in crates/core/src/rules by \
         `cargo test -p gongkai-core --test docs` (set UPDATE_DOCS=1 to rewrite). Do not edit. -->\n\n\
",
    );
    s.push_str(&summary_table("#"));
    for r in REGISTRY {
        s.push_str(&format!(
            "\n## {}\n\n_Severity: {}._\n\n",
            r.code,
            r.severity.as_str()
        ));
        s.push_str(&r.markdown());
        s.push('\n');
    }
    s
}

/// The table of every rule (id linked to `{link}anchor`, severity, one-line
/// summary): the head of `docs/rules.md` and, linked to that file, the
/// README's list.
pub fn summary_table(link: &str) -> String {
    let mut s = String::from("| rule | severity | checks |\n|---|---|---|\n");
    for r in REGISTRY {
        s.push_str(&format!(
            "| [`{}`]({link}{}) | {} | {} |\n",
            r.code,
            anchor(r.code),
            r.severity.as_str(),
            r.summary
        ));
    }
    s
}

/// The Markdown anchor of a rule's heading.
pub fn anchor(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
